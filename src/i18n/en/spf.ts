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
};
