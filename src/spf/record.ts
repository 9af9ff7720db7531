import type { DnsAnswer } from '../dns/types.js';
import type { EvalContext } from './context.js';
import { isSpfRecord, parseSpf } from './parse.js';
import type { SpfParseResult, SpfRecord } from './types.js';

const CACHE_LIMIT = 4096;
const parsed = new Map<string, SpfParseResult>();

/** Parse a record once: evaluation meets the same few records again and again (the AST is never mutated). */
export function parseCached(text: string): SpfParseResult {
  let result = parsed.get(text);
  if (result) return result;
  result = parseSpf(text);
  if (parsed.size >= CACHE_LIMIT) parsed.delete(parsed.keys().next().value!);
  parsed.set(text, result);
  return result;
}

/** What the record lookup of one domain found (RFC 7208 §4.4, §4.5). */
export type RecordLookup = { kind: 'record'; record: SpfRecord } | { kind: 'none'; reason: 'nxdomain' | 'no-record' };

/**
 * Select the SPF record of `domain` from its TXT answer (RFC 7208 §4.4/§4.5): a DNS failure is a temperror,
 * more than one `v=spf1` record or a syntax error is a permerror, nothing is `none`. The caller queries
 * (counting an empty answer as void when an include/redirect led here) and hands over the settled answer.
 */
export function selectRecord(ctx: EvalContext, answer: DnsAnswer<string[]>, domain: string, depth: number): RecordLookup {
  if (answer.status === 'nxdomain') return { kind: 'none', reason: 'nxdomain' };
  if (answer.status !== 'records') {
    ctx.dnsFailure(answer, domain, 'TXT', domain, depth);
    return { kind: 'none', reason: 'no-record' };
  }
  let text: string | undefined;
  let count = 0;
  for (const strings of answer.records) {
    const joined = strings.length === 1 ? strings[0]! : strings.join('');
    if (!isSpfRecord(joined)) continue;
    count++;
    text = joined;
  }
  if (text === undefined) return { kind: 'none', reason: 'no-record' };
  if (count > 1) ctx.fail('permerror', { code: 'multiple-records', domain, count }, domain, depth);
  ctx.trace?.push({ kind: 'record', domain, text, depth });
  const result = parseCached(text);
  if (!result.ok) ctx.fail('permerror', { code: 'syntax', domain, record: text, error: result.error }, domain, depth);
  return { kind: 'record', record: result.record };
}

/**
 * Whether a MAIL FROM domain or HELO name can be checked at all (RFC 7208 §4.3): printable ASCII,
 * not a domain literal, at least two labels, no empty label, labels of at most 63 and names of at most
 * 253 characters, and not an IPv4 address (a numeric top label). Otherwise check_host() returns `none`.
 * One pass over the characters (no split, no regular expression: this runs for every message).
 */
export function isCheckableDomain(domain: string): boolean {
  const end = domain.charCodeAt(domain.length - 1) === 0x2e /* . */ ? domain.length - 1 : domain.length;
  if (end === 0 || end > 253 || domain.charCodeAt(0) === 0x5b /* [ */) return false;
  let labels = 1;
  let labelStart = 0;
  let numeric = true;
  for (let i = 0; i < end; i++) {
    const code = domain.charCodeAt(i);
    if (code <= 0x20 || code >= 0x7f) return false;
    if (code === 0x2e) {
      const length = i - labelStart;
      if (length === 0 || length > 63) return false;
      labels++;
      labelStart = i + 1;
      numeric = true;
    } else if (code < 0x30 || code > 0x39) numeric = false;
  }
  const last = end - labelStart;
  return labels >= 2 && last > 0 && last <= 63 && !numeric;
}
