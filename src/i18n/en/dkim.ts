/** English messages of the dkim module. */
export const dkim = {
  // Result words: what each means for a reader (RFC 8601 §2.7.1).
  'dkim.meaning.pass': 'the signature is valid: the signing domain takes responsibility for this message, and the signed parts were not changed',
  'dkim.meaning.fail': 'the signature does not match the message: it was changed after signing, or the signature is forged',
  'dkim.meaning.neutral': 'the signature could not be processed, so it says nothing about the message',
  'dkim.meaning.policy': 'the signature is valid, but it is not acceptable under the local policy',
  'dkim.meaning.temperror': 'a temporary DNS problem stopped the check; trying again later may give a real answer',
  'dkim.meaning.permerror': 'the signature cannot be verified because of a permanent problem with it or with the key; it counts as no signature',
  // Reasons.
  'dkim.reason.signature-syntax': (p: { problem: string }) => `the DKIM-Signature field is not valid: ${p.problem}`,
  'dkim.reason.sha1': 'the signature uses rsa-sha1, which is no longer accepted (RFC 8301 §3.1)',
  'dkim.reason.expired': (p: { expiration: string; skew: number }) =>
    `the signature expired at ${p.expiration} (x=; ${p.skew} s of clock difference allowed)`,
  'dkim.reason.future-timestamp': (p: { timestamp: string; skew: number }) =>
    `the signature is dated ${p.timestamp}, in the future (t=; ${p.skew} s of clock difference allowed)`,
  'dkim.reason.no-key': (p: { name: string; status: string }) => `no key is published at ${p.name} (${p.status})`,
  'dkim.reason.dns-timeout': (p: { name: string }) => `the DNS query for the key at ${p.name} timed out`,
  'dkim.reason.dns-error': (p: { name: string; rcode: string }) => `the DNS query for the key at ${p.name} failed (${p.rcode})`,
  'dkim.reason.key-error': (p: { name: string; problem: string }) => `the key record at ${p.name} is unusable: ${p.problem}`,
  'dkim.reason.key-type-mismatch': (p: { name: string; keyType: string; algorithm: string }) =>
    `the key at ${p.name} is an ${p.keyType} key, but the signature uses ${p.algorithm}`,
  'dkim.reason.key-hash-not-allowed': (p: { name: string; hash: string; allowed: string }) =>
    `the key at ${p.name} allows only ${p.allowed} (h=), not ${p.hash}`,
  'dkim.reason.key-not-email': (p: { name: string; services: string }) =>
    `the key at ${p.name} is for other services (s=${p.services}), not email`,
  'dkim.reason.strict-identity': (p: { identityDomain: string; domain: string }) =>
    `the key requires i= to use exactly d= (t=s), but i= is in ${p.identityDomain} and d= is ${p.domain}`,
  'dkim.reason.body-length-exceeds-body': (p: { bodyLength: number; canonicalLength: number }) =>
    `l=${p.bodyLength} is longer than the body (${p.canonicalLength} octets after canonicalization): the body was cut`,
  'dkim.reason.body-length-policy': (p: { unsignedOctets: number }) =>
    `the signature covers only part of the body (l=); ${p.unsignedOctets} octets were added after signing, which local policy does not accept`,
  'dkim.reason.body-hash-mismatch': 'the body was changed after signing (the body hash bh= does not match)',
  'dkim.reason.signature-mismatch': 'the signed header fields were changed after signing, or the signature was not made with this key (b= does not verify)',
  'dkim.not-evaluated': (p: { limit: number }) => `not evaluated: only the first ${p.limit} signatures of a message are checked`,
  // Signature field problems (RFC 6376 §3.5, §6.1.1).
  'dkim.signature.tag-list': (p: { detail: string }) => `the tag list does not parse (${p.detail})`,
  'dkim.signature.missing-tag': (p: { tag: string }) => `the required tag ${p.tag}= is missing`,
  'dkim.signature.bad-version': 'the version must be v=1',
  'dkim.signature.unknown-algorithm': 'unknown signing algorithm (a=); rsa-sha256 and ed25519-sha256 are defined',
  'dkim.signature.bad-base64': (p: { tag: string }) => `${p.tag}= is not valid base64`,
  'dkim.signature.bad-canonicalization': 'unknown canonicalization (c=); simple and relaxed are defined',
  'dkim.signature.bad-header-list': 'the list of signed header fields (h=) is malformed',
  'dkim.signature.too-many-signed-headers': (p: { limit: number }) => `h= names more than ${p.limit} header fields`,
  'dkim.signature.from-not-signed': 'the From field is not signed (h= must include From)',
  'dkim.signature.bad-domain': 'the signing domain (d=) is not a valid domain name',
  'dkim.signature.bad-selector': 'the selector (s=) is not valid',
  'dkim.signature.bad-identity': 'the identity (i=) is not of the form [local-part]@domain',
  'dkim.signature.identity-mismatch': 'the identity (i=) is not in the signing domain (d=) or one of its subdomains',
  'dkim.signature.bad-length': 'the body length (l=) is not a number',
  'dkim.signature.bad-timestamp': 'the signing time (t=) is not a number',
  'dkim.signature.bad-expiration': 'the expiration (x=) is not a number',
  'dkim.signature.expiration-before-timestamp': 'the expiration (x=) is not later than the signing time (t=)',
  'dkim.signature.unknown-query-method': 'unknown query method (q=); only dns/txt is defined',
  // Tag-list problems (RFC 6376 §3.2).
  'dkim.tag-list.bad-tag-name': (p: { position: number }) => `bad tag name at column ${p.position + 1}`,
  'dkim.tag-list.missing-equals': (p: { position: number }) => `"=" expected at column ${p.position + 1}`,
  'dkim.tag-list.bad-value': (p: { position: number }) => `a control character in a value at column ${p.position + 1}`,
  'dkim.tag-list.duplicate-tag': (p: { position: number }) => `a tag appears twice (column ${p.position + 1})`,
  'dkim.tag-list.too-many-tags': (p: { position: number }) => `too many tags (column ${p.position + 1})`,
  // Key record problems (RFC 6376 §3.6.1).
  'dkim.key.tag-list': (p: { detail: string }) => `the record does not parse (${p.detail})`,
  'dkim.key.bad-version': 'v= must be "DKIM1" and come first',
  'dkim.key.unknown-key-type': 'unknown key type (k=); rsa and ed25519 are defined',
  'dkim.key.missing-key': 'there is no public key (p=)',
  'dkim.key.revoked': 'the key has been revoked (empty p=)',
  'dkim.key.bad-base64': 'the public key (p=) is not valid base64',
  'dkim.key.invalid-key': 'the public key (p=) is not a valid key of its type',
  'dkim.key.key-too-small': (p: { bits: number; minimum: number }) =>
    `the RSA key has ${p.bits} bits; at least ${p.minimum} are required (RFC 8301 §3.2)`,
  // --explain.
  'dkim.explain.headline': (p: { result: string; domain: string; selector: string; algorithm: string }) =>
    `DKIM ${p.result} for d=${p.domain} s=${p.selector} (${p.algorithm})`,
  'dkim.explain.unreadable': (p: { result: string }) => `DKIM ${p.result} for an unreadable signature`,
  'dkim.explain.testing': 'the key is marked as testing (t=y): treat the result like an unsigned message',
  'dkim.explain.body-length': (p: { bodyLength: number; unsigned: number }) =>
    `only the first ${p.bodyLength} body octets are signed (l=); ${p.unsigned} octets after them are not`,
  'dkim.explain.steps': 'Steps:',
  'dkim.step.parse-ok': 'the DKIM-Signature field is valid',
  'dkim.step.parse-error': (p: { problem: string }) => `the DKIM-Signature field is not valid: ${p.problem}`,
  'dkim.step.check': (p: { check: string; ok: boolean }) => `check ${p.check}: ${p.ok ? 'ok' : 'failed'}`,
  'dkim.step.key-lookup': (p: { name: string; answer: string; cached: boolean }) =>
    `DNS TXT ${p.name} -> ${p.answer}${p.cached ? ' (parsed key from cache)' : ''}`,
  'dkim.step.key-ok': (p: { record: string; keyType: string; bits: number; records: number }) =>
    `key record "${p.record}": ${p.keyType}, ${p.bits} bits${p.records > 1 ? ` (first usable of ${p.records} records)` : ''}`,
  'dkim.step.key-error': (p: { record: string; problem: string }) => `key record "${p.record}": ${p.problem}`,
  'dkim.step.body-hash': (p: { canonicalization: string; hash: string; length: number; expected: string; computed: string; ok: boolean }) =>
    `body hash (${p.canonicalization}, ${p.hash}, ${p.length} octets): ${p.ok ? 'matches' : `expected ${p.expected}, computed ${p.computed}`}`,
  'dkim.step.header-hash': (p: { canonicalization: string; fields: string }) => `signed header fields (${p.canonicalization}): ${p.fields}`,
  'dkim.step.absent': 'absent',
  'dkim.step.signature': (p: { ok: boolean }): string => (p.ok ? 'the signature b= verifies with the key' : 'the signature b= does not verify with the key'),
};
