import { fetchDkimKey, type DkimKeyLookup } from '../dkim/key.js';
import type { AuditDns } from './context.js';
import { evidenceOf, finding, isDnsFailure, txtLine, unchecked, type DnsEvidence, type Finding } from './finding.js';
import { discoverySelectors, serviceOfDkimTarget } from './providers.js';

/** Most selectors checked for one domain (given ones plus discovery). */
export const MAX_SELECTORS = 64;

/** An RSA key shorter than this is a warning (RFC 8301 §3.2 says signers SHOULD use at least 2048 bits). */
export const RECOMMENDED_RSA_BITS = 2048;

/** One usable key found. */
export interface DkimKeyFact {
  selector: string;
  keyType: 'rsa' | 'ed25519';
  bits: number;
  testing: boolean;
  /** The sending service its CNAME points to, if recognized. */
  service?: string;
}

/** What the DKIM check learned, for readiness. */
export interface DkimFacts {
  /** `found`: at least one usable key; `none`; `unchecked`: none found and some queries failed. */
  state: 'found' | 'none' | 'unchecked';
  keys: DkimKeyFact[];
  /** Selectors probed. */
  selectors: string[];
}

/** Options of {@link auditDkim}. */
export interface DkimAuditOptions {
  /** Selectors to check (a missing key at one of these is an error). */
  selectors?: string[];
  /** Also probe the selectors common providers use. Default true. */
  discover?: boolean;
  /** Selectors seen in the domain's DMARC aggregate reports: probed first, like discovered ones. */
  reported?: string[];
}

/** `t=y` removed from a key record (RFC 6376 §3.6.1 `t=` flags). */
export function withoutTesting(record: string): string {
  return record
    .split(';')
    .map((part) => {
      const m = /^(\s*t\s*=)(.*)$/i.exec(part);
      if (!m) return part;
      const flags = m[2]!.split(':').filter((f) => f.trim().toLowerCase() !== 'y');
      return flags.length ? `${m[1]}${flags.join(':')}` : undefined;
    })
    .filter((p): p is string => p !== undefined)
    .join(';');
}

function keyFindings(domain: string, selector: string, given: boolean, lookup: DkimKeyLookup, ev: DnsEvidence[], cnameTarget: string | undefined, keys: DkimKeyFact[]): Finding[] {
  const name = lookup.name;
  const replacement = `${selector}-2048`;
  const newKey = [txtLine('add', `${replacement}._domainkey.${domain}`, 'v=DKIM1; k=rsa; p=<public key from inkan dkim keygen>')];
  switch (lookup.status) {
    case 'dns-timeout':
    case 'dns-error':
      return [unchecked('dkim', name, 'TXT', lookup.answer)];
    case 'no-key':
      if (cnameTarget !== undefined) return [finding('dkim', 'dkim.cname-dangling', 'error', { domain, selector, name, target: cnameTarget }, ev)];
      return given ? [finding('dkim', 'dkim.key.missing', 'error', { domain, selector, name }, ev)] : [];
    case 'key-error': {
      const e = lookup.error;
      if (e.code === 'revoked') return [finding('dkim', 'dkim.key.revoked', given ? 'warning' : 'info', { domain, selector, name }, ev)];
      if (e.code === 'key-too-small') {
        const fix = [txtLine('remove', name, lookup.record), ...newKey];
        return [finding('dkim', 'dkim.key.weak', 'error', { domain, selector, name, bits: e.bits ?? 0, replacement }, ev, fix)];
      }
      return [finding('dkim', 'dkim.key.invalid', 'error', { domain, selector, name, code: e.code, ...(e.tag ? { tag: e.tag } : {}) }, ev)];
    }
    case 'key': {
      const key = lookup.key;
      const out: Finding[] = [];
      const service = cnameTarget !== undefined ? serviceOfDkimTarget(cnameTarget) : undefined;
      keys.push({ selector, keyType: key.keyType, bits: key.bits, testing: key.testing, ...(service ? { service: service.id } : {}) });
      if (key.keyType === 'rsa' && key.bits < RECOMMENDED_RSA_BITS) {
        out.push(finding('dkim', 'dkim.key.short', 'warning', { domain, selector, name, bits: key.bits, replacement }, ev, [...newKey]));
      }
      if (key.testing) {
        const record = key.record;
        out.push(finding('dkim', 'dkim.key.testing', 'warning', { domain, selector, name }, ev, [txtLine('remove', name, record), txtLine('add', name, withoutTesting(record))]));
      }
      if (key.hashes && !key.hashes.includes('sha256')) out.push(finding('dkim', 'dkim.key.sha1-only', 'warning', { domain, selector, name }, ev));
      if (out.length === 0) out.push(finding('dkim', 'dkim.key.ok', 'ok', { domain, selector, name, keyType: key.keyType, bits: key.bits }, ev));
      if (service) out.push(finding('dkim', 'dkim.service', 'info', { domain, selector, service: service.name, target: cnameTarget! }, ev));
      return out;
    }
  }
}

/**
 * The DKIM check: the key at each selector given, and selector discovery (the selectors common providers
 * use, all probed in parallel). For each key: algorithm, RSA size (< 1024 error, < 2048 warning), `t=y`,
 * revoked, syntax; CNAMEs to a provider are recognized, a CNAME to nothing is an error.
 */
export async function auditDkim(domain: string, dns: AuditDns, options: DkimAuditOptions = {}): Promise<{ findings: Finding[]; facts: DkimFacts }> {
  const given = [...new Set((options.selectors ?? []).map((s) => s.toLowerCase()))];
  const reported = (options.reported ?? []).map((s) => s.toLowerCase()).filter((s) => /^[a-z0-9_-]+(\.[a-z0-9_-]+)*$/.test(s));
  const probed = [...new Set([...reported, ...(options.discover === false ? [] : discoverySelectors())])].filter((s) => !given.includes(s));
  const selectors = [...given, ...probed].slice(0, MAX_SELECTORS);
  const results = await Promise.all(
    selectors.map(async (selector) => {
      const name = `${selector}._domainkey.${domain}`;
      const lookup = await fetchDkimKey(dns, selector, domain, { cache: false });
      // The CNAME target (a provider's name) is asked only when the TXT answer came through a CNAME.
      const viaCname = 'cnames' in lookup.answer && (lookup.answer.cnames?.length ?? 0) > 0;
      const cname = viaCname ? await dns.query(name, 'CNAME') : undefined;
      const target = cname?.status === 'records' ? cname.records[0] : undefined;
      const ev = [evidenceOf(name, 'TXT', lookup.answer), ...(cname && target !== undefined ? [evidenceOf(name, 'CNAME', cname)] : [])];
      const found: DkimKeyFact[] = [];
      return { lookup, keys: found, findings: keyFindings(domain, selector, given.includes(selector), lookup, ev, target, found) };
    }),
  );
  const findings = results.flatMap((r) => r.findings);
  const keys = results.flatMap((r) => r.keys);
  const anyUnchecked = results.some((r) => isDnsFailure(r.lookup.answer));
  const anyRecord = results.some((r) => r.lookup.status !== 'no-key' || r.findings.length > 0);
  let state: DkimFacts['state'] = 'found';
  if (keys.length === 0) {
    state = anyUnchecked ? 'unchecked' : 'none';
    if (!anyUnchecked && !anyRecord) {
      const fix = [txtLine('add', `default._domainkey.${domain}`, 'v=DKIM1; k=rsa; p=<public key from inkan dkim keygen>')];
      findings.push(finding('dkim', 'dkim.none', 'error', { domain, probed: selectors.length, selectors: given.join(', ') }, [], fix));
    }
  }
  return { findings, facts: { state, keys, selectors } };
}
