import type { mtaSts as en } from '../en/mtasts.js';

/** Japanese messages of mtasts: same ids and parameters as English. */
export const mtaSts: typeof en = {
  'mtasts.verdict.pass': (p) => `MTA-STS pass（${p.domain}）: 送信側は MX ホストへの配送に、有効な証明書での TLS を必須にできます`,
  'mtasts.verdict.fail': (p) => `MTA-STS fail（${p.domain}）: 送信側の動作に影響するエラーがあります`,
  'mtasts.verdict.none': (p) => `MTA-STS none（${p.domain}）: MTA-STS レコードがないため、送信側は TLS なしや偽の MX へ配送してしまう可能性があります`,
  'mtasts.verdict.temperror': (p) => `MTA-STS temperror（${p.domain}）: DNS またはネットワークの障害で確認できませんでした。時間をおいて再試行してください`,
  'mtasts.section.record': (p) => `MTA-STS レコード ${p.name}:`,
  'mtasts.section.policy': (p) => `ポリシー ${p.url}:`,
  'mtasts.section.policy-file': (p) => `${p.url} のポリシー（${p.source} から読み込み）:`,
  'mtasts.section.mx': 'MX ホストとポリシー:',
  'mtasts.section.tlsrpt': (p) => `TLS-RPT レコード ${p.name}:`,
  'mtasts.section.problems': '問題と修正方法:',
  'mtasts.section.no-problems': '問題は見つかりませんでした。',
  'mtasts.section.trace': '手順:',
  'mtasts.record.none': '公開されていません',
  'mtasts.record.multiple': (p) => `v=STSv1 で始まるレコードが ${p.count} 件あります（ちょうど 1 件でなければなりません）`,
  'mtasts.record.temperror': (p) => `DNS 問い合わせに失敗しました（${p.dns}）`,
  'mtasts.record.id': (p) => `ポリシー id ${p.id}: ポリシーファイルを変更するたびに変更してください`,
  'mtasts.record.field-syntax': (p) => (p.detail === ';' ? `${p.position} 文字目に空のフィールド（";;"）があります` : `「${p.detail}」は name=value の形のフィールドではありません（${p.position} 文字目）`),
  'mtasts.record.duplicate-field': (p) => `${p.detail}= が複数回現れます（${p.position} 文字目）。送信側はこのレコードを無視します`,
  'mtasts.record.missing-id': 'id= フィールドがないため、送信側はこのレコードを無視します（RFC 8461 §3.1）',
  'mtasts.record.bad-id': (p) => `id=${p.detail} は 1〜32 文字の英数字ではないため、送信側はこのレコードを無視します（RFC 8461 §3.1）`,
  'mtasts.record.bad-extension': (p) => `「${p.detail}」は有効な拡張フィールドではありません（${p.position} 文字目）。レコードは無効です`,
  'mtasts.record.too-long': (p) => `レコードが ${p.detail} 文字を超えています`,
  'mtasts.policy.not-fetched.no-record': '取得していません: MTA-STS レコードがなければ、送信側はポリシーを探しません',
  'mtasts.policy.not-fetched.dns-temperror': '取得していません: MTA-STS レコードを問い合わせられませんでした',
  'mtasts.policy.not-fetched.no-fetcher': '取得していません（取得手段が指定されていません）',
  'mtasts.policy.mode.enforce': 'mode enforce: 記載された MX ホストへの TLS が失敗すると、送信側は配送を拒否します',
  'mtasts.policy.mode.testing': 'mode testing: 送信側は配送を続けますが、TLS の失敗を報告します（TLS-RPT）',
  'mtasts.policy.mode.none': 'mode none: ポリシーは取り下げられ、送信側は適用をやめます',
  'mtasts.policy.max-age': (p) => `max_age ${p.seconds} 秒（${p.days} 日）: 送信側がポリシーをキャッシュする期間`,
  'mtasts.policy.expires': (p) => `今取得した送信側は ${p.when} まで保持できます`,
  'mtasts.policy.mx': (p) => `mx パターン: ${p.patterns}`,
  'mtasts.policy.unusable': '送信側はこのポリシーを使えません（下の問題を参照）',
  'mtasts.policy.line-syntax': (p) => `${p.line} 行目: 「${p.detail}」は "key: value" の形の行ではありません`,
  'mtasts.policy.missing-version': '"version: STSv1" の行がありません',
  'mtasts.policy.bad-version': (p) => `${p.line} 行目: version は「${p.detail}」ではなく STSv1 でなければなりません`,
  'mtasts.policy.missing-mode': '"mode:" の行（enforce、testing、none のいずれか）がありません',
  'mtasts.policy.bad-mode': (p) => `${p.line} 行目: mode は enforce、testing、none のいずれかでなければなりません（「${p.detail}」は無効）`,
  'mtasts.policy.missing-max-age': '"max_age:" の行がありません',
  'mtasts.policy.bad-max-age': (p) => `${p.line} 行目: max_age は秒数の整数でなければなりません（「${p.detail}」は無効）`,
  'mtasts.policy.max-age-too-large': (p) => `${p.line} 行目: max_age ${p.detail} は上限の 31557600 秒（1 年）を超えています`,
  'mtasts.policy.max-age-short': (p) => `${p.line} 行目: max_age ${p.detail} は 1 日未満です。攻撃者がポリシーの期限切れを待てないよう、RFC 8461 は数週間以上を推奨しています`,
  'mtasts.policy.missing-mx': (p) => `mode ${p.detail} には MX ホストを示す "mx:" の行が 1 行以上必要です`,
  'mtasts.policy.bad-mx': (p) => `${p.line} 行目: 「${p.detail}」はホスト名でも「*.」とドメインの形でもありません`,
  'mtasts.policy.duplicate-field': (p) => `${p.line} 行目: ${p.detail} が再び現れます。最初のものだけが使われます`,
  'mtasts.policy.unknown-field': (p) => `${p.line} 行目: ${p.detail} は MTA-STS のフィールドではないため無視されます`,
  'mtasts.policy.too-many-lines': (p) => `ファイルが ${p.detail} 行を超えています。残りは読みません`,
  'mtasts.policy.not-text': '本文がプレーンテキストではありません（不正な UTF-8 または制御文字）',
  'mtasts.mx.covered': (p) => `mx: ${p.pattern} に一致`,
  'mtasts.mx.not-covered': 'どの mx: パターンにも一致しません',
  'mtasts.mx.implicit': (p) => `MX レコードがありません: メールは ${p.domain} 自身に届きます（暗黙の MX、RFC 5321 §5.1）`,
  'mtasts.mx.null': 'null MX（"0 ."）: このドメインはメールを受け取りません',
  'mtasts.mx.no-mail': 'このドメインは存在しません（NXDOMAIN）',
  'mtasts.mx.temperror': (p) => `MX の問い合わせに失敗しました（${p.dns}）`,
  'mtasts.mx.not-checked': '照合していません: 照合するポリシーがありません',
  'mtasts.mx.unused': (p) => `mx: ${p.pattern} はどの MX ホストにも一致しません`,
  'mtasts.tlsrpt.none': '公開されていません: 送信側が TLS で届けられなかったとき、誰も知らせてくれません',
  'mtasts.tlsrpt.multiple': (p) => `v=TLSRPTv1 で始まるレコードが ${p.count} 件あります（ちょうど 1 件でなければなりません）`,
  'mtasts.tlsrpt.temperror': (p) => `DNS 問い合わせに失敗しました（${p.dns}）`,
  'mtasts.tlsrpt.rua': (p) => `TLS レポートの毎日の送付先: ${p.uris}`,
  'mtasts.tlsrpt.field-syntax': (p) => (p.detail === ';' ? `${p.position} 文字目に空のフィールド（";;"）があります` : `「${p.detail}」は name=value の形のフィールドではありません（${p.position} 文字目）`),
  'mtasts.tlsrpt.duplicate-field': (p) => `${p.detail}= が複数回現れます（${p.position} 文字目）。レポート送信側はこのレコードを無視します`,
  'mtasts.tlsrpt.missing-rua': 'rua= フィールドがないため、レポートの送り先がありません',
  'mtasts.tlsrpt.empty-rua': 'rua= が空です',
  'mtasts.tlsrpt.bad-uri': (p) => `rua= の「${p.detail}」は有効な mailto: または https: の URI ではありません（URI 内のカンマとセミコロンは %エンコードが必要です）`,
  'mtasts.tlsrpt.bad-scheme': (p) => `rua= の ${p.detail} はレポートに使われないスキームです。使えるのは mailto: と https: だけです（RFC 8460 §3）`,
  'mtasts.tlsrpt.too-many-uris': (p) => `rua= の URI が ${p.detail} 個を超えています。残りは読みません`,
  'mtasts.tlsrpt.bad-extension': (p) => `「${p.detail}」は有効な拡張フィールドではありません（${p.position} 文字目）。レコードは無効です`,
  'mtasts.tlsrpt.too-long': (p) => `レコードが ${p.detail} 文字を超えています`,
  'mtasts.finding.no-record': (p) => `${p.name} に MTA-STS レコードがありません: 送信側は MX ホストが TLS を必須としていることを知ることができません`,
  'mtasts.finding.multiple-records': (p) => `${p.name} に MTA-STS レコードが ${p.count} 件あります。送信側はポリシーなしとして扱います（RFC 8461 §3.1）`,
  'mtasts.finding.record-dns': (p) => `${p.name} の TXT の問い合わせに失敗しました（${p.dns}）`,
  'mtasts.finding.policy-dns': (p) =>
    p.dns === 'nxdomain' || p.dns === 'nodata' ? `${p.host} にアドレスがありません（${p.dns}）。ポリシーを取得できません` : `${p.host} のアドレスの問い合わせに失敗しました（${p.dns}）`,
  'mtasts.finding.policy-timeout': (p) => (p.phase === 'connect' ? `${p.url} への接続が ${p.ms} ミリ秒以内に完了しませんでした` : `${p.url} の取得が ${p.ms} ミリ秒以内に完了しませんでした`),
  'mtasts.finding.policy-refused': (p) => `${p.address} が ${p.url} の HTTPS 接続を拒否しました`,
  'mtasts.finding.policy-tls': (p) => `${p.url} の HTTPS 証明書が有効ではありません（${p.code}: ${p.message}）。送信側はこのポリシーを使ってはなりません（RFC 8461 §3.3）`,
  'mtasts.finding.policy-too-big': (p) => `${p.url} が ${p.limit} バイトを超えています`,
  'mtasts.finding.policy-network': (p) => `${p.url} の取得に失敗しました（${p.code}: ${p.message}）`,
  'mtasts.finding.policy-redirect': (p) =>
    `${p.url} はリダイレクトを返しました（HTTP ${p.httpStatus}${p.location ? `、転送先 ${p.location}` : ''}）。送信側はリダイレクトをたどってはなりません（RFC 8461 §3.3）`,
  'mtasts.finding.policy-http-status': (p) => `${p.url} は 200 ではなく HTTP ${p.httpStatus} を返しました`,
  'mtasts.finding.policy-content-type': (p) => `${p.url} は text/plain ではなく「${p.contentType}」として配信されています（RFC 8461 §3.2）`,
  'mtasts.finding.mode-testing': 'ポリシーは testing モードです: 送信側は TLS の問題を報告しつつ配送を続けます。レポートに問題がなくなったら enforce に切り替えてください',
  'mtasts.finding.mode-none': 'ポリシーの mode が none です: このドメインでは MTA-STS が無効になっています',
  'mtasts.finding.mx-not-covered': (p) =>
    p.mode === 'enforce'
      ? `MX ホスト ${p.exchange} がポリシーに記載されていません: enforce モードでは送信側はこのホストに配送しません`
      : `MX ホスト ${p.exchange} がポリシーに記載されていません: testing モードでは送信側は失敗として報告します`,
  'mtasts.finding.mx-pattern-unused': (p) => `mx: ${p.pattern} は現在のどの MX ホストにも一致しません（以前の設定の残りでは？）`,
  'mtasts.finding.mx-dns': (p) => `${p.domain} の MX の問い合わせに失敗しました（${p.dns}）`,
  'mtasts.finding.null-mx': (p) => `${p.domain} は null MX を公開しています: メールを受け取らないため MTA-STS は不要です`,
  'mtasts.finding.no-tlsrpt': (p) => `${p.name} に TLS-RPT レコードがありません: TLS の失敗を知ることができません`,
  'mtasts.finding.multiple-tlsrpt': (p) => `${p.name} に TLS-RPT レコードが ${p.count} 件あります。レポートは送られません（RFC 8460 §3）`,
  'mtasts.finding.tlsrpt-dns': (p) => `${p.name} の TXT の問い合わせに失敗しました（${p.dns}）`,
  'mtasts.severity.error': 'エラー',
  'mtasts.severity.warning': '警告',
  'mtasts.severity.info': '情報',
  'mtasts.fix.publish-txt': '修正: 次の TXT レコードを公開してください（同じ書き出しの他のレコードは置き換えてください）:',
  'mtasts.fix.delete-txt': '修正: 次の TXT レコードを削除してください:',
  'mtasts.fix.policy-file': (p) => `修正: 次のファイルを ${p.url} で配信してください（HTTP 200、Content-Type: text/plain、リダイレクトなし）:`,
  'mtasts.fix.https-server': (p) =>
    `修正: ${p.host} に A または AAAA レコードを設定し、${p.host} に有効な（公的な CA が発行した）証明書を持つ HTTPS サーバーをポート 443 で動かしてください`,
  'mtasts.trace.lookup': (p) => `${p.type} ${p.name}: ${p.answer}`,
  'mtasts.trace.fetch': (p) => `GET ${p.url}: ${p.result}`,
  'mtasts.trace.file': (p) => `ポリシーを ${p.source} から読み込み`,
  'mtasts.trace.match': (p) => `${p.exchange} は mx: ${p.pattern} に一致`,
  'mtasts.trace.no-match': (p) => `${p.exchange} はどの mx: パターンにも一致しません`,
  'mtasts.cli.missing-domain': '確認するドメインを指定してください（例: inkan mta-sts example.com）',
  'mtasts.cli.bad-domain': (p) => `「${p.domain}」はドメイン名ではありません`,
  'mtasts.cli.policy-and-https': '--policy はポリシーをファイルから読みます。--ca と --port は HTTPS 用です。どちらか一方を使ってください',
  'mtasts.cli.file': (p) => `${p.file} を読めません: ${p.reason}`,
  'mtasts.cli.help': `inkan mta-sts — 送信側はこのドメインのメールサーバーへの TLS を必須にできるか？（RFC 8461、RFC 8460）

使い方:
  inkan mta-sts DOMAIN [オプション]

DOMAIN の MTA-STS と TLS-RPT を確認します:
  - _mta-sts.DOMAIN の TXT レコード（v=STSv1; id=...）
  - https://mta-sts.DOMAIN/.well-known/mta-sts.txt のポリシーファイル。送信側と同じ
    条件で取得します（ホスト名で証明書を検証、リダイレクトなし、text/plain、64 KiB まで）。
    version、mode、mx パターン、max_age を確認します
  - DOMAIN の MX ホストのうち、ポリシーの mx パターンに含まれるもの
  - _smtp._tls.DOMAIN の TLS-RPT レコード（v=TLSRPTv1; rua=mailto:...,https://...）
問題ごとに修正方法（公開すべき TXT レコードやポリシーファイルそのもの）を示します。

オプション:
  --policy FILE       HTTPS ではなく FILE からポリシーを読む（オフラインでの確認）
  --ca PEMFILE        HTTPS で PEMFILE の CA 証明書だけを信頼する（私設 CA やテスト用 CA）
  --port PORT         443 ではなくこの HTTPS ポートからポリシーを取得する（テスト用サーバー）
  --explain           DNS の問い合わせ、取得、MX の照合をすべて表示する
  --zone FILE         ゾーンファイルから DNS に答える（複数指定可）
  --dns HOST[:PORT]   この DNS サーバーに問い合わせる（複数指定可）
  --timeout MS        DNS 問い合わせごとのタイムアウト、および HTTPS 取得全体の制限時間
  --json              機械可読な出力
  --lang en|ja        出力の言語

例:
  inkan mta-sts example.com
  inkan mta-sts example.com --explain
  inkan mta-sts example.com --zone example.zone --policy mta-sts.txt

終了コード:
  0  MTA-STS が設定され、エラーはない
  1  問題あり: MTA-STS レコードがない、またはエラーがある（それぞれ修正方法つき）
  2  使い方の誤り
  3  確認できなかった: DNS の障害、または HTTPS の取得がタイムアウトした`,
};
