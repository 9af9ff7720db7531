// Inputs held in memory are unpacked in memory (unpackBytes) and files are read whole when small (ingestFile):
// both must store exactly what the streaming path stores, and a gzipped report keeps its gzip as received.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { ingest, ingestFile, ingestMany, ingestStream, type FileInput } from '../../src/reports/ingest.js';
import { openReportStore } from '../../src/reports/store/open.js';
import type { ReportStore } from '../../src/reports/store/store.js';
import { DEFAULT_UNPACK_LIMITS } from '../../src/reports/unpack.js';
import { fixture, FIXTURES } from './helpers.js';
import { aggregateXml, passingRow } from './make.js';

function report(id: string, rows: number): Buffer {
  return Buffer.from(aggregateXml({ orgName: 'file.example', reportId: id, begin: 1764460800, end: 1764547199, domain: 'file.example', rows: Array.from({ length: rows }, (_, i) => passingRow(`10.9.${i >> 8}.${i & 255}`, 1 + (i % 7), 'file.example')) }));
}

async function* pieces(bytes: Uint8Array, size: number): AsyncIterable<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

/** Everything a store holds, without ids and times: two stores that read the same inputs dump the same. */
async function dump(store: ReportStore): Promise<unknown> {
  const reports = await store.db.selectFrom('reports').select(['kind', 'org_name', 'report_id', 'domain', 'email', 'date_begin', 'date_end', 'policy', 'meta', 'record_count', 'message_count', 'origin']).orderBy('report_id').orderBy('org_name').execute();
  const records = await store.db
    .selectFrom('records')
    .innerJoin('reports', 'reports.id', 'records.report_ref')
    .select(['reports.report_id', 'source_ip', 'count', 'disposition', 'dkim', 'spf', 'header_from', 'envelope_from', 'envelope_to', 'reasons', 'dkim_auth', 'spf_auth'])
    .orderBy('reports.report_id')
    .orderBy('records.id')
    .execute();
  const raw = await store.db.selectFrom('report_raw').innerJoin('reports', 'reports.id', 'report_raw.report_ref').select(['reports.report_id', 'report_raw.raw']).orderBy('reports.report_id').execute();
  const quarantine = await store.db.selectFrom('quarantine').select(['sha256', 'origin', 'name', 'reason', 'raw_size']).orderBy('sha256').execute();
  return { reports, records, raw: raw.map((r) => ({ id: r.report_id, xml: gunzipSync(r.raw).toString('latin1') })), quarantine };
}

async function withStores<T>(count: number, body: (stores: ReportStore[], dir: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'inkan-ingest-file-'));
  const stores = await Promise.all(Array.from({ length: count }, (_, i) => openReportStore(join(dir, `s${i}.db`))));
  try {
    return await body(stores, dir);
  } finally {
    for (const s of stores) await s.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

test('every fixture: held in memory, streamed in small pieces, or read as a file, the stores end up the same', async () => {
  const names = readdirSync(FIXTURES).sort();
  await withStores(3, async ([memory, streamed, files]) => {
    for (const name of names) {
      const bytes = fixture(name);
      const origin = `file:${name}`;
      const a = await ingest(memory!, { bytes, name, origin });
      const b = await ingestStream(streamed!, { chunks: pieces(bytes, 1000), name, origin });
      const c = await ingestFile(files!, { path: join(FIXTURES, name), origin });
      assert.deepEqual(a, b, name);
      assert.deepEqual(c, b, name);
    }
    const expected = await dump(streamed!);
    assert.deepEqual(await dump(memory!), expected);
    assert.deepEqual(await dump(files!), expected);
  });
});

test('a gzipped report keeps its gzip as received (no second compression); a plain one is gzipped', async () => {
  await withStores(1, async ([store]) => {
    const xml = report('gz-as-received', 40);
    const gz = gzipSync(xml, { level: 9 });
    assert.equal((await ingest(store!, { bytes: gz, name: 'r.xml.gz' })).stored, 1);
    assert.equal((await ingest(store!, { bytes: report('plain', 3), name: 'p.xml' })).stored, 1);
    const rows = await store!.db.selectFrom('report_raw').innerJoin('reports', 'reports.id', 'report_raw.report_ref').select(['reports.report_id', 'report_raw.raw']).execute();
    const raw = new Map(rows.map((r) => [r.report_id, Buffer.from(r.raw)]));
    assert.deepEqual(raw.get('gz-as-received'), gz);
    assert.deepEqual(gunzipSync(raw.get('plain')!), report('plain', 3));
  });
});

test('a gzip held in memory that opens to more than the in-memory cap is streamed, and stored whole', async () => {
  await withStores(1, async ([store]) => {
    const xml = report('big-gz', 600);
    assert.ok(xml.length > 128 * 1024);
    const limits = { ...DEFAULT_UNPACK_LIMITS, maxInMemory: 64 * 1024 };
    const gz = gzipSync(xml);
    const s = await ingest(store!, { bytes: gz, name: 'big.xml.gz' }, { unpackLimits: limits });
    assert.deepEqual([s.stored, s.reports[0]?.records], [1, 600]);
    // Streamed, yet kept as received: the gzip holds the XML itself.
    const kept = await store!.db.selectFrom('report_raw').innerJoin('reports', 'reports.id', 'report_raw.report_ref').select('report_raw.raw').where('reports.report_id', '=', 'big-gz').executeTakeFirstOrThrow();
    assert.deepEqual(Buffer.from(kept.raw), gz);
    // A gzip of a gzip: the inner XML is what is kept, compressed again (the outer gzip is not a gzip of it).
    const twice = await ingest(store!, { bytes: gzipSync(gzipSync(report('gz-in-gz', 600))), name: 'twice.xml.gz.gz' }, { unpackLimits: limits });
    assert.equal(twice.stored, 1);
    const inner = await store!.db.selectFrom('report_raw').innerJoin('reports', 'reports.id', 'report_raw.report_ref').select('report_raw.raw').where('reports.report_id', '=', 'gz-in-gz').executeTakeFirstOrThrow();
    assert.deepEqual(gunzipSync(inner.raw), report('gz-in-gz', 600));
    // With no room to stream either, it is too large.
    const refused = await ingest(store!, { bytes: gzipSync(report('refused', 600)), name: 'r.xml.gz' }, { unpackLimits: { ...limits, maxDecompressed: 64 * 1024 } });
    assert.deepEqual([refused.quarantined, refused.reports[0]?.reason], [1, 'too-large']);
  });
});

test('ingestFile: a file over 4 MiB is streamed; a missing file or a directory rejects; ingestMany reports it and goes on', async () => {
  await withStores(1, async ([store], dir) => {
    const big = report('big-file', 7_000);
    assert.ok(big.length > 4 * 1024 * 1024, `${big.length}`);
    writeFileSync(join(dir, 'big.xml'), big);
    writeFileSync(join(dir, 'small.xml.gz'), gzipSync(report('small-file', 5)));
    const s = await ingestFile(store!, { path: join(dir, 'big.xml') });
    assert.deepEqual([s.stored, s.reports[0]?.records], [1, 7_000]);
    const origin = await store!.db.selectFrom('reports').select('origin').where('report_id', '=', 'big-file').executeTakeFirstOrThrow();
    assert.equal(origin.origin, `file:${join(dir, 'big.xml')}`);
    await assert.rejects(ingestFile(store!, { path: join(dir, 'missing.xml') }), { code: 'ENOENT' });
    await assert.rejects(ingestFile(store!, { path: dir }), { code: 'EISDIR' });
    // A named pipe says size 0 but holds a report (as `inkan reports import <(zcat r.xml.gz)` gives): it is streamed.
    const fifo = join(dir, 'pipe');
    execFileSync('mkfifo', [fifo]);
    const writer = new Promise<void>((resolve, reject) => createWriteStream(fifo).on('error', reject).end(report('from-a-pipe', 30), resolve));
    const piped = await ingestFile(store!, { path: fifo });
    await writer;
    assert.deepEqual([piped.stored, piped.reports[0]?.records], [1, 30]);
    const inputs: FileInput[] = [{ path: join(dir, 'missing.xml') }, { path: join(dir, 'small.xml.gz') }, { path: join(dir, 'big.xml') }];
    const outcomes = [];
    for await (const o of ingestMany(store!, inputs)) outcomes.push('error' in o ? (o.error as { code?: string }).code : o.summary);
    assert.equal(outcomes[0], 'ENOENT');
    assert.deepEqual(outcomes.slice(1).map((o) => (typeof o === 'object' ? [o.stored, o.duplicates, o.reports[0]?.reportId] : o)), [
      [1, 0, 'small-file'],
      [0, 1, 'big-file'],
    ]);
  });
});
