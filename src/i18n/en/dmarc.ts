/** English messages of the dmarc module. */
export const dmarc = {
  // Result words: what each means for a reader (RFC 9989 §9.2).
  'dmarc.meaning.pass': 'the message is authenticated for its From domain: SPF or DKIM passed for a domain aligned with it',
  'dmarc.meaning.fail': "the From domain publishes a DMARC policy, but neither SPF nor DKIM passed for a domain aligned with it",
  'dmarc.meaning.none': 'the From domain publishes no DMARC policy, so DMARC does not apply',
  'dmarc.meaning.temperror': 'a temporary DNS problem stopped the check; trying again later may give a real answer',
  'dmarc.meaning.permerror': 'DMARC cannot be evaluated for this message (a broken From field or an unusable policy record)',
  'dmarc.headline': (p: { result: string; domain: string }) => `DMARC ${p.result} for ${p.domain}`,
  'dmarc.headline.no-domain': (p: { result: string }) => `DMARC ${p.result}`,
  // Reasons.
  'dmarc.reason.aligned': (p: { by: string }) => `aligned and passing: ${p.by}`,
  'dmarc.reason.not-aligned': 'no passing SPF or DKIM identifier is aligned with the From domain',
  'dmarc.reason.no-policy': (p: { domain: string }) => `no DMARC policy record applies to ${p.domain} (none at the domain, its Organizational Domain or its public suffix)`,
  'dmarc.reason.no-author-domain': (p: { problem: string }) => `no single From domain: ${p.problem} (RFC 9989 §5.3.1)`,
  'dmarc.reason.invalid-author-domain': (p: { domain: string }) => `"${p.domain}" is not a valid domain name`,
  'dmarc.reason.invalid-policy': (p: { domain: string; tags: string }) =>
    `the DMARC record of ${p.domain} has an invalid ${p.tags} and no usable rua=, so no DMARC processing applies (RFC 9989 §4.10.1)`,
  'dmarc.reason.dns': (p: { type: string; name: string; what: string }) =>
    p.what === 'deadline' ? `the evaluation ran out of time at ${p.type} ${p.name}` : `the DNS query for ${p.type} ${p.name} failed (${p.what})`,
  'dmarc.from.missing-from': 'the message has no From field',
  'dmarc.from.multiple-from': 'the message has more than one From field',
  'dmarc.from.multiple-addresses': 'the From field has addresses in different domains',
  'dmarc.from.no-domain': 'the From field has no address with a domain',
  'dmarc.from.unparseable-from': 'the From field cannot be parsed',
  'dmarc.from.invalid-domain': 'the From address has no usable domain (e.g. an IP literal)',
  // Why a TXT string is not a DMARC record.
  'dmarc.not-record.no-version': 'it does not start with "v=DMARC1"',
  'dmarc.not-record.bad-version': 'the version must be exactly "DMARC1" (upper case)',
  'dmarc.not-record.too-long': 'the record is too long to be a DMARC record',
  // Record problems (dmarc.problem.<code>).
  'dmarc.problem.tag-syntax': (p: { detail?: string }) => `"${p.detail ?? ''}" is not a tag=value pair; it is ignored`,
  'dmarc.problem.duplicate-tag': (p: { tag?: string }) => `${p.tag}= appears more than once; every copy is ignored`,
  'dmarc.problem.invalid-value': (p: { tag?: string; detail?: string }) => `"${p.detail ?? ''}" is not a valid value for ${p.tag}=; the default is used instead`,
  'dmarc.problem.missing-p': 'there is no p= tag: RFC 9989 treats the record as p=none, but receivers following RFC 7489 may ignore the record',
  'dmarc.problem.removed-tag': (p: { tag?: string }) => `${p.tag}= was removed by RFC 9989 and is ignored by receivers that follow it`,
  'dmarc.problem.unknown-tag': (p: { tag?: string; detail?: string }) =>
    `${p.tag}= is not a DMARC tag and is ignored${p.detail ? ` (tag names are case-sensitive: did you mean ${p.detail}=?)` : ''}`,
  'dmarc.problem.bad-uri': (p: { tag?: string; detail?: string }) => `"${p.detail ?? ''}" in ${p.tag}= is not a valid report URI; it is ignored`,
  'dmarc.problem.unsupported-uri-scheme': (p: { tag?: string; detail?: string }) =>
    `${p.detail} in ${p.tag}= is not a mailto: URI; receivers only have to support mailto:`,
  'dmarc.problem.obsolete-size-limit': (p: { detail?: string }) => `the size limit ${p.detail} is obsolete syntax that RFC 9989 receivers ignore`,
  'dmarc.problem.too-many-uris': (p: { tag?: string; detail?: string }) => `${p.tag}= lists more than ${p.detail} URIs; the rest are ignored`,
  'dmarc.problem.fo-without-ruf': 'fo= has no effect without ruf=',
  'dmarc.severity.error': 'error',
  'dmarc.severity.warning': 'warning',
  'dmarc.severity.info': 'info',
  'dmarc.problem.at': (p: { severity: string; column: number; message: string }) => `[${p.severity}] column ${p.column}: ${p.message}`,
  // What each tag value means.
  'dmarc.tag.v': 'this is a DMARC record, version 1',
  'dmarc.tag.p.none': 'policy for the domain: none — take no action on mail that fails DMARC (monitoring only; this does not protect the domain)',
  'dmarc.tag.p.quarantine': 'policy for the domain: quarantine — mail that fails DMARC should be treated as suspicious (usually put in the spam folder)',
  'dmarc.tag.p.reject': 'policy for the domain: reject — mail that fails DMARC should be refused',
  'dmarc.tag.sp.none': 'policy for existing subdomains: none — no action on failing mail',
  'dmarc.tag.sp.quarantine': 'policy for existing subdomains: quarantine — failing mail goes to spam',
  'dmarc.tag.sp.reject': 'policy for existing subdomains: reject — failing mail is refused',
  'dmarc.tag.np.none': 'policy for non-existent subdomains: none — no action on failing mail',
  'dmarc.tag.np.quarantine': 'policy for non-existent subdomains: quarantine — failing mail goes to spam',
  'dmarc.tag.np.reject': 'policy for non-existent subdomains: reject — mail from names that do not exist is refused',
  'dmarc.tag.psd.y': 'this domain is a public suffix (like a registry): its subdomains are separate organizations',
  'dmarc.tag.psd.n': 'this domain is an Organizational Domain: it and its subdomains belong to one organization',
  'dmarc.tag.psd.u': 'not saying whether this is a public suffix (the default)',
  'dmarc.tag.t.y': 'testing mode: receivers should apply one level less than the policy (reject becomes quarantine, quarantine becomes none)',
  'dmarc.tag.t.n': 'not in testing mode: the policy should be applied as written (the default)',
  'dmarc.tag.adkim.r': 'DKIM alignment relaxed: a signature from any domain of the same organization counts',
  'dmarc.tag.adkim.s': 'DKIM alignment strict: the signing domain must be exactly the From domain',
  'dmarc.tag.aspf.r': 'SPF alignment relaxed: a MAIL FROM domain of the same organization counts',
  'dmarc.tag.aspf.s': 'SPF alignment strict: the MAIL FROM domain must be exactly the From domain',
  'dmarc.tag.fo': (p: { options: string }) => `failure reports requested when: ${p.options}`,
  'dmarc.tag.fo.0': 'both SPF and DKIM fail to give an aligned pass',
  'dmarc.tag.fo.1': 'either SPF or DKIM fails to give an aligned pass',
  'dmarc.tag.fo.d': 'a DKIM signature fails',
  'dmarc.tag.fo.s': 'SPF fails',
  'dmarc.tag.rua': (p: { uris: string }) => `send daily aggregate reports to ${p.uris}`,
  'dmarc.tag.ruf': (p: { uris: string }) => `send per-message failure reports to ${p.uris}`,
  'dmarc.tag.pct': (p: { value: string }) => `apply the policy to ${p.value}% of failing mail (RFC 7489 only; removed by RFC 9989, use t=y instead)`,
  'dmarc.tag.rf': (p: { value: string }) => `failure report format ${p.value} (RFC 7489 only; removed by RFC 9989)`,
  'dmarc.tag.ri': (p: { value: string }) => `aggregate report interval ${p.value} seconds (RFC 7489 only; removed by RFC 9989)`,
  'dmarc.tag.unknown': 'not a DMARC tag: ignored',
  'dmarc.tag.invalid': 'invalid value: ignored, the default applies',
  'dmarc.tag.duplicate': 'repeated tag: ignored',
  // Where the policy came from, and Organizational Domains.
  'dmarc.source.author': (p: { domain: string }) => `found at the From domain itself, _dmarc.${p.domain}`,
  'dmarc.source.organizational': (p: { domain: string }) => `inherited from the Organizational Domain, _dmarc.${p.domain}`,
  'dmarc.source.psd': (p: { domain: string }) => `inherited from the public suffix domain, _dmarc.${p.domain} (psd=y)`,
  'dmarc.org-rule.psd=n': 'its record says psd=n',
  'dmarc.org-rule.psd=y': 'it is one label below a record with psd=y',
  'dmarc.org-rule.fewest-labels': 'it is the highest name with a DMARC record',
  'dmarc.org-rule.no-record': 'no DMARC record was found above it, so it is its own',
  'dmarc.org-rule.psl': 'by the Public Suffix List (RFC 7489)',
  'dmarc.org-rule.psl-suffix': 'it is itself a public suffix, so it is its own (RFC 7489)',
  'dmarc.org-domain': (p: { domain: string; orgDomain: string; rule: string }) => `Organizational Domain of ${p.domain}: ${p.orgDomain} (${p.rule})`,
  // Alignment.
  'dmarc.identifier.spf': 'SPF',
  'dmarc.identifier.dkim': 'DKIM',
  'dmarc.mode.r': 'relaxed',
  'dmarc.mode.s': 'strict',
  'dmarc.alignment.aligned': (p: { identifier: string; domain: string; mode: string; how: string }) => `${p.identifier} ${p.domain}: passes and is aligned (${p.mode}: ${p.how})`,
  'dmarc.alignment.not-aligned': (p: { identifier: string; domain: string; mode: string }) => `${p.identifier} ${p.domain}: passes but is not aligned (${p.mode})`,
  'dmarc.alignment.not-authenticated': (p: { identifier: string; domain: string; result: string }) => `${p.identifier} ${p.domain}: ${p.result}, so it cannot count`,
  'dmarc.alignment.helo-not-used': (p: { identifier: string; domain: string }) => `${p.identifier} ${p.domain}: a HELO result, which DMARC uses only when MAIL FROM is empty`,
  'dmarc.alignment.not-evaluated': (p: { identifier: string; domain: string }) => `${p.identifier} ${p.domain}: not checked (too many signing domains)`,
  'dmarc.alignment.temperror': (p: { identifier: string; domain: string }) => `${p.identifier} ${p.domain}: its Organizational Domain could not be found (DNS error)`,
  'dmarc.how.identical': 'the same domain',
  'dmarc.how.same-org-domain': 'the same Organizational Domain',
  // Policy and disposition.
  'dmarc.applied': (p: { tag: string; policy: string }) => `policy applied: ${p.tag}=${p.policy}`,
  'dmarc.disposition': (p: { disposition: string }) => `disposition: ${p.disposition}`,
  'dmarc.override.policy_test_mode': 'testing mode (t=y): one level below the policy',
  'dmarc.override.sampled_out': (p: { comment?: string }) => `not selected by ${p.comment ?? 'pct'}: one level below the policy (RFC 7489)`,
  'dmarc.override.local_policy': (p: { comment?: string }) => `local policy${p.comment ? `: ${p.comment}` : ''}`,
  'dmarc.override.mailing_list': (p: { comment?: string }) => `mailing list${p.comment ? `: ${p.comment}` : ''}`,
  'dmarc.override.trusted_forwarder': (p: { comment?: string }) => `trusted forwarder${p.comment ? `: ${p.comment}` : ''}`,
  'dmarc.override.forwarded': (p: { comment?: string }) => `forwarded${p.comment ? `: ${p.comment}` : ''}`,
  'dmarc.override.other': (p: { comment?: string }) => `other${p.comment ? `: ${p.comment}` : ''}`,
  // Trace (--explain).
  'dmarc.explain.steps': 'Steps:',
  'dmarc.purpose.policy': 'policy',
  'dmarc.purpose.org-domain': 'organizational domain',
  'dmarc.purpose.existence': 'existence',
  'dmarc.trace.query': (p: { type: string; name: string; answer: string; purpose: string; count: number }) => `DNS ${p.type} ${p.name} -> ${p.answer} [${p.purpose}, query ${p.count}]`,
  'dmarc.trace.lookup.record': (p: { domain: string; text?: string }) => `DMARC record at ${p.domain}: "${p.text ?? ''}"`,
  'dmarc.trace.lookup.none': (p: { domain: string }) => `no DMARC record at ${p.domain}`,
  'dmarc.trace.lookup.multiple': (p: { domain: string; count?: number }) => `${p.count ?? 2} DMARC records at ${p.domain}: all discarded (RFC 9989 §4.10)`,
  'dmarc.trace.lookup.error': (p: { domain: string }) => `DMARC lookup at ${p.domain} failed`,
  'dmarc.trace.policy': (p: { domain: string; source: string }) => `policy record: ${p.domain} (${p.source})`,
  'dmarc.trace.existence': (p: { domain: string; exists: string }) => `does ${p.domain} exist? ${p.exists}`,
  'dmarc.trace.limit': (p: { count: number; limit: number }) => `${p.count} passing signature(s) not checked: at most ${p.limit} signing domains are`,
  'dmarc.yes': 'yes',
  'dmarc.no': 'no',
  'dmarc.unknown': 'unknown',
  // `inkan dmarc DOMAIN`.
  'dmarc.cli.record': (p: { domain: string; text: string }) => `DMARC record for ${p.domain}:\n  "${p.text}"`,
  'dmarc.cli.none': (p: { domain: string }) => `No DMARC policy applies to ${p.domain}: mail using it is not protected by DMARC.`,
  'dmarc.cli.temperror': (p: { reason: string }) => `The DMARC lookup could not finish: ${p.reason}. Try again later.`,
  'dmarc.cli.invalid-domain': (p: { domain: string }) => `"${p.domain}" is not a valid domain name.`,
  'dmarc.cli.walk': (p: { count: number }) => `DNS queries (${p.count}, the tree walk asks at most 8 names):`,
  'dmarc.cli.walk.step': (p: { name: string; result: string }) => `  ${p.name}: ${p.result}`,
  'dmarc.cli.found-at': (p: { where: string }) => `Where: ${p.where}`,
  'dmarc.cli.applies': (p: { domain: string; tag: string; policy: string }) => `For mail from ${p.domain} the ${p.tag}= policy applies: ${p.policy}`,
  'dmarc.cli.applies-np': (p: { domain: string; np: string }) => `(if ${p.domain} did not exist, np=${p.np} would apply)`,
  'dmarc.cli.method': (p: { method: string }) => `Organizational Domain method: ${p.method}`,
  'dmarc.cli.method.tree-walk': 'DNS tree walk (RFC 9989)',
  'dmarc.cli.method.psl': (p: { version: string }) => `Public Suffix List (RFC 7489), data from ${p.version}`,
  'dmarc.cli.tags': 'What the record says:',
  'dmarc.cli.problems': 'Problems:',
  'dmarc.cli.warnings': 'Warnings:',
  'dmarc.cli.unusable': (p: { tags: string }) => `The record's ${p.tags} is invalid and there is no usable rua=, so receivers apply no DMARC processing (RFC 9989 §4.10.1).`,
  'dmarc.cli.replaced': (p: { tags: string }) => `The record's ${p.tags} is invalid; because rua= is usable, receivers act as if it said p=none (RFC 9989 §4.10.1).`,
  'dmarc.warn.p-none': 'p=none only monitors: failing mail is delivered as usual, so the domain is not protected against spoofing. Move to quarantine, then reject, once reports show all legitimate mail passes.',
  'dmarc.warn.no-rua': 'there is no rua=, so no aggregate reports will arrive: you cannot see who sends mail as this domain.',
  'dmarc.warn.testing': 't=y: testing mode, receivers apply one level less than the policy.',
  'dmarc.warn.external-rua': (p: { domain: string; policyDomain: string }) =>
    `reports to ${p.domain} go outside ${p.policyDomain}: ${p.domain} must publish "v=DMARC1" at ${p.policyDomain}._report._dmarc.${p.domain}, or receivers will not send them (RFC 9990 §3)`,
  'dmarc.warn.sp-ignored': 'sp= is ignored here: it only has effect in a record at an Organizational Domain.',
  'dmarc.cli.missing-domain': 'name the domain to check, e.g. "inkan dmarc example.com"',
  'dmarc.cli.help': `inkan dmarc — which DMARC policy protects this domain? (RFC 9989)

Usage:
  inkan dmarc DOMAIN [options]
  inkan dmarc build --p quarantine --rua mailto:... [options]   (see inkan dmarc build --help)

Shows the DMARC record that applies to mail from DOMAIN, where the DNS tree
walk found it (every query), the Organizational Domain, what each tag means,
and warnings (p=none does not protect, removed tags, report destinations).

Options:
  --psl               find the Organizational Domain with the Public Suffix List
                      (RFC 7489) instead of the DNS tree walk
  --rfc7489           follow RFC 7489 (implies --psl)
  --zone FILE         answer DNS from a zone file (repeatable)
  --dns HOST[:PORT]   ask this DNS server (repeatable)
  --timeout MS        DNS timeout per query
  --json              machine-readable output
  --lang en|ja        language of the output

Exit codes:
  0  a valid policy applies
  1  no policy, or the policy record is unusable
  2  usage error
  3  temporary DNS failure`,
};
