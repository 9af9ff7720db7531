type Named = { name: string };
type Coded = { code: string; detail: string; position?: number; line?: number };

/** English messages of the mtasts module (MTA-STS, RFC 8461; TLS-RPT, RFC 8460). */
export const mtaSts = {
  // Verdicts.
  'mtasts.verdict.pass': (p: { domain: string }) => `MTA-STS pass for ${p.domain}: senders can require TLS with a valid certificate to its MX hosts`,
  'mtasts.verdict.fail': (p: { domain: string }) => `MTA-STS fail for ${p.domain}: the setup has errors that senders will act on`,
  'mtasts.verdict.none': (p: { domain: string }) => `MTA-STS none for ${p.domain}: no MTA-STS record, so senders may deliver without TLS or to a forged MX`,
  'mtasts.verdict.temperror': (p: { domain: string }) => `MTA-STS temperror for ${p.domain}: a DNS or network failure stopped the check; try again later`,
  // Sections of the report.
  'mtasts.section.record': (p: Named) => `MTA-STS record ${p.name}:`,
  'mtasts.section.policy': (p: { url: string }) => `Policy ${p.url}:`,
  'mtasts.section.policy-file': (p: { url: string; source: string }) => `Policy for ${p.url}, read from ${p.source}:`,
  'mtasts.section.mx': 'MX hosts and the policy:',
  'mtasts.section.tlsrpt': (p: Named) => `TLS-RPT record ${p.name}:`,
  'mtasts.section.problems': 'Problems and how to fix them:',
  'mtasts.section.no-problems': 'No problems found.',
  'mtasts.section.trace': 'Steps:',
  // Record states.
  'mtasts.record.none': 'none published',
  'mtasts.record.multiple': (p: { count: number }) => `${p.count} records begin with v=STSv1 (there must be exactly one)`,
  'mtasts.record.temperror': (p: { dns: string }) => `the DNS query failed (${p.dns})`,
  'mtasts.record.id': (p: { id: string }) => `policy id ${p.id}: change it whenever the policy file changes`,
  // Record problems (mtasts.record.<code>).
  'mtasts.record.field-syntax': (p: Coded) => (p.detail === ';' ? `an empty field (";;") at column ${p.position}` : `"${p.detail}" is not a name=value field (column ${p.position})`),
  'mtasts.record.duplicate-field': (p: Coded) => `${p.detail}= appears more than once (column ${p.position}); senders ignore the record`,
  'mtasts.record.missing-id': 'there is no id= field; senders ignore the record (RFC 8461 §3.1)',
  'mtasts.record.bad-id': (p: Coded) => `id=${p.detail} is not 1 to 32 letters and digits; senders ignore the record (RFC 8461 §3.1)`,
  'mtasts.record.bad-extension': (p: Coded) => `"${p.detail}" is not a valid extension field (column ${p.position}); the record is invalid`,
  'mtasts.record.too-long': (p: Coded) => `the record is longer than ${p.detail} characters`,
  // Policy states and lines.
  'mtasts.policy.not-fetched.no-record': 'not fetched: without an MTA-STS record senders never look for it',
  'mtasts.policy.not-fetched.dns-temperror': 'not fetched: the MTA-STS record could not be looked up',
  'mtasts.policy.not-fetched.no-fetcher': 'not fetched (no fetcher was given)',
  'mtasts.policy.mode.enforce': 'mode enforce: senders refuse to deliver if TLS to a listed MX host fails',
  'mtasts.policy.mode.testing': 'mode testing: senders deliver anyway but report TLS failures (TLS-RPT)',
  'mtasts.policy.mode.none': 'mode none: the policy is withdrawn; senders stop applying it',
  'mtasts.policy.max-age': (p: { seconds: number; days: string }) => `max_age ${p.seconds} seconds (${p.days} days): how long senders cache the policy`,
  'mtasts.policy.expires': (p: { when: string }) => `a sender fetching now may keep it until ${p.when}`,
  'mtasts.policy.mx': (p: { patterns: string }) => `mx patterns: ${p.patterns}`,
  'mtasts.policy.unusable': 'senders cannot use this policy (see the problems below)',
  // Policy problems (mtasts.policy.<code>).
  'mtasts.policy.line-syntax': (p: Coded) => `line ${p.line}: "${p.detail}" is not a "key: value" line`,
  'mtasts.policy.missing-version': 'there is no "version: STSv1" line',
  'mtasts.policy.bad-version': (p: Coded) => `line ${p.line}: version must be STSv1, not "${p.detail}"`,
  'mtasts.policy.missing-mode': 'there is no "mode:" line (enforce, testing or none)',
  'mtasts.policy.bad-mode': (p: Coded) => `line ${p.line}: mode must be enforce, testing or none, not "${p.detail}"`,
  'mtasts.policy.missing-max-age': 'there is no "max_age:" line',
  'mtasts.policy.bad-max-age': (p: Coded) => `line ${p.line}: max_age must be a whole number of seconds, not "${p.detail}"`,
  'mtasts.policy.max-age-too-large': (p: Coded) => `line ${p.line}: max_age ${p.detail} is above the limit of 31557600 seconds (one year)`,
  'mtasts.policy.max-age-short': (p: Coded) => `line ${p.line}: max_age ${p.detail} is under a day; RFC 8461 recommends weeks, so that an attacker cannot wait for the policy to expire`,
  'mtasts.policy.missing-mx': (p: Coded) => `mode ${p.detail} needs at least one "mx:" line naming the MX hosts`,
  'mtasts.policy.bad-mx': (p: Coded) => `line ${p.line}: "${p.detail}" is not a host name or "*." and a domain`,
  'mtasts.policy.duplicate-field': (p: Coded) => `line ${p.line}: ${p.detail} appears again; only the first is used`,
  'mtasts.policy.unknown-field': (p: Coded) => `line ${p.line}: ${p.detail} is not an MTA-STS field and is ignored`,
  'mtasts.policy.too-many-lines': (p: Coded) => `the file has more than ${p.detail} lines; the rest is not read`,
  'mtasts.policy.not-text': 'the body is not plain text (invalid UTF-8 or control characters)',
  // MX coverage.
  'mtasts.mx.covered': (p: { pattern: string }) => `covered by mx: ${p.pattern}`,
  'mtasts.mx.not-covered': 'NOT covered by any mx: pattern',
  'mtasts.mx.implicit': (p: { domain: string }) => `no MX records: mail goes to ${p.domain} itself (implicit MX, RFC 5321 §5.1)`,
  'mtasts.mx.null': 'null MX ("0 ."): the domain accepts no mail',
  'mtasts.mx.no-mail': 'the domain does not exist (NXDOMAIN)',
  'mtasts.mx.temperror': (p: { dns: string }) => `the MX query failed (${p.dns})`,
  'mtasts.mx.not-checked': 'not compared: there is no policy to compare with',
  'mtasts.mx.unused': (p: { pattern: string }) => `mx: ${p.pattern} matches none of the MX hosts`,
  // TLS-RPT.
  'mtasts.tlsrpt.none': 'none published: nobody tells you when senders fail to reach you over TLS',
  'mtasts.tlsrpt.multiple': (p: { count: number }) => `${p.count} records begin with v=TLSRPTv1 (there must be exactly one)`,
  'mtasts.tlsrpt.temperror': (p: { dns: string }) => `the DNS query failed (${p.dns})`,
  'mtasts.tlsrpt.rua': (p: { uris: string }) => `daily TLS reports go to ${p.uris}`,
  'mtasts.tlsrpt.field-syntax': (p: Coded) => (p.detail === ';' ? `an empty field (";;") at column ${p.position}` : `"${p.detail}" is not a name=value field (column ${p.position})`),
  'mtasts.tlsrpt.duplicate-field': (p: Coded) => `${p.detail}= appears more than once (column ${p.position}); reporters ignore the record`,
  'mtasts.tlsrpt.missing-rua': 'there is no rua= field: reporters have nowhere to send reports',
  'mtasts.tlsrpt.empty-rua': 'rua= is empty',
  'mtasts.tlsrpt.bad-uri': (p: Coded) => `"${p.detail}" in rua= is not a valid mailto: or https: URI (commas and semicolons inside must be %-encoded)`,
  'mtasts.tlsrpt.bad-scheme': (p: Coded) => `${p.detail} in rua= has a scheme reporters do not use: only mailto: and https: (RFC 8460 §3)`,
  'mtasts.tlsrpt.too-many-uris': (p: Coded) => `rua= lists more than ${p.detail} URIs; the rest are not read`,
  'mtasts.tlsrpt.bad-extension': (p: Coded) => `"${p.detail}" is not a valid extension field (column ${p.position}); the record is invalid`,
  'mtasts.tlsrpt.too-long': (p: Coded) => `the record is longer than ${p.detail} characters`,
  // Findings (mtasts.finding.<id>); record-, policy- and tlsrpt-problem use the messages above.
  'mtasts.finding.no-record': (p: Named) => `there is no MTA-STS record at ${p.name}: senders cannot know that your MX hosts require TLS`,
  'mtasts.finding.multiple-records': (p: Named & { count: number }) => `${p.name} has ${p.count} MTA-STS records; senders treat that as no policy (RFC 8461 §3.1)`,
  'mtasts.finding.record-dns': (p: Named & { dns: string }) => `the TXT query for ${p.name} failed (${p.dns})`,
  'mtasts.finding.policy-dns': (p: { host: string; dns: string }) =>
    p.dns === 'nxdomain' || p.dns === 'nodata' ? `${p.host} has no address (${p.dns}): the policy cannot be fetched` : `the address query for ${p.host} failed (${p.dns})`,
  'mtasts.finding.policy-timeout': (p: { url: string; phase: string; ms: number }) =>
    p.phase === 'connect' ? `connecting to ${p.url} took longer than ${p.ms} ms` : `fetching ${p.url} took longer than ${p.ms} ms`,
  'mtasts.finding.policy-refused': (p: { url: string; address: string }) => `${p.address} refused the HTTPS connection for ${p.url}`,
  'mtasts.finding.policy-tls': (p: { url: string; code: string; message: string }) =>
    `the HTTPS certificate for ${p.url} is not valid (${p.code}: ${p.message}); senders must not use the policy (RFC 8461 §3.3)`,
  'mtasts.finding.policy-too-big': (p: { url: string; limit: number }) => `${p.url} is larger than ${p.limit} bytes`,
  'mtasts.finding.policy-network': (p: { url: string; code: string; message: string }) => `fetching ${p.url} failed (${p.code}: ${p.message})`,
  'mtasts.finding.policy-redirect': (p: { url: string; httpStatus: number; location: string }) =>
    `${p.url} answered with a redirect (HTTP ${p.httpStatus}${p.location ? ` to ${p.location}` : ''}); senders must not follow redirects (RFC 8461 §3.3)`,
  'mtasts.finding.policy-http-status': (p: { url: string; httpStatus: number }) => `${p.url} answered HTTP ${p.httpStatus}, not 200`,
  'mtasts.finding.policy-content-type': (p: { url: string; contentType: string }) => `${p.url} is served as "${p.contentType}", not text/plain (RFC 8461 §3.2)`,
  'mtasts.finding.mode-testing': 'the policy is in testing mode: senders report TLS problems but still deliver; switch to enforce once reports are clean',
  'mtasts.finding.mode-none': 'the policy mode is none: MTA-STS is switched off for this domain',
  'mtasts.finding.mx-not-covered': (p: { exchange: string; mode: string }) =>
    p.mode === 'enforce'
      ? `MX host ${p.exchange} is not listed in the policy: in enforce mode senders will not deliver to it`
      : `MX host ${p.exchange} is not listed in the policy: in testing mode senders report it as a failure`,
  'mtasts.finding.mx-pattern-unused': (p: { pattern: string }) => `mx: ${p.pattern} matches no current MX host (left over from an old setup?)`,
  'mtasts.finding.mx-dns': (p: { domain: string; dns: string }) => `the MX query for ${p.domain} failed (${p.dns})`,
  'mtasts.finding.null-mx': (p: { domain: string }) => `${p.domain} publishes a null MX: it receives no mail, so MTA-STS is not needed`,
  'mtasts.finding.no-tlsrpt': (p: Named) => `there is no TLS-RPT record at ${p.name}: you will not hear about TLS failures`,
  'mtasts.finding.multiple-tlsrpt': (p: Named & { count: number }) => `${p.name} has ${p.count} TLS-RPT records; reporters send no reports (RFC 8460 §3)`,
  'mtasts.finding.tlsrpt-dns': (p: Named & { dns: string }) => `the TXT query for ${p.name} failed (${p.dns})`,
  'mtasts.severity.error': 'error',
  'mtasts.severity.warning': 'warning',
  'mtasts.severity.info': 'info',
  // Fixes.
  'mtasts.fix.publish-txt': 'fix: publish this TXT record (replacing any other that begins the same way):',
  'mtasts.fix.delete-txt': 'fix: delete this TXT record:',
  'mtasts.fix.policy-file': (p: { url: string }) => `fix: serve this file at ${p.url} (HTTP 200, Content-Type: text/plain, no redirect):`,
  'mtasts.fix.https-server': (p: { host: string }) =>
    `fix: give ${p.host} an A or AAAA record and an HTTPS server on port 443 whose certificate (from a public CA) is valid for ${p.host}`,
  // Trace.
  'mtasts.trace.lookup': (p: { type: string; name: string; answer: string }) => `${p.type} ${p.name}: ${p.answer}`,
  'mtasts.trace.fetch': (p: { url: string; result: string }) => `GET ${p.url}: ${p.result}`,
  'mtasts.trace.file': (p: { source: string }) => `policy read from ${p.source}`,
  'mtasts.trace.match': (p: { exchange: string; pattern: string }) => `${p.exchange} matches mx: ${p.pattern}`,
  'mtasts.trace.no-match': (p: { exchange: string }) => `${p.exchange} matches no mx: pattern`,
  // CLI.
  'mtasts.cli.missing-domain': 'give the domain to check, e.g. inkan mta-sts example.com',
  'mtasts.cli.bad-domain': (p: { domain: string }) => `"${p.domain}" is not a domain name`,
  'mtasts.cli.policy-and-https': '--policy reads the policy from a file; --ca and --port are for HTTPS: use one or the other',
  'mtasts.cli.file': (p: { file: string; reason: string }) => `cannot read ${p.file}: ${p.reason}`,
  'mtasts.cli.help': `inkan mta-sts — can senders require TLS to this domain's mail servers? (RFC 8461, RFC 8460)

Usage:
  inkan mta-sts DOMAIN [options]

Checks MTA-STS and TLS-RPT for DOMAIN:
  - the _mta-sts.DOMAIN TXT record (v=STSv1; id=...)
  - the policy file at https://mta-sts.DOMAIN/.well-known/mta-sts.txt, fetched as a
    sender would: certificate checked for the host name, no redirects, text/plain,
    at most 64 KiB; its version, mode, mx patterns and max_age
  - which of DOMAIN's MX hosts the policy's mx patterns cover
  - the _smtp._tls.DOMAIN TLS-RPT record (v=TLSRPTv1; rua=mailto:...,https://...)
Each problem comes with its fix: the exact TXT record or policy file to publish.

Options:
  --policy FILE       read the policy from FILE instead of over HTTPS (offline checks)
  --ca PEMFILE        trust only the CA certificates in PEMFILE for HTTPS (a private or test CA)
  --port PORT         fetch the policy from this HTTPS port instead of 443 (a test server)
  --explain           also print every DNS query, the fetch and each MX match
  --zone FILE         answer DNS from a zone file (repeatable)
  --dns HOST[:PORT]   ask this DNS server (repeatable)
  --timeout MS        DNS timeout per query, and the HTTPS fetch's total time limit
  --json              machine-readable output
  --lang en|ja        language of the output

Examples:
  inkan mta-sts example.com
  inkan mta-sts example.com --explain
  inkan mta-sts example.com --zone example.zone --policy mta-sts.txt

Exit codes:
  0  MTA-STS is in place and has no errors
  1  problems: no MTA-STS record, or errors (each with its fix)
  2  usage error
  3  could not check: a DNS failure or the HTTPS fetch timed out`,
};
