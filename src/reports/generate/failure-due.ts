import type { DmarcResult, FailureOption } from '../../dmarc/types.js';
import { failureTriggers, type FailureTrigger } from './failure.js';

/** Why no failure report is due for an evaluation. */
export type NotDueReason = 'no-policy' | 'temperror' | 'no-ruf' | 'no-trigger';

/** Whether one DMARC evaluation calls for a failure report (RFC 9991 §3), and why: the `fo` words it met. */
export type FailureDecision =
  | { due: true; policyDomain: string; orgDomain: string; fo: FailureOption[]; triggers: FailureTrigger[] }
  | { due: false; reason: NotDueReason; policyDomain?: string; fo: FailureOption[]; triggers: FailureTrigger[] };

/**
 * Decide from a `verify()` DMARC result: a report is due when a policy record applied, it has a `ruf`,
 * and at least one of its `fo` options is met. The triggers are given even when there is no `ruf`, so an
 * operator sees what the record would ask for.
 */
export function failureDecision(dmarc: DmarcResult): FailureDecision {
  const policy = dmarc.policy;
  if (!policy) return { due: false, reason: dmarc.result === 'temperror' ? 'temperror' : 'no-policy', fo: [], triggers: [] };
  const fo = policy.record.fo;
  const triggers = failureTriggers(fo, dmarc.report);
  const base = { policyDomain: policy.domain, fo, triggers };
  if (dmarc.result === 'temperror') return { due: false, reason: 'temperror', ...base };
  if (!policy.record.ruf.length) return { due: false, reason: 'no-ruf', ...base };
  if (!triggers.length) return { due: false, reason: 'no-trigger', ...base };
  return { due: true, orgDomain: policy.orgDomain ?? policy.domain, ...base };
}

/** Failure reports counted per policy domain in the current hour: the state of {@link takeFailureSlot}. */
export type FailureCounts = Record<string, { hour: number; count: number }>;

/** What the hourly limit said about one report. */
export interface RateLimitOutcome {
  allowed: boolean;
  /** Reports for this policy domain in this hour, this one included when allowed. */
  count: number;
  max: number;
  /** The hour, as hours since the epoch (UTC). */
  hour: number;
}

/**
 * An hourly cap per policy domain (RFC 9991 asks receivers to bound the volume of failure reports, which a
 * spoofing campaign would otherwise turn into a flood at the domain owner). Counts the report when allowed;
 * entries of past hours are dropped so the state stays small.
 */
export function takeFailureSlot(counts: FailureCounts, policyDomain: string, now: number, max: number): RateLimitOutcome {
  const hour = Math.floor(now / 3_600_000);
  for (const [domain, entry] of Object.entries(counts)) if (entry.hour !== hour) delete counts[domain];
  const key = policyDomain.toLowerCase();
  const count = counts[key]?.count ?? 0;
  if (count >= max) return { allowed: false, count, max, hour };
  counts[key] = { hour, count: count + 1 };
  return { allowed: true, count: count + 1, max, hour };
}
