// Writes the report fixtures in test/reports/fixtures/ (they are committed; run this only to change them):
//   npx tsc -p tsconfig.test.json --outDir .build-x && node .build-x/test/reports/build-fixtures.js
// Google-, Microsoft- and Yahoo-style aggregate reports, RFC 9990 and draft formats, each real-world quirk,
// failure reports (ARF and plain text) and SMTP TLS reports, all about example.com (RFC 2606 names).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { zipSync } from 'fflate';
import { repoRoot } from '../helpers/paths.js';
import { aggregateXml, passingRow } from './make.js';

const dir = join(repoRoot(), 'test', 'reports', 'fixtures');
/** A fixed time in the zip headers, so the files do not change from run to run. */
const ZIP_OPTIONS = { mtime: new Date('2025-11-30T00:00:00Z') };
mkdirSync(dir, { recursive: true });
const D = 'example.com';
const day = 1764460800; // 2025-11-30T00:00:00Z
const w = (name: string, data: string | Uint8Array): void => writeFileSync(`${dir}/${name}`, data);
const crlf = (s: string): string => s.replace(/\r?\n/g, '\r\n');
const b64 = (buf: Uint8Array): string => Buffer.from(buf).toString('base64').replace(/.{76}/g, '$&\r\n');

// Google: zip, one file.
const google = aggregateXml({ style: 'google', orgName: 'google.com', email: 'noreply-dmarc-support@google.com', reportId: '12345678901234567890', begin: day, end: day + 86399, domain: D, p: 'none', rows: [
  passingRow('209.85.220.41', 120, D),
  { ip: '203.0.113.9', count: 7, disposition: 'none', dkim: 'fail', spf: 'fail', headerFrom: D, envelopeFrom: 'bounce.mailer.example.net', dkimAuth: [{ domain: 'sendgrid.net', selector: 's1', result: 'pass' }], spfAuth: [{ domain: 'sendgrid.net', result: 'pass' }] },
  { ip: '198.51.100.66', count: 3, disposition: 'none', dkim: 'fail', spf: 'fail', headerFrom: D, envelopeFrom: D, spfAuth: [{ domain: D, result: 'fail' }] },
] });
w('google.com!example.com!1764460800!1764547199.zip', zipSync({ 'google.com!example.com!1764460800!1764547199.xml': Buffer.from(google) }, ZIP_OPTIONS));
// Microsoft: gzip, namespaces, envelope_to, scope.
const ms = aggregateXml({ style: 'microsoft', orgName: 'Enterprise Outlook', email: 'dmarcreport@microsoft.com', reportId: 'a1b2c3d4e5f60718293a4b5c6d7e8f90', begin: day, end: day + 86400, domain: D, p: 'none', rows: [
  passingRow('40.107.22.95', 45, D),
  { ip: '192.0.2.77', count: 2, disposition: 'none', dkim: 'pass', spf: 'fail', headerFrom: D, envelopeFrom: 'lists.example.org', dkimAuth: [{ domain: D, selector: 'google', result: 'pass' }], spfAuth: [{ domain: 'lists.example.org', result: 'softfail' }] },
] });
w('enterprise.protection.outlook.com!example.com!1764460800!1764547200.xml.gz', gzipSync(Buffer.from(ms)));
// Yahoo: no version, upper-case words, empty reason, missing optional elements, multi-day period.
const yahoo = aggregateXml({ style: 'yahoo', orgName: 'Yahoo', email: 'dmarchelp@yahooinc.com', reportId: '1764460800.123456', begin: day - 86400, end: day + 86399, domain: D, p: 'none', rows: [
  { ...passingRow('209.85.220.41', 40, D), dkim: 'PASS', spf: 'Pass', reason: { type: '' } },
  { ip: '198.51.100.66', count: 10, disposition: 'NONE', dkim: 'FAIL', spf: 'FAIL', headerFrom: 'Example.COM' },
] });
w('yahoo.xml', yahoo);
// RFC 9990.
w('rfc9990.xml', aggregateXml({ style: 'rfc9990', orgName: 'mail.example.net', email: 'reports@example.net', reportId: 'rfc9990-0001', begin: day, end: day + 86399, domain: D, p: 'quarantine', rows: [
  { ...passingRow('2001:db8::25', 5, D), reason: { type: 'local_policy', comment: 'arc=pass' } },
] }));
// Older draft: <identities>, reason text, dates as text, no version.
w('draft.xml', `<?xml version="1.0"?>
<feedback>
  <report_metadata><org_name>old.example</org_name><email>x@old.example</email><report_id>draft-7</report_id>
    <date_range><begin>1764460800</begin><end>1764547199</end></date_range></report_metadata>
  <policy_published><domain>example.com</domain><p>none</p></policy_published>
  <record>
    <row><source_ip>209.85.220.41</source_ip><count>4</count>
      <policy_evaluated><disposition>none</disposition><dkim>pass</dkim><spf>pass</spf><reason>forwarded</reason></policy_evaluated></row>
    <identities><header_from>example.com</header_from></identities>
    <auth_results><dkim><domain>example.com</domain><result>pass</result><human_result></human_result></dkim><spf><domain>example.com</domain><result>pass</result></spf></auth_results>
  </record>
</feedback>
`);
// BOM and invalid UTF-8 bytes.
w('bom-invalid-utf8.xml', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(aggregateXml({ orgName: 'Mail\u00e9Org', reportId: 'bom-1', begin: day, end: day + 86399, domain: D, rows: [passingRow('209.85.220.41', 1, D)] }).replace('Mail\u00e9Org', 'MailXOrg'), 'utf8')].map((b: Buffer, i: number) => i === 1 ? Buffer.from(b.toString('latin1').replace('MailXOrg', 'Mail\xff\xfeOrg'), 'latin1') : b)));
// Non-standard namespace prefixes.
w('prefixed.xml', `<?xml version="1.0" encoding="UTF-8"?>
<dmarc:feedback xmlns:dmarc="http://dmarc.org/dmarc-xml/0.1">
<dmarc:report_metadata><dmarc:org_name>prefix.example</dmarc:org_name><dmarc:report_id>ns-1</dmarc:report_id><dmarc:date_range><dmarc:begin>1764460800</dmarc:begin><dmarc:end>1764547199</dmarc:end></dmarc:date_range></dmarc:report_metadata>
<dmarc:policy_published><dmarc:domain>example.com</dmarc:domain><dmarc:p>none</dmarc:p></dmarc:policy_published>
<dmarc:record><dmarc:row><dmarc:source_ip>209.85.220.41</dmarc:source_ip><dmarc:count>2</dmarc:count><dmarc:policy_evaluated><dmarc:disposition>none</dmarc:disposition><dmarc:dkim>pass</dmarc:dkim><dmarc:spf>pass</dmarc:spf></dmarc:policy_evaluated></dmarc:row><dmarc:identifiers><dmarc:header_from>example.com</dmarc:header_from></dmarc:identifiers><dmarc:auth_results><dmarc:dkim><dmarc:domain>example.com</dmarc:domain><dmarc:result>pass</dmarc:result></dmarc:dkim></dmarc:auth_results></dmarc:record>
</dmarc:feedback>
`);
// A DOCTYPE with an entity (XXE / billion laughs shape): refused.
w('doctype.xml', `<?xml version="1.0"?>\n<!DOCTYPE feedback [<!ENTITY x SYSTEM "file:///etc/passwd"><!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>\n<feedback><report_metadata><org_name>&x;</org_name></report_metadata></feedback>\n`);
// A zip holding one file under a path.
w('zip-with-path.zip', zipSync({ 'reports/2025/11/report.xml': Buffer.from(aggregateXml({ orgName: 'zip.example', reportId: 'zip-path-1', begin: day, end: day + 86399, domain: D, rows: [passingRow('209.85.220.41', 3, D)] })) }, ZIP_OPTIONS));
// Damaged gzip.
const gz = gzipSync(Buffer.from(aggregateXml({ orgName: 'broken.example', reportId: 'broken-1', begin: day, end: day + 86399, domain: D, rows: Array.from({ length: 200 }, (_, i) => passingRow(`192.0.2.${i}`, 1, D)) })));
w('truncated.xml.gz', gz.subarray(0, Math.floor(gz.length / 2)));
// An email carrying two reports: a zip and a gzip, as application/octet-stream.
const r1 = zipSync({ 'mimecast.xml': Buffer.from(aggregateXml({ orgName: 'Mimecast', reportId: 'mc-001', begin: day, end: day + 86399, domain: D, rows: [passingRow('209.85.220.41', 9, D)] })) }, ZIP_OPTIONS);
const r2 = gzipSync(Buffer.from(aggregateXml({ orgName: 'Mimecast', reportId: 'mc-002', begin: day, end: day + 86399, domain: D, rows: [passingRow('209.85.220.42', 11, D)] })));
w('two-reports.eml', crlf(`From: DMARC Aggregate Report <dmarc-report@mimecast.example>
To: dmarc@example.com
Subject: Report domain: example.com Submitter: mimecast.example
Message-ID: <two-reports@mimecast.example>
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="b1"

--b1
Content-Type: text/plain; charset=us-ascii

This is a DMARC aggregate report.
--b1
Content-Type: application/octet-stream; name="mc-001.zip"
Content-Disposition: attachment; filename="mc-001.zip"
Content-Transfer-Encoding: base64

`) + b64(r1) + crlf(`
--b1
Content-Type: application/x-gzip
Content-Disposition: attachment; filename*=UTF-8''mc-002.xml.gz
Content-Transfer-Encoding: base64

`) + b64(r2) + crlf(`
--b1--
`));
// Inline XML in a text/plain body (quoted-printable).
w('inline.eml', crlf(`From: reports@inline.example
To: dmarc@example.com
Subject: DMARC report
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: quoted-printable

Here is today's report:

`) + aggregateXml({ orgName: 'inline.example', reportId: 'inline-1', begin: day, end: day + 86399, domain: D, rows: [passingRow('209.85.220.41', 6, D)] }).replace(/="/g, '=3D"').replace(/\n/g, '\r\n'));
// Headers that lie: text/plain says the body is text, but it is gzip (base64).
const lie = gzipSync(Buffer.from(aggregateXml({ orgName: 'liar.example', reportId: 'liar-1', begin: day, end: day + 86399, domain: D, rows: [passingRow('209.85.220.41', 8, D)] })));
w('lying-headers.eml', crlf(`From: noreply@liar.example
To: dmarc@example.com
Subject: Report
MIME-Version: 1.0
Content-Type: text/plain; charset=us-ascii
Content-Transfer-Encoding: base64

`) + b64(lie) + '\r\n');
// ARF failure report (RFC 5965 / 6591).
w('failure-arf.eml', crlf(`From: Failure Reports <ruf@receiver.example>
To: ruf@example.com
Subject: FW: Phishing notice
Message-ID: <arf-1@receiver.example>
Date: Sun, 30 Nov 2025 10:00:00 +0000
MIME-Version: 1.0
Content-Type: multipart/report; report-type=feedback-report; boundary="arf"

--arf
Content-Type: text/plain; charset=us-ascii

This is an authentication failure report for an email message received from IP 198.51.100.66.
--arf
Content-Type: message/feedback-report

Feedback-Type: auth-failure
User-Agent: Receiver/1.0
Version: 1
Original-Mail-From: <bounce@example.com>
Original-Rcpt-To: <user@receiver.example>
Arrival-Date: Sun, 30 Nov 2025 09:59:00 +0000
Reporting-MTA: dns; mx.receiver.example
Source-IP: 198.51.100.66
Authentication-Results: mx.receiver.example; dmarc=fail header.from=example.com; spf=fail smtp.mailfrom=example.com; dkim=none
Auth-Failure: dmarc
Delivery-Result: reject
Reported-Domain: example.com

--arf
Content-Type: text/rfc822-headers

From: "CEO" <ceo@example.com>
To: user@receiver.example
Subject: Urgent wire transfer
Message-ID: <spoof-1@attacker.example>

--arf--
`));
// Plain-text failure report, no message/feedback-report part.
w('failure-plain.eml', crlf(`From: postmaster@plain.example
To: ruf@example.com
Subject: DMARC Failure Report for example.com
Message-ID: <plain-1@plain.example>
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="p"

--p
Content-Type: text/plain

A message claiming to be from you failed DMARC.
Feedback-Type: auth-failure
Source-IP: 203.0.113.200
Reported-Domain: example.com
Auth-Failure: dmarc

--p
Content-Type: message/rfc822

From: billing@example.com
To: victim@plain.example
Subject: Invoice

Pay now.
--p--
`));
// SMTP TLS reports (RFC 8460).
const tls = { 'organization-name': 'Company-X', 'date-range': { 'start-datetime': '2025-11-30T00:00:00Z', 'end-datetime': '2025-11-30T23:59:59Z' }, 'contact-info': 'sts-reporting@company-x.example', 'report-id': '5065427c-23d3-47ca-b6e0-946ea0e8c4be', policies: [{ policy: { 'policy-type': 'sts', 'policy-string': ['version: STSv1', 'mode: testing', 'mx: *.mail.example.com', 'max_age: 86400'], 'policy-domain': 'example.com', 'mx-host': ['*.mail.example.com'] }, summary: { 'total-successful-session-count': 5326, 'total-failure-session-count': 303 }, 'failure-details': [{ 'result-type': 'certificate-expired', 'sending-mta-ip': '2001:db8:abcd:0012::1', 'receiving-mx-hostname': 'mx1.mail.example.com', 'failed-session-count': 100 }, { 'result-type': 'starttls-not-supported', 'sending-mta-ip': '2001:db8:abcd:0013::1', 'receiving-mx-hostname': 'mx2.mail.example.com', 'receiving-ip': '203.0.113.56', 'failed-session-count': 200, 'additional-information': 'https://reports.company-x.example/report_info?id=5065427c-23d3#StarttlsNotSupported' }, { 'result-type': 'validation-failure', 'sending-mta-ip': '198.51.100.62', 'receiving-ip': '203.0.113.58', 'receiving-mx-hostname': 'mx-backup.mail.example.com', 'failed-session-count': 3, 'failure-reason-code': 'X509_V_ERR_PROXY_PATH_LENGTH_EXCEEDED' }] }] };
w('tlsrpt.json', JSON.stringify(tls, null, 2));
w('google.com!example.com!tlsrpt.json.gz', gzipSync(Buffer.from(JSON.stringify({ ...tls, 'organization-name': 'Google Inc.', 'report-id': '2025-11-30T00:00:00Z_example.com' }))));
w('tlsrpt.eml', crlf(`From: tls-reports@company-y.example
To: tlsrpt@example.com
Subject: Report Domain: example.com Submitter: company-y.example Report-ID: <tls-y-1>
TLS-Report-Domain: example.com
TLS-Report-Submitter: company-y.example
MIME-Version: 1.0
Content-Type: multipart/report; report-type="tlsrpt"; boundary="t"

--t
Content-Type: text/plain

This is an aggregate TLS report from company-y.example
--t
Content-Type: application/tlsrpt+gzip
Content-Disposition: attachment; filename="company-y.example!example.com!1764460800!1764547199!tls-y-1.json.gz"
Content-Transfer-Encoding: base64

`) + b64(gzipSync(Buffer.from(JSON.stringify({ ...tls, 'organization-name': 'Company-Y', 'report-id': 'tls-y-1' })))) + crlf(`
--t--
`));
w('not-a-report.txt', 'hello, this is not a report\n');
console.log(`fixtures written to ${dir}`);
