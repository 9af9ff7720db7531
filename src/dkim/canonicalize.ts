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
 * canonical body to `sink` as it goes, without building a copy of the body. Trailing empty lines are
 * held back until content follows; CRLF and bare LF are line breaks, a lone CR is an ordinary octet.
 * Simple turns an empty body into one CRLF; relaxed leaves it empty.
 */
export function createBodyCanonicalizer(c: Canonicalization, sink: BodySink): BodyCanonicalizer {
  return c === 'relaxed' ? relaxedBody(sink) : simpleBody(sink);
}

/** 512 CRLFs: held empty lines are written in blocks, not one call each. */
const CRLF_BLOCK = Buffer.from('\r\n'.repeat(512));
const SPACE = Buffer.from(' ');
const CR_BYTE = Buffer.from('\r');

function writeCrlfs(sink: BodySink, count: number): void {
  while (count > 0) {
    const k = Math.min(count, 512);
    sink(CRLF_BLOCK.subarray(0, k * 2));
    count -= k;
  }
}

function guard(state: { finished: boolean }): void {
  if (state.finished) throw new Error('inkan: body canonicalizer used after finish()');
}

/**
 * Simple (§3.4.3): the body passes through as views of the input chunks; only held empty lines,
 * bare LFs (written as CRLF) and the final CRLF are written separately.
 */
function simpleBody(sink: BodySink): BodyCanonicalizer {
  /** Line breaks seen since the last content octet, not yet written. */
  let held = 0;
  /** The previous chunk ended in CR: whether it begins a CRLF depends on the next octet. */
  let pendingCr = false;
  const state = { finished: false };

  const update = (chunk: Uint8Array): void => {
    guard(state);
    const n = chunk.length;
    if (n === 0) return;
    let pos = 0;
    if (pendingCr) {
      pendingCr = false;
      if (chunk[0] === LF) {
        held++;
        pos = 1;
      } else {
        writeCrlfs(sink, held);
        held = 0;
        sink(CR_BYTE);
      }
    }
    // [litStart, litEnd) is output taken verbatim from the chunk; gapOk says the octets between
    // litEnd and the current position are exactly the held CRLFs (so the run can grow over them).
    let litStart = pos;
    let litEnd = pos;
    let gapOk = held === 0;
    while (pos < n) {
      const lf = chunk.indexOf(LF, pos);
      const lineEnd = lf === -1 ? n : lf;
      let end = lineEnd;
      const crlf = lf !== -1 && lf > pos && chunk[lf - 1] === CR;
      if (crlf) end = lf - 1;
      else if (lf === -1 && chunk[n - 1] === CR) {
        pendingCr = true;
        end = n - 1;
      }
      if (end > pos) {
        if (!gapOk) {
          if (litEnd > litStart) sink(chunk.subarray(litStart, litEnd));
          writeCrlfs(sink, held);
          litStart = pos;
        }
        held = 0;
        litEnd = end;
        gapOk = true;
      }
      if (lf === -1) break;
      held++;
      if (!crlf) gapOk = false;
      pos = lf + 1;
    }
    if (litEnd > litStart) sink(chunk.subarray(litStart, litEnd));
  };

  const finish = (): void => {
    guard(state);
    state.finished = true;
    if (pendingCr) {
      writeCrlfs(sink, held);
      sink(CR_BYTE);
    }
    // Trailing empty lines become one CRLF; an empty body is one CRLF too.
    sink(CRLF_BLOCK.subarray(0, 2));
  };

  return { update, finish };
}

/** Input is processed in slices of this size, so the output buffer never needs a check per octet. */
const SLICE = 16384;

/**
 * Relaxed (§3.4.4): whitespace runs become one SP, whitespace at line ends and empty lines at the end
 * go. Output is gathered in one buffer and handed to the sink in large blocks.
 */
function relaxedBody(sink: BodySink): BodyCanonicalizer {
  const out = Buffer.allocUnsafe(SLICE * 2 + 64);
  let o = 0;
  let held = 0;
  /** Whitespace seen since the last content octet on this line. */
  let pendingSpace = false;
  let pendingCr = false;
  let any = false;
  const state = { finished: false };

  const flush = (): void => {
    if (o > 0) sink(out.subarray(0, o));
    o = 0;
  };
  /** Write held line breaks and a pending space before a content octet; leaves room for `after` more octets. */
  const beforeContent = (after: number): void => {
    while (held > 0) {
      if (o + 2 > out.length) flush();
      const k = Math.min(held, (out.length - o) >> 1);
      for (let j = 0; j < k; j++) {
        out[o++] = CR;
        out[o++] = LF;
      }
      held -= k;
      if (held === 0 && o + after + 2 > out.length) flush();
    }
    if (pendingSpace) {
      out[o++] = SP;
      pendingSpace = false;
    }
    any = true;
  };

  const slice = (chunk: Uint8Array, start: number, end: number): void => {
    if (o + (end - start) + 4 > out.length) flush();
    let i = start;
    while (i < end) {
      const b = chunk[i]!;
      if (b === SP || b === HTAB) {
        pendingSpace = true;
        i++;
        continue;
      }
      if (b === LF) {
        pendingSpace = false;
        held++;
        i++;
        continue;
      }
      if (b === CR) {
        if (i + 1 === chunk.length) {
          pendingCr = true;
          i++;
          continue;
        }
        if (chunk[i + 1] === LF) {
          i++; // the line break is counted at the LF
          continue;
        }
      }
      if (held > 0 || pendingSpace) beforeContent(end - i);
      else any = true;
      out[o++] = b;
      i++;
      // A run of ordinary octets is copied in one tight loop.
      while (i < end) {
        const c = chunk[i]!;
        if (c === SP || c === HTAB || c === CR || c === LF) break;
        out[o++] = c;
        i++;
      }
    }
  };

  const update = (chunk: Uint8Array): void => {
    guard(state);
    const n = chunk.length;
    if (n === 0) return;
    let pos = 0;
    if (pendingCr) {
      pendingCr = false;
      if (chunk[0] === LF) {
        pendingSpace = false;
        held++;
        pos = 1;
      } else {
        beforeContent(1);
        if (o + 1 > out.length) flush();
        out[o++] = CR;
      }
    }
    for (let s = pos; s < n; s += SLICE) slice(chunk, s, Math.min(n, s + SLICE));
    if (o >= SLICE) flush();
  };

  const finish = (): void => {
    guard(state);
    state.finished = true;
    if (pendingCr) {
      beforeContent(1);
      if (o + 1 > out.length) flush();
      out[o++] = CR;
    }
    held = 0;
    pendingSpace = false;
    if (any) {
      if (o + 2 > out.length) flush();
      out[o++] = CR;
      out[o++] = LF;
    }
    flush();
  };

  return { update, finish };
}
