import type { arc as en } from '../en/arc.js';

/** Japanese messages of arc: same ids and parameters as English. */
export const arc: typeof en = {
  'arc.headline.none': 'ARC none: このメッセージには ARC ヘッダーフィールドがありません。',
  'arc.headline.pass': (p) => `ARC pass: ${p.count} 個の ARC セットのチェーンを検証できました (oldest-pass ${p.oldestPass})。`,
  'arc.headline.fail': (p) => `ARC fail: ${p.count} 個の ARC セットのチェーンを検証できません。`,
  'arc.headline.temperror': (p) => `ARC temperror: DNS の障害で ${p.count} 個の ARC セットを検証できませんでした。後でもう一度試してください。`,
  'arc.meaning.pass': 'メッセージを中継したすべての中継者が封印しており、最新の封印の後に変更はありません',
  'arc.meaning.fail': '受け渡しの記録が壊れています: 封印か最新のメッセージ署名が検証できないか、セットの形が正しくありません',
  'arc.meaning.none': 'どの中継者もこのメッセージを封印していません',
  'arc.meaning.temperror': '鍵を取得できませんでした。チェーン自体は正しい可能性があります',
  'arc.kind.seal': 'ARC-Seal',
  'arc.kind.message-signature': 'ARC-Message-Signature',
  'arc.kind.authentication-results': 'ARC-Authentication-Results',
  'arc.reason.unreadable-message': (p) => `メッセージのヘッダーを読めませんでした (上限 ${p.limit} を超過)`,
  'arc.reason.too-many-fields': (p) => `ARC ヘッダーフィールドが ${p.count} 個あります。許されるのは ${p.limit} 個 (50 セット) までです`,
  'arc.reason.bad-field': (p) => `${p.kind}${p.instance} の形式が正しくありません: ${p.problem}`,
  'arc.reason.instance-out-of-range': (p) => `${p.kind} が i=${p.instance} です。インスタンスは 1 から 50 までです (RFC 8617 §4.2.1)`,
  'arc.reason.duplicate-instance': (p) => `i=${p.instance} の ${p.kind} が複数あります`,
  'arc.reason.missing-field': (p) => `ARC セット ${p.instance} に ${p.kind} がありません (各セットには各フィールドがちょうど 1 つ必要です)`,
  'arc.reason.sealed-as-failed': (p) => `最新の ARC-Seal (i=${p.instance}) が cv=fail です: 中継者がすでにチェーンの破損を見つけています`,
  'arc.reason.wrong-cv': (p) => `ARC-Seal i=${p.instance} が cv=${p.cv} です。cv=${p.expected} でなければなりません (RFC 8617 §5.2 手順 3)`,
  'arc.reason.ams-failed': (p) => `最新の ARC-Message-Signature (i=${p.instance}) を検証できません: ${p.problem}`,
  'arc.reason.as-failed': (p) => `ARC-Seal i=${p.instance} を検証できません: ${p.problem}`,
  'arc.check.sha1': 'rsa-sha1 を使っています。これは受け入れてはなりません (RFC 8301)',
  'arc.check.no-key': (p) => `${p.name} に鍵がありません`,
  'arc.check.dns-timeout': (p) => `${p.name} の DNS 問い合わせがタイムアウトしました`,
  'arc.check.dns-error': (p) => `${p.name} の DNS 問い合わせが失敗しました (${p.rcode})`,
  'arc.check.key-error': (p) => `${p.name} の鍵は使えません: ${p.problem}`,
  'arc.check.key-type-mismatch': (p) => `${p.name} の鍵は a= が指定する種類ではありません`,
  'arc.check.key-hash-not-allowed': (p) => `${p.name} の鍵はこのハッシュを許していません (h=)`,
  'arc.check.key-not-email': (p) => `${p.name} の鍵はメール用ではありません (s=)`,
  'arc.check.body-hash-mismatch': '署名の後に本文が変更されました (本文ハッシュの不一致)',
  'arc.check.signature-mismatch': '署名が署名対象のヘッダーフィールドと一致しません',
  'arc.tag.tag-list': (p) => `正しい tag=value の並びではありません${p.tag ? ` (${p.tag}= の位置)` : ''}`,
  'arc.tag.missing-tag': (p) => `必須の ${p.tag}= タグがありません`,
  'arc.tag.bad-instance': 'i= がないか、数字ではありません',
  'arc.tag.unknown-algorithm': 'a= が未知のアルゴリズムです',
  'arc.tag.bad-base64': (p) => `${p.tag}= が正しい base64 ではありません`,
  'arc.tag.bad-canonicalization': 'c= が正しい正規化方式ではありません',
  'arc.tag.bad-header-list': 'h= がヘッダーフィールド名の並びではありません',
  'arc.tag.bad-domain': 'd= がドメイン名ではありません',
  'arc.tag.bad-selector': 's= が正しいセレクターではありません',
  'arc.tag.bad-timestamp': 't= が秒数ではありません',
  'arc.tag.bad-cv': 'cv= は none、pass、fail のいずれかでなければなりません',
  'arc.tag.forbidden-tag': (p) => `${p.tag}= はこのフィールドでは使えません (RFC 8617 §4.1.3)`,
  'arc.tag.signs-arc-seal': 'h= に ARC-Seal が含まれています。AMS は ARC-Seal に署名してはなりません (RFC 8617 §4.1.2)',
  'arc.set': (p) => `  ARC セット ${p.instance}: ${p.domain} (s=${p.selector}) が封印、cv=${p.cv}。封印 ${p.seal}、メッセージ署名 ${p.ams}`,
  'arc.set.unknown': (p) => `  ARC セット ${p.instance}: 読める ARC-Seal がありません`,
  'arc.set.said': (p) => `    この中継者が見た結果: ${p.text}`,
  'arc.check-result.pass': '検証済み',
  'arc.check-result.fail': '失敗',
  'arc.check-result.temperror': '未検証 (DNS 障害)',
  'arc.check-result.not-checked': '未検証',
  'arc.reason-line': (p) => `  理由: ${p.reason}`,
  'arc.step.collect': (p) => `    ARC-Seal ${p.seals} 個、ARC-Message-Signature ${p.ams} 個、ARC-Authentication-Results ${p.aar} 個を見つけました`,
  'arc.step.structure': (p) => (p.ok ? `    インスタンス 1..${p.instances} のそれぞれに各種類のフィールドが 1 つずつあります` : `    ARC セットの形が正しくありません (最大インスタンス ${p.instances})`),
  'arc.step.cv': (p) => `    ARC-Seal i=${p.instance}: cv=${p.cv} ${p.ok ? '(規定どおり)' : '(ここでは許されません)'}`,
  'arc.step.key-lookup': (p) => `    ${p.field} i=${p.instance} の鍵: ${p.name}: ${p.answer}`,
  'arc.step.body-hash': (p) =>
    p.ok ? `    AMS i=${p.instance} の本文ハッシュが一致 (${p.computed})` : `    AMS i=${p.instance} の本文ハッシュが不一致: 署名時 ${p.expected}、計算値 ${p.computed}`,
  'arc.step.signature': (p) => (p.ok ? `    ${p.field} i=${p.instance}: 署名を検証しました` : `    ${p.field} i=${p.instance}: ${p.problem}`),
  'arc.step.oldest-pass': (p) => `    oldest-pass: ${p.instance} (メッセージ署名がまだ検証できる最も古い ARC セット)`,
  'arc.steps': '  手順:',
  'arc.seal.message': (p) => `メッセージを読めません (${p.detail})`,
  'arc.seal.bad-private-key': '秘密鍵を読めません (PEM または DER、RSA または Ed25519)',
  'arc.seal.unsupported-key-type': (p) => `${p.detail} の鍵では封印できません。RSA か Ed25519 を使ってください`,
  'arc.seal.rsa-key-too-small': 'RSA 鍵が 1024 ビット未満です (RFC 8301)',
  'arc.seal.unsupported-algorithm': (p) => `${p.detail} は封印のアルゴリズムではありません。rsa-sha256 か ed25519-sha256 を使ってください`,
  'arc.seal.algorithm-mismatch': (p) => `鍵がアルゴリズム ${p.detail} と合いません`,
  'arc.seal.bad-domain': (p) => `"${p.detail}" はドメイン名ではありません`,
  'arc.seal.bad-selector': (p) => `"${p.detail}" は正しいセレクターではありません`,
  'arc.seal.bad-header-name': (p) => `"${p.detail}" はヘッダーフィールド名ではありません (または一覧が長すぎます)`,
  'arc.seal.forbidden-header': (p) => `${p.detail} は ARC-Message-Signature で署名してはなりません (ARC フィールドと Authentication-Results は途中で変わります)`,
  'arc.seal.chain-failed': (p) => `最新の ARC-Seal (i=${p.detail}) がすでに cv=fail です: 失敗したチェーンはもう封印しません (RFC 8617 §5.1)`,
  'arc.seal.chain-temperror': 'DNS の障害で既存のチェーンを検証できませんでした。fail として封印せず、後でもう一度試してください',
  'arc.seal.chain-full': (p) => `メッセージにはすでに ${p.detail} 個の ARC セットがあり、上限です (RFC 8617 §4.2.1)`,
  'arc.seal.no-auth-results': (p) =>
    p.detail
      ? `メッセージに ${p.detail} の Authentication-Results フィールドがありません: --auth-results を指定するか、先にメッセージを検証してください`
      : '--authserv-id か --auth-results を指定してください: ARC-Authentication-Results にはこのホストの結果が必要です',
  'arc.cli.help': `inkan arc — ARC (RFC 8617): 転送されたメッセージのチェーンを検証し、中継者として封印します

使い方:
  inkan arc verify FILE|- [DNS オプション]
  inkan arc seal FILE|- --domain DOMAIN --selector SELECTOR --key KEYFILE [オプション]

ARC は、転送者やメーリングリストが、自分が変更したメッセージを保証するための仕組みです。
各中継者は ARC セットを追加します: ARC-Authentication-Results (その中継者が見た SPF、
DKIM、DMARC の結果)、ARC-Message-Signature (送り出した時点のメッセージへの DKIM に似た署名)、
ARC-Seal (それまでのすべての ARC セットへの署名) です。中継者を信頼する受信者は、SPF や
DKIM が壊れたときに、その中継者の ARC-Authentication-Results を使えます。

"verify" はチェーンを検証します: インスタンス番号 (1 から 50、各セットに各種類のフィールドが
1 つ)、cv= (i=1 は none、以降は pass)、最新の ARC-Message-Signature、すべての ARC-Seal、
oldest-pass。各セットについて、封印した者、cv=、検証結果、その中継者が見た結果を表示します。

"seal" は新しいセットを追加します。cv= を書くために既存のチェーンを検証します。
ARC-Authentication-Results は --auth-results、このホスト自身の Authentication-Results
フィールド (--authserv-id)、または --ip を指定したときは SPF・DKIM・DMARC を自分で検査した
結果から作ります。最新の封印が cv=fail のチェーンは封印しません。

seal のオプション:
  --domain DOMAIN        封印するドメイン (d=)
  --selector SELECTOR    公開鍵の TXT レコードがあるセレクター (s=)
  --key KEYFILE          秘密鍵: PEM (1024 ビット以上の RSA、または Ed25519)
  --algorithm ALG        rsa-sha256 または ed25519-sha256 (既定: 鍵から決めます)
  --authserv-id ID       このホストの authserv-id。その Authentication-Results を使います
  --auth-results TEXT    記録する結果。例: "mx.example.org; spf=pass smtp.mailfrom=example.com"
  --ip IP                このクライアントについて verify (SPF、DKIM、DMARC) を実行し、その結果を記録
  --helo NAME            HELO 名 (--ip と一緒に)
  --mail-from ADDRESS    エンベロープの送信者 (--ip と一緒に)
  --headers a,b,c        ARC-Message-Signature が署名するヘッダーフィールド (既定: From、To、
                         Subject、Date、Message-ID、MIME と List のフィールドなど)
  --now TIME             t= に書く時刻 (ISO 8601。既定は現在)

DNS (既存チェーンの鍵、--ip の検査):
  --zone FILE            DNS の代わりにこのゾーンファイルから答える (複数可)
  --dns HOST[:PORT]      この DNS サーバーに問い合わせる (複数可)。例: 127.0.0.1:5353
  --timeout MS           1 回の DNS 問い合わせの制限時間 (既定 2000)

出力:
  --json                 verify: チェーンを JSON で。seal: 3 つのヘッダーフィールドを JSON で
  --lang ja|en           表示の言語 (既定: LANG から)
  --explain              verify: すべての手順 (鍵、本文ハッシュ、署名)

終了コード:
  verify: 0 pass、1 fail または none、2 使い方の誤り、3 temperror (DNS)
  seal:   0 封印した、1 封印しなかった、2 使い方の誤り、3 チェーン検証中の DNS 障害

例:
  inkan arc verify forwarded.eml --zone keys.zone
  inkan arc seal message.eml --domain lists.example.org --selector arc1 --key arc1.private --authserv-id lists.example.org
  inkan arc seal - --domain example.net --selector ed --key ed.private --auth-results "example.net; spf=pass smtp.mailfrom=example.com" --json`,
  'arc.cli.missing-action': '何をするか指定してください: "inkan arc verify FILE" または "inkan arc seal FILE ..."',
  'arc.cli.unknown-action': (p) => `arc の "${p.action}" という操作はありません: verify か seal を使ってください`,
  'arc.cli.cannot-read': (p) => `${p.file} を読めません: ${p.reason}`,
  'arc.cli.not-sealed': 'メッセージは封印されませんでした。',
  'arc.cli.sealed': (p) => `ARC セット ${p.instance} を追加しました (cv=${p.cv})。`,
  'arc.cli.chain': 'ARC チェーン:',
  'arc.override.comment': (p) => `ARC: trusted sealer ${p.domain} (i=${p.instance}) reported SPF/DKIM/DMARC pass`,
  'arc.override.note': (p) =>
    `  ARC: ${p.domain} (i=${p.instance}) はメッセージの合格を確認しています。信頼する封印者に登録すると、DMARC ポリシーをこの結果で上書きできます`,
};
