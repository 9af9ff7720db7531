import type { reportsIo as en } from '../en/reports-io.js';

/** Japanese messages of the report fetcher, receiver and generator: same ids and parameters as English. */
export const reportsIo: typeof en = {
  'reportsIo.store.open-failed': (p) => `レポートストア ${p.location} を開けません: ${p.error}`,
  'reportsIo.fetch.help': `inkan reports fetch — IMAP メールボックスから DMARC / TLS レポートを取り込む

使い方:
  inkan reports fetch --imap imaps://ユーザー@ホスト[:ポート]/メールボックス [オプション]

メールボックスのうち、まだ印の付いていないメッセージをすべてダウンロードし、
含まれるレポート（集約・失敗・TLS-RPT。添付の種類は問いません）を保存します。
保存がコミットされてから初めて、メッセージを処理済みにします: --move-to なら移動、
--delete なら削除、どちらもなければ $InkanProcessed フラグと既読を付けます。
解析できない部分を含むメッセージはその場に残し、$InkanQuarantined フラグを付けます
（その部分は理由とともにストアの隔離領域にあります）。
ストアが失敗したときはメッセージに手を付けずに停止します。再実行しても安全です
（保存済みのレポートは重複として数えられます）。

オプション:
  --imap URL          imaps://（TLS）または imap://（提供されていれば STARTTLS）。
                      メールボックスの既定は INBOX
  --password-env VAR  パスワードを読む環境変数（既定 INKAN_IMAP_PASSWORD）
  --ca FILE           この CA 証明書（PEM）を信頼する（プライベートなサーバー向け）
  --move-to MAILBOX   処理済みメッセージの移動先（なければ作成）
  --delete            処理済みメッセージを削除する
  --watch             動き続ける: 新着メール（IMAP IDLE）を待って取り込む。Ctrl-C で停止
  --max-size BYTES    これより大きいメッセージはその場に残す（既定 67108864）
  --db PATH|URL       ストア: SQLite ファイルまたは postgres:// URL
                      （既定 $INKAN_DB、なければ $XDG_DATA_HOME/inkan/inkan.db）
  --json              機械可読な出力（--watch では 1 回の取り込みごとに 1 行）
  --lang en|ja        出力の言語

例:
  INKAN_IMAP_PASSWORD=secret inkan reports fetch --imap imaps://dmarc@mail.example.com/INBOX --move-to Processed
  inkan reports fetch --imap imaps://dmarc@mail.example.com --watch --db postgres://inkan@db/reports

終了コード:
  0  すべてのメッセージを保存し処理済みにした（または新着なし）
  1  一部が隔離されたため、メールボックスに残したメッセージがある
  2  使い方の誤り
  3  サーバーまたはストアの失敗: 後で再実行してください（失われたものはありません）`,
  'reportsIo.fetch.missing-imap': '--imap imaps://ユーザー@ホスト/メールボックス でメールボックスを指定してください',
  'reportsIo.fetch.bad-url': (p) => `"${p.url}" は使える IMAP URL ではありません: ${p.reason}`,
  'reportsIo.fetch.url.scheme': 'imaps:// または imap:// で始まる必要があります',
  'reportsIo.fetch.url.host': 'ホスト名がないか、正しくありません',
  'reportsIo.fetch.url.user': 'ユーザー名がありません（imaps://ユーザー@ホスト/メールボックス）',
  'reportsIo.fetch.url.port': 'ポートは 1〜65535 です',
  'reportsIo.fetch.url.syntax': '解析できません',
  'reportsIo.fetch.no-password': (p) => `パスワードがありません: 環境変数 ${p.variable} を設定してください（別の変数は --password-env で指定）`,
  'reportsIo.fetch.move-and-delete': '--move-to と --delete は同時に使えません',
  'reportsIo.fetch.unreadable-file': (p) => `${p.file} を読めません`,
  'reportsIo.fetch.bad-size': (p) => `--max-size はバイト数です（"${p.value}" ではありません）`,
  'reportsIo.fetch.connect-failed': (p) => `${p.server} から取り込めません: ${p.error}`,
  'reportsIo.fetch.item.processed': (p) => `  UID ${p.uid}: 保存 ${p.stored}、重複 ${p.duplicates}`,
  'reportsIo.fetch.item.kept': (p) => `  UID ${p.uid}: メールボックスに残しました（${p.reason === 'too-large' ? '大きすぎる' : '一部を隔離'}）`,
  'reportsIo.fetch.item.failed': (p) => `  UID ${p.uid}: 保存できず、手を付けていません: ${p.reason}`,
  'reportsIo.fetch.summary': (p) => `メッセージ ${p.messages} 件: 処理済み ${p.processed}、残した ${p.kept}、失敗 ${p.failed}`,
  'reportsIo.fetch.reports': (p) => `レポート: 保存 ${p.stored}、重複 ${p.duplicates}、隔離 ${p.quarantined}`,
  'reportsIo.fetch.stopped': 'ストアが失敗したため停止しました。残りのメッセージは次回の実行で取り込みます',
  'reportsIo.fetch.watching': (p) => `${p.mailbox} の新着レポートを監視しています（Ctrl-C で停止）`,
  'reportsIo.fetch.retrying': (p) => `接続が切れました（${p.error}）。再接続します`,
  'reportsIo.receive.help': `inkan reports receive — rua= / ruf= 宛てメールを受ける SMTP / LMTP 受信口

使い方:
  inkan reports receive --listen ホスト:ポート [オプション]

SMTP（--lmtp なら LMTP）でレポートのメールを受け取り、各メッセージのレポートを
保存します。応答 250 はレポートのコミット後にだけ返します。ストアが失敗したときは
451 を返すので、送信側サーバーはメッセージを保持して再送します（失われません）。
MX、Postfix の transport、転送ルールなどでここへ向けてください。
Ctrl-C（SIGINT）または SIGTERM まで動き続けます。

オプション:
  --listen HOST:PORT  待ち受けるアドレス（例 127.0.0.1:2525、[::1]:2525）
  --lmtp              LMTP（RFC 2033）で話す: 宛先ごとに 1 つの応答
  --rcpt ADDRESS      この宛先だけを受け付ける（複数可）。既定: すべて
  --tls-cert FILE     STARTTLS に使う証明書（PEM）。--tls-key と一緒に
  --tls-key FILE      その秘密鍵（PEM）
  --max-size BYTES    受け付ける最大のメッセージ（既定 67108864）
  --db PATH|URL       ストア（既定 $INKAN_DB、なければ $XDG_DATA_HOME/inkan/inkan.db）
  --json              メッセージごとに 1 行の JSON
  --lang en|ja        出力の言語

例:
  inkan reports receive --listen 127.0.0.1:2525
  inkan reports receive --listen 127.0.0.1:24 --lmtp --rcpt dmarc@example.com

終了コード:
  0  シグナルで停止した
  2  使い方の誤り
  3  待ち受けできない、またはストアを開けない`,
  'reportsIo.receive.missing-listen': '--listen ホスト:ポート でアドレスを指定してください',
  'reportsIo.receive.bad-listen': (p) => `"${p.value}" は ホスト:ポート の形ではありません`,
  'reportsIo.receive.tls-pair': '--tls-cert と --tls-key は一緒に指定してください',
  'reportsIo.receive.listen-failed': (p) => `${p.address} で待ち受けできません: ${p.error}`,
  'reportsIo.receive.listening': (p) => `${p.protocol} レポート受信口が ${p.host}:${p.port} で待ち受けています`,
  'reportsIo.receive.accepted': (p) => `受理 ${p.origin}: 保存 ${p.stored}、重複 ${p.duplicates}、隔離 ${p.quarantined}`,
  'reportsIo.receive.deferred': (p) => `保留（451）${p.origin}: ${p.reason}`,
  'reportsIo.receive.too-large': (p) => `拒否（552、大きすぎる）${p.origin}`,
  'reportsIo.receive.stopped': '受信口を停止しました',
  'reportsIo.generate.help': `inkan reports generate — 受信者として DMARC 集約レポートを作る（RFC 9990）

使い方:
  inkan reports generate --rows FILE --org-name 名前 --email アドレス --receiver ドメイン [オプション]

DMARC 評価の行（JSON Lines: {"time": ISO 8601 またはミリ秒, "row": inkan verify --json の
dmarc.report}）を読み、期間内のものをポリシードメインごとにまとめ、同じ行を合算して、
ドメインごとに gzip 圧縮した RFC 9990 レポートを 1 つずつ書き出します。ファイル名は
receiver!policy-domain!begin!end!id.xml.gz です。書き出す前に RFC 9990 スキーマの
規則で検査します。同じ期間を作り直すと同じ名前と ID になります（再送は最初のものを置き換えます）。

オプション:
  --rows FILE         評価の行（- で標準入力）
  --org-name NAME     org_name: あなたの組織名
  --email ADDRESS     email: ドメイン所有者からの連絡先（From: にも使います）
  --receiver DOMAIN   あなたのドメイン: ファイル名の先頭
  --begin TIME        期間の開始（ISO 8601。既定: 昨日 00:00 UTC）
  --end TIME          期間の終わり（含まない。既定: 開始 + 1 日）
  --out DIR           書き出し先（既定: カレントディレクトリ）
  --json              機械可読な出力
  --lang en|ja        出力の言語

例:
  inkan reports generate --rows rows.jsonl --org-name "Example Mail" --email dmarc-noreply@mail.example --receiver mail.example --out reports/

終了コード:
  0  レポートを書き出した（または期間内に行がない）
  1  作ったレポートがスキーマの規則に反した（書き出していません）
  2  使い方の誤り`,
  'reportsIo.send.help': `inkan reports send — DMARC 集約レポートを作り、各 rua= へメールで送る

使い方:
  inkan reports send --rows FILE --org-name 名前 --email アドレス --receiver ドメイン [オプション]
  inkan reports send --rows FILE ... --state FILE --every 期間 [--delay 期間]

inkan reports generate と同じようにレポートを作り、ポリシードメインごとに現在の
DMARC レコードを引き、ドメインの組織ドメインの外にある rua= 宛先が受け取りに同意して
いるかを確かめ（ポリシードメイン._report._dmarc.宛先 の TXT "v=DMARC1"、RFC 9990）、
許可された各アドレスへ gzip 圧縮したレポートを送ります（--smtp ならそのリレー、
なければ宛先の MX）。

--state FILE を付けると、どのレポート（ポリシードメイン + 期間）をどのアドレスへ
送ったかを FILE（JSON。試みるたびにアトミックに置き換え）に記録します。再実行しても
同じアドレスへ同じレポートを二度送ることはなく、一時的な失敗（4xx 応答、接続できない、
DNS の失敗）は再試行し、拒否（5xx）は記録して再試行しません。20 回試みても一時的な
失敗のままなら諦めます（記録します）。

--every を付けると Ctrl-C か SIGTERM まで動き続けます。各期間（UTC に揃えます。1d は
UTC の 1 日、1h は毎正時）が終わり、--delay が経ってから（遅れて届いたメールの行も
含めるため）送ります。失敗は --retry ごとに再試行します。各サイクルの記録は標準
エラー出力へ、--json ならサイクルごとに 1 行の JSON を出します。止まっていた間の
期間は後から送ります（最大 31 期間）。

オプション:
  inkan reports generate のオプションに加えて:
  --smtp RELAY        MX ではなくこのリレーに渡す: ホスト:ポート、
                      smtp://ホスト[:ポート]（提示されれば STARTTLS）、smtps://ホスト[:ポート]
  --smtp-ca FILE      リレーの TLS で信頼する CA 証明書
  --helo NAME         挨拶に使う名前（既定: --receiver）
  --state FILE        送信の記録（上記）。--every には必須
  --every 期間        動き続け、この長さの期間ごとに送る（30s、15m、1h、1d）
  --delay 期間        期間の終わりからこれだけ待つ（既定: --every の 4 分の 1、最大 1h）
  --retry 期間        一時的な失敗を再試行する間隔（既定: 15m。--every が短ければそれ）
  --zone FILE         ゾーンファイルから DNS に答える（複数可）
  --dns HOST[:PORT]   この DNS サーバーに問い合わせる（複数可）
  --timeout MS        問い合わせごとの DNS タイムアウト

例:
  inkan reports send --rows rows.jsonl --org-name "Example Mail" --email dmarc-noreply@mail.example --receiver mail.example
  inkan reports send --rows rows.jsonl --org-name "Example Mail" --email dmarc-noreply@mail.example --receiver mail.example --state /var/lib/inkan/sent.json --every 1d --delay 30m

終了コード:
  0  すべてのレポートを許可されたすべての宛先に送った（--every: シグナルで停止した）
  1  宛先が拒否した、許可されていない、またはドメインがレポートを求めていない。
     状態ファイルが inkan の状態ファイルではない
  2  使い方の誤り
  3  一時的な DNS / SMTP の失敗: 後で再実行してください。状態ファイルに書き込めない`,
  'reportsIo.generate.missing-option': (p) => `--${p.option} が必要です`,
  'reportsIo.generate.bad-time': (p) => `--${p.option}: "${p.value}" は ISO 8601 の時刻ではありません`,
  'reportsIo.generate.bad-period': '期間が空です: --end は --begin より後にしてください',
  'reportsIo.generate.bad-smtp': (p) => `--smtp: "${p.value}" は ホスト:ポート の形ではありません`,
  'reportsIo.generate.bad-lines': (p) => `行ファイルのうち ${p.count} 行は評価の行ではないため飛ばしました`,
  'reportsIo.generate.period': (p) => `期間 ${p.begin} 〜 ${p.end}`,
  'reportsIo.generate.none': '期間内に DMARC ポリシーのある行がありません: レポートなし',
  'reportsIo.generate.skipped': (p) =>
    `含めなかった行: DMARC ポリシーなし ${p.noPolicy}、送信元 IP なし ${p.noSourceIp}、期間外 ${p.outOfPeriod}`,
  'reportsIo.generate.wrote': (p) => `${p.file} を書き出しました（レコード ${p.records}、メッセージ ${p.messages}）`,
  'reportsIo.generate.invalid': (p) => `${p.file} は RFC 9990 スキーマに反するため書き出していません: ${p.problems}`,
  'reportsIo.send.report': (p) => `${p.file}（${p.domain}）:`,
  'reportsIo.send.sent': (p) => `  ${p.address} に送信: ${p.response}`,
  'reportsIo.send.failed': (p) => `  ${p.address} に送れませんでした: ${p.reason}`,
  'reportsIo.send.internal': (p) => `  ${p.uri}: ドメインの組織内なので許可は不要`,
  'reportsIo.send.authorized': (p) => `  ${p.uri}: ${p.name} により許可されています`,
  'reportsIo.send.unauthorized': (p) =>
    `  ${p.uri}: 許可されていません（${p.reason === 'override-host' ? `${p.name} が別のホストへ振り向けています` : p.reason === 'not-mailto' ? 'mailto: URI ではありません' : `${p.name} に "v=DMARC1" の TXT レコードがありません`}）。送信しません`,
  'reportsIo.send.temperror': (p) => `  ${p.uri}: ${p.name} の DNS 問い合わせが失敗しました。後で再実行してください`,
  'reportsIo.send.problem.no-policy': (p) => `  ${p.domain} は現在 DMARC レコードを公開していません: 送信しません`,
  'reportsIo.send.problem.no-destination': (p) => `  ${p.domain} は集約レポートを求めていません（rua= なし）: 送信しません`,
  'reportsIo.send.problem.temperror': (p) => `  ${p.domain} の DMARC レコードを引けませんでした。後で再実行してください`,
  'reportsIo.send.failed-temporary': (p) => `  ${p.address} に送れませんでした: ${p.reason}（一時的な失敗: 後で再実行してください）`,
  'reportsIo.send.bad-duration': (p) => `--${p.option} には 30s、15m、1h、1d のような長さを指定してください（"${p.value}" ではなく）`,
  'reportsIo.send.every-needs-state': '--every には --state FILE が必要です（再起動してもレポートを二度送らないため）',
  'reportsIo.send.needs-every': '--delay と --retry は --every と一緒に使います',
  'reportsIo.send.every-with-period': '--begin と --end は --every と一緒に使えません: 期間は時計で決まります',
  'reportsIo.send.state-stdin': '--state では試みるたびに行を読み直します: - （標準入力）ではなくファイルを指定してください',
  'reportsIo.send.state-error': (p) => `状態ファイルを使えません: ${p.error}`,
  'reportsIo.send.every-start': (p) => `${p.every} ごとの期間のレポートを、期間の終わりから ${p.delay} 後に送ります。状態は ${p.state}（Ctrl-C で停止）`,
  'reportsIo.send.cycle': (p) => `${p.at} のサイクル:`,
  'reportsIo.send.cycle-retry': (p) => `期間 ${p.begin} 〜 ${p.end} を再試行`,
  'reportsIo.send.cycle-nothing': '送るものはありません',
  'reportsIo.send.cycle-error': (p) => `このサイクルは失敗しました（${p.error}）。失われたものはなく、すぐに再試行します`,
  'reportsIo.send.already-sent': (p) => `  ${p.address} には送信済み（再送しません）`,
  'reportsIo.send.given-up': (p) => `  ${p.address} への送信を諦めました: 一時的な失敗が長く続きました`,
  'reportsIo.send.next': (p) => `次のサイクルは ${p.at}${p.pending ? `（再試行を待つレポート ${p.pending} 件）` : ''}`,
  'reportsIo.send.stopped': '停止しました。状態は保存済みです',
  'reportsIo.failure.help': `inkan reports failure — 受信者として、1 通のメッセージについて DMARC 失敗レポートを送る（RFC 9991）

使い方:
  inkan reports failure FILE|- --ip IP [--helo 名前] [--mail-from アドレス]
                        --org-name 名前 --email アドレス --receiver ドメイン [オプション]

inkan verify と同じようにメッセージを検証し（SPF、DKIM、DMARC）、ポリシーレコードの
fo= と ruf= を読みます。レコードに ruf= があり、メッセージが fo= のいずれかの条件に
当てはまるとき、レポートを送るべきと判断します:
  fo=0  SPF も DKIM もアラインした pass にならなかった（既定）
  fo=1  SPF か DKIM のどちらかがアラインした pass にならなかった
  fo=d  DKIM 署名の検証に失敗した（アラインメントを問わない）
  fo=s  SPF が失敗した（アラインメントを問わない）
レポートは ARF（multipart/report、Feedback-Type: auth-failure、Auth-Failure: dmarc）で、
元のメッセージはヘッダーだけを含み、本文は決して含めません。書き出しや送信の前に
inkan 自身の失敗レポートパーサーで読み直して確かめます。

ポリシードメインの組織ドメインの外にある ruf= アドレスは、受け取りに同意している必要が
あります（ポリシードメイン._report._dmarc.宛先 の TXT "v=DMARC1"）。同意のない宛先は
表示して除きます。--out も --send もなければ何も書き出さず送りません: レポートが必要か、
その理由、送り先だけを示します。

なりすましの攻撃では 1 つのドメインが 1 時間に何千回も失敗することがあります。
--state FILE を付けると、ポリシードメインごと、1 時間（UTC の正時区切り）ごとに最大
--max-per-hour 通（既定 10）だけ送ります（書き出すか送信を試みた時点で数えます）。件数は FILE に記録し、更新中はロックするので、
MTA が多数のメッセージについて同時にこのコマンドを実行しても正しく数えます。

オプション:
  --ip IP             接続してきたクライアントのアドレス（必須）
  --helo NAME         HELO/EHLO の名前
  --mail-from ADDR    SMTP の MAIL FROM
  --now TIME          到着時刻（ISO 8601。既定: 現在）
  --authserv-id ID    レポート内の Authentication-Results の authserv-id（既定: --receiver）
  --org-name NAME     あなたの組織名（レポートの本文）
  --email ADDRESS     レポートの From: とエンベロープ送信者
  --receiver DOMAIN   あなたのドメイン: Reporting-MTA、authserv-id、ファイル名
  --out DIR           レポートを DIR/receiver!policy-domain!time!id.eml に書き出す
  --send              許可された各 ruf= アドレスへメールで送る
  --smtp RELAY        --send と一緒に: 宛先の MX ではなくこのリレーに渡す（ホスト:ポート、
                      smtp://ホスト[:ポート]、smtps://ホスト[:ポート]）
  --smtp-ca FILE      リレーの TLS で信頼する CA 証明書
  --state FILE        ポリシードメインと時間ごとのレポート数を FILE で数える
  --max-per-hour N    ポリシードメインごとの 1 時間あたりのレポート数（--state と一緒に。既定 10）
  --zone FILE         ゾーンファイルから DNS に答える（複数可）
  --dns HOST[:PORT]   この DNS サーバーに問い合わせる（複数可）
  --timeout MS        問い合わせごとの DNS タイムアウト
  --json              機械可読な出力
  --lang en|ja        出力の言語

例:
  inkan reports failure msg.eml --ip 203.0.113.5 --mail-from bounce@example.com --org-name "Example Mail" --email dmarc-noreply@mail.example --receiver mail.example --send --state /var/lib/inkan/failure.json

終了コード:
  0  レポートは不要、または許可されたすべてのアドレスへ書き出した／送った
     （1 時間あたりの上限で止めた場合も）
  1  --send で: 宛先が拒否した、または許可された宛先がない。レポートを正しく読み直せなかった。
     状態ファイルが inkan の状態ファイルではない
  2  使い方の誤り
  3  一時的な DNS / SMTP の失敗、または状態ファイルがロックされている／書き込めない`,
  'reportsIo.failure.dmarc': (p) => `${p.domain} の DMARC は ${p.result}（${p.policy} のポリシーレコード、fo=${p.fo}）`,
  'reportsIo.failure.due': '失敗レポートを送るべきです:',
  'reportsIo.failure.would-trigger': '当てはまった fo= の条件:',
  'reportsIo.failure.trigger.0': 'fo=0: SPF も DKIM もアラインした pass になりませんでした',
  'reportsIo.failure.trigger.1': 'fo=1: SPF か DKIM がアラインした pass になりませんでした',
  'reportsIo.failure.trigger.d': 'fo=d: DKIM 署名の検証に失敗しました',
  'reportsIo.failure.trigger.s': 'fo=s: SPF が失敗しました',
  'reportsIo.failure.not-due.no-policy': (p) => `${p.domain} からのメールに適用される DMARC ポリシーはありません: 失敗レポートなし`,
  'reportsIo.failure.not-due.temperror': (p) => `${p.domain} の DMARC 評価が一時的に失敗しました（DNS）: 判断できません。後で再実行してください`,
  'reportsIo.failure.not-due.no-ruf': (p) => `${p.domain} は失敗レポートを求めていません（ruf= なし）: 失敗レポートなし`,
  'reportsIo.failure.not-due.no-trigger': (p) => `${p.domain} の fo=${p.fo} の条件に当てはまりません: 失敗レポートなし`,
  'reportsIo.failure.no-ruf-now': (p) => `  ${p.domain} は現在失敗レポートを求めていません（ruf= なし）: 送信しません`,
  'reportsIo.failure.checked': (p) => `レポート ${p.id} を作り、inkan の失敗レポートパーサーで読み直しました: 問題なし`,
  'reportsIo.failure.check-failed': (p) => `レポートを作ったとおりに読み直せないため、書き出しも送信もしません: ${p.problems}`,
  'reportsIo.failure.wrote': (p) => `${p.file} を書き出しました`,
  'reportsIo.failure.dry-run': '何も書き出さず、送っていません（--out DIR や --send を指定してください）',
  'reportsIo.failure.rate': (p) => `${p.domain} のこの 1 時間の失敗レポート: ${p.count} / ${p.max}`,
  'reportsIo.failure.rate-limited': (p) => `${p.domain} の失敗レポートはこの 1 時間にすでに ${p.count} 通（上限 ${p.max}）: この 1 通は書き出しも送信もしません`,
  'reportsIo.failure.max-needs-state': '--max-per-hour には数えるための --state FILE が必要です',
  'reportsIo.failure.smtp-needs-send': '--smtp と --smtp-ca は --send と一緒に使います',
  'reportsIo.failure.too-large': (p) => `メッセージが ${p.max} バイトより大きいです`,
};
