import { createPrivateKey, KeyObject } from 'node:crypto';
import { MIN_RSA_BITS } from './key.js';

/** Signing algorithms inkan writes (RFC 8301 forbids signing with rsa-sha1; RFC 8463 adds Ed25519). */
export type DkimSigningAlgorithm = 'rsa-sha256' | 'ed25519-sha256';

/** A private key as a signer accepts it: PEM or DER (PKCS#1 or PKCS#8), the base64 Ed25519 seed dkimpy and RFC 8463 use, or a KeyObject. */
export type DkimPrivateKey = string | Uint8Array | KeyObject;

/** Why a key cannot sign; catalogue id `dkim-sign.error.<code>`. */
export type SigningKeyErrorCode = 'bad-private-key' | 'unsupported-key-type' | 'rsa-key-too-small' | 'unsupported-algorithm' | 'algorithm-mismatch';

/** A key ready to sign, or why it is not. */
export type SigningKeyResult =
  | { ok: true; key: KeyObject; algorithm: DkimSigningAlgorithm; bits?: number }
  | { ok: false; code: SigningKeyErrorCode; keyType?: string; bits?: number; algorithm?: string };

/** PKCS#8 wrapping of a raw Ed25519 seed (RFC 8410 §7): the DER prefix before the 32 octets. */
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

/** Parsed PEM strings, so a signer handed the same text for every message parses it once. */
const cache = new Map<string, KeyObject>();
const CACHE_SIZE = 32;

function parse(input: string | Uint8Array): KeyObject | undefined {
  try {
    const text = typeof input === 'string' ? input : Buffer.from(input).toString('latin1');
    if (text.includes('-----BEGIN')) return createPrivateKey({ key: text, format: 'pem' });
    const base64 = typeof input === 'string' || /^[A-Za-z0-9+/=\s]+$/.test(text);
    const der = base64 ? Buffer.from(text.replace(/\s+/g, ''), 'base64') : Buffer.from(input);
    if (der.length === 32) return createPrivateKey({ key: Buffer.concat([ED25519_PKCS8_PREFIX, der]), format: 'der', type: 'pkcs8' });
    try {
      return createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
    } catch {
      return createPrivateKey({ key: der, format: 'der', type: 'pkcs1' });
    }
  } catch {
    return undefined;
  }
}

function toKeyObject(input: DkimPrivateKey): KeyObject | undefined {
  if (input instanceof KeyObject) return input.type === 'private' ? input : undefined;
  if (typeof input !== 'string' && !(input instanceof Uint8Array)) {
    throw new TypeError('inkan: privateKey must be a PEM string, DER bytes, a base64 Ed25519 seed or a KeyObject');
  }
  if (typeof input !== 'string') return parse(input);
  const hit = cache.get(input);
  if (hit) return hit;
  const key = parse(input);
  if (key) {
    if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
    cache.set(input, key);
  }
  return key;
}

/**
 * Load a signing key and settle the algorithm: inferred from the key when not given; rsa-sha1 and
 * RSA keys under 1024 bits are refused (RFC 8301 §3.1, §3.2).
 */
export function loadSigningKey(input: DkimPrivateKey, algorithm?: string): SigningKeyResult {
  if (algorithm !== undefined && algorithm !== 'rsa-sha256' && algorithm !== 'ed25519-sha256') {
    return { ok: false, code: 'unsupported-algorithm', algorithm };
  }
  const key = toKeyObject(input);
  if (!key) return { ok: false, code: 'bad-private-key' };
  const type = key.asymmetricKeyType;
  if (type === 'rsa') {
    const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
    if (bits < MIN_RSA_BITS) return { ok: false, code: 'rsa-key-too-small', bits };
    if (algorithm === 'ed25519-sha256') return { ok: false, code: 'algorithm-mismatch', keyType: type, algorithm };
    return { ok: true, key, algorithm: 'rsa-sha256', bits };
  }
  if (type === 'ed25519') {
    if (algorithm === 'rsa-sha256') return { ok: false, code: 'algorithm-mismatch', keyType: type, algorithm };
    return { ok: true, key, algorithm: 'ed25519-sha256' };
  }
  return { ok: false, code: 'unsupported-key-type', keyType: String(type) };
}
