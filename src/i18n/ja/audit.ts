import type { audit as en } from '../en/audit.js';

type Unchecked = { name: string; type: string; status: string };

const unchecked = (p: Unchecked): string =>
  `確認できませんでした: サーバーが ${p.type} ${p.name} に応答しませんでした（${p.status === 'timeout' ? 'タイムアウト' : p.status}）。「レコードがない」という意味ではありません。時間をおいて再試行するか、別のリゾルバーで確認してください`;

const AREA: Record<string, string> = {
  mx: 'MX（メールの受信）', spf: 'SPF', dkim: 'DKIM', dmarc: 'DMARC', bimi: 'BIMI', 'mta-sts': 'MTA-STS', 'tls-rpt': 'TLS-RPT',
  ptr: '逆引き DNS（PTR）', dnssec: 'DNSSEC', message: 'サンプルメッセージ', readiness: 'メールボックス事業者の要件',
};

const ITEM: Record<string, string> = {
  'spf-or-dkim': 'SPF または DKIM', 'spf-and-dkim': 'SPF と DKIM', 'dkim-1024': 'DKIM 鍵 1024 ビット以上', 'dmarc-policy': 'DMARC（p=none 以上）',
  'from-aligned': 'From の整合（DMARC pass）', 'ptr-fcrdns': 'PTR と FCrDNS', tls: 'TLS', rfc5322: 'RFC 5322 の From / Message-ID',
  'one-click-unsubscribe': 'ワンクリック購読解除（RFC 8058）',
};

const PROVIDER: Record<string, string> = { gmail: 'Gmail', yahoo: 'Yahoo', outlook: 'Outlook.com' };

/** Japanese messages of audit: same ids and parameters as English. */
export const audit: typeof en = {
  'audit.render.summary': (p) => `${p.domain}: エラー ${p.errors} 件、警告 ${p.warnings} 件、未確認 ${p.unchecked} 件、OK ${p.oks} 件、情報 ${p.infos} 件`,
  'audit.render.area': (p) => AREA[p.area] ?? p.area,
  'audit.render.severity': (p) => ({ error: 'エラー', warning: '警告', info: '情報', ok: 'OK' })[p.severity] ?? p.severity,
  'audit.render.unchecked': '未確認',
  'audit.render.status': (p) =>
    p.status === 'nxdomain' ? 'NXDOMAIN（その名前は存在しない）' : p.status === 'nodata' ? 'この型のレコードなし' : p.status === 'timeout' ? '応答なし（タイムアウト）' : `サーバーエラー ${p.status}`,
  'audit.render.fix-hint': '対処:',
  'audit.render.fixes': (p) => `${p.domain} の修正（ゾーンファイルの行）`,
  'audit.render.fixes-remove': '次のレコードを削除してください:',
  'audit.render.fixes-add': '次のレコードを公開してください:',
  'audit.render.fixes-file': (p) => `${p.url} で次のファイルを配信し（HTTP 200、Content-Type: text/plain）、_mta-sts レコードの id= を変更してください:`,
  'audit.render.item': (p) => ITEM[p.id] ?? p.id,
  'audit.render.provider': (p) => PROVIDER[p.provider] ?? p.provider,
  'audit.render.tier': (p) => (p.tier === 'all' ? '全送信者' : '大量'),
  'audit.render.legend': '✓ 満たす  ✗ 満たさない  ? サンプルメッセージ（--message）か --sending-ip が必要  … 確認できず  · 要件外',
  'audit.readiness': (p) => {
    const who = `${PROVIDER[p.provider] ?? p.provider}・${p.tier === 'all' ? 'すべての送信者' : '大量送信者（1 日 5,000 通以上）'}`;
    if (p.count === 0) return `${who}: 公開された要件はありません`;
    const items = (list: string): string => list.split(', ').map((i) => ITEM[i] ?? i).join('、');
    if (p.verdict === 'ready') return `${who}: すべての要件を満たしています`;
    if (p.verdict === 'not-ready') return `${who}: 満たしていない項目: ${items(p.failed)}${p.pending ? `。未確認: ${items(p.pending)}` : ''}`;
    return `${who}: DNS で分かる範囲では問題ありません。未確認: ${items(p.pending)}`;
  },
  'audit.readiness.fix': '上の指摘を修正してください。残りの項目は、このドメインが送ったメールを --message で渡すと確認できます',

  'audit.internal-error': (p) => `${AREA[p.area] ?? p.area} を確認できませんでした: inkan 内部で確認に失敗しました（${p.error}）。報告をお願いします`,
  'audit.domain.invalid': (p) => `「${p.domain}」は有効なドメイン名ではありません`,
  'audit.mx.ok': (p) => `${p.domain} は ${p.hosts} でメールを受信します`,
  'audit.mx.none': (p) => `${p.domain} に MX レコードがありません。エラーメールや返信は A レコードに向かい、受信できない送信者を信用しない受信者もあります`,
  'audit.mx.none.fix': 'メールを受信するサーバーの MX レコードを公開してください。メールを一切受信しないドメインなら null MX（"MX 0 ."）を公開します',
  'audit.mx.domain-missing': (p) => `${p.domain} は DNS に存在しません（NXDOMAIN）`,
  'audit.mx.domain-missing.fix': '綴り、ドメインの登録、DNS サーバーへの委任を確認してください',
  'audit.mx.null': (p) => `${p.domain} は null MX（RFC 7505）を公開しています。メールを受け付けないため、このドメインからのメールは受信を拒否されることがあります（エラーメールが戻れない）`,
  'audit.mx.null-mixed': (p) => `${p.domain} は null MX と他の MX レコードを混在させています。RFC 7505 §3 で禁止されています`,
  'audit.mx.null-mixed.fix': 'null MX レコードを削除してください',
  'audit.mx.ip-address': (p) =>
    `${p.domain} の MX レコードにホスト名ではなく IP アドレス ${p.ip} が書かれています。MX はホスト名でなければならず（RFC 5321 §5.1）、このドメイン宛てのメール（エラーメールも）が届きません`,
  'audit.mx.ip-address.fix': (p) => `サーバーに名前を付け（${p.host} に ${p.ip} の A レコード）、MX をその名前に向けてください`,
  'audit.mx.cname': (p) => `MX ホスト ${p.exchange} は別名（${p.target} への CNAME）です。RFC 5321 §5.1 は本当のホスト名を求めています`,
  'audit.mx.cname.fix': (p) => `MX を ${p.target} に向けてください`,
  'audit.mx.no-address': (p) => `MX ホスト ${p.exchange} に A・AAAA レコードがありません。このドメイン宛てのメールが届きません`,
  'audit.mx.no-address.fix': (p) => `${p.exchange} の A（と AAAA）レコードを公開するか、アドレスのあるホストに MX を向けてください`,
  'audit.mx.private-address': (p) => `MX ホスト ${p.exchange} のアドレス ${p.address} はプライベートまたはループバックのアドレスで、インターネットから届きません`,
  'audit.mx.private-address.fix': 'メールサーバーのグローバルアドレスを公開してください',
  'audit.mx.same-preference': (p) => `MX ホスト ${p.hosts} は同じ優先度 ${p.preference} です。送信側はランダムに選びます（負荷分散なら問題ありません）`,
  'audit.mx.unchecked': unchecked,

  'audit.spf.record': (p) =>
    `${p.domain} の SPF レコード: DNS 参照 ${p.lookups}/${p.limit} 回、void 参照 ${p.voidLookups}/${p.voidLimit} 回${p.branches ? `（${p.branches}）` : ''}: ${p.record}`,
  'audit.spf.mail-from.no-mx': (p) => `エンベロープのドメイン ${p.mailFrom} に MX レコードがありません。エラーメールが戻れません（Amazon SES のカスタム MAIL FROM には必要です）`,
  'audit.spf.mail-from.aligned': (p) => `エンベロープのドメイン ${p.mailFrom} は ${p.domain} の内側です。SPF は From と整合します（relaxed）`,
  'audit.spf.mail-from.not-aligned': (p) => `エンベロープのドメイン ${p.mailFrom} は ${p.domain} の外です。SPF は From と整合できず、DMARC は DKIM だけが頼りです`,
  'audit.spf.mail-from.not-aligned.fix': '送信サービスで、自分のドメインのサブドメインをカスタム MAIL FROM（return-path）に設定してください',
  'audit.spf.services': (p) => `SPF で許可されている送信サービス: ${p.services}`,

  'audit.dkim.key.ok': (p) => `セレクター「${p.selector}」の DKIM 鍵: ${p.keyType} ${p.bits} ビット`,
  'audit.dkim.key.short': (p) => `セレクター「${p.selector}」の DKIM 鍵は ${p.bits} ビットしかありません。RFC 8301 は 2048 ビット以上を求めています`,
  'audit.dkim.key.short.fix': (p) => `「inkan dkim keygen --selector ${p.replacement}」で 2048 ビットの鍵を作って公開し、署名をその鍵に切り替えてから古い鍵を削除してください`,
  'audit.dkim.key.weak': (p) => `セレクター「${p.selector}」の DKIM 鍵は ${p.bits} ビットです。1024 ビット未満の鍵による署名を受信者は失敗として扱います（RFC 8301）`,
  'audit.dkim.key.weak.fix': (p) => `「inkan dkim keygen --selector ${p.replacement}」で 2048 ビットの鍵を作って公開し、その鍵で署名してから弱い鍵を削除してください`,
  'audit.dkim.key.testing': (p) => `セレクター「${p.selector}」の DKIM 鍵に t=y（テスト中）があります。受信者は署名付きメールを署名なしと同様に扱うことがあります`,
  'audit.dkim.key.testing.fix': '署名が正しく動いたら鍵レコードから t=y を削除してください',
  'audit.dkim.key.revoked': (p) => `セレクター「${p.selector}」の DKIM 鍵は失効しています（p= が空）。この鍵で署名したメールは DKIM が失敗します`,
  'audit.dkim.key.revoked.fix': '鍵が公開されているセレクターで署名するか、新しい鍵を公開してください',
  'audit.dkim.key.invalid': (p) => `セレクター「${p.selector}」の DKIM 鍵レコードは使えません（${p.code}）`,
  'audit.dkim.key.invalid.fix': '署名システムや事業者が示すとおりにレコード（v=DKIM1; k=rsa; p=...）を公開してください',
  'audit.dkim.key.sha1-only': (p) => `セレクター「${p.selector}」の DKIM 鍵は SHA-1 だけを許可しています（h=sha1）。RFC 8301 で禁止されています`,
  'audit.dkim.key.missing': (p) => `セレクター「${p.selector}」に DKIM 鍵がありません（${p.name}）`,
  'audit.dkim.key.missing.fix': '署名に使っている鍵をこの名前で公開するか、DKIM-Signature の s= タグのセレクターを確認してください',
  'audit.dkim.cname-dangling': (p) => `セレクター「${p.selector}」は ${p.target} への CNAME ですが、その先に鍵がありません。事業者のアカウントがなくなっている可能性があります`,
  'audit.dkim.cname-dangling.fix': '事業者側で DKIM 設定をやり直すか、使っていないなら CNAME を削除してください',
  'audit.dkim.service': (p) => `セレクター「${p.selector}」は ${p.service} が管理しています（${p.target} への CNAME）`,
  'audit.dkim.none': (p) => `${p.domain} の DKIM 鍵が見つかりません（${p.probed} 個のセレクターを確認）。DKIM がないと転送されたメールが失敗し、Gmail・Yahoo の大量送信者の要件を満たせません`,
  'audit.dkim.none.fix': 'メールサービスで DKIM 署名を有効にする（または「inkan dkim keygen」で鍵を作る）と公開鍵を公開できます。すでに署名しているなら --selector でセレクターを指定してください',
  'audit.dkim.unchecked': unchecked,

  'audit.dmarc.ok': (p) => `${p.name} の DMARC ポリシー p=${p.policy}`,
  'audit.dmarc.none': (p) => `${p.domain} に適用される DMARC レコードがありません。Gmail と Yahoo は大量送信者に DMARC を求めており、このドメインは自由になりすまされます`,
  'audit.dmarc.none.fix': (p) => `${p.name} に DMARC レコードを公開してください。まず p=none とレポートの宛先から始めます`,
  'audit.dmarc.invalid-domain': (p) => `「${p.domain}」は有効なドメイン名ではありません`,
  'audit.dmarc.spf-at-dmarc': (p) => `${p.name} に SPF レコードがあります。SPF はドメイン自身に置くもので、ここでは何の効果もありません`,
  'audit.dmarc.spf-at-dmarc.fix': '削除してください（SPF はドメイン名に公開します）',
  'audit.dmarc.not-record': (p) => `${p.name} の TXT レコードは DMARC のように見えますが DMARC レコードではありません（${p.column} 桁目で ${p.code}）:「${p.record}」`,
  'audit.dmarc.not-record.fix': 'レコードは正確に「v=DMARC1;」（DMARC1 は大文字）で始めてください',
  'audit.dmarc.multiple': (p) => `${p.name} に DMARC レコードが ${p.count} 個あります。この場合、受信者はすべてを無視します（RFC 9989 §4.10）`,
  'audit.dmarc.multiple.fix': 'レコードを一つだけにしてください',
  'audit.dmarc.wrong-name': (p) => `DMARC レコードが ${p.found} に公開されていますが、受信者はそこを見ません。正しい場所は ${p.expected} です`,
  'audit.dmarc.wrong-name.fix': (p) => `${p.expected} に移してください（ゾーンファイルではドメインを付けない「_dmarc」か、最後にドットを付けた完全な名前で書きます）`,
  'audit.dmarc.inherited': (p) => `${p.domain} には自身のレコードがなく、${p.policyDomain} のレコード（${p.tag}= タグ）が適用されます`,
  'audit.dmarc.unusable': (p) => `${p.name} の DMARC レコードの ${p.tags} が無効で、使える rua= もないため、受信者は DMARC を一切適用しません`,
  'audit.dmarc.unusable.fix': 'p=none、p=quarantine、p=reject のいずれかにしてください',
  'audit.dmarc.p-none': (p) => `${p.domain} の DMARC ポリシーは none です（${p.name} の ${p.tag}=none）。監視だけで、なりすましからドメインを守りません`,
  'audit.dmarc.p-none.fix': '正規のメールがすべて pass していることをレポートで確認したら、p=quarantine、次に p=reject に進めてください',
  'audit.dmarc.sp-weaker': (p) => `sp=${p.sp} が p=${p.p} より弱いため、サブドメインがなりすまされます`,
  'audit.dmarc.sp-weaker.fix': 'サブドメインに本当に弱いポリシーが必要でなければ sp= を削除してください（サブドメインにも p= が適用されます）',
  'audit.dmarc.np-weaker': (p) => `np=${p.np} がサブドメインのポリシー ${p.sp} より弱いため、存在しない名前でなりすまされます`,
  'audit.dmarc.np-weaker.fix': 'np= を削除するか np=reject にしてください',
  'audit.dmarc.testing': (p) => `${p.name} の DMARC レコードに t=y があります。受信者はポリシーより一段弱い処理をします`,
  'audit.dmarc.testing.fix': '適用する準備ができたら t=y を削除してください',
  'audit.dmarc.no-rua': (p) => `${p.name} の DMARC レコードに rua= がありません。集計レポートが届かず、誰があなたのドメインで送っているか分かりません`,
  'audit.dmarc.no-rua.fix': (p) => `rua=mailto:${p.address} を追加してください（大量のレポートを受けられるアドレス。「inkan reports」で読めます）`,
  'audit.dmarc.rua.authorized': (p) => `外部のレポート宛先 ${p.destination} はレポートの受け取りを許可しています（許可レコードあり）`,
  'audit.dmarc.rua.unauthorized': (p) => `レポートはドメイン外の ${p.destination} に送られる設定ですが、${p.name} で許可されていないため、受信者はレポートを送りません（RFC 9990 §3）`,
  'audit.dmarc.rua.unauthorized.fix': (p) => `${p.destination} の運営者が下のレコードを公開する必要があります（レポートサービスは、ドメインを登録すると公開してくれます）`,
  'audit.dmarc.unchecked': unchecked,

  'audit.ptr.ok': (p) => `${p.ip}（${p.source === 'mx' ? `MX ホスト ${p.host}` : '送信 IP'}）の逆引きは ${p.ptr} で、その名前から元のアドレスに正引きできます（FCrDNS）`,
  'audit.ptr.missing': (p) =>
    `${p.ip}（${p.source === 'mx' ? `MX ホスト ${p.host}` : '送信 IP'}）の PTR レコードが ${p.name} にありません。Gmail と Yahoo は逆引きのない IP からのメールを拒否するか迷惑メールにします`,
  'audit.ptr.missing.fix': 'IP アドレスの管理者（ホスティング事業者や ISP）に、PTR をメールサーバーの名前に設定するよう依頼してください。その名前は元の IP に正引きできる必要があります',
  'audit.ptr.fcrdns-mismatch': (p) => `${p.ip} の PTR は ${p.ptr} ですが、その名前から ${p.ip} に正引きできません（FCrDNS が成立しません）`,
  'audit.ptr.fcrdns-mismatch.fix': 'PTR の名前にその IP の A/AAAA レコードを公開するか、正引きできる名前に PTR を変更してください',
  'audit.ptr.generic': (p) => `${p.ip} の逆引きは ${p.ptr} で、一般家庭回線のような汎用の名前です。受信者は迷惑メールと判定しがちです`,
  'audit.ptr.generic.fix': 'IP の管理者に、メールサーバーの名前を示す PTR を依頼してください',
  'audit.ptr.bad-ip': (p) => `「${p.ip}」は IP アドレスではありません`,
  'audit.ptr.unchecked': unchecked,

  'audit.dnssec.validated': (p) => `${p.domain} の応答 ${p.answers} 件すべてがリゾルバーで DNSSEC 検証済みです（AD ビット）`,
  'audit.dnssec.not-validated': (p) => `${p.domain} の応答 ${p.answers} 件のうち DNSSEC 検証済み（AD ビット）は ${p.validated} 件です。ゾーンが署名されていないか、リゾルバーが検証していません`,

  'audit.bimi.ok': (p) => `${p.name} に BIMI レコードがあります。ロゴ ${p.logo}`,
  'audit.bimi.none': (p) => `${p.name} に BIMI レコードはありません（任意: 一部のメールボックスでロゴを表示します）`,
  'audit.bimi.declined': (p) => `${p.name} の BIMI レコードはロゴの表示を辞退しています（l= と a= が空）`,
  'audit.bimi.unchecked': unchecked,
  'audit.mta-sts.ok': (p) => `MTA-STS は有効です: ポリシー（${p.mode} モード）はすべての MX ホストを含んでいます（${p.patterns}）`,
  'audit.tls-rpt.ok': (p) => `TLS-RPT レポートの宛先は ${p.rua} です`,

  'audit.message.unreadable': (p) => `メッセージを読めません（上限 ${p.limit} を超えています）`,
  'audit.message.from-invalid': (p) => `メッセージの From が「一つでドメインも一つ」になっていません（${p.reason}）。RFC 5322 の要件で、Gmail はこのようなメールを拒否します`,
  'audit.message.other-domain': (p) => `メッセージの送信者は ${p.fromDomain} で、${p.domain} ではありません`,
  'audit.message.message-id': (p) => `メッセージの Message-ID フィールドが${p.count === 0 ? 'ありません' : p.count > 1 ? '複数あります' : '無効です'}。RFC 5322 は有効なものを一つ求めています`,
  'audit.message.unchecked': 'DNS が応答しなかったため、メッセージの DMARC 整合を確認できませんでした',
  'audit.message.aligned': (p) => `メッセージは ${p.fromDomain} の DMARC に pass します（整合: ${p.by}）`,
  'audit.message.not-aligned': (p) =>
    `メッセージは ${p.fromDomain} の DMARC に pass しません。From と整合する、pass した SPF・DKIM のドメインがありません（${p.seen}）${p.spfKnown ? '' : '。送信 IP が不明なため SPF は判定していません（--sending-ip）'}`,
  'audit.message.not-aligned.fix': 'From のドメイン（同じ組織ドメイン）を d= にして DKIM 署名するか、そのドメインで SPF に pass する MAIL FROM で送信してください',
  'audit.message.one-click': 'メッセージはワンクリック購読解除（RFC 8058）に対応しています',
  'audit.message.one-click-post-missing': 'メッセージに HTTPS の List-Unsubscribe はありますが「List-Unsubscribe-Post: List-Unsubscribe=One-Click」がありません（RFC 8058）',
  'audit.message.one-click-post-missing.fix': 'List-Unsubscribe-Post ヘッダーフィールドを加え、両方のフィールドを DKIM で署名してください',
  'audit.message.no-unsubscribe': 'メッセージに HTTPS の List-Unsubscribe がありません。大量送信・マーケティングのメールにはワンクリック購読解除（RFC 8058）が必要です',
  'audit.message.tls': (p) => `メッセージは TLS で受信者に届きました（${p.ip} から）`,
  'audit.message.no-tls': (p) => `メッセージは TLS なしで送られました（${p.ip} から）。Gmail は TLS を求めています`,

  'audit.cli.store-failed': (p: { location: string; reason: string }) => `レポートの保存先 ${p.location} を開けません: ${p.reason}`,
  'audit.cli.help': `inkan check — ドメインのメール設定を監査し、正確な修正内容を表示します

使い方:
  inkan check ドメイン... [オプション]
  inkan check --file domains.txt [オプション]

各ドメインについて、互いに独立した DNS 問い合わせを並行して次を確認します:
  MX        存在、ホスト名であること（IP アドレスは不可）、A/AAAA、null MX（RFC 7505）、CNAME
  SPF       「inkan spf lint」の全項目: 構文、include ツリーの枝ごと・合計の参照回数（上限 10）、
            void 参照（上限 2）、送信サービスの判別
  DKIM      --selector の鍵と、主要事業者のセレクター（google、selector1/2、k1、s1/s2、
            default など）: 鍵の種類、RSA のビット数（1024 未満はエラー、2048 未満は警告）、
            t=y、失効した鍵、事業者への CNAME
  DMARC     RFC 9989 のツリーウォーク、位置付きの構文、複数レコード、誤った名前のレコード、
            p=none、sp/np、廃止されたタグ、外部の rua の許可
  BIMI、MTA-STS（HTTPS でポリシーを取得し MX を照合）、TLS-RPT
  PTR       各 MX アドレスと各 --sending-ip の逆引きと FCrDNS
  DNSSEC    リゾルバーが応答を検証したか（AD ビット）
  要件      Gmail・Yahoo・Outlook.com の要件（すべての送信者／大量送信者）。
            DNS で分からない項目は --message のメールから判定します
DNS のタイムアウトや SERVFAIL は「確認できませんでした」と報告し、「見つからない」とはしません。

オプション:
  --selector S1,S2      署名に使う DKIM セレクター（複数指定可）
  --sending-ip IP       送信に使う IP アドレス: PTR/FCrDNS を確認（複数指定可）
  --mail-from DOMAIN    送信に使うエンベロープ（MAIL FROM）のドメイン（カスタム MAIL FROM の
                        サブドメインなど）: その SPF と MX を確認（複数指定可）
  --message FILE        このドメインが送ったメール（受信したまま）: 整合、ヘッダー、
                        ワンクリック購読解除、TLS
  --file FILE           FILE からドメインを 1 行に 1 つ読む（# はコメント）
  --no-discovery        --selector のセレクターだけを確認する
  --db PATH|URL         DMARC レポートの保存先（inkan reports を参照）: そのドメインのレポートに現れた DKIM
                        セレクターも確認する（既定: $INKAN_DB、なければ既定の保存先が存在すればそれ）
  --now TIME            日付と証明書の確認、提案するレコードの刻印に使う時刻（ISO 8601、既定: 現在）。
                        出力を比較できるようにするため
  --concurrency N       同時に確認するドメイン数（既定 4）
  --verbose             すべての指摘の DNS の根拠を表示する
  --json                ドメインごとに 1 オブジェクト（スキーマ "inkan.check/1"）。言語によらず同じ内容
  --csv                 指摘 1 件につき 1 行（表計算ソフト向け）
  --lang ja|en          テキストと CSV の言語
  --zone FILE           ゾーンファイルから DNS に答える（複数指定可）
  --dns HOST:PORT       この DNS サーバーに問い合わせる（複数指定可）
  --timeout MS          問い合わせごとの DNS タイムアウト

例:
  inkan check example.jp
  inkan check example.jp --selector google --sending-ip 203.0.113.25
  inkan check example.jp --message sent.eml --lang ja
  inkan check --file domains.txt --csv > audit.csv

終了コード:
  0 エラーなし   1 エラーあり   2 使い方の誤り   3 確認できない項目があった（DNS の失敗）`,
  'audit.cli.missing-domain': '確認するドメインを指定してください（例:「inkan check example.com」）',
  'audit.cli.bad-ip': (p) => `--sending-ip の「${p.value}」は IP アドレスではありません`,
  'audit.cli.bad-selector': (p) => `「${p.value}」は有効な DKIM セレクターではありません`,
  'audit.cli.json-and-csv': '--json と --csv はどちらか一方だけ指定してください',
  'audit.cli.unreadable-file': (p) => `${p.file} を読めません`,
  'audit.cli.progress': (p) => `確認中… ${p.done}/${p.total}`,

  'audit.build.spf.help': `inkan spf build — SPF レコードを作り、DNS 参照回数を数えます

使い方:
  inkan spf build [--include ドメイン]... [--ip4 NET]... [--ip6 NET]... [--a ドメイン]... [--mx] [--all -|~] [--domain D]

レコード、DNS 参照回数（RFC 7208 §4.6.4 の上限は 10）、ゾーンファイルの行を表示します。
参照が 10 回を超えるか 450 バイトを超えるレコードは作らず、どの include を IP 範囲に
置き換えるべきかを示します。

オプション:
  --include ドメイン  サービスを許可（例: _spf.google.com、amazonses.com）。複数指定可
  --ip4 NET           IPv4 アドレスまたはネットワーク（203.0.113.0/24）。複数指定可
  --ip6 NET           IPv6 アドレスまたはネットワーク。複数指定可
  --a ドメイン        そのドメインのアドレス（「@」はドメイン自身）。複数指定可
  --mx                ドメインの MX ホストのアドレス
  --all -|~           それ以外を fail（-、既定）または softfail（~）にする
  --domain D          レコードを置くドメイン（ゾーンファイルの行に使用）
  --zone/--dns/--timeout  各 include の中の実際の参照回数を数える DNS
  --json              結果を JSON で出力

例:
  inkan spf build --domain example.jp --include _spf.google.com --include amazonses.com --ip4 203.0.113.0/24

終了コード: 0 作成した、1 拒否（参照回数超過または長すぎる）、2 使い方の誤り、3 DNS の失敗`,
  'audit.build.spf.record': (p) => `SPF レコード（DNS 参照 ${p.lookups}/10 回、${p.bytes} バイト）:`,
  'audit.build.spf.zone': 'ゾーンファイルの行:',
  'audit.build.spf.include-cost': (p) => `  ${p.include}: 参照 ${p.lookups} 回`,
  'audit.build.spf.too-many': (p) => `作成しません: このレコードは DNS 参照が ${p.lookups} 回必要です。10 回を超えると受信者は permerror にします（RFC 7208 §4.6.4）`,
  'audit.build.spf.too-long': (p) => `作成しません: レコードが ${p.bytes} バイトあります。応答が UDP の 1 パケットに収まるよう 450 バイト以内にしてください（RFC 7208 §3.4）`,
  'audit.build.spf.suggest': (p) => `次の include を、その運営者が公開する ip4:/ip6: の範囲に置き換えてください: ${p.includes}`,
  'audit.build.spf.bad-value': (p) => `--${p.option} の「${p.value}」は無効です`,
  'audit.build.spf.empty': '--include、--ip4、--ip6、--a、--mx のいずれかを少なくとも一つ指定してください',
  'audit.build.spf.unchecked': (p) => `DNS が応答しなかったため、${p.include} の中の参照回数を数えられませんでした`,
  'audit.build.dmarc.help': `inkan dmarc build — DMARC レコード（RFC 9989）とゾーンファイルの行を作ります

使い方:
  inkan dmarc build --domain D [--p none|quarantine|reject] [--rua mailto:...]... [オプション]

オプション:
  --domain D          ドメイン（レコードは _dmarc.D に置きます）
  --p ポリシー        none（既定）、quarantine、reject
  --sp ポリシー       サブドメインのポリシー
  --np ポリシー       存在しないサブドメインのポリシー
  --rua URI           集計レポートの宛先（mailto:）。複数指定可
  --ruf URI           失敗レポートの宛先（mailto:）。複数指定可
  --adkim r|s         DKIM の整合: relaxed（既定）または strict
  --aspf r|s          SPF の整合: relaxed（既定）または strict
  --fo 0|1|d|s        失敗レポートのオプション（コロン区切り）
  --t y|n             テストモード
  --psd y|n|u         パブリックサフィックスドメインのフラグ
  --json              結果を JSON で出力

例:
  inkan dmarc build --domain example.jp --p quarantine --rua mailto:dmarc@example.jp

終了コード: 0 作成した、2 使い方の誤り。ドメイン外のレポート宛先には、宛先側に許可レコード
（ドメイン._report._dmarc.宛先）が必要です。それも表示します。`,
  'audit.build.dmarc.record': 'DMARC レコード:',
  'audit.build.dmarc.zone': 'ゾーンファイルの行:',
  'audit.build.dmarc.external': (p) => `${p.destination} はドメイン外です。その運営者が次を公開する必要があります:`,
  'audit.build.dmarc.bad-value': (p) => `--${p.option} の「${p.value}」は無効です`,
  'audit.build.dmarc.missing-domain': '--domain でドメインを指定してください',
  'audit.build.dmarc.p-none-note': 'p=none は監視だけです。正規のメールが pass していることをレポートで確認したら quarantine、reject に進めてください',
};
