import { domainToASCII } from 'node:url';
import type { HeaderField } from '../message/types.js';
import type { DkimHashAlgorithm } from './body-hash.js';
import { parseCanonicalization } from './canonicalize.js';
import { parseTagList, stripWhitespace, type TagList } from './tag-list.js';
import type { DkimAlgorithm, DkimIdentity, DkimKeyType, DkimSignature, DkimSignatureError, DkimSignatureInfo, DkimSignatureParseResult } from './types.js';

/** Options of {@link parseDkimSignature}. */
export interface DkimSignatureParseOptions {
  /** Names allowed in `h=` (default 1000). */
  maxSignedHeaders?: number;
}

const RSA_SHA256 = { keyType: 'rsa', hash: 'sha256' } as const;
const RSA_SHA1 = { keyType: 'rsa', hash: 'sha1' } as const;
const ED25519_SHA256 = { keyType: 'ed25519', hash: 'sha256' } as const;

/** The key type and hash of an `a=` name (lower case), or undefined. Comparisons, not an object lookup: a fresh string as a property key costs an internalization per signature. */
function algorithmOf(name: string): { keyType: DkimKeyType; hash: DkimHashAlgorithm } | undefined {
  if (name === 'rsa-sha256') return RSA_SHA256;
  if (name === 'ed25519-sha256') return ED25519_SHA256;
  if (name === 'rsa-sha1') return RSA_SHA1;
  return undefined;
}

const REQUIRED = ['v', 'a', 'b', 'bh', 'd', 'h', 's'] as const;
/** 1 for the octets of the base64 alphabet (RFC 4648 §4), padding excluded. */
const BASE64_ALPHABET = new Uint8Array(128);
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/') BASE64_ALPHABET[c.charCodeAt(0)] = 1;
const DIGITS = /^[0-9]{1,15}$/;
const COLON = 0x3a;

/** Decode base64 strictly (RFC 6376 §2.4: whitespace already removed); undefined when malformed or empty. */
export function decodeBase64(text: string): Buffer | undefined {
  const n = text.length;
  if (n === 0) return undefined;
  // The usual case, canonical padded base64, is proven by encoding the result again: natively, twice as fast as the loop below.
  const decoded = Buffer.from(text, 'base64');
  if (decoded.toString('base64') === text) return decoded;
  // Alphabet characters, then at most two "=" (a loop: the equivalent regular expression is several times slower here).
  let data = 0;
  while (data < n && BASE64_ALPHABET[text.charCodeAt(data)] === 1) data++;
  const padding = n - data;
  if (padding > 2 || (padding > 0 && text.charCodeAt(data) !== 0x3d) || (padding === 2 && text.charCodeAt(data + 1) !== 0x3d)) return undefined;
  if (data % 4 === 1) return undefined;
  return decoded;
}

/** Whether every char is US-ASCII (a loop, not a regular expression: this runs several times per signature). */
function isAscii(value: string): boolean {
  for (let i = 0; i < value.length; i++) if (value.charCodeAt(i) > 0x7f) return false;
  return true;
}

/** Tag values were read as latin1 (one char per octet); give UTF-8 text back (RFC 8616). */
function utf8(value: string): string {
  return isAscii(value) ? value : Buffer.from(value, 'latin1').toString('utf8');
}

/** Dot-separated labels of letters, digits, "_" and inner "-", each 1–63 long. */
function validLabels(name: string): boolean {
  let start = 0;
  for (let i = 0; i <= name.length; i++) {
    const c = i === name.length ? 0x2e : name.charCodeAt(i);
    if (c === 0x2e) {
      if (i === start || i - start > 63 || name.charCodeAt(start) === 0x2d || name.charCodeAt(i - 1) === 0x2d) return false;
      start = i + 1;
    } else if (!((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x5f || c === 0x2d)) return false;
  }
  return true;
}

/** A domain name as DKIM uses it in `d=`, `s=` and `i=` (RFC 6376 §3.5; U-labels per RFC 8616), in ASCII lower case. */
export function dkimDomain(value: string): string | undefined {
  if (value === '' || value.length > 253) return undefined;
  let ascii: string;
  if (isAscii(value)) {
    for (let i = 0; i < value.length; i++) {
      const c = value.charCodeAt(i);
      // Whitespace (\s in US-ASCII), ";" and "@".
      if ((c >= 0x09 && c <= 0x0d) || c === 0x20 || c === 0x3b || c === 0x40) return undefined;
    }
    ascii = value.toLowerCase();
  } else {
    if (/[\s;@]/.test(value)) return undefined;
    ascii = domainToASCII(value);
    if (ascii === '' || ascii.length > 253) return undefined;
  }
  return validLabels(ascii) ? ascii : undefined;
}

/** Decode dkim-quoted-printable (RFC 6376 §2.11): `=XX` hex escapes, whitespace ignored. */
export function decodeDkimQuotedPrintable(value: string): string | undefined {
  const compact = stripWhitespace(value);
  if (!compact.includes('=')) return utf8(compact);
  const bytes: number[] = [];
  for (let i = 0; i < compact.length; i++) {
    const c = compact.charCodeAt(i);
    if (c === 0x3d) {
      const hex = compact.slice(i + 1, i + 3);
      if (!/^[0-9A-Fa-f]{2}$/.test(hex)) return undefined;
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else bytes.push(c & 0xff);
  }
  return Buffer.from(bytes).toString('utf8');
}

function parseIdentity(value: string): DkimIdentity | undefined {
  const text = decodeDkimQuotedPrintable(value);
  if (text === undefined) return undefined;
  const at = text.lastIndexOf('@');
  if (at === -1) return undefined;
  const domain = dkimDomain(text.slice(at + 1));
  if (domain === undefined) return undefined;
  return { text, localPart: text.slice(0, at), domain };
}

/** Whether `sub` is `parent` or a subdomain of it (both ASCII lower case). */
export function isSameOrSubdomain(sub: string, parent: string): boolean {
  return sub === parent || sub.endsWith(`.${parent}`);
}

/** The `h=` names: colon-separated, whitespace allowed around them (RFC 6376 §3.5). */
export function parseHeaderList(value: string): string[] | undefined {
  // One pass, names sliced out between colons: the usual folded value would otherwise be copied by a replace, then split.
  const names: string[] = [];
  let start = -1;
  let end = -1;
  let gap = false; // whitespace seen since the name's last octet
  let inner = false; // whitespace inside the name: removed, as everywhere in the value
  for (let i = 0; i <= value.length; i++) {
    const c = i === value.length ? COLON : value.charCodeAt(i);
    if (c === COLON) {
      if (start === -1) return undefined;
      const name = value.slice(start, end);
      names.push(inner ? stripWhitespace(name) : name);
      start = -1;
      gap = false;
      inner = false;
    } else if (c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0a) {
      gap = start !== -1;
    } else {
      if (c < 0x21 || c > 0x7e) return undefined;
      if (start === -1) start = i;
      else if (gap) inner = true;
      gap = false;
      end = i + 1;
    }
  }
  return names;
}

/** What can be read from the tags even when the signature is not valid. */
function infoOf(list: TagList): DkimSignatureInfo {
  const get = (name: string): string | undefined => list.tags.get(name)?.value;
  const info: DkimSignatureInfo = {};
  const d = get('d');
  if (d !== undefined) info.domain = dkimDomain(utf8(d)) ?? utf8(d).toLowerCase();
  const s = get('s');
  if (s !== undefined) info.selector = utf8(s);
  const i = get('i');
  if (i !== undefined) info.identity = decodeDkimQuotedPrintable(i) ?? utf8(i);
  const a = get('a');
  if (a !== undefined) info.algorithm = a.toLowerCase();
  const c = parseCanonicalization(get('c'));
  if (c.ok) info.canonicalization = `${c.header}/${c.body}`;
  const h = get('h');
  if (h !== undefined) {
    const names = stripWhitespace(h).split(':');
    if (names.length <= 1000) info.signedHeaders = names;
  }
  const numeric = (name: string): number | undefined => {
    const v = get(name);
    return v !== undefined && DIGITS.test(v) ? Number(v) : undefined;
  };
  const l = numeric('l');
  if (l !== undefined) info.bodyLength = l;
  const t = numeric('t');
  if (t !== undefined) info.timestamp = t;
  const x = numeric('x');
  if (x !== undefined) info.expiration = x;
  const b = get('b');
  if (b !== undefined) info.headerB = stripWhitespace(b).slice(0, 8);
  return info;
}

/** What the signature says about itself, for Authentication-Results. */
export function signatureInfo(list: TagList): DkimSignatureInfo {
  return infoOf(list);
}

/**
 * Parse and validate a DKIM-Signature field (RFC 6376 §3.5, §6.1.1): required tags, `v=1`, a known
 * `a=`, base64 `b=`/`bh=`, `h=` including From, `i=` within `d=`, numeric `l=`/`t=`/`x=` with x > t,
 * `q=dns/txt`. Failure gives the error (a permerror) and whatever could be read for reporting.
 */
export function parseDkimSignature(field: HeaderField, options: DkimSignatureParseOptions = {}): DkimSignatureParseResult {
  const maxSignedHeaders = options.maxSignedHeaders ?? 1000;
  const raw = field.raw;
  const colon = raw.indexOf(COLON);
  const valueOffset = colon + 1;
  // The value without the field's terminating line break, one char per octet so offsets are byte offsets.
  let valueEnd = raw.length;
  if (valueEnd > valueOffset && raw[valueEnd - 1] === 0x0a) valueEnd--;
  if (valueEnd > valueOffset && raw[valueEnd - 1] === 0x0d) valueEnd--;
  const text = Buffer.from(raw.buffer, raw.byteOffset + valueOffset, valueEnd - valueOffset).toString('latin1');
  const parsed = parseTagList(text);
  if (!parsed.ok) return { ok: false, error: { code: 'tag-list', tagList: parsed.error }, info: {} };
  const list = parsed.list;
  const fail = (error: DkimSignatureError): DkimSignatureParseResult => ({ ok: false, error, info: infoOf(list) });
  for (const tag of REQUIRED) if (!list.tags.has(tag)) return fail({ code: 'missing-tag', tag });
  const value = (name: string): string => list.tags.get(name)!.value;
  const optional = (name: string): string | undefined => list.tags.get(name)?.value;

  if (value('v') !== '1') return fail({ code: 'bad-version', tag: 'v' });
  const algorithmName = value('a').toLowerCase();
  const algorithm = algorithmOf(algorithmName);
  if (!algorithm) return fail({ code: 'unknown-algorithm', tag: 'a' });
  const signatureText = stripWhitespace(value('b'));
  const signature = decodeBase64(signatureText);
  if (!signature) return fail({ code: 'bad-base64', tag: 'b' });
  const bodyHash = decodeBase64(stripWhitespace(value('bh')));
  if (!bodyHash) return fail({ code: 'bad-base64', tag: 'bh' });
  const canonicalization = parseCanonicalization(optional('c'));
  if (!canonicalization.ok) return fail({ code: 'bad-canonicalization', tag: 'c' });
  const domain = dkimDomain(utf8(value('d')));
  if (domain === undefined) return fail({ code: 'bad-domain', tag: 'd' });
  const selectorText = utf8(value('s'));
  if (dkimDomain(selectorText) === undefined) return fail({ code: 'bad-selector', tag: 's' });
  const hValue = value('h');
  // Count before splitting in full: a hostile h= can hold many thousands of names.
  let colons = 0;
  for (let i = hValue.indexOf(':'); i !== -1 && colons < maxSignedHeaders; i = hValue.indexOf(':', i + 1)) colons++;
  if (colons >= maxSignedHeaders) return fail({ code: 'too-many-signed-headers', tag: 'h', limit: maxSignedHeaders });
  const signedHeaders = parseHeaderList(hValue);
  if (!signedHeaders) return fail({ code: 'bad-header-list', tag: 'h' });
  if (!signedHeaders.some((name) => name.length === 4 && name.toLowerCase() === 'from')) return fail({ code: 'from-not-signed', tag: 'h' });

  let identity: DkimIdentity = { text: `@${domain}`, localPart: '', domain };
  const iValue = optional('i');
  if (iValue !== undefined) {
    const parsedIdentity = parseIdentity(iValue);
    if (!parsedIdentity) return fail({ code: 'bad-identity', tag: 'i' });
    if (!isSameOrSubdomain(parsedIdentity.domain, domain)) return fail({ code: 'identity-mismatch', tag: 'i' });
    identity = parsedIdentity;
  }
  const numeric = (name: string): number | undefined | false => {
    const v = optional(name);
    if (v === undefined) return undefined;
    return DIGITS.test(v) ? Number(v) : false;
  };
  const bodyLength = numeric('l');
  if (bodyLength === false) return fail({ code: 'bad-length', tag: 'l' });
  const timestamp = numeric('t');
  if (timestamp === false) return fail({ code: 'bad-timestamp', tag: 't' });
  const expiration = numeric('x');
  if (expiration === false) return fail({ code: 'bad-expiration', tag: 'x' });
  if (timestamp !== undefined && expiration !== undefined && expiration <= timestamp) {
    return fail({ code: 'expiration-before-timestamp', tag: 'x' });
  }
  const q = optional('q');
  if (q !== undefined && q !== 'dns/txt' && !stripWhitespace(q).split(':').some((m) => m.toLowerCase() === 'dns/txt')) {
    return fail({ code: 'unknown-query-method', tag: 'q' });
  }

  const b = list.tags.get('b')!;
  // The b= value is blanked from just after "=" to the next ";" or the end, whitespace included (§3.7).
  let bEnd = b.valueEnd;
  while (bEnd < text.length && text.charCodeAt(bEnd) !== 0x3b) bEnd++;
  const z = optional('z');
  // Optional fields are assigned, not spread (spreads in an object literal are slow on the hot path), in the order the type lists them.
  const parsedSignature: DkimSignature = {
    field,
    algorithm: algorithmName as DkimAlgorithm,
    keyType: algorithm.keyType,
    hash: algorithm.hash,
    signature,
    signatureText,
    bodyHash,
    headerCanonicalization: canonicalization.header,
    bodyCanonicalization: canonicalization.body,
    domain,
    selector: selectorText,
    signedHeaders,
    identity,
    identityGiven: iValue !== undefined,
    bValueStart: valueOffset + b.valueStart,
    bValueEnd: valueOffset + bEnd,
  };
  if (bodyLength !== undefined) parsedSignature.bodyLength = bodyLength;
  if (timestamp !== undefined) parsedSignature.timestamp = timestamp;
  if (expiration !== undefined) parsedSignature.expiration = expiration;
  if (z !== undefined) parsedSignature.copiedHeaders = z;
  return { ok: true, signature: parsedSignature };
}

/** The `DKIM-Signature` field with the `b=` value removed, canonicalized, without its final CRLF (RFC 6376 §3.7). */
export function blankedSignatureField(signature: { field: HeaderField; bValueStart: number; bValueEnd: number }): Uint8Array {
  const raw = signature.field.raw;
  const out = Buffer.allocUnsafe(raw.length - (signature.bValueEnd - signature.bValueStart));
  out.set(raw.subarray(0, signature.bValueStart), 0);
  out.set(raw.subarray(signature.bValueEnd), signature.bValueStart);
  return out;
}
