import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { AggregateError, parseAggregateXml } from '../../src/reports/aggregate.js';
import { parseMime } from '../../src/reports/mime.js';
import { parseFailureReport } from '../../src/reports/failure.js';
import { parseTlsReport } from '../../src/reports/tlsrpt.js';
import { readAll, unpack, type Leaf } from '../../src/reports/unpack.js';
import { TextDecoder } from 'node:util';
import { fixture } from './helpers.js';
import { aggregateXml, passingRow } from './make.js';

async function* once(bytes: Uint8Array): AsyncIterable<Uint8Array> {
  yield bytes;
}

/** Every leaf in a fixture, aggregate ones parsed. */
async function leaves(name: string): Promise<Array<{ leaf: Leaf; text?: string }>> {
  const out: Array<{ leaf: Leaf; text?: string }> = [];
  for await (const leaf of unpack(once(fixture(name)), name)) {
    if (leaf.kind === 'aggregate') out.push({ leaf, text: new TextDecoder().decode(await readAll(leaf.chunks, 1 << 26)) });
    else out.push({ leaf });
  }
  return out;
}

async function aggregate(name: string) {
  const found = await leaves(name);
  assert.equal(found.length, 1, `${name}: one report`);
  assert.equal(found[0]!.leaf.kind, 'aggregate');
  return parseAggregateXml(found[0]!.text!);
}

test('Google-style zip: metadata, policy, 3 records with auth_results (RFC 7489 appendix C)', async () => {
  const r = await aggregate('google.com!example.com!1764460800!1764547199.zip');
  assert.equal(r.version, '1.0');
  assert.deepEqual(r.metadata, { orgName: 'google.com', email: 'noreply-dmarc-support@google.com', reportId: '12345678901234567890', dateBegin: 1764460800, dateEnd: 1764547199, errors: [] });
  assert.deepEqual(r.policy, { domain: 'example.com', adkim: 'r', aspf: 'r', p: 'none', sp: 'none', pct: '100' });
  assert.equal(r.records.length, 3);
  assert.deepEqual(r.records[1], {
    sourceIp: '203.0.113.9',
    count: 7,
    disposition: 'none',
    dkim: 'fail',
    spf: 'fail',
    reasons: [],
    headerFrom: 'example.com',
    envelopeFrom: 'bounce.mailer.example.net',
    dkimResults: [{ domain: 'sendgrid.net', selector: 's1', result: 'pass' }],
    spfResults: [{ domain: 'sendgrid.net', result: 'pass' }],
  });
});

test('Microsoft-style .xml.gz: namespace declarations, envelope_to and SPF scope', async () => {
  const r = await aggregate('enterprise.protection.outlook.com!example.com!1764460800!1764547200.xml.gz');
  assert.equal(r.metadata.orgName, 'Enterprise Outlook');
  assert.equal(r.namespace, 'http://www.w3.org/2001/XMLSchema');
  assert.equal(r.records[0]!.envelopeTo, 'contoso.com');
  assert.equal(r.records[0]!.spfResults[0]!.scope, 'mfrom');
  assert.equal(r.records[1]!.spfResults[0]!.result, 'softfail');
});

test('Yahoo-style quirks: no <version>, upper-case result words, an empty <reason>, missing optional elements', async () => {
  const r = await aggregate('yahoo.xml');
  assert.equal(r.version, undefined);
  assert.equal(r.records[0]!.dkim, 'pass');
  assert.equal(r.records[0]!.spf, 'pass');
  assert.deepEqual(r.records[0]!.reasons, []);
  assert.equal(r.records[1]!.disposition, 'none');
  assert.equal(r.records[1]!.dkim, 'fail');
  assert.equal(r.records[1]!.headerFrom, 'example.com');
  assert.deepEqual(r.records[1]!.dkimResults, []);
  assert.equal(r.records[1]!.envelopeFrom, undefined);
});

test('RFC 9990: the dmarc-2.0 namespace, np, testing, discovery_method, generator, a reason with a comment', async () => {
  const r = await aggregate('rfc9990.xml');
  assert.equal(r.namespace, 'urn:ietf:params:xml:ns:dmarc-2.0');
  assert.equal(r.metadata.generator, 'inkan-test 1.0');
  assert.equal(r.policy.np, 'reject');
  assert.equal(r.policy.testing, 'n');
  assert.equal(r.policy.discoveryMethod, 'treewalk');
  assert.equal(r.records[0]!.sourceIp, '2001:db8::25');
  assert.deepEqual(r.records[0]!.reasons, [{ type: 'local_policy', comment: 'arc=pass' }]);
});

test('an older draft: <identities> for <identifiers>, a reason as bare text, no selector', async () => {
  const r = await aggregate('draft.xml');
  assert.equal(r.records[0]!.headerFrom, 'example.com');
  assert.deepEqual(r.records[0]!.reasons, [{ type: 'forwarded' }]);
  assert.deepEqual(r.records[0]!.dkimResults, [{ domain: 'example.com', result: 'pass' }]);
});

test('a byte-order mark and invalid UTF-8 bytes are survived (replacement characters)', async () => {
  const r = await aggregate('bom-invalid-utf8.xml');
  assert.equal(r.metadata.orgName, 'Mail\ufffd\ufffdOrg');
  assert.equal(r.records.length, 1);
});

test('non-standard namespace prefixes (dmarc:feedback) are read by local name', async () => {
  const r = await aggregate('prefixed.xml');
  assert.equal(r.metadata.reportId, 'ns-1');
  assert.equal(r.records[0]!.count, 2);
});

test('a zip holding one file under a path', async () => {
  const found = await leaves('zip-with-path.zip');
  assert.equal(found[0]!.leaf.name, 'reports/2025/11/report.xml');
  assert.equal(parseAggregateXml(found[0]!.text!).metadata.reportId, 'zip-path-1');
});

test('an email with two reports (zip and gzip, application/octet-stream and RFC 2231 file name)', async () => {
  const found = await leaves('two-reports.eml');
  assert.deepEqual(found.map((f) => f.leaf.name), ['mimecast.xml', 'mc-002.xml']);
  assert.deepEqual(found.map((f) => parseAggregateXml(f.text!).metadata.reportId), ['mc-001', 'mc-002']);
});

test('a report inline in a quoted-printable text body', async () => {
  assert.equal((await aggregate('inline.eml')).metadata.reportId, 'inline-1');
});

test('gzip inside a message whose headers say text/plain', async () => {
  assert.equal((await aggregate('lying-headers.eml')).metadata.reportId, 'liar-1');
});

test('a DOCTYPE is refused: no DTD, no entity expansion', () => {
  assert.throws(() => parseAggregateXml(fixture('doctype.xml').toString()), (e) => e instanceof AggregateError && e.code === 'xml-doctype');
});

test('a damaged gzip is a bad-gzip error while reading, not a crash', async () => {
  const [found] = await (async () => {
    const out: Leaf[] = [];
    for await (const leaf of unpack(once(fixture('truncated.xml.gz')), 'truncated.xml.gz')) out.push(leaf);
    return out;
  })();
  assert.equal(found?.kind, 'aggregate');
  await assert.rejects(readAll((found as { chunks: AsyncIterable<Uint8Array> }).chunks, 1 << 26), (e: Error & { code?: string }) => e.code === 'bad-gzip');
});

test('a gzip bomb of non-XML stops at the in-memory cap with too-large', async () => {
  const bomb = gzipSync(Buffer.alloc(20 * 1024 * 1024, 0x20));
  const limits = { maxDecompressed: 1024 * 1024, maxInMemory: 1024 * 1024, maxZipEntries: 10, maxNesting: 4 };
  await assert.rejects(async () => {
    for await (const leaf of unpack(once(bomb), 'bomb.gz', limits)) void leaf;
  }, (e: Error & { code?: string }) => e.code === 'too-large');
});

test('a gzip bomb is refused with too-large', async () => {
  const bomb = gzipSync(Buffer.concat([Buffer.from('<feedback>'), Buffer.alloc(20 * 1024 * 1024, 0x20)]));
  const limits = { maxDecompressed: 1024 * 1024, maxInMemory: 1024 * 1024, maxZipEntries: 10, maxNesting: 4 };
  const it = unpack(once(bomb), 'bomb.xml.gz', limits);
  const first = await it.next();
  assert.equal(first.value?.kind, 'aggregate');
  await assert.rejects(readAll((first.value as { chunks: AsyncIterable<Uint8Array> }).chunks, 1 << 30), (e: Error & { code?: string }) => e.code === 'too-large');
});

test('XML limits: depth, element count and missing required elements are errors with codes', () => {
  const deep = `<feedback>${'<a>'.repeat(40)}${'</a>'.repeat(40)}</feedback>`;
  assert.throws(() => parseAggregateXml(deep), (e) => e instanceof AggregateError && e.code === 'xml-too-deep');
  const many = aggregateXml({ orgName: 'o', reportId: 'r', begin: 1, end: 2, domain: 'example.com', rows: Array.from({ length: 50 }, (_, i) => passingRow(`192.0.2.${i}`, 1, 'example.com')) });
  assert.throws(() => parseAggregateXml(many, { maxDepth: 32, maxElements: 100, maxToken: 1 << 20, maxRecords: 1e6, maxValue: 4096 }), (e) => e instanceof AggregateError && e.code === 'xml-too-many-elements');
  assert.throws(() => parseAggregateXml(many.replace(/<report_id>r<\/report_id>/, '')), (e) => e instanceof AggregateError && e.code === 'missing-report-id');
  assert.throws(() => parseAggregateXml('<html><body/></html>'), (e) => e instanceof AggregateError && e.code === 'not-aggregate');
  assert.throws(() => parseAggregateXml(many.slice(0, 2000)), (e) => e instanceof AggregateError && e.code === 'xml-unclosed');
});

test('entities: the five predefined and character references are decoded; others stay as written', () => {
  const xml = aggregateXml({ orgName: 'A &amp; B &#x41;&#66; &foo;', reportId: 'e', begin: 1, end: 2, domain: 'example.com', rows: [] });
  assert.equal(parseAggregateXml(xml).metadata.orgName, 'A & B AB &foo;');
});

test('ARF failure report (RFC 5965 / RFC 6591): fields, original headers, reporter', () => {
  const message = parseMime(fixture('failure-arf.eml'))!;
  const r = parseFailureReport(message);
  assert.equal(r.format, 'arf');
  assert.equal(r.feedbackType, 'auth-failure');
  assert.equal(r.sourceIp, '198.51.100.66');
  assert.equal(r.reportedDomain, 'example.com');
  assert.equal(r.authFailure, 'dmarc');
  assert.equal(r.deliveryResult, 'reject');
  assert.deepEqual(r.originalRcptTo, ['<user@receiver.example>']);
  assert.equal(r.reporter, 'receiver.example');
  assert.equal(r.originalFromDomain, 'example.com');
  assert.match(r.originalHeaders ?? '', /Subject: Urgent wire transfer/);
  assert.match(r.authenticationResults?.[0] ?? '', /dmarc=fail/);
});

test('a plain-text failure report without a message/feedback-report part', async () => {
  const found = await leaves('failure-plain.eml');
  assert.equal(found[0]!.leaf.kind, 'failure');
  const r = (found[0]!.leaf as { report: ReturnType<typeof parseFailureReport> }).report;
  assert.equal(r.format, 'plain');
  assert.equal(r.sourceIp, '203.0.113.200');
  assert.equal(r.reportedDomain, 'example.com');
  assert.equal(r.originalFromDomain, 'example.com');
});

test('SMTP TLS report (RFC 8460 §4.4 example): summary and failure details', () => {
  const r = parseTlsReport(fixture('tlsrpt.json').toString());
  assert.ok(r.ok);
  assert.equal(r.report.organizationName, 'Company-X');
  assert.equal(r.report.dateBegin, 1764460800);
  assert.equal(r.report.policies[0]!.policyDomain, 'example.com');
  assert.equal(r.report.policies[0]!.successful, 5326);
  assert.equal(r.report.policies[0]!.failed, 303);
  assert.deepEqual(r.report.policies[0]!.failures.map((f) => [f.resultType, f.count]), [['certificate-expired', 100], ['starttls-not-supported', 200], ['validation-failure', 3]]);
  assert.deepEqual(parseTlsReport('{"a":1}'), { ok: false, error: 'not-tlsrpt' });
  assert.deepEqual(parseTlsReport('{'), { ok: false, error: 'not-json' });
});

test('TLS reports gzipped and in an email (application/tlsrpt+gzip) are found', async () => {
  const gz = await leaves('google.com!example.com!tlsrpt.json.gz');
  assert.equal(gz[0]!.leaf.kind, 'tlsrpt');
  const eml = await leaves('tlsrpt.eml');
  assert.equal(eml.length, 1);
  assert.equal(eml[0]!.leaf.kind, 'tlsrpt');
});

test('a text that is no report is unrecognized', async () => {
  const found = await leaves('not-a-report.txt');
  assert.deepEqual(found.map((f) => f.leaf), [{ kind: 'unknown', name: 'not-a-report.txt', reason: 'unrecognized' }]);
});
