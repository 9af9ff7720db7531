import { pslOrgDomain } from '../../dmarc/psl.js';
import { recognizeService, spfIncludeOf, type ServiceEvidence } from '../services.js';
import type { PtrInfo } from './enrich.js';
import type { AnalysisRow } from './rows.js';
import type { Tally } from './summary.js';

/** The four kinds of sender the issue names. */
export type SourceClass = 'ours-aligned' | 'ours-failing' | 'forwarded' | 'unknown';

/** The likely fix for a source of ours that fails DMARC. */
export type SourceFix =
  | { code: 'add-include'; include: string }
  | { code: 'authorize-ip'; ip: string }
  | { code: 'sign-with-our-domain'; signedAs: string }
  | { code: 'custom-mail-from'; mailFrom: string }
  | { code: 'enable-dkim' };

/** One sending source (an IP address) as the reports saw it. */
export interface Source extends Tally {
  ip: string;
  ptr?: string;
  ptrOrgDomain?: string;
  service?: { id: string; name: string; by: ServiceEvidence; forwarder: boolean };
  headerFrom: string[];
  /** Messages per raw DKIM result, by signing domain (`d=`), from auth_results. */
  dkimDomains: Array<{ domain: string; pass: number; fail: number }>;
  /** Messages per raw SPF result, by MAIL FROM domain, from auth_results. */
  spfDomains: Array<{ domain: string; pass: number; fail: number }>;
  classification: SourceClass;
  fixes: SourceFix[];
}

/** Share of a source's mail that must pass DMARC for it to count as ours and aligned. */
const ALIGNED_SHARE = 0.98;

function isAligned(domain: string, ourOrg: string): boolean {
  return domain === ourOrg || domain.endsWith(`.${ourOrg}`) || pslOrgDomain(domain).orgDomain === ourOrg;
}

function bump(map: Map<string, { domain: string; pass: number; fail: number }>, domain: string, pass: boolean, n: number): void {
  let e = map.get(domain);
  if (!e) map.set(domain, (e = { domain, pass: 0, fail: 0 }));
  if (pass) e.pass += n;
  else e.fail += n;
}

/** Classify and explain one source from its rows and reverse DNS. */
function classify(source: Source, ourOrg: string): void {
  const messages = source.messages || 1;
  const dkimOurs = source.dkimDomains.filter((d) => isAligned(d.domain, ourOrg));
  const dkimOursPass = dkimOurs.reduce((n, d) => n + d.pass, 0);
  const dkimOthersPass = source.dkimDomains.filter((d) => !isAligned(d.domain, ourOrg) && d.pass > 0);
  const spfOthersPass = source.spfDomains.filter((d) => !isAligned(d.domain, ourOrg) && d.pass > 0);
  const spfOursFail = source.spfDomains.filter((d) => isAligned(d.domain, ourOrg) && d.fail > 0);
  const known = source.service && !source.service.forwarder;
  if (source.dmarcPass / messages >= ALIGNED_SHARE) {
    // Aligned DKIM carried it while SPF failed at a host that is not a known sender of ours: forwarded mail.
    const forwarded = source.service?.forwarder || (!known && source.spfAligned === 0 && source.dkimAligned >= source.dmarcPass);
    source.classification = forwarded ? 'forwarded' : 'ours-aligned';
    return;
  }
  if (source.service?.forwarder || (dkimOurs.length > 0 && source.spfAligned === 0 && !known && dkimOursPass > 0)) {
    source.classification = 'forwarded';
    return;
  }
  const fixes: SourceFix[] = [];
  for (const d of dkimOthersPass) fixes.push({ code: 'sign-with-our-domain', signedAs: d.domain });
  for (const d of spfOthersPass) fixes.push({ code: 'custom-mail-from', mailFrom: d.domain });
  if (known && source.spfAligned < source.messages && spfOursFail.length) {
    const include = spfIncludeOf(source.service!.id);
    fixes.push(include ? { code: 'add-include', include } : { code: 'authorize-ip', ip: source.ip });
  }
  if (known && !dkimOthersPass.length && source.dkimAligned === 0 && !dkimOursPass) fixes.push({ code: 'enable-dkim' });
  const ours = known || dkimOthersPass.length > 0 || source.dmarcPass > 0;
  if (ours) {
    source.classification = 'ours-failing';
    source.fixes = fixes.length ? fixes : [{ code: 'authorize-ip', ip: source.ip }];
  } else source.classification = 'unknown';
}

/** Group rows by source address, add reverse DNS and the sending service, and classify each source. */
export function buildSources(rows: readonly AnalysisRow[], domain: string, ptrs: ReadonlyMap<string, PtrInfo>): Source[] {
  const ourOrg = pslOrgDomain(domain.toLowerCase()).orgDomain;
  const groups = new Map<string, { source: Source; dkim: Map<string, { domain: string; pass: number; fail: number }>; spf: Map<string, { domain: string; pass: number; fail: number }>; from: Set<string> }>();
  for (const row of rows) {
    let g = groups.get(row.sourceIp);
    if (!g) {
      const source: Source = { ip: row.sourceIp, messages: 0, dmarcPass: 0, spfAligned: 0, dkimAligned: 0, headerFrom: [], dkimDomains: [], spfDomains: [], classification: 'unknown', fixes: [] };
      groups.set(row.sourceIp, (g = { source, dkim: new Map(), spf: new Map(), from: new Set() }));
    }
    const s = g.source;
    s.messages += row.count;
    if (row.dkim === 'pass' || row.spf === 'pass') s.dmarcPass += row.count;
    if (row.spf === 'pass') s.spfAligned += row.count;
    if (row.dkim === 'pass') s.dkimAligned += row.count;
    if (g.from.size < 20 && row.headerFrom) g.from.add(row.headerFrom);
    for (const d of row.dkimResults.slice(0, 10)) if (d.domain) bump(g.dkim, d.domain, d.result === 'pass', row.count);
    for (const sp of row.spfResults.slice(0, 10)) if (sp.domain) bump(g.spf, sp.domain, sp.result === 'pass', row.count);
  }
  const out: Source[] = [];
  for (const g of groups.values()) {
    const s = g.source;
    s.headerFrom = [...g.from];
    s.dkimDomains = [...g.dkim.values()].sort((a, b) => b.pass + b.fail - (a.pass + a.fail));
    s.spfDomains = [...g.spf.values()].sort((a, b) => b.pass + b.fail - (a.pass + a.fail));
    const ptr = ptrs.get(s.ip);
    if (ptr?.ptr) s.ptr = ptr.ptr;
    if (ptr?.orgDomain) s.ptrOrgDomain = ptr.orgDomain;
    const recognized = recognizeService({ ptr: s.ptr, dkimDomains: s.dkimDomains.map((d) => d.domain), spfDomains: s.spfDomains.map((d) => d.domain) });
    if (recognized) s.service = { id: recognized.service.id, name: recognized.service.name, by: recognized.by, forwarder: !!recognized.service.forwarder };
    classify(s, ourOrg);
    out.push(s);
  }
  return out.sort((a, b) => b.messages - a.messages || a.ip.localeCompare(b.ip));
}
