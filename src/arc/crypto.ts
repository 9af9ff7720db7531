import { createHash, createVerify, verify as cryptoVerify, sign as cryptoSign, createSign, type KeyObject } from 'node:crypto';
import { canonicalizeHeaderField, type Canonicalization } from '../dkim/canonicalize.js';
import type { DkimHashAlgorithm } from '../dkim/body-hash.js';
import type { DkimKeyLookup } from '../dkim/key.js';
import type { DkimKey, DkimKeyType } from '../dkim/types.js';
import type { HeaderField } from '../message/types.js';
import type { ArcSet } from './chain.js';
import { blankedField } from './parse.js';
import type { ArcCheckFailure, ArcMessageSignature, ArcSignatureFields } from './types.js';

/** Drop the final CRLF of a canonicalized field (the signature's own field is hashed without it, RFC 6376 §3.7). */
function withoutCrlf(bytes: Buffer): Buffer {
  return bytes.subarray(0, bytes.length - 2);
}

/**
 * The octets an AMS signs (RFC 8617 §4.1.2, as RFC 6376 §3.7): each `h=` name picks the next unused instance from the
 * bottom; a name with none left adds nothing; then the AMS itself with `b=` empty and no final CRLF.
 */
export function amsHeaderInput(byName: Map<string, HeaderField[]>, names: readonly string[], self: Uint8Array, c: Canonicalization): Buffer[] {
  const used = new Map<string, number>();
  const parts: Buffer[] = [];
  for (const name of names) {
    const key = name.toLowerCase();
    const list = byName.get(key);
    const taken = used.get(key) ?? 0;
    const field = list && taken < list.length ? list[list.length - 1 - taken] : undefined;
    if (field) {
      used.set(key, taken + 1);
      parts.push(canonicalizeHeaderField(field.raw, c));
    }
  }
  parts.push(withoutCrlf(canonicalizeHeaderField(self, c)));
  return parts;
}

/**
 * The octets an ARC-Seal signs (RFC 8617 §5.1.1): relaxed canonicalization of every ARC Set from instance 1 up to this
 * one, each in the order AAR, AMS, AS; this seal last, with `b=` empty and no final CRLF.
 */
export function sealHeaderInput(sets: ReadonlyArray<{ aar: Uint8Array; ams: Uint8Array; seal: Uint8Array }>, self: Uint8Array): Buffer[] {
  const parts: Buffer[] = [];
  const last = sets.length - 1;
  sets.forEach((set, i) => {
    parts.push(canonicalizeHeaderField(set.aar, 'relaxed'));
    parts.push(canonicalizeHeaderField(set.ams, 'relaxed'));
    if (i < last) parts.push(canonicalizeHeaderField(set.seal, 'relaxed'));
  });
  parts.push(withoutCrlf(canonicalizeHeaderField(self, 'relaxed')));
  return parts;
}

/** The raw fields of ARC Sets, as {@link sealHeaderInput} takes them. */
export function rawSets(sets: readonly ArcSet[]): Array<{ aar: Uint8Array; ams: Uint8Array; seal: Uint8Array }> {
  return sets.map((s) => ({ aar: s.authResults.raw, ams: s.messageSignature.field.raw, seal: s.seal.field.raw }));
}

/** Check `b=` over the pieces: RSASSA-PKCS1-v1_5 or Ed25519 over the SHA-256 of the data (RFC 8463 §3). */
export function verifyPieces(keyType: DkimKeyType, hash: DkimHashAlgorithm, key: KeyObject, pieces: readonly Uint8Array[], signature: Buffer): boolean {
  try {
    if (keyType === 'ed25519') {
      const h = createHash('sha256');
      for (const piece of pieces) h.update(piece);
      return cryptoVerify(null, h.digest(), key, signature);
    }
    const verifier = createVerify(hash);
    for (const piece of pieces) verifier.update(piece);
    return verifier.verify(key, signature);
  } catch {
    return false;
  }
}

/** Sign the pieces with `rsa-sha256` or `ed25519-sha256`. */
export function signPieces(keyType: 'rsa' | 'ed25519', key: KeyObject, pieces: readonly Uint8Array[]): Buffer {
  if (keyType === 'ed25519') {
    const h = createHash('sha256');
    for (const piece of pieces) h.update(piece);
    return cryptoSign(null, h.digest(), key);
  }
  const signer = createSign('sha256');
  for (const piece of pieces) signer.update(piece);
  return signer.sign(key);
}

/** The key a signature needs, or why there is none usable (RFC 6376 §6.1.2 with RFC 8301's floor). */
export function usableKey(sig: ArcSignatureFields, lookup: DkimKeyLookup): { ok: true; key: DkimKey } | { ok: false; failure: ArcCheckFailure } {
  const name = lookup.name;
  switch (lookup.status) {
    case 'no-key':
      return { ok: false, failure: { code: 'no-key', name, status: lookup.reason } };
    case 'dns-timeout':
      return { ok: false, failure: { code: 'dns-timeout', name } };
    case 'dns-error':
      return { ok: false, failure: { code: 'dns-error', name, rcode: lookup.rcode } };
    case 'key-error':
      return { ok: false, failure: { code: 'key-error', name, error: lookup.error } };
    case 'key':
      break;
  }
  const key = lookup.key;
  if (key.keyType !== sig.keyType) return { ok: false, failure: { code: 'key-type-mismatch', name } };
  if (key.hashes && !key.hashes.includes(sig.hash)) return { ok: false, failure: { code: 'key-hash-not-allowed', name } };
  if (!key.services.includes('*') && !key.services.includes('email')) return { ok: false, failure: { code: 'key-not-email', name } };
  return { ok: true, key };
}

/** The AMS's own field with `b=` blanked. */
export function blankedAms(ams: ArcMessageSignature): Uint8Array {
  return blankedField(ams);
}

/** Whether a failure is temporary (the DNS did not answer). */
export function isTemporary(failure: ArcCheckFailure): boolean {
  return failure.code === 'dns-timeout' || failure.code === 'dns-error';
}
