import { isUtf8 } from 'node:buffer';
import { MessageHeaderField, unfold } from './field.js';
import { resolveLimits } from './limits.js';
import type { HeaderField, HeaderFieldDefect, HeaderProblem, LineEnding, MessageLimits, SplitResult } from './types.js';

const LF = 0x0a;
const CR = 0x0d;
const SP = 0x20;
const HTAB = 0x09;
const COLON = 0x3a;
const RFC5322_LINE = 998;

/** Normalise accepted inputs to bytes; a string is taken as UTF-8 (RFC 6532). */
export function toBytes(raw: Buffer | Uint8Array | string): Uint8Array {
  if (typeof raw === 'string') return Buffer.from(raw, 'utf8');
  if (raw instanceof Uint8Array) return raw;
  throw new TypeError('inkan: a message must be a Buffer, a Uint8Array or a string');
}

/** Facts gathered about one field while its lines are scanned. */
interface Pending {
  start: number;
  firstLineEnd: number;
  leadingContinuation: boolean;
  nul: number;
  bareCr: number;
  eightBit: number;
  longLine: number;
}

/** Split raw message octets into header fields and body (RFC 5322 §2.1, §2.2), keeping every octet. */
export function splitMessage(raw: Buffer | Uint8Array | string, overrides?: Partial<MessageLimits>): SplitResult {
  const limits = resolveLimits(overrides);
  const bytes = toBytes(raw);
  const length = bytes.length;
  const fields: HeaderField[] = [];
  const problems: HeaderProblem[] = [];
  let crlf = 0;
  let lf = 0;
  let pending: Pending | undefined;
  let pos = 0;
  let separatorStart = -1;

  const finish = (end: number): void => {
    if (pending) fields.push(buildField(bytes, pending, end, fields.length, problems));
    pending = undefined;
  };

  while (pos < length) {
    // Line ends are found natively; the octet scan below looks closer only at octets outside 0x20–0x7f.
    const lfAt = bytes.indexOf(LF, pos);
    const hasLf = lfAt !== -1;
    const i = hasLf ? lfAt : length;
    if (i - pos > limits.maxHeaderLineLength + 1) {
      return { ok: false, error: { code: 'limit', limit: 'maxHeaderLineLength', max: limits.maxHeaderLineLength, offset: pos } };
    }
    const contentEnd = hasLf && i > pos && bytes[i - 1] === CR ? i - 1 : i;
    const next = hasLf ? i + 1 : i;
    let nul = -1;
    let bareCr = -1;
    let eightBit = -1;
    // Printable ASCII (0x20–0x7e, and 0x7f) is the rule: skip it with one unsigned comparison per octet.
    let j = pos;
    while (j < contentEnd && ((bytes[j]! - SP) >>> 0) < 0x60) j++;
    for (; j < contentEnd; j++) {
      const b = bytes[j]!;
      if (b >= SP && b < 0x80) continue;
      if (b === 0) {
        if (nul < 0) nul = j;
      } else if (b >= 0x80) {
        if (eightBit < 0) eightBit = j;
      } else if (b === CR && bareCr < 0) bareCr = j;
    }
    const lineLength = contentEnd - pos;
    if (hasLf) {
      if (contentEnd < i) crlf++;
      else lf++;
    }
    if (lineLength === 0 && hasLf) {
      separatorStart = pos;
      pos = next;
      break;
    }
    if (lineLength > limits.maxHeaderLineLength) {
      return { ok: false, error: { code: 'limit', limit: 'maxHeaderLineLength', max: limits.maxHeaderLineLength, offset: pos } };
    }
    if (next > limits.maxHeaderBytes) {
      return { ok: false, error: { code: 'limit', limit: 'maxHeaderBytes', max: limits.maxHeaderBytes, offset: pos } };
    }
    const first = bytes[pos]!;
    const continuation = first === SP || first === HTAB;
    if (!continuation || !pending) {
      finish(pos);
      if (fields.length >= limits.maxHeaderFields) {
        return { ok: false, error: { code: 'limit', limit: 'maxHeaderFields', max: limits.maxHeaderFields, offset: pos } };
      }
      pending = { start: pos, firstLineEnd: contentEnd, leadingContinuation: continuation, nul: -1, bareCr: -1, eightBit: -1, longLine: -1 };
    }
    if (nul >= 0 && pending.nul < 0) pending.nul = nul;
    if (bareCr >= 0 && pending.bareCr < 0) pending.bareCr = bareCr;
    if (eightBit >= 0 && pending.eightBit < 0) pending.eightBit = eightBit;
    if (lineLength > RFC5322_LINE && pending.longLine < 0) pending.longLine = pos;
    pos = next;
  }
  const headerEnd = separatorStart >= 0 ? separatorStart : length;
  finish(headerEnd);
  const hasSeparator = separatorStart >= 0;
  if (!hasSeparator) problems.push({ code: 'no-separator', offset: length });
  const lineEnding: LineEnding = crlf > 0 ? (lf > 0 ? 'mixed' : 'crlf') : lf > 0 ? 'lf' : 'none';
  if (lineEnding === 'mixed') problems.push({ code: 'mixed-line-endings', offset: 0 });
  const bodyOffset = hasSeparator ? pos : length;
  return {
    ok: true,
    fields,
    separator: bytes.subarray(headerEnd, bodyOffset),
    bodyOffset,
    body: bytes.subarray(bodyOffset),
    hasSeparator,
    lineEnding,
    problems,
  };
}

function buildField(bytes: Uint8Array, p: Pending, end: number, index: number, problems: HeaderProblem[]): HeaderField {
  let defect: HeaderFieldDefect | undefined = p.leadingContinuation ? 'leading-continuation' : undefined;
  let name = '';
  let valueStart = p.start;
  if (!defect) {
    let colon = -1;
    for (let i = p.start; i < p.firstLineEnd; i++) {
      if (bytes[i] === COLON) {
        colon = i;
        break;
      }
    }
    if (colon < 0) defect = 'no-colon';
    else {
      valueStart = colon + 1;
      let nameEnd = colon;
      while (nameEnd > p.start && (bytes[nameEnd - 1] === SP || bytes[nameEnd - 1] === HTAB)) nameEnd--;
      if (nameEnd < colon) problems.push({ code: 'space-before-colon', offset: nameEnd, field: index });
      let good = nameEnd > p.start;
      for (let i = p.start; good && i < nameEnd; i++) good = bytes[i]! > 32 && bytes[i]! < 127;
      if (good) name = latin1(bytes, p.start, nameEnd);
      else defect = 'bad-field-name';
    }
  }
  if (defect) problems.push({ code: defect, offset: p.start, field: index });
  if (p.nul >= 0) problems.push({ code: 'nul', offset: p.nul, field: index });
  if (p.bareCr >= 0) problems.push({ code: 'bare-cr', offset: p.bareCr, field: index });
  if (p.longLine >= 0) problems.push({ code: 'line-over-998', offset: p.longLine, field: index });
  const valueEnd = trimLineBreak(bytes, valueStart, end);
  const field = new MessageHeaderField(bytes, name, p.start, end, valueStart, valueEnd);
  if (p.eightBit >= 0) {
    problems.push({ code: isUtf8(unfold(field.rawValue)) ? 'eight-bit' : 'invalid-utf8', offset: p.eightBit, field: index });
  }
  if (defect) field.defect = defect;
  return field;
}

/** `bytes[start, end)` as latin1 text, without making a Buffer view when the input is one already. */
function latin1(bytes: Uint8Array, start: number, end: number): string {
  return Buffer.isBuffer(bytes) ? bytes.toString('latin1', start, end) : Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start).toString('latin1');
}

function trimLineBreak(bytes: Uint8Array, start: number, end: number): number {
  if (end > start && bytes[end - 1] === LF) end--;
  if (end > start && bytes[end - 1] === CR) end--;
  return end;
}

export { unfold };
