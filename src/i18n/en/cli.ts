/** English messages of the command line. */
export const cli = {
  'cli.help.main': (p: { version: string }) => `inkan ${p.version} — email sender authentication: SPF, DKIM, DMARC, ARC, BIMI

Usage: inkan <command> [options]

Commands:
  verify       check a received message as a mail server does: SPF, DKIM, DMARC,
               and the Authentication-Results header field to add
  spf          check whether an IP address may send mail for a domain (RFC 7208)
  spf lint     audit a domain's SPF record: syntax, include tree, DNS lookup count
  dmarc        find a domain's DMARC policy (RFC 9989 tree walk) and explain it
  sign         add DKIM signatures to a message (RFC 6376, RFC 8463)
  dkim keygen  make a DKIM key pair and the DNS record that publishes it
  arc seal     add an ARC set to a message you forward (RFC 8617)
  bimi         check a domain's BIMI record, logo (SVG Tiny PS) and mark certificate
  mta-sts      check a domain's MTA-STS policy and TLS-RPT record
  check        audit a domain's mail setup: MX, SPF, DKIM, DMARC, PTR, and the fixes
  analyze      read a message's source: is it really from who it claims, and why not
  reports      import, store and analyse DMARC aggregate/failure and TLS reports

Every command takes:
  --json         machine-readable output (the same in every language)
  --lang ja|en   language of the text (default: from LANG)
  --help         what the command does, its options and examples

Commands that look up DNS also take:
  --zone FILE        answer from an RFC 1035 zone file instead of DNS (repeatable)
  --dns HOST[:PORT]  ask this DNS server, e.g. 127.0.0.1:5353 (repeatable)
  --timeout MS       time allowed for one DNS query (default 2000)

Run "inkan help <command>" or "inkan <command> --help" for details.`,
  'cli.help.spf': `inkan spf — may this IP address send mail for this domain? (SPF, RFC 7208)

Usage:
  inkan spf --ip IP --mail-from ADDRESS [--helo NAME] [options]
  inkan spf lint DOMAIN [options]
  inkan spf build --include NAME --ip4 CIDR ... [options]   (see inkan spf build --help)

SPF lets a domain publish, in DNS, which servers send its mail. A receiving
server checks the connecting IP address against the SPF record of the
envelope sender's domain (the SMTP MAIL FROM, also called Return-Path).

Check options:
  --ip IP              the connecting client's address (IPv4 or IPv6)
  --mail-from ADDRESS  the envelope sender; use "" for a bounce (null sender):
                       then the HELO name is checked as postmaster@HELO
  --helo NAME          the name the client gave in HELO/EHLO
  --identity ID        mailfrom (default) or helo: which identity to check
  --receiver NAME      this receiving host's name (for %{r} in explanations)
  --explain            show every step: records read, terms tried, DNS answers,
                       and the lookup counts against the limits (10 and 2 void)
  --received-spf       also print the Received-SPF header field to add

Lint (inkan spf lint DOMAIN):
  Reads the record and every include and redirect below it, counts the DNS
  lookups a receiver will make (the limit is 10), and reports problems, each
  with the way to fix it.

DNS:
  --zone FILE          answer from this zone file (repeatable) instead of DNS
  --dns HOST[:PORT]    ask this DNS server (repeatable), e.g. 127.0.0.1:5353
  --timeout MS         time allowed for one DNS query (default 2000)

Output:
  --json               machine-readable result (the same in every language)
  --lang ja|en         language of the text (default: from LANG)

Exit codes:
  check: 0 pass; 1 fail, softfail, neutral, none or permerror; 2 usage error; 3 temperror
  lint:  0 no errors found; 1 errors found; 2 usage error; 3 DNS failed, the audit is incomplete

Examples:
  inkan spf --ip 192.0.2.10 --mail-from alice@example.com --zone examples/example.zone --explain
  inkan spf --ip 2001:db8::25 --mail-from "" --helo mail.example.com --dns 127.0.0.1:5353
  inkan spf lint example.com --zone examples/example.zone`,
  'cli.error.unknown-command': (p: { command: string }) => `unknown command "${p.command}"`,
  'cli.error.command-first': 'name the command first, e.g. "inkan spf --ip ..."',
  'cli.error.unknown-option': (p: { option: string }) => `unknown option ${p.option}`,
  'cli.error.option-value': (p: { option: string }) => `option ${p.option} needs a value`,
  'cli.error.bad-number': (p: { option: string; value: string }) => `--${p.option} needs a positive whole number, not "${p.value}"`,
  'cli.error.missing-option': (p: { option: string }) => `--${p.option} is required`,
  'cli.error.bad-ip': (p: { value: string }) => `"${p.value}" is not an IPv4 or IPv6 address`,
  'cli.error.bad-identity': (p: { value: string }) => `--identity must be mailfrom or helo, not "${p.value}"`,
  'cli.error.extra-arguments': (p: { args: string }) => `unexpected arguments: ${p.args}`,
  'cli.error.missing-domain': 'name the domain to check, e.g. "inkan spf lint example.com"',
  'cli.error.zone-and-dns': 'use either --zone or --dns, not both',
  'cli.error.zone-file': (p: { file: string; reason: string }) => `cannot use zone file ${p.file}: ${p.reason}`,
  'cli.error.dns-server': (p: { value: string }) => `"${p.value}" is not a DNS server address (HOST or HOST:PORT, [IPv6]:PORT)`,
  'cli.error.missing-file': 'name the message file, or "-" to read standard input',
  'cli.error.unreadable-file': (p: { file: string }) => `cannot read the file ${p.file}`,
  'cli.error.bad-time': (p: { value: string }) => `"${p.value}" is not a time (use ISO 8601, e.g. 2026-11-30T09:00:00+09:00)`,
  'cli.lint.clean': 'No problems found.',
  'cli.lint.fix': 'Fix:',
  'cli.lint.suggested': (p: { domain: string }) => `A record with every safe fix applied, for ${p.domain}:`,
  'cli.lint.summary': (p: { errors: number; warnings: number; infos: number }) =>
    `${p.errors} error${p.errors === 1 ? '' : 's'}, ${p.warnings} warning${p.warnings === 1 ? '' : 's'}, ${p.infos} note${p.infos === 1 ? '' : 's'}.`,
  'cli.error.see-help': (p: { command: string }) => `Run "${p.command}" for usage.`,
};
