import type { TlsPolicyResult, TlsReport } from './types.js';

/** Why a TLS report cannot be stored. */
export type TlsReportError = 'not-json' | 'not-tlsrpt' | 'missing-organization-name' | 'missing-report-id' | 'bad-date-range' | 'missing-policy-domain';

/** Outcome of parsing one TLS report. */
export type TlsReportResult = { ok: true; report: TlsReport; json: unknown } | { ok: false; error: TlsReportError };

/** Most policies and failure details read from one report (the rest are kept in the stored JSON only). */
const MAX_POLICIES = 1000;
const MAX_FAILURES = 1000;

function str(v: unknown, max = 1000): string | undefined {
  return typeof v === 'string' && v.trim() ? v.trim().slice(0, max) : undefined;
}

function num(v: unknown): number {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? Math.floor(v) : typeof v === 'string' && /^\d{1,15}$/.test(v) ? Number(v) : 0;
}

function obj(v: unknown): Record<string, unknown> | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

/** Whether text starts like a JSON object. */
export function looksLikeJson(text: string): boolean {
  return /^\s*\{/.test(text);
}

/** Parse an SMTP TLS report (RFC 8460 §4.4); unknown fields are kept in `json`. */
export function parseTlsReport(text: string): TlsReportResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, error: 'not-json' };
  }
  const root = obj(json);
  if (!root || !Array.isArray(root['policies']) || !obj(root['date-range'])) return { ok: false, error: 'not-tlsrpt' };
  const organizationName = str(root['organization-name']);
  if (!organizationName) return { ok: false, error: 'missing-organization-name' };
  const reportId = str(root['report-id']);
  if (!reportId) return { ok: false, error: 'missing-report-id' };
  const range = obj(root['date-range'])!;
  const begin = Date.parse(String(range['start-datetime'] ?? ''));
  const end = Date.parse(String(range['end-datetime'] ?? ''));
  if (!Number.isFinite(begin) || !Number.isFinite(end) || end < begin) return { ok: false, error: 'bad-date-range' };
  const policies: TlsPolicyResult[] = [];
  for (const entry of (root['policies'] as unknown[]).slice(0, MAX_POLICIES)) {
    const e = obj(entry);
    const policy = obj(e?.['policy']);
    const domain = str(policy?.['policy-domain'], 255);
    if (!e || !policy || !domain) continue;
    const summary = obj(e['summary']);
    const details = Array.isArray(e['failure-details']) ? (e['failure-details'] as unknown[]) : [];
    const mx = Array.isArray(policy['mx-host']) ? (policy['mx-host'] as unknown[]).map((m) => str(m, 255)).filter((m): m is string => !!m).slice(0, 100) : [];
    policies.push({
      policyType: str(policy['policy-type'], 40) ?? '',
      policyDomain: domain.toLowerCase(),
      ...(mx.length ? { mxHost: mx } : {}),
      successful: num(summary?.['total-successful-session-count']),
      failed: num(summary?.['total-failure-session-count']),
      failures: details.slice(0, MAX_FAILURES).flatMap((d) => {
        const f = obj(d);
        if (!f) return [];
        const ip = str(f['sending-mta-ip'], 64);
        const mxName = str(f['receiving-mx-hostname'], 255);
        return [{ resultType: str(f['result-type'], 64) ?? '', count: num(f['failed-session-count']), ...(ip ? { sendingMtaIp: ip } : {}), ...(mxName ? { receivingMxHostname: mxName } : {}) }];
      }),
    });
  }
  if (!policies.length) return { ok: false, error: 'missing-policy-domain' };
  const contactInfo = str(root['contact-info']);
  return {
    ok: true,
    json,
    report: { organizationName, reportId, ...(contactInfo ? { contactInfo } : {}), dateBegin: Math.floor(begin / 1000), dateEnd: Math.floor(end / 1000), policies },
  };
}
