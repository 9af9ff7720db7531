import type { MxRecord, Resolver } from '../dns/types.js';
import { policyHost, policyUrl, responseProblem } from './fetch.js';
import { deriveFindings } from './findings.js';
import { coverMxHosts } from './mx.js';
import { decodePolicyBody, parseStsPolicy } from './policy.js';
import { lookupStsRecord } from './record.js';
import { lookupTlsRptRecord } from './tlsrpt.js';
import type { MtaStsCheck, MtaStsFinding, MtaStsStep, MtaStsVerdict, MxCoverage, PolicyFetcher, PolicyFetchResult, StsPolicyOutcome, StsRecordLookup } from './types.js';

/** MX records considered (a domain has a handful; this bounds a hostile answer). */
export const MAX_MX_HOSTS = 50;

/** What {@link checkMtaSts} needs: DNS, a way to fetch the policy (none: the policy is not checked) and the time. */
export interface MtaStsCheckOptions {
  resolver: Resolver;
  /** Fetches `https://mta-sts.DOMAIN/.well-known/mta-sts.txt`; usually {@link httpsPolicyFetcher}. */
  fetch?: PolicyFetcher;
  /** The time of the check: the base of `policyExpires` and of the ids fixes suggest. */
  now: Date;
}

/** The MX answer of a domain, as coverage input: the hosts, or why there are none. */
type MxLookup = { status: 'hosts'; implicit: boolean; records: MxRecord[] } | Exclude<MxCoverage, { status: 'checked' } | { status: 'not-checked' }>;

async function lookupMx(domain: string, resolver: Resolver, trace: MtaStsStep[]): Promise<MxLookup> {
  const answer = await resolver.query(domain, 'MX');
  trace.push({ kind: 'lookup', name: domain, type: 'MX', answer });
  switch (answer.status) {
    case 'records': {
      const records = answer.records.slice(0, MAX_MX_HOSTS);
      const only = records[0];
      if (records.length === 1 && only && (only.exchange === '' || only.exchange === '.')) return { status: 'null-mx' };
      return { status: 'hosts', implicit: false, records };
    }
    case 'nodata':
      return { status: 'hosts', implicit: true, records: [{ preference: 0, exchange: domain }] };
    case 'nxdomain':
      return { status: 'no-mail', dns: 'nxdomain' };
    case 'error':
      return { status: 'temperror', dns: 'error', rcode: answer.rcode };
    case 'timeout':
      return { status: 'temperror', dns: 'timeout' };
  }
}

async function fetchPolicy(domain: string, record: StsRecordLookup, fetch: PolicyFetcher | undefined, trace: MtaStsStep[]): Promise<StsPolicyOutcome> {
  if (record.status === 'none') return { status: 'not-fetched', reason: 'no-record' };
  if (record.status === 'temperror') return { status: 'not-fetched', reason: 'dns-temperror' };
  if (!fetch) return { status: 'not-fetched', reason: 'no-fetcher' };
  const url = policyUrl(domain);
  const result = await fetch({ domain, host: policyHost(domain), url }).catch(
    (e: unknown): PolicyFetchResult => ({ status: 'network', code: 'FETCHER-THREW', message: e instanceof Error ? e.message : String(e) }),
  );
  if (result.status !== 'response') {
    const detail = result.status === 'tls' || result.status === 'network' ? result.code : result.status === 'dns' ? result.answer : undefined;
    trace.push({ kind: 'fetch', url, result: result.status, ...(detail ? { detail } : {}) });
    return { status: 'fetch-failed', url, fetch: result };
  }
  trace.push({ kind: 'fetch', url, result: 'response', httpStatus: result.httpStatus, ...(result.source ? { source: result.source } : {}) });
  const problem = responseProblem(result);
  if (problem) return { status: 'bad-response', url, problem };
  const text = decodePolicyBody(result.body);
  const source = result.source ? { source: result.source } : {};
  if (text === undefined) {
    const policy = parseStsPolicy('');
    policy.problems.unshift({ code: 'not-text', severity: 'error', line: 0 });
    return { status: 'fetched', url, ...source, text: '', policy };
  }
  return { status: 'fetched', url, ...source, text, policy: parseStsPolicy(text) };
}

function coverage(mx: MxLookup, policy: StsPolicyOutcome, trace: MtaStsStep[]): MxCoverage {
  if (mx.status !== 'hosts') return mx;
  if (policy.status !== 'fetched') return { status: 'not-checked' };
  const { hosts, unusedPatterns } = coverMxHosts(policy.policy.mx, mx.records);
  for (const h of hosts) trace.push({ kind: 'match', exchange: h.exchange, ...(h.matchedBy !== undefined ? { pattern: h.matchedBy } : {}) });
  return { status: 'checked', implicit: mx.implicit, hosts, unusedPatterns };
}

/** Findings that mean a DNS or network failure stopped the check, not a problem of the domain. */
const TEMPORARY = new Set(['record-dns', 'policy-timeout', 'policy-network', 'mx-dns', 'tlsrpt-dns']);

/** The verdict of a check: could not check, then no MTA-STS record, then errors, else pass. */
export function mtaStsVerdict(record: StsRecordLookup, findings: readonly MtaStsFinding[]): MtaStsVerdict {
  const temporary = findings.some(
    (f) => TEMPORARY.has(f.id) || (f.id === 'policy-dns' && (f.params['dns'] === 'error' || f.params['dns'] === 'timeout')),
  );
  if (temporary) return 'temperror';
  if (record.status === 'none') return 'none';
  return findings.some((f) => f.severity === 'error') ? 'fail' : 'pass';
}

/**
 * Check a domain's MTA-STS (RFC 8461) and TLS-RPT (RFC 8460) setup: the `_mta-sts` record, the
 * policy file over HTTPS, which MX hosts the policy covers, and the `_smtp._tls` record.
 * Independent DNS queries run in parallel; the trace lists them in a fixed order.
 */
export async function checkMtaSts(domain: string, options: MtaStsCheckOptions): Promise<MtaStsCheck> {
  const name = domain.toLowerCase().replace(/\.$/, '');
  const recordTrace: MtaStsStep[] = [];
  const fetchTrace: MtaStsStep[] = [];
  const mxTrace: MtaStsStep[] = [];
  const tlsTrace: MtaStsStep[] = [];
  const recordAndPolicy = (async () => {
    const record = await lookupStsRecord(name, options.resolver, recordTrace);
    return { record, policy: await fetchPolicy(name, record, options.fetch, fetchTrace) };
  })();
  const [{ record, policy }, mxLookup, tlsRpt] = await Promise.all([
    recordAndPolicy,
    lookupMx(name, options.resolver, mxTrace),
    lookupTlsRptRecord(name, options.resolver, tlsTrace),
  ]);
  const matchTrace: MtaStsStep[] = [];
  const mx = coverage(mxLookup, policy, matchTrace);
  const mxHosts = mxLookup.status === 'hosts' ? mxLookup.records.map((r) => r.exchange) : undefined;
  const findings = deriveFindings({ domain: name, now: options.now, record, policy, mxHosts, mx, tlsRpt });
  const check: MtaStsCheck = {
    domain: name,
    verdict: mtaStsVerdict(record, findings),
    record,
    policy,
    mx,
    tlsRpt,
    findings,
    trace: [...recordTrace, ...fetchTrace, ...mxTrace, ...matchTrace, ...tlsTrace],
  };
  if (policy.status === 'fetched' && policy.policy.valid && policy.policy.maxAge !== undefined) {
    check.policyExpires = new Date(options.now.getTime() + policy.policy.maxAge * 1000).toISOString();
  }
  return check;
}
