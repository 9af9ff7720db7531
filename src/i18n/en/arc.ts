/** English messages of arc: chain validation, sealing and the `inkan arc` command. */
export const arc = {
  // Headlines (arc.headline.<result>).
  'arc.headline.none': 'ARC none: the message carries no ARC header fields.',
  'arc.headline.pass': (p: { count: number; oldestPass: number }) =>
    `ARC pass: a chain of ${p.count} ARC set${p.count === 1 ? '' : 's'} verifies (oldest-pass ${p.oldestPass}).`,
  'arc.headline.fail': (p: { count: number }) => `ARC fail: the chain of ${p.count} ARC set${p.count === 1 ? '' : 's'} does not verify.`,
  'arc.headline.temperror': (p: { count: number }) => `ARC temperror: a DNS failure stopped the check of ${p.count} ARC set${p.count === 1 ? '' : 's'}; try again later.`,
  'arc.meaning.pass': 'every intermediary that handled the message sealed it, and nothing was changed after the newest seal',
  'arc.meaning.fail': 'the chain of custody is broken: a seal or the newest message signature does not verify, or the sets are malformed',
  'arc.meaning.none': 'no intermediary sealed this message',
  'arc.meaning.temperror': 'a key could not be fetched; the chain may still be good',
  // Field kinds.
  'arc.kind.seal': 'ARC-Seal',
  'arc.kind.message-signature': 'ARC-Message-Signature',
  'arc.kind.authentication-results': 'ARC-Authentication-Results',
  // Why a chain fails (arc.reason.<code>).
  'arc.reason.unreadable-message': (p: { limit: string }) => `the message header could not be read (limit ${p.limit} exceeded)`,
  'arc.reason.too-many-fields': (p: { count: number; limit: number }) => `the message has ${p.count} ARC header fields; at most ${p.limit} (50 sets) are allowed`,
  'arc.reason.bad-field': (p: { kind: string; instance: string; problem: string }) => `${p.kind}${p.instance} is malformed: ${p.problem}`,
  'arc.reason.instance-out-of-range': (p: { kind: string; instance: number }) => `${p.kind} has i=${p.instance}; instances run from 1 to 50 (RFC 8617 §4.2.1)`,
  'arc.reason.duplicate-instance': (p: { kind: string; instance: number }) => `there is more than one ${p.kind} with i=${p.instance}`,
  'arc.reason.missing-field': (p: { kind: string; instance: number }) => `ARC set ${p.instance} has no ${p.kind} (each set needs exactly one of each field)`,
  'arc.reason.sealed-as-failed': (p: { instance: number }) => `the newest ARC-Seal (i=${p.instance}) says cv=fail: an intermediary already found the chain broken`,
  'arc.reason.wrong-cv': (p: { instance: number; cv: string; expected: string }) => `ARC-Seal i=${p.instance} has cv=${p.cv}; it must be cv=${p.expected} (RFC 8617 §5.2 step 3)`,
  'arc.reason.ams-failed': (p: { instance: number; problem: string }) => `the newest ARC-Message-Signature (i=${p.instance}) does not verify: ${p.problem}`,
  'arc.reason.as-failed': (p: { instance: number; problem: string }) => `ARC-Seal i=${p.instance} does not verify: ${p.problem}`,
  // Why a signature does not verify (arc.check.<code>).
  'arc.check.sha1': 'it uses rsa-sha1, which must not be accepted (RFC 8301)',
  'arc.check.no-key': (p: { name: string }) => `there is no key at ${p.name}`,
  'arc.check.dns-timeout': (p: { name: string }) => `the DNS query for ${p.name} timed out`,
  'arc.check.dns-error': (p: { name: string; rcode: string }) => `the DNS query for ${p.name} failed (${p.rcode})`,
  'arc.check.key-error': (p: { name: string; problem: string }) => `the key at ${p.name} is unusable: ${p.problem}`,
  'arc.check.key-type-mismatch': (p: { name: string }) => `the key at ${p.name} is not of the type a= names`,
  'arc.check.key-hash-not-allowed': (p: { name: string }) => `the key at ${p.name} does not allow this hash (h=)`,
  'arc.check.key-not-email': (p: { name: string }) => `the key at ${p.name} is not for email (s=)`,
  'arc.check.body-hash-mismatch': 'the body was changed after it was signed (body hash mismatch)',
  'arc.check.signature-mismatch': 'the signature does not match the signed header fields',
  // Field syntax problems (arc.tag.<code>).
  'arc.tag.tag-list': (p: { tag: string }) => `it is not a valid tag=value list${p.tag ? ` (at ${p.tag}=)` : ''}`,
  'arc.tag.missing-tag': (p: { tag: string }) => `the required ${p.tag}= tag is missing`,
  'arc.tag.bad-instance': 'i= is missing or is not a number',
  'arc.tag.unknown-algorithm': 'a= names an unknown algorithm',
  'arc.tag.bad-base64': (p: { tag: string }) => `${p.tag}= is not valid base64`,
  'arc.tag.bad-canonicalization': 'c= is not a valid canonicalization',
  'arc.tag.bad-header-list': 'h= is not a list of header field names',
  'arc.tag.bad-domain': 'd= is not a domain name',
  'arc.tag.bad-selector': 's= is not a valid selector',
  'arc.tag.bad-timestamp': 't= is not a number of seconds',
  'arc.tag.bad-cv': 'cv= must be none, pass or fail',
  'arc.tag.forbidden-tag': (p: { tag: string }) => `${p.tag}= is not allowed in this field (RFC 8617 §4.1.3)`,
  'arc.tag.signs-arc-seal': 'h= lists ARC-Seal, which an AMS must not sign (RFC 8617 §4.1.2)',
  // Chain display.
  'arc.set': (p: { instance: number; domain: string; selector: string; cv: string; seal: string; ams: string }) =>
    `  ARC set ${p.instance}: sealed by ${p.domain} (s=${p.selector}), cv=${p.cv}; seal ${p.seal}, message signature ${p.ams}`,
  'arc.set.unknown': (p: { instance: number }) => `  ARC set ${p.instance}: no readable ARC-Seal`,
  'arc.set.said': (p: { text: string }) => `    it said it saw: ${p.text}`,
  'arc.check-result.pass': 'verified',
  'arc.check-result.fail': 'FAILED',
  'arc.check-result.temperror': 'not checked (DNS failure)',
  'arc.check-result.not-checked': 'not checked',
  'arc.reason-line': (p: { reason: string }) => `  why: ${p.reason}`,
  // Steps (--explain).
  'arc.step.collect': (p: { seals: number; ams: number; aar: number }) => `    found ${p.seals} ARC-Seal, ${p.ams} ARC-Message-Signature and ${p.aar} ARC-Authentication-Results field(s)`,
  'arc.step.structure': (p: { ok: boolean; instances: number }) => (p.ok ? `    instances 1..${p.instances} each have one field of each kind` : `    the ARC sets are malformed (highest instance ${p.instances})`),
  'arc.step.cv': (p: { instance: number; cv: string; ok: boolean }) => `    ARC-Seal i=${p.instance}: cv=${p.cv} ${p.ok ? '(as required)' : '(not allowed here)'}`,
  'arc.step.key-lookup': (p: { instance: number; field: string; name: string; answer: string }) => `    key for ${p.field} i=${p.instance}: ${p.name}: ${p.answer}`,
  'arc.step.body-hash': (p: { instance: number; ok: boolean; expected: string; computed: string }) =>
    p.ok ? `    AMS i=${p.instance} body hash matches (${p.computed})` : `    AMS i=${p.instance} body hash differs: signed ${p.expected}, computed ${p.computed}`,
  'arc.step.signature': (p: { instance: number; field: string; ok: boolean; problem: string }) =>
    p.ok ? `    ${p.field} i=${p.instance}: signature verified` : `    ${p.field} i=${p.instance}: ${p.problem}`,
  'arc.step.oldest-pass': (p: { instance: number }) => `    oldest-pass: ${p.instance} (the oldest ARC set whose message signature still verifies)`,
  'arc.steps': '  Steps:',
  // Sealing errors (arc.seal.<code>).
  'arc.seal.message': (p: { detail: string }) => `the message cannot be read (${p.detail})`,
  'arc.seal.bad-private-key': 'the private key cannot be read (PEM or DER, RSA or Ed25519)',
  'arc.seal.unsupported-key-type': (p: { detail: string }) => `keys of type ${p.detail} cannot seal; use RSA or Ed25519`,
  'arc.seal.rsa-key-too-small': 'the RSA key is smaller than 1024 bits (RFC 8301)',
  'arc.seal.unsupported-algorithm': (p: { detail: string }) => `${p.detail} is not a sealing algorithm; use rsa-sha256 or ed25519-sha256`,
  'arc.seal.algorithm-mismatch': (p: { detail: string }) => `the key does not match the algorithm ${p.detail}`,
  'arc.seal.bad-domain': (p: { detail: string }) => `"${p.detail}" is not a domain name`,
  'arc.seal.bad-selector': (p: { detail: string }) => `"${p.detail}" is not a valid selector`,
  'arc.seal.bad-header-name': (p: { detail: string }) => `"${p.detail}" is not a header field name (or the list is too long)`,
  'arc.seal.forbidden-header': (p: { detail: string }) => `${p.detail} must not be signed by an ARC-Message-Signature (ARC fields and Authentication-Results change on the way)`,
  'arc.seal.chain-failed': (p: { detail: string }) => `the newest ARC-Seal (i=${p.detail}) already says cv=fail: a failed chain is not sealed again (RFC 8617 §5.1)`,
  'arc.seal.chain-temperror': 'a DNS failure stopped the check of the existing chain; try again later rather than seal it as failed',
  'arc.seal.chain-full': (p: { detail: string }) => `the message already has ${p.detail} ARC sets, the most allowed (RFC 8617 §4.2.1)`,
  'arc.seal.no-auth-results': (p: { detail: string }) =>
    p.detail ? `the message has no Authentication-Results field from ${p.detail}: give --auth-results, or verify the message first` : 'give --authserv-id or --auth-results: the ARC-Authentication-Results needs this host\'s results',
  // The command.
  'arc.cli.help': `inkan arc — ARC (RFC 8617): verify the chain of a forwarded message, or seal it as an intermediary

Usage:
  inkan arc verify FILE|- [DNS options]
  inkan arc seal FILE|- --domain DOMAIN --selector SELECTOR --key KEYFILE [options]

ARC lets forwarders and mailing lists vouch for a message they changed. Each
intermediary adds an ARC set: ARC-Authentication-Results (what it saw: SPF, DKIM,
DMARC), ARC-Message-Signature (a DKIM-like signature of the message as it sent it)
and ARC-Seal (a signature over all the ARC sets so far). A receiver that trusts
an intermediary can use its ARC-Authentication-Results when SPF and DKIM break.

"verify" checks the chain: instance numbering (1 to 50, one field of each kind
per set), cv= (none at i=1, pass after), the newest ARC-Message-Signature, every
ARC-Seal, and the oldest-pass. It shows each set: who sealed it, its cv=, the
verdicts, and what that intermediary said it saw.

"seal" adds a new set. It verifies the existing chain to write cv=; the
ARC-Authentication-Results come from --auth-results, or from this host's own
Authentication-Results fields (--authserv-id), or from running the SPF, DKIM and
DMARC checks itself when --ip is given. A chain whose newest seal says cv=fail is
not sealed again.

Seal options:
  --domain DOMAIN        the sealing domain (d=)
  --selector SELECTOR    the selector (s=) whose TXT record holds the public key
  --key KEYFILE          the private key: PEM (RSA at least 1024 bits, or Ed25519)
  --algorithm ALG        rsa-sha256 or ed25519-sha256 (default: from the key)
  --authserv-id ID       this host's authserv-id; its Authentication-Results are used
  --auth-results TEXT    the results to record, e.g. "mx.example.org; spf=pass smtp.mailfrom=example.com"
  --ip IP                run verify (SPF, DKIM, DMARC) for this client and record its results
  --helo NAME            the HELO name, with --ip
  --mail-from ADDRESS    the envelope sender, with --ip
  --headers a,b,c        header fields the ARC-Message-Signature signs (default: From, To,
                         Subject, Date, Message-ID, MIME and List fields and more)
  --now TIME             the time to write in t= (ISO 8601; default now)

DNS (keys of the existing chain; --ip checks):
  --zone FILE            answer from this zone file (repeatable) instead of DNS
  --dns HOST[:PORT]      ask this DNS server (repeatable), e.g. 127.0.0.1:5353
  --timeout MS           time allowed for one DNS query (default 2000)

Output:
  --json                 verify: the chain as JSON; seal: the three header fields as JSON
  --lang ja|en           language of the text (default: from LANG)
  --explain              verify: every step (keys, body hashes, signatures)

Exit codes:
  verify: 0 pass; 1 fail or none; 2 usage error; 3 temperror (DNS)
  seal:   0 sealed; 1 not sealed; 2 usage error; 3 DNS failure while checking the chain

Examples:
  inkan arc verify forwarded.eml --zone keys.zone
  inkan arc seal message.eml --domain lists.example.org --selector arc1 --key arc1.private --authserv-id lists.example.org
  inkan arc seal - --domain example.net --selector ed --key ed.private --auth-results "example.net; spf=pass smtp.mailfrom=example.com" --json`,
  'arc.cli.missing-action': 'say what to do: "inkan arc verify FILE" or "inkan arc seal FILE ..."',
  'arc.cli.unknown-action': (p: { action: string }) => `unknown arc action "${p.action}": use verify or seal`,
  'arc.cli.cannot-read': (p: { file: string; reason: string }) => `cannot read ${p.file}: ${p.reason}`,
  'arc.cli.not-sealed': 'The message was not sealed.',
  'arc.cli.sealed': (p: { instance: number; cv: string }) => `ARC set ${p.instance} added (cv=${p.cv}).`,
  'arc.cli.chain': 'ARC chain:',
  'arc.override.comment': (p: { domain: string; instance: number }) => `ARC: trusted sealer ${p.domain} (i=${p.instance}) reported SPF/DKIM/DMARC pass`,
  'arc.override.note': (p: { domain: string; instance: number }) =>
    `  ARC: ${p.domain} (i=${p.instance}) saw the message pass; list it as a trusted sealer to let that override the DMARC policy`,
};
