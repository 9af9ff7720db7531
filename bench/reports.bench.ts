// DMARC report ingest: records/s into SQLite from generated report files (small and large), as
// `inkan reports import DIR` reads them, and peak RSS while one 500 MB report streams from a file (in a child
// process, so the baseline is clean).
// Child: node build/bench/reports.bench.js --memory-child --mb=500
import { execFile } from 'node:child_process';
import { createReadStream, createWriteStream, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { zipSync } from 'fflate';
import { DEFAULT_AGGREGATE_LIMITS } from '../src/reports/aggregate.js';
import { ingest, ingestMany, ingestStream, type FileInput } from '../src/reports/ingest.js';
import { readWhole, type ParsedAggregate } from '../src/reports/prepare.js';
import { parsedRows } from '../src/reports/rows.js';
import { once } from '../src/reports/unpack.js';
import { openReportStore } from '../src/reports/store/open.js';
import type { ReportStore } from '../src/reports/store/store.js';
import { aggregateXml, recordXml, reportHead, type RowSpec } from '../test/reports/make.js';

/** The targets. */
export const REPORT_TARGETS = { recordsPerSecond: 100_000, peakRss: 256 * 1024 * 1024 };

/** Records per second of wall time, and per second of this process's CPU time (what a busy machine hides). */
export interface Throughput {
  reports: number;
  records: number;
  recordsPerSecond: number;
  recordsPerCpuSecond: number;
}

/** What the ingest bench measured. */
export interface ReportBenchFigures {
  /** Small report files, as mailbox providers send them (.zip, .xml.gz, .xml), imported as `inkan reports import` does. */
  small: Throughput;
  /** The same files with every input prepared on the main thread (`workers: false`): what one core does. */
  smallOneThread: Throughput;
  /** The same reports already parsed, only written: the ceiling of a single writer thread on this machine. */
  smallWritesOnly: Throughput;
  /** The same reports as plain XML held in memory (the library's ingestMany on buffers). */
  smallInMemory: Throughput;
  /** Small reports each awaited before the next: one commit each (what fetch and receive do). */
  smallOneByOne: Throughput;
  large: Throughput;
  largeOneThread: Throughput;
  memory?: { megabytes: number; records: number; peakRss: number; baseline: number; seconds: number };
}

const DOMAIN = 'bench.example.jp';

/** A realistic mix: mostly aligned mail from a few ESPs, some forwarding, some spoofing. */
function row(i: number): RowSpec {
  const ip = `${10 + (i % 200)}.${(i >> 8) & 255}.${(i >> 3) & 255}.${i & 255}`;
  switch (i % 10) {
    case 0:
      return { ip, count: 1 + (i % 13), disposition: 'none', dkim: 'fail', spf: 'fail', headerFrom: DOMAIN, envelopeFrom: 'spoof.example', spfAuth: [{ domain: 'spoof.example', result: 'softfail' }] };
    case 1:
      return { ip, count: 2, dkim: 'pass', spf: 'fail', headerFrom: DOMAIN, envelopeFrom: 'lists.example.org', dkimAuth: [{ domain: DOMAIN, selector: 's1', result: 'pass' }], spfAuth: [{ domain: 'lists.example.org', result: 'pass' }] };
    default:
      return { ip, count: 1 + (i % 50), headerFrom: DOMAIN, envelopeFrom: DOMAIN, dkimAuth: [{ domain: DOMAIN, selector: 'google', result: 'pass' }], spfAuth: [{ domain: DOMAIN, result: 'pass' }] };
  }
}

function report(id: string, rows: number, offset: number): Buffer {
  return Buffer.from(aggregateXml({ orgName: 'google.com', reportId: id, begin: 1764460800, end: 1764547199, domain: DOMAIN, rows: Array.from({ length: rows }, (_, i) => row(offset + i)) }));
}

/** The report files of a mailbox: Google sends .zip, Microsoft and most others .xml.gz, a few plain .xml. */
function writeFiles(dir: string, reports: Buffer[]): FileInput[] {
  mkdirSync(dir, { recursive: true });
  return reports.map((xml, i) => {
    const kind = i % 5;
    const path = join(dir, `report-${i}.${kind < 2 ? 'zip' : kind < 4 ? 'xml.gz' : 'xml'}`);
    writeFileSync(path, kind < 2 ? zipSync({ [`report-${i}.xml`]: xml }) : kind < 4 ? gzipSync(xml) : xml);
    return { path };
  });
}

/** Write reports already parsed, all handed to the writer at once: what the one writing thread can do at most. */
async function writeOnly(store: ReportStore, reports: readonly ParsedAggregate[]): Promise<number> {
  let records = 0;
  await Promise.all(
    reports.map((r) =>
      store.writer.transaction(async (tx) => {
        const { metadata, policy } = r.header;
        const ref = await tx.insertReport({ kind: 'aggregate', org_name: metadata.orgName, report_id: metadata.reportId, domain: policy.domain, email: null, date_begin: metadata.dateBegin, date_end: metadata.dateEnd, policy: JSON.stringify(policy), meta: '{}', record_count: r.rows.count, message_count: r.rows.messages, origin: null, stored_at: 0 });
        await tx.insertRecords(ref!, r.rows);
        records += r.rows.count;
      }),
    ),
  );
  return records;
}

/**
 * One timed pass: every input into a fresh store, as `inkan reports import` does (ingestMany: several inputs at
 * once, their reports sharing commits), or `oneByOne`, each awaited before the next (fetch and receive), or
 * `parsed`: the writes alone.
 */
async function pass(path: string, v: Pick<Variant, 'oneByOne' | 'workers' | 'parsed'>, inputs: Array<Buffer | FileInput>): Promise<Throughput> {
  const { oneByOne = false, workers = true } = v;
  const store = await openReportStore(path);
  let records = 0;
  const start = performance.now();
  const cpu = process.cpuUsage();
  if (v.parsed) records = await writeOnly(store, v.parsed);
  else if (oneByOne) {
    for (const input of inputs) records += (await ingest(store, { bytes: input as Buffer })).reports[0]?.records ?? 0;
  } else {
    for await (const outcome of ingestMany(store, inputs.map((input) => (Buffer.isBuffer(input) ? { bytes: input } : input)), { workers })) {
      if ('error' in outcome) throw outcome.error;
      records += outcome.summary.reports[0]?.records ?? 0;
    }
  }
  const seconds = (performance.now() - start) / 1000;
  const used = process.cpuUsage(cpu);
  await store.close();
  return { reports: v.parsed?.length ?? inputs.length, records, recordsPerSecond: records / seconds, recordsPerCpuSecond: records / ((used.user + used.system) / 1e6) };
}

/** Untimed warm-up: passes until this long has gone by (a 400-report pass is too short for the JIT to settle). */
const WARMUP_MS = 1000;

/** One way of ingesting a set of inputs. */
interface Variant {
  name: string;
  inputs: Array<Buffer | FileInput>;
  warmup: Array<Buffer | FileInput>;
  oneByOne?: boolean;
  workers?: boolean;
  /** The reports already parsed: time the writes alone. */
  parsed?: ParsedAggregate[];
}

/**
 * The median pass of each variant over `rounds`, after untimed warm-up passes (the JIT and caches, as the other
 * benches do). Rounds alternate between the variants, so that load that comes and goes falls on each alike.
 */
async function throughput(dir: string, variants: Variant[], rounds: number): Promise<Throughput[]> {
  for (const v of variants) {
    const warming = performance.now();
    for (let i = 0; i === 0 || performance.now() - warming < WARMUP_MS; i++) await pass(join(dir, `${v.name}-warmup-${i}.db`), v, v.warmup);
  }
  const passes: Throughput[][] = variants.map(() => []);
  for (let i = 0; i < rounds; i++) for (const [k, v] of variants.entries()) passes[k]!.push(await pass(join(dir, `${v.name}-${i}.db`), v, v.inputs));
  return passes.map((p) => p.sort((a, b) => a.recordsPerSecond - b.recordsPerSecond)[Math.floor(p.length / 2)]!);
}

/** Write a report of about `megabytes` MB to a file without holding it in memory. */
async function writeBigReport(path: string, megabytes: number): Promise<number> {
  const out = createWriteStream(path);
  const write = (text: string): Promise<void> => new Promise((resolve) => (out.write(text) ? resolve() : out.once('drain', resolve)));
  await write(reportHead({ orgName: 'google.com', reportId: `big-${megabytes}`, begin: 1764460800, end: 1764547199, domain: DOMAIN, rows: [] }));
  let size = 0;
  let rows = 0;
  while (size < megabytes * 1024 * 1024) {
    let chunk = '';
    for (let k = 0; k < 500; k++) chunk += recordXml(row(rows++));
    size += chunk.length;
    await write(chunk);
  }
  await write('</feedback>\n');
  await new Promise<void>((resolve) => out.end(resolve));
  return rows;
}

async function memoryChild(megabytes: number): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'inkan-bench-reports-'));
  try {
    const file = join(dir, 'big.xml');
    const rows = await writeBigReport(file, megabytes);
    const gc = (globalThis as { gc?: () => void }).gc;
    gc?.();
    gc?.();
    const store = await openReportStore(join(dir, 'big.db'));
    const baseline = process.memoryUsage.rss();
    let peak = baseline;
    const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 25);
    const start = performance.now();
    const s = await ingestStream(store, { chunks: createReadStream(file, { highWaterMark: 256 * 1024 }), name: 'big.xml', origin: `file:${file}` }, { onRecords: () => void (peak = Math.max(peak, process.memoryUsage.rss())) });
    const seconds = (performance.now() - start) / 1000;
    clearInterval(timer);
    await store.close();
    const records = s.reports[0]?.records ?? 0;
    if (records !== rows) throw new Error(`stored ${records} of ${rows} rows: ${JSON.stringify(s.reports)}`);
    console.log(JSON.stringify({ megabytes, records, peakRss: peak, baseline, seconds }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const mib = (n: number): string => `${(n / 1024 / 1024).toFixed(0)} MiB`;
const n = (x: number): string => Math.round(x).toLocaleString('en-US');

/** Run the report-ingest bench and print its figures against the targets. */
export async function benchReports(options: { quick?: boolean } = {}): Promise<ReportBenchFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'inkan-bench-reports-'));
  try {
    const smallCount = options.quick ? 100 : 400;
    const small = Array.from({ length: smallCount }, (_, i) => report(`small-${i}`, 25 + (i % 50), i * 100));
    const smallFiles = writeFiles(join(dir, 'small'), small);
    const rounds = options.quick ? 3 : 7;
    console.log(`\nDMARC report ingest into SQLite (target ≥ ${n(REPORT_TARGETS.recordsPerSecond)} records/s; median of ${rounds} passes, the variants alternating, after ${WARMUP_MS / 1000} s of warm-up each)`);
    const parsed = await Promise.all(small.map(async (xml) => (await readWhole(parsedRows({ kind: 'aggregate', bytes: xml, chunks: once(xml) }, DEFAULT_AGGREGATE_LIMITS, 0))).report));
    const [smallFig, oneThread, inMemory, oneByOne, writes] = (await throughput(
      dir,
      [
        { name: 'small', inputs: smallFiles, warmup: smallFiles },
        { name: 'thread', inputs: smallFiles, warmup: smallFiles, workers: false },
        { name: 'memory', inputs: small, warmup: small },
        { name: 'one', inputs: small, warmup: small, oneByOne: true },
        { name: 'writes', inputs: [], warmup: [], parsed },
      ],
      rounds,
    )) as [Throughput, Throughput, Throughput, Throughput, Throughput];
    console.log(`  small report files  ${smallFig.reports} files (2/5 .zip, 2/5 .xml.gz, 1/5 .xml), ${n(smallFig.records)} records, as \`inkan reports import DIR\`: ${n(smallFig.recordsPerSecond)} records/s (${n(smallFig.recordsPerCpuSecond)} per CPU second, all threads)`);
    console.log(`    on one thread     the same files, no worker threads (workers: false): ${n(oneThread.recordsPerSecond)} records/s (${n(oneThread.recordsPerCpuSecond)} per CPU second); workers give ${(smallFig.recordsPerSecond / oneThread.recordsPerSecond).toFixed(2)}×`);
    console.log(`    held in memory    the same reports as XML buffers (ingestMany): ${n(inMemory.recordsPerSecond)} records/s (${n(inMemory.recordsPerCpuSecond)} per CPU second)`);
    console.log(`    one by one        each awaited before the next, one commit each (fetch, receive): ${n(oneByOne.recordsPerSecond)} records/s (${n(oneByOne.recordsPerCpuSecond)} per CPU second)`);
    console.log(`    writes alone      the same reports already parsed, into SQLite (the ceiling of one writing thread): ${n(writes.recordsPerSecond)} records/s; the files reach ${Math.round((100 * smallFig.recordsPerSecond) / writes.recordsPerSecond)} % of it`);
    // Built after the small passes, so that making them (hundreds of MB of garbage) does not run the collector during those.
    const largeFiles = writeFiles(join(dir, 'large'), Array.from({ length: options.quick ? 2 : 5 }, (_, i) => report(`large-${i}`, 40_000, i * 40_000)));
    const largeWarmup = writeFiles(join(dir, 'large-warmup'), [report('large-warmup', 40_000, 0)]);
    const [largeFig, largeOneThread] = (await throughput(
      dir,
      [
        { name: 'large', inputs: largeFiles, warmup: largeWarmup },
        { name: 'large-thread', inputs: largeFiles, warmup: largeWarmup, workers: false },
      ],
      rounds,
    )) as [Throughput, Throughput];
    console.log(`  large report files  ${largeFig.reports} files of 40,000 rows, ${n(largeFig.records)} records, read and parsed in pieces on a worker: ${n(largeFig.recordsPerSecond)} records/s (${n(largeFig.recordsPerCpuSecond)} per CPU second, all threads)`);
    console.log(`    on one thread     the same files (workers: false): ${n(largeOneThread.recordsPerSecond)} records/s (${n(largeOneThread.recordsPerCpuSecond)} per CPU second); workers give ${(largeFig.recordsPerSecond / largeOneThread.recordsPerSecond).toFixed(2)}×`);
    const figures: ReportBenchFigures = { small: smallFig, smallOneThread: oneThread, smallWritesOnly: writes, smallInMemory: inMemory, smallOneByOne: oneByOne, large: largeFig, largeOneThread };
    const megabytes = options.quick ? 100 : 500;
    try {
      const child = fileURLToPath(import.meta.url);
      const { stdout } = await promisify(execFile)(process.execPath, ['--expose-gc', child, '--memory-child', `--mb=${megabytes}`], { timeout: 1_800_000, maxBuffer: 1 << 20 });
      figures.memory = JSON.parse(stdout.trim().split('\n').pop()!) as NonNullable<ReportBenchFigures['memory']>;
      const m = figures.memory;
      console.log(`  one ${megabytes} MB report streamed from a file: ${n(m.records)} records in ${m.seconds.toFixed(1)} s (${n(m.records / m.seconds)} records/s), peak RSS ${mib(m.peakRss)} (baseline ${mib(m.baseline)}; target < ${mib(REPORT_TARGETS.peakRss)}, ${m.peakRss < REPORT_TARGETS.peakRss ? 'met' : 'NOT met'})`);
    } catch (err) {
      console.log(`  memory child failed: ${(err as Error).message.split('\n')[0]}`);
    }
    return figures;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv.includes('--memory-child')) {
  await memoryChild(Number(process.argv.find((a) => a.startsWith('--mb='))?.slice(5) ?? '500'));
} else if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await benchReports({ quick: process.argv.includes('--quick') });
}
