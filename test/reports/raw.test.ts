// report_raw keeps each report's own octets (gzip): gunzip gives back exactly what was read, whether the report
// was held in memory, streamed in pieces, gzipped, or one of many ingested at once.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { gunzipSync, gzipSync } from 'node:zlib';
import { ingest, ingestMany, ingestStream } from '../../src/reports/ingest.js';
import { openReportStore } from '../../src/reports/store/open.js';
import type { ReportStore } from '../../src/reports/store/store.js';
import { backends, fixture } from './helpers.js';
import { aggregateXml, passingRow } from './make.js';

function report(id: string, rows: number): Buffer {
  return Buffer.from(aggregateXml({ orgName: 'raw.example', reportId: id, begin: 1764460800, end: 1764547199, domain: 'raw.example', rows: Array.from({ length: rows }, (_, i) => passingRow(`10.7.${i >> 8}.${i & 255}`, 1 + (i % 5), 'raw.example')) }));
}

async function rawOf(store: ReportStore, reportId: string): Promise<Buffer> {
  const row = await store.db.selectFrom('report_raw').innerJoin('reports', 'reports.id', 'report_raw.report_ref').select('report_raw.raw').where('reports.report_id', '=', reportId).executeTakeFirstOrThrow();
  return gunzipSync(row.raw);
}

async function* pieces(bytes: Buffer, size: number): AsyncIterable<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

for (const backend of await backends()) {
  describe(`report_raw on ${backend.name}`, { ...(backend.skip ? { skip: backend.skip } : {}) }, () => {
    test('gunzip of report_raw is the report as read: in memory (large and small), streamed, gzipped, many at once, TLS', async () => {
      const place = await backend.create();
      const store = await openReportStore(place.location);
      try {
        const large = report('in-memory-large', 400);
        const small = report('in-memory-small', 2);
        const streamed = report('streamed', 700);
        const zipped = report('gzipped', 50);
        assert.ok(large.length > 64 * 1024 && small.length < 8 * 1024);
        assert.equal((await ingest(store, { bytes: large })).stored, 1);
        assert.equal((await ingest(store, { bytes: small })).stored, 1);
        assert.equal((await ingestStream(store, { chunks: pieces(streamed, 7000), name: 'streamed.xml' })).stored, 1);
        assert.equal((await ingest(store, { bytes: gzipSync(zipped), name: 'gzipped.xml.gz' })).stored, 1);
        const many = Array.from({ length: 20 }, (_, i) => report(`many-${i}`, 10 + i * 5));
        for await (const o of ingestMany(store, many.map((bytes) => ({ bytes })))) assert.ok('summary' in o && o.summary.stored === 1);
        assert.deepEqual(await rawOf(store, 'in-memory-large'), large);
        assert.deepEqual(await rawOf(store, 'in-memory-small'), small);
        assert.deepEqual(await rawOf(store, 'streamed'), streamed);
        assert.deepEqual(await rawOf(store, 'gzipped'), zipped);
        for (let i = 0; i < many.length; i++) assert.deepEqual(await rawOf(store, `many-${i}`), many[i]);
        const tls = gunzipSync(fixture('google.com!example.com!tlsrpt.json.gz'));
        const s = await ingest(store, { bytes: tls, name: 'tls.json' });
        assert.equal(s.stored, 1);
        assert.deepEqual(await rawOf(store, s.reports[0]!.reportId!), tls);
      } finally {
        await store.close();
        await place.cleanup();
      }
    });

    test('keepRawUpTo: a report larger than the limit is stored without its raw copy', async () => {
      const place = await backend.create();
      const store = await openReportStore(place.location);
      try {
        const bytes = report('no-raw', 100);
        assert.equal((await ingest(store, { bytes }, { keepRawUpTo: bytes.length - 1 })).stored, 1);
        const raw = await store.db.selectFrom('report_raw').select('report_ref').execute();
        assert.equal(raw.length, 0);
      } finally {
        await store.close();
        await place.cleanup();
      }
    });
  });
}
