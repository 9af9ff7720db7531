import { createPublicKey, generateKeyPair, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import { MIN_RSA_BITS } from './key.js';
import { checkSelector, checkSigningDomain, keyRecordName } from './sign-names.js';
import type { DkimKeyType } from './types.js';
/** Largest RSA modulus inkan generates (a 4096-bit key already needs a split TXT record). */
export const MAX_RSA_BITS = 8192;
/** RSA modulus generated when none is asked for. */
export const DEFAULT_RSA_BITS = 2048;

/** What the key record says besides the key (RFC 6376 §3.6.1). */
export interface DkimKeyRecordOptions {
  /** The signing domain (`d=`); U-labels are written as A-labels. */
  domain: string;
  /** The selector (`s=`). */
  selector: string;
  /** `t=y`: the domain is testing DKIM; verifiers must not treat failures differently from unsigned mail. */
  testing?: boolean;
  /** `t=s`: the `i=` domain must be exactly `d=`, not a subdomain. */
  strict?: boolean;
  /** `h=`: the hash algorithms the key may be used with (RFC 8301 leaves only sha256 for signing). */
  hashAlgorithms?: Array<'sha256' | 'sha1'>;
}

/** Options for {@link generateDkimKey}. */
export interface DkimKeygenOptions extends DkimKeyRecordOptions {
  /** `rsa` or `ed25519`. */
  type: DkimKeyType;
  /** RSA modulus length in bits: default 2048, at least 1024 (RFC 8301), at most 8192. */
  bits?: number;
}

/** A key's DNS record in the forms people and zone files need. */
export interface DkimKeyRecord {
  /** Where the record goes: `selector._domainkey.domain` (ASCII, no trailing dot). */
  name: string;
  /** The `p=` value: base64 of the SubjectPublicKeyInfo (RSA) or of the raw 32-octet key (Ed25519, RFC 8463 §4.2). */
  publicKey: string;
  /** The TXT record value, e.g. `v=DKIM1; k=rsa; p=MIIB...`. */
  record: string;
  /** The record split into character-strings of at most 255 octets (RFC 1035 §3.3.14; joined without spaces, RFC 6376 §3.6.2.2). */
  strings: string[];
  /** One RFC 1035 master-file line: `selector._domainkey.example.com. IN TXT ( "..." "..." )`. */
  zoneLine: string;
}

/** A new key pair and the record that publishes its public half. */
export interface DkimKeyPair extends DkimKeyRecord {
  type: DkimKeyType;
  /** RSA modulus length; absent for Ed25519. */
  bits?: number;
  /** The ASCII signing domain. */
  domain: string;
  /** The ASCII selector. */
  selector: string;
  /** The private key as PEM: PKCS#1 (`RSA PRIVATE KEY`, what OpenDKIM and most signers read) or PKCS#8 for Ed25519. */
  privateKeyPem: string;
  /** The private key, ready for `signDkim`. */
  privateKey: KeyObject;
}

const generate = promisify(generateKeyPair);

/** Longest character-string in a TXT record (RFC 1035 §3.3). */
export const MAX_CHARACTER_STRING = 255;

/** Split text into character-strings of at most `max` octets without cutting a UTF-8 sequence. */
export function splitCharacterStrings(text: string, max = MAX_CHARACTER_STRING): string[] {
  if (!Number.isSafeInteger(max) || max < 4) throw new RangeError('inkan: a character-string must hold at least 4 octets (one UTF-8 character)');
  const bytes = Buffer.from(text, 'utf8');
  const out: string[] = [];
  let start = 0;
  while (start < bytes.length) {
    let end = Math.min(start + max, bytes.length);
    while (end < bytes.length && end > start && (bytes[end]! & 0xc0) === 0x80) end--;
    out.push(bytes.subarray(start, end).toString('utf8'));
    start = end;
  }
  return out.length ? out : [''];
}

/** Quote a character-string for a master file (RFC 1035 §5.1): `"` and `\` escaped. */
function quote(text: string): string {
  return `"${text.replace(/["\\]/g, (c) => `\\${c}`)}"`;
}

function base64url(text: string): string {
  return Buffer.from(text, 'base64url').toString('base64');
}

/** The `p=` value of a public (or private) key: SPKI DER for RSA, the raw key for Ed25519. */
export function publicKeyValue(key: KeyObject): string {
  const pub = key.type === 'private' ? createPublicKey(key) : key;
  if (pub.asymmetricKeyType === 'ed25519') {
    const jwk = pub.export({ format: 'jwk' });
    return base64url(jwk.x!);
  }
  if (pub.asymmetricKeyType === 'rsa') return pub.export({ format: 'der', type: 'spki' }).toString('base64');
  throw new TypeError(`inkan: DKIM keys are RSA or Ed25519, not ${String(pub.asymmetricKeyType)}`);
}

/** The ASCII domain and selector, or a TypeError: callers check names before asking for a key. */
function checkNames(options: DkimKeyRecordOptions): { domain: string; selector: string } {
  const domain = checkSigningDomain(options.domain);
  if (!domain.ok) throw new TypeError(`inkan: "${options.domain}" is not a domain name DKIM can sign for`);
  const selector = checkSelector(options.selector);
  if (!selector.ok) throw new TypeError(`inkan: "${options.selector}" is not a DKIM selector`);
  return { domain: domain.value, selector: selector.value };
}

/** Build the key record (RFC 6376 §3.6.1) for an existing key: tags in the order v, h, k, t, p. */
export function dkimKeyRecord(key: KeyObject, options: DkimKeyRecordOptions): DkimKeyRecord {
  const names = checkNames(options);
  const publicKey = publicKeyValue(key);
  const k = key.asymmetricKeyType === 'ed25519' ? 'ed25519' : 'rsa';
  const flags = [options.testing ? 'y' : '', options.strict ? 's' : ''].filter(Boolean).join(':');
  const tags = ['v=DKIM1'];
  if (options.hashAlgorithms?.length) tags.push(`h=${options.hashAlgorithms.join(':')}`);
  tags.push(`k=${k}`);
  if (flags) tags.push(`t=${flags}`);
  tags.push(`p=${publicKey}`);
  const record = tags.join('; ');
  const strings = splitCharacterStrings(record);
  const name = keyRecordName(names.selector, names.domain);
  const zoneLine = `${name}. IN TXT ( ${strings.map(quote).join(' ')} )`;
  return { name, publicKey, record, strings, zoneLine };
}

/** Generate a DKIM key pair with node:crypto and the TXT record to publish (RFC 6376 §3.6.1, RFC 8463 §4). */
export async function generateDkimKey(options: DkimKeygenOptions): Promise<DkimKeyPair> {
  const { type } = options;
  if (type !== 'rsa' && type !== 'ed25519') throw new TypeError(`inkan: key type must be rsa or ed25519, not ${String(type)}`);
  const bits = type === 'rsa' ? (options.bits ?? DEFAULT_RSA_BITS) : undefined;
  if (bits !== undefined && (!Number.isSafeInteger(bits) || bits < MIN_RSA_BITS || bits > MAX_RSA_BITS)) {
    throw new RangeError(`inkan: RSA key length must be a whole number from ${MIN_RSA_BITS} to ${MAX_RSA_BITS}, got ${String(bits)}`);
  }
  const names = checkNames(options); // before spending time on an RSA key
  const { privateKey } =
    type === 'rsa' ? await generate('rsa', { modulusLength: bits!, publicExponent: 0x10001 }) : await generate('ed25519');
  const privateKeyPem =
    type === 'rsa'
      ? (privateKey.export({ format: 'pem', type: 'pkcs1' }) as string)
      : (privateKey.export({ format: 'pem', type: 'pkcs8' }) as string);
  const record = dkimKeyRecord(privateKey, options);
  return {
    type,
    ...(bits !== undefined ? { bits } : {}),
    ...names,
    privateKeyPem,
    privateKey,
    ...record,
  };
}
