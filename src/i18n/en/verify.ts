/** English messages of the verify pipeline and its command. */
export const verify = {
  'verify.help': `inkan verify — check a message as a receiving mail server does: SPF, DKIM and DMARC

Usage:
  inkan verify FILE|- --ip IP [--helo NAME] [--mail-from ADDRESS] [--authserv-id ID] [options]

Reads the message (a file, or standard input for "-") exactly as received, and the
SMTP facts of its delivery: the client's IP address, its HELO name and the envelope
sender (MAIL FROM). Runs SPF for the connection, verifies every DKIM-Signature, and
evaluates DMARC for the author's domain (the From header), with the independent DNS
lookups in parallel. A forwarded message with ARC header fields also has its ARC
chain validated (RFC 8617): each set's sealer, cv=, verdicts and what it saw. Prints what each check found, then the exact
Authentication-Results and Received-SPF header fields it would add, so you can
compare them with what your mail server wrote.

Options:
  --ip IP              the connecting client's address (required)
  --helo NAME          the name the client gave in HELO/EHLO
  --mail-from ADDRESS  the envelope sender; "" (or omitted) for a bounce
  --authserv-id ID     this receiver's name in Authentication-Results (default: host name)
  --now TIME           when the message arrived (ISO 8601), for mail that waited in a queue
  --dmarc-mode MODE    rfc9989 (default, DNS tree walk) or rfc7489 (Public Suffix List)
  --trusted-arc-sealer DOMAIN
                       trust this ARC sealer (repeatable): when DMARC fails but its
                       passing ARC chain says SPF, DKIM or DMARC passed, do not apply
                       the policy (recorded as a trusted_forwarder override)
  --explain            every step of every check: records, keys, hashes, DNS answers
  --report-log FILE    append this message's DMARC evaluation row (JSON Lines) to FILE,
                       for "inkan reports generate --rows FILE" (aggregate reports as a receiver)

DNS:
  --zone FILE          answer from this zone file (repeatable) instead of DNS
  --dns HOST[:PORT]    ask this DNS server (repeatable), e.g. 127.0.0.1:5353
  --timeout MS         time allowed for one DNS query (default 2000)

Output:
  --json               machine-readable results and the header fields (same in every language)
  --lang ja|en         language of the text (default: from LANG)

Exit codes: 0 DMARC pass; 1 DMARC fail, none or permerror; 2 usage error; 3 DMARC temperror

Examples:
  inkan verify message.eml --ip 192.0.2.10 --helo mail.example.com --mail-from alice@example.com --zone examples/example.zone
  cat message.eml | inkan verify - --ip 2001:db8::25 --mail-from "" --helo mx.example.org --explain`,
  'verify.unreadable': (p: { limit: string; max: number }) =>
    `The message header could not be read (limit ${p.limit} = ${p.max} exceeded): DKIM was not evaluated and DMARC has no author domain.`,
  'verify.no-dkim': 'DKIM none: the message has no DKIM-Signature.',
  'verify.dkim-not-evaluated': (p: { count: number; limit: number }) =>
    `${p.count} more DKIM-Signature field${p.count === 1 ? ' was' : 's were'} not evaluated (at most ${p.limit} per message).`,
  'verify.headers': 'Header fields to add:',
  'verify.error.dmarc-mode': (p: { value: string }) => `--dmarc-mode must be rfc9989 or rfc7489, not "${p.value}"`,
};
