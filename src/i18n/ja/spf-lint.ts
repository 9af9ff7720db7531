import type { spfLint as en } from '../en/spf-lint.js';
import type { SpfLintParams as P, SpfNoRecordReason } from '../../spf/lint-types.js';
import { spf } from './spf.js';

const noRecord: Record<SpfNoRecordReason, string> = {
  nxdomain: 'ドメイン名が存在しません（NXDOMAIN）',
  'no-txt': 'TXT レコードがありません',
  'no-spf': '"v=spf1" で始まる TXT レコードがありません',
  lookalike: 'SPF のつもりの TXT レコードに書き間違いがあります',
};

/** Japanese messages of the SPF lint. */
export const spfLint: typeof en = {
  'lint.spf.record.none': (p: P['spf.record.none']) =>
    `${p.domain} には SPF レコードがありません（${noRecord[p.reason]}）。受信側の SPF 判定は "none" となり、なりすましメールと正規のメールを区別できません。`,
  'lint.spf.record.none.fix': (p: P['spf.record.none']) =>
    p.reason === 'lookalike'
      ? '書き間違えた TXT レコードを、表示した正しいレコードに置き換えてください。'
      : p.reason === 'nxdomain'
        ? `${p.domain} の綴りを確認してください。メールを送るドメインであれば、DNS に登録したうえで SPF の TXT レコードを公開してください。`
        : `${p.domain} に "v=spf1" で始まる TXT レコードを 1 つ公開し、このドメインのメールを送るサーバーやサービスをすべて記載してください（例: "v=spf1 include:<利用中の配信サービス> ~all"）。メールを一切送らないドメインであれば、表示のとおり "v=spf1 -all" を公開してください。`,
  'lint.spf.record.multiple': (p: P['spf.record.multiple']) =>
    `${p.domain} に SPF レコードが ${p.count} 件あります。RFC 7208 §4.5 では 1 件だけと定められており、受信側は permerror と判定するため、すべてのメールで SPF が失敗します。`,
  'lint.spf.record.multiple.fix': (p: P['spf.record.multiple']) =>
    `${p.domain} の SPF レコードを 1 件にまとめてください。各レコードのメカニズムを 1 つの "v=spf1 ..." の TXT レコードに統合し（統合結果が明らかな場合は表示しています）、残りは削除してください。`,
  'lint.spf.record.syntax': (p: P['spf.record.syntax']) =>
    `${p.domain} の SPF レコードの ${p.position + 1} 文字目${p.term ? `（"${p.term}"）` : ''}に構文エラーがあります: ${spf[`spf.syntax.${p.code}`]}${p.detail ? `（${p.detail}）` : ''}。受信側は permerror と判定します。`,
  'lint.spf.record.syntax.fix': (p: P['spf.record.syntax']) =>
    `${p.term ? `"${p.term}" を` : 'レコードを'} RFC 7208 §12 の書式に合わせて修正し、もう一度チェックしてください。`,
  'lint.spf.record.lookalike': (p: P['spf.record.lookalike']) =>
    `${p.domain} に SPF のように見えて SPF として有効でない TXT レコードがあり、受信側には無視されます: "${p.text}"`,
  'lint.spf.record.lookalike.fix': (p: P['spf.record.lookalike']) =>
    `"${p.corrected}" に置き換えてください。SPF レコードは引用符や先頭の空白なしで、ちょうど "v=spf1" と半角スペースで始める必要があります。`,
  'lint.spf.record.sender-id': (p: P['spf.record.sender-id']) =>
    `${p.domain} に Sender ID のレコード（"${p.text}"）が残っています。Sender ID（RFC 4406）は廃止されており、現在はどこも検査していません。`,
  'lint.spf.record.sender-id.fix': () => 'このレコードは削除してかまいません。SPF には影響しません。',
  'lint.spf.record.too-long': (p: P['spf.record.too-long']) =>
    `${p.domain} の SPF レコードは ${p.bytes} バイトあります。DNS の応答が UDP パケット 1 つに収まるよう、RFC 7208 §3.4 は ${p.limit} バイト以下を推奨しています。`,
  'lint.spf.record.too-long.fix': () =>
    'レコードを短くしてください。ip4/ip6 の範囲をより広いプレフィックスにまとめる、使っていない送信元を削除する、アドレス群を自社サブドメインの include に移す、などの方法があります。',
  'lint.spf.string.too-long': (p: P['spf.string.too-long']) =>
    `${p.domain} の SPF レコードの ${p.index} 番目の文字列は ${p.bytes} バイトあります。DNS の 1 文字列は最大 ${p.limit} バイトのため、多くの DNS サーバーで登録できないか、途中で切り捨てられます。`,
  'lint.spf.string.too-long.fix': () =>
    '表示のとおり、255 バイト以下の複数の文字列（それぞれ引用符で囲む）に分割してください。受信側は空白を挟まずに連結します。',
  'lint.spf.string.missing-space': (p: P['spf.string.missing-space']) =>
    `${p.domain} の SPF レコードは複数の文字列に分割されていますが、${p.index} 番目と ${p.index + 1} 番目の文字列が空白なしでつながり（"…${p.before.slice(-20)}" + "${p.after.slice(0, 20)}…"）、2 つの項目が 1 つになっています。`,
  'lint.spf.string.missing-space.fix': () =>
    '受信側は文字列をそのまま連結します。表示のとおり、前の文字列の末尾（または次の文字列の先頭）に半角スペースを入れてください。',
  'lint.spf.rr-spf.obsolete': (p: P['spf.rr-spf.obsolete']) =>
    `${p.domain} に廃止された SPF タイプ（99）のレコードがあります。RFC 7208 §3.1 で廃止され、受信側は TXT レコードしか参照しません。`,
  'lint.spf.rr-spf.obsolete.fix': () => 'SPF タイプのレコードを削除し、TXT レコードだけを残してください。',
  'lint.spf.rr-spf.differs': (p: P['spf.rr-spf.differs']) =>
    `${p.domain} の SPF タイプのレコード（"${p.spf}"）が TXT の SPF レコード（"${p.txt}"）と異なります。片方を変更したときにもう片方の更新を忘れた可能性があります。`,
  'lint.spf.rr-spf.differs.fix': () =>
    'SPF タイプのレコードを削除してください。有効なのは TXT レコードだけです。TXT レコードの内容が意図どおりかも確認してください。',
  'lint.spf.lookups.too-many': (p: P['spf.lookups.too-many']) =>
    `${p.domain} の SPF レコードの評価には DNS 参照が ${p.count} 回必要です。RFC 7208 §4.6.4 の上限は ${p.limit} 回のため、受信側は permerror と判定し、すべてのメールで SPF が失敗します。内訳: ${p.branches}。`,
  'lint.spf.lookups.too-many.fix': (p: P['spf.lookups.too-many']) =>
    `${p.limit} 回以下に減らしてください。使っていないサービスの include を削除する、a・mx・ptr を ip4/ip6 の範囲に置き換える、一部のメールを独自の SPF レコードを持つサブドメインから送る、などの方法があります。明らかな場合は削減後のレコードを表示しています。配信サービスの IP アドレスは変わるため、自分で書き写す（フラット化する）のは避けてください。`,
  'lint.spf.lookups.near-limit': (p: P['spf.lookups.near-limit']) =>
    `${p.domain} の SPF レコードは、上限 ${p.limit} 回のうち ${p.count} 回の DNS 参照を使っています。自社または配信サービス側で include が 1 つ増えるだけで SPF が失敗する可能性があります。`,
  'lint.spf.lookups.near-limit.fix': () =>
    '余裕を残してください。使っていない include を削除し、アドレスが固定のサーバーは a・mx の代わりに ip4/ip6 で記載してください。',
  'lint.spf.mx.too-many-names': (p: P['spf.mx.too-many-names']) =>
    `${p.domain} の SPF レコードの "${p.term}" が参照する MX は ${p.count} 件あります。RFC 7208 §4.6.4 の上限は ${p.limit} 件のため、このメカニズムは permerror になります。`,
  'lint.spf.mx.too-many-names.fix': () => '"mx" を、実際にメールを送信するサーバーの ip4/ip6 の範囲に置き換えてください。',
  'lint.spf.void.too-many': (p: P['spf.void.too-many']) =>
    `${p.domain} の SPF の評価で、結果が空になる DNS 参照（存在しない名前やレコードのない名前）が ${p.count} 回あります。RFC 7208 §4.6.4 の上限は ${p.limit} 回のため、受信側は permerror と判定します。`,
  'lint.spf.void.too-many.fix': () => 'レコードのない名前を指している項目（void lookup として表示）を削除するか、正しい名前に直してください。',
  'lint.spf.void.lookup': (p: P['spf.void.lookup']) =>
    `${p.domain} の SPF レコードの "${p.term}" は ${p.name} を参照しますが、${p.status === 'nxdomain' ? 'この名前は存在しません' : '該当するレコードがありません'}。これは結果が空の DNS 参照（void lookup）で、受信側は 2 回までしか許しません。`,
  'lint.spf.void.lookup.fix': (p: P['spf.void.lookup']) => `"${p.term}" を削除するか、綴りが誤っていれば正しい名前に直してください。`,
  'lint.spf.ptr.used': (p: P['spf.ptr.used']) =>
    `${p.domain} の SPF レコードで "${p.term}" が使われています。ptr は遅く信頼性が低いため RFC 7208 §5.5 で使用すべきでない（SHOULD NOT）とされており、無視する受信側もあります。`,
  'lint.spf.ptr.used.fix': () => 'ptr の代わりに、メールを送信するサーバーの ip4/ip6 の範囲（または "a:" とホスト名）を記載してください。',
  'lint.spf.all.pass': (p: P['spf.all.pass']) =>
    `${p.domain} の SPF レコードが "${p.term}" で終わっています。インターネット上のどのサーバーから送っても、このドメインの SPF は pass になります。`,
  'lint.spf.all.pass.fix': () =>
    '表示のとおり "~all"（softfail）にしてください。正規の送信元をすべて記載できたと確認できたら "-all" にしてください。',
  'lint.spf.all.neutral': (p: P['spf.all.neutral']) =>
    `${p.domain} の SPF レコードが "${p.term}" で終わっています。記載されていないサーバーは "neutral" となり、なりすまし対策になりません。`,
  'lint.spf.all.neutral.fix': () => '表示のとおり "~all" にし、正規の送信元をすべて記載できたら "-all" にしてください。',
  'lint.spf.all.missing': (p: P['spf.all.missing']) =>
    `${p.domain} の SPF レコードに "all" も "redirect" もありません。記載されていないサーバーは既定の "neutral" になります（RFC 7208 §4.7）。`,
  'lint.spf.all.missing.fix': () => '表示のとおりレコードの末尾に "~all" を追加してください（送信元をすべて記載できたら "-all"）。',
  'lint.spf.all.not-last': (p: P['spf.all.not-last']) =>
    `${p.domain} の SPF レコードで "all" の後ろに ${p.count} 個の項目があり、これらは評価されません: ${p.terms}。`,
  'lint.spf.all.not-last.fix': () =>
    '表示のとおり削除してください（現在の動作は変わりません）。これらの送信元を許可するつもりだった場合は、"all" より前に移してください。',
  'lint.spf.redirect.ignored': (p: P['spf.redirect.ignored']) =>
    `${p.domain} の SPF レコードに "all" と "${p.term}" の両方があります。"all" があると redirect は無視されます（RFC 7208 §6.1）。`,
  'lint.spf.redirect.ignored.fix': () =>
    '表示のとおり redirect を削除してください（現在の動作は変わりません）。リダイレクト先のレコードで判定したい場合は、代わりに "all" を削除してください。',
  'lint.spf.include.self': (p: P['spf.include.self']) =>
    `${p.domain} の SPF レコードが "${p.term}" で自分自身を参照しています。無限ループとなり、受信側は permerror と判定します。`,
  'lint.spf.include.self.fix': (p: P['spf.include.self']) => `"${p.term}" を削除してください。`,
  'lint.spf.include.loop': (p: P['spf.include.loop']) =>
    `${p.domain} の SPF レコードの "${p.term}" で参照がループしています（${p.cycle}）。受信側は permerror と判定します。`,
  'lint.spf.include.loop.fix': (p: P['spf.include.loop']) => `"${p.term}" か、その先で元に戻っている項目を削除してください。`,
  'lint.spf.include.no-record': (p: P['spf.include.no-record']) =>
    `${p.domain} が include している ${p.target} に SPF レコードがありません（${noRecord[p.reason]}）。RFC 7208 §5.2 により permerror になります。`,
  'lint.spf.include.no-record.fix': (p: P['spf.include.no-record']) =>
    `${p.target} の綴りを配信サービスの案内と照らし合わせて確認してください。そのサービスを使っていなければ include を削除してください。`,
  'lint.spf.redirect.no-record': (p: P['spf.redirect.no-record']) =>
    `${p.domain} のリダイレクト先 ${p.target} に SPF レコードがありません（${noRecord[p.reason]}）。RFC 7208 §6.1 により permerror になります。`,
  'lint.spf.redirect.no-record.fix': (p: P['spf.redirect.no-record']) =>
    `${p.target} に SPF レコードを公開するか、redirect を正しい名前に向けてください。`,
  'lint.spf.include.duplicate': (p: P['spf.include.duplicate']) =>
    `${p.domain} の SPF の参照先に ${p.target} が ${p.count} 回現れます。そのたびに DNS 参照の回数を消費します。`,
  'lint.spf.include.duplicate.fix': (p: P['spf.include.duplicate']) =>
    `${p.target} の include は 1 回にしてください。配信サービス側のレコードがすでに含んでいる場合は、自社のレコードから削除してください。`,
  'lint.spf.dns.incomplete': (p: P['spf.dns.incomplete']) =>
    `${p.domain} のチェック中に ${p.name} の ${p.type} の問い合わせが失敗しました（${p.status}）。この結果は不完全です。受信側でも同じ失敗が起きると temperror と判定されます。`,
  'lint.spf.dns.incomplete.fix': (p: P['spf.dns.incomplete']) =>
    `${p.name} のネームサーバーが応答しているか確認し、もう一度チェックしてください。`,
  'lint.spf.walk.truncated': (p: P['spf.walk.truncated']) =>
    `${p.domain} の SPF の参照ツリーが${p.which === 'depth' ? '深すぎる' : '大きすぎる'}ため、すべてをたどれませんでした（上限 ${p.limit}）。表示の回数は実際より少なくなっています。`,
  'lint.spf.walk.truncated.fix': () => 'include の連鎖を単純にしてください。このような大きなツリーはどの受信側も最後まで評価しません。',
  'lint.spf.modifier.unknown': (p: P['spf.modifier.unknown']) =>
    `${p.domain} の SPF レコードに不明な修飾子 "${p.term}" があります。受信側はこれを無視します（RFC 7208 §6）。`,
  'lint.spf.modifier.unknown.fix': (p: P['spf.modifier.unknown']) =>
    `"${p.name}" が "redirect" や "exp" の書き間違いであれば修正してください。そうでなければ削除してかまいません。`,
  'lint.spf.exp.present': (p: P['spf.exp.present']) =>
    `${p.domain} の SPF レコードに "${p.term}" があります。受信側はメールを拒否する際にこの説明文を表示することがあります（RFC 7208 §6.2）。DNS 参照は SPF が fail のときだけ発生します。`,
  'lint.spf.exp.present.fix': () => '説明文が公開されていて内容が正しければ、対応は不要です。',
  'lint.spf.macro.used': (p: P['spf.macro.used']) =>
    `${p.domain} の SPF レコードの "${p.term}" はマクロを使っているため、参照先がメールごとに変わります。DNS 参照の回数には数えていますが、参照先まではたどれません。`,
  'lint.spf.macro.used.fix': () => '意図したものであれば対応は不要です。実際の送信元で動作を確認してください（inkan spf --ip ... --mail-from ...）。',
  'lint.spf.term.duplicate': (p: P['spf.term.duplicate']) => `${p.domain} の SPF レコードに "${p.term}" が 2 回記載されています。`,
  'lint.spf.term.duplicate.fix': () => '表示のとおり 2 つ目を削除してください。',
  'lint.spf.ip.shadowed': (p: P['spf.ip.shadowed']) =>
    `${p.domain} の SPF レコードの "${p.term}" は、前にある "${p.by}" にすでに含まれているため、判定に使われることはありません。`,
  'lint.spf.ip.shadowed.fix': () => '表示のとおり削除してください。',
  'lint.spf.ip.host-bits': (p: P['spf.ip.host-bits']) =>
    `${p.domain} の SPF レコードの "${p.term}" はホスト部のビットが立っています。実際にはネットワーク ${p.network} を意味し、意図より広いか狭い可能性があります。`,
  'lint.spf.ip.host-bits.fix': (p: P['spf.ip.host-bits']) => `表示のとおり ${p.network} と書くか、プレフィックス長を見直してください。`,

  'lint.spf.severity.error': 'エラー',
  'lint.spf.severity.warning': '警告',
  'lint.spf.severity.info': '情報',
  'lint.spf.fix': '対処',
  'lint.spf.tree.root': (p) => `${p.domain}: DNS 参照 ${p.lookups}/${p.limit} 回、空の応答（void）${p.void}/${p.voidLimit} 回`,
  'lint.spf.tree.branch': (p) => `${p.term}: DNS 参照 ${p.cost} 回${p.void ? `、空の応答 ${p.void} 回` : ''}`,
  'lint.spf.tree.term': (p) =>
    `${p.term}: DNS 参照 1 回${p.outcome === 'void' ? '、空の応答（void）' : p.outcome === 'error' ? '、DNS の問い合わせに失敗' : p.outcome === 'not-queried' ? '（参照先はメールごとに変わります）' : ''}${p.mxNames !== undefined ? `、MX ${p.mxNames} 件` : ''}`,
  'lint.spf.tree.over-limit': (p) => `${p.limit + 1} 回目の DNS 参照: 受信側はここで permerror とします`,
  'lint.spf.tree.no-record': (p) => `SPF レコードなし: ${noRecord[p.reason]}`,
  'lint.spf.tree.multiple': (p) => `SPF レコードが ${p.count} 件`,
  'lint.spf.tree.syntax': (p) => `${p.position + 1} 文字目に構文エラー`,
  'lint.spf.tree.loop': (p) => `ループ: ${p.cycle}`,
  'lint.spf.tree.dns': (p) => `DNS の ${p.type} 問い合わせに失敗（${p.status}）`,
  'lint.spf.tree.macro': '参照先はメールごとに変わります（マクロ）。たどっていません',
  'lint.spf.tree.limit': 'ツリーが大きすぎるため、たどっていません',
};
