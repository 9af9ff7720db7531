import type { analyze as en } from '../en/analyze.js';

/** Parameters of an analyzer message (plain data from the analysis). */
type P = Record<string, string | number>;

const ms = (v: string | number | undefined): string => {
  const n = Number(v ?? 0);
  const a = Math.abs(n);
  const sign = n < 0 ? '-' : '';
  if (a < 1000) return `${sign}${a} ミリ秒`;
  if (a < 120_000) return `${sign}${Math.round(a / 1000)} 秒`;
  if (a < 7_200_000) return `${sign}${Math.round(a / 60_000)} 分`;
  if (a < 172_800_000) return `${sign}${(a / 3_600_000).toFixed(1)} 時間`;
  return `${sign}${(a / 86_400_000).toFixed(1)} 日`;
};

const source = (p: P): string => (p['source'] === 'reverify' ? '今あらためて検証' : '信頼するサーバーの記録');

const role = (p: P): string => (p['role'] === 'from' ? 'From' : p['role'] === 'reply-to' ? 'Reply-To' : p['role'] === 'return-path' ? 'Return-Path' : String(p['role']));

/** Japanese messages of `inkan analyze`: same ids and parameters as English. */
export const analyze: typeof en = {
  'analyze.verdict.authentic': '本物 — 表示どおりのドメインから送られたメールです',
  'analyze.verdict.suspicious': '要注意 — 送信者を確認できず、つじつまの合わない点があります',
  'analyze.verdict.spoofed': 'なりすまし — 別人を装ったメールです',
  'analyze.verdict.cannot-tell': '判断できません — 信頼できる証拠が足りません',
  'analyze.verdict.because': '理由:',
  'analyze.reason.unreadable': (p: P) => `ヘッダーを読めませんでした（上限 ${p['limit']} = ${p['max']} を超えています）`,
  'analyze.reason.no-from': 'From フィールドがありません。差出人を名乗っておらず、DMARC でも守れません',
  'analyze.reason.multiple-from': (p: P) => `From フィールドが ${p['count']} 個あります。フィルターが調べたものと読み手に見えるものが違うおそれがあります`,
  'analyze.reason.dmarc-pass': (p: P) => `${p['domain']} の DMARC は pass です（${source(p)}）。SPF か DKIM がこのドメインを証明しました`,
  'analyze.reason.dmarc-fail': (p: P) => `${p['domain']} の DMARC は fail です（${source(p)}）。SPF も DKIM もこのドメインを証明できませんでした`,
  'analyze.reason.dmarc-none': (p: P) => `${p['domain']} は DMARC ポリシーを公開しておらず、このドメインと一致する DKIM 署名も pass していません。誰でも送れた可能性があります`,
  'analyze.reason.dmarc-temperror': (p: P) => `DNS の失敗で ${p['domain']} の DMARC を評価できませんでした。時間をおいて再実行してください`,
  'analyze.reason.no-evidence': (p: P) =>
    `信頼できる認証結果がありません。Authentication-Results ${p['claims']} 件はどれも自己申告にすぎません。自分のサーバーを --trust-authserv-id で指定するか、--reverify を使ってください`,
  'analyze.reason.forged-authres': (p: P) =>
    p['why'] === 'below-boundary'
      ? `信頼する名前「${p['authservId']}」の Authentication-Results が、メールがあなたのプロバイダーに入った地点より下にあります。メールと一緒に持ち込まれたもので、偽造です`
      : `信頼していない「${p['authservId']}」の Authentication-Results が pass と主張していますが、信頼する結果と矛盾します`,
  'analyze.reason.spoof-sign': (p: P) => `なりすましの兆候: ${p['sign']}`,
  'analyze.reason.modified-in-transit': (p: P) => `配送の途中でメールが書き換えられ、元の DKIM 署名が壊れました: ${p['how']}`,
  'analyze.reason.forwarded': (p: P) => `${p['forwarder']} [${p['ip']}] がメールを転送したため、元の送信者の SPF が通らなくなりました`,
  'analyze.reason.arc-explains': (p: P) =>
    `${p['sealer']} が封印した ARC チェーン（チェーン: ${p['chain']}）には、書き換え前は DKIM ${p['dkim']}、SPF ${p['spf']}、DMARC ${p['dmarc']} だったと記録されています`,
  'analyze.reason.dkim-aligned-pass': (p: P) => `${p['domain']} は DMARC ポリシーを公開していませんが、このドメインの DKIM 署名は pass しています`,
  'analyze.reason.unsigned-content': (p: P) => `DKIM 署名は本文の先頭 ${p['signed']} オクテットしか対象にしていません（l=）。誰も署名していない ${p['unsigned']} オクテットが後から付け足されています`,
  'analyze.reason.key-unavailable': (p: P) =>
    `DKIM を検証し直せませんでした。${p['name']} の鍵が今は見つからないか使えません（送信後に差し替えられた可能性があります）。受信時の信頼できる記録もありません`,
  'analyze.section.identities': '差出人情報',
  'analyze.section.route': '経路（新しい中継から順に）',
  'analyze.section.recorded': '記録されている認証結果',
  'analyze.section.reverify': '現在の認証結果（--reverify）',
  'analyze.section.spoofing': 'なりすましの兆候',
  'analyze.section.diagnosis': '失敗の原因の診断',
  'analyze.section.signals': '送信者ガイドラインの項目',
  'analyze.none': '  （なし）',
  'analyze.id.from': 'From',
  'analyze.id.sender': 'Sender',
  'analyze.id.reply-to': 'Reply-To',
  'analyze.id.return-path': 'Return-Path',
  'analyze.id.dkim': (p: P) => `DKIM d=（s=${p['selector']}）`,
  'analyze.id.spf': (p: P) => `SPF ドメイン（${p['source'] === 'authres' ? '信頼する結果' : p['source'] === 'received-spf' ? 'Received-SPF' : 'Return-Path'}）`,
  'analyze.id.null-path': '<>（空のパス: エラー通知か自動応答）',
  'analyze.id.none': 'なし',
  'analyze.id.org': (p: P) => `組織ドメイン ${p['org']}`,
  'analyze.id.author': (p: P) => `作成者ドメイン（DMARC が調べるもの）: ${p['domain']}`,
  'analyze.id.no-author': '作成者ドメインが一つに決まらないため、DMARC を適用できません',
  'analyze.align.identical': '一致（同じドメイン）',
  'analyze.align.same-org': '一致（同じ組織）',
  'analyze.align.different': '不一致',
  'analyze.route.hop': (p: P) => `${p['n']}. ${p['from']} → ${p['by']}`,
  'analyze.route.unparsed': (p: P) => `${p['n']}. （読めない Received フィールド）`,
  'analyze.route.unknown': '?',
  'analyze.route.with': (p: P) => `プロトコル ${p['protocol']}`,
  'analyze.route.tls': (p: P) => (p['version'] ? `TLS あり（${p['version']}）` : 'TLS あり'),
  'analyze.route.no-tls': 'TLS なし',
  'analyze.route.auth': '認証済みクライアント',
  'analyze.route.at': (p: P) => `時刻 ${p['time']}`,
  'analyze.route.delay': (p: P) => `待ち時間 ${ms(p['ms'])}`,
  'analyze.route.backwards': (p: P) => `時刻が ${ms(Math.abs(Number(p['ms'])))} 逆戻りしています`,
  'analyze.route.future': '未来の日時',
  'analyze.route.boundary': '← ここで受信者のプロバイダーに入りました（信頼の境界）',
  'analyze.route.scope.public': 'グローバル',
  'analyze.route.scope.private': 'プライベート',
  'analyze.route.scope.loopback': 'ループバック',
  'analyze.route.scope.link-local': 'リンクローカル',
  'analyze.route.scope.shared': 'キャリアグレード NAT',
  'analyze.route.scope.documentation': '文書用アドレス',
  'analyze.route.date': (p: P) => `Date フィールド: ${p['date']}`,
  'analyze.route.total': (p: P) => `配送にかかった時間の合計: ${ms(p['ms'])}`,
  'analyze.route.truncated': (p: P) => `古い Received フィールド ${p['count']} 個は解析していません`,
  'analyze.route.no-boundary': '信頼の境界が見つかりません（グローバルアドレスから受け取った中継がありません）',
  'analyze.route.boundary-by.trusted-authserv-id': (p: P) => `信頼の境界: 中継 ${p['n']}（信頼するサーバーが書いた一番下の中継）。SPF は ${p['ip']} について評価します`,
  'analyze.route.boundary-by.first-public-address': (p: P) =>
    `信頼の境界（推定）: 中継 ${p['n']}（グローバルアドレスから受け取った最も新しい中継）。SPF は ${p['ip']} について評価します。確実にするには --trust-authserv-id で自分のサーバーを指定してください`,
  'analyze.recorded.trusted': '信頼する',
  'analyze.recorded.untrusted': '自己申告（信頼しない）',
  'analyze.recorded.misplaced': '偽造（信頼する名前が境界より下にあります）',
  'analyze.recorded.field': (p: P) => `${p['id']} の Authentication-Results — ${p['trust']}`,
  'analyze.recorded.arc': (p: P) => `ARC セット i=${p['i']}: 封印 ${p['sealer']}（cv=${p['cv']}）、AMS ${p['signer']} — ${p['trust']}`,
  'analyze.recorded.arc-saw': (p: P) => `    ${p['id']} の判定: ${p['results']}`,
  'analyze.recorded.arc-missing': (p: P) => `    不完全なセット: ${p['missing']} がありません`,
  'analyze.recorded.arc-broken': 'ARC のインスタンスが 1..n の連番になっていません。チェーンは壊れています',
  'analyze.recorded.no-trust': '--trust-authserv-id が指定されていないため、すべて自己申告として表示しています',
  'analyze.reverify.warning': (p: P) =>
    `現在の DNS で検証しました（時刻の判定は ${p['at']} 時点）。送信後に鍵やレコードが差し替えられたり削除されたりしている可能性があるため、ここでの失敗は受信時に記録された失敗より弱い証拠です。`,
  'analyze.reverify.dkim': (p: P) => `DKIM ${p['domain']}（s=${p['selector']}）: ${p['result']}${p['reason'] ? ` — ${p['reason']}` : ''}`,
  'analyze.reverify.no-dkim': 'DKIM: このメールには DKIM 署名がありません',
  'analyze.reverify.spf': (p: P) => `SPF（${p['ip']}、${p['domain']}）: ${p['result']}${p['reason'] ? ` — ${p['reason']}` : ''}`,
  'analyze.reverify.spf-skipped.no-boundary-ip': 'SPF: 評価していません（信頼の境界にクライアントのアドレスがありません）',
  'analyze.reverify.spf-skipped.no-envelope': 'SPF: 評価していません（Return-Path も HELO 名もありません）',
  'analyze.reverify.dmarc': (p: P) => `${p['domain']} の DMARC: ${p['result']}${p['policy'] ? `（ポリシー ${p['policy']}）` : ''} — ${p['reason']}`,
  'analyze.reverify.arc': (p: P) => `ARC チェーン（${p['instance']} セット）: ${p['result']}${p['reason'] ? ` — ${p['reason']}` : ''}`,
  'analyze.reverify.questions': (p: P) => `DNS への問い合わせ ${p['count']} 回`,
  'analyze.reverify.not-run': '未実行: --reverify を付けると DKIM・SPF・DMARC を現在の DNS で検証します',
  'analyze.severity.high': '高',
  'analyze.severity.medium': '中',
  'analyze.severity.info': '参考',
  'analyze.spoof.display-name-address': (p: P) => `表示名にアドレス「${p['shown']}」が書かれていますが、実際の差出人は ${p['actual']} です`,
  'analyze.spoof.display-name-brand': (p: P) => `表示名は「${p['brand']}」ですが、ドメインは ${p['domain']} で、${p['brand']} のドメイン（${p['expected']}）ではありません`,
  'analyze.spoof.lookalike-brand': (p: P) =>
    `${role(p)} のドメイン ${p['domain']} は ${p['brand']} の ${p['target']} に似せてあります（${p['how'] === 'skeleton' ? '見た目の似た文字' : p['how'] === 'one-edit' ? '1 文字だけ違う' : p['how'] === 'same-name' ? '同じ名前で別のトップレベルドメイン' : '別の名前の中にブランド名'}）`,
  'analyze.spoof.confusable-characters': (p: P) => `${role(p)} のドメイン ${p['domain']} にはラテン文字に見える別の文字（${p['characters']}）が含まれ、「${p['reads']}」と読めます`,
  'analyze.spoof.mixed-script': (p: P) => `${role(p)} のドメイン ${p['domain']} は複数の文字体系（${p['scripts']}）を混ぜています。典型的なホモグラフ攻撃です`,
  'analyze.spoof.punycode': (p: P) => `${role(p)} のドメイン ${p['domain']} は国際化ドメイン名で、${p['unicode']} と表示されます`,
  'analyze.spoof.lookalike-authenticated': (p: P) => `From のドメイン ${p['domain']} は、実際に署名・送信したドメイン ${p['other']} とほとんど同じ綴りです`,
  'analyze.spoof.reply-to-other-org': (p: P) => `返信先 ${p['replyTo']} は、From の ${p['from']} とは別の組織です`,
  'analyze.spoof.freemail-company': (p: P) => `フリーメール（${p['domain']}）のアドレスが「${p['name']}」という組織を思わせる名前（${p['claims']}）を使っています`,
  'analyze.spoof.no-dmarc': (p: P) => `${p['domain']} は DMARC ポリシーを公開していないため、誰が From に使っても拒否されません`,
  'analyze.spoof.envelope-mismatch': (p: P) =>
    `エンベロープの送信者 ${p['envelope']} は From のドメイン ${p['from']} と違います: ${
      p['explained'] === 'esp-aligned-dkim'
        ? 'メール配信サービスでは普通のことで、From と一致する DKIM 署名も pass しています'
        : p['explained'] === 'aligned-dkim'
          ? 'From と一致する DKIM 署名が pass しているので説明がつきます'
          : p['explained'] === 'esp-unverified'
            ? 'メール配信サービスではよくあることですが、From と一致する DKIM の pass は確認できていません'
            : p['explained'] === 'mailing-list'
              ? 'メーリングリストは自分のエンベロープで送るので普通のことです'
              : 'From と一致する認証が確認できず、不審です'
    }`,
  'analyze.spoof.sender-differs': (p: P) => `Sender の ${p['sender']} が ${p['from']} の代理で送っています`,
  'analyze.diag.confirmed': '証明済み',
  'analyze.diag.inferred': '推定',
  'analyze.diag.signature': (p: P) => `DKIM d=${p['domain']} s=${p['selector']}`,
  'analyze.diagnosis.body-intact': '本文は署名されたときのままです（bh= が一致）',
  'analyze.diagnosis.footer-appended': (p: P) =>
    `${p['lines']} 行のフッターが${p['mime'] ? ' MIME 構造の中に' : ''}追加されています（メーリングリスト）。取り除くと本文ハッシュが一致します。冒頭:「${p['preview']}」`,
  'analyze.diagnosis.line-endings-changed': (p: P) => `改行が変えられています（${p['change'] === 'doubled-cr' ? 'LF の前の CR が二重' : '単独の CR が改行に変換'}）。元に戻すと本文ハッシュが一致します`,
  'analyze.diagnosis.trailing-whitespace-changed': '行末に空白が追加されています（simple の本文正規化では空白も署名対象です）。取り除くと本文ハッシュが一致します',
  'analyze.diagnosis.transfer-encoding-converted': (p: P) => `途中で本文が ${p['encoding']} に変換されました（中継サーバーによる 8bit の変換）`,
  'analyze.diagnosis.mime-restructured': (p: P) => `MIME 構造が組み替えられ、署名された本文は ${p['parts']} 個中 ${p['part']} 番目のパートになっています`,
  'analyze.diagnosis.body-modified': (p: P) =>
    `署名後に本文が変わっていますが、既知の変換では説明できません（現在の正規化後の本文 ${p['length']} オクテット${p['signedLength'] !== undefined ? `、l=${p['signedLength']}` : ''}${p['tooLarge'] ? '、大きすぎるため探索していません' : ''}）`,
  'analyze.diagnosis.unsigned-appended-content': (p: P) => `l= により署名は ${p['total']} オクテット中 ${p['signed']} オクテットだけが対象です。その後の ${p['unsigned']} オクテットは署名されておらず、誰でも付け足せます`,
  'analyze.diagnosis.subject-tag': (p: P) => `署名された Subject の先頭にリストのタグ ${p['tag']} が付け加えられています`,
  'analyze.diagnosis.header-added': (p: P) => `署名対象の ${p['field']} が ${p['copies']} 個あります。署名の後にもう一つ追加されています`,
  'analyze.diagnosis.header-changed': (p: P) => `${p['field']} が z= の写しと違います。元は「${p['was']}」、今は「${p['now']}」`,
  'analyze.diagnosis.header-modified-unknown': (p: P) => `本文は元のままなので、署名対象のヘッダー（${p['signed']}）のどれかが変えられています。どれかは特定できません`,
  'analyze.diagnosis.spf-forwarded': (p: P) =>
    `転送されたため SPF が失敗しています。中継 ${p['hop']} は ${p['forwarder']} [${p['ip']}] から届いており${p['earlier'] ? `（このサーバーは ${p['earlier']} から受け取っています）` : ''}、エンベロープのドメインのサーバーではありません`,
  'analyze.diagnosis.arc-explains': (p: P) =>
    `ARC: ${p['instances']} セット、最新は ${p['sealer']} が封印（${p['trusted'] ? '信頼する' : '信頼しない'}、チェーン ${p['chain']}）。最初の中継者の記録では DKIM ${p['dkim']}、SPF ${p['spf']}、DMARC ${p['dmarc']}`,
  'analyze.diagnosis.arc-absent': 'ARC セットがありません。書き換え前の状態を保証する中継者はいません',
  'analyze.signal.status.ok': 'OK',
  'analyze.signal.status.warning': '注意',
  'analyze.signal.status.missing': 'なし',
  'analyze.signal.one-click-unsubscribe.ok': 'ワンクリック配信停止（RFC 8058）: https の List-Unsubscribe と List-Unsubscribe-Post があり、どちらも署名済み',
  'analyze.signal.one-click-unsubscribe.absent': 'List-Unsubscribe がありません（一括送信には必要です）',
  'analyze.signal.one-click-unsubscribe.no-https': 'List-Unsubscribe に https の URI がありません（ワンクリックには必要です）',
  'analyze.signal.one-click-unsubscribe.no-post': 'List-Unsubscribe はありますが「List-Unsubscribe-Post: List-Unsubscribe=One-Click」がありません（RFC 8058）',
  'analyze.signal.one-click-unsubscribe.not-signed': 'List-Unsubscribe と List-Unsubscribe-Post の両方を DKIM 署名の対象にする必要があります（RFC 8058 §4）',
  'analyze.signal.single-from.ok': 'From のアドレスはちょうど一つです',
  'analyze.signal.single-from.several-authors': (p: P) => `From に作成者が ${p['count']} 人いるのに Sender フィールドがありません（RFC 5322 §3.6.2）`,
  'analyze.signal.single-from.no-from': 'From フィールドがありません',
  'analyze.signal.single-from.multiple-from-fields': (p: P) => `From フィールドが ${p['count']} 個あります（RFC 5322 では一つだけ）`,
  'analyze.signal.single-from.unparseable-from': 'From フィールドを解析できません',
  'analyze.signal.single-from.no-mailbox': 'From フィールドにメールボックスがありません',
  'analyze.signal.single-from.domain-literal': 'From のアドレスがドメインではなく IP アドレスを使っています',
  'analyze.signal.single-from.multiple-author-domains': 'From に異なるドメインのアドレスが含まれています',
  'analyze.signal.message-id.ok': (p: P) => `Message-ID <${p['id']}>`,
  'analyze.signal.message-id.absent': 'Message-ID がありません（拒否や迷惑メール扱いにするプロバイダーが多くあります）',
  'analyze.signal.message-id.multiple': (p: P) => `Message-ID フィールドが ${p['count']} 個あります`,
  'analyze.signal.message-id.invalid': (p: P) => `Message-ID「${p['value']}」は正しい形式ではありません`,
  'analyze.signal.date.ok': (p: P) => `Date ${p['date']}`,
  'analyze.signal.date.absent': 'Date フィールドがありません',
  'analyze.signal.date.multiple': (p: P) => `Date フィールドが ${p['count']} 個あります`,
  'analyze.signal.date.invalid': (p: P) => `Date「${p['value']}」は正しい形式ではありません`,
  'analyze.signal.date.future': (p: P) => `Date ${p['date']} は未来の日時です`,
  'analyze.cli.too-large': (p: P) => `メールが ${p['max']} オクテットを超えています`,
  'analyze.cli.explain.field': (p: P) => `    フィールド #${p['field']}: ${p['text']}`,
  'analyze.cli.help': `inkan analyze — このメールは本当に名乗っている相手から届いたのか、違うならなぜか

使い方:
  inkan analyze FILE|- [--json] [--explain] [--lang ja|en] [--trust-authserv-id ID]...
                [--trust-arc-sealer DOMAIN]... [--reverify] [--now ISO] [--zone FILE | --dns HOST:PORT] [--timeout MS]

メールのソース（.eml ファイル、または標準入力なら -）を読み、次の順に報告します:
  1. 判定（本物 / 要注意 / なりすまし / 判断できません）と、決め手になった理由
  2. 差出人情報の比較 — From、Sender、Reply-To、Return-Path、各 DKIM の d=、SPF のドメイン —
     それぞれの組織ドメインと、From と一致するかどうか
  3. 経路: Received の各中継（送信元、受信サーバー、プロトコル、TLS、時刻）、中継ごとと全体の
     待ち時間、逆戻りする時刻、プライベート／グローバルアドレス、信頼の境界（メールがあなたの
     プロバイダーに入った中継）
  4. すべての Authentication-Results と ARC セット — 信じるのは --trust-authserv-id のサーバーの分だけ
  5. --reverify を付けると、DKIM・SPF（信頼の境界の IP について）・DMARC を今あらためて検証
  6. なりすましの兆候: 表示名の中のアドレスやブランド名、似せたドメイン（紛らわしい Unicode、
     punycode、ブランドや署名ドメインと 1 文字違い）、別組織への Reply-To、会社を名乗るフリーメール、
     DMARC のないドメイン、エンベロープとの不一致
  7. 失敗の原因: フッターの追加、Subject のタグ、改行、再エンコード、MIME の組み替え（本文ハッシュを
     計算し直して証明）、転送、そして ARC で説明がつくかどうか
  8. 一括送信者向けの項目: ワンクリック配信停止（RFC 8058）、From が一つ、Message-ID、Date

オプション:
  --trust-authserv-id ID  自分の受信サーバーの authserv-id（複数指定可）。その Authentication-Results
                          だけを信じ、境界より下にある同じ名前のものは偽造として報告します
  --trust-arc-sealer D    ARC の封印を信じる中継者（よく知っているメーリングリストなど）。その中継者が
                          記録した元の認証結果で、失敗の説明がつくかを判断します
  --reverify              DKIM・SPF・DMARC を DNS であらためて検証（鍵が替わっている可能性あり）
  --now ISO               現在時刻（未来の日時の判定に使用）。省略時は時計
  --explain               詳しく表示（各フィールドの位置と結果の中身）
  --json                  解析結果を JSON で出力（言語によらず同じ）
  --lang ja|en            テキストの言語
  --zone FILE             ゾーンファイルから DNS に答える（複数指定可）
  --dns HOST:PORT         この DNS サーバーに問い合わせる（複数指定可）
  --timeout MS            検証ごとの DNS の期限

例:
  inkan analyze suspicious.eml --trust-authserv-id mx.example.jp
  inkan analyze - --reverify --json < message.eml

診断できること・できないこと: フッター（末尾、または MIME の終端境界の直前）、行末の空白、二重の CR、
単一パートの本文の quoted-printable/base64 への再エンコード、本文が MIME パートの一つになったことは、
本文ハッシュを計算し直して証明します。マルチパートの再エンコード、行の折り返し、語の書き換えは
「変わっている」としか言えません。ヘッダーの変更は --reverify（鍵が必要）のときだけ証明でき、
それ以外は推定です。

終了コード:
  0  本物
  1  要注意またはなりすまし
  2  使い方の誤り
  3  DNS の失敗で判断できません（後で再実行してください）
  4  信頼できる証拠がなく判断できません（--trust-authserv-id か --reverify を指定してください）`,
};
