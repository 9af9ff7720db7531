import type { dkimSign as en } from '../en/dkim-sign.js';

/** Japanese messages of the dkim-sign module: signing, key generation and their commands. */
export const dkimSign: typeof en = {
  'dkim-sign.error.no-from': 'メッセージに From フィールドがありません。DKIM 署名は必ず From を対象に含める必要がある（RFC 6376 §5.4）ため、署名しませんでした',
  'dkim-sign.error.unreadable-message': (p: { limit: string; max: number }) => `ヘッダー部を読み取れませんでした。上限 ${p.limit}（${p.max}）を超えています`,
  'dkim-sign.error.bad-private-key': '秘密鍵を読み取れません（PEM、DER、または Ed25519 鍵の base64 シードが必要です。暗号化された鍵には対応していません）',
  'dkim-sign.error.unsupported-key-type': (p: { keyType?: string }) => `${p.keyType ?? 'この種類の'} 鍵では DKIM 署名を作れません。RSA または Ed25519 の鍵を使ってください`,
  'dkim-sign.error.rsa-key-too-small': (p: { bits?: number }) =>
    `RSA 鍵が ${p.bits ?? '?'} ビットしかありません。1024 ビット未満の鍵は検証側で拒否されます（RFC 8301 §3.2）。2048 ビットを使ってください`,
  'dkim-sign.error.unsupported-algorithm': (p: { value?: string }) =>
    `"${p.value ?? ''}" では署名できません。inkan が使えるのは rsa-sha256 と ed25519-sha256 です（rsa-sha1 は RFC 8301 §3.1 で禁止されています）`,
  'dkim-sign.error.algorithm-mismatch': (p: { keyType?: string; value?: string }) => `${p.value ?? 'このアルゴリズム'} は ${p.keyType ?? ''} 鍵では使えません`,
  'dkim-sign.error.bad-domain': (p: { value?: string }) =>
    `"${p.value ?? ''}" は署名に使えるドメイン名ではありません（d= には英数字とハイフンからなるラベルが 2 つ以上必要です）`,
  'dkim-sign.error.bad-selector': (p: { value?: string }) => `"${p.value ?? ''}" はセレクターとして使えません（英数字とハイフンのラベルをドットで区切ります）`,
  'dkim-sign.error.bad-identity': (p: { value?: string }) => `"${p.value ?? ''}" は識別子として使えません（i= は user@example.com や @example.com の形です）`,
  'dkim-sign.error.identity-not-in-domain': (p: { value?: string }) =>
    `識別子 "${p.value ?? ''}" は署名ドメインかそのサブドメインに属している必要があります（RFC 6376 §3.5）`,
  'dkim-sign.error.bad-canonicalization': (p: { value?: string }) =>
    `"${p.value ?? ''}" は正規化方式ではありません。relaxed/relaxed、simple/simple、relaxed/simple、simple/relaxed のいずれかを指定してください`,
  'dkim-sign.error.bad-expiration': (p: { value?: string }) => `有効期限 "${p.value ?? ''}" が署名時刻より後になっていません`,
  'dkim-sign.error.bad-body-length': (p: { value?: string }) => `本文の長さ "${p.value ?? ''}" はオクテット数を表す整数ではありません`,
  'dkim-sign.error.bad-header-name': (p: { value?: string }) => `"${p.value ?? ''}" はヘッダーフィールド名ではありません`,
  'dkim-sign.error.too-many-headers': '署名するヘッダーフィールドが多すぎます（h= は 512 項目まで）',
  'dkim-sign.error.from-not-signed': '署名するヘッダーフィールドの一覧には From を含める必要があります（RFC 6376 §5.4）',
  'dkim-sign.error.signature': (p: { index: number; text: string }) => `署名 ${p.index + 1}: ${p.text}`,

  'dkim-sign.help.sign': `inkan sign — メッセージに DKIM 署名を付けます（RFC 6376、RFC 8463）

使い方:
  inkan sign ファイル|- --domain ドメイン --selector セレクター --key 鍵ファイル [オプション]

DKIM は、ドメインが送信するメールに署名する仕組みです。署名は本文と主要な
ヘッダーフィールドを対象とし、受信側は DNS の セレクター._domainkey.ドメイン
から公開鍵を取得して検証します。鍵は "inkan dkim keygen" で作れます。

メッセージはファイルから、"-" を指定すると標準入力から読みます。署名済みの
メッセージを標準出力に書き出します。先頭に DKIM-Signature フィールド、その
後に元のメッセージがそのまま続きます。

オプション:
  --domain ドメイン        署名ドメイン（d=）。通常は From のドメイン
  --selector セレクター    公開鍵の TXT レコードを示すセレクター（s=）
  --key 鍵ファイル         秘密鍵: PEM（RSA または Ed25519）、または dkimpy や
                           RFC 8463 と同じ base64 形式の Ed25519 シード
  --algorithm ALG          rsa-sha256 または ed25519-sha256（既定: 鍵から判断）
  --canonicalization C     relaxed/relaxed（既定）、simple/simple、relaxed/simple など
  --headers a,b,c          存在すれば署名するヘッダーフィールド（既定: From、
                           Reply-To、Subject、Date、To、Cc、Message-ID、MIME 関連、
                           List-Unsubscribe など）。From は常に署名します
  --no-oversign            各フィールドを出現回数だけ署名します。既定では 1 回
                           多く署名し、後から同名のフィールドを追加できないようにします
  --identity ID            i= の識別子。例: user@example.com
  --expires 秒             x= を付けます。署名から指定秒数後に期限切れになります
  --body-length            l= を付けます（危険: 第三者が本文に追記できるようになります）
  --out ファイル           署名済みメッセージを標準出力ではなくファイルに書き出します

出力:
  --json                   DKIM-Signature フィールドとタグを JSON で出力します
  --lang ja|en             表示言語（既定値は環境変数 LANG から決まります）

終了コード:
  0 署名した。1 署名しなかった（From が無い、鍵が使えないなど）。2 使い方の誤り

例:
  inkan sign message.eml --domain example.com --selector s2024 --key s2024.private
  cat message.eml | inkan sign - --domain example.com --selector ed1 --key ed1.private --out signed.eml`,
  'dkim-sign.cli.missing-file': '署名するメッセージを指定してください（ファイル、または標準入力を表す "-"）',
  'dkim-sign.cli.cannot-read': (p: { file: string; reason: string }) => `${p.file} を読めません: ${p.reason}`,
  'dkim-sign.cli.cannot-write': (p: { file: string; reason: string }) => `${p.file} に書き込めません: ${p.reason}`,
  'dkim-sign.cli.bad-expires': (p: { value: string }) => `--expires には正の整数（秒数）を指定してください。"${p.value}" は使えません`,
  'dkim-sign.cli.not-signed': 'メッセージは署名されませんでした。',
  'dkim-sign.cli.written': (p: { file: string; count: number }) => `署名済みメッセージを ${p.file} に書き出しました（署名 ${p.count} 件）。`,

  'dkim-sign.help.dkim': `inkan dkim — DKIM の鍵（RFC 6376、RFC 8463）

使い方:
  inkan dkim keygen --domain ドメイン --selector セレクター [オプション]

keygen は署名用の新しい鍵ペアを作り、その公開鍵を公開するための DNS レコードを
表示します。秘密鍵は署名するプログラム（inkan sign、OpenDKIM、メール配信
サービスなど）だけが持ち、TXT レコードは DNS の セレクター._domainkey.ドメイン
に登録します。鍵を替えるときは新しいセレクターを使い、古い鍵で署名したメールが
届け終わるまで古いレコードを残しておきます。

オプション:
  --domain ドメイン       署名ドメイン（d=）
  --selector セレクター   セレクター（s=）。例: s2024、mail
  --type rsa|ed25519      鍵の種類（既定 rsa。Ed25519 は短い鍵ですが、まだ検証
                          しない受信者もいるため、両方で署名するのが安全です）
  --bits N                RSA 鍵の長さ。1024〜8192（既定 2048）
  --testing               t=y を付け、DKIM を試験中であることを受信者に伝えます
  --out 接頭辞            鍵を表示する代わりに 接頭辞.private（本人だけが読める
                          秘密鍵）と 接頭辞.txt（ゾーンファイルの行）を書き出します。
                          既存のファイルは上書きしません

出力:
  --json                  鍵、レコード、255 オクテットごとの文字列、ゾーンファイル
                          の行を JSON で出力します
  --lang ja|en            表示言語（既定値は環境変数 LANG から決まります）

終了コード:
  0 鍵を作成した。1 ファイルを書き出せなかった。2 使い方の誤り

例:
  inkan dkim keygen --domain example.com --selector s2024
  inkan dkim keygen --domain example.com --selector ed2024 --type ed25519 --out ed2024`,
  'dkim-sign.cli.unknown-subcommand': (p: { command: string }) => `不明なサブコマンド "${p.command}" です（"inkan dkim keygen" を試してください）`,
  'dkim-sign.cli.missing-subcommand': '何をするか指定してください。例: "inkan dkim keygen --domain example.com --selector s1"',
  'dkim-sign.cli.bad-type': (p: { value: string }) => `--type には rsa または ed25519 を指定してください。"${p.value}" は使えません`,
  'dkim-sign.cli.bad-bits': (p: { value: string }) => `--bits には 1024〜8192 の整数を指定してください。"${p.value}" は使えません`,
  'dkim-sign.cli.bits-for-rsa': '--bits は RSA 鍵にだけ使えます。Ed25519 鍵の長さは固定です',
  'dkim-sign.cli.exists': (p: { file: string }) => `${p.file} はすでに存在します。別の --out 接頭辞を選ぶか、ファイルを移動してください`,
  'dkim-sign.cli.private-key': '秘密鍵（他人に見せず、メールに署名するプログラムだけに渡してください）:',
  'dkim-sign.cli.private-key-written': (p: { file: string }) => `秘密鍵を ${p.file} に書き出しました（本人だけが読めます。他人に見せないでください）。`,
  'dkim-sign.cli.zone-written': (p: { file: string }) => `ゾーンファイルの行を ${p.file} に書き出しました。`,
  'dkim-sign.cli.publish': (p: { name: string; domain: string }) => `次の TXT レコードを ${p.domain} の DNS ゾーンの ${p.name} に登録してください:`,
  'dkim-sign.cli.publish-fields': (p: { host: string; value: string }) =>
    `DNS 事業者の画面で名前と値を別々に入力する場合:\n  名前: ${p.host}\n  値:   ${p.value}`,
  'dkim-sign.cli.then': (p: { domain: string; selector: string }) => `登録が済んだら --domain ${p.domain} --selector ${p.selector} で署名できます。`,
};
