/**
 * The CPU half of ingesting an input held in memory: unpack it, parse its aggregate reports into rows, compress
 * what report_raw keeps. No store is touched, so it runs on a worker thread as well as on the main one
 * (prepare-pool.ts); ingest writes what it gives.
 */
import { AggregateError, type AggregateLimits } from './aggregate.js';
import type { AggregateHeader } from './types.js';
import { parsedRows, type RowSource } from './rows.js';
import { UnpackError, unpackBytes, type Leaf, type UnpackErrorCode, type UnpackLimits } from './unpack.js';
import type { RecordRows } from './store/writer.js';

/** An aggregate report parsed whole, as it is written. */
export interface ParsedAggregate {
  header: AggregateHeader;
  rows: RecordRows;
  warnings: string[];
}

/** An aggregate report found in an input and made ready to write, or the reason it cannot be stored. */
export type PreparedAggregate = { kind: 'prepared'; report: ParsedAggregate; packed?: Uint8Array } | { kind: 'prepared'; error: AggregateError['code'] };

/** A report found in an input, ready to write. */
export type PreparedLeaf = PreparedAggregate | Exclude<Leaf, { kind: 'aggregate' }>;

/**
 * What preparing an input gave: its reports in order, then why unpacking stopped, if it did; or `tooLarge`, too
 * large to prepare whole (over MAX_PREPARED of XML, or a gzip that must be streamed): ingest it piece by piece instead.
 */
export type Prepared = { leaves: PreparedLeaf[]; unpackError?: UnpackErrorCode } | { tooLarge: true };

/**
 * The most XML one input may hold to be prepared whole: the rows of its reports are all in memory at once, and
 * ingestMany holds 16 inputs (the same 4 MiB as a file read whole and a gzip opened in memory).
 */
export const MAX_PREPARED = 4 * 1024 * 1024;

/** What preparing needs to know. */
export interface PrepareOptions {
  unpackLimits: UnpackLimits;
  aggregateLimits: AggregateLimits;
  /** Keep a report's octets when they are at most this large (0: never). */
  keepRawUpTo: number;
}

/** Every row of a report, in one RecordRows. */
export async function readWhole(source: RowSource): Promise<{ report: ParsedAggregate; packed?: Uint8Array }> {
  const begun = await source.begin();
  if (begun.whole) return begun.packed ? { report: begun.whole, packed: begun.packed } : { report: begun.whole };
  const values: RecordRows['values'] = [];
  let count = 0;
  let messages = 0;
  for (let rows = await source.next(); rows; rows = await source.next()) {
    for (const v of rows.values) values.push(v);
    count += rows.count;
    messages += rows.messages;
  }
  const { header, warnings, packed } = await source.end();
  const report = { header, rows: { values, count, messages }, warnings };
  return packed ? { report, packed } : { report };
}

/** Unpack and parse one input held in memory. Bad content is a result (an error code), never an exception. */
export async function prepareBytes(bytes: Uint8Array, name: string | undefined, options: PrepareOptions): Promise<Prepared> {
  const leaves: PreparedLeaf[] = [];
  let xml = 0;
  try {
    for await (const leaf of unpackBytes(bytes, name, options.unpackLimits)) {
      if (leaf.kind !== 'aggregate') {
        leaves.push(leaf);
        continue;
      }
      xml += leaf.bytes?.length ?? Infinity;
      if (xml > MAX_PREPARED) return { tooLarge: true };
      try {
        const { report, packed } = await readWhole(parsedRows(leaf, options.aggregateLimits, options.keepRawUpTo));
        leaves.push(packed ? { kind: 'prepared', report, packed } : { kind: 'prepared', report });
      } catch (e) {
        if (!(e instanceof AggregateError)) throw e;
        leaves.push({ kind: 'prepared', error: e.code });
      }
    }
  } catch (e) {
    if (e instanceof UnpackError) return { leaves, unpackError: e.code };
    throw e;
  }
  return { leaves };
}
