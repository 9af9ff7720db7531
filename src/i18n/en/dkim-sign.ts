/** English messages of the dkim-sign module: signing, key generation and their commands. */
export const dkimSign = {
  // Why a message was not signed (DkimSignError codes).
  'dkim-sign.error.no-from': 'the message has no From field; every DKIM signature must cover From (RFC 6376 §5.4), so it was not signed',
  'dkim-sign.error.unreadable-message': (p: { limit: string; max: number }) =>
    `the header section could not be read: it exceeds the limit ${p.limit} (${p.max})`,
  'dkim-sign.error.bad-private-key': 'the private key cannot be read (expected PEM, DER, or the base64 seed of an Ed25519 key; encrypted keys are not supported)',
  'dkim-sign.error.unsupported-key-type': (p: { keyType?: string }) => `a ${p.keyType ?? 'this'} key cannot make DKIM signatures; use an RSA or Ed25519 key`,
  'dkim-sign.error.rsa-key-too-small': (p: { bits?: number }) =>
    `the RSA key has ${p.bits ?? '?'} bits; verifiers reject keys under 1024 bits (RFC 8301 §3.2), use 2048`,
  'dkim-sign.error.unsupported-algorithm': (p: { value?: string }) =>
    `cannot sign with "${p.value ?? ''}": inkan signs with rsa-sha256 or ed25519-sha256 (rsa-sha1 is forbidden by RFC 8301 §3.1)`,
  'dkim-sign.error.algorithm-mismatch': (p: { keyType?: string; value?: string }) => `${p.value ?? 'this algorithm'} cannot be used with a ${p.keyType ?? ''} key`,
  'dkim-sign.error.bad-domain': (p: { value?: string }) => `"${p.value ?? ''}" is not a domain name that can sign (d= needs at least two labels of letters, digits and hyphens)`,
  'dkim-sign.error.bad-selector': (p: { value?: string }) => `"${p.value ?? ''}" is not a selector (labels of letters, digits and hyphens, separated by dots)`,
  'dkim-sign.error.bad-identity': (p: { value?: string }) => `"${p.value ?? ''}" is not an identity (i= looks like user@example.com or @example.com)`,
  'dkim-sign.error.identity-not-in-domain': (p: { value?: string }) =>
    `the identity "${p.value ?? ''}" must be in the signing domain or one of its subdomains (RFC 6376 §3.5)`,
  'dkim-sign.error.bad-canonicalization': (p: { value?: string }) =>
    `"${p.value ?? ''}" is not a canonicalization; use relaxed/relaxed, simple/simple, relaxed/simple or simple/relaxed`,
  'dkim-sign.error.bad-expiration': (p: { value?: string }) => `the expiration "${p.value ?? ''}" is not a time after the signing time`,
  'dkim-sign.error.bad-body-length': (p: { value?: string }) => `the body length "${p.value ?? ''}" is not a whole number of octets`,
  'dkim-sign.error.bad-header-name': (p: { value?: string }) => `"${p.value ?? ''}" is not a header field name`,
  'dkim-sign.error.too-many-headers': 'too many header fields to sign (at most 512 entries in h=)',
  'dkim-sign.error.from-not-signed': 'the list of signed header fields must include From (RFC 6376 §5.4)',
  'dkim-sign.error.signature': (p: { index: number; text: string }) => `signature ${p.index + 1}: ${p.text}`,

  // inkan sign
  'dkim-sign.help.sign': `inkan sign — add a DKIM signature to a message (RFC 6376, RFC 8463)

Usage:
  inkan sign FILE|- --domain DOMAIN --selector SELECTOR --key KEYFILE [options]

DKIM lets a domain sign the mail it sends. The signature covers the body and
the important header fields; receivers fetch the public key from DNS at
SELECTOR._domainkey.DOMAIN and check it. Make a key with "inkan dkim keygen".

The message is read from FILE, or from standard input with "-". The signed
message is written to standard output: the DKIM-Signature field first, then
the message exactly as it was.

Options:
  --domain DOMAIN         the signing domain (d=), usually the domain of From
  --selector SELECTOR     the selector (s=) whose TXT record holds the public key
  --key KEYFILE           the private key: PEM (RSA or Ed25519), or an Ed25519
                          seed in base64 as dkimpy and RFC 8463 write it
  --algorithm ALG         rsa-sha256 or ed25519-sha256 (default: from the key)
  --canonicalization C    relaxed/relaxed (default), simple/simple, relaxed/simple...
  --headers a,b,c         header fields to sign when present (default: From,
                          Reply-To, Subject, Date, To, Cc, Message-ID, MIME and
                          List-Unsubscribe fields and more); From is always signed
  --no-oversign           sign each field only as often as it occurs; by default
                          each is signed once more, so nobody can add another
  --identity ID           the i= identity, e.g. user@example.com
  --expires SECONDS       set x=: the signature expires this long after signing
  --body-length           add l= (risky: lets others append to the body)
  --out FILE              write the signed message to FILE instead of stdout

Output:
  --json                  the DKIM-Signature field(s) and their tags as JSON
  --lang ja|en            language of the text (default: from LANG)

Exit codes:
  0 signed; 1 not signed (no From field, unusable key...); 2 usage error

Examples:
  inkan sign message.eml --domain example.com --selector s2024 --key s2024.private
  cat message.eml | inkan sign - --domain example.com --selector ed1 --key ed1.private --out signed.eml`,
  'dkim-sign.cli.missing-file': 'name the message to sign: a file, or "-" for standard input',
  'dkim-sign.cli.cannot-read': (p: { file: string; reason: string }) => `cannot read ${p.file}: ${p.reason}`,
  'dkim-sign.cli.cannot-write': (p: { file: string; reason: string }) => `cannot write ${p.file}: ${p.reason}`,
  'dkim-sign.cli.bad-expires': (p: { value: string }) => `--expires needs a positive whole number of seconds, not "${p.value}"`,
  'dkim-sign.cli.not-signed': 'The message was not signed.',
  'dkim-sign.cli.written': (p: { file: string; count: number }) => `Signed message written to ${p.file} (${p.count} signature${p.count === 1 ? '' : 's'}).`,

  // inkan dkim keygen
  'dkim-sign.help.dkim': `inkan dkim — DKIM keys (RFC 6376, RFC 8463)

Usage:
  inkan dkim keygen --domain DOMAIN --selector SELECTOR [options]

keygen makes a new key pair for signing and prints the DNS record that
publishes its public half. The private key stays with your signer (inkan sign,
OpenDKIM, your mail service); the TXT record goes in DNS at
SELECTOR._domainkey.DOMAIN. Use a new selector for each new key, so the old
one can stay published until no mail signed with it is in transit.

Options:
  --domain DOMAIN       the signing domain (d=)
  --selector SELECTOR   the selector (s=), e.g. s2024 or mail
  --type rsa|ed25519    key type (default rsa; Ed25519 keys are short, but not
                        every receiver checks them yet, so sign with both)
  --bits N              RSA key length, 1024 to 8192 (default 2048)
  --testing             add t=y: tell receivers you are still testing DKIM
  --out PREFIX          write PREFIX.private (the key, readable only by you)
                        and PREFIX.txt (the zone-file line) instead of printing
                        the key; existing files are never overwritten

Output:
  --json                the key, the record, its 255-octet strings and the
                        zone-file line as JSON
  --lang ja|en          language of the text (default: from LANG)

Exit codes:
  0 key made; 1 files could not be written; 2 usage error

Examples:
  inkan dkim keygen --domain example.com --selector s2024
  inkan dkim keygen --domain example.com --selector ed2024 --type ed25519 --out ed2024`,
  'dkim-sign.cli.unknown-subcommand': (p: { command: string }) => `unknown subcommand "${p.command}" (try "inkan dkim keygen")`,
  'dkim-sign.cli.missing-subcommand': 'name what to do, e.g. "inkan dkim keygen --domain example.com --selector s1"',
  'dkim-sign.cli.bad-type': (p: { value: string }) => `--type must be rsa or ed25519, not "${p.value}"`,
  'dkim-sign.cli.bad-bits': (p: { value: string }) => `--bits needs a whole number from 1024 to 8192, not "${p.value}"`,
  'dkim-sign.cli.bits-for-rsa': '--bits applies to RSA keys only; Ed25519 keys have one size',
  'dkim-sign.cli.exists': (p: { file: string }) => `${p.file} already exists; choose another --out prefix or move the file away`,
  'dkim-sign.cli.private-key': 'Private key (keep it secret; give it only to the program that signs your mail):',
  'dkim-sign.cli.private-key-written': (p: { file: string }) => `Private key written to ${p.file} (readable only by you; keep it secret).`,
  'dkim-sign.cli.zone-written': (p: { file: string }) => `Zone-file line written to ${p.file}.`,
  'dkim-sign.cli.publish': (p: { name: string; domain: string }) =>
    `Publish this TXT record in the DNS zone of ${p.domain}, at ${p.name}:`,
  'dkim-sign.cli.publish-fields': (p: { host: string; value: string }) =>
    `If your DNS provider asks for a name and a value instead:\n  name:  ${p.host}\n  value: ${p.value}`,
  'dkim-sign.cli.then': (p: { domain: string; selector: string }) =>
    `Once it is published, sign with --domain ${p.domain} --selector ${p.selector}.`,
};
