/** English messages of the report fetcher, receiver and generator. */
export const reportsIo = {
  // The store, shared by fetch and receive.
  'reportsIo.store.open-failed': (p: { location: string; error: string }) => `cannot open the report store ${p.location}: ${p.error}`,
  // inkan reports fetch
  'reportsIo.fetch.help': `inkan reports fetch — read DMARC and TLS reports from an IMAP mailbox

Usage:
  inkan reports fetch --imap imaps://USER@HOST[:PORT]/MAILBOX [options]

Downloads every message of the mailbox that is not marked yet, stores the
reports in it (aggregate, failure, TLS-RPT; attachments of any kind), and only
after they are committed marks the message processed: moved with --move-to,
deleted with --delete, else flagged $InkanProcessed and seen. A message with
something that could not be parsed is kept in place, flagged
$InkanQuarantined (its parts are in the store's quarantine with the reason).
If the store fails, the message is left untouched and fetch stops; running
it again is safe (a report already stored is counted as a duplicate).

Options:
  --imap URL          imaps:// (TLS) or imap:// (STARTTLS when offered); the
                      mailbox defaults to INBOX
  --password-env VAR  read the password from this environment variable
                      (default INKAN_IMAP_PASSWORD)
  --ca FILE           trust this CA certificate (PEM) for a private server
  --move-to MAILBOX   move processed messages there (created if missing)
  --delete            delete processed messages instead
  --watch             keep running: wait for new mail (IMAP IDLE) and fetch it;
                      stop with Ctrl-C
  --max-size BYTES    leave larger messages in place (default 67108864)
  --db PATH|URL       the store: a SQLite file or postgres:// URL (default
                      $INKAN_DB, else $XDG_DATA_HOME/inkan/inkan.db)
  --json              machine-readable output (one line per pass with --watch)
  --lang en|ja        language of the output

Examples:
  INKAN_IMAP_PASSWORD=secret inkan reports fetch --imap imaps://dmarc@mail.example.com/INBOX --move-to Processed
  inkan reports fetch --imap imaps://dmarc@mail.example.com --watch --db postgres://inkan@db/reports

Exit codes:
  0  every message was stored and marked processed (or there was nothing new)
  1  some messages were kept because part of them went to quarantine
  2  usage error
  3  the server or the store failed: try again later (nothing was lost)`,
  'reportsIo.fetch.missing-imap': 'give the mailbox with --imap imaps://USER@HOST/MAILBOX',
  'reportsIo.fetch.bad-url': (p: { url: string; reason: string }) => `"${p.url}" is not a usable IMAP URL: ${p.reason}`,
  'reportsIo.fetch.url.scheme': 'it must start with imaps:// or imap://',
  'reportsIo.fetch.url.host': 'the host name is missing or invalid',
  'reportsIo.fetch.url.user': 'the user name is missing (imaps://USER@HOST/MAILBOX)',
  'reportsIo.fetch.url.port': 'the port must be 1 to 65535',
  'reportsIo.fetch.url.syntax': 'it cannot be parsed',
  'reportsIo.fetch.no-password': (p: { variable: string }) => `no password: set the environment variable ${p.variable} (or name another with --password-env)`,
  'reportsIo.fetch.move-and-delete': '--move-to and --delete cannot be used together',
  'reportsIo.fetch.unreadable-file': (p: { file: string }) => `cannot read ${p.file}`,
  'reportsIo.fetch.bad-size': (p: { value: string }) => `--max-size must be a number of bytes, not "${p.value}"`,
  'reportsIo.fetch.connect-failed': (p: { server: string; error: string }) => `cannot fetch from ${p.server}: ${p.error}`,
  'reportsIo.fetch.item.processed': (p: { uid: number; stored: number; duplicates: number }) => `  UID ${p.uid}: stored ${p.stored}, duplicates ${p.duplicates}`,
  'reportsIo.fetch.item.kept': (p: { uid: number; reason: string }) =>
    `  UID ${p.uid}: kept in the mailbox (${p.reason === 'too-large' ? 'too large' : 'part of it is in quarantine'})`,
  'reportsIo.fetch.item.failed': (p: { uid: number; reason: string }) => `  UID ${p.uid}: not stored, left untouched: ${p.reason}`,
  'reportsIo.fetch.summary': (p: { messages: number; processed: number; kept: number; failed: number }) =>
    `${p.messages} messages: ${p.processed} processed, ${p.kept} kept, ${p.failed} failed`,
  'reportsIo.fetch.reports': (p: { stored: number; duplicates: number; quarantined: number }) =>
    `reports: stored ${p.stored}, duplicates ${p.duplicates}, quarantined ${p.quarantined}`,
  'reportsIo.fetch.stopped': 'the store failed: fetch stopped; the remaining messages wait for the next run',
  'reportsIo.fetch.watching': (p: { mailbox: string }) => `watching ${p.mailbox} for new reports (Ctrl-C to stop)`,
  'reportsIo.fetch.retrying': (p: { error: string }) => `connection lost (${p.error}); reconnecting`,
  // inkan reports receive
  'reportsIo.receive.help': `inkan reports receive — an SMTP or LMTP endpoint for rua= / ruf= mail

Usage:
  inkan reports receive --listen HOST:PORT [options]

Accepts report mail by SMTP (or LMTP with --lmtp) and stores each message's
reports. The reply is 250 only after the reports are committed; when the store
fails the reply is 451, so the sending server keeps the message and retries
(nothing is lost). Point an MX, a Postfix transport, or a forwarding rule at it.
Runs until Ctrl-C (SIGINT) or SIGTERM.

Options:
  --listen HOST:PORT  where to listen (e.g. 127.0.0.1:2525, [::1]:2525)
  --lmtp              speak LMTP (RFC 2033): one reply per recipient
  --rcpt ADDRESS      accept only this recipient (repeatable); default: any
  --tls-cert FILE     certificate (PEM) to offer STARTTLS, with --tls-key
  --tls-key FILE      its private key (PEM)
  --max-size BYTES    largest message accepted (default 67108864)
  --db PATH|URL       the store (default $INKAN_DB, else
                      $XDG_DATA_HOME/inkan/inkan.db)
  --json              one JSON line per message
  --lang en|ja        language of the output

Examples:
  inkan reports receive --listen 127.0.0.1:2525
  inkan reports receive --listen 127.0.0.1:24 --lmtp --rcpt dmarc@example.com

Exit codes:
  0  stopped by a signal
  2  usage error
  3  cannot listen or cannot open the store`,
  'reportsIo.receive.missing-listen': 'give the address with --listen HOST:PORT',
  'reportsIo.receive.bad-listen': (p: { value: string }) => `"${p.value}" is not HOST:PORT`,
  'reportsIo.receive.tls-pair': '--tls-cert and --tls-key go together',
  'reportsIo.receive.listen-failed': (p: { address: string; error: string }) => `cannot listen on ${p.address}: ${p.error}`,
  'reportsIo.receive.listening': (p: { protocol: string; host: string; port: number }) => `${p.protocol} report receiver listening on ${p.host}:${p.port}`,
  'reportsIo.receive.accepted': (p: { origin: string; stored: number; duplicates: number; quarantined: number }) =>
    `accepted ${p.origin}: stored ${p.stored}, duplicates ${p.duplicates}, quarantined ${p.quarantined}`,
  'reportsIo.receive.deferred': (p: { origin: string; reason: string }) => `deferred (451) ${p.origin}: ${p.reason}`,
  'reportsIo.receive.too-large': (p: { origin: string }) => `refused (552, too large) ${p.origin}`,
  'reportsIo.receive.stopped': 'receiver stopped',
  // inkan reports generate / send
  'reportsIo.generate.help': `inkan reports generate — write DMARC aggregate reports as a receiver (RFC 9990)

Usage:
  inkan reports generate --rows FILE --org-name NAME --email ADDRESS --receiver DOMAIN [options]

Reads DMARC evaluation rows (JSON Lines: {"time": ISO-8601 or ms, "row": the
dmarc.report object of inkan verify --json}), groups them per policy domain for
the period, merges identical rows, and writes one gzipped RFC 9990 report per
domain, named receiver!policy-domain!begin!end!id.xml.gz. Each report is
checked against the RFC 9990 schema rules before it is written. Generating the
same period again gives the same names and ids (a re-send replaces the first).

Options:
  --rows FILE         the evaluation rows (- for standard input)
  --org-name NAME     org_name: who you are
  --email ADDRESS     email: where Domain Owners can reach you (also From:)
  --receiver DOMAIN   your domain: first part of the file name
  --begin TIME        start of the period (ISO 8601; default: yesterday 00:00 UTC)
  --end TIME          end of the period, excluded (default: begin + 1 day)
  --out DIR           where to write the files (default: the current directory)
  --json              machine-readable output
  --lang en|ja        language of the output

Example:
  inkan reports generate --rows rows.jsonl --org-name "Example Mail" --email dmarc-noreply@mail.example --receiver mail.example --out reports/

Exit codes:
  0  reports written (or no rows in the period)
  1  a generated report broke a schema rule (not written)
  2  usage error`,
  'reportsIo.send.help': `inkan reports send — generate DMARC aggregate reports and mail them to each rua=

Usage:
  inkan reports send --rows FILE --org-name NAME --email ADDRESS --receiver DOMAIN [options]
  inkan reports send --rows FILE ... --state FILE --every DURATION [--delay DURATION]

Builds the reports exactly as inkan reports generate does, then for each policy
domain looks up its DMARC record now, checks that every rua= destination outside
the domain's Organizational Domain agrees to receive them
(POLICY-DOMAIN._report._dmarc.DESTINATION TXT "v=DMARC1", RFC 9990), and mails
the gzipped report to each authorized address (a relay with --smtp, else the
destination's MX).

With --state FILE, what was sent to which address (policy domain + period) is
recorded in FILE (JSON, replaced atomically after every attempt): running again
never sends a report twice to the same address, a temporary failure (a 4xx
reply, no connection, a DNS failure) is tried again, and a refusal (5xx) is
recorded and not tried again. A temporary failure still there after 20
attempts is given up (and recorded).

With --every, the command keeps running until Ctrl-C or SIGTERM: each period
(aligned to UTC: 1d is a UTC day, 1h a clock hour) is sent once it has ended
and --delay has passed (so rows of late mail are in). Failures are retried every
--retry. A log of each cycle goes to standard error; --json prints one JSON line
per cycle. After a pause, missed periods are caught up (at most 31).

Options:
  the options of inkan reports generate, and:
  --smtp RELAY        hand every message to this relay instead of the MX: HOST:PORT,
                      smtp://HOST[:PORT] (STARTTLS when offered) or smtps://HOST[:PORT]
  --smtp-ca FILE      CA certificate(s) to trust for the relay's TLS
  --helo NAME         the name to greet with (default: --receiver)
  --state FILE        remember what was sent (see above); required by --every
  --every DURATION    keep running; one period every DURATION (30s, 15m, 1h, 1d)
  --delay DURATION    wait this long after a period ends (default: a quarter of
                      --every, at most 1h)
  --retry DURATION    how often to retry temporary failures (default: 15m, or
                      --every when shorter)
  --zone FILE         answer DNS from a zone file (repeatable)
  --dns HOST[:PORT]   ask this DNS server (repeatable)
  --timeout MS        DNS timeout per query

Examples:
  inkan reports send --rows rows.jsonl --org-name "Example Mail" --email dmarc-noreply@mail.example --receiver mail.example
  inkan reports send --rows rows.jsonl --org-name "Example Mail" --email dmarc-noreply@mail.example --receiver mail.example --state /var/lib/inkan/sent.json --every 1d --delay 30m

Exit codes:
  0  every report went to every authorized destination (--every: stopped by a signal)
  1  a destination refused, was not authorized, or a domain asks for no reports;
     the state file is not an inkan state file
  2  usage error
  3  a temporary DNS or SMTP failure: try again later; the state file cannot be written`,
  'reportsIo.generate.missing-option': (p: { option: string }) => `--${p.option} is required`,
  'reportsIo.generate.bad-time': (p: { option: string; value: string }) => `--${p.option}: "${p.value}" is not an ISO 8601 time`,
  'reportsIo.generate.bad-period': 'the period is empty: --end must be after --begin',
  'reportsIo.generate.bad-smtp': (p: { value: string }) => `--smtp: "${p.value}" is not HOST:PORT`,
  'reportsIo.generate.bad-lines': (p: { count: number }) => `${p.count} lines of the rows file were not evaluation rows and were skipped`,
  'reportsIo.generate.period': (p: { begin: string; end: string }) => `period ${p.begin} to ${p.end}`,
  'reportsIo.generate.none': 'no rows with a DMARC policy in the period: no report',
  'reportsIo.generate.skipped': (p: { noPolicy: number; noSourceIp: number; outOfPeriod: number }) =>
    `rows left out: ${p.noPolicy} without a DMARC policy, ${p.noSourceIp} without a source IP, ${p.outOfPeriod} outside the period`,
  'reportsIo.generate.wrote': (p: { file: string; records: number; messages: number }) => `wrote ${p.file} (${p.records} records, ${p.messages} messages)`,
  'reportsIo.generate.invalid': (p: { file: string; problems: string }) => `${p.file} breaks the RFC 9990 schema and was not written: ${p.problems}`,
  'reportsIo.send.report': (p: { file: string; domain: string }) => `${p.file} (${p.domain}):`,
  'reportsIo.send.sent': (p: { address: string; response: string }) => `  sent to ${p.address}: ${p.response}`,
  'reportsIo.send.failed': (p: { address: string; reason: string }) => `  not sent to ${p.address}: ${p.reason}`,
  'reportsIo.send.internal': (p: { uri: string }) => `  ${p.uri}: inside the domain's organization, no authorization needed`,
  'reportsIo.send.authorized': (p: { uri: string; name: string }) => `  ${p.uri}: authorized by ${p.name}`,
  'reportsIo.send.unauthorized': (p: { uri: string; name: string; reason: string }) =>
    `  ${p.uri}: not authorized (${p.reason === 'override-host' ? `${p.name} redirects to another host` : p.reason === 'not-mailto' ? 'not a mailto: URI' : `no "v=DMARC1" TXT record at ${p.name}`}); not sent`,
  'reportsIo.send.temperror': (p: { uri: string; name: string }) => `  ${p.uri}: the DNS query for ${p.name} failed; try again later`,
  'reportsIo.send.problem.no-policy': (p: { domain: string }) => `  ${p.domain} publishes no DMARC record now: not sent`,
  'reportsIo.send.problem.no-destination': (p: { domain: string }) => `  ${p.domain} asks for no aggregate reports (no rua=): not sent`,
  'reportsIo.send.problem.temperror': (p: { domain: string }) => `  the DMARC record of ${p.domain} could not be looked up; try again later`,
  'reportsIo.send.failed-temporary': (p: { address: string; reason: string }) => `  not sent to ${p.address}: ${p.reason} (temporary: try again later)`,
  'reportsIo.send.bad-duration': (p: { option: string; value: string }) => `--${p.option} needs a duration such as 30s, 15m, 1h or 1d, not "${p.value}"`,
  'reportsIo.send.every-needs-state': '--every needs --state FILE, so that a restart never sends a report twice',
  'reportsIo.send.needs-every': '--delay and --retry go with --every',
  'reportsIo.send.every-with-period': '--begin and --end do not go with --every: the clock chooses each period',
  'reportsIo.send.state-stdin': 'with --state the rows are read again at each attempt: give a file, not - (standard input)',
  'reportsIo.send.state-error': (p: { error: string }) => `cannot use the state file: ${p.error}`,
  'reportsIo.send.every-start': (p: { every: string; delay: string; state: string }) =>
    `sending the reports of each ${p.every} period ${p.delay} after it ends; state in ${p.state} (Ctrl-C to stop)`,
  'reportsIo.send.cycle': (p: { at: string }) => `cycle at ${p.at}:`,
  'reportsIo.send.cycle-retry': (p: { begin: string; end: string }) => `retrying period ${p.begin} to ${p.end}`,
  'reportsIo.send.cycle-nothing': 'nothing to send',
  'reportsIo.send.cycle-error': (p: { error: string }) => `this cycle failed (${p.error}); nothing was lost, trying again soon`,
  'reportsIo.send.already-sent': (p: { address: string }) => `  already sent to ${p.address} (not sent again)`,
  'reportsIo.send.given-up': (p: { address: string }) => `  given up for ${p.address}: the failure stayed temporary too long`,
  'reportsIo.send.next': (p: { at: string; pending: number }) => `next cycle at ${p.at}${p.pending ? ` (${p.pending} reports waiting for a retry)` : ''}`,
  'reportsIo.send.stopped': 'stopped; the state is saved',
  // inkan reports failure
  'reportsIo.failure.help': `inkan reports failure — as a receiver, send a DMARC failure report for one message (RFC 9991)

Usage:
  inkan reports failure FILE|- --ip IP [--helo NAME] [--mail-from ADDRESS]
                        --org-name NAME --email ADDRESS --receiver DOMAIN [options]

Verifies the message exactly as inkan verify does (SPF, DKIM, DMARC), then reads
the policy record's fo= and ruf= tags. A report is due when the record has a
ruf= and the message meets one of its fo= options:
  fo=0  neither SPF nor DKIM gave an aligned pass (the default)
  fo=1  SPF or DKIM did not give an aligned pass
  fo=d  a DKIM signature failed to verify, aligned or not
  fo=s  SPF failed, aligned or not
The report is ARF (multipart/report, Feedback-Type: auth-failure, Auth-Failure:
dmarc) with the original header only, never the body. It is read back with
inkan's own failure-report parser before anything is written or sent.

Each ruf= address outside the policy domain's Organizational Domain must agree
to receive reports (POLICY-DOMAIN._report._dmarc.DESTINATION TXT "v=DMARC1");
the others are shown and left out. Without --out or --send nothing is written
or sent: the command only says whether a report is due, why, and where it would go.

Spoofing campaigns can make one domain fail thousands of times an hour; with
--state FILE at most --max-per-hour reports (default 10) go out per policy
domain per clock hour (UTC); a report counts once it is written or a send is
tried. The count is kept in FILE, locked while it is updated, so an MTA may run
this command for many messages at once.

Options:
  --ip IP             the connecting client's address (required)
  --helo NAME         the HELO/EHLO name
  --mail-from ADDR    the SMTP MAIL FROM
  --now TIME          arrival time (ISO 8601; default: now)
  --authserv-id ID    authserv-id of the Authentication-Results in the report
                      (default: --receiver)
  --org-name NAME     who you are (in the report's text)
  --email ADDRESS     From: of the report, and its envelope sender
  --receiver DOMAIN   your domain: Reporting-MTA, authserv-id, file names
  --out DIR           write the report to DIR/receiver!policy-domain!time!id.eml
  --send              mail it to each authorized ruf= address
  --smtp RELAY        with --send: hand it to this relay (HOST:PORT, smtp://HOST[:PORT],
                      smtps://HOST[:PORT]) instead of the destination's MX
  --smtp-ca FILE      CA certificate(s) to trust for the relay's TLS
  --state FILE        count reports per policy domain and hour in FILE
  --max-per-hour N    reports per policy domain per hour (with --state; default 10)
  --zone FILE         answer DNS from a zone file (repeatable)
  --dns HOST[:PORT]   ask this DNS server (repeatable)
  --timeout MS        DNS timeout per query
  --json              machine-readable output
  --lang en|ja        language of the output

Example:
  inkan reports failure msg.eml --ip 203.0.113.5 --mail-from bounce@example.com --org-name "Example Mail" --email dmarc-noreply@mail.example --receiver mail.example --send --state /var/lib/inkan/failure.json

Exit codes:
  0  no report is due, or it was written / sent to every authorized address
     (also when the hourly limit held it back)
  1  with --send: an address refused it or none is authorized; the report did
     not read back correctly; the state file is not an inkan state file
  2  usage error
  3  a temporary DNS or SMTP failure, or the state file is locked or cannot be written`,
  'reportsIo.failure.dmarc': (p: { result: string; domain: string; policy: string; fo: string }) => `DMARC ${p.result} for ${p.domain} (policy record of ${p.policy}, fo=${p.fo})`,
  'reportsIo.failure.due': 'a failure report is due:',
  'reportsIo.failure.would-trigger': 'these fo= options were met:',
  'reportsIo.failure.trigger.0': 'fo=0: neither SPF nor DKIM gave an aligned pass',
  'reportsIo.failure.trigger.1': 'fo=1: SPF or DKIM did not give an aligned pass',
  'reportsIo.failure.trigger.d': 'fo=d: a DKIM signature failed to verify',
  'reportsIo.failure.trigger.s': 'fo=s: SPF failed',
  'reportsIo.failure.not-due.no-policy': (p: { domain: string; fo: string }) => `no DMARC policy applies to mail from ${p.domain}: no failure report`,
  'reportsIo.failure.not-due.temperror': (p: { domain: string; fo: string }) => `the DMARC evaluation for ${p.domain} failed temporarily (DNS): no decision; try again later`,
  'reportsIo.failure.not-due.no-ruf': (p: { domain: string; fo: string }) => `${p.domain} asks for no failure reports (no ruf=): no failure report`,
  'reportsIo.failure.not-due.no-trigger': (p: { domain: string; fo: string }) => `no fo=${p.fo} option of ${p.domain} is met: no failure report`,
  'reportsIo.failure.no-ruf-now': (p: { domain: string }) => `  ${p.domain} asks for no failure reports now (no ruf=): not sent`,
  'reportsIo.failure.checked': (p: { id: string }) => `report ${p.id} built and read back with inkan's failure-report parser: sound`,
  'reportsIo.failure.check-failed': (p: { problems: string }) => `the report does not read back as built, so it is neither written nor sent: ${p.problems}`,
  'reportsIo.failure.wrote': (p: { file: string }) => `wrote ${p.file}`,
  'reportsIo.failure.dry-run': 'nothing written or sent (use --out DIR and/or --send)',
  'reportsIo.failure.rate': (p: { domain: string; count: number; max: number }) => `failure reports for ${p.domain} this hour: ${p.count} of ${p.max}`,
  'reportsIo.failure.rate-limited': (p: { domain: string; count: number; max: number }) =>
    `${p.count} failure reports for ${p.domain} this hour already (limit ${p.max}): this one is neither written nor sent`,
  'reportsIo.failure.max-needs-state': '--max-per-hour needs --state FILE to count in',
  'reportsIo.failure.smtp-needs-send': '--smtp and --smtp-ca go with --send',
  'reportsIo.failure.too-large': (p: { max: number }) => `the message is larger than ${p.max} bytes`,
};
