import type { PolicyOverride } from '../../dmarc/types.js';
import type { AggregateRecordOut, AggregateReportOut } from './aggregate.js';

/** The RFC 9990 namespace of `<feedback>`. */
export const DMARC_NAMESPACE = 'urn:ietf:params:xml:ns:dmarc-2.0';

/** RFC 9990 `PolicyOverrideType` values. */
export const OVERRIDE_TYPES = ['local_policy', 'mailing_list', 'other', 'policy_test_mode', 'trusted_forwarder'] as const;

/** Characters XML 1.0 cannot carry at all (control characters other than tab, LF, CR; lone surrogates; U+FFFE/U+FFFF). */
const NOT_XML_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Escape text for element content; characters XML cannot carry become U+FFFD. */
export function escapeXml(text: string): string {
  return text.replace(NOT_XML_CHAR, '\uFFFD').replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'));
}

function element(name: string, value: string | number | undefined, indent: string): string {
  return value === undefined ? '' : `${indent}<${name}>${escapeXml(String(value))}</${name}>\n`;
}

/** RFC 7489's `sampled_out` and `forwarded` are not RFC 9990 override types: they are reported as `other` with the old word as comment. */
function reasonXml(reason: PolicyOverride, indent: string): string {
  const known = (OVERRIDE_TYPES as readonly string[]).includes(reason.type);
  const type = known ? reason.type : 'other';
  const comment = known ? reason.comment : [reason.type, reason.comment].filter(Boolean).join(': ');
  return `${indent}<reason>\n${element('type', type, `${indent}  `)}${element('comment', comment || undefined, `${indent}  `)}${indent}</reason>\n`;
}

function recordXml(r: AggregateRecordOut): string {
  const i3 = '      ';
  const i4 = '        ';
  let out = '  <record>\n    <row>\n';
  out += element('source_ip', r.sourceIp, i3) + element('count', r.count, i3);
  out += `${i3}<policy_evaluated>\n`;
  out += element('disposition', r.policyEvaluated.disposition, i4) + element('dkim', r.policyEvaluated.dkim, i4) + element('spf', r.policyEvaluated.spf, i4);
  for (const reason of r.policyEvaluated.reasons) out += reasonXml(reason, i4);
  out += `${i3}</policy_evaluated>\n    </row>\n    <identifiers>\n`;
  out += element('envelope_to', r.identifiers.envelopeTo, i3) + element('envelope_from', r.identifiers.envelopeFrom, i3) + element('header_from', r.identifiers.headerFrom, i3);
  out += '    </identifiers>\n    <auth_results>\n';
  for (const d of r.authResults.dkim) {
    out += `${i3}<dkim>\n${element('domain', d.domain, i4)}${element('selector', d.selector, i4)}${element('result', d.result, i4)}${element('human_result', d.humanResult, i4)}${i3}</dkim>\n`;
  }
  for (const s of r.authResults.spf) {
    out += `${i3}<spf>\n${element('domain', s.domain, i4)}${element('scope', s.scope, i4)}${element('result', s.result, i4)}${element('human_result', s.humanResult, i4)}${i3}</spf>\n`;
  }
  out += '    </auth_results>\n  </record>\n';
  return out;
}

/**
 * The report as RFC 9990 XML (UTF-8): `version`, `report_metadata`, `policy_published`, then one `record`
 * per row, elements in the schema's order. A record without an SPF result gets `spf` `none` for the
 * envelope domain, because the schema requires at least one.
 */
export function aggregateReportXml(report: AggregateReportOut): string {
  const m = report.reporter;
  const p = report.policyPublished;
  const i2 = '    ';
  let out = `<?xml version="1.0" encoding="UTF-8"?>\n<feedback xmlns="${DMARC_NAMESPACE}">\n  <version>1.0</version>\n  <report_metadata>\n`;
  out += element('org_name', m.orgName, i2) + element('email', m.email, i2) + element('extra_contact_info', m.extraContactInfo, i2) + element('report_id', report.reportId, i2);
  out += `${i2}<date_range>\n${element('begin', report.begin, `${i2}  `)}${element('end', report.end, `${i2}  `)}${i2}</date_range>\n`;
  out += element('generator', m.generator ?? 'inkan', i2);
  for (const error of report.errors) out += element('error', error, i2);
  out += '  </report_metadata>\n  <policy_published>\n';
  out += element('domain', p.domain, i2) + element('discovery_method', p.discoveryMethod, i2) + element('p', p.p, i2) + element('sp', p.sp, i2) + element('np', p.np, i2);
  out += element('adkim', p.adkim, i2) + element('aspf', p.aspf, i2) + element('testing', p.testing, i2) + element('fo', p.fo, i2);
  out += '  </policy_published>\n';
  for (const record of report.records) {
    const spf = record.authResults.spf.length
      ? record.authResults
      : { ...record.authResults, spf: [{ domain: record.identifiers.envelopeFrom ?? record.identifiers.headerFrom, scope: 'mfrom' as const, result: 'none' as const }] };
    out += recordXml({ ...record, authResults: spf });
  }
  return `${out}</feedback>\n`;
}
