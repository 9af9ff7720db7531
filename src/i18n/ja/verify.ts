import type { verify as en } from '../en/verify.js';

/** Japanese messages of the verify pipeline and its command. */
export const verify: typeof en = {
  'verify.help': `inkan verify — 受信メールサーバーと同じ方法でメールを検査します: SPF、DKIM、DMARC

使い方:
  inkan verify ファイル|- --ip IP [--helo 名前] [--mail-from アドレス] [--authserv-id ID] [オプション]

受け取ったままのメッセージ（ファイル、または "-" で標準入力）と、配送時の SMTP の
情報（接続元の IP アドレス、HELO 名、エンベロープ送信者 MAIL FROM）を読みます。
接続について SPF を、すべての DKIM-Signature を、そして差出人（From ヘッダー）の
ドメインについて DMARC を検査します。互いに依存しない DNS 問い合わせは並行して
行います。ARC ヘッダーフィールドのある転送メールは ARC チェーンも検証します（RFC 8617）:
各セットの封印者、cv=、検証結果、その中継者が見た結果を表示します。各検査の結果を表示したあと、追加する Authentication-Results と
Received-SPF ヘッダーをそのまま表示するので、メールサーバーが書いたものと比べられます。

オプション:
  --ip IP              接続元クライアントのアドレス（必須）
  --helo 名前          クライアントが HELO/EHLO で名乗った名前
  --mail-from アドレス エンベロープ送信者。エラーメールの場合は ""（または省略）
  --authserv-id ID     Authentication-Results に書くこの受信サーバーの名前（既定: ホスト名）
  --now 日時           メールが届いた日時（ISO 8601）。キューで待っていたメールの検査に使います
  --dmarc-mode 方式    rfc9989（既定、DNS ツリーウォーク）または rfc7489（Public Suffix List）
  --trusted-arc-sealer ドメイン
                       この ARC 封印者を信頼します（複数指定可）: DMARC が fail でも、その封印者の
                       検証できる ARC チェーンが SPF・DKIM・DMARC の pass を伝えていれば、ポリシーを
                       適用しません（trusted_forwarder の上書きとして記録）
  --explain            すべての検査の全手順: レコード、鍵、ハッシュ、DNS の回答
  --report-log FILE    このメールの DMARC 評価行（JSON Lines）を FILE に追記します。
                       "inkan reports generate --rows FILE" で集約レポートを作るために使います

DNS:
  --zone FILE          DNS の代わりにこのゾーンファイルから回答します（複数指定可）
  --dns HOST[:PORT]    この DNS サーバーに問い合わせます（複数指定可）。例: 127.0.0.1:5353
  --timeout MS         DNS 問い合わせ 1 回あたりの制限時間（既定 2000 ミリ秒）

出力:
  --json               機械可読な結果とヘッダー（どの言語でも同じ内容）
  --lang ja|en         表示言語（既定値は LANG から決まります）

終了コード: 0 DMARC pass、1 DMARC fail・none・permerror、2 使い方の誤り、3 DMARC temperror

例:
  inkan verify message.eml --ip 192.0.2.10 --helo mail.example.com --mail-from alice@example.com --zone examples/example.zone
  cat message.eml | inkan verify - --ip 2001:db8::25 --mail-from "" --helo mx.example.org --explain`,
  'verify.unreadable': (p: { limit: string; max: number }) =>
    `メッセージのヘッダーを読めませんでした（上限 ${p.limit} = ${p.max} を超えています）。DKIM は検査しておらず、DMARC の対象ドメインもありません。`,
  'verify.no-dkim': 'DKIM none: このメッセージには DKIM-Signature がありません。',
  'verify.dkim-not-evaluated': (p: { count: number; limit: number }) => `ほかに ${p.count} 件の DKIM-Signature は検査していません（1 通あたり最大 ${p.limit} 件）。`,
  'verify.headers': '追加するヘッダー:',
  'verify.error.dmarc-mode': (p: { value: string }) => `--dmarc-mode には rfc9989 か rfc7489 を指定してください（"${p.value}" は使えません）`,
};
