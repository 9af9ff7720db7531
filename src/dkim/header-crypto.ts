import { createHash, sign as cryptoSign, verify as cryptoVerify, type KeyObject } from 'node:crypto';
import type { DkimHashAlgorithm } from './body-hash.js';
import type { DkimKeyType } from './types.js';

// One-shot calls: `createVerify`/`createSign` build a stream and pay per `update`, ~6 µs a signature.

/**
 * Check `b=` over the header hash input: RSASSA-PKCS1-v1_5 (RFC 6376 §3.3.1) or Ed25519 over the SHA-256 of the
 * data (RFC 8463 §3). False for a bad signature and for one the key cannot check.
 */
export function verifyHeaderData(keyType: DkimKeyType, hash: DkimHashAlgorithm, key: KeyObject, data: Uint8Array, signature: Uint8Array): boolean {
  try {
    if (keyType === 'ed25519') return cryptoVerify(null, createHash('sha256').update(data).digest(), key, signature);
    return cryptoVerify(hash, data, key, signature);
  } catch {
    return false;
  }
}

/** Sign the header hash input with `rsa-sha256` or `ed25519-sha256` (RFC 8463 §3: Ed25519 signs its SHA-256). */
export function signHeaderData(keyType: 'rsa' | 'ed25519', key: KeyObject, data: Uint8Array): Buffer {
  if (keyType === 'ed25519') return cryptoSign(null, createHash('sha256').update(data).digest(), key);
  return cryptoSign('sha256', data, key);
}
