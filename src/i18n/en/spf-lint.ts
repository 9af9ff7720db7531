import type { SpfLintParams as P, SpfNoRecordReason } from '../../spf/lint-types.js';
import { spf } from './spf.js';

const noRecord: Record<SpfNoRecordReason, string> = {
  nxdomain: 'the name does not exist (NXDOMAIN)',
  'no-txt': 'it has no TXT records',
  'no-spf': 'none of its TXT records starts with "v=spf1"',
  lookalike: 'its TXT record that was meant to be SPF is mistyped',
};

/** English messages of the SPF lint: each finding's problem (`lint.<id>`) and fix (`lint.<id>.fix`), and the tree. */
export const spfLint = {
  'lint.spf.record.none': (p: P['spf.record.none']) =>
    `${p.domain} has no SPF record: ${noRecord[p.reason]}. Receivers get SPF "none" and cannot tell your mail from forgeries.`,
  'lint.spf.record.none.fix': (p: P['spf.record.none']) =>
    p.reason === 'lookalike'
      ? 'Replace the mistyped TXT record with the corrected record shown.'
      : p.reason === 'nxdomain'
        ? `Check the spelling of ${p.domain}; if it sends mail, create it in DNS and publish an SPF TXT record there.`
        : `Publish one TXT record at ${p.domain} that starts with "v=spf1" and lists every server and service that sends its mail, e.g. "v=spf1 include:<your provider> ~all". If the domain sends no mail at all, publish "v=spf1 -all" as shown.`,
  'lint.spf.record.multiple': (p: P['spf.record.multiple']) =>
    `${p.domain} publishes ${p.count} SPF records. RFC 7208 §4.5 allows exactly one: receivers return permerror and SPF fails for all mail.`,
  'lint.spf.record.multiple.fix': (p: P['spf.record.multiple']) =>
    `Publish only one SPF record at ${p.domain}: merge the mechanisms of all of them into a single "v=spf1 ..." TXT record (a merged record is shown when it is obvious) and delete the others.`,
  'lint.spf.record.syntax': (p: P['spf.record.syntax']) =>
    `The SPF record of ${p.domain} has a syntax error at column ${p.position + 1}${p.term ? ` in "${p.term}"` : ''}: ${spf[`spf.syntax.${p.code}`]}${p.detail ? ` (${p.detail})` : ''}. Receivers return permerror.`,
  'lint.spf.record.syntax.fix': (p: P['spf.record.syntax']) =>
    `Correct ${p.term ? `"${p.term}"` : 'the record'} so that it follows RFC 7208 §12, then check the record again.`,
  'lint.spf.record.lookalike': (p: P['spf.record.lookalike']) =>
    `A TXT record of ${p.domain} looks like SPF but is not valid SPF, so receivers ignore it: "${p.text}".`,
  'lint.spf.record.lookalike.fix': (p: P['spf.record.lookalike']) =>
    `Replace it with "${p.corrected}": an SPF record starts with exactly "v=spf1" followed by a space, without quotes or leading spaces.`,
  'lint.spf.record.sender-id': (p: P['spf.record.sender-id']) =>
    `${p.domain} still publishes a Sender ID record ("${p.text}"). Sender ID (RFC 4406) is obsolete and nobody checks it.`,
  'lint.spf.record.sender-id.fix': () => 'You can delete this record; it has no effect on SPF.',
  'lint.spf.record.too-long': (p: P['spf.record.too-long']) =>
    `The SPF record of ${p.domain} is ${p.bytes} bytes; RFC 7208 §3.4 recommends at most ${p.limit} so that DNS answers fit in one UDP packet.`,
  'lint.spf.record.too-long.fix': () =>
    'Shorten it: merge ip4/ip6 ranges into wider prefixes, remove senders you no longer use, or move groups of addresses into an include of your own subdomain.',
  'lint.spf.string.too-long': (p: P['spf.string.too-long']) =>
    `Character-string ${p.index} of the SPF record of ${p.domain} is ${p.bytes} bytes; a DNS character-string holds at most ${p.limit}, so many DNS servers will refuse or cut it.`,
  'lint.spf.string.too-long.fix': () =>
    'Split the record into several quoted strings of at most 255 bytes each, as shown; receivers join them without adding spaces.',
  'lint.spf.string.missing-space': (p: P['spf.string.missing-space']) =>
    `The SPF record of ${p.domain} is split into strings, and strings ${p.index} and ${p.index + 1} join without a space ("…${p.before.slice(-20)}" + "${p.after.slice(0, 20)}…"), gluing two terms into one.`,
  'lint.spf.string.missing-space.fix': () =>
    'Receivers concatenate the strings exactly as they are: end the first string with a space (or start the next one with one), as shown.',
  'lint.spf.rr-spf.obsolete': (p: P['spf.rr-spf.obsolete']) =>
    `${p.domain} publishes a record of the obsolete SPF type (99). RFC 7208 §3.1 discontinued it; receivers only read TXT.`,
  'lint.spf.rr-spf.obsolete.fix': () => 'Delete the SPF-type record and keep the TXT record.',
  'lint.spf.rr-spf.differs': (p: P['spf.rr-spf.differs']) =>
    `The SPF-type record of ${p.domain} ("${p.spf}") differs from its TXT SPF record ("${p.txt}"), which suggests one of them was forgotten when the other was changed.`,
  'lint.spf.rr-spf.differs.fix': () => 'Delete the SPF-type record; only the TXT record counts. Make sure the TXT record is the one you want.',
  'lint.spf.lookups.too-many': (p: P['spf.lookups.too-many']) =>
    `The SPF record of ${p.domain} needs ${p.count} DNS lookups; RFC 7208 §4.6.4 allows ${p.limit}, so receivers return permerror and SPF fails for all mail. Per branch: ${p.branches}.`,
  'lint.spf.lookups.too-many.fix': (p: P['spf.lookups.too-many']) =>
    `Bring it to ${p.limit} or fewer: remove includes of services you no longer use, replace a, mx and ptr with ip4/ip6 ranges, or send some mail from a subdomain with its own SPF record. A reduced record is shown when it is obvious; do not copy a provider's addresses yourself, they change.`,
  'lint.spf.lookups.near-limit': (p: P['spf.lookups.near-limit']) =>
    `The SPF record of ${p.domain} needs ${p.count} of the ${p.limit} DNS lookups allowed; one more include from you or a provider and SPF fails.`,
  'lint.spf.lookups.near-limit.fix': () =>
    'Keep a margin: remove unused includes and replace a and mx with ip4/ip6 ranges where your addresses are stable.',
  'lint.spf.mx.too-many-names': (p: P['spf.mx.too-many-names']) =>
    `"${p.term}" in the SPF record of ${p.domain} has ${p.count} MX names; RFC 7208 §4.6.4 allows ${p.limit}, so the mechanism is a permerror.`,
  'lint.spf.mx.too-many-names.fix': () => 'Replace "mx" with the ip4/ip6 ranges of the servers that really send mail.',
  'lint.spf.void.too-many': (p: P['spf.void.too-many']) =>
    `The SPF tree of ${p.domain} has ${p.count} void lookups (names that do not exist or have no records); RFC 7208 §4.6.4 allows ${p.limit}, so receivers return permerror.`,
  'lint.spf.void.too-many.fix': () => 'Remove or correct the terms that point at names without records (listed as void lookups).',
  'lint.spf.void.lookup': (p: P['spf.void.lookup']) =>
    `"${p.term}" in the SPF record of ${p.domain} looks up ${p.name}, which ${p.status === 'nxdomain' ? 'does not exist' : 'has no such records'}: a void lookup (receivers allow only 2).`,
  'lint.spf.void.lookup.fix': (p: P['spf.void.lookup']) => `Remove "${p.term}", or correct the name if it is misspelt.`,
  'lint.spf.ptr.used': (p: P['spf.ptr.used']) =>
    `The SPF record of ${p.domain} uses "${p.term}". RFC 7208 §5.5 says ptr SHOULD NOT be used: it is slow, unreliable, and some receivers ignore it.`,
  'lint.spf.ptr.used.fix': () => 'Replace ptr with the ip4/ip6 ranges (or an "a:" name) of the servers that send your mail.',
  'lint.spf.all.pass': (p: P['spf.all.pass']) =>
    `The SPF record of ${p.domain} ends in "${p.term}": every server on the Internet passes SPF for this domain.`,
  'lint.spf.all.pass.fix': () =>
    'Use "~all" (softfail) as shown, and "-all" once you are sure every legitimate sender is listed.',
  'lint.spf.all.neutral': (p: P['spf.all.neutral']) =>
    `The SPF record of ${p.domain} ends in "${p.term}": unlisted servers get "neutral", which protects nothing.`,
  'lint.spf.all.neutral.fix': () => 'Use "~all" as shown, and "-all" once every legitimate sender is listed.',
  'lint.spf.all.missing': (p: P['spf.all.missing']) =>
    `The SPF record of ${p.domain} has no "all" and no "redirect": unlisted servers get the default "neutral" (RFC 7208 §4.7).`,
  'lint.spf.all.missing.fix': () => 'End the record with "~all" as shown (or "-all" once every sender is listed).',
  'lint.spf.all.not-last': (p: P['spf.all.not-last']) =>
    `In the SPF record of ${p.domain}, ${p.count === 1 ? 'a term comes' : `${p.count} terms come`} after "all" and ${p.count === 1 ? 'is' : 'are'} never evaluated: ${p.terms}.`,
  'lint.spf.all.not-last.fix': () =>
    'Remove them as shown (this keeps today\'s behaviour). If you meant to authorise those senders, move them before "all" instead.',
  'lint.spf.redirect.ignored': (p: P['spf.redirect.ignored']) =>
    `The SPF record of ${p.domain} has both "all" and "${p.term}"; RFC 7208 §6.1 ignores redirect when "all" is present.`,
  'lint.spf.redirect.ignored.fix': () =>
    'Remove the redirect as shown (this keeps today\'s behaviour), or remove "all" if the redirected record should decide.',
  'lint.spf.include.self': (p: P['spf.include.self']) =>
    `The SPF record of ${p.domain} points at itself with "${p.term}": an endless loop, which receivers end with permerror.`,
  'lint.spf.include.self.fix': (p: P['spf.include.self']) => `Remove "${p.term}".`,
  'lint.spf.include.loop': (p: P['spf.include.loop']) =>
    `"${p.term}" in the SPF record of ${p.domain} closes a loop (${p.cycle}); receivers end it with permerror.`,
  'lint.spf.include.loop.fix': (p: P['spf.include.loop']) => `Remove "${p.term}" or the term further down that points back.`,
  'lint.spf.include.no-record': (p: P['spf.include.no-record']) =>
    `${p.domain} includes ${p.target}, which has no SPF record (${noRecord[p.reason]}). RFC 7208 §5.2 makes that a permerror.`,
  'lint.spf.include.no-record.fix': (p: P['spf.include.no-record']) =>
    `Check the spelling of ${p.target} against your provider's instructions, or remove the include if you no longer use that service.`,
  'lint.spf.redirect.no-record': (p: P['spf.redirect.no-record']) =>
    `${p.domain} redirects to ${p.target}, which has no SPF record (${noRecord[p.reason]}). RFC 7208 §6.1 makes that a permerror.`,
  'lint.spf.redirect.no-record.fix': (p: P['spf.redirect.no-record']) =>
    `Publish an SPF record at ${p.target}, or point the redirect at the right name.`,
  'lint.spf.include.duplicate': (p: P['spf.include.duplicate']) =>
    `${p.target} is reached ${p.count} times in the SPF tree of ${p.domain}; each time costs DNS lookups again.`,
  'lint.spf.include.duplicate.fix': (p: P['spf.include.duplicate']) =>
    `Include ${p.target} once: remove the include from your record if a provider's record already includes it.`,
  'lint.spf.dns.incomplete': (p: P['spf.dns.incomplete']) =>
    `The ${p.type} query for ${p.name} failed (${p.status}) while checking ${p.domain}; this result is incomplete, and receivers that see the same failure return temperror.`,
  'lint.spf.dns.incomplete.fix': (p: P['spf.dns.incomplete']) =>
    `Check that the name servers of ${p.name} answer, then run the check again.`,
  'lint.spf.walk.truncated': (p: P['spf.walk.truncated']) =>
    `The SPF tree of ${p.domain} is too ${p.which === 'depth' ? 'deep' : 'large'} to walk completely (limit ${p.limit}); the counts are lower than the truth.`,
  'lint.spf.walk.truncated.fix': () => 'Simplify the include chain; no receiver follows a tree this large anyway.',
  'lint.spf.modifier.unknown': (p: P['spf.modifier.unknown']) =>
    `The SPF record of ${p.domain} has the unknown modifier "${p.term}"; receivers ignore it (RFC 7208 §6).`,
  'lint.spf.modifier.unknown.fix': (p: P['spf.modifier.unknown']) =>
    `If "${p.name}" is a typo of "redirect" or "exp", correct it; otherwise you can remove it.`,
  'lint.spf.exp.present': (p: P['spf.exp.present']) =>
    `The SPF record of ${p.domain} has "${p.term}": receivers may show that text when they reject mail (RFC 7208 §6.2). It costs a DNS lookup only on failure.`,
  'lint.spf.exp.present.fix': () => 'Nothing to do if the explanation text is published and correct.',
  'lint.spf.macro.used': (p: P['spf.macro.used']) =>
    `"${p.term}" in the SPF record of ${p.domain} uses macros, so what it looks up depends on each message; lint counts it but cannot follow it.`,
  'lint.spf.macro.used.fix': () => 'Nothing to do if intended; test it with real senders (inkan spf --ip ... --mail-from ...).',
  'lint.spf.term.duplicate': (p: P['spf.term.duplicate']) => `The SPF record of ${p.domain} lists "${p.term}" twice.`,
  'lint.spf.term.duplicate.fix': () => 'Remove the second one as shown.',
  'lint.spf.ip.shadowed': (p: P['spf.ip.shadowed']) =>
    `"${p.term}" in the SPF record of ${p.domain} is already covered by the earlier "${p.by}", so it never decides anything.`,
  'lint.spf.ip.shadowed.fix': () => 'Remove it as shown.',
  'lint.spf.ip.host-bits': (p: P['spf.ip.host-bits']) =>
    `"${p.term}" in the SPF record of ${p.domain} has host bits set; it means the network ${p.network}, which may be wider or narrower than intended.`,
  'lint.spf.ip.host-bits.fix': (p: P['spf.ip.host-bits']) => `Write the network as ${p.network} (shown), or correct the prefix length.`,

  'lint.spf.severity.error': 'error',
  'lint.spf.severity.warning': 'warning',
  'lint.spf.severity.info': 'info',
  'lint.spf.fix': 'fix',
  'lint.spf.tree.root': (p: { domain: string; lookups: number; limit: number; void: number; voidLimit: number }) =>
    `${p.domain}: ${p.lookups}/${p.limit} DNS lookups, ${p.void}/${p.voidLimit} void`,
  'lint.spf.tree.branch': (p: { term: string; cost: number; void: number }) =>
    `${p.term}: ${p.cost} lookup${p.cost === 1 ? '' : 's'}${p.void ? `, ${p.void} void` : ''}`,
  'lint.spf.tree.term': (p: { term: string; outcome: string; mxNames?: number }) =>
    `${p.term}: 1 lookup${p.outcome === 'void' ? ', void' : p.outcome === 'error' ? ', DNS failed' : p.outcome === 'not-queried' ? ' (depends on the message)' : ''}${p.mxNames !== undefined ? `, ${p.mxNames} MX name${p.mxNames === 1 ? '' : 's'}` : ''}`,
  'lint.spf.tree.over-limit': (p: { limit: number }) => `lookup ${p.limit + 1}: receivers stop here with permerror`,
  'lint.spf.tree.no-record': (p: { reason: SpfNoRecordReason }) => `no SPF record: ${noRecord[p.reason]}`,
  'lint.spf.tree.multiple': (p: { count: number }) => `${p.count} SPF records`,
  'lint.spf.tree.syntax': (p: { position: number }) => `syntax error at column ${p.position + 1}`,
  'lint.spf.tree.loop': (p: { cycle: string }) => `loop: ${p.cycle}`,
  'lint.spf.tree.dns': (p: { type: string; status: string }) => `DNS ${p.type} query failed (${p.status})`,
  'lint.spf.tree.macro': 'depends on the message (macro); not followed',
  'lint.spf.tree.limit': 'not walked: the tree is too large',
};
