import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { constants as zlibConstants, createGunzip, gunzipSync } from 'node:zlib';
import { looksLikeFailureReport, parseFailureReport } from './failure.js';
import { parseMime } from './mime.js';
import type { FailureReport } from './types.js';
import { readZip, ZipError, type ZipEntry } from './zip.js';

/** Caps on what one input may unpack to. */
export interface UnpackLimits {
  /** Most decompressed octets of one gzip stream or zip entry. */
  maxDecompressed: number;
  /** Most octets read into memory for a zip, an email or a JSON report. */
  maxInMemory: number;
  /** Most entries read from one zip. */
  maxZipEntries: number;
  /** Deepest container nesting (zip in an email, gzip in a zip...). */
  maxNesting: number;
}

/** Defaults: large enough for any real report, small enough for a laptop. */
export const DEFAULT_UNPACK_LIMITS: UnpackLimits = { maxDecompressed: 4 * 1024 ** 3, maxInMemory: 256 * 1024 ** 2, maxZipEntries: 100, maxNesting: 4 };

/** Why an input (or part of it) could not be unpacked. */
export type UnpackErrorCode = 'too-large' | 'bad-gzip' | 'bad-zip' | 'too-deep' | 'unrecognized' | 'no-report-found';

/** An unpacking failure (caught by ingest and quarantined). */
export class UnpackError extends Error {
  constructor(readonly code: UnpackErrorCode) {
    super(code);
  }
}

/** An aggregate report found in an input. */
export interface AggregateLeaf {
  kind: 'aggregate';
  name?: string;
  chunks: AsyncIterable<Uint8Array>;
  /** The whole XML, when it is held in memory (then `chunks` gives the same octets). */
  bytes?: Uint8Array;
  /** A gzip of the XML as it was received (a `.xml.gz` file, a deflated zip entry), so it need not be compressed again to be kept. */
  packed?: Uint8Array;
}

/** One report-shaped thing found in an input. */
export type Leaf =
  | AggregateLeaf
  | { kind: 'tlsrpt'; name?: string; bytes: Uint8Array }
  | { kind: 'failure'; name?: string; report: FailureReport; bytes: Uint8Array }
  | { kind: 'unknown'; name?: string; reason: UnpackErrorCode };

type Sniffed = 'gzip' | 'zip' | 'xml' | 'json' | 'other';

/** What the first octets say the content is (a BOM and leading whitespace skipped). */
export function sniff(head: Uint8Array): Sniffed {
  if (head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) return 'zip';
  let i = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  while (i < head.length && (head[i] === 0x20 || head[i] === 0x09 || head[i] === 0x0a || head[i] === 0x0d)) i++;
  if (head[i] === 0x3c) return 'xml';
  if (head[i] === 0x7b) return 'json';
  return 'other';
}

/** Where an XML document starts inside a text part (a report pasted inline after a few lines of prose). */
function inlineXmlStart(bytes: Uint8Array): number {
  const head = Buffer.from(bytes.subarray(0, 8192)).toString('latin1');
  const at = head.search(/<\?xml|<(\w+:)?feedback[\s>]/);
  return at;
}

/** Octets held in memory as a stream of one chunk (none when there are none). */
export async function* once(bytes: Uint8Array | undefined): AsyncIterable<Uint8Array> {
  if (bytes) yield bytes;
}

/** Read a stream's first chunk (at least `min` octets if the stream has them) and give back a stream that still starts with it. */
async function peek(chunks: AsyncIterable<Uint8Array>, min = 16): Promise<{ head: Uint8Array; stream: AsyncIterable<Uint8Array> }> {
  const it = chunks[Symbol.asyncIterator]();
  const got: Uint8Array[] = [];
  let size = 0;
  let done = false;
  while (size < min) {
    const next = await it.next();
    if (next.done) {
      done = true;
      break;
    }
    got.push(next.value);
    size += next.value.length;
  }
  const head = got.length === 1 ? got[0]! : Buffer.concat(got);
  async function* stream(): AsyncIterable<Uint8Array> {
    if (head.length) yield head;
    if (done) return;
    for (;;) {
      const next = await it.next();
      if (next.done) return;
      yield next.value;
    }
  }
  return { head, stream: stream() };
}

/** Gunzip a stream, bounded by `max` output octets. */
async function* gunzip(chunks: AsyncIterable<Uint8Array>, max: number): AsyncIterable<Uint8Array> {
  const z = createGunzip({ chunkSize: 64 * 1024 });
  const piped = pipeline(Readable.from(chunks, { objectMode: false }), z).catch(() => undefined);
  let total = 0;
  try {
    for await (const out of z as AsyncIterable<Buffer>) {
      total += out.length;
      if (total > max) throw new UnpackError('too-large');
      yield out;
    }
  } catch (e) {
    throw e instanceof UnpackError ? e : new UnpackError('bad-gzip');
  } finally {
    z.destroy();
    await piped;
  }
}

/** Read a whole stream into memory, bounded. */
export async function readAll(chunks: AsyncIterable<Uint8Array>, max: number): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let total = 0;
  for await (const c of chunks) {
    total += c.length;
    if (total > max) throw new UnpackError('too-large');
    parts.push(c);
  }
  return parts.length === 1 ? parts[0]! : Buffer.concat(parts);
}

function unzip(bytes: Uint8Array, limits: UnpackLimits): ZipEntry[] {
  try {
    return readZip(bytes, { maxEntrySize: Math.min(limits.maxDecompressed, limits.maxInMemory), maxEntries: limits.maxZipEntries });
  } catch (e) {
    if (e instanceof ZipError) throw new UnpackError('bad-zip');
    throw e;
  }
}

/** Find every report in one input: compressed files, archives and email messages are opened, bounded. */
export async function* unpack(chunks: AsyncIterable<Uint8Array>, name: string | undefined, limits: UnpackLimits = DEFAULT_UNPACK_LIMITS, depth = 0): AsyncGenerator<Leaf> {
  if (depth > limits.maxNesting) {
    yield { kind: 'unknown', ...(name ? { name } : {}), reason: 'too-deep' };
    return;
  }
  const { head, stream } = await peek(chunks);
  const kind = sniff(head);
  if (kind === 'gzip') yield* unpack(gunzip(stream, limits.maxDecompressed), name?.replace(/\.gz$/i, ''), limits, depth + 1);
  else if (kind === 'xml') yield { kind: 'aggregate', ...(name ? { name } : {}), chunks: stream };
  else yield* unpackBytes(await readAll(stream, limits.maxInMemory), name, limits, depth);
}

/**
 * `unpack` for an input held in memory: what it finds stays in memory (no stream machinery), and an XML report
 * that came gzipped or deflated in a zip keeps that compression as `packed`. A gzip that opens to more than
 * GUNZIP_IN_MEMORY is streamed instead. `packed`: a gzip of `bytes`, if there is one.
 */
export async function* unpackBytes(bytes: Uint8Array, name: string | undefined, limits: UnpackLimits = DEFAULT_UNPACK_LIMITS, depth = 0, packed?: Uint8Array): AsyncGenerator<Leaf> {
  const named = name ? { name } : {};
  if (depth > limits.maxNesting) {
    yield { kind: 'unknown', ...named, reason: 'too-deep' };
    return;
  }
  const kind = sniff(bytes.subarray(0, 16));
  if (kind === 'gzip') {
    const inner = name?.replace(/\.gz$/i, '');
    const opened = gunzipInMemory(bytes, limits);
    if (opened) yield* unpackBytes(opened, inner, limits, depth + 1, bytes);
    else {
      // Too large to open in memory: streamed. When it holds the XML itself, its one leaf is all of it, so this
      // gzip can still be kept as received.
      const direct = sniff(gunzipHead(bytes)) === 'xml';
      for await (const leaf of unpack(gunzip(once(bytes), limits.maxDecompressed), inner, limits, depth + 1)) yield direct && leaf.kind === 'aggregate' ? { ...leaf, packed: bytes } : leaf;
    }
  } else if (kind === 'zip') {
    for (const entry of unzip(bytes, limits)) yield* unpackBytes(entry.bytes, entry.name, limits, depth + 1, entry.gzip);
  } else if (kind === 'xml') {
    yield { kind: 'aggregate', ...named, chunks: once(bytes), bytes, ...(packed ? { packed } : {}) };
  } else if (kind === 'json') {
    yield { kind: 'tlsrpt', ...named, bytes };
  } else {
    yield* unpackMessage(bytes, name, limits, depth);
  }
}

/** The first octets a gzip opens to (from its first 256 octets; empty if they say nothing yet). */
function gunzipHead(bytes: Uint8Array): Uint8Array {
  try {
    return gunzipSync(bytes.subarray(0, 256), { finishFlush: zlibConstants.Z_SYNC_FLUSH, maxOutputLength: 1 << 20 }).subarray(0, 16);
  } catch {
    return new Uint8Array(0);
  }
}

/** Most octets a gzip held in memory is opened to in memory; a larger one is streamed (memory stays bounded). */
const GUNZIP_IN_MEMORY = 4 * 1024 * 1024;

/** Gunzip octets held in memory, bounded; undefined when they open to more than GUNZIP_IN_MEMORY (stream them instead). */
function gunzipInMemory(bytes: Uint8Array, limits: UnpackLimits): Uint8Array | undefined {
  const max = Math.min(limits.maxDecompressed, limits.maxInMemory, GUNZIP_IN_MEMORY);
  // The trailer's ISIZE (the size modulo 2^32) tells a large one before it is opened; a wrong one is caught below.
  const isize = bytes.length >= 18 ? Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).readUInt32LE(bytes.length - 4) : 0;
  if (isize > max && limits.maxDecompressed > max) return undefined;
  try {
    return gunzipSync(bytes, { maxOutputLength: max });
  } catch (e) {
    if ((e as { code?: string }).code !== 'ERR_BUFFER_TOO_LARGE') throw new UnpackError('bad-gzip');
    if (limits.maxDecompressed <= max) throw new UnpackError('too-large');
    return undefined;
  }
}

/** The reports in an email message: attachments of any type, inline reports, or the message itself as a failure report. */
async function* unpackMessage(bytes: Uint8Array, name: string | undefined, limits: UnpackLimits, depth: number): AsyncGenerator<Leaf> {
  const named = name ? { name } : {};
  const message = bytes.length ? parseMime(bytes) : undefined;
  if (!message) {
    yield { kind: 'unknown', ...named, reason: 'unrecognized' };
    return;
  }
  if (message.parts.some((p) => p.contentType === 'message/feedback-report')) {
    yield { kind: 'failure', ...named, report: parseFailureReport(message), bytes };
    return;
  }
  let found = 0;
  for (const part of message.parts) {
    if (part.contentType.startsWith('message/') || part.contentType.includes('rfc822')) continue;
    const partName = part.filename ?? name;
    const kind = sniff(part.content.subarray(0, 16));
    if (kind === 'other' || kind === 'xml') {
      const at = inlineXmlStart(part.content);
      if (at < 0) continue;
      found++;
      yield* unpackBytes(part.content.subarray(at), partName, limits, depth + 1);
    } else {
      found++;
      yield* unpackBytes(part.content, partName, limits, depth + 1);
    }
  }
  if (found) return;
  if (looksLikeFailureReport(message)) yield { kind: 'failure', ...named, report: parseFailureReport(message), bytes };
  else yield { kind: 'unknown', ...named, reason: 'no-report-found' };
}
