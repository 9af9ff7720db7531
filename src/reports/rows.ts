/**
 * An aggregate report's rows as they are parsed, in batches: from its octets on this thread (parsedRows), or
 * from a worker thread that parses them (prepare-pool.ts). Ingest writes what a RowSource gives.
 */
import { AggregateParser, type AggregateLimits } from './aggregate.js';
import type { AggregateHeader } from './types.js';
import type { ParsedAggregate } from './prepare.js';
import { pack, PieceDecoder, PIECE } from './report-text.js';
import type { AggregateLeaf } from './unpack.js';
import { recordRows, type RecordRows } from './store/writer.js';

/** Rows gathered before they are written (the writer splits them into its own statements). */
export const BATCH = 500;

/** How a report began: its header once BATCH rows are read, or the whole report when it ended within them. */
export interface RowsBegun {
  header: AggregateHeader;
  whole?: ParsedAggregate;
  /** With `whole`: the octets kept in report_raw. */
  packed?: Uint8Array;
}

/** What is known once the last row is read. */
export interface RowsEnded {
  header: AggregateHeader;
  warnings: string[];
  packed?: Uint8Array;
}

/** An aggregate report's rows in batches. Each method throws AggregateError for a report that cannot be stored. */
export interface RowSource {
  /** Read until the header is known and BATCH rows are parsed, or to the end. */
  begin(): Promise<RowsBegun>;
  /** The next rows (BATCH or more, fewer only at the end), or undefined once all are given. */
  next(): Promise<RecordRows | undefined>;
  /** After the last rows: the header as it ended (counts, errors), the warnings, the kept octets. */
  end(): Promise<RowsEnded>;
  /** The rest is not wanted (a duplicate): stop reading. */
  cancel(): void;
}

/** The pieces of a report held in memory. */
function* pieces(bytes: Uint8Array): Generator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += PIECE) yield bytes.subarray(i, i + PIECE);
}

/** Cut large chunks into pieces (an in-memory input arrives as one chunk). */
async function* rechunk(chunks: AsyncIterable<Uint8Array>): AsyncIterable<Uint8Array> {
  for await (const chunk of chunks) {
    if (chunk.length <= PIECE) yield chunk;
    else for (let i = 0; i < chunk.length; i += PIECE) yield chunk.subarray(i, i + PIECE);
  }
}

/** Parse a report found in an input on this thread. `keepRawUpTo`: keep its octets when at most this large. */
export function parsedRows(leaf: AggregateLeaf, limits: AggregateLimits, keepRawUpTo: number): RowSource {
  const { bytes, packed: received } = leaf;
  const parser = new AggregateParser(limits);
  const it = bytes ? pieces(bytes) : rechunk(leaf.chunks)[Symbol.asyncIterator]();
  // The octets kept: `bytes` when the report is held in memory, the gzip it came in, else a copy of the pieces as they are read.
  let raw: Uint8Array[] | undefined = !bytes && !received && keepRawUpTo > 0 ? [] : undefined;
  let rawSize = 0;
  const decoder = new PieceDecoder();
  let ended = false;
  const pull = async (): Promise<void> => {
    const next = await it.next();
    if (next.done) {
      parser.write(decoder.end());
      ended = true;
      return;
    }
    const chunk = next.value;
    rawSize += chunk.length;
    if (raw) {
      if (rawSize > keepRawUpTo) raw = undefined;
      else raw.push(chunk);
    }
    parser.write(decoder.write(chunk));
  };
  const rawBytes = (): Uint8Array | undefined => {
    if (bytes) return bytes.length <= keepRawUpTo ? (received ?? pack(bytes)) : undefined;
    if (received) return rawSize <= keepRawUpTo ? received : undefined;
    return raw ? pack(raw.length === 1 ? raw[0]! : Buffer.concat(raw)) : undefined;
  };
  const kept = (): { packed?: Uint8Array } => {
    const packed = rawBytes();
    return packed ? { packed } : {};
  };
  return {
    async begin() {
      while (!ended && (!parser.header() || parser.records < BATCH)) await pull();
      if (!ended) return { header: parser.header()! };
      const header = parser.end();
      return { header, whole: { header, rows: recordRows(parser.takeRecords()), warnings: parser.warnings }, ...kept() };
    },
    async next() {
      let batch = parser.takeRecords();
      while (!ended && batch.length < BATCH) {
        await pull();
        const parsed = parser.takeRecords();
        batch = batch.length ? batch.concat(parsed) : parsed;
      }
      return batch.length ? recordRows(batch) : undefined;
    },
    async end() {
      return { header: parser.end(), warnings: parser.warnings, ...kept() };
    },
    // Here the caller just stops asking: the input's reader is closed by whoever opened it.
    cancel() {},
  };
}
