/** Parameters of a "could not check" finding. */
type Unchecked = { name: string; type: string; status: string };

const unchecked = (p: Unchecked): string =>
  `could not check: the server did not answer ${p.type} ${p.name} (${p.status === 'timeout' ? 'timeout' : p.status}). This is not "record not found"; try again later or ask another resolver`;

const AREA: Record<string, string> = {
  mx: 'MX (receiving mail)', spf: 'SPF', dkim: 'DKIM', dmarc: 'DMARC', bimi: 'BIMI', 'mta-sts': 'MTA-STS', 'tls-rpt': 'TLS-RPT',
  ptr: 'Reverse DNS (PTR)', dnssec: 'DNSSEC', message: 'Sample message', readiness: 'Mailbox provider readiness',
};

const ITEM: Record<string, string> = {
  'spf-or-dkim': 'SPF or DKIM', 'spf-and-dkim': 'SPF and DKIM', 'dkim-1024': 'DKIM key ≥ 1024 bits', 'dmarc-policy': 'DMARC (p=none or stronger)',
  'from-aligned': 'From aligned (DMARC pass)', 'ptr-fcrdns': 'PTR with FCrDNS', tls: 'TLS', rfc5322: 'RFC 5322 From / Message-ID',
  'one-click-unsubscribe': 'One-click unsubscribe (RFC 8058)',
};

const PROVIDER: Record<string, string> = { gmail: 'Gmail', yahoo: 'Yahoo', outlook: 'Outlook.com' };

/** English messages of audit (`inkan check`) and the record builders. */
export const audit = {
  // Rendering.
  'audit.render.summary': (p: { domain: string; errors: number; warnings: number; infos: number; oks: number; unchecked: number }) =>
    `${p.domain}: ${p.errors} error${p.errors === 1 ? '' : 's'}, ${p.warnings} warning${p.warnings === 1 ? '' : 's'}, ${p.unchecked} not checked, ${p.oks} ok, ${p.infos} info`,
  'audit.render.area': (p: { area: string }) => AREA[p.area] ?? p.area,
  'audit.render.severity': (p: { severity: string }) => p.severity,
  'audit.render.unchecked': 'not checked',
  'audit.render.status': (p: { status: string }) =>
    p.status === 'nxdomain' ? 'NXDOMAIN (no such name)' : p.status === 'nodata' ? 'no records of this type' : p.status === 'timeout' ? 'no answer (timeout)' : `server error ${p.status}`,
  'audit.render.fix-hint': 'fix:',
  'audit.render.fixes': (p: { domain: string }) => `Fixes for ${p.domain} (zone-file lines)`,
  'audit.render.fixes-remove': 'Remove these records:',
  'audit.render.fixes-add': 'Publish these records:',
  'audit.render.fixes-file': (p: { url: string }) => `Serve this file at ${p.url} (HTTP 200, Content-Type: text/plain), then change the id= of the _mta-sts record:`,
  'audit.render.item': (p: { id: string }) => ITEM[p.id] ?? p.id,
  'audit.render.provider': (p: { provider: string }) => PROVIDER[p.provider] ?? p.provider,
  'audit.render.tier': (p: { tier: string }): string => (p.tier === 'all' ? 'all' : 'bulk'),
  'audit.render.legend': '✓ met  ✗ not met  ? needs a sample message (--message) or --sending-ip  … could not check  · not required',
  'audit.readiness': (p: { provider: string; tier: string; verdict: string; failed: string; pending: string; count: number }) => {
    const who = `${PROVIDER[p.provider] ?? p.provider}, ${p.tier === 'all' ? 'all senders' : 'bulk senders (5,000+/day)'}`;
    if (p.count === 0) return `${who}: no published requirements`;
    const items = (list: string): string => list.split(', ').map((i) => ITEM[i] ?? i).join(', ');
    if (p.verdict === 'ready') return `${who}: every requirement is met`;
    if (p.verdict === 'not-ready') return `${who}: not met: ${items(p.failed)}${p.pending ? `; still to check: ${items(p.pending)}` : ''}`;
    return `${who}: nothing fails from DNS; still to check: ${items(p.pending)}`;
  },
  'audit.readiness.fix': 'fix the findings above; give a message the domain sent with --message to check the rest',

  'audit.internal-error': (p: { area: string; error: string }) => `could not check ${AREA[p.area] ?? p.area}: the check failed inside inkan (${p.error}); please report this`,

  // Domain and MX.
  'audit.domain.invalid': (p: { domain: string }) => `"${p.domain}" is not a valid domain name`,
  'audit.mx.ok': (p: { domain: string; count: number; hosts: string }) => `${p.domain} receives mail at ${p.hosts}`,
  'audit.mx.none': (p: { domain: string }) => `${p.domain} has no MX record: bounces and replies go to its A record, and some receivers distrust senders that cannot receive`,
  'audit.mx.none.fix': 'publish MX records for the servers that receive your mail, or a null MX ("MX 0 .") if the domain never receives mail',
  'audit.mx.domain-missing': (p: { domain: string }) => `${p.domain} does not exist in DNS (NXDOMAIN)`,
  'audit.mx.domain-missing.fix': 'check the spelling, and that the domain is registered and delegated to your DNS servers',
  'audit.mx.null': (p: { domain: string }) => `${p.domain} publishes a null MX (RFC 7505): it accepts no mail, so receivers may refuse mail from it (bounces cannot return)`,
  'audit.mx.null-mixed': (p: { domain: string }) => `${p.domain} mixes a null MX with other MX records; RFC 7505 §3 forbids that`,
  'audit.mx.null-mixed.fix': 'remove the null MX record',
  'audit.mx.ip-address': (p: { domain: string; exchange: string; ip: string; host: string }) =>
    `the MX record of ${p.domain} holds the IP address ${p.ip} instead of a host name; an MX must name a host (RFC 5321 §5.1), so mail to the domain (and bounces) cannot be delivered`,
  'audit.mx.ip-address.fix': (p: { host: string; ip: string }) => `give the server a name (${p.host} with an A record for ${p.ip}) and point the MX at that name`,
  'audit.mx.cname': (p: { exchange: string; target: string }) => `MX host ${p.exchange} is an alias (CNAME to ${p.target}); RFC 5321 §5.1 requires the real host name`,
  'audit.mx.cname.fix': (p: { target: string }) => `point the MX at ${p.target}`,
  'audit.mx.no-address': (p: { exchange: string }) => `MX host ${p.exchange} has no A or AAAA record: mail to the domain cannot be delivered`,
  'audit.mx.no-address.fix': (p: { exchange: string }) => `publish the A (and AAAA) record of ${p.exchange}, or point the MX at a host that has one`,
  'audit.mx.private-address': (p: { exchange: string; address: string }) => `MX host ${p.exchange} resolves to ${p.address}, a private or loopback address that the Internet cannot reach`,
  'audit.mx.private-address.fix': 'publish the public address of the mail server',
  'audit.mx.same-preference': (p: { preference: number; hosts: string }) => `MX hosts ${p.hosts} share preference ${p.preference}: senders pick among them at random (fine for load sharing)`,
  'audit.mx.unchecked': unchecked,

  // SPF.
  'audit.spf.record': (p: { domain: string; record: string; lookups: number; limit: number; voidLookups: number; voidLimit: number; branches: string }) =>
    `SPF record of ${p.domain}: ${p.lookups}/${p.limit} DNS lookups, ${p.voidLookups}/${p.voidLimit} void lookups${p.branches ? ` (${p.branches})` : ''}: ${p.record}`,
  'audit.spf.mail-from.no-mx': (p: { mailFrom: string }) => `the envelope domain ${p.mailFrom} has no MX record: bounces cannot return to it (Amazon SES's custom MAIL FROM needs one)`,
  'audit.spf.mail-from.aligned': (p: { mailFrom: string; domain: string }) => `the envelope domain ${p.mailFrom} is within ${p.domain}: SPF aligns with From (relaxed)`,
  'audit.spf.mail-from.not-aligned': (p: { mailFrom: string; domain: string }) => `the envelope domain ${p.mailFrom} is outside ${p.domain}: SPF cannot align with From, so DMARC depends on DKIM alone`,
  'audit.spf.mail-from.not-aligned.fix': 'use a custom MAIL FROM (return-path) subdomain of your domain at your sending service',
  'audit.spf.services': (p: { services: string }) => `sending services allowed by SPF: ${p.services}`,

  // DKIM.
  'audit.dkim.key.ok': (p: { selector: string; keyType: string; bits: number }) => `DKIM key at selector "${p.selector}": ${p.keyType} ${p.bits} bits`,
  'audit.dkim.key.short': (p: { selector: string; bits: number }) => `the DKIM key at selector "${p.selector}" is only ${p.bits} bits; RFC 8301 asks for at least 2048`,
  'audit.dkim.key.short.fix': (p: { replacement: string }) => `make a 2048-bit key with "inkan dkim keygen --selector ${p.replacement}", publish it, switch signing to it, then remove the old one`,
  'audit.dkim.key.weak': (p: { selector: string; bits: number }) => `the DKIM key at selector "${p.selector}" is ${p.bits} bits: under 1024 bits receivers treat signatures as failing (RFC 8301)`,
  'audit.dkim.key.weak.fix': (p: { replacement: string }) => `make a 2048-bit key with "inkan dkim keygen --selector ${p.replacement}", publish it and sign with it; then remove the weak key`,
  'audit.dkim.key.testing': (p: { selector: string }) => `the DKIM key at selector "${p.selector}" has t=y (testing): receivers may treat signed mail like unsigned mail`,
  'audit.dkim.key.testing.fix': 'remove t=y from the key record once signing works',
  'audit.dkim.key.revoked': (p: { selector: string }) => `the DKIM key at selector "${p.selector}" is revoked (empty p=): mail signed with it fails DKIM`,
  'audit.dkim.key.revoked.fix': 'sign with a selector whose key is published, or publish a new key',
  'audit.dkim.key.invalid': (p: { selector: string; code: string }) => `the DKIM key record at selector "${p.selector}" is unusable (${p.code})`,
  'audit.dkim.key.invalid.fix': 'publish the record exactly as your signer or provider gives it (v=DKIM1; k=rsa; p=...)',
  'audit.dkim.key.sha1-only': (p: { selector: string }) => `the DKIM key at selector "${p.selector}" allows only SHA-1 (h=sha1), which RFC 8301 forbids`,
  'audit.dkim.key.missing': (p: { selector: string; name: string }) => `no DKIM key at selector "${p.selector}" (${p.name})`,
  'audit.dkim.key.missing.fix': 'publish the key your signer uses at this name, or check the selector in your DKIM-Signature s= tag',
  'audit.dkim.cname-dangling': (p: { selector: string; target: string }) => `selector "${p.selector}" is a CNAME to ${p.target}, which has no key: the provider account may be gone`,
  'audit.dkim.cname-dangling.fix': 'renew the DKIM setup at the provider, or remove the CNAME if you no longer use it',
  'audit.dkim.service': (p: { selector: string; service: string; target: string }) => `selector "${p.selector}" is managed by ${p.service} (CNAME to ${p.target})`,
  'audit.dkim.none': (p: { domain: string; probed: number }) => `no DKIM key found for ${p.domain} (${p.probed} selectors checked): without DKIM, forwarded mail fails and Gmail/Yahoo bulk rules are not met`,
  'audit.dkim.none.fix': 'turn on DKIM signing at your mail service (or make a key with "inkan dkim keygen") and publish its key; if you already sign, give your selector with --selector',
  'audit.dkim.unchecked': unchecked,

  // DMARC.
  'audit.dmarc.ok': (p: { name: string; policy: string }) => `DMARC policy p=${p.policy} at ${p.name}`,
  'audit.dmarc.none': (p: { domain: string; name: string }) => `no DMARC record applies to ${p.domain}: Gmail and Yahoo require one for bulk senders, and the domain can be spoofed freely`,
  'audit.dmarc.none.fix': (p: { name: string }) => `publish a DMARC record at ${p.name}, starting with p=none and a report address`,
  'audit.dmarc.invalid-domain': (p: { domain: string }) => `"${p.domain}" is not a valid domain name`,
  'audit.dmarc.spf-at-dmarc': (p: { name: string }) => `${p.name} holds an SPF record; SPF belongs at the domain itself, and it does nothing here`,
  'audit.dmarc.spf-at-dmarc.fix': 'remove it (publish SPF at the domain name)',
  'audit.dmarc.not-record': (p: { name: string; code: string; column: number; record: string }) =>
    `the TXT record at ${p.name} looks like DMARC but is not one (${p.code} at column ${p.column}): "${p.record}"`,
  'audit.dmarc.not-record.fix': 'the record must start exactly with "v=DMARC1;" (upper case DMARC1)',
  'audit.dmarc.multiple': (p: { name: string; count: number }) => `${p.name} has ${p.count} DMARC records; receivers then ignore all of them (RFC 9989 §4.10)`,
  'audit.dmarc.multiple.fix': 'keep exactly one record',
  'audit.dmarc.wrong-name': (p: { found: string; expected: string }) => `a DMARC record is published at ${p.found}, where no receiver looks; it belongs at ${p.expected}`,
  'audit.dmarc.wrong-name.fix': (p: { expected: string }) => `move it to ${p.expected} (in a zone file, "_dmarc" without the domain, or the full name with a final dot)`,
  'audit.dmarc.inherited': (p: { domain: string; policyDomain: string; tag: string }) => `${p.domain} has no record of its own; the record of ${p.policyDomain} applies (its ${p.tag}= tag)`,
  'audit.dmarc.unusable': (p: { name: string; tags: string }) => `the DMARC record at ${p.name} has an invalid ${p.tags} and no usable rua=: receivers apply no DMARC at all`,
  'audit.dmarc.unusable.fix': 'use p=none, p=quarantine or p=reject',
  'audit.dmarc.p-none': (p: { domain: string; name: string; tag: string }) =>
    `the DMARC policy for ${p.domain} is none (${p.tag}=none at ${p.name}): it monitors but does not protect the domain from spoofing`,
  'audit.dmarc.p-none.fix': 'once the reports show all your legitimate mail passing, move to p=quarantine, then p=reject',
  'audit.dmarc.sp-weaker': (p: { p: string; sp: string }) => `sp=${p.sp} is weaker than p=${p.p}: subdomains can be spoofed`,
  'audit.dmarc.sp-weaker.fix': 'remove sp= (subdomains then get p=) unless a subdomain really needs a weaker policy',
  'audit.dmarc.np-weaker': (p: { sp: string; np: string }) => `np=${p.np} is weaker than the subdomain policy ${p.sp}: names that do not exist can be spoofed`,
  'audit.dmarc.np-weaker.fix': 'remove np= or set np=reject',
  'audit.dmarc.testing': (p: { name: string }) => `the DMARC record at ${p.name} has t=y: receivers apply one step less than the policy asks`,
  'audit.dmarc.testing.fix': 'remove t=y when you are ready to enforce',
  'audit.dmarc.no-rua': (p: { name: string }) => `the DMARC record at ${p.name} has no rua=: you receive no aggregate reports and cannot see who sends as you`,
  'audit.dmarc.no-rua.fix': (p: { address: string }) => `add rua=mailto:${p.address} (an address that can take many reports; "inkan reports" reads them)`,
  'audit.dmarc.rua.authorized': (p: { destination: string }) => `external report destination ${p.destination} accepts the reports (authorization record found)`,
  'audit.dmarc.rua.unauthorized': (p: { destination: string; name: string }) =>
    `reports are sent to ${p.destination}, outside your domain, but ${p.name} does not authorize it: receivers will not send them (RFC 9990 §3)`,
  'audit.dmarc.rua.unauthorized.fix': (p: { destination: string }) => `the operator of ${p.destination} must publish the record below (report services do this when you register the domain with them)`,
  'audit.dmarc.unchecked': unchecked,

  // Reverse DNS.
  'audit.ptr.ok': (p: { ip: string; ptr: string; source: string; host: string }) =>
    `${p.ip} (${p.source === 'mx' ? `MX host ${p.host}` : 'sending IP'}) has reverse DNS ${p.ptr}, which resolves back to it (FCrDNS)`,
  'audit.ptr.missing': (p: { ip: string; source: string; host: string; name: string }) =>
    `${p.ip} (${p.source === 'mx' ? `MX host ${p.host}` : 'sending IP'}) has no PTR record at ${p.name}: Gmail and Yahoo refuse or junk mail from IPs without reverse DNS`,
  'audit.ptr.missing.fix': 'ask whoever runs the IP address (your hosting or ISP) to set its PTR to the mail server\'s name, which must resolve back to the IP',
  'audit.ptr.fcrdns-mismatch': (p: { ip: string; ptr: string }) => `${p.ip} has PTR ${p.ptr}, but that name does not resolve back to ${p.ip} (no forward-confirmed reverse DNS)`,
  'audit.ptr.fcrdns-mismatch.fix': 'publish an A/AAAA record for the PTR name pointing to the IP, or change the PTR to a name that does',
  'audit.ptr.generic': (p: { ip: string; ptr: string }) => `the reverse DNS of ${p.ip} is ${p.ptr}, a generic name that looks like a consumer connection; receivers score it as spam`,
  'audit.ptr.generic.fix': 'ask the IP owner for a PTR that names your mail server',
  'audit.ptr.bad-ip': (p: { ip: string }) => `"${p.ip}" is not an IP address`,
  'audit.ptr.unchecked': unchecked,

  // DNSSEC.
  'audit.dnssec.validated': (p: { domain: string; answers: number }) => `all ${p.answers} answers for ${p.domain} were validated with DNSSEC by the resolver (AD bit)`,
  'audit.dnssec.not-validated': (p: { domain: string; answers: number; validated: number }) =>
    `${p.validated} of ${p.answers} answers for ${p.domain} were DNSSEC-validated (AD bit): the zone is unsigned, or the resolver does not validate`,

  // BIMI, MTA-STS, TLS-RPT.
  'audit.bimi.ok': (p: { name: string; logo: string }) => `BIMI record at ${p.name}, logo ${p.logo}`,
  'audit.bimi.none': (p: { name: string }) => `no BIMI record at ${p.name} (optional: shows your logo in some mailboxes)`,
  'audit.bimi.declined': (p: { name: string }) => `the BIMI record at ${p.name} declines to show a logo (empty l= and a=)`,
  'audit.bimi.unchecked': unchecked,
  'audit.mta-sts.ok': (p: { mode: string; patterns: string }) => `MTA-STS is in place: the policy (mode ${p.mode}) covers every MX host (${p.patterns})`,
  'audit.tls-rpt.ok': (p: { rua: string }) => `TLS-RPT reports go to ${p.rua}`,

  // Sample message.
  'audit.message.unreadable': (p: { limit: string }) => `the message cannot be read (limit ${p.limit} exceeded)`,
  'audit.message.from-invalid': (p: { reason: string; fields: number }) => `the message does not have exactly one From with one domain (${p.reason}); RFC 5322 requires it and Gmail rejects such mail`,
  'audit.message.other-domain': (p: { domain: string; fromDomain: string }) => `the message is from ${p.fromDomain}, not ${p.domain}`,
  'audit.message.message-id': (p: { count: number }) => `the message has ${p.count === 0 ? 'no' : p.count > 1 ? 'several' : 'an invalid'} Message-ID field; RFC 5322 wants exactly one valid one`,
  'audit.message.unchecked': 'could not check DMARC alignment of the message: DNS did not answer',
  'audit.message.aligned': (p: { fromDomain: string; by: string }) => `the message passes DMARC for ${p.fromDomain}: aligned by ${p.by}`,
  'audit.message.not-aligned': (p: { fromDomain: string; seen: string; spfKnown: boolean }) =>
    `the message does not pass DMARC for ${p.fromDomain}: no passing SPF or DKIM domain is aligned with it (${p.seen})${p.spfKnown ? '' : '; SPF was not judged because the sending IP is unknown (--sending-ip)'}`,
  'audit.message.not-aligned.fix': 'sign with DKIM as the From domain (d= the same organizational domain), or send with a MAIL FROM in that domain that passes SPF',
  'audit.message.one-click': 'the message offers one-click unsubscribe (RFC 8058)',
  'audit.message.one-click-post-missing': 'the message has an HTTPS List-Unsubscribe but no "List-Unsubscribe-Post: List-Unsubscribe=One-Click" (RFC 8058)',
  'audit.message.one-click-post-missing.fix': 'add the List-Unsubscribe-Post header field and sign both fields with DKIM',
  'audit.message.no-unsubscribe': 'the message has no HTTPS List-Unsubscribe: bulk and marketing mail must offer one-click unsubscribe (RFC 8058)',
  'audit.message.tls': (p: { ip: string }) => `the message reached the receiver over TLS (from ${p.ip})`,
  'audit.message.no-tls': (p: { ip: string }) => `the message was sent without TLS (from ${p.ip}); Gmail requires TLS`,

  // The CLI.
  'audit.cli.store-failed': (p: { location: string; reason: string }) => `cannot open the report store ${p.location}: ${p.reason}`,
  'audit.cli.help': `inkan check — audit a domain's mail setup and print the exact fixes

Usage:
  inkan check DOMAIN... [options]
  inkan check --file domains.txt [options]

For each domain inkan checks, with every independent DNS query in parallel:
  MX        present, host names (never an IP address), A/AAAA, null MX (RFC 7505), CNAMEs
  SPF       everything "inkan spf lint" does: syntax, the include tree with per-branch and
            total lookup counts (limit 10), void lookups (limit 2), and the sending services
  DKIM      the --selector keys, plus selectors common providers use (google, selector1/2,
            k1, s1/s2, default, ...): key type, RSA size (< 1024 error, < 2048 warning),
            t=y, revoked keys, CNAMEs to providers
  DMARC     RFC 9989 tree walk, syntax with positions, several records, records at the
            wrong name, p=none, sp/np, removed tags, and external rua authorization
  BIMI, MTA-STS (policy fetched over HTTPS, MX coverage), TLS-RPT
  PTR       reverse DNS and FCrDNS of each MX address and each --sending-ip
  DNSSEC    whether the resolver validated the answers (AD bit)
  Readiness Gmail, Yahoo and Outlook.com requirements, all senders and bulk senders;
            items DNS cannot answer are read from --message
A DNS timeout or SERVFAIL is reported as "could not check", never as "not found".

Options:
  --selector S1,S2      DKIM selectors you sign with (repeatable)
  --sending-ip IP       an address you send from: PTR/FCrDNS (repeatable)
  --mail-from DOMAIN    an envelope (MAIL FROM) domain you send with, e.g. a custom
                        MAIL FROM subdomain: its SPF and MX (repeatable)
  --message FILE        a message the domain sent (as received): alignment, headers,
                        one-click unsubscribe, TLS
  --file FILE           read domains from FILE, one per line (# comments)
  --no-discovery        check only the --selector selectors
  --db PATH|URL         the DMARC report store (see inkan reports): also probe the DKIM selectors seen
                        in the domain's reports (default: $INKAN_DB, else the default store if it exists)
  --now TIME            the time dates and certificates are checked against and suggested records are
                        stamped with (ISO 8601; default: now), for output that can be compared
  --concurrency N       domains checked at once (default 4)
  --verbose             show the DNS evidence of every finding
  --json                one object per domain (schema "inkan.check/1"), same in every language
  --csv                 one row per finding, for spreadsheets
  --lang ja|en          language of the text and CSV
  --zone FILE           answer DNS from a zone file (repeatable)
  --dns HOST:PORT       ask this DNS server (repeatable)
  --timeout MS          DNS timeout per query

Examples:
  inkan check example.jp
  inkan check example.jp --selector google --sending-ip 203.0.113.25
  inkan check example.jp --message sent.eml --lang ja
  inkan check --file domains.txt --csv > audit.csv

Exit codes:
  0 no errors   1 errors found   2 usage error   3 some checks could not be done (DNS failed)`,
  'audit.cli.missing-domain': 'name a domain to check, e.g. "inkan check example.com"',
  'audit.cli.bad-ip': (p: { value: string }) => `--sending-ip "${p.value}" is not an IP address`,
  'audit.cli.bad-selector': (p: { value: string }) => `"${p.value}" is not a valid DKIM selector`,
  'audit.cli.json-and-csv': 'choose --json or --csv, not both',
  'audit.cli.unreadable-file': (p: { file: string }) => `cannot read ${p.file}`,
  'audit.cli.progress': (p: { done: number; total: number }) => `checking… ${p.done}/${p.total}`,

  // Record builders.
  'audit.build.spf.help': `inkan spf build — write an SPF record and count its DNS lookups

Usage:
  inkan spf build [--include DOMAIN]... [--ip4 NET]... [--ip6 NET]... [--a DOMAIN]... [--mx] [--all -|~] [--domain D]

Prints the record, its DNS lookup count (RFC 7208 §4.6.4 allows 10) and its zone line. It
refuses a record that would exceed 10 lookups or 450 bytes, and says which includes to
replace by their IP ranges.

Options:
  --include DOMAIN   authorize a service (e.g. _spf.google.com, amazonses.com); repeatable
  --ip4 NET          an IPv4 address or network (203.0.113.0/24); repeatable
  --ip6 NET          an IPv6 address or network; repeatable
  --a DOMAIN         the addresses of DOMAIN ("@": the domain itself); repeatable
  --mx               the addresses of the domain's MX hosts
  --all -|~          fail (-, default) or softfail (~) for everyone else
  --domain D         the domain the record is for (for the zone line)
  --zone/--dns/--timeout  where to count the real lookups inside each include
  --json             the result as JSON

Example:
  inkan spf build --domain example.jp --include _spf.google.com --include amazonses.com --ip4 203.0.113.0/24

Exit codes: 0 record written; 1 refused (too many lookups or too long); 2 usage error; 3 DNS failed`,
  'audit.build.spf.record': (p: { lookups: number; bytes: number }) => `SPF record (${p.lookups}/10 DNS lookups, ${p.bytes} bytes):`,
  'audit.build.spf.zone': 'Zone-file line:',
  'audit.build.spf.include-cost': (p: { include: string; lookups: number }) => `  ${p.include}: ${p.lookups} lookup${p.lookups === 1 ? '' : 's'}`,
  'audit.build.spf.too-many': (p: { lookups: number }) => `refused: the record needs ${p.lookups} DNS lookups; receivers return permerror above 10 (RFC 7208 §4.6.4)`,
  'audit.build.spf.too-long': (p: { bytes: number }) => `refused: the record is ${p.bytes} bytes; keep it within 450 so answers fit in one UDP packet (RFC 7208 §3.4)`,
  'audit.build.spf.suggest': (p: { includes: string }) => `replace these includes by the ip4:/ip6: ranges their operators publish: ${p.includes}`,
  'audit.build.spf.bad-value': (p: { option: string; value: string }) => `--${p.option} "${p.value}" is not valid`,
  'audit.build.spf.empty': 'give at least one --include, --ip4, --ip6, --a or --mx',
  'audit.build.spf.unchecked': (p: { include: string }) => `could not count the lookups inside ${p.include}: DNS did not answer`,
  'audit.build.dmarc.help': `inkan dmarc build — write a DMARC record (RFC 9989) and its zone line

Usage:
  inkan dmarc build --domain D [--p none|quarantine|reject] [--rua mailto:...]... [options]

Options:
  --domain D          the domain (the record goes at _dmarc.D)
  --p POLICY          none (default), quarantine or reject
  --sp POLICY         policy for subdomains
  --np POLICY         policy for subdomains that do not exist
  --rua URI           aggregate report address (mailto:); repeatable
  --ruf URI           failure report address (mailto:); repeatable
  --adkim r|s         DKIM alignment: relaxed (default) or strict
  --aspf r|s          SPF alignment: relaxed (default) or strict
  --fo 0|1|d|s        failure reporting options (colon-separated)
  --t y|n             testing mode
  --psd y|n|u         public suffix domain flag
  --json              the result as JSON

Example:
  inkan dmarc build --domain example.jp --p quarantine --rua mailto:dmarc@example.jp

Exit codes: 0 record written; 2 usage error. External report addresses need an
authorization record at the destination (DOMAIN._report._dmarc.DESTINATION): printed too.`,
  'audit.build.dmarc.record': 'DMARC record:',
  'audit.build.dmarc.zone': 'Zone-file line:',
  'audit.build.dmarc.external': (p: { destination: string }) => `${p.destination} is outside your domain; its operator must publish:`,
  'audit.build.dmarc.bad-value': (p: { option: string; value: string }) => `--${p.option} "${p.value}" is not valid`,
  'audit.build.dmarc.missing-domain': 'give the domain with --domain',
  'audit.build.dmarc.p-none-note': 'p=none only monitors; move to quarantine and reject once the reports show your mail passing',
};
