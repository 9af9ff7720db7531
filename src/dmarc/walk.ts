import type { DnsAnswer, TxtRecord } from '../dns/types.js';
import { failureOf, isFailure, type DmarcContext, type QueryPurpose } from './context.js';
import { oneLabelBelow, treeWalkTargets } from './domain.js';
import { isDmarcRecord, parseDmarcRecordCached } from './record.js';
import type { DmarcLookup, DnsFailure, OrgDomainRule, WalkStep } from './types.js';

/** Most TXT records looked at in one answer (hostile zones). */
const MAX_TXT_RECORDS = 64;

/**
 * What one TXT answer at `_dmarc.<domain>` means (RFC 9989 §4.10 steps 1–2): TXT records not starting
 * with `v=DMARC1` are discarded; several DMARC records are all discarded; exactly one is the record.
 */
export function classifyAnswer(answer: DnsAnswer<TxtRecord>): DmarcLookup {
  switch (answer.status) {
    case 'nxdomain':
    case 'nodata':
      return { status: 'none', why: answer.status, discarded: 0 };
    case 'error':
    case 'timeout':
      return { status: 'error', answer };
    case 'records': {
      // One pass, no intermediate arrays: this runs for every message.
      const count = Math.min(answer.records.length, MAX_TXT_RECORDS);
      let dmarc = 0;
      let text = '';
      for (let i = 0; i < count; i++) {
        const strings = answer.records[i]!;
        const joined = strings.length === 1 ? strings[0]! : strings.join('');
        if (!isDmarcRecord(joined)) continue;
        dmarc++;
        text = joined;
      }
      if (dmarc > 1) return { status: 'multiple', count: dmarc };
      const parsed = dmarc === 1 ? parseDmarcRecordCached(text) : undefined;
      if (!parsed?.ok) return { status: 'none', why: 'no-dmarc-record', discarded: count };
      return { status: 'record', record: parsed.record, discarded: count - 1 };
    }
  }
}

/** The name a domain's DMARC record is published at. */
export function dmarcName(domain: string): string {
  return `_dmarc.${domain}`;
}

/** A walk step from the answer at {@link dmarcName}(`domain`). */
export function walkStep(domain: string, name: string, answer: DnsAnswer<TxtRecord>): WalkStep {
  return { domain, name, answer, lookup: classifyAnswer(answer) };
}

/** Query `_dmarc.<domain>` (shared with every other walk of this evaluation) and classify the answer. */
export async function lookupAt(ctx: DmarcContext, domain: string, purpose: QueryPurpose): Promise<WalkStep> {
  const name = dmarcName(domain);
  return walkStep(domain, name, await ctx.query(name, 'TXT', purpose));
}

/** A walk's queries in order, and the failure that cut it short, if any. */
export interface WalkOutcome {
  steps: WalkStep[];
  error?: DnsFailure;
}

/** Whether a step found a record whose `psd` flag ends a walk (RFC 9989 §4.10 steps 2 and 6). */
function stops(step: WalkStep): boolean {
  return step.lookup.status === 'record' && step.lookup.record.psd !== 'u';
}

/**
 * The DNS Tree Walk (RFC 9989 §4.10) from `start`: query each target of {@link treeWalkTargets} in turn,
 * stopping at a record with `psd=y` or `psd=n`, at the last label, or at a DNS failure. `from` skips the
 * first targets (policy discovery has already asked the Author Domain).
 */
export async function treeWalk(ctx: DmarcContext, start: string, purpose: QueryPurpose, from = 0): Promise<WalkOutcome> {
  const steps: WalkStep[] = [];
  for (const target of treeWalkTargets(start).slice(from)) {
    const step = await lookupAt(ctx, target, purpose);
    steps.push(step);
    traceLookup(ctx, step);
    if (step.lookup.status === 'error') return { steps, error: failureOf(step.name, 'TXT', step.answer) };
    if (stops(step)) break;
  }
  return { steps };
}

/** Put what a lookup found in the trace. */
export function traceLookup(ctx: DmarcContext, step: WalkStep): void {
  if (!ctx.trace || isFailure(step.answer)) return;
  const l = step.lookup;
  ctx.step({
    kind: 'lookup',
    domain: step.domain,
    lookup: l.status,
    ...(l.status === 'record' ? { text: l.record.text } : {}),
    ...(l.status === 'multiple' ? { count: l.count } : {}),
  });
}

/**
 * Choose the Organizational Domain from a walk's records, longest name first (RFC 9989 §4.10.2): a record
 * with `psd=n` is it; a record other than the start's with `psd=y` makes it the name one label below; else
 * the record with the fewest labels; with no record at all, the start itself.
 */
export function selectOrgDomain(start: string, steps: readonly WalkStep[]): { orgDomain: string; rule: OrgDomainRule } {
  const found = steps.filter((s) => s.lookup.status === 'record');
  for (const step of found) {
    if (step.lookup.status !== 'record') continue;
    if (step.lookup.record.psd === 'n') return { orgDomain: step.domain, rule: 'psd=n' };
    if (step.lookup.record.psd === 'y' && step.domain !== start) return { orgDomain: oneLabelBelow(start, step.domain), rule: 'psd=y' };
  }
  const last = found[found.length - 1];
  return last ? { orgDomain: last.domain, rule: 'fewest-labels' } : { orgDomain: start, rule: 'no-record' };
}
