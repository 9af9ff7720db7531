/** A DKIM canonicalization algorithm (RFC 6376 §3.4). */
export type Canonicalization = 'simple' | 'relaxed';

/** The `c=` tag: header and body algorithms (RFC 6376 §3.5). */
export interface CanonicalizationPair {
  header: Canonicalization;
  body: Canonicalization;
}

/** Outcome of {@link parseCanonicalization}. */
export type CanonicalizationResult = ({ ok: true } & CanonicalizationPair) | { ok: false; error: 'bad-canonicalization' };

const CR = 0x0d;
const LF = 0x0a;
const SP = 0x20;
const HTAB = 0x09;
const COLON = 0x3a;

function algorithm(word: string): Canonicalization | undefined {
  // ABNF literals are case-insensitive (RFC 5234 §2.3).
  const lower = word.toLowerCase();
  return lower === 'simple' || lower === 'relaxed' ? lower : undefined;
}

/**
 * Parse a `c=` value: `header[/body]`, each `simple` or `relaxed`; absent means simple/simple and
 * a lone word sets the header algorithm with a simple body (RFC 6376 §3.5).
 */
export function parseCanonicalization(value: string | undefined): CanonicalizationResult {
  if (value === undefined) return { ok: true, header: 'simple', body: 'simple' };
  if (value === 'relaxed/relaxed' || value === 'relaxed/simple' || value === 'simple/simple' || value === 'simple/relaxed') {
    // The usual spellings, without the general path's copies.
    const slash = value.indexOf('/');
    return { ok: true, header: value.slice(0, slash) as Canonicalization, body: value.slice(slash + 1) as Canonicalization };
  }
  const parts = value.replace(/[ \t\r\n]+/g, '').split('/');
  if (parts.length > 2) return { ok: false, error: 'bad-canonicalization' };
  const header = algorithm(parts[0]!);
  const body = parts.length === 2 ? algorithm(parts[1]!) : 'simple';
  if (!header || !body) return { ok: false, error: 'bad-canonicalization' };
  return { ok: true, header, body };
}

function view(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/**
 * Canonicalize one header field (RFC 6376 §3.4.1, §3.4.2). `raw` is the field as it appears in the
 * message: name, colon, value, folding and its line break. The output always ends with CRLF; a bare
 * LF is taken as a line break, as MTAs do.
 */
export function canonicalizeHeaderField(raw: Uint8Array, c: Canonicalization): Buffer {
  if (c === 'simple' && isSimpleCanonical(raw)) return view(raw);
  const out = Buffer.allocUnsafe(headerCapacity(raw, c));
  return out.subarray(0, writeHeaderField(raw, c, out, 0));
}

/**
 * The header hash input (RFC 6376 §3.7) in one buffer: the selected fields canonicalized, in order, then the
 * signature's own field (its `b=` value already removed) canonicalized without its final CRLF.
 */
export function headerHashData(fields: readonly Uint8Array[], signatureField: Uint8Array, c: Canonicalization): Buffer {
  let capacity = headerCapacity(signatureField, c);
  for (const raw of fields) capacity += headerCapacity(raw, c);
  const out = Buffer.allocUnsafe(capacity);
  let o = 0;
  for (const raw of fields) o = writeHeaderField(raw, c, out, o);
  o = writeHeaderField(signatureField, c, out, o);
  return out.subarray(0, o - 2);
}

/** Octets a canonical form of `raw` can take at most: simple may add a CR to each LF, and both may add a final CRLF. */
function headerCapacity(raw: Uint8Array, c: Canonicalization): number {
  return c === 'relaxed' ? raw.length + 2 : raw.length * 2 + 2;
}

/** Write the canonical form of `raw` into `out` at `o`; returns the offset past it. */
function writeHeaderField(raw: Uint8Array, c: Canonicalization, out: Buffer, o: number): number {
  if (c === 'relaxed') return writeRelaxed(raw, out, o);
  if (isSimpleCanonical(raw)) {
    out.set(raw, o);
    return o + raw.length;
  }
  return writeSimple(raw, out, o);
}

/** Whether a field is its own simple canonical form: every LF after a CR, and a final CRLF. */
function isSimpleCanonical(raw: Uint8Array): boolean {
  const n = raw.length;
  for (let i = raw.indexOf(LF); i !== -1; i = raw.indexOf(LF, i + 1)) if (i === 0 || raw[i - 1] !== CR) return false;
  return n >= 2 && raw[n - 2] === CR && raw[n - 1] === LF;
}

function writeSimple(raw: Uint8Array, out: Buffer, start: number): number {
  const n = raw.length;
  let o = start;
  for (let i = 0; i < n; i++) {
    const b = raw[i]!;
    if (b === LF && (i === 0 || raw[i - 1] !== CR)) out[o++] = CR;
    out[o++] = b;
  }
  if (!(o - start >= 2 && out[o - 2] === CR && out[o - 1] === LF)) {
    out[o++] = CR;
    out[o++] = LF;
  }
  return o;
}

function writeRelaxed(raw: Uint8Array, out: Buffer, start: number): number {
  const n = raw.length;
  let o = start;
  let i = 0;
  const colon = raw.indexOf(COLON);
  if (colon !== -1) {
    // Field name: lower case, whitespace before the colon removed.
    let nameEnd = colon;
    while (nameEnd > 0 && (raw[nameEnd - 1] === SP || raw[nameEnd - 1] === HTAB)) nameEnd--;
    for (; i < nameEnd; i++) {
      const b = raw[i]!;
      out[o++] = b >= 0x41 && b <= 0x5a ? b + 0x20 : b;
    }
    out[o++] = COLON;
    i = colon + 1;
  }
  // Value: unfold, reduce WSP runs to one SP, drop leading and trailing WSP.
  let pendingSpace = false;
  let started = false;
  for (; i < n; i++) {
    const b = raw[i]!;
    if (b === LF) continue;
    if (b === CR && raw[i + 1] === LF) continue;
    if (b === SP || b === HTAB) {
      pendingSpace = started;
      continue;
    }
    if (pendingSpace) {
      out[o++] = SP;
      pendingSpace = false;
    }
    started = true;
    out[o++] = b;
  }
  out[o++] = CR;
  out[o++] = LF;
  return o;
}

export { createBodyCanonicalizer, type BodyCanonicalizer, type BodySink } from './body-canon.js';
