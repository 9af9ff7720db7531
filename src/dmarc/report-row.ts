import { envelopeDomain, lowerCase } from './domain.js';
import type { AggregateReportRow, DmarcInput, DmarcResultWord, DiscoveredPolicy, DmarcPolicy, EffectivePolicy, IdentifierAlignment, PolicyOverride } from './types.js';

/** Default cap on DKIM results in one report row (RFC 9990 §3.1.3). */
export const MAX_REPORTED_SIGNATURES = 100;

/** What the row builder needs from the evaluation. */
export interface RowFacts {
  input: Omit<DmarcInput, 'from'>;
  authorDomain: string | undefined;
  result: DmarcResultWord;
  alignment: IdentifierAlignment[];
  policy?: DiscoveredPolicy | undefined;
  effective?: Extract<EffectivePolicy, { ok: true }> | undefined;
  appliedPolicy?: DmarcPolicy | undefined;
  disposition: DmarcPolicy;
  reasons: PolicyOverride[];
  maxSignatures: number;
}

/** Rank of a DKIM result in the row (RFC 9990 §3.1.3): strictly aligned passes first, then relaxed, then the rest. */
function rank(a: IdentifierAlignment | undefined): number {
  if (a?.status === 'aligned') return a.how === 'identical' ? 0 : 1;
  return 2;
}

/**
 * The RFC 9990 aggregate-report record for this message: `row` (source IP, count, policy_evaluated),
 * `identifiers` (header_from, envelope_from, envelope_to) and `auth_results` (each DKIM and the SPF result,
 * uninterpreted), plus the `policy_published` it was evaluated under.
 */
export function buildReportRow(f: RowFacts): AggregateReportRow {
  const { input } = f;
  // One pass over the alignment: which identifiers aligned, and the rank of each DKIM result in order.
  let spfAligned = false;
  let dkimAligned = false;
  const ranks: number[] = [];
  for (const a of f.alignment) {
    if (a.status === 'aligned') {
      if (a.identifier === 'spf') spfAligned = true;
      else dkimAligned = true;
    }
    if (a.identifier === 'dkim') ranks.push(rank(a));
  }
  let disposition: AggregateReportRow['policyEvaluated']['disposition'] = 'none';
  if (f.result === 'fail') disposition = f.disposition;
  else if (f.result === 'pass') disposition = f.appliedPolicy && f.appliedPolicy !== 'none' ? 'pass' : 'none';

  const mailFrom = input.envelopeFrom === undefined ? undefined : lowerCase(envelopeDomain(input.envelopeFrom));
  const envelopeFrom = mailFrom || (input.helo && lowerCase(input.helo)) || undefined;
  // Objects here are built field by field (same keys, same order): conditional spreads cost microseconds per message.
  const identifiers: AggregateReportRow['identifiers'] = { headerFrom: f.authorDomain ?? '' };
  if (envelopeFrom) identifiers.envelopeFrom = envelopeFrom;
  if (input.envelopeTo) identifiers.envelopeTo = lowerCase(input.envelopeTo);

  // Ordered by rank, signature order within a rank, at most maxSignatures: a stable sort by rank, done as three passes.
  const sigs = input.dkim ?? [];
  const dkim: AggregateReportRow['authResults']['dkim'] = [];
  for (let r = 0; r <= 2; r++) {
    for (let i = 0; i < sigs.length && dkim.length < f.maxSignatures; i++) {
      if ((ranks[i] ?? 2) !== r) continue;
      const sig = sigs[i]!;
      const entry: AggregateReportRow['authResults']['dkim'][number] = { domain: lowerCase(sig.domain), selector: sig.selector, result: sig.result };
      if (sig.human) entry.humanResult = sig.human;
      dkim.push(entry);
    }
  }
  const spf: AggregateReportRow['authResults']['spf'] = [];
  if (input.spf) {
    const s = input.spf;
    const entry: AggregateReportRow['authResults']['spf'][number] = { domain: lowerCase(s.domain), scope: s.identity === 'helo' ? 'helo' : 'mfrom', result: s.result };
    if (s.human) entry.humanResult = s.human;
    spf.push(entry);
  } else if (envelopeFrom) {
    spf.push({ domain: envelopeFrom, scope: mailFrom ? 'mfrom' : 'helo', result: 'none' });
  }

  const policyEvaluated: AggregateReportRow['policyEvaluated'] = { disposition, dkim: dkimAligned ? 'pass' : 'fail', spf: spfAligned ? 'pass' : 'fail', reasons: f.reasons };
  const authResults = { dkim, spf };
  // `sourceIp`, when known, leads the row.
  const row: AggregateReportRow = input.sourceIp
    ? { sourceIp: input.sourceIp, count: 1, policyEvaluated, identifiers, authResults }
    : { count: 1, policyEvaluated, identifiers, authResults };
  if (f.policy && f.effective) row.policyPublished = policyPublished(f.policy, f.effective);
  return row;
}

/** The record as RFC 9990 `policy_published` shows it. */
function policyPublished(policy: DiscoveredPolicy, effective: Extract<EffectivePolicy, { ok: true }>): NonNullable<AggregateReportRow['policyPublished']> {
  const r = policy.record;
  return {
    domain: policy.domain,
    discoveryMethod: policy.method === 'psl' ? 'psl' : 'treewalk',
    p: effective.p,
    sp: effective.sp,
    np: effective.np,
    adkim: r.adkim,
    aspf: r.aspf,
    testing: r.t,
    psd: r.psd,
    fo: r.fo.join(':'),
  };
}
