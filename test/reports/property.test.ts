import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { gzipSync } from 'node:zlib';
import { AggregateError, parseAggregateXml } from '../../src/reports/aggregate.js';
import { XmlError, XmlTokenizer } from '../../src/reports/xml.js';
import { parseMime, parseContentType } from '../../src/reports/mime.js';
import { parseFailureReport } from '../../src/reports/failure.js';
import { parseTlsReport } from '../../src/reports/tlsrpt.js';
import { ingest } from '../../src/reports/ingest.js';
import { openReportStore } from '../../src/reports/store/open.js';
import { aggregateXml, type RowSpec } from './make.js';

const RUNS = 300;

test(`property: random text never makes the aggregate parser throw anything but AggregateError (${RUNS} runs)`, () => {
  const xmlish = fc.array(fc.constantFrom('<feedback>', '</feedback>', '<record>', '</record>', '<row>', '<count>', '1', '</count>', '<!DOCTYPE x>', '<![CDATA[x]]>', '<!-- c -->', '&amp;', '&#x1F600;', '<?xml?>', '<a/>', '"', "'", '>', '<', ' ', '\u0000', '\ufffd'), { maxLength: 60 });
  fc.assert(
    fc.property(fc.oneof(fc.string({ maxLength: 400 }), xmlish.map((parts) => parts.join(''))), (text) => {
      try {
        parseAggregateXml(text);
      } catch (e) {
        assert.ok(e instanceof AggregateError, String(e));
      }
    }),
    { numRuns: RUNS },
  );
});

test(`property: chunking does not change what the tokenizer sees (${RUNS} runs)`, () => {
  const doc = aggregateXml({ orgName: 'A &amp; B', reportId: 'x', begin: 1, end: 2, domain: 'example.com', rows: [{ ip: '192.0.2.1', count: 2, headerFrom: 'example.com', dkimAuth: [{ domain: 'example.com', result: 'pass' }] }] });
  const events = (chunks: string[]): string[] => {
    const out: string[] = [];
    const tok = new XmlTokenizer({ open: (n, d) => out.push(`+${n}${d}`), text: (t) => (out.length && out[out.length - 1]!.startsWith('=') ? (out[out.length - 1] += t) : out.push(`=${t}`)), close: (n) => out.push(`-${n}`) });
    for (const c of chunks) tok.write(c);
    tok.end();
    return out;
  };
  const whole = events([doc]);
  fc.assert(
    fc.property(fc.array(fc.integer({ min: 0, max: doc.length }), { maxLength: 20 }), (cuts) => {
      const points = [...new Set(cuts)].sort((a, b) => a - b);
      const chunks: string[] = [];
      let last = 0;
      for (const p of points) {
        chunks.push(doc.slice(last, p));
        last = p;
      }
      chunks.push(doc.slice(last));
      assert.deepEqual(events(chunks), whole);
    }),
    { numRuns: RUNS },
  );
});

const word = fc.constantFrom('pass', 'fail', 'none', 'softfail', 'neutral', 'temperror', 'permerror');
const label = fc.stringMatching(/^[a-z][a-z0-9-]{0,10}$/);
const domain = fc.tuple(label, fc.constantFrom('example', 'test', 'jp', 'com')).map(([a, b]) => `${a}.${b}`);
const row: fc.Arbitrary<RowSpec> = fc.record({
  ip: fc.ipV4(),
  count: fc.integer({ min: 0, max: 1e9 }),
  disposition: fc.constantFrom('none', 'quarantine', 'reject'),
  dkim: word,
  spf: word,
  headerFrom: domain,
  dkimAuth: fc.array(fc.record({ domain, selector: label, result: word }), { maxLength: 3 }),
  spfAuth: fc.array(fc.record({ domain, result: word }), { maxLength: 2 }),
});

test(`property: a generated report parses back to the same rows, in any style (${RUNS} runs)`, () => {
  fc.assert(
    fc.property(fc.constantFrom('google', 'microsoft', 'yahoo', 'rfc9990') as fc.Arbitrary<'google'>, fc.array(row, { maxLength: 20 }), domain, (style, rows, policyDomain) => {
      const r = parseAggregateXml(aggregateXml({ style, orgName: 'o', reportId: 'id', begin: 100, end: 200, domain: policyDomain, rows }));
      assert.equal(r.records.length, rows.length);
      r.records.forEach((got, i) => {
        const want = rows[i]!;
        assert.equal(got.sourceIp, want.ip);
        assert.equal(got.count, want.count);
        assert.equal(got.dkim, want.dkim);
        assert.equal(got.headerFrom, want.headerFrom);
        assert.deepEqual(got.dkimResults.map((d) => [d.domain, d.selector, d.result]), (want.dkimAuth ?? []).map((d) => [d.domain, d.selector, d.result]));
        assert.deepEqual(got.spfResults.map((s) => s.result), (want.spfAuth ?? []).map((s) => s.result));
      });
    }),
    { numRuns: RUNS },
  );
});

test(`property: random bytes never make the MIME, failure or TLS parsers throw (${RUNS} runs)`, () => {
  const mimeish = fc.array(fc.constantFrom('From: a@b.example\r\n', 'Content-Type: multipart/mixed; boundary="q"\r\n', 'Content-Type: message/feedback-report\r\n', '\r\n', '--q\r\n', '--q--\r\n', 'Content-Transfer-Encoding: base64\r\n', 'Content-Transfer-Encoding: quoted-printable\r\n', '=3D=\r\n', 'Feedback-Type: auth-failure\r\n', 'Source-IP: 1.2.3.4\r\n', 'H4sI', '\u00ff'), { maxLength: 40 });
  fc.assert(
    fc.property(fc.oneof(fc.uint8Array({ maxLength: 500 }), mimeish.map((p) => Buffer.from(p.join(''), 'latin1'))), (bytes) => {
      const m = parseMime(bytes);
      if (m) {
        assert.ok(m.parts.length <= 200);
        parseFailureReport(m);
      }
      parseContentType(Buffer.from(bytes).toString('latin1'));
      const r = parseTlsReport(Buffer.from(bytes).toString('utf8'));
      assert.equal(typeof r.ok, 'boolean');
    }),
    { numRuns: RUNS },
  );
});

test('property: ingest never throws for hostile input and always answers with counters (150 runs)', async () => {
  const store = await openReportStore(':memory:');
  try {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.uint8Array({ maxLength: 400 }), fc.uint8Array({ maxLength: 400 }).map((b) => gzipSync(b)), fc.string({ maxLength: 300 }).map((s) => Buffer.from(`<feedback>${s}`))), async (bytes) => {
        const s = await ingest(store, { bytes });
        assert.equal(s.stored + s.duplicates + s.quarantined, s.reports.length);
        assert.ok(s.reports.length >= 1);
      }),
      { numRuns: 150 },
    );
  } finally {
    await store.close();
  }
});

test('XmlTokenizer refuses a DOCTYPE wherever it is split', () => {
  const doc = '<?xml version="1.0"?><!DOCTYPE feedback SYSTEM "http://x/"><feedback/>';
  for (let cut = 0; cut <= doc.length; cut++) {
    const tok = new XmlTokenizer({ open() {}, text() {}, close() {} });
    assert.throws(() => {
      tok.write(doc.slice(0, cut));
      tok.write(doc.slice(cut));
      tok.end();
    }, (e) => e instanceof XmlError && e.code === 'doctype');
  }
});
