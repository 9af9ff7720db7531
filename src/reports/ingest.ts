import { createHash } from 'node:crypto';
import { close as fsClose, createReadStream, fstat, open as fsOpen, read, type ReadStream } from 'node:fs';
import { basename } from 'node:path';
import { TextDecoder } from 'node:util';
import { AggregateError, DEFAULT_AGGREGATE_LIMITS, type AggregateLimits } from './aggregate.js';
import { parseTlsReport } from './tlsrpt.js';
import type { AggregateHeader, FailureReport, ReportKind } from './types.js';
import { prepareBytes, type ParsedAggregate, type Prepared, type PreparedLeaf, type PrepareOptions } from './prepare.js';
import { preparePool, type RemoteStream, type StreamEvent } from './prepare-pool.js';
import { pack } from './report-text.js';
import { parsedRows, type RowSource } from './rows.js';
import { DEFAULT_UNPACK_LIMITS, once, UnpackError, unpack, unpackBytes, type Leaf, type UnpackErrorCode, type UnpackLimits } from './unpack.js';
import type { ReportStore } from './store/store.js';
import type { NewReport, ReportKey, ReportTransaction } from './store/writer.js';

/** One input as received: a file, an attachment-bearing message, stdin bytes. */
export interface IngestInput {
  bytes: Uint8Array;
  /** File or attachment name, a hint for the format (`.xml.gz`, `.zip`, `.eml`). */
  name?: string;
  /** Where it came from: "file:...", "imap://host/INBOX;UID=5", "smtp:...". */
  origin?: string;
}

/** What happened to one report found in an input. */
export interface IngestedReport {
  status: 'stored' | 'duplicate' | 'quarantined';
  kind: ReportKind;
  reportId?: string;
  orgName?: string;
  domain?: string;
  /** Why it was quarantined (a code such as `xml-doctype`, `missing-report-id`, `bad-gzip`). */
  reason?: string;
  /** Rows stored (aggregate reports). */
  records?: number;
}

/** What one input produced: counters named as the issue says. */
export interface IngestSummary {
  stored: number;
  duplicates: number;
  quarantined: number;
  reports: IngestedReport[];
}

/** Options of one ingest. */
export interface IngestOptions {
  /** The time recorded as "stored at" (default: now). */
  now?: Date;
  /** Caps on unpacking and parsing (defaults: DEFAULT_UNPACK_LIMITS, DEFAULT_AGGREGATE_LIMITS). */
  unpackLimits?: UnpackLimits;
  aggregateLimits?: AggregateLimits;
  /** Keep each report's own octets (gzip) in report_raw when it is at most this large (default 16 MiB; 0 turns it off). */
  keepRawUpTo?: number;
  /** Called after each batch of rows is written (progress bars). */
  onRecords?: (count: number) => void;
  /**
   * ingestMany: prepare inputs (read, unpack, parse) on worker threads while this thread writes others (default
   * true; there are none on one core, or with INKAN_WORKERS=0).
   */
  workers?: boolean;
}

/** The metadata of a streamed input. */
export interface StreamInput {
  chunks: AsyncIterable<Uint8Array>;
  name?: string;
  origin?: string;
}

/** A file to ingest: read whole when small, streamed when large (ingestFile). */
export interface FileInput {
  path: string;
  /** Default: the file's base name. */
  name?: string;
  /** Default: `file:` and the path. */
  origin?: string;
}

/** Files up to this size are read whole: a report in memory is unpacked and parsed without stream machinery. */
const FILE_IN_MEMORY = 4 * 1024 * 1024;

/** Largest input kept whole in the quarantine table (a larger one keeps its origin only). */
const QUARANTINE_RAW_MAX = 16 * 1024 * 1024;
const DEFAULT_KEEP_RAW = 16 * 1024 * 1024;

/** A report key clash with a concurrent writer is a duplicate, not an error. */
function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: string; message?: string };
  return err?.code === '23505' || err?.code === 'SQLITE_CONSTRAINT_UNIQUE' || /UNIQUE constraint failed/.test(err?.message ?? '');
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Outcome of storing one leaf; `duplicate` also when a concurrent writer won. */
type Stored = { status: 'stored' | 'duplicate'; records?: number };

/** What the report row says besides the header: versions, extra contact, generator, errors and warnings. */
function metaJson(final: AggregateHeader, warnings: readonly string[]): string {
  const meta: Record<string, unknown> = {};
  if (final.version) meta['version'] = final.version;
  if (final.namespace) meta['namespace'] = final.namespace;
  if (final.metadata.extraContactInfo) meta['extraContactInfo'] = final.metadata.extraContactInfo;
  if (final.metadata.generator) meta['generator'] = final.metadata.generator;
  if (final.metadata.errors.length) meta['errors'] = final.metadata.errors;
  if (warnings.length) meta['warnings'] = warnings;
  return JSON.stringify(meta);
}

/**
 * How a report goes to the writer: `arrived` once it is handed to the writer (the announcement of willWrite ends),
 * `wrote` once its writes are done, before their commit (ingestMany then reads another input).
 */
interface Handoff {
  arrived(): void;
  wrote(): void;
}

/** The `reports` row of an aggregate report. */
function reportRow(header: AggregateHeader, origin: string | undefined, now: number, policyJson: string, meta: string, recordCount: number, messages: number): NewReport {
  const { metadata } = header;
  return {
    kind: 'aggregate',
    org_name: metadata.orgName,
    report_id: metadata.reportId,
    domain: header.policy.domain,
    email: metadata.email ?? null,
    date_begin: metadata.dateBegin,
    date_end: metadata.dateEnd,
    policy: policyJson,
    meta,
    record_count: recordCount,
    message_count: messages,
    origin: origin ?? null,
    stored_at: now,
  };
}

/** Write a report parsed whole: its row with the final counts, its records, its raw octets. */
function writeWhole(store: ReportStore, handoff: Handoff, report: ParsedAggregate, packed: Uint8Array | undefined, origin: string | undefined, now: number, options: IngestOptions): Promise<Stored> {
  const { header, rows } = report;
  return write(store, handoff, async (tx) => {
    const ref = await tx.insertReport(reportRow(header, origin, now, JSON.stringify(header.policy), metaJson(header, report.warnings), rows.count, rows.messages));
    if (ref === undefined) return { status: 'duplicate' as const };
    if (rows.count) {
      await tx.insertRecords(ref, rows);
      options.onRecords?.(rows.count);
    }
    if (packed) await tx.insertRaw(ref, packed);
    return { status: 'stored' as const, records: rows.count };
  });
}

/**
 * Store one aggregate report atomically (see ReportWriter). The first BATCH rows are read before it begins: a report that
 * ends within them (most reports) is written whole, with its final counts; a larger one streams its rows in.
 */
async function storeAggregate(store: ReportStore, source: RowSource, origin: string | undefined, options: IngestOptions, handoff: Handoff, ids: { header?: AggregateHeader }): Promise<Stored> {
  const now = Math.floor((options.now ?? new Date()).getTime() / 1000);
  // Parse errors of a report read whole surface here, before any transaction.
  const begun = await source.begin();
  const { header } = begun;
  ids.header = header;
  if (begun.whole) return writeWhole(store, handoff, begun.whole, begun.packed, origin, now, options);

  return write(store, handoff, async (tx) => {
    const ref = await tx.insertReport(reportRow(header, origin, now, JSON.stringify(header.policy), '{}', 0, 0));
    if (ref === undefined) {
      source.cancel();
      return { status: 'duplicate' as const };
    }
    let records = 0;
    let messages = 0;
    for (let rows = await source.next(); rows; rows = await source.next()) {
      await tx.insertRecords(ref, rows);
      records += rows.count;
      messages += rows.messages;
      options.onRecords?.(rows.count);
    }
    const final = await source.end();
    await tx.finishReport(ref, { record_count: records, message_count: messages, meta: metaJson(final.header, final.warnings), policy: JSON.stringify(final.header.policy) });
    if (final.packed) await tx.insertRaw(ref, final.packed);
    return { status: 'stored' as const, records };
  });
}

/** Hand a report to the writer, then tell it the report announced as coming has arrived. */
function write<T>(store: ReportStore, handoff: Handoff, body: (tx: ReportTransaction) => Promise<T>): Promise<T> {
  const committed = store.writer.transaction(async (tx) => {
    try {
      return await body(tx);
    } finally {
      handoff.wrote();
    }
  });
  handoff.arrived();
  return committed;
}

/** Store a report that is one JSON or one message (TLS, failure), atomically. */
async function storeSingle(store: ReportStore, key: ReportKey, row: { begin: number; end: number; meta: unknown; messages: number; raw: Uint8Array }, origin: string | undefined, options: IngestOptions, handoff: Handoff): Promise<Stored> {
  const now = Math.floor((options.now ?? new Date()).getTime() / 1000);
  const packed = (options.keepRawUpTo ?? DEFAULT_KEEP_RAW) >= row.raw.length ? pack(row.raw) : undefined;
  return write(store, handoff, async (tx) => {
    const ref = await tx.insertReport({
      kind: key.kind,
      org_name: key.orgName,
      report_id: key.reportId,
      domain: key.domain,
      email: null,
      date_begin: row.begin,
      date_end: row.end,
      policy: null,
      meta: JSON.stringify(row.meta),
      record_count: 0,
      message_count: row.messages,
      origin: origin ?? null,
      stored_at: now,
    });
    if (ref === undefined) return { status: 'duplicate' as const };
    if (packed) await tx.insertRaw(ref, packed);
    return { status: 'stored' as const };
  });
}

function failureKey(report: FailureReport, bytes: Uint8Array, now: number): { key: ReportKey; time: number } {
  const arrival = report.arrivalDate ? Date.parse(report.arrivalDate) : NaN;
  return {
    key: { kind: 'failure', orgName: report.reporter ?? report.reportingMta ?? '', reportId: report.messageId ?? `sha256:${sha256(bytes)}`, domain: report.reportedDomain ?? '' },
    time: Number.isFinite(arrival) ? Math.floor(arrival / 1000) : now,
  };
}

/** Store one leaf. */
async function storeLeaf(store: ReportStore, leaf: Leaf | PreparedLeaf | RemoteLeaf, origin: string | undefined, options: IngestOptions, handoff: Handoff): Promise<IngestedReport> {
  const now = Math.floor((options.now ?? new Date()).getTime() / 1000);
  switch (leaf.kind) {
    case 'prepared': {
      if ('error' in leaf) return { status: 'quarantined', kind: 'aggregate', reason: leaf.error };
      const { metadata, policy } = leaf.report.header;
      const ids = { reportId: metadata.reportId, orgName: metadata.orgName, domain: policy.domain };
      try {
        const result = await writeWhole(store, handoff, leaf.report, leaf.packed, origin, now, options);
        return { status: result.status, kind: 'aggregate', ...ids, ...(result.records !== undefined ? { records: result.records } : {}) };
      } catch (e) {
        if (isUniqueViolation(e)) return { status: 'duplicate', kind: 'aggregate', ...ids };
        throw e;
      }
    }
    case 'aggregate':
    case 'remote': {
      const source = leaf.kind === 'remote' ? leaf.source : parsedRows(leaf, options.aggregateLimits ?? DEFAULT_AGGREGATE_LIMITS, options.keepRawUpTo ?? DEFAULT_KEEP_RAW);
      const ids: { header?: AggregateHeader } = {};
      const describe = (): Pick<IngestedReport, 'reportId' | 'orgName' | 'domain'> =>
        ids.header ? { reportId: ids.header.metadata.reportId, orgName: ids.header.metadata.orgName, domain: ids.header.policy.domain } : {};
      try {
        const result = await storeAggregate(store, source, origin, options, handoff, ids);
        return { status: result.status, kind: 'aggregate', ...describe(), ...(result.records !== undefined ? { records: result.records } : {}) };
      } catch (e) {
        if (e instanceof AggregateError || e instanceof UnpackError) return { status: 'quarantined', kind: 'aggregate', ...describe(), reason: e.code };
        if (isUniqueViolation(e)) return { status: 'duplicate', kind: 'aggregate', ...describe() };
        throw e;
      }
    }
    case 'tlsrpt': {
      const parsed = parseTlsReport(new TextDecoder().decode(leaf.bytes));
      if (!parsed.ok) return { status: 'quarantined', kind: 'tlsrpt', reason: `tlsrpt-${parsed.error}` };
      const r = parsed.report;
      const domain = r.policies[0]!.policyDomain;
      const ids = { reportId: r.reportId, orgName: r.organizationName, domain };
      const messages = r.policies.reduce((n, p) => n + p.successful + p.failed, 0);
      try {
        const result = await storeSingle(store, { kind: 'tlsrpt', orgName: r.organizationName, reportId: r.reportId, domain }, { begin: r.dateBegin, end: r.dateEnd, meta: r, messages, raw: leaf.bytes }, origin, options, handoff);
        return { status: result.status, kind: 'tlsrpt', ...ids };
      } catch (e) {
        if (isUniqueViolation(e)) return { status: 'duplicate', kind: 'tlsrpt', ...ids };
        throw e;
      }
    }
    case 'failure': {
      const { key, time } = failureKey(leaf.report, leaf.bytes, now);
      const ids = { reportId: key.reportId, orgName: key.orgName, domain: key.domain };
      try {
        const result = await storeSingle(store, key, { begin: time, end: time, meta: leaf.report, messages: 1, raw: leaf.bytes }, origin, options, handoff);
        return { status: result.status, kind: 'failure', ...ids };
      } catch (e) {
        if (isUniqueViolation(e)) return { status: 'duplicate', kind: 'failure', ...ids };
        throw e;
      }
    }
    case 'unknown':
      return { status: 'quarantined', kind: 'aggregate', reason: leaf.reason };
  }
}

/** Keep an input that could not (wholly) be stored, once per distinct content. */
async function quarantine(store: ReportStore, raw: Uint8Array | undefined, rawSize: number, input: { name?: string; origin?: string }, reason: string, now: number): Promise<void> {
  const digest = raw ? sha256(raw) : `origin:${sha256(Buffer.from(`${input.origin ?? ''}|${input.name ?? ''}|${rawSize}`))}`;
  await store.db
    .insertInto('quarantine')
    .values({ sha256: digest, received_at: now, origin: input.origin ?? null, name: input.name ?? null, reason, raw: raw ?? null, raw_size: rawSize, attempts: 1 })
    .onConflict((oc) => oc.column('sha256').doUpdateSet((eb) => ({ reason, attempts: eb('quarantine.attempts', '+', 1) })))
    .execute();
}

/** Stream an input through the unpacker, keeping a copy (when small enough) for the quarantine. */
async function* tee(chunks: AsyncIterable<Uint8Array>, copy: { parts?: Uint8Array[]; size: number }): AsyncIterable<Uint8Array> {
  for await (const c of chunks) {
    copy.size += c.length;
    if (copy.parts) {
      if (copy.size > QUARANTINE_RAW_MAX) delete copy.parts;
      else copy.parts.push(c);
    }
    yield c;
  }
}

/** How ingestMany runs one input: prepared on a worker thread when one is free, and told when its writes are done. */
interface Running {
  parallel?: boolean;
  /** Settled when the input before this one is written: inputs are written in order, so the first copy of a report is the one stored. */
  turn?: Promise<void>;
  /** Called once every report of the input is written (or the input failed), before the commit. */
  written?: () => void;
}

/** What the worker threads need of the options. */
function prepareOptions(options: IngestOptions): PrepareOptions {
  return { unpackLimits: options.unpackLimits ?? DEFAULT_UNPACK_LIMITS, aggregateLimits: options.aggregateLimits ?? DEFAULT_AGGREGATE_LIMITS, keepRawUpTo: options.keepRawUpTo ?? DEFAULT_KEEP_RAW };
}

const ignore = (): void => undefined;

/**
 * Prepare an input held in memory before its turn to be written comes: on a worker when one has room, else here
 * (this thread would otherwise wait for the inputs before it).
 */
async function prepareAhead(raw: Uint8Array, name: string | undefined, options: IngestOptions): Promise<Prepared> {
  const given = prepareOptions(options);
  const sent = await preparePool()?.prepare(raw, name, given);
  return sent && 'prepared' in sent ? sent.prepared : prepareBytes(raw, name, given);
}

/** A report a worker reads and parses, given to storeLeaf. */
interface RemoteLeaf {
  kind: 'remote';
  source: RowSource;
}

/** The rows of a report a worker parses, from its events (the `begin` event given). */
function remoteRows(remote: RemoteStream, begun: Extract<StreamEvent, { kind: 'begin' }>['begun']): RowSource {
  let rowsDone = false;
  const take = async (): Promise<StreamEvent> => {
    const event = await remote.next();
    if (event.kind === 'aggregateError') throw new AggregateError(event.code);
    if (event.kind === 'fault') throw new Error('the report worker thread failed');
    return event;
  };
  const unexpected = (event: StreamEvent): Error => new Error(`report worker: ${event.kind} out of order`);
  return {
    begin: () => Promise.resolve(begun),
    async next() {
      if (rowsDone) return undefined;
      const event = await take();
      if (event.kind === 'rows') return event.rows;
      if (event.kind !== 'rowsEnd') throw unexpected(event);
      rowsDone = true;
      return undefined;
    },
    async end() {
      const event = await take();
      if (event.kind !== 'end') throw unexpected(event);
      return event.ended;
    },
    cancel: () => remote.skip(),
  };
}

/**
 * Hand on the reports of an input a worker reads and parses; resolves, at its end, to why unpacking stopped, if
 * it did; `started: false` when the worker failed before it gave anything (the caller reads the input itself).
 */
async function fromRemote(remote: RemoteStream, hand: (leaf: Leaf | PreparedLeaf | RemoteLeaf) => Promise<void>): Promise<{ started: boolean; stopped?: UnpackErrorCode }> {
  let stopped: UnpackErrorCode | undefined;
  // Reports are numbered; events of a report already begun that its reader did not take (it was a duplicate, or its
  // writes failed) are passed over.
  let begun = -1;
  let first = true;
  for (let event = await remote.next(); event.kind !== 'done'; event = await remote.next(), first = false) {
    if (event.kind === 'fault') {
      if (first) return { started: false };
      throw new Error('the report worker thread failed');
    }
    if (event.kind === 'unpackError') stopped = event.code;
    else if (event.kind === 'leaf') await hand(event.leaf);
    else if (event.kind === 'begin') {
      begun = event.report;
      await hand({ kind: 'remote', source: remoteRows(remote, event.begun) });
    } else if (event.kind === 'aggregateError' && event.report > begun) await hand({ kind: 'prepared', error: event.code });
  }
  return stopped ? { started: true, stopped } : { started: true };
}

/** What a worker did with an input before ingestInput: prepared it whole, or reads and parses it (`remote`). */
type FromWorker = { prepared: Prepared; bytes?: Uint8Array } | { remote: RemoteStream };

/**
 * ingestStream, and ingest when `raw` holds the input, or a worker has prepared it or reads it (`from`; the octets
 * are then in `raw` only if the quarantine needs them, else read again from `input.chunks`).
 */
async function ingestInput(store: ReportStore, input: StreamInput, options: IngestOptions, raw: Uint8Array | undefined, running: Running, from?: FromWorker): Promise<IngestSummary> {
  const copy: { parts?: Uint8Array[]; size: number } = raw ? { size: 0 } : { parts: [], size: 0 };
  const stored: Array<Promise<IngestedReport>> = [];
  let stopped: UnpackErrorCode | undefined;
  // The writer holds an idle batch open for the report this input is about to give (see ReportWriter.willWrite).
  let arrived = store.writer.willWrite();
  // Each report is handed on once the one before it is written, not committed: an input's reports share commits too.
  const hand = async (leaf: Leaf | PreparedLeaf | RemoteLeaf): Promise<void> => {
    if (running.turn) await running.turn;
    let wrote = ignore;
    const written = new Promise<void>((resolve) => (wrote = resolve));
    const result = storeLeaf(store, leaf, input.origin, options, { arrived, wrote });
    stored.push(result);
    await Promise.race([written, result.then(ignore, ignore)]);
    arrived();
    arrived = store.writer.willWrite();
  };
  try {
    const prepared = from && 'prepared' in from ? from.prepared : raw && running.parallel ? await prepareAhead(raw, input.name, options) : undefined;
    // Too large to prepare whole: read and parsed in pieces on a worker when one has room.
    const remote = from && 'remote' in from ? from.remote : raw && prepared && 'tooLarge' in prepared ? preparePool()?.stream({ bytes: raw }, input.name, prepareOptions(options)) : undefined;
    const streamed = remote ? await fromRemote(remote, hand) : undefined;
    if (streamed?.started) stopped = streamed.stopped;
    else if (prepared && 'leaves' in prepared) {
      for (const leaf of prepared.leaves) await hand(leaf);
      stopped = prepared.unpackError;
    } else {
      // An input held in memory is unpacked in memory: no stream machinery for the commonest inputs.
      const limits = options.unpackLimits ?? DEFAULT_UNPACK_LIMITS;
      for await (const leaf of raw ? unpackBytes(raw, input.name, limits) : unpack(tee(input.chunks, copy), input.name, limits)) await hand(leaf);
    }
  } catch (e) {
    if (!(e instanceof UnpackError)) {
      await Promise.allSettled(stored);
      throw e;
    }
    stopped = e.code;
  } finally {
    arrived();
    running.written?.();
  }
  const summary: IngestSummary = { stored: 0, duplicates: 0, quarantined: 0, reports: await Promise.all(stored) };
  if (stopped) summary.reports.push({ status: 'quarantined', kind: 'aggregate', reason: stopped });
  const reasons: string[] = [];
  for (const r of summary.reports) {
    if (r.status === 'stored') summary.stored++;
    else if (r.status === 'duplicate') summary.duplicates++;
    else {
      summary.quarantined++;
      reasons.push(r.reason ?? 'unknown');
    }
  }
  if (reasons.length) {
    // Read what was left so the quarantined copy is whole.
    if (!raw && copy.parts) for await (const _ of tee(input.chunks, copy)) void _;
    const kept = raw ?? (copy.parts ? Buffer.concat(copy.parts) : undefined);
    const now = Math.floor((options.now ?? new Date()).getTime() / 1000);
    await quarantine(store, kept, raw ? raw.length : copy.size, input, [...new Set(reasons)].join(', '), now);
  }
  return summary;
}

/** Parse and store everything in a streamed input (a large file); each report atomic, resolved once committed; never throws for bad input. */
export function ingestStream(store: ReportStore, input: StreamInput, options: IngestOptions = {}): Promise<IngestSummary> {
  return ingestInput(store, input, options, undefined, {});
}

/** Parse and store everything in one input; each report atomic, resolved once committed; never throws for bad input. */
export function ingest(store: ReportStore, input: IngestInput, options: IngestOptions = {}): Promise<IngestSummary> {
  return ingestBytes(store, input, options, {});
}

function ingestBytes(store: ReportStore, input: IngestInput, options: IngestOptions, running: Running): Promise<IngestSummary> {
  const { bytes, name, origin } = input;
  return ingestInput(store, { chunks: once(bytes), ...(name !== undefined ? { name } : {}), ...(origin !== undefined ? { origin } : {}) }, options, bytes, running);
}

/** What ingestMany tells of one input: its summary, or the error that stopped it (an unreadable file). */
export type IngestOutcome<T> = { input: T; summary: IngestSummary } | { input: T; error: unknown };

/** Inputs ingestMany reads, parses and writes at once by default. */
const CONCURRENCY = 16;
/** Inputs written and waiting for their commit, at most, before ingestMany waits for the oldest. */
const MAX_UNCOMMITTED = 256;

/**
 * Ingest many inputs, `concurrency` at a time, so that on SQLite their reports share commits (group commit) and,
 * on two cores or more, inputs are parsed on worker threads while others are written. Outcomes come in input
 * order, each once every report of its input is committed; inputs are taken from `inputs` only as room frees up
 * (a generator can open each file when it is its turn). An input takes room until its reports are written; the
 * commit is not waited for.
 */
export async function* ingestMany<T extends IngestInput | StreamInput | FileInput>(store: ReportStore, inputs: Iterable<T> | AsyncIterable<T>, options: IngestOptions = {}, concurrency = CONCURRENCY): AsyncGenerator<IngestOutcome<T>> {
  const room = Math.max(1, concurrency);
  const queue: Array<{ outcome: Promise<IngestOutcome<T>>; done: boolean }> = [];
  let busy = 0;
  let wake = ignore;
  let turn: Promise<void> | undefined;
  const changed = (): void => {
    const w = wake;
    wake = ignore;
    w();
  };
  const start = (input: T): void => {
    busy++;
    let freed = false;
    let next = ignore;
    const written = new Promise<void>((resolve) => (next = resolve));
    const free = (): void => {
      if (freed) return;
      freed = true;
      busy--;
      next();
      changed();
    };
    const running: Running = { parallel: room > 1 && options.workers !== false, written: free, ...(turn ? { turn } : {}) };
    turn = written;
    const ingesting = 'bytes' in input ? ingestBytes(store, input, options, running) : 'path' in input ? ingestPath(store, input, options, running) : ingestInput(store, input, options, undefined, running);
    const entry = { done: false, outcome: undefined as unknown as Promise<IngestOutcome<T>> };
    entry.outcome = ingesting
      .then(
        (summary) => ({ input, summary }),
        (error: unknown) => ({ input, error }),
      )
      .finally(() => {
        entry.done = true;
        free();
        changed();
      });
    queue.push(entry);
  };
  try {
    for await (const input of inputs) {
      // A turn of the event loop between inputs: inputs held in memory would otherwise run as one chain of
      // promises, and the workers' answers, timers and signals would wait for its end.
      await new Promise((resolve) => setImmediate(resolve));
      start(input);
      for (;;) {
        while (queue[0]?.done) yield await queue.shift()!.outcome;
        if (busy < room && queue.length < MAX_UNCOMMITTED) break;
        await new Promise<void>((resolve) => (wake = resolve));
      }
    }
    while (queue.length) yield await queue.shift()!.outcome;
  } finally {
    // A caller that stops early still gets every started input settled before it goes on (and closes the store).
    await Promise.all(queue.map((e) => e.outcome));
  }
}

/**
 * Open a file and read it whole when it is a regular file of at most `max` octets; anything else is left open for streaming. Plain
 * callbacks: a small report is read in about half the time of FileHandle's promise calls.
 */
function readIfSmall(path: string, max: number): Promise<{ bytes: Buffer } | { fd: number }> {
  return new Promise((resolve, reject) => {
    fsOpen(path, 'r', (error, fd) => {
      if (error) return reject(error);
      const fail = (e: Error): void => fsClose(fd, () => reject(e));
      const done = (bytes: Buffer): void => fsClose(fd, () => resolve({ bytes }));
      fstat(fd, (error, stats) => {
        if (error) return fail(error);
        // A pipe or a device (`import <(zcat r.gz)`) says size 0: streamed, like a large file.
        if (!stats.isFile() || stats.size > max) return resolve({ fd });
        const bytes = Buffer.allocUnsafe(stats.size);
        const readFrom = (at: number): void => {
          if (at >= bytes.length) return done(bytes);
          read(fd, bytes, at, bytes.length - at, at, (error, n) => {
            if (error) fail(error);
            else if (n === 0) done(bytes.subarray(0, at));
            else readFrom(at + n);
          });
        };
        readFrom(0);
      });
    });
  });
}

/** A file's octets, read only if they are asked for (the quarantine's copy of a file a worker read). */
async function* readLater(path: string): AsyncIterable<Uint8Array> {
  yield* createReadStream(path, { highWaterMark: 256 * 1024 }) as AsyncIterable<Buffer>;
}

/**
 * Parse and store everything in one file: read whole up to 4 MiB, streamed above. Rejects only when the file
 * cannot be read (ENOENT, EACCES, EISDIR...); bad content is quarantined as by ingest.
 */
export function ingestFile(store: ReportStore, input: FileInput, options: IngestOptions = {}): Promise<IngestSummary> {
  return ingestPath(store, input, options, {});
}

async function ingestPath(store: ReportStore, input: FileInput, options: IngestOptions, given: Running): Promise<IngestSummary> {
  let running = given;
  const meta = { name: input.name ?? basename(input.path), origin: input.origin ?? `file:${input.path}` };
  // While the file is read, the writer keeps its batch open for the report on its way (group commit).
  const arrived = store.writer.willWrite();
  let stream: ReadStream | undefined;
  try {
    // On a worker thread when one is free: it reads the file too, so this thread only writes.
    const ready = running.parallel ? await preparePool()?.prepareFile(input.path, FILE_IN_MEMORY, meta.name, prepareOptions(options)) : undefined;
    if (ready && 'prepared' in ready && 'leaves' in ready.prepared) {
      const ingesting = ingestInput(store, { chunks: once(ready.bytes), ...meta }, options, ready.bytes, running, ready);
      arrived();
      return await ingesting;
    }
    // Too large to prepare whole: read and parsed in pieces on a worker when one has room, else here.
    const remote = ready ? preparePool()?.stream({ path: input.path }, meta.name, prepareOptions(options)) : undefined;
    if (remote) {
      const ingesting = ingestInput(store, { chunks: readLater(input.path), ...meta }, options, undefined, running, { remote });
      arrived();
      return await ingesting;
    }
    if (ready) running = { ...running, parallel: false };
    const file = await readIfSmall(input.path, FILE_IN_MEMORY);
    // ingestInput announces its own report before it first waits: this announcement can end then.
    let ingesting: Promise<IngestSummary>;
    if ('bytes' in file) ingesting = ingestBytes(store, { bytes: file.bytes, ...meta }, options, running);
    else {
      stream = createReadStream('', { fd: file.fd, highWaterMark: 256 * 1024 });
      ingesting = ingestInput(store, { chunks: stream, ...meta }, options, undefined, running);
    }
    arrived();
    return await ingesting;
  } finally {
    arrived();
    // A duplicate is known before the end of a large file: the rest is not read (destroy closes the descriptor).
    stream?.destroy();
  }
}
