import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gunzipSync } from 'node:zlib';
import fc from 'fast-check';
import type { AggregateReportRow } from '../../src/dmarc/types.js';
import { MemoryResolver } from '../../src/dns/memory.js';
import { verify } from '../../src/verify.js';
import { parseAggregateXml } from '../../src/reports/aggregate.js';
import { parseMime } from '../../src/reports/mime.js';
import { parseFailureReport } from '../../src/reports/failure.js';
import {
  AGGREGATE_FILENAME, aggregateReportFile, aggregateReportXml, aggregateSubject, buildAggregateReports, buildFailureReport, failureTriggers,
  isSchemaIp, parseRowLine, rowLine, validateAggregateXml, type Reporter, type TimedRow,
} from '../../src/reports/generate/index.js';
import { makeRow } from './make.js';

const reporter: Reporter = { orgName: 'Example Receiver', email: 'dmarc-noreply@mx.example', domain: 'mx.example' };
const BEGIN = new Date('2026-11-28T00:00:00Z');
const END = new Date('2026-11-29T00:00:00Z');
const AT = BEGIN.getTime() + 3_600_000;

test('RFC 9990 §3: rows are grouped per policy domain, identical rows merged and counted, others left out with a reason', () => {
  const rows: TimedRow[] = [
    { time: AT, row: makeRow() },
    { time: AT + 1, row: makeRow() },
    { time: AT + 2, row: makeRow({ count: 3 }) },
    { time: AT + 2, row: makeRow({ sourceIp: '::FFFF:192.0.2.10' }) },
    { time: AT + 3, row: makeRow({ sourceIp: 'not-an-ip' }) },
    { time: AT + 3, row: makeRow({ sourceIp: '2001:DB8::1', policyEvaluated: { disposition: 'reject', dkim: 'fail', spf: 'fail', reasons: [] } }) },
    { time: AT + 4, row: makeRow({ identifiers: { headerFrom: 'example.org' } }, { domain: 'example.org' }) },
    { time: END.getTime(), row: makeRow() },
    { time: AT, row: makeRow({ policyPublished: undefined }) },
    { time: AT, row: (() => { const r = makeRow(); delete r.sourceIp; return r; })() },
  ];
  const { reports, skipped } = buildAggregateReports(rows, { reporter, begin: BEGIN, end: END });
  assert.deepEqual(skipped, { noPolicy: 1, noSourceIp: 2, outOfPeriod: 1 });
  assert.deepEqual(reports.map((r) => r.policyPublished.domain), ['example.com', 'example.org']);
  const com = reports[0]!;
  assert.deepEqual(com.records.map((r) => [r.sourceIp, r.count]), [['192.0.2.10', 6], ['2001:db8::1', 1]]);
  assert.equal(com.begin, BEGIN.getTime() / 1000);
  assert.equal(com.end, END.getTime() / 1000);
  assert.match(com.reportId, /^[0-9a-f]{24}$/);
  assert.notEqual(com.reportId, reports[1]!.reportId);
});

test('RFC 9990 Appendix A: a generated report passes the schema rules and re-parses with the report parser', () => {
  const rows: TimedRow[] = [
    { time: AT, row: makeRow({ count: 2 }) },
    { time: AT, row: makeRow({ sourceIp: '198.51.100.7', policyEvaluated: { disposition: 'quarantine', dkim: 'fail', spf: 'fail', reasons: [{ type: 'local_policy', comment: 'a < b & c' }] }, authResults: { dkim: [], spf: [] } }) },
  ];
  const [report] = buildAggregateReports(rows, { reporter, begin: BEGIN, end: END }).reports;
  const xml = aggregateReportXml(report!);
  assert.deepEqual(validateAggregateXml(xml), []);
  const parsed = parseAggregateXml(xml);
  assert.equal(parsed.namespace, 'urn:ietf:params:xml:ns:dmarc-2.0');
  assert.equal(parsed.version, '1.0');
  assert.equal(parsed.metadata.orgName, 'Example Receiver');
  assert.equal(parsed.metadata.email, 'dmarc-noreply@mx.example');
  assert.equal(parsed.metadata.reportId, report!.reportId);
  assert.equal(parsed.metadata.generator, 'inkan');
  assert.equal(parsed.metadata.dateBegin, report!.begin);
  assert.deepEqual(
    { domain: parsed.policy.domain, p: parsed.policy.p, sp: parsed.policy.sp, np: parsed.policy.np, testing: parsed.policy.testing, discoveryMethod: parsed.policy.discoveryMethod, fo: parsed.policy.fo },
    { domain: 'example.com', p: 'reject', sp: 'quarantine', np: 'reject', testing: 'n', discoveryMethod: 'treewalk', fo: '0' },
  );
  assert.equal(parsed.records.length, 2);
  assert.equal(parsed.records[0]!.count, 2);
  assert.deepEqual(parsed.records[0]!.dkimResults, [{ domain: 'example.com', selector: 's1', result: 'pass' }]);
  const second = parsed.records[1]!;
  assert.deepEqual(second.reasons, [{ type: 'local_policy', comment: 'a < b & c' }]);
  // The schema requires one SPF result: an SPF-less row reports spf=none for the envelope domain.
  assert.deepEqual(second.spfResults, [{ domain: 'example.com', scope: 'mfrom', result: 'none' }]);
  assert.deepEqual(parsed.warnings, []);
});

test('RFC 9990: RFC 7489 override words (sampled_out, forwarded) are written as "other" with the word as comment', () => {
  const row = makeRow({ policyEvaluated: { disposition: 'none', dkim: 'fail', spf: 'fail', reasons: [{ type: 'sampled_out' }, { type: 'forwarded', comment: 'list' }] } });
  const [report] = buildAggregateReports([{ time: AT, row }], { reporter, begin: BEGIN, end: END }).reports;
  const xml = aggregateReportXml(report!);
  assert.deepEqual(validateAggregateXml(xml), []);
  assert.deepEqual(parseAggregateXml(xml).records[0]!.reasons, [{ type: 'other', comment: 'sampled_out' }, { type: 'other', comment: 'forwarded: list' }]);
});

test('RFC 9990 §3 "Email": file name receiver!policy-domain!begin!end!unique-id.xml.gz, gzip of the XML, same bytes when re-generated', () => {
  const [report] = buildAggregateReports([{ time: AT, row: makeRow() }], { reporter, begin: BEGIN, end: END }).reports;
  const a = aggregateReportFile(report!);
  const b = aggregateReportFile(buildAggregateReports([{ time: AT, row: makeRow() }], { reporter, begin: BEGIN, end: END }).reports[0]!);
  const m = AGGREGATE_FILENAME.exec(a.filename);
  assert.ok(m, a.filename);
  assert.deepEqual(m.slice(1, 7), ['mx.example', 'example.com', String(BEGIN.getTime() / 1000), String(END.getTime() / 1000), report!.reportId, 'xml.gz']);
  assert.equal(gunzipSync(a.gzip).toString('utf8'), a.xml);
  assert.deepEqual(a.gzip, b.gzip);
  assert.equal(a.filename, b.filename);
  assert.equal(aggregateSubject(report!), `Report Domain: example.com Submitter: mx.example Report-ID: <${report!.reportId}@mx.example>`);
});

/** Broken documents, each breaking one schema rule; the checker must name that rule. */
const BROKEN: Array<[string, (xml: string) => string, string]> = [
  ['wrong namespace', (x) => x.replace('urn:ietf:params:xml:ns:dmarc-2.0', 'http://dmarc.org/dmarc-xml/0.1'), 'namespace'],
  ['missing org_name', (x) => x.replace(/<org_name>.*<\/org_name>\n/, ''), 'required'],
  ['missing report_id', (x) => x.replace(/<report_id>.*<\/report_id>\n/, ''), 'required'],
  ['missing policy_published/p', (x) => x.replace(/<p>.*<\/p>\n/, ''), 'required'],
  ['no record', (x) => x.replace(/ {2}<record>[\s\S]*<\/record>\n/, ''), 'required'],
  ['no spf in auth_results', (x) => x.replace(/ +<spf>\n[\s\S]*?<\/spf>\n/, ''), 'required'],
  ['missing header_from', (x) => x.replace(/<header_from>.*<\/header_from>\n/, ''), 'required'],
  ['policy_published before report_metadata', (x) => x.replace(/( {2}<report_metadata>[\s\S]*<\/report_metadata>\n)( {2}<policy_published>[\s\S]*<\/policy_published>\n)/, '$2$1'), 'order'],
  ['spf before dkim in policy_evaluated', (x) => x.replace(/(<dkim>pass<\/dkim>\n)(\s*<spf>pass<\/spf>\n)/, '$2$1'), 'order'],
  ['two org_name', (x) => x.replace(/(<org_name>.*<\/org_name>\n)/, '$1$1'), 'repeated'],
  ['disposition "discard"', (x) => x.replace('<disposition>none</disposition>', '<disposition>discard</disposition>'), 'enumeration'],
  ['policy "monitor"', (x) => x.replace('<p>reject</p>', '<p>monitor</p>'), 'enumeration'],
  ['dkim result "PASS"', (x) => x.replace('<result>pass</result>', '<result>PASS</result>'), 'enumeration'],
  ['reason type "whitelist"', (x) => x.replace('<type>local_policy</type>', '<type>whitelist</type>'), 'enumeration'],
  ['count "many"', (x) => x.replace('<count>1</count>', '<count>many</count>'), 'integer'],
  ['source_ip "999.1.1.1"', (x) => x.replace('192.0.2.10', '999.1.1.1'), 'ip-address'],
  ['begin after end', (x) => x.replace(/<begin>\d+<\/begin>/, '<begin>99999999999</begin>'), 'date-range'],
  ['unknown element', (x) => x.replace('<record>', '<record>\n    <color>red</color>'), 'unexpected'],
  ['empty org_name', (x) => x.replace(/<org_name>.*<\/org_name>/, '<org_name> </org_name>'), 'not-empty'],
  ['a DOCTYPE', (x) => x.replace('<feedback', '<!DOCTYPE feedback [<!ENTITY a "b">]>\n<feedback'), 'xml'],
];

test(`RFC 9990 Appendix A: the schema checker catches each broken rule (${BROKEN.length}/${BROKEN.length})`, (t) => {
  const row = makeRow({ policyEvaluated: { disposition: 'none', dkim: 'pass', spf: 'pass', reasons: [{ type: 'local_policy' }] } });
  const xml = aggregateReportXml(buildAggregateReports([{ time: AT, row }], { reporter, begin: BEGIN, end: END }).reports[0]!);
  assert.deepEqual(validateAggregateXml(xml), []);
  let caught = 0;
  for (const [name, breakIt, rule] of BROKEN) {
    const broken = breakIt(xml);
    assert.notEqual(broken, xml, `${name}: the edit did not apply`);
    const problems = validateAggregateXml(broken);
    assert.ok(problems.some((p) => p.rule === rule), `${name}: expected ${rule}, got ${JSON.stringify(problems)}`);
    caught++;
  }
  t.diagnostic(`schema rules caught: ${caught}/${BROKEN.length}`);
  // An extension element in another namespace after auth_results is allowed (RFC 9990 §5).
  assert.deepEqual(validateAggregateXml(xml.replace('</auth_results>\n', '</auth_results>\n    <ext:arc-results>x</ext:arc-results>\n')), []);
});

test('schema IPAddress pattern: IPv4 and IPv6 forms', () => {
  for (const ip of ['192.0.2.1', '0.0.0.0', '255.255.255.255', '2001:db8::1', '::1', '2001:db8:0:0:0:0:0:1', 'fe80::', '::']) assert.ok(isSchemaIp(ip), ip);
  for (const ip of ['256.1.1.1', '1.2.3', 'example.com', '2001:db8:::1', '1:2:3:4:5:6:7:8:9', '', '2001:db8::1%eth0']) assert.ok(!isSchemaIp(ip), ip);
});

const word = fc.string({ minLength: 0, maxLength: 20, unit: 'binary' });
const label = fc.stringMatching(/^[a-z][a-z0-9-]{0,10}[a-z0-9]$/);
const domain = fc.tuple(label, fc.constantFrom('com', 'example', 'jp')).map(([a, b]) => `${a}.${b}`);
const ipv4 = fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255)).map((p) => p.join('.'));
const ipv6 = fc.array(fc.nat(0xffff), { minLength: 8, maxLength: 8 }).map((g) => g.map((x) => x.toString(16)).join(':'));
const rowArb: fc.Arbitrary<AggregateReportRow> = fc.record({
  sourceIp: fc.oneof(ipv4, ipv6),
  count: fc.integer({ min: 1, max: 1_000_000 }),
  policyEvaluated: fc.record({
    disposition: fc.constantFrom('none', 'pass', 'quarantine', 'reject'),
    dkim: fc.constantFrom('pass', 'fail'),
    spf: fc.constantFrom('pass', 'fail'),
    reasons: fc.array(fc.record({ type: fc.constantFrom('local_policy', 'mailing_list', 'trusted_forwarder', 'policy_test_mode', 'other'), comment: word }), { maxLength: 2 }),
  }),
  identifiers: fc.record({ headerFrom: domain, envelopeFrom: domain }),
  authResults: fc.record({
    dkim: fc.array(fc.record({ domain, selector: label, result: fc.constantFrom('none', 'pass', 'fail', 'policy', 'neutral', 'temperror', 'permerror'), humanResult: word }), { maxLength: 3 }),
    spf: fc.array(fc.record({ domain, scope: fc.constantFrom('mfrom', 'helo'), result: fc.constantFrom('none', 'neutral', 'pass', 'fail', 'softfail', 'temperror', 'permerror') }), { minLength: 1, maxLength: 2 }),
  }),
  policyPublished: fc.record({
    domain: fc.constant('example.com'), discoveryMethod: fc.constantFrom('psl', 'treewalk'), p: fc.constantFrom('none', 'quarantine', 'reject'),
    sp: fc.constantFrom('none', 'quarantine', 'reject'), np: fc.constantFrom('none', 'quarantine', 'reject'), adkim: fc.constantFrom('r', 's'),
    aspf: fc.constantFrom('r', 's'), testing: fc.constantFrom('y', 'n'), psd: fc.constantFrom('y', 'n', 'u'), fo: fc.constantFrom('0', '1', 'd:s'),
  }),
}) as fc.Arbitrary<AggregateReportRow>;

test('property: any rows give a report that passes the schema rules and re-parses to the same counts and words', () => {
  fc.assert(
    fc.property(fc.array(rowArb, { minLength: 1, maxLength: 8 }), fc.string({ maxLength: 30, unit: 'binary' }), (rows, orgName) => {
      const who = { ...reporter, orgName: `org ${orgName}` };
      const { reports } = buildAggregateReports(rows.map((row) => ({ time: AT, row })), { reporter: who, begin: BEGIN, end: END });
      assert.equal(reports.length, 1);
      const xml = aggregateReportXml(reports[0]!);
      assert.deepEqual(validateAggregateXml(xml), []);
      const parsed = parseAggregateXml(xml);
      const total = rows.reduce((n, r) => n + r.count, 0);
      assert.equal(parsed.records.reduce((n, r) => n + r.count, 0), total);
      assert.equal(parsed.records.length, reports[0]!.records.length);
      reports[0]!.records.forEach((want, i) => {
        const got = parsed.records[i]!;
        assert.equal(got.sourceIp, want.sourceIp);
        assert.equal(got.disposition, want.policyEvaluated.disposition);
        assert.deepEqual(got.dkimResults.map((d) => d.result), want.authResults.dkim.map((d) => d.result));
        assert.deepEqual(got.spfResults.map((s) => s.result), want.authResults.spf.map((s) => s.result));
      });
    }),
    { numRuns: 200 },
  );
});

test('property: the schema checker and the rows-line parser never throw on arbitrary text', () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 300, unit: 'binary' }), (text) => {
      assert.ok(Array.isArray(validateAggregateXml(text)));
      assert.ok(Array.isArray(validateAggregateXml(`<feedback xmlns="urn:ietf:params:xml:ns:dmarc-2.0">${text}</feedback>`)));
      parseRowLine(text);
      parseRowLine(`{"time":1,"row":${text}}`);
    }),
    { numRuns: 500 },
  );
});

test('rows file lines: {"time", "row"} with ISO or ms time; anything else is refused', () => {
  const row = makeRow();
  assert.equal(parseRowLine(JSON.stringify({ time: '2026-11-28T01:00:00Z', row }))?.time, Date.parse('2026-11-28T01:00:00Z'));
  assert.equal(parseRowLine(JSON.stringify({ time: 5, row }))?.time, 5);
  assert.equal(parseRowLine(JSON.stringify({ time: 'yesterday', row })), undefined);
  assert.equal(parseRowLine(JSON.stringify({ time: 5, row: { ...row, count: 0 } })), undefined);
  assert.equal(parseRowLine(JSON.stringify({ time: 5, row: { ...row, identifiers: {} } })), undefined);
  assert.equal(parseRowLine('not json'), undefined);
  assert.deepEqual(parseRowLine(rowLine(row, AT)), { time: AT, row });
});

/** RFC 9991 §3 / RFC 9989 §4.7 fo: when each option asks for a failure report. */
const TRIGGERS: Array<[string, Partial<AggregateReportRow>, string[]]> = [
  ['both aligned pass', {}, []],
  ['DKIM aligned fails, SPF aligned passes', { policyEvaluated: { disposition: 'none', dkim: 'fail', spf: 'pass', reasons: [] } }, ['1']],
  ['both fail', { policyEvaluated: { disposition: 'reject', dkim: 'fail', spf: 'fail', reasons: [] } }, ['0', '1']],
  ['a DKIM signature fails though DMARC passes', { authResults: { dkim: [{ domain: 'example.com', selector: 's', result: 'fail' }], spf: [{ domain: 'example.com', scope: 'mfrom', result: 'pass' }] } }, ['d']],
  ['SPF fails though DMARC passes', { authResults: { dkim: [], spf: [{ domain: 'example.com', scope: 'mfrom', result: 'softfail' }] } }, ['s']],
];

test(`RFC 9991 §3: fo=0/1/d/s decide when a failure report is due (${TRIGGERS.length} cases)`, () => {
  for (const [name, over, want] of TRIGGERS) assert.deepEqual(failureTriggers(['0', '1', 'd', 's'], makeRow(over)), want, name);
  assert.deepEqual(failureTriggers(['0'], makeRow(TRIGGERS[1]![1])), [], 'fo=0 ignores a single failing mechanism');
});

test('RFC 9991 / RFC 6591: a failure report is ARF with auth-failure fields and the original header, and re-parses', () => {
  const row = makeRow({ sourceIp: '203.0.113.9', policyEvaluated: { disposition: 'reject', dkim: 'fail', spf: 'fail', reasons: [] }, authResults: { dkim: [{ domain: 'example.com', selector: 'sel', result: 'fail' }], spf: [{ domain: 'example.com', scope: 'mfrom', result: 'fail' }] } });
  const header = Buffer.from('From: Spoof <ceo@example.com>\r\nTo: victim@mx.example\r\nSubject: wire money\r\nMessage-ID: <x@evil.example>\r\n');
  const message = buildFailureReport({ reporter, row, originalHeader: header, arrivalDate: new Date('2026-11-28T05:00:00Z'), authenticationResults: 'mx.example; dmarc=fail header.from=example.com', deliveryResult: 'reject' });
  const mime = parseMime(Buffer.from(message.raw));
  assert.ok(mime);
  const report = parseFailureReport(mime);
  assert.equal(report.format, 'arf');
  assert.equal(report.feedbackType, 'auth-failure');
  assert.equal(report.authFailure, 'dmarc');
  assert.equal(report.reportedDomain, 'example.com');
  assert.equal(report.sourceIp, '203.0.113.9');
  assert.equal(report.deliveryResult, 'reject');
  assert.equal(report.dkimDomain, 'example.com');
  assert.equal(report.dkimSelector, 'sel');
  assert.equal(report.originalFromDomain, 'example.com');
  assert.match(message.raw, /\r\nIdentity-Alignment: none\r\n/);
  assert.match(message.raw, /Content-Type: text\/rfc822-headers/);
  assert.doesNotMatch(message.raw, /wire money\r\n\r\n.*body/);
});

test('the verify() pipeline\'s DMARC rows feed the generator: a report from real evaluations passes the schema rules', async () => {
  const resolver = new MemoryResolver()
    .add('_dmarc.example.com', 'TXT', ['v=DMARC1; p=quarantine; rua=mailto:dmarc@example.com'])
    .add('example.com', 'TXT', ['v=spf1 ip4:192.0.2.0/24 -all']);
  const message = Buffer.from('From: Alice <alice@example.com>\r\nTo: bob@mx.example\r\nSubject: hi\r\nDate: Sat, 28 Nov 2026 01:00:00 +0000\r\nMessage-ID: <a@example.com>\r\n\r\nHello\r\n');
  const lines: string[] = [];
  for (const ip of ['192.0.2.25', '192.0.2.25', '203.0.113.66']) {
    const result = await verify(message, { ip, helo: 'mail.example.com', mailFrom: 'alice@example.com', authservId: 'mx.example', resolver, now: AT });
    lines.push(rowLine(result.dmarc.report, AT));
  }
  const rows = lines.map((l) => parseRowLine(l)!);
  const { reports } = buildAggregateReports(rows, { reporter, begin: BEGIN, end: END });
  assert.equal(reports.length, 1);
  const xml = aggregateReportXml(reports[0]!);
  assert.deepEqual(validateAggregateXml(xml), []);
  const parsed = parseAggregateXml(xml);
  assert.equal(parsed.policy.p, 'quarantine');
  assert.deepEqual(parsed.records.map((r) => [r.sourceIp, r.count, r.spf, r.disposition]), [['192.0.2.25', 2, 'pass', 'pass'], ['203.0.113.66', 1, 'fail', 'quarantine']]);
});
