import { createPublicKey, type KeyObject } from 'node:crypto';
import type { DnsAnswer, Resolver, TxtRecord } from '../dns/types.js';
import { decodeBase64 } from './signature.js';
import { parseTagList, stripWhitespace } from './tag-list.js';
import type { DkimKey, DkimKeyCache, DkimKeyError, DkimKeyParseResult, DkimKeyType } from './types.js';

/** The smallest RSA key that may ever pass (RFC 8301 §3.2). */
export const MIN_RSA_BITS = 1024;

/** Options of {@link parseDkimKey}. */
export interface DkimKeyParseOptions {
  /** Smallest RSA key accepted in bits (default and floor 1024, RFC 8301 §3.2). */
  minRsaBits?: number;
}

/** DER prefix of an Ed25519 SubjectPublicKeyInfo (RFC 8410 §4) before the 32 raw key octets. */
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

function importRsa(der: Buffer): { key: KeyObject; encoding: 'spki' | 'pkcs1' } | undefined {
  // SubjectPublicKeyInfo is what RFC 6376 §3.6.1 asks for; bare RSAPublicKey (PKCS#1) is also seen in the wild.
  for (const type of ['spki', 'pkcs1'] as const) {
    try {
      const key = createPublicKey({ key: der, format: 'der', type });
      if (key.asymmetricKeyType === 'rsa') return { key, encoding: type };
    } catch {
      // try the other encoding
    }
  }
  return undefined;
}

function importEd25519(raw: Buffer): KeyObject | undefined {
  // RFC 8463 §4.2: p= is the raw 32-octet public key, not SubjectPublicKeyInfo.
  if (raw.length !== 32) return undefined;
  try {
    return createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, raw]), format: 'der', type: 'spki' });
  } catch {
    return undefined;
  }
}

function list(value: string | undefined): string[] | undefined {
  return value === undefined ? undefined : stripWhitespace(value).split(':').filter((v) => v !== '');
}

/**
 * Parse a DKIM key record (RFC 6376 §3.6.1, RFC 8463 §4): `v=DKIM1` first if present, `k=` rsa or
 * ed25519, `h=`, `s=`, `t=` flags, `p=` (empty = revoked). RSA keys may be SubjectPublicKeyInfo or
 * bare PKCS#1; keys under the minimum size give `key-too-small`.
 */
export function parseDkimKey(record: string, options: DkimKeyParseOptions = {}): DkimKeyParseResult {
  const minRsaBits = Math.max(MIN_RSA_BITS, options.minRsaBits ?? MIN_RSA_BITS);
  const fail = (error: DkimKeyError): DkimKeyParseResult => ({ ok: false, error });
  const parsed = parseTagList(record);
  if (!parsed.ok) return fail({ code: 'tag-list', tagList: parsed.error });
  const { tags, order } = parsed.list;
  const v = tags.get('v');
  if (v && (order[0] !== 'v' || v.value !== 'DKIM1')) return fail({ code: 'bad-version', tag: 'v' });
  const kValue = (tags.get('k')?.value ?? 'rsa').toLowerCase();
  if (kValue !== 'rsa' && kValue !== 'ed25519') return fail({ code: 'unknown-key-type', tag: 'k' });
  const keyType: DkimKeyType = kValue;
  const p = tags.get('p');
  if (!p) return fail({ code: 'missing-key', tag: 'p' });
  const pText = stripWhitespace(p.value);
  if (pText === '') return fail({ code: 'revoked', tag: 'p' });
  const der = decodeBase64(pText);
  if (!der) return fail({ code: 'bad-base64', tag: 'p' });
  let publicKey: KeyObject;
  let bits: number;
  let encoding: DkimKey['encoding'];
  if (keyType === 'rsa') {
    const imported = importRsa(der);
    if (!imported) return fail({ code: 'invalid-key', tag: 'p' });
    publicKey = imported.key;
    encoding = imported.encoding;
    bits = publicKey.asymmetricKeyDetails?.modulusLength ?? 0;
    if (bits < minRsaBits) return fail({ code: 'key-too-small', tag: 'p', bits, minimum: minRsaBits });
  } else {
    const imported = importEd25519(der);
    if (!imported) return fail({ code: 'invalid-key', tag: 'p' });
    publicKey = imported;
    encoding = 'raw-ed25519';
    bits = 256;
  }
  const hashes = list(tags.get('h')?.value)?.map((h) => h.toLowerCase());
  const services = list(tags.get('s')?.value)?.map((s) => s.toLowerCase()) ?? ['*'];
  const flags = list(tags.get('t')?.value)?.map((f) => f.toLowerCase()) ?? [];
  return {
    ok: true,
    key: {
      record,
      keyType,
      publicKey,
      bits,
      ...(hashes !== undefined ? { hashes } : {}),
      services,
      testing: flags.includes('y'),
      strict: flags.includes('s'),
      encoding,
    },
  };
}

/** Options of {@link createKeyCache}. */
export interface KeyCacheOptions {
  /** Most entries kept; the least recently used goes first (default 1000). */
  maxEntries?: number;
}

/** A bounded LRU cache of parsed key records; failures are cached too, so garbage keys are not re-parsed. */
export function createKeyCache(options: KeyCacheOptions = {}): DkimKeyCache {
  const maxEntries = options.maxEntries ?? 1000;
  if (!Number.isSafeInteger(maxEntries) || maxEntries < 1) throw new TypeError('inkan: key cache maxEntries must be a positive integer');
  const map = new Map<string, DkimKeyParseResult>();
  const keyOf = (selector: string, domain: string, record: string): string => `${selector.toLowerCase()}\0${domain}\0${record}`;
  return {
    get(selector, domain, record) {
      const k = keyOf(selector, domain, record);
      const hit = map.get(k);
      if (hit !== undefined) {
        map.delete(k);
        map.set(k, hit);
      }
      return hit;
    },
    set(selector, domain, record, result) {
      const k = keyOf(selector, domain, record);
      map.delete(k);
      map.set(k, result);
      while (map.size > maxEntries) map.delete(map.keys().next().value!);
    },
    get size() {
      return map.size;
    },
  };
}

/** A parse remembered by the identity of the TXT record array it came from. */
interface SeenRecord {
  selector: string;
  domain: string;
  record: string;
  parsed: DkimKeyParseResult;
}

/** Per cache: parses by the identity of the record arrays a caching resolver returns (weak: they go with the answers). */
const byRecordArray = new WeakMap<DkimKeyCache, WeakMap<TxtRecord, SeenRecord>>();

/** The cache {@link verifyDkim} uses unless told otherwise. */
export const defaultKeyCache: DkimKeyCache = createKeyCache();

/** Outcome of {@link fetchDkimKey}. */
export type DkimKeyLookup =
  | { status: 'key'; name: string; key: DkimKey; answer: DnsAnswer<TxtRecord>; records: number; cached: boolean }
  | { status: 'key-error'; name: string; error: DkimKeyError; record: string; answer: DnsAnswer<TxtRecord>; records: number; cached: boolean }
  | { status: 'no-key'; name: string; reason: 'nxdomain' | 'nodata' | 'no-txt'; answer: DnsAnswer<TxtRecord> }
  | { status: 'dns-timeout'; name: string; answer: DnsAnswer<TxtRecord> }
  | { status: 'dns-error'; name: string; rcode: string; answer: DnsAnswer<TxtRecord> };

/** Options of {@link fetchDkimKey}. */
export interface FetchKeyOptions extends DkimKeyParseOptions {
  /** Key cache; `false` for none. Default: {@link defaultKeyCache}. */
  cache?: DkimKeyCache | false;
  /** Abort the DNS query. */
  signal?: AbortSignal;
  /** TXT records looked at (default 10); more are ignored. */
  maxRecords?: number;
}

/**
 * Look up `<selector>._domainkey.<domain>` (RFC 6376 §3.6.2) and parse its key. The strings of one TXT
 * record are concatenated. With several records (which §3.6.2.2 calls undefined) the first that
 * parses as a key is used; if none does, the first record's error is reported. NXDOMAIN and NODATA
 * mean no key (permerror); a timeout or SERVFAIL is a temporary error.
 */
export async function fetchDkimKey(resolver: Resolver, selector: string, domain: string, options: FetchKeyOptions = {}): Promise<DkimKeyLookup> {
  const name = `${selector}._domainkey.${domain}`;
  const cache = options.cache === false ? undefined : (options.cache ?? defaultKeyCache);
  const answer = await resolver.query(name, 'TXT', options.signal ? { signal: options.signal } : {});
  switch (answer.status) {
    case 'nxdomain':
    case 'nodata':
      return { status: 'no-key', name, reason: answer.status, answer };
    case 'timeout':
      return { status: 'dns-timeout', name, answer };
    case 'error':
      return { status: 'dns-error', name, rcode: answer.rcode, answer };
    case 'records':
      break;
  }
  const minRsaBits = Math.max(MIN_RSA_BITS, options.minRsaBits ?? MIN_RSA_BITS);
  const answered = answer.records.slice(0, options.maxRecords ?? 10);
  let fast = cache ? byRecordArray.get(cache) : undefined;
  if (cache && !fast) byRecordArray.set(cache, (fast = new WeakMap()));
  if (answered.length === 0) return { status: 'no-key', name, reason: 'no-txt', answer };
  let first: { error: DkimKeyError; record: string; cached: boolean } | undefined;
  for (const strings of answered) {
    // A resolver that caches answers hands back the same record arrays: remember their text and parse
    // by identity first, so a hot key costs neither a join nor a hash of its text.
    const seen = fast?.get(strings);
    const record = seen?.record ?? strings.join('');
    let parsed = seen && seen.selector === selector && seen.domain === domain ? seen.parsed : cache?.get(selector, domain, record);
    const cached = parsed !== undefined;
    if (!parsed) {
      // Cached at the RFC 8301 floor; a caller's stricter minimum is applied below.
      parsed = parseDkimKey(record);
      cache?.set(selector, domain, record, parsed);
    }
    if (fast && !seen) fast.set(strings, { selector, domain, record, parsed });
    if (parsed.ok) {
      if (parsed.key.keyType === 'rsa' && parsed.key.bits < minRsaBits) {
        first ??= { error: { code: 'key-too-small', tag: 'p', bits: parsed.key.bits, minimum: minRsaBits }, record, cached };
        continue;
      }
      return { status: 'key', name, key: parsed.key, answer, records: answered.length, cached };
    }
    first ??= { error: parsed.error, record, cached };
  }
  return { status: 'key-error', name, error: first!.error, record: first!.record, answer, records: answered.length, cached: first!.cached };
}
