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

inkan reports generate と同じようにレポートを作り、ポリシードメインごとに現在の
DMARC レコードを引き、ドメインの組織ドメインの外にある rua= 宛先が受け取りに同意して
いるかを確かめ（ポリシードメイン._report._dmarc.宛先 の TXT "v=DMARC1"、RFC 9990）、
許可された各アドレスへ gzip 圧縮したレポートを送ります（--smtp ならそのリレー、
なければ宛先の MX）。

オプション:
  inkan reports generate のオプションに加えて:
  --smtp HOST:PORT    MX ではなく、すべてのメッセージをこのリレーに渡す
  --helo NAME         挨拶に使う名前（既定: --receiver）
  --zone FILE         ゾーンファイルから DNS に答える（複数可）
  --dns HOST[:PORT]   この DNS サーバーに問い合わせる（複数可）
  --timeout MS        問い合わせごとの DNS タイムアウト

終了コード:
  0  すべてのレポートを許可されたすべての宛先に送った
  1  宛先が拒否した、許可されていない、またはドメインがレポートを求めていない
  2  使い方の誤り
  3  一時的な DNS / SMTP の失敗: 後で再実行してください`,
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
};
