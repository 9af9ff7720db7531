/** English messages of reports (import, store, analyse). Part B adds its ids at the end. */
export const reports = {
  'reports.cli.help': `inkan reports — read the DMARC and TLS reports your domain receives, and act on them

Usage:
  inkan reports import PATH... [options]     store reports from files, directories, globs, or - (stdin)
  inkan reports summary --domain D [options] volume, DMARC pass rate, SPF/DKIM alignment, dispositions,
                                             by reporter and by day
  inkan reports sources --domain D [options] every source that sends as D: service, PTR, results, and
                                             ours-aligned / ours-failing (with the fix) / forwarded / unknown
  inkan reports advise --domain D [options]  is the next policy step (none → quarantine → reject) safe?
  inkan reports retry [options]              try the quarantined inputs again (after an upgrade)
  inkan reports fetch ...                    read reports from an IMAP mailbox (see its --help)
  inkan reports receive ...                  receive reports by SMTP/LMTP (see its --help)
  inkan reports generate ...                 as a receiver: build RFC 9990 aggregate reports (see its --help)
  inkan reports send ...                     mail generated reports to each authorized rua, once or every
                                             period (--every, --state; see its --help)
  inkan reports failure MSG ...              as a receiver: an RFC 9991 failure report for one message, when
                                             fo= asks for it, to each authorized ruf (see its --help)

import reads aggregate reports (RFC 7489, RFC 9990 and older drafts) as .xml, .xml.gz, .zip or inside
an email (.eml, any attachment type, inline, several per message), failure reports (ARF, RFC 5965/6591/
9991, and plain-text ones) and SMTP TLS reports (RFC 8460, JSON or gzipped). The same report imported
twice is stored once (key: reporting organization, report id, policy domain). Input that cannot be read
is kept in a quarantine with the reason; "inkan reports retry" tries it again.

Options:
  --db PATH|URL       the store: a SQLite file, or a postgres:// URL
                      (default: $INKAN_DB, else $XDG_DATA_HOME/inkan/inkan.db,
                      else ~/.local/share/inkan/inkan.db)
  --domain D          the domain to analyse (summary, sources, advise)
  --since DATE        from this day or time (ISO 8601, e.g. 2026-11-01)
  --until DATE        up to this day or time (exclusive)
  --no-dns            sources/advise: do not look up reverse DNS
  --watch             import: keep running and import new or changed files every --interval
                      seconds (directories and globs are looked at again); stop with Ctrl-C
  --interval SECONDS  import --watch: seconds between looks (default 10)
  --zone FILE         answer DNS from a zone file (repeatable)
  --dns HOST[:PORT]   ask this DNS server (repeatable)
  --timeout MS        DNS timeout per query
  --json              machine-readable output (counters: stored, duplicates, quarantined)
  --lang en|ja        language of the output

Examples:
  inkan reports import ~/Downloads/*.zip reports/ -
  inkan reports summary --domain example.jp --since 2026-11-01
  inkan reports sources --domain example.jp --db postgres://dmarc@db.internal/dmarc
  inkan reports advise --domain example.jp --json

Exit codes:
  0  done (import: nothing quarantined; advise: the next step is safe or p=reject already)
  1  import: something was quarantined; sources: failing or unknown sources; advise: not yet;
     summary/sources/advise: no reports for the domain
  2  usage error
  3  the store or DNS could not be reached`,
  'reports.cli.missing-sub': 'which reports command? import, summary, sources, advise, retry, fetch, receive, generate, send or failure',
  'reports.cli.unknown-sub': (p: { sub: string }) => `unknown reports command "${p.sub}"`,
  'reports.cli.missing-domain': 'give the domain to analyse with --domain',
  'reports.cli.missing-path': 'give files, directories, globs or - (standard input) to import',
  'reports.cli.not-found': (p: { path: string }) => `nothing to import at ${p.path}`,
  'reports.cli.store-failed': (p: { location: string; reason: string }) => `cannot open the report store ${p.location}: ${p.reason}`,
  'reports.cli.unreadable': (p: { path: string }) => `cannot read ${p.path}`,
  // import
  'reports.import.watching': (p: { seconds: number }) => `watching for new reports every ${p.seconds} s (Ctrl-C to stop)`,
  'reports.cli.watch-stdin': '--watch needs files or directories to look at, not standard input (-)',
  'reports.import.progress': (p: { done: number; total: number; records: number }) => `${p.done}/${p.total} inputs, ${p.records} records`,
  'reports.import.summary': (p: { inputs: number; stored: number; duplicates: number; quarantined: number }) =>
    `${p.inputs} input${p.inputs === 1 ? '' : 's'}: ${p.stored} stored, ${p.duplicates} duplicate${p.duplicates === 1 ? '' : 's'}, ${p.quarantined} quarantined`,
  'reports.import.stored': (p: { kind: string; org: string; id: string; domain: string; records?: number }) =>
    `  stored      ${p.kind} ${p.org} ${p.id} (${p.domain})${p.records !== undefined ? `: ${p.records} records` : ''}`,
  'reports.import.duplicate': (p: { kind: string; org: string; id: string; domain: string }) => `  duplicate   ${p.kind} ${p.org} ${p.id} (${p.domain}): already stored`,
  'reports.import.quarantined': (p: { path: string; reason: string }) => `  quarantined ${p.path}: ${p.reason}`,
  'reports.import.retry-hint': 'Quarantined inputs are kept with their bytes; after an upgrade run "inkan reports retry".',
  'reports.kind.aggregate': 'aggregate',
  'reports.kind.failure': 'failure',
  'reports.kind.tlsrpt': 'TLS',
  // quarantine reasons (reports.reason.<code>)
  'reports.reason.xml-doctype': 'the XML has a DOCTYPE (refused: no DTD or entity expansion)',
  'reports.reason.xml-too-deep': 'the XML nests elements too deeply',
  'reports.reason.xml-too-many-elements': 'the XML has too many elements',
  'reports.reason.xml-token-too-long': 'the XML has a tag or text run that is too long',
  'reports.reason.xml-mismatched-tag': 'the XML is not well-formed (a closing tag does not match)',
  'reports.reason.xml-malformed': 'the XML is not well-formed',
  'reports.reason.xml-unclosed': 'the XML ends before its elements are closed (truncated?)',
  'reports.reason.xml-empty': 'the XML document is empty',
  'reports.reason.not-aggregate': 'the XML is not a DMARC aggregate report (no <feedback> root)',
  'reports.reason.missing-org-name': 'the report has no <org_name>',
  'reports.reason.missing-report-id': 'the report has no <report_id>',
  'reports.reason.missing-domain': 'the report has no <policy_published><domain>',
  'reports.reason.bad-date-range': 'the report has no usable <date_range>',
  'reports.reason.too-many-records': 'the report has more records than the limit',
  'reports.reason.too-large': 'the content unpacks to more than the size limit',
  'reports.reason.bad-gzip': 'the gzip data is damaged',
  'reports.reason.bad-zip': 'the zip archive is damaged',
  'reports.reason.too-deep': 'archives are nested too deeply',
  'reports.reason.unrecognized': 'not a report, an archive or an email message',
  'reports.reason.no-report-found': 'an email message without a report in it',
  'reports.reason.tlsrpt-not-json': 'the JSON cannot be parsed',
  'reports.reason.tlsrpt-not-tlsrpt': 'the JSON is not an SMTP TLS report (RFC 8460)',
  'reports.reason.tlsrpt-missing-organization-name': 'the TLS report has no organization-name',
  'reports.reason.tlsrpt-missing-report-id': 'the TLS report has no report-id',
  'reports.reason.tlsrpt-bad-date-range': 'the TLS report has no usable date-range',
  'reports.reason.tlsrpt-missing-policy-domain': 'the TLS report has no policy with a policy-domain',
  // retry
  'reports.retry.summary': (p: { tried: number; released: number; remaining: number; stored: number; duplicates: number }) =>
    `retried ${p.tried} quarantined input${p.tried === 1 ? '' : 's'}: ${p.released} now readable (${p.stored} reports stored, ${p.duplicates} duplicates), ${p.remaining} still quarantined`,
  'reports.retry.without-bytes': (p: { count: number }) => `${p.count} quarantined input${p.count === 1 ? ' was' : 's were'} too large to keep: import ${p.count === 1 ? 'it' : 'them'} again from the origin shown`,
  'reports.retry.entry': (p: { id: number; name: string; reason: string }) => `  #${p.id} ${p.name}: ${p.reason}`,
  // summary
  'reports.summary.none': (p: { domain: string }) => `no aggregate reports about ${p.domain} in the store for this period`,
  'reports.summary.head': (p: { domain: string; reports: number; reporters: number; period: string }) =>
    `DMARC reports for ${p.domain}${p.period}: ${p.reports} report${p.reports === 1 ? '' : 's'} from ${p.reporters} reporter${p.reporters === 1 ? '' : 's'}`,
  'reports.summary.period': (p: { since: string; until: string }) => ` (${p.since} – ${p.until})`,
  'reports.summary.volume': (p: { messages: number }) => `  messages:         ${p.messages}`,
  'reports.summary.dmarc': (p: { rate: string; count: number }) => `  DMARC pass:       ${p.rate} (${p.count})`,
  'reports.summary.spf': (p: { rate: string; count: number }) => `  SPF aligned:      ${p.rate} (${p.count})`,
  'reports.summary.dkim': (p: { rate: string; count: number }) => `  DKIM aligned:     ${p.rate} (${p.count})`,
  'reports.summary.dispositions': (p: { list: string }) => `  dispositions:     ${p.list}`,
  'reports.summary.by-reporter': 'By reporter (messages, DMARC pass):',
  'reports.summary.by-day': 'By day (UTC; reports covering several days are spread over them):',
  // sources
  'reports.sources.none': (p: { domain: string }) => `no sources seen for ${p.domain}`,
  'reports.sources.head': (p: { domain: string; count: number }) => `${p.count} source${p.count === 1 ? '' : 's'} sending as ${p.domain}:`,
  'reports.sources.line': (p: { ip: string; ptr: string; service: string; messages: number; dmarc: string; spf: string; dkim: string }) =>
    `  ${p.ip}  ${p.ptr}${p.service}\n      ${p.messages} messages; DMARC pass ${p.dmarc}, SPF aligned ${p.spf}, DKIM aligned ${p.dkim}`,
  'reports.sources.auth': (p: { dkim: string; spf: string }) => `      DKIM d=: ${p.dkim}; SPF domains: ${p.spf}`,
  'reports.sources.no-ptr': '(no PTR)',
  'reports.class.ours-aligned': 'ours and aligned',
  'reports.class.ours-failing': 'ours but failing',
  'reports.class.forwarded': 'forwarded (DKIM survives, SPF fails at the forwarder)',
  'reports.class.unknown': 'unknown or spoofing',
  'reports.fix.add-include': (p: { include: string }) => `add include:${p.include} to the SPF record`,
  'reports.fix.authorize-ip': (p: { ip: string }) => `authorize ${p.ip} in the SPF record (ip4:/ip6:), or send through a service that is authorized`,
  'reports.fix.sign-with-our-domain': (p: { signedAs: string }) => `it signs with d=${p.signedAs}: set up DKIM with your own domain at the service`,
  'reports.fix.custom-mail-from': (p: { mailFrom: string }) => `SPF passes for ${p.mailFrom}, not your domain: set a custom MAIL FROM (return-path) under your domain`,
  'reports.fix.enable-dkim': 'turn on DKIM signing with your domain at the service',
  'reports.sources.fix': (p: { fix: string }) => `      fix: ${p.fix}`,
  // advise
  'reports.advise.no-data': (p: { domain: string }) => `no aggregate reports about ${p.domain}: publish rua= and wait for reports before changing the policy`,
  'reports.advise.head': (p: { domain: string; current: string; days: number; messages: number }) =>
    `${p.domain}: current policy p=${p.current}; ${p.days} day${p.days === 1 ? '' : 's'} of reports, ${p.messages} messages`,
  'reports.advise.unknown-policy': 'unknown',
  'reports.advise.classes': (p: { aligned: number; failing: number; forwarded: number; unknown: number }) =>
    `  ours and aligned ${p.aligned}, ours but failing ${p.failing}, forwarded ${p.forwarded}, unknown or spoofing ${p.unknown}`,
  'reports.advise.affected': (p: { affected: number; legitimate: number; share: string; next: string }) =>
    `  p=${p.next} would affect ${p.affected} of ${p.legitimate} legitimate messages (${p.share})`,
  'reports.advise.safe': (p: { next: string }) => `Verdict: moving to p=${p.next} is safe.`,
  'reports.advise.not-yet': (p: { next: string }) => `Verdict: not yet safe to move to p=${p.next}.`,
  'reports.advise.at-reject': 'Verdict: p=reject already: keep watching the reports for new failing sources.',
  'reports.advise.reason.too-few-days': (p: { days: number; min: number }) => `  - only ${p.days} day${p.days === 1 ? '' : 's'} of reports (wait for at least ${p.min})`,
  'reports.advise.reason.too-few-messages': (p: { messages: number; min: number }) => `  - only ${p.messages} messages reported (wait for at least ${p.min})`,
  'reports.advise.reason.legitimate-mail-fails': (p: { share: string; max: string }) => `  - ${p.share} of legitimate mail fails DMARC (at most ${p.max} is safe)`,
  'reports.advise.fix-first': 'Fix first:',
  'reports.advise.fix-line': (p: { ip: string; who: string; failing: number }) => `  ${p.ip}${p.who}: ${p.failing} failing messages`,
};
