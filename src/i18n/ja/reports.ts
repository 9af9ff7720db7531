import type { reports as en } from '../en/reports.js';

/** Japanese messages of reports: same ids and parameters as English. Part B adds its ids at the end. */
export const reports: typeof en = {
  'reports.cli.help': `inkan reports — ドメインに届く DMARC レポートと TLS レポートを読み、対策につなげます

使い方:
  inkan reports import PATH... [オプション]     ファイル・ディレクトリ・glob・-（標準入力）からレポートを保存
  inkan reports summary --domain D [オプション] 通数、DMARC 合格率、SPF/DKIM のアライメント率、処置を
                                                レポーター別・日別に表示
  inkan reports sources --domain D [オプション] D として送信しているすべての送信元: サービス、PTR、結果、
                                                自社・整合 / 自社・失敗（修正方法付き）/ 転送 / 不明
  inkan reports advise --domain D [オプション]  次のポリシー段階（none → quarantine → reject）へ進めて安全か
  inkan reports retry [オプション]              隔離した入力を再処理（アップグレード後に）
  inkan reports fetch ...                       IMAP メールボックスからレポートを取得（--help を参照）
  inkan reports receive ...                     SMTP/LMTP でレポートを受信（--help を参照）
  inkan reports generate ...                    受信側として RFC 9990 集約レポートを作成（--help を参照）
  inkan reports send ...                        作成したレポートを許可された各 rua に送信。1 回だけ、または
                                                期間ごとに（--every、--state。--help を参照）
  inkan reports failure MSG ...                 受信側として 1 通のメッセージの RFC 9991 失敗レポートを、fo= が
                                                求めるときに許可された各 ruf へ送信（--help を参照）

import は集約レポート（RFC 7489、RFC 9990、旧ドラフト）を .xml・.xml.gz・.zip・メール（.eml、添付の
種類を問わず、本文中、1 通に複数）から、失敗レポート（ARF、RFC 5965/6591/9991、プレーンテキスト形式）
と SMTP TLS レポート（RFC 8460、JSON または gzip）を読みます。同じレポートを 2 回取り込んでも保存は
1 回です（キー: 報告組織、レポート ID、ポリシードメイン）。読めない入力は理由とともに隔離され、
"inkan reports retry" で再処理できます。

オプション:
  --db PATH|URL       保存先: SQLite ファイル、または postgres:// URL
                      （既定: $INKAN_DB、なければ $XDG_DATA_HOME/inkan/inkan.db、
                      なければ ~/.local/share/inkan/inkan.db）
  --domain D          分析するドメイン（summary, sources, advise）
  --since DATE        この日時から（ISO 8601、例 2026-11-01）
  --until DATE        この日時まで（含まない）
  --no-dns            sources/advise: 逆引き DNS を引かない
  --watch             import: 実行を続け、--interval 秒ごとに新しいファイルや変更されたファイルを取り込む
                      （ディレクトリと glob は毎回見直します）。Ctrl-C で終了
  --interval SECONDS  import --watch: 見直す間隔の秒数（既定 10）
  --zone FILE         DNS の答えをゾーンファイルから返す（複数可）
  --dns HOST[:PORT]   この DNS サーバーに問い合わせる（複数可）
  --timeout MS        DNS 問い合わせ 1 回あたりのタイムアウト
  --json              機械可読な出力（カウンター: stored, duplicates, quarantined）
  --lang en|ja        出力の言語

例:
  inkan reports import ~/Downloads/*.zip reports/ -
  inkan reports summary --domain example.jp --since 2026-11-01
  inkan reports sources --domain example.jp --db postgres://dmarc@db.internal/dmarc
  inkan reports advise --domain example.jp --json

終了コード:
  0  完了（import: 隔離なし、advise: 次の段階へ進めて安全、またはすでに p=reject）
  1  import: 隔離したものがある、sources: 失敗または不明な送信元がある、advise: まだ早い、
     summary/sources/advise: そのドメインのレポートがない
  2  使い方の誤り
  3  保存先または DNS に接続できない`,
  'reports.cli.missing-sub': 'reports のどのコマンドですか？ import、summary、sources、advise、retry、fetch、receive、generate、send、failure のいずれかです',
  'reports.cli.unknown-sub': (p) => `reports のコマンド "${p.sub}" はありません`,
  'reports.cli.missing-domain': '分析するドメインを --domain で指定してください',
  'reports.cli.missing-path': '取り込むファイル、ディレクトリ、glob、または -（標準入力）を指定してください',
  'reports.cli.not-found': (p) => `${p.path} には取り込むものがありません`,
  'reports.cli.store-failed': (p) => `レポートの保存先 ${p.location} を開けません: ${p.reason}`,
  'reports.cli.unreadable': (p) => `${p.path} を読めません`,
  'reports.import.watching': (p) => `${p.seconds} 秒ごとに新しいレポートを確認しています（Ctrl-C で終了）`,
  'reports.cli.watch-stdin': '--watch には見直すファイルかディレクトリが必要です。標準入力（-）は使えません',
  'reports.import.progress': (p) => `${p.done}/${p.total} 件の入力、${p.records} レコード`,
  'reports.import.summary': (p) => `入力 ${p.inputs} 件: 保存 ${p.stored}、重複 ${p.duplicates}、隔離 ${p.quarantined}`,
  'reports.import.stored': (p) => `  保存        ${p.kind} ${p.org} ${p.id}（${p.domain}）${p.records !== undefined ? `: ${p.records} レコード` : ''}`,
  'reports.import.duplicate': (p) => `  重複        ${p.kind} ${p.org} ${p.id}（${p.domain}）: 保存済み`,
  'reports.import.quarantined': (p) => `  隔離        ${p.path}: ${p.reason}`,
  'reports.import.retry-hint': '隔離した入力はバイト列ごと保管されています。アップグレード後に "inkan reports retry" を実行してください。',
  'reports.kind.aggregate': '集約',
  'reports.kind.failure': '失敗',
  'reports.kind.tlsrpt': 'TLS',
  'reports.reason.xml-doctype': 'XML に DOCTYPE があります（DTD やエンティティ展開は受け付けません）',
  'reports.reason.xml-too-deep': 'XML の要素の入れ子が深すぎます',
  'reports.reason.xml-too-many-elements': 'XML の要素が多すぎます',
  'reports.reason.xml-token-too-long': 'XML のタグまたはテキストが長すぎます',
  'reports.reason.xml-mismatched-tag': 'XML が整形式ではありません（終了タグが一致しません）',
  'reports.reason.xml-malformed': 'XML が整形式ではありません',
  'reports.reason.xml-unclosed': '要素が閉じる前に XML が終わっています（途中で切れている？）',
  'reports.reason.xml-empty': 'XML 文書が空です',
  'reports.reason.not-aggregate': 'DMARC 集約レポートの XML ではありません（ルートが <feedback> ではない）',
  'reports.reason.missing-org-name': 'レポートに <org_name> がありません',
  'reports.reason.missing-report-id': 'レポートに <report_id> がありません',
  'reports.reason.missing-domain': 'レポートに <policy_published><domain> がありません',
  'reports.reason.bad-date-range': 'レポートの <date_range> が使えません',
  'reports.reason.too-many-records': 'レポートのレコード数が上限を超えています',
  'reports.reason.too-large': '展開後のサイズが上限を超えています',
  'reports.reason.bad-gzip': 'gzip データが壊れています',
  'reports.reason.bad-zip': 'zip アーカイブが壊れています',
  'reports.reason.too-deep': 'アーカイブの入れ子が深すぎます',
  'reports.reason.unrecognized': 'レポート、アーカイブ、メールのいずれでもありません',
  'reports.reason.no-report-found': 'レポートを含まないメールです',
  'reports.reason.tlsrpt-not-json': 'JSON を解析できません',
  'reports.reason.tlsrpt-not-tlsrpt': 'SMTP TLS レポート（RFC 8460）の JSON ではありません',
  'reports.reason.tlsrpt-missing-organization-name': 'TLS レポートに organization-name がありません',
  'reports.reason.tlsrpt-missing-report-id': 'TLS レポートに report-id がありません',
  'reports.reason.tlsrpt-bad-date-range': 'TLS レポートの date-range が使えません',
  'reports.reason.tlsrpt-missing-policy-domain': 'TLS レポートに policy-domain のあるポリシーがありません',
  'reports.retry.summary': (p) => `隔離した入力 ${p.tried} 件を再処理: ${p.released} 件が読めるようになりました（保存 ${p.stored}、重複 ${p.duplicates}）、${p.remaining} 件は隔離のままです`,
  'reports.retry.without-bytes': (p) => `隔離した入力のうち ${p.count} 件は大きすぎて保管していません: 表示された取得元から再度取り込んでください`,
  'reports.retry.entry': (p) => `  #${p.id} ${p.name}: ${p.reason}`,
  'reports.summary.none': (p) => `この期間の ${p.domain} の集約レポートは保存されていません`,
  'reports.summary.head': (p) => `${p.domain} の DMARC レポート${p.period}: ${p.reporters} 組織から ${p.reports} 件`,
  'reports.summary.period': (p) => `（${p.since} – ${p.until}）`,
  'reports.summary.volume': (p) => `  通数:             ${p.messages}`,
  'reports.summary.dmarc': (p) => `  DMARC 合格:       ${p.rate}（${p.count}）`,
  'reports.summary.spf': (p) => `  SPF 整合:         ${p.rate}（${p.count}）`,
  'reports.summary.dkim': (p) => `  DKIM 整合:        ${p.rate}（${p.count}）`,
  'reports.summary.dispositions': (p) => `  処置:             ${p.list}`,
  'reports.summary.by-reporter': 'レポーター別（通数、DMARC 合格）:',
  'reports.summary.by-day': '日別（UTC。複数日にわたるレポートは日ごとに按分）:',
  'reports.sources.none': (p) => `${p.domain} の送信元は見つかりません`,
  'reports.sources.head': (p) => `${p.domain} として送信している送信元 ${p.count} 件:`,
  'reports.sources.line': (p) => `  ${p.ip}  ${p.ptr}${p.service}\n      ${p.messages} 通。DMARC 合格 ${p.dmarc}、SPF 整合 ${p.spf}、DKIM 整合 ${p.dkim}`,
  'reports.sources.auth': (p) => `      DKIM d=: ${p.dkim}、SPF ドメイン: ${p.spf}`,
  'reports.sources.no-ptr': '（PTR なし）',
  'reports.class.ours-aligned': '自社・整合',
  'reports.class.ours-failing': '自社だが失敗',
  'reports.class.forwarded': '転送（DKIM は残り、転送先で SPF が失敗）',
  'reports.class.unknown': '不明またはなりすまし',
  'reports.fix.add-include': (p) => `SPF レコードに include:${p.include} を追加してください`,
  'reports.fix.authorize-ip': (p) => `SPF レコードで ${p.ip} を許可する（ip4:/ip6:）か、許可済みのサービス経由で送信してください`,
  'reports.fix.sign-with-our-domain': (p) => `d=${p.signedAs} で署名しています: サービス側で自社ドメインの DKIM を設定してください`,
  'reports.fix.custom-mail-from': (p) => `SPF は自社ドメインではなく ${p.mailFrom} で合格しています: 自社ドメインのカスタム MAIL FROM（Return-Path）を設定してください`,
  'reports.fix.enable-dkim': 'サービス側で自社ドメインによる DKIM 署名を有効にしてください',
  'reports.sources.fix': (p) => `      修正: ${p.fix}`,
  'reports.advise.no-data': (p) => `${p.domain} の集約レポートがありません: rua= を公開し、レポートが届いてからポリシーを変更してください`,
  'reports.advise.head': (p) => `${p.domain}: 現在のポリシー p=${p.current}、レポート ${p.days} 日分、${p.messages} 通`,
  'reports.advise.unknown-policy': '不明',
  'reports.advise.classes': (p) => `  自社・整合 ${p.aligned}、自社だが失敗 ${p.failing}、転送 ${p.forwarded}、不明またはなりすまし ${p.unknown}`,
  'reports.advise.affected': (p) => `  p=${p.next} にすると正当なメール ${p.legitimate} 通のうち ${p.affected} 通（${p.share}）が影響を受けます`,
  'reports.advise.safe': (p) => `判定: p=${p.next} に進めて安全です。`,
  'reports.advise.not-yet': (p) => `判定: p=${p.next} に進めるのはまだ早いです。`,
  'reports.advise.at-reject': '判定: すでに p=reject です。新たに失敗する送信元がないかレポートを見続けてください。',
  'reports.advise.reason.too-few-days': (p) => `  - レポートが ${p.days} 日分しかありません（${p.min} 日分以上待ってください）`,
  'reports.advise.reason.too-few-messages': (p) => `  - 報告された通数が ${p.messages} 通しかありません（${p.min} 通以上待ってください）`,
  'reports.advise.reason.legitimate-mail-fails': (p) => `  - 正当なメールの ${p.share} が DMARC に失敗しています（安全なのは ${p.max} まで）`,
  'reports.advise.fix-first': 'まず修正するもの:',
  'reports.advise.fix-line': (p) => `  ${p.ip}${p.who}: 失敗 ${p.failing} 通`,
};
