/**
 * A zip reader for report archives (APPNOTE.TXT): the central directory, stored and deflated entries, zip64
 * sizes. Deflate is opened by Node's zlib, and a deflated entry can be handed on as a gzip of its content
 * without compressing it again (the same deflate stream between a gzip header and trailer, RFC 1952).
 */
import { crc32, inflateRawSync } from 'node:zlib';

/** One file of an archive. */
export interface ZipEntry {
  name: string;
  /** The content. */
  bytes: Uint8Array;
  /** The content as a gzip, when the entry was deflated (its own deflate stream, not compressed again). */
  gzip?: Uint8Array;
}

/** Caps on what an archive may open to. */
export interface ZipLimits {
  /** Largest content of one entry; a larger entry is skipped. */
  maxEntrySize: number;
  /** Most entries opened; the rest are skipped. */
  maxEntries: number;
}

/** Why an archive cannot be read. */
export class ZipError extends Error {
  constructor(readonly reason: string) {
    super(`zip: ${reason}`);
  }
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const MAX_U32 = 0xffffffff;

/** Little-endian reads that fail with a ZipError outside the buffer (a lying offset). */
class Reader {
  private readonly view: DataView;
  constructor(readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  private check(at: number, size: number): void {
    if (!Number.isSafeInteger(at) || at < 0 || at + size > this.bytes.length) throw new ZipError('truncated');
  }
  u16(at: number): number {
    this.check(at, 2);
    return this.view.getUint16(at, true);
  }
  u32(at: number): number {
    this.check(at, 4);
    return this.view.getUint32(at, true);
  }
  u64(at: number): number {
    this.check(at, 8);
    const value = this.view.getBigUint64(at, true);
    if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new ZipError('too-large');
    return Number(value);
  }
  slice(at: number, size: number): Uint8Array {
    this.check(at, size);
    return this.bytes.subarray(at, at + size);
  }
}

/** Where the central directory is: the end record, searched back over a comment of up to 65,535 octets. */
function directory(r: Reader): { offset: number; entries: number } {
  const last = r.bytes.length - 22;
  for (let at = last; at >= 0 && at >= last - 0xffff; at--) {
    if (r.bytes[at] !== 0x50 || r.u32(at) !== EOCD) continue;
    let entries = r.u16(at + 10);
    let offset = r.u32(at + 16);
    if ((entries === 0xffff || offset === MAX_U32) && at >= 20 && r.u32(at - 20) === ZIP64_LOCATOR) {
      const end = r.u64(at - 20 + 8);
      if (r.u32(end) !== ZIP64_EOCD) throw new ZipError('bad-zip64');
      entries = r.u64(end + 32);
      offset = r.u64(end + 48);
    }
    return { offset, entries };
  }
  throw new ZipError('no-directory');
}

/** The zip64 extra field (id 1) gives, in this order, whichever of the sizes and the offset are 0xFFFFFFFF. */
function zip64Fields(r: Reader, extra: number, length: number, fields: { size: number; compressed: number; local: number }): void {
  for (let at = extra; at + 4 <= extra + length; ) {
    const id = r.u16(at);
    const size = r.u16(at + 2);
    if (id === 1) {
      let p = at + 4;
      if (fields.size === MAX_U32) (fields.size = r.u64(p)), (p += 8);
      if (fields.compressed === MAX_U32) (fields.compressed = r.u64(p)), (p += 8);
      if (fields.local === MAX_U32) fields.local = r.u64(p);
      return;
    }
    at += 4 + size;
  }
}

/** A gzip member around a raw deflate stream whose CRC-32 and size are known (RFC 1952 §2.3). */
function gzipAround(deflated: Uint8Array, crc: number, size: number): Uint8Array {
  const out = Buffer.allocUnsafe(10 + deflated.length + 8);
  out.set([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 255]);
  out.set(deflated, 10);
  out.writeUInt32LE(crc >>> 0, 10 + deflated.length);
  out.writeUInt32LE(size % 2 ** 32, 14 + deflated.length);
  return out;
}

/**
 * The files of a zip archive: directories, encrypted entries, entries over the limits and other compression
 * methods are skipped; each content is checked against its CRC-32. Throws ZipError for an archive that is not whole.
 */
export function readZip(bytes: Uint8Array, limits: ZipLimits): ZipEntry[] {
  const r = new Reader(bytes);
  const { offset, entries } = directory(r);
  const out: ZipEntry[] = [];
  let at = offset;
  for (let i = 0; i < entries; i++) {
    if (r.u32(at) !== CENTRAL) throw new ZipError('bad-directory');
    const flags = r.u16(at + 8);
    const method = r.u16(at + 10);
    const crc = r.u32(at + 16);
    const fields = { compressed: r.u32(at + 20), size: r.u32(at + 24), local: r.u32(at + 42) };
    const nameLength = r.u16(at + 28);
    const extraLength = r.u16(at + 30);
    const commentLength = r.u16(at + 32);
    const name = Buffer.from(r.slice(at + 46, nameLength)).toString(flags & 0x800 ? 'utf8' : 'latin1');
    zip64Fields(r, at + 46 + nameLength, extraLength, fields);
    at += 46 + nameLength + extraLength + commentLength;
    if (name.endsWith('/') || flags & 1 || (method !== 0 && method !== 8)) continue;
    if (fields.size > limits.maxEntrySize || out.length >= limits.maxEntries) continue;
    if (r.u32(fields.local) !== LOCAL) throw new ZipError('bad-local-header');
    const data = r.slice(fields.local + 30 + r.u16(fields.local + 26) + r.u16(fields.local + 28), fields.compressed);
    let content: Uint8Array;
    try {
      content = method === 0 ? data : inflateRawSync(data, { maxOutputLength: Math.max(1, fields.size) });
    } catch {
      throw new ZipError('bad-deflate');
    }
    if (content.length !== fields.size || crc32(content) !== crc) throw new ZipError('bad-crc');
    out.push({ name, bytes: content, ...(method === 8 ? { gzip: gzipAround(data, crc, fields.size) } : {}) });
  }
  return out;
}
