import { envelopeDomain } from './domain.js';
import type { AggregateReportRow, DmarcInput, DmarcResultWord, DiscoveredPolicy, DmarcPolicy, EffectivePolicy, IdentifierAlignment, PolicyOverride } from './types.js';

/** Default cap on DKIM results in one report row (RFC 9990 §3.1.3). */
export const MAX_REPORTED_SIGNATURES = 100;

/** What the row builder needs from the evaluation. */
export interface RowFacts {
  input: DmarcInput;
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
  const aligned = (id: 'spf' | 'dkim'): 'pass' | 'fail' => (f.alignment.some((a) => a.identifier === id && a.status === 'aligned') ? 'pass' : 'fail');
  let disposition: AggregateReportRow['policyEvaluated']['disposition'] = 'none';
  if (f.result === 'fail') disposition = f.disposition;
  else if (f.result === 'pass') disposition = f.appliedPolicy && f.appliedPolicy !== 'none' ? 'pass' : 'none';

  const mailFrom = input.envelopeFrom === undefined ? undefined : envelopeDomain(input.envelopeFrom).toLowerCase();
  const envelopeFrom = mailFrom || input.helo?.toLowerCase() || undefined;
  // Objects here are built field by field (same keys, same order): conditional spreads cost microseconds per message.
  const identifiers: AggregateReportRow['identifiers'] = { headerFrom: f.authorDomain ?? '' };
  if (envelopeFrom) identifiers.envelopeFrom = envelopeFrom;
  if (input.envelopeTo) identifiers.envelopeTo = input.envelopeTo.toLowerCase();

  const dkimAlignment = f.alignment.filter((a) => a.identifier === 'dkim');
  const dkim = (input.dkim ?? [])
    .map((sig, i) => ({ sig, order: rank(dkimAlignment[i]), i }))
    .sort((a, b) => a.order - b.order || a.i - b.i)
    .slice(0, f.maxSignatures)
    .map(({ sig }) => {
      const entry: AggregateReportRow['authResults']['dkim'][number] = { domain: sig.domain.toLowerCase(), selector: sig.selector, result: sig.result };
      if (sig.human) entry.humanResult = sig.human;
      return entry;
    });
  const spf: AggregateReportRow['authResults']['spf'] = [];
  if (input.spf) {
    const s = input.spf;
    const entry: AggregateReportRow['authResults']['spf'][number] = { domain: s.domain.toLowerCase(), scope: s.identity === 'helo' ? 'helo' : 'mfrom', result: s.result };
    if (s.human) entry.humanResult = s.human;
    spf.push(entry);
  } else if (envelopeFrom) {
    spf.push({ domain: envelopeFrom, scope: mailFrom ? 'mfrom' : 'helo', result: 'none' });
  }

  // `sourceIp`, when known, leads the row.
  const row = (input.sourceIp ? { sourceIp: input.sourceIp } : {}) as AggregateReportRow;
  row.count = 1;
  row.policyEvaluated = { disposition, dkim: aligned('dkim'), spf: aligned('spf'), reasons: f.reasons };
  row.identifiers = identifiers;
  row.authResults = { dkim, spf };
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
