import { checkMtaSts } from '../mtasts/check.js';
import type { MtaStsFinding, MtaStsStep, PolicyFetcher } from '../mtasts/types.js';
import type { AuditDns } from './context.js';
import { evidenceOf, finding, txtLine, type DnsEvidence, type Finding, type FixLine } from './finding.js';

/** The findings of `inkan mta-sts` that are about TLS-RPT (RFC 8460), not MTA-STS. */
const TLSRPT_IDS: ReadonlySet<string> = new Set(['no-tlsrpt', 'multiple-tlsrpt', 'invalid-tlsrpt', 'tlsrpt-problem', 'tlsrpt-dns']);
/** Findings that mean DNS did not answer: "could not check". */
const DNS_IDS: ReadonlySet<string> = new Set(['record-dns', 'mx-dns', 'tlsrpt-dns']);
/** Missing MTA-STS or TLS-RPT is a recommendation here (no mailbox provider requires either): info, not a warning. */
const OPTIONAL: ReadonlySet<string> = new Set(['no-record', 'no-tlsrpt']);

/** The catalogue message of an MTA-STS finding (the sentences `inkan mta-sts` prints). */
function messageOf(f: MtaStsFinding): string {
  const code = String(f.params['code'] ?? '');
  if (f.id === 'record-problem') return `mtasts.record.${code}`;
  if (f.id === 'policy-problem') return `mtasts.policy.${code}`;
  if (f.id === 'tlsrpt-problem') return `mtasts.tlsrpt.${code}`;
  return `mtasts.finding.${f.id}`;
}

function evidence(trace: MtaStsStep[], tlsRpt: boolean): DnsEvidence[] {
  return trace.flatMap((s) => (s.kind === 'lookup' && s.name.startsWith('_smtp._tls.') === tlsRpt && s.type === 'TXT' ? [evidenceOf(s.name, s.type, s.answer)] : []));
}

/**
 * MTA-STS (RFC 8461) and TLS-RPT (RFC 8460) through the `mta-sts` module's own check: the record, the policy
 * fetched over HTTPS, MX coverage and the TLS-RPT record, turned into audit findings with their fixes.
 */
export async function auditMtaStsAndTlsRpt(domain: string, dns: AuditDns, fetch: PolicyFetcher | undefined, now: number): Promise<Finding[]> {
  const check = await checkMtaSts(domain, { resolver: dns, ...(fetch ? { fetch } : {}), now: new Date(now) });
  const out: Finding[] = [];
  for (const f of check.findings) {
    const tls = TLSRPT_IDS.has(f.id);
    const area = tls ? 'tls-rpt' : 'mta-sts';
    const fix: FixLine[] = [];
    let file: Finding['file'];
    for (const x of f.fixes) {
      if (x.kind === 'publish-txt') fix.push(txtLine('add', x.name, x.value));
      else if (x.kind === 'delete-txt') fix.push(txtLine('remove', x.name, x.value));
      else if (x.kind === 'policy-file') file = { url: x.url, body: x.body };
    }
    const unreachable = DNS_IDS.has(f.id) || (f.id === 'policy-dns' && (f.params['dns'] === 'timeout' || f.params['dns'] === 'error'));
    const severity = unreachable ? 'warning' : OPTIONAL.has(f.id) ? 'info' : f.severity;
    const out1 = finding(area, `${area}.${f.id}`, severity, f.params, evidence(check.trace, tls), fix);
    out1.message = messageOf(f);
    if (file) out1.file = file;
    if (unreachable) out1.unchecked = true;
    out.push(out1);
  }
  if (check.verdict === 'pass' && check.policy.status === 'fetched') {
    const policy = check.policy.policy;
    out.unshift(finding('mta-sts', 'mta-sts.ok', 'ok', { mode: policy.mode ?? '', patterns: policy.mx.map((m) => m.pattern).join(', ') }, evidence(check.trace, false)));
  }
  if (check.tlsRpt.status === 'found' && !out.some((f) => f.area === 'tls-rpt' && f.severity === 'error')) {
    out.push(finding('tls-rpt', 'tls-rpt.ok', 'ok', { name: check.tlsRpt.name, rua: check.tlsRpt.record.rua.map((u) => u.uri).join(', ') }, evidence(check.trace, true)));
  }
  return out;
}
