import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { DerError, TAG, decodeOid, type DerNode, type DerReader } from './der.js';

/** One image of a logotype (RFC 3709 §4.1 LogotypeImage): its media type, hashes and URIs. */
export interface LogotypeImage {
  mediaType: string;
  hashes: Array<{ algorithm: string; value: Uint8Array }>;
  uris: string[];
}

/** Largest logo accepted after decompression (the embedded SVG of a mark certificate is a few KiB). */
export const MAX_LOGO_BYTES = 1024 * 1024;

const HASHES: Record<string, string> = {
  '1.3.14.3.2.26': 'sha1',
  '2.16.840.1.101.3.4.2.1': 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
};

/** The Node hash name of an AlgorithmIdentifier OID, when supported. */
export function hashName(oid: string): string | undefined {
  return HASHES[oid];
}

function readImages(r: DerReader, data: DerNode): LogotypeImage[] {
  const images: LogotypeImage[] = [];
  const seqOfImages = r.children(data, 5).find((n) => n.tag === TAG.sequence);
  if (!seqOfImages) return images;
  for (const image of r.children(seqOfImages, 6).slice(0, 16)) {
    const [details] = r.children(r.expect(image, TAG.sequence), 7);
    const [mediaType, hashes, uris] = r.children(r.expect(details, TAG.sequence), 8);
    const out: LogotypeImage = { mediaType: Buffer.from(r.expect(mediaType, TAG.ia5String).contents).toString('latin1'), hashes: [], uris: [] };
    for (const h of r.children(r.expect(hashes, TAG.sequence), 9).slice(0, 8)) {
      const [alg, value] = r.children(r.expect(h, TAG.sequence), 10);
      const [oid] = r.children(r.expect(alg, TAG.sequence), 11);
      out.hashes.push({ algorithm: decodeOid(r.expect(oid, TAG.oid)), value: r.expect(value, TAG.octetString).contents });
    }
    for (const u of r.children(r.expect(uris, TAG.sequence), 9).slice(0, 8)) out.uris.push(Buffer.from(r.expect(u, TAG.ia5String).contents).toString('latin1'));
    images.push(out);
  }
  return images;
}

/**
 * Read the logotype extension (RFC 3709 §4.1) from its OCTET STRING: the subject logo's direct images, or else
 * any community or other logo's; `indirect` is set when the subject logo is only a reference.
 */
export function parseLogotype(r: DerReader, value: DerNode): { ok: true; images: LogotypeImage[]; indirect: boolean } | { ok: false; error: string } {
  try {
    const extn = r.expect(r.inner(value), TAG.sequence);
    const parts = r.children(extn, 4);
    const subject = parts.find((p) => p.tag === 0xa2);
    if (subject) {
      const info = r.inner(subject);
      if (info.tag === 0xa1) return { ok: true, images: [], indirect: true };
      if (info.tag !== 0xa0) throw new DerError('unexpected', info.offset);
      return { ok: true, images: readImages(r, info), indirect: false };
    }
    const images: LogotypeImage[] = [];
    for (const p of parts) {
      if (p.tag !== 0xa0 && p.tag !== 0xa1) continue;
      const infos = p.tag === 0xa0 ? r.children(r.inner(p), 5) : [r.inner(p)];
      for (const info of infos) if (info.tag === 0xa0) images.push(...readImages(r, info));
    }
    return { ok: true, images, indirect: false };
  } catch (e) {
    if (e instanceof DerError) return { ok: false, error: `${e.code}@${e.offset}` };
    throw e;
  }
}

/** A `data:` URI's decoded octets, and the SVG they hold (decompressed when gzipped). */
export type DataUriResult =
  | { ok: true; mediaType: string; bytes: Buffer; svg: Buffer; gzip: boolean }
  | { ok: false; error: 'not-data-uri' | 'not-svg' | 'bad-encoding' | 'too-large' | 'bad-gzip' };

/**
 * Decode `data:image/svg+xml;base64,...` (or `image/svg+xml+gzip`), gunzipping bytes that start with the gzip
 * magic, with at most `maxBytes` of output.
 */
export function decodeLogoDataUri(uri: string, maxBytes: number = MAX_LOGO_BYTES): DataUriResult {
  const m = /^data:([^,;]*)((?:;[^,;]*)*),/i.exec(uri);
  if (!m) return { ok: false, error: 'not-data-uri' };
  const mediaType = (m[1] ?? '').toLowerCase();
  if (!mediaType.startsWith('image/svg+xml')) return { ok: false, error: 'not-svg' };
  const base64 = /;base64/i.test(m[2] ?? '');
  const payload = uri.slice(m[0].length);
  if (payload.length > maxBytes * 2) return { ok: false, error: 'too-large' };
  let bytes: Buffer;
  if (base64) {
    if (!/^[A-Za-z0-9+/\s]*={0,2}\s*$/.test(payload)) return { ok: false, error: 'bad-encoding' };
    bytes = Buffer.from(payload, 'base64');
  } else {
    try {
      bytes = Buffer.from(decodeURIComponent(payload), 'utf8');
    } catch {
      return { ok: false, error: 'bad-encoding' };
    }
  }
  const gzip = bytes[0] === 0x1f && bytes[1] === 0x8b;
  if (!gzip) return bytes.length > maxBytes ? { ok: false, error: 'too-large' } : { ok: true, mediaType, bytes, svg: bytes, gzip };
  try {
    return { ok: true, mediaType, bytes, svg: gunzipSync(bytes, { maxOutputLength: maxBytes }), gzip };
  } catch (e) {
    return { ok: false, error: (e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' || e instanceof RangeError ? 'too-large' : 'bad-gzip' };
  }
}

/** Whether one of `hashes` is the digest of `data` (RFC 3709: the hash of the image as the URI gives it). */
export function hashMatches(hashes: LogotypeImage['hashes'], ...data: Uint8Array[]): 'match' | 'mismatch' | 'unsupported' {
  let supported = false;
  for (const h of hashes) {
    const name = hashName(h.algorithm);
    if (!name) continue;
    supported = true;
    for (const d of data) if (createHash(name).update(d).digest().equals(h.value)) return 'match';
  }
  return supported ? 'mismatch' : 'unsupported';
}
