// ingestMany prepares inputs on worker threads (prepare.ts, prepare-pool.ts): what it stores must be exactly what
// the main thread stores, for every kind of input, including those a worker hands back (too large, not a file).
process.env['INKAN_WORKERS'] ??= '1';

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { zipSync } from 'fflate';
import { DEFAULT_AGGREGATE_LIMITS } from '../../src/reports/aggregate.js';
import { ingest, ingestMany, type FileInput, type IngestInput, type IngestOutcome } from '../../src/reports/ingest.js';
import { MAX_PREPARED, prepareBytes, type PrepareOptions } from '../../src/reports/prepare.js';
import { PreparePool, preparePool, type PreparedInput } from '../../src/reports/prepare-pool.js';
import { openReportStore } from '../../src/reports/store/open.js';
import type { ReportStore } from '../../src/reports/store/store.js';
import { DEFAULT_UNPACK_LIMITS } from '../../src/reports/unpack.js';
import { fixture, FIXTURES } from './helpers.js';
import { aggregateXml, passingRow } from './make.js';

/** A failure report without an arrival date is dated when it is stored: every store here stores at the same moment. */
const NOW = { now: new Date('2026-11-30T12:00:00Z') };

const OPTIONS: PrepareOptions = { unpackLimits: DEFAULT_UNPACK_LIMITS, aggregateLimits: DEFAULT_AGGREGATE_LIMITS, keepRawUpTo: 16 * 1024 * 1024 };

function report(id: string, rows: number): Buffer {
  return Buffer.from(aggregateXml({ orgName: 'prep.example', reportId: id, begin: 1764460800, end: 1764547199, domain: 'prep.example', rows: Array.from({ length: rows }, (_, i) => passingRow(`10.7.${(i >> 8) & 255}.${i & 255}`, 1 + (i % 5), 'prep.example')) }));
}

/** Everything a store holds, without ids and times. */
async function dump(store: ReportStore): Promise<unknown> {
  const reports = await store.db.selectFrom('reports').select(['kind', 'org_name', 'report_id', 'domain', 'email', 'date_begin', 'date_end', 'policy', 'meta', 'record_count', 'message_count', 'origin']).orderBy('report_id').orderBy('org_name').orderBy('kind').execute();
  const records = await store.db
    .selectFrom('records')
    .innerJoin('reports', 'reports.id', 'records.report_ref')
    .select(['reports.report_id', 'reports.org_name', 'source_ip', 'count', 'disposition', 'dkim', 'spf', 'header_from', 'envelope_from', 'envelope_to', 'reasons', 'dkim_auth', 'spf_auth'])
    .orderBy('reports.report_id')
    .orderBy('reports.org_name')
    .orderBy('records.id')
    .execute();
  const raw = await store.db.selectFrom('report_raw').innerJoin('reports', 'reports.id', 'report_raw.report_ref').select(['reports.report_id', 'reports.org_name', 'report_raw.raw']).orderBy('reports.report_id').orderBy('reports.org_name').execute();
  const quarantine = await store.db.selectFrom('quarantine').select(['sha256', 'origin', 'name', 'reason', 'raw_size', 'raw']).orderBy('sha256').execute();
  return { reports, records, raw: raw.map((r) => ({ id: r.report_id, xml: gunzipSync(r.raw).toString('latin1') })), quarantine };
}

async function withDir<T>(body: (dir: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'inkan-prepare-'));
  try {
    return await body(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function collect<T>(outcomes: AsyncIterable<IngestOutcome<T>>): Promise<Array<IngestOutcome<T>>> {
  const out: Array<IngestOutcome<T>> = [];
  for await (const o of outcomes) out.push(o);
  return out;
}

/** The inputs of the comparison: every fixture (no two share a report key), and generated ones of each size. */
function inputs(dir: string): FileInput[] {
  const files = readdirSync(FIXTURES)
    .sort()
    .map((name) => ({ path: join(FIXTURES, name), origin: `file:${name}` }));
  mkdirSync(join(dir, 'gen'));
  const made: Array<[string, Buffer]> = [
    ['small.xml', report('small', 30)],
    ['small.xml.gz', gzipSync(report('small-gz', 12))],
    ['rows-over-a-batch.xml', report('over-batch', 1200)],
    ['opens-to-5-mib.xml.gz', gzipSync(report('big-gz', 22_000))],
    ['quarantined.xml', Buffer.from('<feedback><report_metadata><org_name>x</org_name></report_metadata></feedback>')],
  ];
  for (const [name, bytes] of made) {
    writeFileSync(join(dir, 'gen', name), bytes);
    files.push({ path: join(dir, 'gen', name), origin: `file:${name}` });
  }
  return files;
}

/** Wait until the pool's worker takes work; then count what it is given. */
async function warmed(pool: PreparePool): Promise<{ worker: number }> {
  for (let i = 0; i < 500 && !pool.prepare(fixture('yahoo.xml'), 'yahoo.xml', OPTIONS); i++) await new Promise((r) => setTimeout(r, 10));
  const counts = { worker: 0 };
  for (const method of ['prepare', 'prepareFile'] as const) {
    const real = pool[method].bind(pool) as (...a: unknown[]) => ReturnType<PreparePool['prepare']>;
    (pool as unknown as Record<string, unknown>)[method] = (...a: unknown[]) => {
      const sent = real(...a);
      if (sent) counts.worker++;
      return sent;
    };
  }
  return counts;
}

test('ingestMany on worker threads stores exactly what ingest stores one by one: every fixture, and files too large to prepare whole', async () => {
  const pool = preparePool();
  assert.ok(pool, 'the pool runs here (INKAN_WORKERS=1)');
  const counts = await warmed(pool);
  await withDir(async (dir) => {
    const files = inputs(dir);
    const one = await openReportStore(join(dir, 'one.db'));
    const many = await openReportStore(join(dir, 'many.db'));
    const bytes = await openReportStore(join(dir, 'bytes.db'));
    try {
      const expected = [];
      for (const f of files) expected.push(await ingest(one, { bytes: readFileSync(f.path), name: f.path.split('/').pop()!, origin: f.origin }, NOW));
      for (const store of [many, bytes]) {
        const given: Array<FileInput | IngestInput> = store === many ? files : files.map((f) => ({ bytes: readFileSync(f.path), name: f.path.split('/').pop()!, origin: f.origin }));
        const outcomes = await collect(ingestMany(store, given, NOW));
        assert.deepEqual(
          outcomes.map((o) => ('summary' in o ? o.summary : o.error)),
          expected,
        );
        assert.deepEqual(
          outcomes.map((o) => o.input),
          given,
          'outcomes come in input order',
        );
      }
      assert.ok(counts.worker > 10, `the worker prepared ${counts.worker} inputs`);
      const want = await dump(one);
      assert.deepEqual(await dump(many), want);
      assert.deepEqual(await dump(bytes), want);
    } finally {
      await Promise.all([one.close(), many.close(), bytes.close()]);
    }
  });
});

test('ingestMany with workers: false prepares on this thread, and stores the same', async () => {
  const counts = await warmed(preparePool()!);
  await withDir(async (dir) => {
    const files = inputs(dir);
    const a = await openReportStore(join(dir, 'a.db'));
    const b = await openReportStore(join(dir, 'b.db'));
    try {
      await collect(ingestMany(a, files, NOW));
      const before = counts.worker;
      await collect(ingestMany(b, files, { ...NOW, workers: false }));
      assert.equal(counts.worker, before, 'nothing went to the worker');
      assert.deepEqual(await dump(b), await dump(a));
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});

test('a worker prepares what this thread prepares: rows, warnings, kept octets, errors', async () => {
  const pool = new PreparePool(1);
  try {
    // The pool says "do it yourself" until its worker is up.
    let first = pool.prepare(fixture('yahoo.xml'), 'yahoo.xml', OPTIONS);
    for (let i = 0; !first && i < 200; i++) {
      await new Promise((r) => setTimeout(r, 10));
      first = pool.prepare(fixture('yahoo.xml'), 'yahoo.xml', OPTIONS);
    }
    assert.ok(first, 'the worker started');
    await first;
    for (const name of readdirSync(FIXTURES).sort()) {
      const here = await prepareBytes(fixture(name), name, OPTIONS);
      const there = whole(await pool.prepare(fixture(name), name, OPTIONS));
      assert.deepEqual(there?.prepared, JSON.parse(JSON.stringify(here), revive), name);
      const file = whole(await pool.prepareFile(join(FIXTURES, name), 4 << 20, name, OPTIONS));
      assert.deepEqual(file?.prepared, there?.prepared, name);
      // The octets come back from a file only when the quarantine needs them.
      const quarantines = 'leaves' in here && (here.unpackError !== undefined || here.leaves.some((l) => l.kind === 'unknown' || (l.kind === 'prepared' && 'error' in l)));
      assert.equal(file?.bytes !== undefined, quarantines, name);
    }
  } finally {
    await pool.close();
  }
});

/** A worker's answer when it prepared the input whole. */
function whole(answer: PreparedInput | undefined): Extract<PreparedInput, { prepared: unknown }> | undefined {
  return answer && 'prepared' in answer ? answer : undefined;
}

/** JSON turns octets into objects; structured clone keeps them: compare like with like. */
function revive(_key: string, value: unknown): unknown {
  const v = value as { type?: string; data?: number[] } | null;
  if (v && typeof v === 'object' && v.type === 'Buffer' && Array.isArray(v.data)) return new Uint8Array(v.data);
  return value;
}

test('prepareBytes: too large to prepare whole, or broken after a good report', async () => {
  // A gzip that opens to more than 4 MiB is streamed, so it cannot be prepared whole.
  assert.deepEqual(await prepareBytes(gzipSync(report('big', 22_000)), 'big.xml.gz', OPTIONS), { tooLarge: true });
  // More XML than MAX_PREPARED in one input.
  const perRow = report('r', 101).length - report('r', 100).length;
  const huge = report('huge', Math.ceil(MAX_PREPARED / perRow) + 10);
  assert.ok(huge.length > MAX_PREPARED);
  assert.deepEqual(await prepareBytes(huge, 'huge.xml', OPTIONS), { tooLarge: true });
  // A message whose second attachment is a broken gzip: the first report is kept, then why unpacking stopped.
  const message = fixture('two-reports.eml').toString('latin1');
  const broken = await prepareBytes(Buffer.from(message.replace(/H4sI[A-Za-z0-9+/]{8}/, 'H4sIAAAA'), 'latin1'), 'two.eml', OPTIONS);
  assert.ok('leaves' in broken);
  const inline = await withDir(async (dir) => {
    const store = await openReportStore(join(dir, 's.db'));
    try {
      return await ingest(store, { bytes: Buffer.from(message.replace(/H4sI[A-Za-z0-9+/]{8}/, 'H4sIAAAA'), 'latin1'), name: 'two.eml' });
    } finally {
      await store.close();
    }
  });
  assert.equal(broken.leaves.length + (broken.unpackError ? 1 : 0), inline.reports.length);
});

test('the pool hands back what is not a small regular file, and what is pending when it closes', async () => {
  await withDir(async (dir) => {
    const pool = new PreparePool(1);
    try {
      for (let i = 0; i < 200 && !pool.prepareFile(join(FIXTURES, 'yahoo.xml'), 4 << 20, 'y', OPTIONS); i++) await new Promise((r) => setTimeout(r, 10));
      assert.equal(await pool.prepareFile(join(dir, 'missing.xml'), 4 << 20, 'm', OPTIONS), undefined);
      assert.equal(await pool.prepareFile(dir, 4 << 20, 'd', OPTIONS), undefined);
      writeFileSync(join(dir, 'large.xml'), report('large', 100));
      assert.deepEqual(await pool.prepareFile(join(dir, 'large.xml'), 1000, 'l', OPTIONS), { large: true }, 'over maxFile');
      // A stream whose file cannot be opened fails before its first event: ingest then reads the input itself.
      const gone = pool.stream({ path: join(dir, 'missing.xml') }, 'm', OPTIONS);
      assert.ok(gone);
      assert.deepEqual(await gone.next(), { kind: 'fault' });
      assert.deepEqual(await gone.next(), { kind: 'fault' }, 'and stays failed');
      execFileSync('mkfifo', [join(dir, 'fifo')]);
      assert.equal(await pool.prepareFile(join(dir, 'fifo'), 4 << 20, 'f', OPTIONS), undefined, 'a FIFO is not opened');
      const pending = pool.prepare(report('pending', 3000), 'p.xml', OPTIONS);
      assert.ok(pending);
      await pool.close();
      const got = await pending;
      assert.ok(got === undefined || 'leaves' in whole(got)!.prepared);
    } finally {
      await pool.close();
    }
  });
});

/** A message with two attachments: a large gzipped report (streamed) and a small plain one. */
function twoAttachments(big: Buffer, small: Buffer): Buffer {
  const b64 = (x: Buffer): string => x.toString('base64').replace(/.{76}/g, '$&\r\n');
  return Buffer.from(
    [
      'From: reports@reporter.example',
      'To: dmarc@prep.example',
      'Subject: Report domain: prep.example',
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="b1"',
      '',
      '--b1',
      'Content-Type: application/gzip; name="big.xml.gz"',
      'Content-Transfer-Encoding: base64',
      '',
      b64(gzipSync(big)),
      '--b1',
      'Content-Type: text/xml; name="small.xml"',
      'Content-Transfer-Encoding: base64',
      '',
      b64(small),
      '--b1--',
      '',
    ].join('\r\n'),
  );
}

test('large inputs are read and parsed in pieces on the worker: what is stored, skipped as a duplicate, or quarantined is what one thread does', async () => {
  const pool = preparePool()!;
  await warmed(pool);
  let streamed = 0;
  const real = pool.stream.bind(pool);
  pool.stream = (...a) => {
    const s = real(...a);
    if (s) streamed++;
    return s;
  };
  await withDir(async (dir) => {
    const big = report('big', 9000);
    assert.ok(big.length > 4 << 20, 'over the 4 MiB read whole');
    const text = report('broken', 9000).toString('latin1');
    const made: Array<[string, Buffer]> = [
      ['big.xml', big],
      ['big-gz.xml.gz', gzipSync(report('big-gz', 9000))],
      ['big-zip.zip', Buffer.from(zipSync({ 'dir/big-zip.xml': report('big-zip', 9000) }))],
      ['again.xml', big],
      ['small-after.xml', report('small-after', 20)],
      ['broken.xml', Buffer.from(text.slice(0, text.length - 200), 'latin1')],
      ['mail.eml', twoAttachments(report('in-mail', 9000), report('in-mail-small', 5))],
      ['last.xml', report('last', 9100)],
    ];
    const files: FileInput[] = made.map(([name, bytes]) => {
      writeFileSync(join(dir, name), bytes);
      return { path: join(dir, name), origin: `file:${name}` };
    });
    const one = await openReportStore(join(dir, 'one.db'));
    const many = await openReportStore(join(dir, 'many.db'));
    try {
      const expected = [];
      for (const f of files) expected.push(await ingest(one, { bytes: readFileSync(f.path), name: f.path.split('/').pop()!, origin: f.origin }, NOW));
      const outcomes = await collect(ingestMany(many, files, NOW));
      assert.deepEqual(
        outcomes.map((o) => ('summary' in o ? o.summary : o.error)),
        expected,
      );
      assert.deepEqual(
        expected.map((s) => s.reports.map((r) => r.status).join()),
        ['stored', 'stored', 'stored', 'duplicate', 'stored', 'quarantined', 'stored,stored', 'stored'],
      );
      assert.ok(streamed >= 4, `${streamed} inputs were streamed on the worker`);
      assert.deepEqual(await dump(many), await dump(one));
    } finally {
      await Promise.all([one.close(), many.close()]);
    }
  });
});
