import { policyHost, policyUrl } from './fetch.js';
import { matchingPattern } from './mx.js';
import { formatStsPolicy } from './policy.js';
import { formatStsRecord, policyIdAt, stsRecordName } from './record.js';
import { formatTlsRptRecord, tlsRptRecordName } from './tlsrpt.js';
import type { MtaStsFinding, MtaStsFix, MxCoverage, StsPolicyOutcome, StsRecordLookup, TlsRptLookup } from './types.js';

/** `max_age` a suggested policy gets: one week, a common first step (RFC 8461 §3.2 recommends weeks or more). */
export const SUGGESTED_MAX_AGE = 604_800;

/** What the findings are derived from: every part of one check. */
export interface FindingInput {
  domain: string;
  now: Date;
  record: StsRecordLookup;
  policy: StsPolicyOutcome;
  /** The MX host names from DNS (the domain itself for an implicit MX), when known. */
  mxHosts: string[] | undefined;
  mx: MxCoverage;
  tlsRpt: TlsRptLookup;
}

/** The policy file a fix asks for: the current policy's mode, patterns and max_age, plus every MX host not yet covered. */
export function suggestedPolicy(input: FindingInput): string {
  const existing = input.policy.status === 'fetched' ? input.policy.policy : undefined;
  const mode = existing?.mode ?? 'testing';
  const patterns = [...new Set(existing?.mx.map((p) => p.pattern) ?? [])];
  const hosts = input.mxHosts ?? [];
  const uncovered = hosts.filter((h) => matchingPattern(existing?.mx ?? [], h) === undefined);
  let mx = [...patterns, ...new Set(uncovered)];
  if (mx.length === 0 && mode !== 'none') mx = [`mail.${input.domain}`];
  const maxAge = existing?.maxAge !== undefined && existing.maxAge >= 86_400 ? existing.maxAge : SUGGESTED_MAX_AGE;
  return formatStsPolicy({ mode, mx, maxAge });
}

/** The record a fix asks for: a fresh id (the policy changes with it), keeping valid extension fields. */
function suggestedRecord(input: FindingInput): MtaStsFix {
  const extensions = input.record.status === 'found' || input.record.status === 'invalid' ? input.record.record.extensions : [];
  const value = [formatStsRecord(policyIdAt(input.now)), ...extensions.map((e) => `${e.name}=${e.value}`)].join('; ');
  return { kind: 'publish-txt', name: stsRecordName(input.domain), value };
}

function policyFixes(input: FindingInput): MtaStsFix[] {
  const fixes: MtaStsFix[] = [{ kind: 'policy-file', url: policyUrl(input.domain), body: suggestedPolicy(input) }];
  if (input.record.status !== 'multiple') fixes.push(suggestedRecord(input));
  return fixes;
}

function serverFixes(input: FindingInput): MtaStsFix[] {
  return [{ kind: 'https-server', host: policyHost(input.domain) }, { kind: 'policy-file', url: policyUrl(input.domain), body: suggestedPolicy(input) }];
}

function recordFindings(input: FindingInput, out: MtaStsFinding[]): void {
  const r = input.record;
  if (r.status === 'none') {
    out.push({ id: 'no-record', severity: 'warning', params: { name: r.name }, fixes: [suggestedRecord(input), ...serverFixes(input)] });
  } else if (r.status === 'multiple') {
    out.push({
      id: 'multiple-records',
      severity: 'error',
      params: { name: r.name, count: r.texts.length },
      fixes: [...r.texts.map((value): MtaStsFix => ({ kind: 'delete-txt', name: r.name, value })), suggestedRecord(input)],
    });
  } else if (r.status === 'temperror') {
    out.push({ id: 'record-dns', severity: 'error', params: { name: r.name, dns: r.rcode ?? r.dns }, fixes: [] });
  } else {
    let fixed = false;
    for (const p of r.record.problems) {
      const fixes = p.severity === 'error' && !fixed ? [suggestedRecord(input)] : [];
      if (fixes.length) fixed = true;
      out.push({ id: 'record-problem', severity: p.severity, params: { name: r.name, code: p.code, detail: p.detail ?? '', position: p.position }, fixes });
    }
  }
}

function policyFindings(input: FindingInput, out: MtaStsFinding[]): void {
  const p = input.policy;
  const url = policyUrl(input.domain);
  if (p.status === 'fetch-failed') {
    const f = p.fetch;
    const fixes = serverFixes(input);
    switch (f.status) {
      case 'dns':
        return void out.push({ id: 'policy-dns', severity: 'error', params: { host: f.host, dns: f.answer }, fixes });
      case 'timeout':
        return void out.push({ id: 'policy-timeout', severity: 'error', params: { url, phase: f.phase, ms: f.ms }, fixes });
      case 'refused':
        return void out.push({ id: 'policy-refused', severity: 'error', params: { url, address: f.address }, fixes });
      case 'tls':
        return void out.push({ id: 'policy-tls', severity: 'error', params: { url, code: f.code, message: f.message }, fixes });
      case 'too-big':
        return void out.push({ id: 'policy-too-big', severity: 'error', params: { url, limit: f.limit }, fixes: policyFixes(input) });
      case 'network':
        return void out.push({ id: 'policy-network', severity: 'error', params: { url, code: f.code, message: f.message }, fixes });
    }
  }
  if (p.status === 'bad-response') {
    const pr = p.problem;
    const fixes = policyFixes(input).slice(0, 1);
    if (pr.code === 'redirect') out.push({ id: 'policy-redirect', severity: 'error', params: { url, httpStatus: pr.httpStatus, location: pr.location ?? '' }, fixes });
    else if (pr.code === 'http-status') out.push({ id: 'policy-http-status', severity: 'error', params: { url, httpStatus: pr.httpStatus }, fixes });
    else out.push({ id: 'policy-content-type', severity: 'error', params: { url, contentType: pr.contentType || '-' }, fixes });
    return;
  }
  if (p.status !== 'fetched') return;
  let fixed = false;
  for (const problem of p.policy.problems) {
    const fixes = problem.severity === 'error' && !fixed ? policyFixes(input) : [];
    if (fixes.length) fixed = true;
    out.push({ id: 'policy-problem', severity: problem.severity, params: { code: problem.code, line: problem.line, detail: problem.detail ?? '' }, fixes });
  }
  if (p.policy.mode === 'testing') out.push({ id: 'mode-testing', severity: 'info', params: {}, fixes: [] });
  if (p.policy.mode === 'none') out.push({ id: 'mode-none', severity: 'warning', params: {}, fixes: [] });
}

function mxFindings(input: FindingInput, out: MtaStsFinding[]): void {
  const mx = input.mx;
  if (mx.status === 'temperror') out.push({ id: 'mx-dns', severity: 'error', params: { domain: input.domain, dns: mx.rcode ?? mx.dns }, fixes: [] });
  if (mx.status === 'null-mx') out.push({ id: 'null-mx', severity: 'info', params: { domain: input.domain }, fixes: [] });
  if (mx.status !== 'checked' || input.policy.status !== 'fetched') return;
  const mode = input.policy.policy.mode;
  if (mode === 'enforce' || mode === 'testing') {
    let fixed = false;
    for (const host of mx.hosts) {
      if (host.matchedBy !== undefined) continue;
      const fixes = fixed ? [] : policyFixes(input);
      fixed = true;
      out.push({ id: 'mx-not-covered', severity: mode === 'enforce' ? 'error' : 'warning', params: { exchange: host.exchange, mode }, fixes });
    }
  }
  for (const pattern of mx.unusedPatterns) out.push({ id: 'mx-pattern-unused', severity: 'info', params: { pattern }, fixes: [] });
}

function tlsRptFindings(input: FindingInput, out: MtaStsFinding[]): void {
  const r = input.tlsRpt;
  const publish: MtaStsFix = { kind: 'publish-txt', name: tlsRptRecordName(input.domain), value: suggestedTlsRpt(input) };
  if (r.status === 'none') out.push({ id: 'no-tlsrpt', severity: 'warning', params: { name: r.name }, fixes: [publish] });
  else if (r.status === 'multiple') {
    out.push({
      id: 'multiple-tlsrpt',
      severity: 'error',
      params: { name: r.name, count: r.texts.length },
      fixes: [...r.texts.map((value): MtaStsFix => ({ kind: 'delete-txt', name: r.name, value })), publish],
    });
  } else if (r.status === 'temperror') out.push({ id: 'tlsrpt-dns', severity: 'error', params: { name: r.name, dns: r.rcode ?? r.dns }, fixes: [] });
  else {
    let fixed = false;
    for (const p of r.record.problems) {
      const fixes = p.severity === 'error' && !fixed ? [publish] : [];
      if (fixes.length) fixed = true;
      out.push({ id: 'tlsrpt-problem', severity: p.severity, params: { name: r.name, code: p.code, detail: p.detail ?? '', position: p.position }, fixes });
    }
  }
}

/** The TLS-RPT record a fix asks for: the usable URIs already published, else `mailto:tlsrpt@DOMAIN`. */
function suggestedTlsRpt(input: FindingInput): string {
  const r = input.tlsRpt;
  const kept = r.status === 'found' || r.status === 'invalid' ? r.record.rua.map((u) => u.uri) : [];
  return formatTlsRptRecord(kept.length ? kept : [`mailto:tlsrpt@${input.domain}`]);
}

/** Every finding of a check, in a stable order (record, policy, MX, TLS-RPT), each with its fixes. */
export function deriveFindings(input: FindingInput): MtaStsFinding[] {
  const out: MtaStsFinding[] = [];
  recordFindings(input, out);
  policyFindings(input, out);
  mxFindings(input, out);
  tlsRptFindings(input, out);
  return out;
}
