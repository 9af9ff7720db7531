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
  'spf.meaning.pass': 'このドメインは、この IP アドレスからの送信を許可しています',
  'spf.meaning.fail': 'このドメインは、この IP アドレスからの送信を許可していないと宣言しています。受信側はメールを拒否できます',
  'spf.meaning.softfail':
    'このドメインは、この IP アドレスはおそらく正規の送信元ではないと宣言していますが、それだけで拒否しないよう求めています（通常は受け取ったうえで疑わしいメールとして扱います）',
  'spf.meaning.neutral': 'このドメインは、この IP アドレスについて何も表明していません。SPF レコードが無い場合と同じに扱います',
  'spf.meaning.none': '適用される SPF レコードが無いため、SPF ではこの IP アドレスについて何も判断できません',
  'spf.meaning.temperror': '一時的な DNS の問題で検査を完了できませんでした。後で再試行すれば判定できる可能性があります',
  'spf.meaning.permerror': 'このドメインの SPF レコードは評価できません。ドメインの管理者が修正する必要があります',
  'spf.identity.mailfrom': 'MAIL FROM',
  'spf.identity.helo': 'HELO',
  'spf.explain.headline': (p: { result: string; domain: string; identity: string; ip: string }) =>
    `SPF ${p.result}：${p.domain}（${p.identity}）、接続元 ${p.ip}`,
  'spf.explain.matched': (p: { term: string; domain: string }) => `${p.domain} のレコードの "${p.term}" で決まりました`,
  'spf.explain.default-neutral': 'どのメカニズムにも一致せず redirect= も無いため、結果は neutral です（RFC 7208 §4.7）',
  'spf.explain.explanation': (p: { text: string }) => `ドメインが示す説明文：「${p.text}」`,
  'spf.explain.counts': (p: { lookups: number; voidLookups: number; queries: number }) =>
    `DNS を引く項目：${p.lookups}（上限 10）、空振りの検索：${p.voidLookups}（上限 2）、DNS 問い合わせの総数：${p.queries}`,
  'spf.explain.steps': '手順：',
  'spf.reason.invalid-domain': (p: { domain: string }) =>
    `"${p.domain}" は SPF レコードを持てるドメイン名ではありません（ラベルが 2 つ以上必要です。RFC 7208 §4.3）`,
  'spf.reason.nxdomain': (p: { domain: string }) => `ドメイン ${p.domain} は存在しません（NXDOMAIN）`,
  'spf.reason.no-record': (p: { domain: string }) => `${p.domain} は SPF レコードを公開していません（"v=spf1" で始まる TXT レコードがありません）`,
  'spf.reason.syntax': (p: { domain: string; message: string }) => `${p.domain} の SPF レコードが不正です：${p.message}`,
  'spf.reason.multiple-records': (p: { domain: string; count: number }) =>
    `${p.domain} は SPF レコードを ${p.count} 件公開しています。1 件だけでなければなりません（RFC 7208 §4.5）`,
  'spf.reason.too-many-lookups': (p: { domain: string; term: string; limit: number }) =>
    `DNS を引く項目（include、a、mx、ptr、exists、redirect）が ${p.limit} 個を超えました。${p.domain} の "${p.term}" で上限を超えています（RFC 7208 §4.6.4）`,
  'spf.reason.too-many-void-lookups': (p: { domain: string; term: string; limit: number }) =>
    `何も見つからない検索（NXDOMAIN またはレコード無し）が ${p.limit} 回を超えました。${p.domain} の "${p.term}" で上限を超えています（RFC 7208 §4.6.4）`,
  'spf.reason.too-many-mx': (p: { domain: string; target: string; count: number; limit: number }) =>
    `${p.target} には MX レコードが ${p.count} 件ありますが、${p.domain} の "mx" が調べられるのは ${p.limit} 件までです（RFC 7208 §4.6.4）`,
  'spf.reason.include-none': (p: { domain: string; target: string }) =>
    `${p.domain} の "include:${p.target}" が指すドメインには SPF レコードがありません（RFC 7208 §5.2）`,
  'spf.reason.redirect-none': (p: { domain: string; target: string }) =>
    `${p.domain} の "redirect=${p.target}" が指すドメインには SPF レコードがありません（RFC 7208 §6.1）`,
  'spf.reason.dns-timeout': (p: { name: string; type: string }) => `${p.name} の ${p.type} の DNS 問い合わせがタイムアウトしました`,
  'spf.reason.dns-error': (p: { name: string; type: string; rcode: string }) => `${p.name} の ${p.type} の DNS 問い合わせが失敗しました（${p.rcode}）`,
  'spf.reason.deadline': (p: { timeout?: number }) =>
    p.timeout === undefined ? '検査は完了前に中止されました' : `検査が ${p.timeout} ミリ秒以内に終わりませんでした`,
  'spf.trace.lookup': (p: { type: string; name: string; answer: string; lookups: number; voidLookups: number }) =>
    `DNS ${p.type} ${p.name} -> ${p.answer} ［項目 ${p.lookups}、空振り ${p.voidLookups}］`,
  'spf.trace.record': (p: { domain: string; text: string }) => `${p.domain} の SPF レコード："${p.text}"`,
  'spf.trace.term': (p: { term: string; target?: string; matched: boolean }) =>
    `${p.term}${p.target !== undefined ? `（対象 ${p.target}）` : ''}：${p.matched ? '一致' : '不一致'}`,
  'spf.trace.include': (p: { target: string; result: string }) =>
    `include:${p.target} の結果は ${p.result}。したがって include は${p.result === 'pass' ? '一致します' : '一致しません'}`,
  'spf.trace.redirect': (p: { target: string }) => `どのメカニズムにも一致しないため redirect=${p.target} に進みます`,
  'spf.trace.limit.dns': (p: { count: number }) => `上限：これは ${p.count} 個目の DNS を引く項目になります`,
  'spf.trace.limit.void': (p: { count: number }) => `上限：これは ${p.count} 回目の空振りの検索です`,
  'spf.trace.limit.mx-names': (p: { count: number }) => `MX レコードが ${p.count} 件あります。調べるのは最初の 10 件だけです`,
  'spf.trace.limit.ptr-names': (p: { count: number }) => `PTR 名が ${p.count} 件あります。調べるのは最初の 10 件だけです`,
  'spf.trace.error': (p: { domain: string; code: string }) => `${p.domain} の評価中に停止しました（${p.code}）`,
};
