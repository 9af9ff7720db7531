// Builders of realistic aggregate reports for tests and the bench (Google-, Microsoft- and Yahoo-style).
import type { AggregateReportRow } from '../../src/dmarc/types.js';

/** One row to put in a generated report. */
export interface RowSpec {
  ip: string;
  count: number;
  disposition?: string;
  dkim?: string;
  spf?: string;
  headerFrom: string;
  envelopeFrom?: string;
  dkimAuth?: Array<{ domain: string; selector?: string; result: string }>;
  spfAuth?: Array<{ domain: string; scope?: string; result: string }>;
  reason?: { type: string; comment?: string };
}

/** What a generated report says about itself. */
export interface ReportSpec {
  style?: 'google' | 'microsoft' | 'yahoo' | 'rfc9990';
  orgName: string;
  email?: string;
  reportId: string;
  begin: number;
  end: number;
  domain: string;
  p?: string;
  rows: RowSpec[];
}

/** One `<record>` as the given style writes it. */
export function recordXml(row: RowSpec, style: ReportSpec['style'] = 'google', indent = '  '): string {
  const i = indent;
  const dkim = (row.dkimAuth ?? []).map((d) => `${i}${i}<dkim>\n${i}${i}${i}<domain>${d.domain}</domain>\n${d.selector ? `${i}${i}${i}<selector>${d.selector}</selector>\n` : ''}${i}${i}${i}<result>${d.result}</result>\n${i}${i}</dkim>\n`).join('');
  const spf = (row.spfAuth ?? []).map((s) => `${i}${i}<spf>\n${i}${i}${i}<domain>${s.domain}</domain>\n${style === 'rfc9990' || style === 'microsoft' ? `${i}${i}${i}<scope>${s.scope ?? 'mfrom'}</scope>\n` : ''}${i}${i}${i}<result>${s.result}</result>\n${i}${i}</spf>\n`).join('');
  const reason = row.reason ? `${i}${i}${i}${i}<reason>\n${i}${i}${i}${i}${i}<type>${row.reason.type}</type>\n${row.reason.comment !== undefined ? `${i}${i}${i}${i}${i}<comment>${row.reason.comment}</comment>\n` : ''}${i}${i}${i}${i}</reason>\n` : '';
  return (
    `${i}<record>\n${i}${i}<row>\n${i}${i}${i}<source_ip>${row.ip}</source_ip>\n${i}${i}${i}<count>${row.count}</count>\n` +
    `${i}${i}${i}<policy_evaluated>\n${i}${i}${i}${i}<disposition>${row.disposition ?? 'none'}</disposition>\n${i}${i}${i}${i}<dkim>${row.dkim ?? 'pass'}</dkim>\n${i}${i}${i}${i}<spf>${row.spf ?? 'pass'}</spf>\n${reason}${i}${i}${i}</policy_evaluated>\n${i}${i}</row>\n` +
    `${i}${i}<identifiers>\n${style === 'microsoft' ? `${i}${i}${i}<envelope_to>${'contoso.com'}</envelope_to>\n` : ''}${row.envelopeFrom !== undefined ? `${i}${i}${i}<envelope_from>${row.envelopeFrom}</envelope_from>\n` : ''}${i}${i}${i}<header_from>${row.headerFrom}</header_from>\n${i}${i}</identifiers>\n` +
    `${i}${i}<auth_results>\n${dkim}${spf}${i}${i}</auth_results>\n${i}</record>\n`
  );
}

/** The part of a report before its records. */
export function reportHead(spec: ReportSpec): string {
  const style = spec.style ?? 'google';
  const ns = style === 'rfc9990' ? ' xmlns="urn:ietf:params:xml:ns:dmarc-2.0"' : style === 'microsoft' ? ' xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"' : '';
  const version = style === 'yahoo' ? '' : '  <version>1.0</version>\n';
  const extra = style === 'rfc9990' ? '    <generator>inkan-test 1.0</generator>\n' : '';
  const policyExtra = style === 'rfc9990' ? `    <np>reject</np>\n    <testing>n</testing>\n    <discovery_method>treewalk</discovery_method>\n` : `    <pct>100</pct>\n`;
  return (
    `<?xml version="1.0" encoding="UTF-8" ?>\n<feedback${ns}>\n${version}  <report_metadata>\n    <org_name>${spec.orgName}</org_name>\n    <email>${spec.email ?? 'noreply-dmarc-support@google.com'}</email>\n` +
    `    <report_id>${spec.reportId}</report_id>\n    <date_range>\n      <begin>${spec.begin}</begin>\n      <end>${spec.end}</end>\n    </date_range>\n${extra}  </report_metadata>\n` +
    `  <policy_published>\n    <domain>${spec.domain}</domain>\n    <adkim>r</adkim>\n    <aspf>r</aspf>\n    <p>${spec.p ?? 'none'}</p>\n    <sp>${spec.p ?? 'none'}</sp>\n${policyExtra}  </policy_published>\n`
  );
}

/** A whole aggregate report. */
export function aggregateXml(spec: ReportSpec): string {
  return `${reportHead(spec)}${spec.rows.map((r) => recordXml(r, spec.style)).join('')}</feedback>\n`;
}

/** A typical row: our ESP, aligned, passing. */
export function passingRow(ip: string, count: number, domain: string): RowSpec {
  return { ip, count, headerFrom: domain, envelopeFrom: domain, dkimAuth: [{ domain, selector: 'google', result: 'pass' }], spfAuth: [{ domain, result: 'pass' }] };
}

/** A row as `buildReportRow` makes it (RFC 9990 field names in camel case): one passing message from 192.0.2.10 for example.com, with `over` and `policy` changed. */
export function makeRow(over: Partial<AggregateReportRow> = {}, policy: Partial<NonNullable<AggregateReportRow['policyPublished']>> = {}): AggregateReportRow {
  return {
    sourceIp: '192.0.2.10',
    count: 1,
    policyEvaluated: { disposition: 'none', dkim: 'pass', spf: 'pass', reasons: [] },
    identifiers: { headerFrom: 'example.com', envelopeFrom: 'example.com' },
    authResults: { dkim: [{ domain: 'example.com', selector: 's1', result: 'pass' }], spf: [{ domain: 'example.com', scope: 'mfrom', result: 'pass' }] },
    policyPublished: { domain: 'example.com', discoveryMethod: 'treewalk', p: 'reject', sp: 'quarantine', np: 'reject', adkim: 'r', aspf: 'r', testing: 'n', psd: 'u', fo: '0', ...policy },
    ...over,
  };
}
