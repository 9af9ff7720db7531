import { lookupDmarcPolicy } from '../dmarc/discover.js';
import { isAtOrBelow } from '../dmarc/domain.js';
import { parseDmarcRecord } from '../dmarc/record.js';
import type { DmarcPolicy, DmarcRecord } from '../dmarc/types.js';
import type { AuditDns } from './context.js';
import { evidenceOf, finding, isDnsFailure, txtLine, unchecked, type DnsEvidence, type Finding, type FixLine } from './finding.js';

/** What the DMARC check learned, for readiness and BIMI. */
export interface DmarcFacts {
  /** `found`: a usable policy applies; `none`; `unusable`; `unchecked`: DNS failed. */
  state: 'found' | 'none' | 'unusable' | 'unchecked';
  /** The policy that applies to mail from the domain itself. */
  policy?: DmarcPolicy;
  /** Where the record was found. */
  policyDomain?: string;
  orgDomain?: string;
  record?: DmarcRecord;
}

const STRENGTH: Record<DmarcPolicy, number> = { none: 0, quarantine: 1, reject: 2 };

/** Most external report destinations checked for authorization. */
const MAX_DESTINATIONS = 8;

/** Rebuild a record from its valid tags, with tags changed (`undefined` drops one) or added at the end. */
export function rebuildDmarc(record: DmarcRecord, changes: Record<string, string | undefined> = {}): string {
  const out: string[] = [];
  const done = new Set<string>();
  for (const tag of record.tags) {
    if (tag.status !== 'valid' && !(tag.name in changes)) continue;
    if (done.has(tag.name)) continue;
    done.add(tag.name);
    const value = tag.name in changes ? changes[tag.name] : tag.value;
    if (value !== undefined) out.push(`${tag.name}=${value}`);
    if (tag.name === 'v' && !record.tags.some((t) => t.name === 'p' && t.status === 'valid') && !('p' in changes)) {
      out.push('p=none');
      done.add('p');
    }
  }
  for (const [name, value] of Object.entries(changes)) if (!done.has(name) && value !== undefined) out.push(`${name}=${value}`);
  return out.join('; ');
}

function replaceFix(name: string, current: string, next: string): FixLine[] {
  return [txtLine('remove', name, current), txtLine('add', name, next)];
}

const looksLikeDmarc = (text: string): boolean => /^\s*v\s*=\s*dmarc/i.test(text);

/**
 * The DMARC check (RFC 9989): the record found by policy discovery, its syntax with error positions, several
 * records, a record at the wrong name or an SPF record at `_dmarc`, `p=none`, `sp`/`np` weaker than `p`,
 * tags RFC 9989 removed, `rua`/`ruf`, and for each external destination its `_report._dmarc` authorization.
 */
export async function auditDmarc(domain: string, dns: AuditDns): Promise<{ findings: Finding[]; facts: DmarcFacts }> {
  const name = `_dmarc.${domain}`;
  const wrongNames = [domain, `_dmarc.${domain}.${domain}`, `dmarc.${domain}`];
  const [lookup, own, ...wrong] = await Promise.all([
    lookupDmarcPolicy(domain, { resolver: dns }),
    dns.query(name, 'TXT'),
    ...wrongNames.map((n) => dns.query(n, 'TXT')),
  ]);
  const findings: Finding[] = [];
  const ownEv = [evidenceOf(name, 'TXT', own)];
  const d = lookup.discovery;
  if (d.status === 'invalid-domain') return { findings: [finding('dmarc', 'dmarc.invalid-domain', 'error', { domain })], facts: { state: 'none' } };
  if (d.status === 'temperror') {
    const failed = d.steps.find((s) => isDnsFailure(s.answer));
    const f = failed ? unchecked('dmarc', failed.name, 'TXT', failed.answer) : unchecked('dmarc', d.error.name, d.error.type, { status: 'timeout' });
    return { findings: [f], facts: { state: 'unchecked' } };
  }

  // What sits at _dmarc.<domain> itself.
  const texts = own.status === 'records' ? own.records.map((r) => r.join('')) : [];
  for (const text of texts) {
    if (/^\s*v=spf1(\s|$)/i.test(text)) findings.push(finding('dmarc', 'dmarc.spf-at-dmarc', 'error', { name }, ownEv, [txtLine('remove', name, text)]));
    else if (looksLikeDmarc(text)) {
      const parsed = parseDmarcRecord(text);
      if (!parsed.ok) {
        const { code, position } = parsed.error;
        const corrected = code === 'bad-version' ? text.replace(/^\s*v\s*=\s*dmarc1/i, 'v=DMARC1') : undefined;
        const fix = corrected && corrected !== text && parseDmarcRecord(corrected).ok ? replaceFix(name, text, corrected) : undefined;
        findings.push(finding('dmarc', 'dmarc.not-record', 'error', { name, code, position, column: position + 1, record: text }, ownEv, fix));
      }
    }
  }
  const dmarcTexts = texts.filter((t) => parseDmarcRecord(t).ok);
  if (dmarcTexts.length > 1) {
    const fix = dmarcTexts.slice(1).map((t) => txtLine('remove', name, t));
    findings.push(finding('dmarc', 'dmarc.multiple', 'error', { name, count: dmarcTexts.length }, ownEv, fix));
  }
  wrong.forEach((answer, i) => {
    const at = wrongNames[i]!;
    const found = answer.status === 'records' ? answer.records.map((r) => r.join('')).filter(looksLikeDmarc) : [];
    for (const text of found) {
      const fix = [txtLine('remove', at, text), ...(dmarcTexts.length === 0 && parseDmarcRecord(text).ok ? [txtLine('add', name, text)] : [])];
      findings.push(finding('dmarc', 'dmarc.wrong-name', 'error', { found: at, expected: name }, [evidenceOf(at, 'TXT', answer), ...ownEv], fix));
    }
  });

  if (d.status === 'none') {
    if (dmarcTexts.length <= 1 && !findings.some((f) => f.id === 'dmarc.wrong-name')) {
      const org = lookup.orgDomain?.ok ? lookup.orgDomain.orgDomain : domain;
      const fix = [txtLine('add', `_dmarc.${org}`, `v=DMARC1; p=none; rua=mailto:dmarc-reports@${org}`)];
      const ev: DnsEvidence[] = d.steps.map((s) => evidenceOf(s.name, 'TXT', s.answer));
      findings.push(finding('dmarc', 'dmarc.none', 'error', { domain, name: `_dmarc.${org}` }, ev, fix));
    }
    return { findings, facts: { state: 'none', ...(lookup.orgDomain?.ok ? { orgDomain: lookup.orgDomain.orgDomain } : {}) } };
  }

  const { record, domain: policyDomain, source } = d.policy;
  const policyName = `_dmarc.${policyDomain}`;
  const step = d.steps.find((s) => s.domain === policyDomain);
  const ev = step ? [evidenceOf(step.name, 'TXT', step.answer)] : ownEv;
  const orgDomain = lookup.orgDomain?.ok ? lookup.orgDomain.orgDomain : policyDomain;
  const facts: DmarcFacts = { state: 'found', policyDomain, orgDomain, record };
  if (source !== 'author') findings.push(finding('dmarc', 'dmarc.inherited', 'info', { domain, policyDomain, tag: lookup.applied?.tag ?? 'sp' }, ev));

  const cleaned = rebuildDmarc(record);
  const cleanFix = cleaned !== record.text && parseDmarcRecord(cleaned).ok ? replaceFix(policyName, record.text, cleaned) : undefined;
  for (const problem of record.problems) {
    const fixable = problem.code !== 'unsupported-uri-scheme' && problem.code !== 'fo-without-ruf' && problem.code !== 'too-many-uris';
    const params = { name: policyName, code: problem.code, position: problem.position, column: problem.position + 1, ...(problem.tag ? { tag: problem.tag } : {}), ...(problem.detail ? { detail: problem.detail } : {}) };
    const f = finding('dmarc', `dmarc.record.${problem.code}`, problem.severity, params, ev, fixable ? cleanFix : undefined);
    f.message = `dmarc.problem.${problem.code}`;
    findings.push(f);
  }
  const effective = lookup.effective;
  if (!effective?.ok) {
    findings.push(finding('dmarc', 'dmarc.unusable', 'error', { name: policyName, tags: effective ? effective.invalid.join(', ') : 'p' }, ev, cleanFix));
    return { findings, facts: { ...facts, state: 'unusable' } };
  }
  const applied = lookup.applied?.policy ?? effective.p;
  facts.policy = applied;
  if (applied === 'none') {
    const tag = lookup.applied?.tag ?? 'p';
    findings.push(finding('dmarc', 'dmarc.p-none', 'warning', { domain, name: policyName, tag }, ev, replaceFix(policyName, record.text, rebuildDmarc(record, { [tag]: 'quarantine' }))));
  }
  if (policyDomain === orgDomain) {
    if (record.sp !== undefined && STRENGTH[record.sp] < STRENGTH[effective.p]) findings.push(finding('dmarc', 'dmarc.sp-weaker', 'warning', { name: policyName, p: effective.p, sp: record.sp }, ev, replaceFix(policyName, record.text, rebuildDmarc(record, { sp: undefined }))));
    if (record.np !== undefined && STRENGTH[record.np] < STRENGTH[effective.sp]) findings.push(finding('dmarc', 'dmarc.np-weaker', 'warning', { name: policyName, sp: effective.sp, np: record.np }, ev, replaceFix(policyName, record.text, rebuildDmarc(record, { np: undefined }))));
  }
  if (record.t === 'y') findings.push(finding('dmarc', 'dmarc.testing', 'warning', { name: policyName }, ev, replaceFix(policyName, record.text, rebuildDmarc(record, { t: undefined }))));
  if (record.rua.length === 0) {
    const next = rebuildDmarc(record, { rua: `mailto:dmarc-reports@${orgDomain}` });
    findings.push(finding('dmarc', 'dmarc.no-rua', 'warning', { name: policyName, address: `dmarc-reports@${orgDomain}` }, ev, replaceFix(policyName, record.text, next)));
  }
  findings.push(...(await reportAuthorizations(policyDomain, orgDomain, record, dns)));
  if (!findings.some((f) => f.severity === 'error' || f.unchecked)) {
    findings.unshift(finding('dmarc', 'dmarc.ok', 'ok', { domain, name: policyName, policy: applied, record: record.text }, ev));
  }
  return { findings, facts };
}

/** RFC 9990 §3: a report destination outside the Organizational Domain must publish `<policy domain>._report._dmarc.<destination>`. */
async function reportAuthorizations(policyDomain: string, orgDomain: string, record: DmarcRecord, dns: AuditDns): Promise<Finding[]> {
  const destinations = [...new Set([...record.rua, ...record.ruf].flatMap((u) => (u.domain && !isAtOrBelow(u.domain, orgDomain) ? [u.domain] : [])))].slice(0, MAX_DESTINATIONS);
  return Promise.all(
    destinations.map(async (destination) => {
      const name = `${policyDomain}._report._dmarc.${destination}`;
      const answer = await dns.query(name, 'TXT');
      const ev = [evidenceOf(name, 'TXT', answer)];
      if (isDnsFailure(answer)) return unchecked('dmarc', name, 'TXT', answer);
      const ok = answer.status === 'records' && answer.records.some((r) => /^v=DMARC1(\s*;|\s*$)/.test(r.join('')));
      if (ok) return finding('dmarc', 'dmarc.rua.authorized', 'ok', { destination, name }, ev);
      return finding('dmarc', 'dmarc.rua.unauthorized', 'error', { destination, name, domain: policyDomain }, ev, [txtLine('add', name, 'v=DMARC1')]);
    }),
  );
}
