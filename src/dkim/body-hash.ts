import { createHash, type Hash } from 'node:crypto';
import { createBodyCanonicalizer, type BodyCanonicalizer, type Canonicalization } from './canonicalize.js';

/** Hash algorithms DKIM uses for the body hash (RFC 6376 §3.3; RFC 8301 keeps sha1 for verification only). */
export type DkimHashAlgorithm = 'sha256' | 'sha1';

/** The finished body hash. */
export interface BodyHashResult {
  /** The digest of the first `length` canonical body octets. */
  digest: Buffer;
  /** Canonical octets hashed (at most the `l=` limit). */
  length: number;
  /** The whole canonical body length. */
  totalLength: number;
}

/** A streaming body hasher: feed raw body chunks, then `finish` once. */
export interface BodyHasher {
  /** Canonicalize and hash the next raw body octets. */
  update(chunk: Uint8Array): void;
  /** End the body and return the digest. */
  finish(): BodyHashResult;
}

/** One hash fed by a shared canonical stream, optionally cut at `l=` octets. */
export interface BodyHashTarget {
  /** Write canonical octets. */
  write(bytes: Uint8Array): void;
  /** The result, once the canonicalizer has finished. */
  result(): BodyHashResult;
}

/** A hash over canonical body octets that stops hashing after `maxLength` octets but keeps counting. */
export function createBodyHashTarget(hash: DkimHashAlgorithm, maxLength?: number): BodyHashTarget {
  if (maxLength !== undefined && (!Number.isSafeInteger(maxLength) || maxLength < 0)) {
    throw new TypeError(`inkan: body length limit must be a non-negative integer, got ${String(maxLength)}`);
  }
  const h: Hash = createHash(hash);
  let hashed = 0;
  let total = 0;
  let digest: Buffer | undefined;
  return {
    write(bytes: Uint8Array): void {
      total += bytes.length;
      if (maxLength === undefined) {
        h.update(bytes);
        hashed += bytes.length;
        return;
      }
      const room = maxLength - hashed;
      if (room <= 0) return;
      const take = bytes.length <= room ? bytes : bytes.subarray(0, room);
      h.update(take);
      hashed += take.length;
    },
    result(): BodyHashResult {
      digest ??= h.digest();
      return { digest, length: hashed, totalLength: total };
    },
  };
}

/**
 * Canonicalize (RFC 6376 §3.4.3/§3.4.4) and hash a body as it streams, without keeping a copy.
 * Chunks may be split anywhere, even inside a CRLF or a run of whitespace. `maxLength` is `l=`.
 */
export function createBodyHasher(c: Canonicalization, hash: DkimHashAlgorithm, maxLength?: number): BodyHasher {
  const target = createBodyHashTarget(hash, maxLength);
  const canon: BodyCanonicalizer = createBodyCanonicalizer(c, target.write);
  return {
    update: canon.update,
    finish(): BodyHashResult {
      canon.finish();
      return target.result();
    },
  };
}

/** Hash a whole body at once (for tests and small messages). */
export function bodyHash(body: Uint8Array, c: Canonicalization, hash: DkimHashAlgorithm, maxLength?: number): BodyHashResult {
  const hasher = createBodyHasher(c, hash, maxLength);
  hasher.update(body);
  return hasher.finish();
}
