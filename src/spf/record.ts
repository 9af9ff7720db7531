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
 * Fetch and select the SPF record of `domain` (TXT only, RFC 7208 §4.4/§4.5): a DNS failure is a temperror,
 * more than one `v=spf1` record or a syntax error is a permerror, nothing is `none`.
 * `voidTerm` names the include/redirect term whose lookup this is, so an empty answer counts as void.
 */
export async function lookupRecord(ctx: EvalContext, domain: string, depth: number, voidTerm?: string): Promise<RecordLookup> {
  const answer = await ctx.query(domain, 'TXT', domain, depth, voidTerm);
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

const NUMERIC = /^\d+$/;

/**
 * Whether a MAIL FROM domain or HELO name can be checked at all (RFC 7208 §4.3): printable ASCII,
 * not a domain literal, at least two labels, no empty label, labels of at most 63 and names of at most
 * 253 characters, and not an IPv4 address (a numeric top label). Otherwise check_host() returns `none`.
 */
export function isCheckableDomain(domain: string): boolean {
  const name = domain.endsWith('.') ? domain.slice(0, -1) : domain;
  if (name.length === 0 || name.length > 253 || name.startsWith('[')) return false;
  for (let i = 0; i < name.length; i++) {
    const code = name.charCodeAt(i);
    if (code <= 0x20 || code >= 0x7f) return false;
  }
  const labels = name.split('.');
  if (labels.length < 2) return false;
  for (const label of labels) if (label.length === 0 || label.length > 63) return false;
  return !NUMERIC.test(labels[labels.length - 1]!);
}
