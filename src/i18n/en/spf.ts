/** English messages of the SPF module. */
export const spf = {
  'spf.syntax.not-spf': 'the record does not start with "v=spf1"',
  'spf.syntax.non-ascii': 'SPF records must be 7-bit ASCII',
  'spf.syntax.control-char': 'a control character (terms are separated by spaces only)',
  'spf.syntax.unknown-mechanism': 'unknown mechanism',
  'spf.syntax.missing-argument': 'the term needs a value after ":" or "="',
  'spf.syntax.unexpected-argument': 'this mechanism takes no such argument',
  'spf.syntax.bad-cidr': 'invalid CIDR prefix length (IPv4 0–32, IPv6 0–128, no leading zeros)',
  'spf.syntax.bad-ip4': 'invalid IPv4 address',
  'spf.syntax.bad-ip6': 'invalid IPv6 address',
  'spf.syntax.bad-domain-spec': 'the domain must end in a macro or in "." and a valid top-level label',
  'spf.syntax.bad-macro': 'malformed macro (use %{letter}, %%, %_ or %-)',
  'spf.syntax.exp-only-macro': 'the macro letters c, r and t are allowed only in explanation text',
  'spf.syntax.duplicate-modifier': 'redirect= and exp= may each appear only once',
  'spf.syntax.bad-modifier-name': 'invalid modifier name',
  'spf.syntax.at': (p: { position: number; term?: string; detail?: string; reason: string }) =>
    `syntax error at column ${p.position + 1}${p.term ? ` in "${p.term}"` : ''}: ${p.reason}${p.detail ? ` (${p.detail})` : ''}`,
  // Results: the RFC word stays as is; these say what it means for a reader.
  'spf.meaning.pass': 'the domain authorizes this IP address to send its mail',
  'spf.meaning.fail': 'the domain states that this IP address may not send its mail; receivers may reject the message',
  'spf.meaning.softfail':
    'the domain states that this IP address is probably not allowed to send its mail, but asks receivers not to reject on that alone (usually the message is accepted and marked as suspicious)',
  'spf.meaning.neutral': 'the domain makes no statement about this IP address; treat it as if there were no SPF record',
  'spf.meaning.none': 'no SPF record applies, so SPF says nothing about this IP address',
  'spf.meaning.temperror': 'a temporary DNS problem stopped the check; trying again later may give a real answer',
  'spf.meaning.permerror': "the domain's SPF record cannot be evaluated; only the domain owner can fix this",
  'spf.identity.mailfrom': 'MAIL FROM',
  'spf.identity.helo': 'HELO',
  'spf.explain.headline': (p: { result: string; domain: string; identity: string; ip: string }) =>
    `SPF ${p.result} for ${p.domain} (${p.identity}), client ${p.ip}`,
  'spf.explain.matched': (p: { term: string; domain: string }) => `decided by "${p.term}" in the record of ${p.domain}`,
  'spf.explain.default-neutral': 'no mechanism matched and there is no redirect=, so the result is neutral (RFC 7208 §4.7)',
  'spf.explain.explanation': (p: { text: string }) => `explanation given by the domain: "${p.text}"`,
  'spf.explain.counts': (p: { lookups: number; voidLookups: number; queries: number }) =>
    `DNS-querying terms: ${p.lookups} (limit 10); void lookups: ${p.voidLookups} (limit 2); DNS queries in all: ${p.queries}`,
  'spf.explain.steps': 'Steps:',
  // Reasons for none, permerror and temperror.
  'spf.reason.invalid-domain': (p: { domain: string }) =>
    `"${p.domain}" is not a domain name that can have an SPF record (it must have at least two labels; RFC 7208 §4.3)`,
  'spf.reason.nxdomain': (p: { domain: string }) => `the domain ${p.domain} does not exist (NXDOMAIN)`,
  'spf.reason.no-record': (p: { domain: string }) => `${p.domain} publishes no SPF record (no TXT record starting with "v=spf1")`,
  'spf.reason.syntax': (p: { domain: string; message: string }) => `the SPF record of ${p.domain} is invalid: ${p.message}`,
  'spf.reason.multiple-records': (p: { domain: string; count: number }) =>
    `${p.domain} publishes ${p.count} SPF records; there must be exactly one (RFC 7208 §4.5)`,
  'spf.reason.too-many-lookups': (p: { domain: string; term: string; limit: number }) =>
    `more than ${p.limit} DNS-querying terms (include, a, mx, ptr, exists, redirect) were needed; the limit was passed at "${p.term}" in ${p.domain} (RFC 7208 §4.6.4)`,
  'spf.reason.too-many-void-lookups': (p: { domain: string; term: string; limit: number }) =>
    `more than ${p.limit} lookups found nothing (NXDOMAIN or no records); the limit was passed at "${p.term}" in ${p.domain} (RFC 7208 §4.6.4)`,
  'spf.reason.too-many-mx': (p: { domain: string; target: string; count: number; limit: number }) =>
    `${p.target} has ${p.count} MX records, but an "mx" term in ${p.domain} may look at only ${p.limit} (RFC 7208 §4.6.4)`,
  'spf.reason.include-none': (p: { domain: string; target: string }) =>
    `"include:${p.target}" in ${p.domain} points to a domain without an SPF record (RFC 7208 §5.2)`,
  'spf.reason.redirect-none': (p: { domain: string; target: string }) =>
    `"redirect=${p.target}" in ${p.domain} points to a domain without an SPF record (RFC 7208 §6.1)`,
  'spf.reason.dns-timeout': (p: { name: string; type: string }) => `the DNS query for ${p.type} ${p.name} timed out`,
  'spf.reason.dns-error': (p: { name: string; type: string; rcode: string }) => `the DNS query for ${p.type} ${p.name} failed (${p.rcode})`,
  'spf.reason.deadline': (p: { timeout?: number }) =>
    p.timeout === undefined ? 'the check was abandoned before it finished' : `the check did not finish within ${p.timeout} ms`,
  // Trace steps (--explain).
  'spf.trace.lookup': (p: { type: string; name: string; answer: string; lookups: number; voidLookups: number }) =>
    `DNS ${p.type} ${p.name} -> ${p.answer} [terms ${p.lookups}, void ${p.voidLookups}]`,
  'spf.trace.record': (p: { domain: string; text: string }) => `SPF record of ${p.domain}: "${p.text}"`,
  'spf.trace.term': (p: { term: string; target?: string; matched: boolean }) =>
    `${p.term}${p.target !== undefined ? ` (target ${p.target})` : ''}: ${p.matched ? 'matches' : 'does not match'}`,
  'spf.trace.include': (p: { target: string; result: string }) =>
    `include:${p.target} gave ${p.result}, so the include ${p.result === 'pass' ? 'matches' : 'does not match'}`,
  'spf.trace.redirect': (p: { target: string }) => `no mechanism matched: following redirect=${p.target}`,
  'spf.trace.limit.dns': (p: { count: number }) => `limit: this would be DNS-querying term number ${p.count}`,
  'spf.trace.limit.void': (p: { count: number }) => `limit: this is void lookup number ${p.count}`,
  'spf.trace.limit.mx-names': (p: { count: number }) => `${p.count} MX records: only the first 10 are looked at`,
  'spf.trace.limit.ptr-names': (p: { count: number }) => `${p.count} PTR names: only the first 10 are looked at`,
  'spf.trace.error': (p: { domain: string; code: string }) => `stopped while evaluating ${p.domain} (${p.code})`,
};
