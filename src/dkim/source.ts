import { resolveLimits } from '../message/limits.js';
import { splitMessage } from '../message/split.js';
import type { HeaderSection, MessageError, MessageLimits } from '../message/types.js';

/** A message as DKIM accepts it: bytes, a string (UTF-8), or a stream of chunks (a Node Readable is one). */
export type MessageSource = Buffer | Uint8Array | string | AsyncIterable<Uint8Array | string>;

/** The header section of a message and the rest of it, still to be read. */
export interface MessageHead {
  ok: true;
  /** The header fields. For streamed input `header.body` is empty: read `body` instead. */
  header: HeaderSection;
  /** The body octets, starting right after the blank line; iterate it once. */
  body: AsyncIterable<Uint8Array>;
  /** The whole body, when the source was in memory (saves the asynchronous iteration). */
  bodyBytes?: Uint8Array;
}

/** Outcome of {@link readHeader}. */
export type ReadHeaderResult = MessageHead | { ok: false; error: MessageError };

const LF = 0x0a;
const CR = 0x0d;

function chunkBytes(chunk: Uint8Array | string): Uint8Array {
  if (typeof chunk === 'string') return Buffer.from(chunk, 'utf8');
  if (chunk instanceof Uint8Array) return chunk;
  throw new TypeError('inkan: a message stream must yield Buffers, Uint8Arrays or strings');
}

/** The body as an iterable of one chunk; the generator is only made if someone iterates (the verifier uses `bodyBytes`). */
class Once implements AsyncIterable<Uint8Array> {
  constructor(private readonly bytes: Uint8Array) {}

  async *[Symbol.asyncIterator](): AsyncGenerator<Uint8Array> {
    if (this.bytes.length > 0) yield this.bytes;
  }
}

/** The header section of a split (the fields written out: an object rest copy costs microseconds per message). */
function headerOf(split: HeaderSection): HeaderSection {
  return {
    fields: split.fields,
    separator: split.separator,
    bodyOffset: split.bodyOffset,
    body: split.body,
    hasSeparator: split.hasSeparator,
    lineEnding: split.lineEnding,
    problems: split.problems,
  };
}

/**
 * Find the end of the header section in `buf`: the offset just past the blank line (a line break
 * directly after a line break, or one at the very start), or -1. `from` is where to resume scanning.
 */
function headerEnd(buf: Uint8Array, from: number): number {
  if (from === 0) {
    if (buf[0] === LF) return 1;
    if (buf[0] === CR && buf[1] === LF) return 2;
  }
  for (let i = buf.indexOf(LF, Math.max(from, 0)); i !== -1; i = buf.indexOf(LF, i + 1)) {
    if (buf[i + 1] === LF) return i + 2;
    if (buf[i + 1] === CR && buf[i + 2] === LF) return i + 3;
  }
  return -1;
}

/** {@link readHeader} for a message held in memory, synchronously (callers skip a promise per message). */
export function readHeaderInMemory(source: string | Uint8Array, limits?: Partial<MessageLimits>): ReadHeaderResult {
  const split = splitMessage(source, limits);
  if (!split.ok) return split;
  return { ok: true, header: headerOf(split), body: new Once(split.body), bodyBytes: split.body };
}

/**
 * Read a message's header section from any {@link MessageSource}, pulling only as many chunks as
 * the header needs (at most `maxHeaderBytes` plus one chunk), so a large body can stream through.
 */
export async function readHeader(source: MessageSource, limits?: Partial<MessageLimits>): Promise<ReadHeaderResult> {
  if (typeof source === 'string' || source instanceof Uint8Array) return readHeaderInMemory(source, limits);
  if (source === null || typeof source !== 'object' || typeof (source as AsyncIterable<unknown>)[Symbol.asyncIterator] !== 'function') {
    throw new TypeError('inkan: a message must be a Buffer, a Uint8Array, a string or an async iterable of chunks');
  }
  const max = resolveLimits(limits).maxHeaderBytes;
  const iterator = source[Symbol.asyncIterator]();
  let buffered: Buffer = Buffer.allocUnsafe(0);
  let size = 0;
  let end = -1;
  let done = false;
  while (end === -1) {
    const next = await iterator.next();
    if (next.done) {
      done = true;
      break;
    }
    const bytes = chunkBytes(next.value);
    if (bytes.length === 0) continue;
    if (size === 0) {
      // Common case: the first chunk holds the whole header; use it without copying.
      end = headerEnd(bytes, 0);
      if (end !== -1) {
        buffered = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
        size = bytes.length;
        break;
      }
    }
    if (size + bytes.length > buffered.length) {
      // Grow by doubling, so many small chunks cost linear time.
      const grown = Buffer.allocUnsafe(Math.max(size + bytes.length, buffered.length * 2, 4096));
      buffered.copy(grown, 0, 0, size);
      buffered = grown;
    }
    buffered.set(bytes, size);
    const scanFrom = Math.max(0, size - 2);
    size += bytes.length;
    end = headerEnd(buffered.subarray(0, size), scanFrom);
    if (end === -1 && size > max + 2) break; // no blank line within the limit: splitMessage reports it
  }
  buffered = buffered.subarray(0, size);
  const headEnd = end === -1 ? size : end;
  const split = splitMessage(buffered.subarray(0, headEnd), limits);
  if (!split.ok) {
    if (!done) await iterator.return?.();
    return split;
  }
  const header = headerOf(split);
  const rest = buffered.subarray(headEnd);
  if (done) return { ok: true, header, body: new Once(rest), bodyBytes: rest };
  return { ok: true, header, body: remainder(rest, iterator) };
}

async function* remainder(first: Uint8Array, iterator: AsyncIterator<Uint8Array | string>): AsyncGenerator<Uint8Array> {
  let finished = false;
  try {
    if (first.length > 0) yield first;
    for (;;) {
      const next = await iterator.next();
      if (next.done) {
        finished = true;
        return;
      }
      const bytes = chunkBytes(next.value);
      if (bytes.length > 0) yield bytes;
    }
  } finally {
    if (!finished) await iterator.return?.();
  }
}
