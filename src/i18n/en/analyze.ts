/** Parameters of an analyzer message (plain data from the analysis). */
type P = Record<string, string | number>;

const ms = (v: string | number | undefined): string => {
  const n = Number(v ?? 0);
  const a = Math.abs(n);
  const sign = n < 0 ? '-' : '';
  if (a < 1000) return `${sign}${a} ms`;
  if (a < 120_000) return `${sign}${Math.round(a / 1000)} s`;
  if (a < 7_200_000) return `${sign}${Math.round(a / 60_000)} min`;
  if (a < 172_800_000) return `${sign}${(a / 3_600_000).toFixed(1)} h`;
  return `${sign}${(a / 86_400_000).toFixed(1)} days`;
};

/** English messages of `inkan analyze`. */
export const analyze = {
  'analyze.verdict.authentic': 'AUTHENTIC — the message is really from the domain it shows',
  'analyze.verdict.suspicious': 'SUSPICIOUS — the sender cannot be confirmed and something does not add up',
  'analyze.verdict.spoofed': 'SPOOFED — the message pretends to be from someone it is not',
  'analyze.verdict.cannot-tell': 'CANNOT TELL — there is not enough trustworthy evidence',
  'analyze.verdict.because': 'Because:',
  // Reasons for the verdict.
  'analyze.reason.unreadable': (p: P) => `the header section could not be read (limit ${p['limit']} = ${p['max']} exceeded)`,
  'analyze.reason.no-from': 'the message has no From field: it claims no author, and DMARC cannot protect it',
  'analyze.reason.multiple-from': (p: P) => `the message has ${p['count']} From fields; readers may see a different one than filters checked`,
  'analyze.reason.dmarc-pass': (p: P) => `DMARC passes for ${p['domain']} (${p['source'] === 'reverify' ? 'checked again now' : 'recorded by a trusted server'}): SPF or DKIM proved that domain`,
  'analyze.reason.dmarc-fail': (p: P) => `DMARC fails for ${p['domain']} (${p['source'] === 'reverify' ? 'checked again now' : 'recorded by a trusted server'}): neither SPF nor DKIM proved that domain`,
  'analyze.reason.dmarc-none': (p: P) => `${p['domain']} publishes no DMARC policy and no DKIM signature aligned with it passed: anyone could have sent this`,
  'analyze.reason.dmarc-temperror': (p: P) => `DMARC for ${p['domain']} could not be evaluated because DNS failed; try again later`,
  'analyze.reason.no-evidence': (p: P) =>
    `no trusted authentication result: ${p['claims']} Authentication-Results field(s) are only claims. Name your own server with --trust-authserv-id, or use --reverify`,
  'analyze.reason.forged-authres': (p: P) =>
    p['why'] === 'below-boundary'
      ? `an Authentication-Results field carrying the trusted name "${p['authservId']}" sits below the point where the message entered your provider: it came with the message, so it is forged`
      : `an Authentication-Results field from "${p['authservId']}" (not trusted) claims a pass that the trusted result contradicts`,
  'analyze.reason.spoof-sign': (p: P) => `spoofing sign: ${p['sign']}`,
  'analyze.reason.modified-in-transit': (p: P) => `the message was changed on the way, which broke the original DKIM signature: ${p['how']}`,
  'analyze.reason.forwarded': (p: P) => `the message was forwarded by ${p['forwarder']} [${p['ip']}], which breaks SPF for the original sender`,
  'analyze.reason.arc-explains': (p: P) =>
    `the ARC chain sealed by ${p['sealer']} (chain: ${p['chain']}) records that before the change DKIM was ${p['dkim']}, SPF ${p['spf']} and DMARC ${p['dmarc']}`,
  'analyze.reason.dkim-aligned-pass': (p: P) => `a DKIM signature of ${p['domain']} passes, although the domain publishes no DMARC policy`,
  'analyze.reason.unsigned-content': (p: P) => `the DKIM signature covers only the first ${p['signed']} octets of the body (l=); ${p['unsigned']} octets were added that nobody signed`,
  'analyze.reason.key-unavailable': (p: P) =>
    `DKIM could not be checked again: the key at ${p['name']} is gone or unusable now (it may have been rotated since the message was sent), and no trusted result was recorded on arrival`,
  // Section titles.
  'analyze.section.identities': 'Identities',
  'analyze.section.route': 'Route (newest hop first)',
  'analyze.section.recorded': 'Authentication as recorded',
  'analyze.section.reverify': 'Authentication now (--reverify)',
  'analyze.section.spoofing': 'Spoofing signs',
  'analyze.section.diagnosis': 'Diagnosis of failures',
  'analyze.section.signals': 'Sender-requirement signals',
  'analyze.none': '  (none)',
  // Identities.
  'analyze.id.from': 'From',
  'analyze.id.sender': 'Sender',
  'analyze.id.reply-to': 'Reply-To',
  'analyze.id.return-path': 'Return-Path',
  'analyze.id.dkim': (p: P) => `DKIM d= (s=${p['selector']})`,
  'analyze.id.spf': (p: P) => `SPF domain (${p['source'] === 'authres' ? 'trusted result' : p['source'] === 'received-spf' ? 'Received-SPF' : 'Return-Path'})`,
  'analyze.id.null-path': '<> (null path: a bounce or auto-reply)',
  'analyze.id.none': 'none',
  'analyze.id.org': (p: P) => `Organizational Domain ${p['org']}`,
  'analyze.id.author': (p: P) => `Author domain (what DMARC checks): ${p['domain']}`,
  'analyze.id.no-author': 'No single author domain: DMARC cannot be applied',
  'analyze.align.identical': 'aligned (same domain)',
  'analyze.align.same-org': 'aligned (same organization)',
  'analyze.align.different': 'NOT aligned',
  // Route.
  'analyze.route.hop': (p: P) => `${p['n']}. ${p['from']} → ${p['by']}`,
  'analyze.route.unparsed': (p: P) => `${p['n']}. (unreadable Received field)`,
  'analyze.route.unknown': '?',
  'analyze.route.with': (p: P) => `with ${p['protocol']}`,
  'analyze.route.tls': (p: P) => (p['version'] ? `TLS (${p['version']})` : 'TLS'),
  'analyze.route.no-tls': 'no TLS',
  'analyze.route.auth': 'authenticated client',
  'analyze.route.at': (p: P) => `at ${p['time']}`,
  'analyze.route.delay': (p: P) => `waited ${ms(p['ms'])}`,
  'analyze.route.backwards': (p: P) => `TIME GOES BACKWARDS by ${ms(Math.abs(Number(p['ms'])))}`,
  'analyze.route.future': 'dated in the future',
  'analyze.route.boundary': '← entered the recipient\'s provider here (trust boundary)',
  'analyze.route.scope.public': 'public',
  'analyze.route.scope.private': 'private',
  'analyze.route.scope.loopback': 'loopback',
  'analyze.route.scope.link-local': 'link-local',
  'analyze.route.scope.shared': 'carrier-grade NAT',
  'analyze.route.scope.documentation': 'documentation range',
  'analyze.route.date': (p: P) => `Date field: ${p['date']}`,
  'analyze.route.total': (p: P) => `Total time in transit: ${ms(p['ms'])}`,
  'analyze.route.truncated': (p: P) => `${p['count']} older Received field(s) not analysed`,
  'analyze.route.no-boundary': 'No trust boundary found: no hop has a public client address',
  'analyze.route.boundary-by.trusted-authserv-id': (p: P) => `Trust boundary: hop ${p['n']}, the lowest hop written by a trusted server; SPF is about ${p['ip']}`,
  'analyze.route.boundary-by.first-public-address': (p: P) =>
    `Trust boundary (guessed): hop ${p['n']}, the newest hop from a public address; SPF is about ${p['ip']}. Name your server with --trust-authserv-id to be sure`,
  // Recorded.
  'analyze.recorded.trusted': 'trusted',
  'analyze.recorded.untrusted': 'claim only (not trusted)',
  'analyze.recorded.misplaced': 'FORGED (trusted name below the trust boundary)',
  'analyze.recorded.field': (p: P) => `Authentication-Results by ${p['id']} — ${p['trust']}`,
  'analyze.recorded.arc': (p: P) => `ARC set i=${p['i']}: sealed by ${p['sealer']} (cv=${p['cv']}), AMS by ${p['signer']} — ${p['trust']}`,
  'analyze.recorded.arc-saw': (p: P) => `    ${p['id']} saw: ${p['results']}`,
  'analyze.recorded.arc-missing': (p: P) => `    incomplete set: ${p['missing']} missing`,
  'analyze.recorded.arc-broken': 'The ARC instances are not a complete 1..n sequence: the chain is broken',
  'analyze.recorded.no-trust': 'No --trust-authserv-id given: every field is shown as a claim',
  // Reverify.
  'analyze.reverify.warning': (p: P) =>
    `Checked against DNS as it is now, with times judged at ${p['at']}. Keys and records may have been rotated or removed since the message was sent: a failure here is weaker evidence than one recorded on arrival.`,
  'analyze.reverify.dkim': (p: P) => `DKIM ${p['domain']} (s=${p['selector']}): ${p['result']}${p['reason'] ? ` — ${p['reason']}` : ''}`,
  'analyze.reverify.no-dkim': 'DKIM: the message has no DKIM signature',
  'analyze.reverify.spf': (p: P) => `SPF for ${p['ip']} as ${p['domain']}: ${p['result']}${p['reason'] ? ` — ${p['reason']}` : ''}`,
  'analyze.reverify.spf-skipped.no-boundary-ip': 'SPF: not evaluated (no client address at the trust boundary)',
  'analyze.reverify.spf-skipped.no-envelope': 'SPF: not evaluated (no Return-Path and no HELO name)',
  'analyze.reverify.dmarc': (p: P) => `DMARC for ${p['domain']}: ${p['result']}${p['policy'] ? ` (policy ${p['policy']})` : ''} — ${p['reason']}`,
  'analyze.reverify.arc': (p: P) => `ARC chain (${p['instance']} set(s)): ${p['result']}${p['reason'] ? ` — ${p['reason']}` : ''}`,
  'analyze.reverify.questions': (p: P) => `${p['count']} DNS question(s) asked`,
  'analyze.reverify.not-run': 'Not run: add --reverify to check DKIM, SPF and DMARC against DNS now',
  // Spoofing signs.
  'analyze.severity.high': 'HIGH',
  'analyze.severity.medium': 'MEDIUM',
  'analyze.severity.info': 'info',
  'analyze.spoof.display-name-address': (p: P) => `the display name shows the address "${p['shown']}", but the mail is from ${p['actual']}`,
  'analyze.spoof.display-name-brand': (p: P) => `the display name says "${p['brand']}", but the domain is ${p['domain']}, not one of ${p['brand']}'s (${p['expected']})`,
  'analyze.spoof.lookalike-brand': (p: P) =>
    `the ${p['role']} domain ${p['domain']} imitates ${p['brand']}'s ${p['target']} (${p['how'] === 'skeleton' ? 'look-alike characters' : p['how'] === 'one-edit' ? 'one character changed' : p['how'] === 'same-name' ? 'same name, other top-level domain' : 'brand name inside another name'})`,
  'analyze.spoof.confusable-characters': (p: P) => `the ${p['role']} domain ${p['domain']} contains characters that imitate Latin letters (${p['characters']}); it reads as "${p['reads']}"`,
  'analyze.spoof.mixed-script': (p: P) => `the ${p['role']} domain ${p['domain']} mixes scripts (${p['scripts']}), a classic homograph trick`,
  'analyze.spoof.punycode': (p: P) => `the ${p['role']} domain ${p['domain']} is an internationalized name; it displays as ${p['unicode']}`,
  'analyze.spoof.lookalike-authenticated': (p: P) => `the From domain ${p['domain']} is a near-copy of ${p['other']}, the domain that actually signed or sent the message`,
  'analyze.spoof.reply-to-other-org': (p: P) => `replies go to ${p['replyTo']}, another organization than the From address ${p['from']}`,
  'analyze.spoof.freemail-company': (p: P) => `a free-mail address (${p['domain']}) uses the name "${p['name']}", which claims an organization (${p['claims']})`,
  'analyze.spoof.no-dmarc': (p: P) => `${p['domain']} publishes no DMARC policy, so anyone can use it in From without being rejected`,
  'analyze.spoof.envelope-mismatch': (p: P) =>
    `the envelope sender ${p['envelope']} differs from the From domain ${p['from']}: ${
      p['explained'] === 'esp-aligned-dkim'
        ? 'normal for an email service provider, and a DKIM signature aligned with From passes'
        : p['explained'] === 'aligned-dkim'
          ? 'explained, since a DKIM signature aligned with From passes'
          : p['explained'] === 'esp-unverified'
            ? 'usual for an email service provider, but no aligned DKIM pass was confirmed'
            : p['explained'] === 'mailing-list'
              ? 'normal for a mailing list, which sends with its own envelope'
              : 'nothing aligned with From was confirmed, which is suspicious'
    }`,
  'analyze.spoof.sender-differs': (p: P) => `the Sender ${p['sender']} sends on behalf of ${p['from']}`,
  // Diagnosis.
  'analyze.diag.confirmed': 'proven',
  'analyze.diag.inferred': 'likely',
  'analyze.diag.signature': (p: P) => `DKIM d=${p['domain']} s=${p['selector']}`,
  'analyze.diagnosis.body-intact': 'the body is exactly as signed (bh= matches)',
  'analyze.diagnosis.footer-appended': (p: P) =>
    `a footer of ${p['lines']} line(s) was appended${p['mime'] ? ' inside the MIME structure' : ''} (a mailing list): without it the body hash matches. It starts: "${p['preview']}"`,
  'analyze.diagnosis.line-endings-changed': (p: P) => `line endings were changed (${p['change'] === 'doubled-cr' ? 'CR doubled before LF' : 'bare CRs turned into line breaks'}): undone, the body hash matches`,
  'analyze.diagnosis.trailing-whitespace-changed': 'spaces were added at line ends (simple body canonicalization keeps them): removed, the body hash matches',
  'analyze.diagnosis.transfer-encoding-converted': (p: P) =>
    `the body was re-encoded to ${p['encoding']} on the way (8bit downgraded by a relay)`,
  'analyze.diagnosis.mime-restructured': (p: P) => `the MIME structure was rebuilt: the signed body is now part ${p['part']} of ${p['parts']}`,
  'analyze.diagnosis.body-modified': (p: P) =>
    `the body changed after signing and no known transformation explains it (canonical body now ${p['length']} octets${p['signedLength'] !== undefined ? `, l=${p['signedLength']}` : ''}${p['tooLarge'] ? '; too large to search' : ''})`,
  'analyze.diagnosis.unsigned-appended-content': (p: P) => `l= limits the signature to ${p['signed']} of ${p['total']} octets: ${p['unsigned']} octets after it are unsigned and could have been added by anyone`,
  'analyze.diagnosis.subject-tag': (p: P) => `the signed Subject has a list tag ${p['tag']} added in front`,
  'analyze.diagnosis.header-added': (p: P) => `the signed field ${p['field']} appears ${p['copies']} times: a copy was added after signing`,
  'analyze.diagnosis.header-changed': (p: P) => `${p['field']} differs from the copy in z=: was "${p['was']}", now "${p['now']}"`,
  'analyze.diagnosis.header-modified-unknown': (p: P) => `the body is intact, so one of the signed header fields (${p['signed']}) was changed; which one cannot be told`,
  'analyze.diagnosis.spf-forwarded': (p: P) =>
    `SPF failed because the message was forwarded: hop ${p['hop']} came from ${p['forwarder']} [${p['ip']}]${p['earlier'] ? `, which had received it from ${p['earlier']}` : ''}; it is not a server of the envelope domain`,
  'analyze.diagnosis.arc-explains': (p: P) =>
    `ARC: ${p['instances']} set(s), newest sealed by ${p['sealer']} (${p['trusted'] ? 'trusted' : 'not trusted'}, chain ${p['chain']}); the first intermediary recorded DKIM ${p['dkim']}, SPF ${p['spf']}, DMARC ${p['dmarc']}`,
  'analyze.diagnosis.arc-absent': 'no ARC sets: no intermediary vouches for how the message looked before it changed',
  // Signals.
  'analyze.signal.status.ok': 'ok',
  'analyze.signal.status.warning': 'warning',
  'analyze.signal.status.missing': 'missing',
  'analyze.signal.one-click-unsubscribe.ok': 'one-click unsubscribe (RFC 8058): https List-Unsubscribe, List-Unsubscribe-Post, both signed',
  'analyze.signal.one-click-unsubscribe.absent': 'no List-Unsubscribe (needed for bulk mail)',
  'analyze.signal.one-click-unsubscribe.no-https': 'List-Unsubscribe has no https URI (one-click needs one)',
  'analyze.signal.one-click-unsubscribe.no-post': 'List-Unsubscribe without "List-Unsubscribe-Post: List-Unsubscribe=One-Click" (RFC 8058)',
  'analyze.signal.one-click-unsubscribe.not-signed': 'List-Unsubscribe and List-Unsubscribe-Post must both be covered by a DKIM signature (RFC 8058 §4)',
  'analyze.signal.single-from.ok': 'exactly one From address',
  'analyze.signal.single-from.several-authors': (p: P) => `${p['count']} authors in From and no Sender field (RFC 5322 §3.6.2)`,
  'analyze.signal.single-from.no-from': 'no From field',
  'analyze.signal.single-from.multiple-from-fields': (p: P) => `${p['count']} From fields (RFC 5322 allows one)`,
  'analyze.signal.single-from.unparseable-from': 'the From field cannot be parsed',
  'analyze.signal.single-from.no-mailbox': 'the From field holds no mailbox',
  'analyze.signal.single-from.domain-literal': 'the From address uses an IP literal instead of a domain',
  'analyze.signal.single-from.multiple-author-domains': 'the From field has addresses in different domains',
  'analyze.signal.message-id.ok': (p: P) => `Message-ID <${p['id']}>`,
  'analyze.signal.message-id.absent': 'no Message-ID (many providers reject or junk such mail)',
  'analyze.signal.message-id.multiple': (p: P) => `${p['count']} Message-ID fields`,
  'analyze.signal.message-id.invalid': (p: P) => `invalid Message-ID "${p['value']}"`,
  'analyze.signal.date.ok': (p: P) => `Date ${p['date']}`,
  'analyze.signal.date.absent': 'no Date field',
  'analyze.signal.date.multiple': (p: P) => `${p['count']} Date fields`,
  'analyze.signal.date.invalid': (p: P) => `invalid Date "${p['value']}"`,
  'analyze.signal.date.future': (p: P) => `Date ${p['date']} is in the future`,
  // CLI.
  'analyze.cli.too-large': (p: P) => `the message is larger than ${p['max']} octets`,
  'analyze.cli.explain.field': (p: P) => `    field #${p['field']}: ${p['text']}`,
  'analyze.cli.help': `inkan analyze — is this message really from who it claims? If not, why?

Usage:
  inkan analyze FILE|- [--json] [--explain] [--lang ja|en] [--trust-authserv-id ID]...
                [--trust-arc-sealer DOMAIN]... [--reverify] [--now ISO] [--zone FILE | --dns HOST:PORT] [--timeout MS]

Reads a message's source (a .eml file, or - for standard input) and reports, in order:
  1. the verdict (authentic / suspicious / spoofed / cannot tell) and the reasons that decided it;
  2. the identities side by side — From, Sender, Reply-To, Return-Path, each DKIM d=, the SPF
     domain — with their Organizational Domains and whether each aligns with From;
  3. the route: each Received hop (from, by, protocol, TLS, time), the delay of each hop and in
     total, times that go backwards, private and public addresses, and the trust boundary (the hop
     where the message entered your provider);
  4. every Authentication-Results and ARC set — believed only from --trust-authserv-id servers;
  5. with --reverify, DKIM, SPF (for the IP at the trust boundary) and DMARC checked again now;
  6. spoofing signs: addresses and brands in display names, look-alike domains (confusable
     Unicode, punycode, one edit from a brand or from the signing domain), Reply-To elsewhere,
     free-mail claiming a company, no DMARC, envelope mismatch;
  7. the cause of each failure: footer appended, Subject tag, line endings, re-encoding, MIME
     restructuring (proven by recomputing the body hash), forwarding, and whether ARC explains it;
  8. bulk-sender signals: one-click unsubscribe (RFC 8058), single From, Message-ID, Date.

Options:
  --trust-authserv-id ID  your own receiving server's authserv-id (repeatable); only its
                          Authentication-Results are believed, and a copy of it below the trust
                          boundary is reported as forged
  --trust-arc-sealer D    an intermediary whose ARC seals you believe (a mailing list you know);
                          its record of the original authentication can then explain a failure
  --reverify              check DKIM, SPF and DMARC again against DNS (keys may have rotated)
  --now ISO               the present time (for future-dated hops); default the clock
  --explain               more detail: every field's position and raw results
  --json                  the analysis as JSON (the same in every language)
  --lang ja|en            language of the text report
  --zone FILE             answer DNS from a zone file (repeatable)
  --dns HOST:PORT         ask this DNS server (repeatable)
  --timeout MS            DNS deadline per check

Examples:
  inkan analyze suspicious.eml --trust-authserv-id mx.example.jp
  inkan analyze - --reverify --json < message.eml

What the diagnosis can and cannot detect: it proves a footer (at the end or before the closing MIME
boundary), trailing spaces, doubled CRs, a quoted-printable/base64 re-encoding of a single-part body
and a body that became one MIME part, by recomputing the body hash; a re-encoded multipart body, a
wrapped line or an edited word is only reported as "changed". Header changes are proven only with
--reverify (the key is needed); otherwise they are likely causes.

Exit codes:
  0  authentic
  1  suspicious or spoofed
  2  usage error
  3  cannot tell because DNS failed (try again later)
  4  cannot tell: no trusted evidence (give --trust-authserv-id or --reverify)`,
};
