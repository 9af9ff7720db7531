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
const CRLF = Buffer.from('\r\n');

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
  return c === 'relaxed' ? relaxedHeader(raw) : simpleHeader(raw);
}

function simpleHeader(raw: Uint8Array): Buffer {
  const n = raw.length;
  let bareLf = false;
  for (let i = raw.indexOf(LF); i !== -1; i = raw.indexOf(LF, i + 1)) {
    if (i === 0 || raw[i - 1] !== CR) {
      bareLf = true;
      break;
    }
  }
  const endsCrlf = n >= 2 && raw[n - 2] === CR && raw[n - 1] === LF;
  if (!bareLf && endsCrlf) return view(raw);
  const out = Buffer.allocUnsafe(n * 2 + 2);
  let o = 0;
  for (let i = 0; i < n; i++) {
    const b = raw[i]!;
    if (b === LF && (i === 0 || raw[i - 1] !== CR)) out[o++] = CR;
    out[o++] = b;
  }
  if (!(o >= 2 && out[o - 2] === CR && out[o - 1] === LF)) {
    out[o++] = CR;
    out[o++] = LF;
  }
  return out.subarray(0, o);
}

function relaxedHeader(raw: Uint8Array): Buffer {
  const n = raw.length;
  const out = Buffer.allocUnsafe(n + 2);
  let o = 0;
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
  return out.subarray(0, o);
}

/** Receives canonical body octets. The view is only valid during the call. */
export type BodySink = (bytes: Uint8Array) => void;

/** A streaming body canonicalizer: feed raw body chunks split anywhere, then call `finish` once. */
export interface BodyCanonicalizer {
  /** Canonicalize the next raw body octets. */
  update(chunk: Uint8Array): void;
  /** Flush what is held back and end the canonical body (RFC 6376 §3.4.3, §3.4.4). */
  finish(): void;
}

/**
 * Create a streaming body canonicalizer (RFC 6376 §3.4.3 simple, §3.4.4 relaxed) that writes the
 * canonical body to `sink` as it goes, without building a copy. Trailing empty lines are held back
 * until content follows; CRLF and bare LF are line breaks, a lone CR is an ordinary octet. Simple
 * turns an empty body into one CRLF; relaxed leaves it empty. Runs of input that are already
 * canonical reach the sink as views of the input chunk.
 */
export function createBodyCanonicalizer(c: Canonicalization, sink: BodySink): BodyCanonicalizer {
  const relaxed = c === 'relaxed';
  /** Line breaks seen since the last content octet, not yet written. */
  let held = 0;
  /** Relaxed: whitespace seen since the last content octet on this line. */
  let pendingSpace = false;
  /** The previous chunk ended in CR: whether it begins a CRLF depends on the next octet. */
  let pendingCr = false;
  /** Some content octet has been written. */
  let any = false;
  let finished = false;

  const emitHeld = (): void => {
    for (; held > 0; held--) sink(CRLF);
    if (pendingSpace) sink(SPACE);
    pendingSpace = false;
  };

  const update = (chunk: Uint8Array): void => {
    if (finished) throw new Error('inkan: body canonicalizer used after finish()');
    const n = chunk.length;
    if (n === 0) return;
    let pos = 0;
    if (pendingCr) {
      pendingCr = false;
      if (chunk[0] === LF) {
        held++;
        pendingSpace = false;
        pos = 1;
      } else {
        emitHeld();
        sink(CR_BYTE);
        any = true;
      }
    }
    // [litStart, litEnd) is canonical output taken verbatim from the chunk; gapOk says the octets
    // between litEnd and the current position are exactly what is held (so the run can grow).
    let litStart = pos;
    let litEnd = pos;
    let gapOk = held === 0 && !pendingSpace;
    const content = (start: number, end: number): void => {
      if (!gapOk) {
        if (litEnd > litStart) sink(chunk.subarray(litStart, litEnd));
        emitHeld();
        litStart = start;
      }
      held = 0;
      pendingSpace = false;
      litEnd = end;
      gapOk = true;
      any = true;
    };
    if (!relaxed) {
      while (pos < n) {
        const lf = chunk.indexOf(LF, pos);
        if (lf === -1) {
          let end = n;
          if (chunk[n - 1] === CR) {
            pendingCr = true;
            end = n - 1;
          }
          if (end > pos) content(pos, end);
          break;
        }
        const crlf = lf > pos && chunk[lf - 1] === CR;
        const end = crlf ? lf - 1 : lf;
        if (end > pos) content(pos, end);
        held++;
        if (!crlf) gapOk = false;
        pos = lf + 1;
      }
    } else {
      let i = pos;
      while (i < n) {
        const b = chunk[i]!;
        if (b === SP || b === HTAB) {
          if (pendingSpace || b === HTAB) gapOk = false;
          pendingSpace = true;
          i++;
        } else if (b === LF) {
          if (pendingSpace) gapOk = false;
          pendingSpace = false;
          held++;
          if (i === 0 || chunk[i - 1] !== CR) gapOk = false;
          i++;
        } else if (b === CR) {
          if (i + 1 === n) {
            pendingCr = true;
            gapOk = false;
          } else if (chunk[i + 1] !== LF) content(i, i + 1);
          // a CR followed by LF is part of the line break handled at the LF
          i++;
        } else {
          // A run of ordinary octets is one piece of content.
          let j = i + 1;
          while (j < n) {
            const c = chunk[j]!;
            if (c === SP || c === HTAB || c === CR || c === LF) break;
            j++;
          }
          content(i, j);
          i = j;
        }
      }
    }
    if (litEnd > litStart) sink(chunk.subarray(litStart, litEnd));
  };

  const finish = (): void => {
    if (finished) throw new Error('inkan: body canonicalizer finished twice');
    finished = true;
    if (pendingCr) {
      pendingCr = false;
      emitHeld();
      sink(CR_BYTE);
      any = true;
    }
    held = 0;
    pendingSpace = false;
    if (any || !relaxed) sink(CRLF);
  };

  return { update, finish };
}

const SPACE = Buffer.from(' ');
const CR_BYTE = Buffer.from('\r');
