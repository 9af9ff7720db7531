import { formatIp, ipInNetwork } from '../dns/ip.js';
import { finding, rebuildRecord, txtFix } from './lint-fix.js';
import type { TermEdits } from './lint-fix.js';
import type { SpfLintEvidence, SpfLintFinding, SpfLintVia } from './lint-types.js';
import type { Directive, SpfRecord, Term } from './types.js';

/** The record being checked and where it sits in the include tree. */
export interface RecordContext {
  domain: string;
  path: string[];
  via: SpfLintVia;
  record: SpfRecord;
}

/** Findings on one record, and the term edits that fix them (merged into the suggested record). */
export interface RecordCheck {
  findings: SpfLintFinding[];
  edits: TermEdits[];
  /** The subset of `edits` that leave every SPF result unchanged (removing dead or repeated terms). */
  sameMeaning: TermEdits[];
  append: string[];
}

/** The directives evaluation can reach: up to and including the first `all` (RFC 7208 §5.1). */
export function effectiveDirectives(record: SpfRecord): Directive[] {
  const all = record.directives.findIndex((d) => d.mechanism.kind === 'all');
  return all === -1 ? record.directives : record.directives.slice(0, all + 1);
}

/** The domain-spec of a term, when it has one. */
function targetOf(term: Term): { text: string; hasMacros: boolean } | undefined {
  if (term.type === 'modifier') return term.value;
  const m = term.mechanism;
  return 'domain' in m ? m.domain : undefined;
}

function sameTerm(a: Directive): string {
  const text = a.text.toLowerCase();
  return a.explicitQualifier && a.qualifier === '+' ? text.slice(1) : text;
}

/** A network as canonical text with host bits cleared: `192.0.2.0/24`, or the bare address for a full-length prefix. */
export function networkText(network: Uint8Array, prefix: number): string {
  const masked = network.slice();
  for (let bit = prefix; bit < masked.length * 8; bit++) masked[bit >> 3]! &= ~(0x80 >> (bit & 7));
  const ip = formatIp({ family: masked.length === 4 ? 4 : 6, bytes: masked });
  return prefix === masked.length * 8 ? ip : `${ip}/${prefix}`;
}

function hasHostBits(network: Uint8Array, prefix: number): boolean {
  for (let bit = prefix; bit < network.length * 8; bit++) if (network[bit >> 3]! & (0x80 >> (bit & 7))) return true;
  return false;
}

/** Record-level checks (RFC 7208 §5, §6): `all`, terms after it, redirect, ptr, modifiers, macros, duplicates. */
export function checkRecord(ctx: RecordContext): RecordCheck {
  const { domain, path, via, record } = ctx;
  const out: RecordCheck = { findings: [], edits: [], sameMeaning: [], append: [] };
  const at = (term: Term): SpfLintEvidence => ({ path, domain, record: record.text, term: term.text, position: term.position });
  const fixWith = (edits: TermEdits, append: string[] = [], sameMeaning = true) => {
    out.edits.push(edits);
    if (sameMeaning && append.length === 0) out.sameMeaning.push(edits);
    out.append.push(...append);
    return txtFix(domain, rebuildRecord(record, edits, append), record.text);
  };
  const effective = effectiveDirectives(record);
  const all = effective.find((d) => d.mechanism.kind === 'all');
  if (all?.qualifier === '+') {
    out.findings.push(finding('spf.all.pass', { domain, term: all.text }, at(all), fixWith(new Map([[all.position, '~all']]), [], false)));
  } else if (all?.qualifier === '?' && via !== 'include') {
    out.findings.push(finding('spf.all.neutral', { domain, term: all.text }, at(all), fixWith(new Map([[all.position, '~all']]), [], false)));
  } else if (!all && !record.redirect && via !== 'include') {
    out.findings.push(finding('spf.all.missing', { domain }, { path, domain, record: record.text }, fixWith(new Map(), ['~all'])));
  }
  if (all) {
    const after = record.directives.filter((d) => d.position > all.position);
    if (after.length) {
      const edits: TermEdits = new Map(after.map((d) => [d.position, null]));
      const params = { domain, terms: after.map((d) => d.text).join(' '), count: after.length };
      out.findings.push(finding('spf.all.not-last', params, at(after[0]!), fixWith(edits)));
    }
    if (record.redirect) {
      const r = record.redirect;
      out.findings.push(finding('spf.redirect.ignored', { domain, term: r.text }, at(r), fixWith(new Map([[r.position, null]]))));
    }
  }
  for (const d of effective) {
    if (d.mechanism.kind === 'ptr') out.findings.push(finding('spf.ptr.used', { domain, term: d.text }, at(d)));
  }
  for (const m of record.unknownModifiers) {
    out.findings.push(finding('spf.modifier.unknown', { domain, term: m.text, name: m.name }, at(m)));
  }
  if (record.exp) out.findings.push(finding('spf.exp.present', { domain, term: record.exp.text }, at(record.exp)));
  for (const term of [...effective, ...(record.redirect ? [record.redirect] : [])]) {
    if (targetOf(term)?.hasMacros) out.findings.push(finding('spf.macro.used', { domain, term: term.text }, at(term)));
  }
  checkRepeats(ctx, effective, out, at, fixWith);
  return out;
}

/** Duplicate terms, ip networks inside an earlier broader one, and networks written with host bits. */
function checkRepeats(
  ctx: RecordContext,
  effective: Directive[],
  out: RecordCheck,
  at: (term: Term) => SpfLintEvidence,
  fixWith: (edits: TermEdits) => ReturnType<typeof txtFix>,
): void {
  const { domain } = ctx;
  const seen = new Set<string>();
  effective.forEach((d, j) => {
    const key = sameTerm(d);
    const m = d.mechanism;
    if (seen.has(key)) {
      out.findings.push(finding('spf.term.duplicate', { domain, term: d.text }, at(d), fixWith(new Map([[d.position, null]]))));
      return;
    }
    seen.add(key);
    if (m.kind !== 'ip4' && m.kind !== 'ip6') return;
    const by = effective.slice(0, j).find((e) => {
      const n = e.mechanism;
      if (n.kind !== m.kind || n.prefix > m.prefix) return false;
      return ipInNetwork({ family: m.kind === 'ip4' ? 4 : 6, bytes: m.network }, n.network, n.prefix);
    });
    if (by) {
      out.findings.push(finding('spf.ip.shadowed', { domain, term: d.text, by: by.text }, at(d), fixWith(new Map([[d.position, null]]))));
      return;
    }
    if (hasHostBits(m.network, m.prefix)) {
      const network = networkText(m.network, m.prefix);
      const text = `${d.explicitQualifier ? d.qualifier : ''}${m.kind}:${network}`;
      out.findings.push(finding('spf.ip.host-bits', { domain, term: d.text, network }, at(d), fixWith(new Map([[d.position, text]]))));
    }
  });
}
