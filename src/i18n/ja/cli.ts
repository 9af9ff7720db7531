import type { cli as en } from '../en/cli.js';

/** Japanese messages of the command line. */
export const cli: typeof en = {
  'cli.help.main': (p: { version: string }) => `inkan ${p.version} — 送信ドメイン認証: SPF、DKIM、DMARC、ARC、BIMI

使い方: inkan <コマンド> [オプション]

コマンド:
  verify       受信したメールをメールサーバーと同じ方法で検査します: SPF、DKIM、DMARC、
               そして追加する Authentication-Results ヘッダー
  spf          IP アドレスがそのドメインのメールを送ってよいかを調べます（RFC 7208）
  spf lint     ドメインの SPF レコードを点検します（構文、include の木構造、DNS 参照回数）
  dmarc        ドメインの DMARC ポリシーを探し（RFC 9989 のツリーウォーク）、その意味を説明します
  sign         メールに DKIM 署名を付けます（RFC 6376、RFC 8463）
  dkim keygen  DKIM の鍵ペアと、それを公開する DNS レコードを作ります
  arc seal     転送するメールに ARC セットを付けます（RFC 8617）
  bimi         ドメインの BIMI レコード、ロゴ（SVG Tiny PS）、マーク証明書を調べます
  mta-sts      ドメインの MTA-STS ポリシーと TLS-RPT レコードを調べます
  check        ドメインのメール設定を点検します: MX、SPF、DKIM、DMARC、PTR と、その直し方
  analyze      メールのソースを読み、本当に名乗るとおりの送信者からか、違うならなぜかを示します
  reports      DMARC 集約・失敗レポートと TLS レポートを取り込み、保存し、分析します

すべてのコマンドで使えるオプション:
  --json         機械可読な出力（どの言語でも同じ内容）
  --lang ja|en   表示言語（既定値は環境変数 LANG から決まります）
  --help         コマンドの説明、オプション、使用例

DNS を引くコマンドではさらに:
  --zone FILE        DNS の代わりに RFC 1035 形式のゾーンファイルから回答します（複数指定可）
  --dns HOST[:PORT]  この DNS サーバーに問い合わせます。例: 127.0.0.1:5353（複数指定可）
  --timeout MS       DNS 問い合わせ 1 回あたりの制限時間（既定 2000 ミリ秒）

詳しくは "inkan help <コマンド>" または "inkan <コマンド> --help" を実行してください。`,
  'cli.help.spf': `inkan spf — この IP アドレスはこのドメインのメールを送ってよいか（SPF、RFC 7208）

使い方:
  inkan spf --ip IP --mail-from アドレス [--helo 名前] [オプション]
  inkan spf lint ドメイン [オプション]
  inkan spf build --include NAME --ip4 CIDR ... [オプション]   （inkan spf build --help を参照）

SPF は、ドメインのメールを送るサーバーを DNS で公開する仕組みです。受信
サーバーは、接続元の IP アドレスをエンベロープ送信者（SMTP の MAIL FROM、
Return-Path とも呼ばれます）のドメインの SPF レコードと照合します。

検査のオプション:
  --ip IP              接続元クライアントのアドレス（IPv4 または IPv6）
  --mail-from アドレス エンベロープ送信者。エラーメール（空の送信者）には "" を
                       指定します。その場合は postmaster@HELO 名として HELO 名を検査します
  --helo 名前          クライアントが HELO/EHLO で名乗った名前
  --identity ID        検査する識別子: mailfrom（既定）または helo
  --receiver 名前      この受信ホストの名前（説明文の %{r} に使われます）
  --explain            すべての手順を表示します: 読んだレコード、試した項目、DNS の回答、
                       上限（10 回、空の回答 2 回）に対する参照回数
  --received-spf       付け加える Received-SPF ヘッダーも表示します

点検（inkan spf lint ドメイン）:
  レコードと、その下のすべての include と redirect を読み、受信側が行う DNS
  参照の回数（上限は 10 回）を数え、問題点をその直し方とともに報告します。

DNS:
  --zone FILE          DNS の代わりにこのゾーンファイルから回答します（複数指定可）
  --dns HOST[:PORT]    この DNS サーバーに問い合わせます（複数指定可）。例: 127.0.0.1:5353
  --timeout MS         DNS 問い合わせ 1 回あたりの制限時間（既定 2000 ミリ秒）

出力:
  --json               機械可読な結果（どの言語でも同じ内容）
  --lang ja|en         表示言語（既定値は LANG から決まります）

終了コード:
  検査: 0 pass、1 fail・softfail・neutral・none・permerror、2 使い方の誤り、3 temperror
  点検: 0 エラーなし、1 エラーあり、2 使い方の誤り、3 DNS の失敗で点検が不完全

例:
  inkan spf --ip 192.0.2.10 --mail-from alice@example.com --zone examples/example.zone --explain
  inkan spf --ip 2001:db8::25 --mail-from "" --helo mail.example.com --dns 127.0.0.1:5353
  inkan spf lint example.com --zone examples/example.zone`,
  'cli.error.unknown-command': (p: { command: string }) => `"${p.command}" というコマンドはありません`,
  'cli.error.command-first': '先にコマンド名を書いてください。例: "inkan spf --ip ..."',
  'cli.error.unknown-option': (p: { option: string }) => `${p.option} というオプションはありません`,
  'cli.error.option-value': (p: { option: string }) => `オプション ${p.option} には値が必要です`,
  'cli.error.bad-number': (p: { option: string; value: string }) => `--${p.option} には正の整数を指定してください（"${p.value}" は使えません）`,
  'cli.error.missing-option': (p: { option: string }) => `--${p.option} を指定してください`,
  'cli.error.bad-ip': (p: { value: string }) => `"${p.value}" は IPv4 / IPv6 アドレスではありません`,
  'cli.error.bad-identity': (p: { value: string }) => `--identity には mailfrom か helo を指定してください（"${p.value}" は使えません）`,
  'cli.error.extra-arguments': (p: { args: string }) => `余分な引数があります: ${p.args}`,
  'cli.error.missing-domain': '点検するドメインを指定してください。例: "inkan spf lint example.com"',
  'cli.error.zone-and-dns': '--zone と --dns はどちらか一方だけを指定してください',
  'cli.error.zone-file': (p: { file: string; reason: string }) => `ゾーンファイル ${p.file} を使えません: ${p.reason}`,
  'cli.error.dns-server': (p: { value: string }) => `"${p.value}" は DNS サーバーのアドレスではありません（HOST、HOST:PORT、[IPv6]:PORT の形式）`,
  'cli.error.missing-file': 'メッセージのファイル名を指定してください（標準入力から読むときは "-"）',
  'cli.error.unreadable-file': (p: { file: string }) => `ファイル ${p.file} を読めません`,
  'cli.error.bad-time': (p: { value: string }) => `"${p.value}" は日時ではありません（ISO 8601 形式で指定してください。例: 2026-11-30T09:00:00+09:00）`,
  'cli.lint.clean': '問題は見つかりませんでした。',
  'cli.lint.fix': '直し方:',
  'cli.lint.suggested': (p: { domain: string }) => `安全な修正をすべて反映した ${p.domain} のレコード:`,
  'cli.lint.summary': (p: { errors: number; warnings: number; infos: number }) => `エラー ${p.errors} 件、警告 ${p.warnings} 件、参考情報 ${p.infos} 件。`,
  'cli.error.see-help': (p: { command: string }) => `使い方は "${p.command}" で確認できます。`,
};
