import { failureOf, isFailure, type DmarcContext } from './context.js';
import type { AppliedPolicy, DiscoveredPolicy, DmarcMode, DmarcPolicy, DnsFailure, EffectivePolicy, PolicyOverride } from './types.js';

/** The next weaker policy: testing mode and `pct` sampling step down by one (RFC 9989 §4.7 `t`, RFC 7489 §6.6.4). */
export function stepDown(policy: DmarcPolicy): DmarcPolicy {
  return policy === 'reject' ? 'quarantine' : 'none';
}

/** Whether the policy tag to apply depends on the Author Domain existing: `np` is published and differs from `sp` (RFC 9989 §4.10.1). */
export function needsExistence(policy: DiscoveredPolicy, effective: Extract<EffectivePolicy, { ok: true }>): boolean {
  return policy.source !== 'author' && policy.record.np !== undefined && effective.np !== effective.sp;
}

/**
 * The policy tag that applies (RFC 9989 §4.10.1): `p` for a record found at the Author Domain; for a record
 * inherited from the Organizational Domain or the PSD, `np` when the Author Domain does not exist and `sp`
 * when it does (each falling back as {@link effectivePolicy} says).
 */
export function selectPolicy(policy: DiscoveredPolicy, effective: Extract<EffectivePolicy, { ok: true }>, exists: boolean | undefined): AppliedPolicy {
  // Field by field, not with conditional spreads (same keys in the same order): this runs for every message.
  const tag = policy.source === 'author' ? 'p' : exists === false ? 'np' : 'sp';
  const applied: AppliedPolicy = { tag, policy: effective[tag] };
  if (tag !== 'p' && exists !== undefined) applied.authorDomainExists = exists;
  if (effective.replacedInvalid) applied.replacedInvalid = effective.replacedInvalid;
  return applied;
}

/**
 * Whether a domain exists (RFC 9989 §3.2.13, Appendix A.4): any record type at the name means it exists;
 * NXDOMAIN means neither it nor anything below exists (RFC 8020). A, AAAA and MX are asked together; the
 * name does not exist only when all three say NXDOMAIN. A failure with no other answer leaves it unknown.
 */
export async function domainExists(ctx: DmarcContext, domain: string): Promise<{ exists: boolean } | { error: DnsFailure }> {
  const types = ['A', 'AAAA', 'MX'] as const;
  const answers = await Promise.all(types.map((type) => ctx.query(domain, type, 'existence')));
  let result: { exists: boolean } | { error: DnsFailure };
  if (answers.some((a) => a.status === 'records' || a.status === 'nodata')) result = { exists: true };
  else if (answers.every((a) => a.status === 'nxdomain')) result = { exists: false };
  else {
    const i = answers.findIndex(isFailure);
    result = { error: failureOf(domain, types[i]!, answers[i]!) };
  }
  ctx.step({ kind: 'existence', domain, exists: 'exists' in result ? result.exists : 'unknown' });
  return result;
}

/** What to do with a failing message before any local override: the applied policy, stepped down by `t=y` (RFC 9989) or `pct` sampling (RFC 7489). */
export function dispositionFor(applied: AppliedPolicy, policy: DiscoveredPolicy, mode: DmarcMode, random: () => number): { disposition: DmarcPolicy; reasons: PolicyOverride[] } {
  const reasons: PolicyOverride[] = [];
  let disposition = applied.policy;
  if (disposition === 'none') return { disposition, reasons };
  const record = policy.record;
  if (mode === 'rfc9989' && record.t === 'y') {
    disposition = stepDown(disposition);
    reasons.push({ type: 'policy_test_mode', comment: 't=y' });
  }
  if (mode === 'rfc7489' && record.pct !== undefined && record.pct < 100 && random() * 100 >= record.pct) {
    disposition = stepDown(disposition);
    reasons.push({ type: 'sampled_out', comment: `pct=${record.pct}` });
  }
  return { disposition, reasons };
}
