import { parseIp } from '../dns/ip.js';
import { rebuildRecord } from './lint-fix.js';
import type { TermEdits } from './lint-fix.js';
import { effectiveDirectives, networkText } from './lint-record.js';
import type { SpfLintNode } from './lint-types.js';
import type { Directive, SpfRecord } from './types.js';

/** A record with fewer DNS-querying terms than the published one, and its new count. */
export interface ReducedRecord {
  record: string;
  lookups: number;
}

function qualifierText(d: Directive): string {
  return d.qualifier === '+' ? '' : d.qualifier;
}

/** `a`/`mx` resolved to the addresses DNS gave, keeping the term's CIDR lengths. */
function addressTerms(d: Directive, addresses: string[]): string[] | undefined {
  const m = d.mechanism;
  if ((m.kind !== 'a' && m.kind !== 'mx') || addresses.length === 0) return undefined;
  const terms: string[] = [];
  for (const text of addresses) {
    const ip = parseIp(text);
    if (!ip) return undefined;
    const prefix = ip.family === 4 ? m.cidr4 : m.cidr6;
    const term = `${qualifierText(d)}ip${ip.family}:${networkText(ip.bytes, prefix)}`;
    if (!terms.includes(term)) terms.push(term);
  }
  return terms;
}

/** The ip4/ip6 terms of an included record that uses no DNS, when inlining them keeps its meaning. */
function inlineInclude(d: Directive, child: SpfLintNode, record: SpfRecord | undefined): string[] | undefined {
  if (!record || child.errors.length || child.totalLookups !== 0) return undefined;
  const terms: string[] = [];
  for (const e of effectiveDirectives(record)) {
    const m = e.mechanism;
    if (m.kind === 'all') continue;
    if ((m.kind !== 'ip4' && m.kind !== 'ip6') || e.qualifier !== '+') return undefined;
    terms.push(`${qualifierText(d)}${e.text.replace(/^\+/, '')}`);
  }
  return terms;
}

/**
 * Suggest a record under the DNS limit, where that is obvious and keeps the meaning: `a` and `mx`
 * replaced by the addresses they resolve to now, and includes of the domain's own names that hold
 * only ip4/ip6 inlined. Third-party includes are never flattened (their addresses change).
 */
export function reduceLookups(
  root: SpfLintNode,
  record: SpfRecord,
  baseEdits: TermEdits,
  recordOf: (node: SpfLintNode) => SpfRecord | undefined,
): ReducedRecord | undefined {
  const edits: TermEdits = new Map(baseEdits);
  let saved = 0;
  for (const d of effectiveDirectives(record)) {
    if (edits.get(d.position) === null) {
      const child = root.children.find((c) => c.term?.position === d.position);
      if (root.queries.some((q) => q.position === d.position)) saved += 1 + (child?.totalLookups ?? 0);
      continue;
    }
    const query = root.queries.find((q) => q.position === d.position);
    if (!query || query.outcome !== 'records') continue;
    let replacement: string[] | undefined;
    if (d.mechanism.kind === 'a' || d.mechanism.kind === 'mx') replacement = addressTerms(d, query.addresses ?? []);
    if (d.mechanism.kind === 'include' && query.name && (query.name === root.domain || query.name.endsWith(`.${root.domain}`))) {
      const child = root.children.find((c) => c.term?.position === d.position);
      replacement = child ? inlineInclude(d, child, recordOf(child)) : undefined;
    }
    if (!replacement) continue;
    edits.set(d.position, replacement.join(' '));
    saved += 1;
  }
  if (saved === 0) return undefined;
  return { record: rebuildRecord(record, edits), lookups: root.totalLookups - saved };
}
