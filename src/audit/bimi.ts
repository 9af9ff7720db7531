import { checkBimi } from '../bimi/check.js';
import type { BimiFetcher } from '../bimi/fetch.js';
import type { AuditDns } from './context.js';
import { evidenceOf, finding, isDnsFailure, unchecked, type Finding, type FindingParams } from './finding.js';

/**
 * BIMI through the `bimi` module's own check: the record (with the Organizational Domain fallback), DMARC at
 * enforcement, and — with a fetcher — the SVG Tiny PS logo and the mark certificate, turned into audit findings.
 */
export async function auditBimi(domain: string, dns: AuditDns, fetcher: BimiFetcher | undefined, now: number, signal?: AbortSignal): Promise<Finding[]> {
  const check = await checkBimi(domain, { resolver: dns, now: new Date(now), ...(fetcher ? { fetcher } : {}), ...(signal ? { signal } : {}) });
  const d = check.discovery;
  const ev = d.steps.map((s) => evidenceOf(s.name, 'TXT', s.answer));
  if (check.verdict === 'temperror') {
    const failed = [...d.steps.map((s) => ({ name: s.name, answer: s.answer })), ...check.dmarcQueries].find((q) => isDnsFailure(q.answer));
    return [failed ? unchecked('bimi', failed.name, 'TXT', failed.answer) : unchecked('bimi', `default._bimi.${domain}`, 'TXT', { status: 'timeout' })];
  }
  if (check.verdict === 'none' || d.status === 'none') return [finding('bimi', 'bimi.none', 'info', { domain, name: `${check.selector}._bimi.${domain}` }, ev)];
  if (check.verdict === 'declined') return [finding('bimi', 'bimi.declined', 'info', { name: d.status === 'found' ? d.name : `${check.selector}._bimi.${domain}` }, ev)];
  const out: Finding[] = [];
  for (const p of check.problems) {
    const params: FindingParams = {};
    for (const [key, value] of Object.entries(p)) if (typeof value === 'string' || typeof value === 'number') params[key] = value;
    const f = finding('bimi', `bimi.${p.area}.${p.code}`, p.severity, params, ev);
    f.message = `bimi.${p.area}.${p.code}`;
    f.fixMessage = `bimi.fix.${p.area}.${p.code}`;
    out.push(f);
  }
  if (check.verdict === 'ready' && d.status === 'found') out.unshift(finding('bimi', 'bimi.ok', 'ok', { name: d.name, logo: d.record.locations.join(', ') }, ev));
  return out;
}
