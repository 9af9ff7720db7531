import type { Source, SourceClass, SourceFix } from './sources.js';

/** The DMARC policy steps, in order. */
export type PolicyStep = 'none' | 'quarantine' | 'reject';

/** `inkan reports advise`: is the next policy step safe, who it would hurt, what to fix first. */
export interface PolicyAdvice {
  domain: string;
  /** The p= reporters saw most recently (undefined when no report said). */
  current?: string;
  /** The next step, or undefined when already at reject. */
  next?: PolicyStep;
  verdict: 'safe' | 'not-yet' | 'at-reject' | 'no-data';
  /** Messages in the period, and the legitimate ones (ours + forwarded). */
  messages: number;
  legitimate: number;
  /** Legitimate messages that fail DMARC and would be affected by the next step. */
  affected: number;
  /** affected / legitimate, 0..1. */
  affectedShare: number;
  /** Days covered by the reports. */
  days: number;
  byClass: Record<SourceClass, number>;
  /** The failing sources of ours, largest first, with their fixes. */
  fixFirst: Array<{ ip: string; ptr?: string; service?: string; failing: number; fixes: SourceFix[] }>;
  /** Why the verdict is not `safe`. */
  reasons: Array<'too-few-days' | 'too-few-messages' | 'legitimate-mail-fails'>;
}

/** Thresholds of the advice. */
export interface AdviceThresholds {
  /** Largest share of legitimate mail that may fail (default 0.01). */
  maxAffectedShare: number;
  /** Fewest days of reports (default 14). */
  minDays: number;
  /** Fewest messages (default 100). */
  minMessages: number;
}

/** Defaults: two weeks of data, at most 1% of legitimate mail failing. */
export const DEFAULT_ADVICE_THRESHOLDS: AdviceThresholds = { maxAffectedShare: 0.01, minDays: 14, minMessages: 100 };

const NEXT: Record<string, PolicyStep | undefined> = { none: 'quarantine', quarantine: 'reject', reject: undefined };

/** Advise on the next policy step from classified sources. */
export function advise(domain: string, sources: readonly Source[], facts: { current?: string | undefined; days: number }, thresholds: AdviceThresholds = DEFAULT_ADVICE_THRESHOLDS): PolicyAdvice {
  const byClass: Record<SourceClass, number> = { 'ours-aligned': 0, 'ours-failing': 0, forwarded: 0, unknown: 0 };
  let messages = 0;
  let affected = 0;
  for (const s of sources) {
    byClass[s.classification] += s.messages;
    messages += s.messages;
    if (s.classification !== 'unknown') affected += s.messages - s.dmarcPass;
  }
  const legitimate = byClass['ours-aligned'] + byClass['ours-failing'] + byClass.forwarded;
  const affectedShare = legitimate > 0 ? Math.round((affected / legitimate) * 10_000) / 10_000 : 0;
  const current = facts.current;
  const next = current === undefined ? 'quarantine' : NEXT[current];
  const fixFirst = sources
    .filter((s) => s.classification === 'ours-failing')
    .map((s) => ({ ip: s.ip, ...(s.ptr ? { ptr: s.ptr } : {}), ...(s.service ? { service: s.service.name } : {}), failing: s.messages - s.dmarcPass, fixes: s.fixes }))
    .sort((a, b) => b.failing - a.failing)
    .slice(0, 20);
  const reasons: PolicyAdvice['reasons'] = [];
  if (facts.days < thresholds.minDays) reasons.push('too-few-days');
  if (messages < thresholds.minMessages) reasons.push('too-few-messages');
  if (affectedShare > thresholds.maxAffectedShare) reasons.push('legitimate-mail-fails');
  const verdict = messages === 0 ? 'no-data' : current === 'reject' ? 'at-reject' : reasons.length ? 'not-yet' : 'safe';
  return { domain, ...(current !== undefined ? { current } : {}), ...(next ? { next } : {}), verdict, messages, legitimate, affected, affectedShare, days: facts.days, byClass, fixFirst, reasons };
}
