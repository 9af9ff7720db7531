import { headerHashData, type Canonicalization } from '../dkim/canonicalize.js';
import type { DkimKeyLookup } from '../dkim/key.js';
import type { DkimKey } from '../dkim/types.js';
import { selectSignedFields } from '../message/header.js';
import type { HeaderField } from '../message/types.js';
import type { ArcSet } from './chain.js';
import { blankedField } from './parse.js';
import type { ArcCheckFailure, ArcMessageSignature, ArcSignatureFields } from './types.js';

export { signHeaderData, verifyHeaderData } from '../dkim/header-crypto.js';

/**
 * The octets an AMS signs (RFC 8617 §4.1.2, as RFC 6376 §3.7): the fields its `h=` selects, then the AMS itself with
 * `b=` empty and no final CRLF.
 */
export function amsHeaderInput(byName: ReadonlyMap<string, readonly HeaderField[]>, names: readonly string[], self: Uint8Array, c: Canonicalization): Buffer {
  return headerHashData(selectSignedFields(byName, names).map((f) => f.raw), self, c);
}

/**
 * The octets an ARC-Seal signs (RFC 8617 §5.1.1): relaxed canonicalization of every ARC Set from instance 1 up to this
 * one, each in the order AAR, AMS, AS; this seal last, with `b=` empty and no final CRLF.
 */
export function sealHeaderInput(sets: ReadonlyArray<{ aar: Uint8Array; ams: Uint8Array; seal: Uint8Array }>, self: Uint8Array): Buffer {
  const fields: Uint8Array[] = [];
  const last = sets.length - 1;
  sets.forEach((set, i) => {
    fields.push(set.aar, set.ams);
    if (i < last) fields.push(set.seal);
  });
  return headerHashData(fields, self, 'relaxed');
}

/** The raw fields of ARC Sets, as {@link sealHeaderInput} takes them. */
export function rawSets(sets: readonly ArcSet[]): Array<{ aar: Uint8Array; ams: Uint8Array; seal: Uint8Array }> {
  return sets.map((s) => ({ aar: s.authResults.raw, ams: s.messageSignature.field.raw, seal: s.seal.field.raw }));
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
