import { normalizeDomain } from '../dmarc/domain.js';
import { lookupDmarcPolicy } from '../dmarc/discover.js';
import type { DnsAnswer, Resolver, TxtRecord } from '../dns/types.js';
import { isBimiRecord, isBimiSelector, parseBimiRecord } from './record.js';
import type { BimiDiscovery, BimiDiscoveryStep, BimiRecord } from './types.js';

/** The selector used when the message has no usable BIMI-Selector header (draft §4.3). */
export const DEFAULT_SELECTOR = 'default';

/** Options of {@link discoverBimiRecord}. */
export interface BimiDiscoveryOptions {
  resolver: Resolver;
  /** From the BIMI-Selector header; default `default`. */
  selector?: string;
  /** The author domain's Organizational Domain, when already known (from DMARC); otherwise found by the DMARC tree walk. */
  orgDomain?: string;
  signal?: AbortSignal;
}

/** The BIMI record name for a selector and domain: `<selector>._bimi.<domain>`. */
export function bimiRecordName(selector: string, domain: string): string {
  return `${selector}._bimi.${domain}`;
}

async function lookupAt(resolver: Resolver, name: string, source: 'author' | 'organizational', signal?: AbortSignal): Promise<{ step: BimiDiscoveryStep; record?: BimiRecord }> {
  const answer: DnsAnswer<TxtRecord> = await resolver.query(name, 'TXT', signal ? { signal } : {});
  if (answer.status === 'error' || answer.status === 'timeout') return { step: { name, source, answer, outcome: 'error', discarded: 0 } };
  if (answer.status !== 'records') return { step: { name, source, answer, outcome: 'none', discarded: 0 } };
  const texts = answer.records.map((r) => r.join(''));
  const bimi = texts.filter(isBimiRecord);
  const discarded = texts.length - bimi.length;
  if (bimi.length > 1) return { step: { name, source, answer, outcome: 'multiple', discarded } };
  const parsed = bimi[0] === undefined ? undefined : parseBimiRecord(bimi[0]);
  if (!parsed?.ok) return { step: { name, source, answer, outcome: 'none', discarded: texts.length } };
  return { step: { name, source, answer, outcome: 'record', discarded }, record: parsed.record };
}

/**
 * BIMI Assertion Record discovery (draft §4.4, §7.3): TXT at `<selector>._bimi.<author domain>`; when there
 * is no single BIMI record there, the same selector at the author domain's Organizational Domain. Several
 * records at one name count as none. A DNS failure is a `temperror`.
 */
export async function discoverBimiRecord(authorDomain: string, options: BimiDiscoveryOptions): Promise<BimiDiscovery> {
  const selector = (options.selector ?? DEFAULT_SELECTOR).toLowerCase();
  const steps: BimiDiscoveryStep[] = [];
  if (!isBimiSelector(selector)) return { status: 'invalid-selector', selector, steps };
  const domain = normalizeDomain(authorDomain);
  if (!domain) return { status: 'invalid-domain', selector, steps };
  const first = await lookupAt(options.resolver, bimiRecordName(selector, domain), 'author', options.signal);
  steps.push(first.step);
  if (first.step.outcome === 'error') return { status: 'temperror', selector, steps, failure: { name: first.step.name, what: answerWhat(first.step.answer) } };
  if (first.record) return { status: 'found', selector, domain, name: first.step.name, source: 'author', record: first.record, steps };
  let orgDomain = options.orgDomain;
  if (orgDomain === undefined) {
    const lookup = await lookupDmarcPolicy(domain, { resolver: options.resolver, ...(options.signal ? { signal: options.signal } : {}) });
    if (lookup.orgDomain?.ok) orgDomain = lookup.orgDomain.orgDomain;
    else if (lookup.discovery.status === 'temperror') {
      const e = lookup.discovery.error;
      return { status: 'temperror', selector, steps, failure: { name: e.name, what: e.what } };
    }
  }
  if (!orgDomain || orgDomain === domain) return { status: 'none', selector, ...(orgDomain ? { orgDomain } : {}), steps };
  const org = await lookupAt(options.resolver, bimiRecordName(selector, orgDomain), 'organizational', options.signal);
  steps.push(org.step);
  if (org.step.outcome === 'error') return { status: 'temperror', selector, steps, failure: { name: org.step.name, what: answerWhat(org.step.answer) } };
  if (org.record) return { status: 'found', selector, domain: orgDomain, name: org.step.name, source: 'organizational', record: org.record, orgDomain, steps };
  return { status: 'none', selector, orgDomain, steps };
}

function answerWhat(answer: DnsAnswer<unknown>): string {
  if (answer.status === 'error') return answer.rcode;
  return answer.status;
}
