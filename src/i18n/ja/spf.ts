import type { spf as en } from '../en/spf.js';

/** Japanese messages of the SPF module. */
export const spf: typeof en = {
  'spf.syntax.not-spf': 'レコードが "v=spf1" で始まっていません',
  'spf.syntax.non-ascii': 'SPF レコードには 7 ビット ASCII 以外の文字を使えません',
  'spf.syntax.control-char': '制御文字があります（項目の区切りは半角スペースのみです）',
  'spf.syntax.unknown-mechanism': '不明なメカニズムです',
  'spf.syntax.missing-argument': '":" または "=" の後に値が必要です',
  'spf.syntax.unexpected-argument': 'このメカニズムはこの引数を取りません',
  'spf.syntax.bad-cidr': 'CIDR のプレフィックス長が不正です（IPv4 は 0〜32、IPv6 は 0〜128、先頭に 0 は付けません）',
  'spf.syntax.bad-ip4': 'IPv4 アドレスが不正です',
  'spf.syntax.bad-ip6': 'IPv6 アドレスが不正です',
  'spf.syntax.bad-domain-spec': 'ドメインはマクロか、"." と正しいトップレベルラベルで終わる必要があります',
  'spf.syntax.bad-macro': 'マクロの書式が不正です（%{文字}、%%、%_、%- のいずれかを使います）',
  'spf.syntax.exp-only-macro': 'マクロ文字 c、r、t は説明文（exp）の中でのみ使えます',
  'spf.syntax.duplicate-modifier': 'redirect= と exp= はそれぞれ 1 回しか書けません',
  'spf.syntax.bad-modifier-name': '修飾子の名前が不正です',
  'spf.syntax.at': (p: { position: number; term?: string; detail?: string; reason: string }) =>
    `${p.position + 1} 文字目${p.term ? `（"${p.term}"）` : ''}に構文エラー: ${p.reason}${p.detail ? `（${p.detail}）` : ''}`,
};
