import { splitMessage } from '../message/split.js';
import { getField } from '../message/header.js';
import type { HeaderField } from '../message/types.js';

/** Parts looked at in one multipart body. */
const MAX_PARTS = 50;

/** Offsets of every line start in `body` (0 included), at most `max` from the end. */
export function lineStarts(body: Uint8Array, max: number, window: number): number[] {
  const out: number[] = [];
  const stop = Math.max(0, body.length - window);
  for (let i = body.length - 1; i >= stop && out.length < max; i--) {
    if (body[i - 1] === 0x0a || i === 0) out.push(i);
  }
  if (stop === 0 && out.length < max && !out.includes(0)) out.push(0);
  return out;
}

/** The `boundary` parameter of a multipart Content-Type, if the field says multipart. */
export function multipartBoundary(fields: readonly HeaderField[]): string | undefined {
  const ct = getField(fields, 'Content-Type')?.value;
  if (!ct || !/^\s*multipart\//i.test(ct)) return undefined;
  const m = /;\s*boundary\s*=\s*(?:"([^"]{1,200})"|([^\s;]{1,200}))/i.exec(ct);
  return m ? (m[1] ?? m[2]) : undefined;
}

/** The transfer encoding of a single-part message, lower case. */
export function transferEncoding(fields: readonly HeaderField[]): string | undefined {
  return getField(fields, 'Content-Transfer-Encoding')?.value.trim().toLowerCase();
}

/** One body part: where it starts, where its content starts, and where it ends (before the CRLF that precedes the next boundary). */
export interface Part {
  start: number;
  contentStart: number;
  end: number;
  fields: HeaderField[];
}

/** The top-level parts of a multipart body and the offset of the closing boundary line (RFC 2046 §5.1.1). */
export function splitParts(body: Uint8Array, boundary: string): { parts: Part[]; closing?: number } {
  const text = Buffer.from(body.buffer, body.byteOffset, body.length).toString('latin1');
  const delimiter = `--${boundary}`;
  const starts: Array<{ at: number; after: number; close: boolean }> = [];
  let from = 0;
  while (starts.length <= MAX_PARTS) {
    const at = text.indexOf(delimiter, from);
    if (at < 0) break;
    const lineStart = at === 0 || text[at - 1] === '\n';
    from = at + delimiter.length;
    if (!lineStart) continue;
    const close = text.startsWith('--', from);
    const eol = text.indexOf('\n', from);
    starts.push({ at, after: eol < 0 ? text.length : eol + 1, close });
    if (close) break;
  }
  const parts: Part[] = [];
  for (let k = 0; k + 1 < starts.length; k++) {
    const s = starts[k]!;
    const next = starts[k + 1]!;
    let end = next.at;
    if (text[end - 1] === '\n') end--;
    if (text[end - 1] === '\r') end--;
    const split = splitMessage(body.subarray(s.after, Math.max(s.after, end)));
    if (!split.ok) continue;
    parts.push({ start: s.after, contentStart: s.after + split.bodyOffset, end: Math.max(s.after, end), fields: split.fields });
  }
  const last = starts[starts.length - 1];
  return last?.close ? { parts, closing: last.at } : { parts };
}

/** Decode quoted-printable (RFC 2045 §6.7) to octets; line breaks are kept as CRLF. */
export function decodeQuotedPrintable(data: Uint8Array): Buffer {
  const text = Buffer.from(data.buffer, data.byteOffset, data.length).toString('latin1');
  const lines = text.split(/\r?\n/);
  const out: number[] = [];
  lines.forEach((raw, i) => {
    const line = raw.replace(/[ \t]+$/, '');
    let soft = false;
    for (let k = 0; k < line.length; k++) {
      const c = line[k]!;
      if (c === '=') {
        if (k === line.length - 1) {
          soft = true;
          break;
        }
        const hex = line.slice(k + 1, k + 3);
        if (/^[0-9A-Fa-f]{2}$/.test(hex)) {
          out.push(parseInt(hex, 16));
          k += 2;
          continue;
        }
      }
      out.push(c.charCodeAt(0) & 0xff);
    }
    if (!soft && i < lines.length - 1) out.push(0x0d, 0x0a);
  });
  return Buffer.from(out);
}

/** Decode base64 content, ignoring line breaks and other non-alphabet characters. */
export function decodeBase64Content(data: Uint8Array): Buffer {
  return Buffer.from(Buffer.from(data.buffer, data.byteOffset, data.length).toString('latin1').replace(/[^A-Za-z0-9+/=]/g, ''), 'base64');
}
