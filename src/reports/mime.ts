import { splitMessage } from '../message/split.js';
import { getField } from '../message/header.js';
import type { HeaderField } from '../message/types.js';

/** One leaf of a MIME tree, its content transfer-decoded. */
export interface MimePart {
  /** Lower-case type/subtype (`text/plain` when absent). */
  contentType: string;
  /** File name from Content-Disposition or Content-Type, when given. */
  filename?: string;
  /** Decoded octets. */
  content: Uint8Array;
  /** Header fields of this part. */
  fields: HeaderField[];
}

/** A message split into its leaves, with the top-level header. */
export interface MimeMessage {
  fields: HeaderField[];
  contentType: string;
  parts: MimePart[];
}

/** Bounds on a MIME tree. */
export const MIME_LIMITS = { maxDepth: 8, maxParts: 200 } as const;

/** Parse `type/subtype; a=b; c="d"` into a lower-case type and its parameters (RFC 2045 §5.1, RFC 2231 names kept simple). */
export function parseContentType(value: string | undefined): { type: string; params: Record<string, string> } {
  const params: Record<string, string> = {};
  if (!value) return { type: 'text/plain', params };
  const semi = value.indexOf(';');
  const type = (semi < 0 ? value : value.slice(0, semi)).trim().toLowerCase() || 'text/plain';
  const re = /;\s*([^\s=;]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;\s]*))/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(value)) !== null) {
    const rawName = m[1]!.toLowerCase();
    const name = rawName.replace(/\*\d*\*?$/, '');
    let v = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : (m[3] ?? '');
    if (rawName.endsWith('*')) {
      v = v.replace(/^[\w-]*'[\w-]*'/, '');
      try {
        v = decodeURIComponent(v);
      } catch {
        // Keep the value as written.
      }
    }
    params[name] = (params[name] ?? '') + v;
  }
  return { type, params };
}

/** Decode base64, ignoring whitespace and junk (RFC 2045 §6.8). */
function decodeBase64(bytes: Uint8Array): Uint8Array {
  return Buffer.from(Buffer.from(bytes).toString('latin1').replace(/[^A-Za-z0-9+/]/g, ''), 'base64');
}

/** Decode quoted-printable (RFC 2045 §6.7). */
function decodeQuotedPrintable(bytes: Uint8Array): Uint8Array {
  const out = Buffer.alloc(bytes.length);
  let o = 0;
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes[i]!;
    if (c !== 0x3d) {
      out[o++] = c;
      continue;
    }
    const h = Buffer.from(bytes.subarray(i + 1, i + 3)).toString('latin1');
    if (/^[0-9A-Fa-f]{2}$/.test(h)) {
      out[o++] = parseInt(h, 16);
      i += 2;
    } else {
      // Soft line break: "=" then optional spaces then CRLF or LF.
      let j = i + 1;
      while (bytes[j] === 0x20 || bytes[j] === 0x09) j++;
      if (bytes[j] === 0x0d && bytes[j + 1] === 0x0a) i = j + 1;
      else if (bytes[j] === 0x0a) i = j;
      else out[o++] = c;
    }
  }
  return out.subarray(0, o);
}

function decodeTransfer(body: Uint8Array, encoding: string | undefined): Uint8Array {
  const e = (encoding ?? '').trim().toLowerCase();
  if (e === 'base64') return decodeBase64(body);
  if (e === 'quoted-printable') return decodeQuotedPrintable(body);
  return body;
}

/** Split a multipart body at its boundary lines; the preamble and epilogue are dropped. */
function splitMultipart(body: Uint8Array, boundary: string): Uint8Array[] {
  const buf = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  const marker = Buffer.from(`--${boundary}`);
  const parts: Uint8Array[] = [];
  let start = -1;
  let pos = 0;
  while (pos <= buf.length) {
    const at = buf.indexOf(marker, pos);
    if (at < 0) break;
    const lineStart = at === 0 || buf[at - 1] === 0x0a;
    if (!lineStart) {
      pos = at + marker.length;
      continue;
    }
    if (start >= 0) {
      let end = at;
      if (buf[end - 1] === 0x0a) end--;
      if (buf[end - 1] === 0x0d) end--;
      parts.push(buf.subarray(start, Math.max(start, end)));
      if (parts.length >= MIME_LIMITS.maxParts) return parts;
    }
    const closing = buf[at + marker.length] === 0x2d && buf[at + marker.length + 1] === 0x2d;
    if (closing) return parts;
    const eol = buf.indexOf(0x0a, at + marker.length);
    if (eol < 0) break;
    start = eol + 1;
    pos = start;
  }
  // No closing delimiter: keep what follows the last boundary.
  if (start >= 0 && start < buf.length && parts.length < MIME_LIMITS.maxParts) parts.push(buf.subarray(start));
  return parts;
}

function filenameOf(fields: HeaderField[], ctParams: Record<string, string>): string | undefined {
  const disposition = getField(fields, 'content-disposition')?.value;
  const fromDisposition = disposition ? parseContentType(`x/x;${disposition.slice(disposition.indexOf(';') + 1)}`).params['filename'] : undefined;
  const name = fromDisposition ?? ctParams['name'];
  return name ? name.slice(0, 255) : undefined;
}

/** Parse a message into its leaf parts (multipart and message/rfc822 descended, bounded). Undefined if it has no header. */
export function parseMime(raw: Uint8Array): MimeMessage | undefined {
  const split = splitMessage(raw);
  if (!split.ok || !split.fields.some((f) => f.name)) return undefined;
  const parts: MimePart[] = [];
  const top = parseContentType(getField(split.fields, 'content-type')?.value);
  const walk = (fields: HeaderField[], body: Uint8Array, depth: number): void => {
    if (parts.length >= MIME_LIMITS.maxParts) return;
    const { type, params } = parseContentType(getField(fields, 'content-type')?.value);
    if (type.startsWith('multipart/') && params['boundary'] && depth < MIME_LIMITS.maxDepth) {
      for (const piece of splitMultipart(body, params['boundary'])) {
        const inner = splitMessage(piece);
        if (inner.ok) walk(inner.fields, inner.body, depth + 1);
      }
      return;
    }
    const content = decodeTransfer(body, getField(fields, 'content-transfer-encoding')?.value);
    const filename = filenameOf(fields, params);
    parts.push({ contentType: type, content, fields, ...(filename ? { filename } : {}) });
  };
  walk(split.fields, split.body, 0);
  return { fields: split.fields, contentType: top.type, parts };
}
