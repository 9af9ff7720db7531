import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { ingest } from '../../src/reports/ingest.js';
import { retryQuarantine } from '../../src/reports/retry.js';
import { openReportStore } from '../../src/reports/store/open.js';
import type { ReportStore } from '../../src/reports/store/store.js';
import { analyseDomain } from '../../src/reports/analyse/domain.js';
import { backends, fixture, FIXTURES, type TestStore } from './helpers.js';
import { aggregateXml, passingRow } from './make.js';

const NOW = new Date('2025-12-01T00:00:00Z');
const FIXTURE_NAMES = readdirSync(FIXTURES).sort();
const EXPECT_QUARANTINED = ['doctype.xml', 'not-a-report.txt', 'truncated.xml.gz'];

async function count(store: ReportStore, table: 'reports' | 'records' | 'quarantine' | 'report_raw'): Promise<number> {
  const row = await store.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

function report(id: string, rows: number, org = 'google.com', domain = 'tests.example'): Buffer {
  return Buffer.from(aggregateXml({ orgName: org, reportId: id, begin: 1764460800, end: 1764547199, domain, rows: Array.from({ length: rows }, (_, i) => passingRow(`10.0.${i >> 8}.${i & 255}`, 1 + (i % 3), domain)) }));
}

for (const backend of await backends()) {
  describe(`report store on ${backend.name}`, { ...(backend.skip ? { skip: backend.skip } : {}) }, () => {
    let place: TestStore;
    let store: ReportStore;
    before(async () => {
      place = await backend.create();
      store = await openReportStore(place.location);
    });
    after(async () => {
      await store?.close();
      await place?.cleanup();
    });

    test(`every fixture: ${FIXTURE_NAMES.length} inputs, each report stored once, unreadable ones quarantined with their bytes`, async (t) => {
      let stored = 0;
      for (const name of FIXTURE_NAMES) {
        const s = await ingest(store, { bytes: fixture(name), name, origin: `file:${name}` }, { now: NOW });
        stored += s.stored;
        assert.equal(s.quarantined > 0, EXPECT_QUARANTINED.includes(name), `${name}: ${JSON.stringify(s)}`);
      }
      t.diagnostic(`${stored} reports stored from ${FIXTURE_NAMES.length} fixtures`);
      assert.equal(stored, 17);
      assert.equal(await count(store, 'reports'), 17);
      assert.equal(await count(store, 'report_raw'), 17);
      const kinds = await store.db.selectFrom('reports').select(['kind']).select((eb) => eb.fn.countAll().as('n')).groupBy('kind').orderBy('kind').execute();
      assert.deepEqual(kinds.map((k) => [k.kind, Number(k.n)]), [['aggregate', 12], ['failure', 2], ['tlsrpt', 3]]);
      const q = await store.db.selectFrom('quarantine').select(['name', 'reason', 'raw']).orderBy('name').execute();
      assert.deepEqual(q.map((r) => [r.name, r.reason]), [['doctype.xml', 'xml-doctype'], ['not-a-report.txt', 'unrecognized'], ['truncated.xml.gz', 'bad-gzip']]);
      assert.deepEqual(Buffer.from(q[0]!.raw!), fixture('doctype.xml'));
      const google = await store.db.selectFrom('reports').selectAll().where('report_id', '=', '12345678901234567890').executeTakeFirstOrThrow();
      assert.equal(Number(google.record_count), 3);
      assert.equal(Number(google.message_count), 130);
      assert.equal(Number(google.date_begin), 1764460800);
    });

    test('idempotent: importing everything again stores nothing new; the quarantine counts attempts', async () => {
      const before = await count(store, 'records');
      let duplicates = 0;
      for (const name of FIXTURE_NAMES) duplicates += (await ingest(store, { bytes: fixture(name), name }, { now: NOW })).duplicates;
      assert.equal(duplicates, 17);
      assert.equal(await count(store, 'reports'), 17);
      assert.equal(await count(store, 'records'), before);
      assert.equal(await count(store, 'quarantine'), 3);
      const attempts = await store.db.selectFrom('quarantine').select('attempts').execute();
      assert.deepEqual(attempts.map((a) => Number(a.attempts)), [2, 2, 2]);
    });

    test('the key is (org, report id, policy domain): the same id from another org or for another domain is another report', async () => {
      const a = await ingest(store, { bytes: report('same-id', 2, 'org-a.example') });
      const b = await ingest(store, { bytes: report('same-id', 2, 'org-b.example') });
      const c = await ingest(store, { bytes: report('same-id', 2, 'org-a.example', 'example.net') });
      const d = await ingest(store, { bytes: gzipSync(report('same-id', 2, 'org-a.example')), name: 'x.xml.gz' });
      assert.deepEqual([a.stored, b.stored, c.stored, d.duplicates], [1, 1, 1, 1]);
    });

    test('one transaction per report: a report that breaks after 1,800 rows leaves no row behind', async () => {
      const records = await count(store, 'records');
      const text = report('broken-late', 2000).toString();
      const cut = text.slice(0, Math.floor(text.length * 0.9));
      const s = await ingest(store, { bytes: Buffer.from(cut), name: 'broken.xml' });
      assert.equal(s.quarantined, 1);
      assert.equal(s.reports[0]!.reason, 'xml-unclosed');
      assert.equal(await count(store, 'records'), records);
      const row = await store.db.selectFrom('reports').select('id').where('report_id', '=', 'broken-late').executeTakeFirst();
      assert.equal(row, undefined);
    });

    test('concurrent ingests of one report store it once', async () => {
      const bytes = report('concurrent-1', 600);
      const results = await Promise.all(Array.from({ length: 5 }, () => ingest(store, { bytes })));
      assert.equal(results.reduce((n, r) => n + r.stored, 0), 1);
      assert.equal(results.reduce((n, r) => n + r.duplicates, 0), 4);
      const rows = await store.db.selectFrom('records').innerJoin('reports', 'reports.id', 'records.report_ref').select((eb) => eb.fn.countAll().as('n')).where('reports.report_id', '=', 'concurrent-1').executeTakeFirstOrThrow();
      assert.equal(Number(rows.n), 600);
    });

    test('retry after an upgrade: a report refused under old limits is stored by retry and leaves the quarantine', async () => {
      const bytes = report('needs-upgrade', 5);
      const s = await ingest(store, { bytes, name: 'big.xml' }, { aggregateLimits: { maxDepth: 32, maxElements: 1e6, maxToken: 1 << 20, maxRecords: 2, maxValue: 4096 } });
      assert.equal(s.reports[0]!.reason, 'too-many-records');
      const before = await count(store, 'quarantine');
      const r = await retryQuarantine(store);
      assert.equal(r.released, 1);
      assert.equal(r.stored, 1);
      assert.equal(r.remaining, 4, 'the three bad fixtures and the broken report stay');
      assert.equal(await count(store, 'quarantine'), before - 1);
      const stored = await store.db.selectFrom('reports').select('record_count').where('report_id', '=', 'needs-upgrade').executeTakeFirstOrThrow();
      assert.equal(Number(stored.record_count), 5);
    });

    test('analysis reads the same numbers on every backend', async () => {
      const a = await analyseDomain(store, { domain: 'example.com', since: 1764374400, until: 1764547200 }, { now: 1764547200 });
      assert.equal(a.summary.reports, 12);
      assert.equal(a.summary.total.messages, 276);
      assert.equal(a.summary.total.dmarcPass, 256);
      assert.deepEqual(a.summary.byDay.map((d) => d.day), ['2025-11-29', '2025-11-30']);
      assert.equal(a.summary.byDay[0]!.messages, 25);
      const sendgrid = a.sources.find((s) => s.ip === '203.0.113.9')!;
      assert.equal(sendgrid.classification, 'ours-failing');
      assert.equal(a.sources.find((s) => s.ip === '192.0.2.77')!.classification, 'forwarded');
      assert.equal(a.advice.verdict, 'not-yet');
    });
  });
}
