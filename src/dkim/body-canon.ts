import { bodyScanner } from './body-scan.js';
import type { Canonicalization } from './canonicalize.js';

/** Receives canonical body octets. The view is only valid during the call. */
export type BodySink = (bytes: Uint8Array) => void;

/** A streaming body canonicalizer: feed raw body chunks split anywhere, then call `finish` once. */
export interface BodyCanonicalizer {
  /** Canonicalize the next raw body octets. */
  update(chunk: Uint8Array): void;
  /** Flush what is held back and end the canonical body (RFC 6376 §3.4.3, §3.4.4). */
  finish(): void;
}

const CR = 0x0d;
const LF = 0x0a;
const SP = 0x20;
const HTAB = 0x09;

/** 512 CRLFs: held empty lines are written in blocks, not one call each. */
const CRLF_BLOCK = Buffer.from('\r\n'.repeat(512));
const CRLF = CRLF_BLOCK.subarray(0, 2);
const CR_BYTE = Buffer.from('\r');
/** Input is processed in slices of this size. */
const SLICE = 16384;
/**
 * Output buffers of finished relaxed canonicalizers, handed to the next ones: a fresh 32 KB buffer per
 * message (allocation and the GC it drives) was a large share of body canonicalization. A buffer belongs
 * to one canonicalizer from creation to `finish` (views given to the sink are only valid during the
 * call), so none is ever shared.
 */
const spareBuffers: Buffer[] = [];
const MAX_SPARE_BUFFERS = 8;

/**
 * Create a streaming body canonicalizer (RFC 6376 §3.4.3 simple, §3.4.4 relaxed) that writes the
 * canonical body to `sink` as it goes, without building a copy of the body. Trailing empty lines are
 * held back until content follows; CRLF and bare LF are line breaks, a lone CR is an ordinary octet.
 * Simple turns an empty body into one CRLF; relaxed leaves it empty.
 */
export function createBodyCanonicalizer(c: Canonicalization, sink: BodySink): BodyCanonicalizer {
  return c === 'relaxed' ? relaxedBody(sink) : simpleBody(sink);
}

/** Where a body stands between chunks. */
interface LineState {
  /** Line breaks seen since the last content octet, not yet written. */
  held: number;
  /** The input so far ends in CR: whether it begins a CRLF depends on the next octet. */
  pendingCr: boolean;
  /** Some content octet has been written. */
  any: boolean;
  finished: boolean;
}

function writeCrlfs(sink: BodySink, count: number): void {
  while (count > 0) {
    const k = Math.min(count, 512);
    sink(CRLF_BLOCK.subarray(0, k * 2));
    count -= k;
  }
}

function guard(st: LineState): void {
  if (st.finished) throw new Error('inkan: body canonicalizer used after finish()');
}

/**
 * The simple algorithm on `chunk`: content passes through as views of the input; only held empty
 * lines, bare LFs (written as CRLF) and a split CR are written separately. Also the relaxed
 * algorithm's fast path for input with no whitespace to change. `bareLf` is the first bare LF when
 * the caller has scanned for it already (-1: none).
 */
function literalPass(chunk: Uint8Array, st: LineState, sink: BodySink, bareLf?: number): void {
  const end = chunk.length;
  let pos = 0;
  if (st.pendingCr && pos < end) {
    st.pendingCr = false;
    if (chunk[pos] === LF) {
      st.held++;
      pos++;
    } else {
      writeCrlfs(sink, st.held);
      st.held = 0;
      sink(CR_BYTE);
      st.any = true;
    }
  }
  if (pos < end && (bareLf ?? bodyScanner.bareLf(chunk, pos)) === -1) {
    // Every line break is a CRLF within the chunk (the usual case): one view up to the trailing empty lines, which are held.
    let e = end;
    if (chunk[e - 1] === CR) {
      st.pendingCr = true;
      e--;
    }
    let breaks = 0;
    while (e > pos && chunk[e - 1] === LF) {
      e -= 2;
      breaks++;
    }
    if (e > pos) {
      writeCrlfs(sink, st.held);
      sink(pos === 0 && e === end ? chunk : chunk.subarray(pos, e));
      st.held = breaks;
      st.any = true;
    } else st.held += breaks;
    return;
  }
  // [litStart, litEnd) is output taken verbatim from the chunk; gapOk says the octets between
  // litEnd and the current position are exactly the held CRLFs (so the run can grow over them).
  let litStart = pos;
  let litEnd = pos;
  let gapOk = st.held === 0;
  while (pos < end) {
    const lf = chunk.indexOf(LF, pos);
    const crlf = lf !== -1 && lf > pos && chunk[lf - 1] === CR;
    let contentEnd = lf === -1 ? end : crlf ? lf - 1 : lf;
    if (lf === -1 && chunk[end - 1] === CR) {
      st.pendingCr = true;
      contentEnd = end - 1;
    }
    if (contentEnd > pos) {
      if (!gapOk) {
        if (litEnd > litStart) sink(chunk.subarray(litStart, litEnd));
        writeCrlfs(sink, st.held);
        litStart = pos;
      }
      st.held = 0;
      st.any = true;
      litEnd = contentEnd;
      gapOk = true;
    }
    if (lf === -1) break;
    st.held++;
    if (!crlf) gapOk = false;
    pos = lf + 1;
  }
  if (litEnd > litStart) sink(chunk.subarray(litStart, litEnd));
}

/** Simple (§3.4.3): trailing empty lines become one CRLF, an empty body is one CRLF. */
function simpleBody(sink: BodySink): BodyCanonicalizer {
  const st: LineState = { held: 0, pendingCr: false, any: false, finished: false };
  return {
    update(chunk: Uint8Array): void {
      guard(st);
      bodyScanner.forget();
      if (chunk.length > 0) literalPass(chunk, st, sink);
    },
    finish(): void {
      guard(st);
      st.finished = true;
      if (st.pendingCr) {
        writeCrlfs(sink, st.held);
        sink(CR_BYTE);
      }
      sink(CRLF);
    },
  };
}

/**
 * Relaxed (§3.4.4): whitespace runs become one SP; whitespace at line ends and empty lines at the end
 * go. Runs of lines with nothing to change take the literal path; the others are rewritten into one
 * buffer that reaches the sink in large blocks.
 */
function relaxedBody(sink: BodySink): BodyCanonicalizer {
  const st: LineState = { held: 0, pendingCr: false, any: false, finished: false };
  const out = spareBuffers.pop() ?? Buffer.allocUnsafe(SLICE * 2 + 64);
  let o = 0;
  /** Whitespace seen since the last content octet on this line. */
  let pendingSpace = false;

  const flush = (): void => {
    if (o > 0) sink(out.subarray(0, o));
    o = 0;
  };
  /** Write held line breaks (and a pending space) before a content octet, leaving room for `after` more octets. */
  const beforeContent = (after: number): void => {
    while (st.held > 0) {
      if (o + 2 > out.length) flush();
      const k = Math.min(st.held, (out.length - o) >> 1);
      for (let j = 0; j < k; j++) {
        out[o++] = CR;
        out[o++] = LF;
      }
      st.held -= k;
      if (st.held === 0 && o + after + 2 > out.length) flush();
    }
    if (pendingSpace) {
      out[o++] = SP;
      pendingSpace = false;
    }
    st.any = true;
  };

  const rewrite = (chunk: Uint8Array, start: number, end: number): void => {
    if (o + (end - start) + 4 > out.length) flush();
    // Hot loop: state in locals (captured variables are written through the closure context).
    const dst = out;
    let w = o;
    let space = pendingSpace;
    let wrote = false;
    let i = start;
    while (i < end) {
      const b = chunk[i]!;
      if (b === SP || b === HTAB) {
        space = true;
        i++;
        continue;
      }
      if (b === LF) {
        space = false;
        st.held++;
        i++;
        continue;
      }
      if (b === CR) {
        if (i + 1 === chunk.length) {
          st.pendingCr = true;
          i++;
          continue;
        }
        if (chunk[i + 1] === LF) {
          i++; // the line break is counted at the LF
          continue;
        }
      }
      if (st.held > 0) {
        o = w;
        pendingSpace = space;
        beforeContent(end - i);
        w = o;
        space = false;
      } else if (space) {
        dst[w++] = SP;
        space = false;
      }
      wrote = true;
      dst[w++] = b;
      i++;
      while (i < end) {
        const c = chunk[i]!;
        if (c === SP || c === HTAB || c === CR || c === LF) break;
        dst[w++] = c;
        i++;
      }
    }
    o = w;
    pendingSpace = space;
    if (wrote) st.any = true;
  };

  /** Rewrite `chunk[start, end)` slice by slice (the output buffer holds one slice's worth). */
  const rewriteRange = (chunk: Uint8Array, start: number, end: number): void => {
    for (let s = start; s < end; s += SLICE) rewrite(chunk, s, Math.min(end, s + SLICE));
  };
  const literal = (view: Uint8Array, bareLf: number): void => {
    flush();
    literalPass(view, st, sink, bareLf);
  };

  return {
    update(chunk: Uint8Array): void {
      guard(st);
      bodyScanner.forget();
      const n = chunk.length;
      if (n === 0) return;
      let pos = 0;
      if (st.pendingCr) {
        // The previous octet was a CR: a line break if this one is LF, else an ordinary octet.
        st.pendingCr = false;
        if (chunk[0] === LF) {
          pendingSpace = false;
          st.held++;
          pos = 1;
        } else {
          beforeContent(1);
          if (o + 1 > out.length) flush();
          out[o++] = CR;
        }
      }
      if (pendingSpace && pos < n) {
        // The previous chunk ended in whitespace: finish that line the slow way.
        const lf = chunk.indexOf(LF, pos);
        const lineEnd = lf === -1 ? n : lf + 1;
        rewriteRange(chunk, pos, lineEnd);
        pos = lineEnd;
      }
      // Lines that relaxed leaves unchanged pass through as views; a line with something to change is rewritten.
      let span = 0;
      while (pos < n) {
        const change = bodyScanner.relaxedChange(chunk, pos);
        if (change === -1) {
          literal(pos === 0 ? chunk : chunk.subarray(pos), -1);
          break;
        }
        if (chunk[change] === LF) {
          // A bare LF, the first: the literal path writes it as CRLF.
          literal(chunk.subarray(pos, change + 1), change - pos);
          pos = change + 1;
          span = 0;
          continue;
        }
        // Search back only as far as `pos`, so a long chunk without line breaks stays linear.
        const before = chunk.subarray(pos, change).lastIndexOf(LF);
        const lineStart = before === -1 ? pos : pos + before + 1;
        // Where changes come line after line (indented HTML), rewrite ever larger spans at once.
        if (lineStart > pos) {
          literal(chunk.subarray(pos, lineStart), -1);
          span = 0;
        } else span = Math.min(span === 0 ? 256 : span * 2, 65536);
        const lf = chunk.indexOf(LF, Math.max(change, lineStart + span));
        const lineEnd = lf === -1 ? n : lf + 1;
        rewriteRange(chunk, lineStart, lineEnd);
        pos = lineEnd;
      }
      if (o >= SLICE) flush();
    },
    finish(): void {
      guard(st);
      st.finished = true;
      if (st.pendingCr) {
        beforeContent(1);
        if (o + 1 > out.length) flush();
        out[o++] = CR;
      }
      if (st.any) {
        if (o + 2 > out.length) flush();
        out[o++] = CR;
        out[o++] = LF;
      }
      flush();
      if (spareBuffers.length < MAX_SPARE_BUFFERS) spareBuffers.push(out);
    },
  };
}
