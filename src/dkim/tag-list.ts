/** Why a tag=value list does not parse (RFC 6376 §3.2). */
export type TagListErrorCode = 'bad-tag-name' | 'missing-equals' | 'bad-value' | 'duplicate-tag' | 'too-many-tags';

/** A parse failure, with the offset in the text and the tag it concerns. */
export interface TagListError {
  code: TagListErrorCode;
  position: number;
  tag?: string;
}

/** One tag: its value with surrounding whitespace removed, and where that value lies in the text. */
export interface Tag {
  name: string;
  value: string;
  /** Offset of the first character after "=" (the value may start with whitespace). */
  valueStart: number;
  /** Offset just past the value's last character, before the ";" or the end. */
  valueEnd: number;
}

/** A parsed tag-list: tags by name (names are case-sensitive) and in order. */
export interface TagList {
  tags: Map<string, Tag>;
  order: string[];
}

/** What {@link parseTagList} returns. */
export type TagListResult = { ok: true; list: TagList } | { ok: false; error: TagListError };

/** Options for {@link parseTagList}. */
export interface TagListOptions {
  /** Most tags accepted; beyond is an error (hostile headers). Default 64. */
  maxTags?: number;
}

/** Controls other than HTAB, CR and LF (folding whitespace), and DEL. */
const CONTROL = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/;
const WSP = (c: number): boolean => c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0a;
const ALPHA = (c: number): boolean => (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
const ALNUMPUNC = (c: number): boolean => ALPHA(c) || (c >= 0x30 && c <= 0x39) || c === 0x5f;

/**
 * Parse `tag=value; tag=value` (RFC 6376 §3.2), as used by DKIM-Signature, DKIM key records,
 * ARC and DMARC records. Folding whitespace is allowed around names, "=" and values, and inside
 * values between non-space characters; a trailing ";" is allowed; a repeated tag is an error.
 * Values may hold any octet but ";" and controls (UTF-8 is accepted, RFC 8616).
 */
export function parseTagList(text: string, options: TagListOptions = {}): TagListResult {
  const maxTags = options.maxTags ?? 64;
  const tags = new Map<string, Tag>();
  const order: string[] = [];
  const n = text.length;
  // One native scan for the octets no tag-list holds outside a bad value; then values are found with indexOf (b= and h= are long).
  const clean = !CONTROL.test(text);
  let i = 0;
  while (i < n) {
    while (i < n && WSP(text.charCodeAt(i))) i++;
    if (i === n) break; // trailing ";" then whitespace
    const nameStart = i;
    if (!ALPHA(text.charCodeAt(i))) return fail('bad-tag-name', i);
    while (i < n && ALNUMPUNC(text.charCodeAt(i))) i++;
    const name = text.slice(nameStart, i);
    while (i < n && WSP(text.charCodeAt(i))) i++;
    if (text.charCodeAt(i) !== 0x3d) return fail(i < n && text.charCodeAt(i) !== 0x3b ? 'bad-tag-name' : 'missing-equals', i, name);
    i++;
    const valueStart = i;
    let first = -1;
    let last = -1;
    if (clean) {
      // No control octets anywhere: the value runs to the next ";", less the whitespace at its ends.
      const semi = text.indexOf(';', i);
      i = semi === -1 ? n : semi;
      let s = valueStart;
      let e = i;
      while (s < e && WSP(text.charCodeAt(s))) s++;
      while (e > s && WSP(text.charCodeAt(e - 1))) e--;
      if (s < e) {
        first = s;
        last = e - 1;
      }
    } else {
      for (; i < n; i++) {
        const c = text.charCodeAt(i);
        if (c > 0x20) {
          if (c === 0x3b) break;
          if (c === 0x7f) return fail('bad-value', i, name);
          if (first === -1) first = i;
          last = i;
        } else if (!WSP(c)) return fail('bad-value', i, name);
      }
    }
    if (tags.has(name)) return fail('duplicate-tag', nameStart, name);
    if (tags.size >= maxTags) return fail('too-many-tags', nameStart, name);
    const value = first === -1 ? '' : text.slice(first, last + 1);
    tags.set(name, { name, value, valueStart, valueEnd: first === -1 ? i : last + 1 });
    order.push(name);
    if (i < n) i++; // the ";"
  }
  return { ok: true, list: { tags, order } };
}

function fail(code: TagListErrorCode, position: number, tag?: string): TagListResult {
  return { ok: false, error: { code, position, ...(tag !== undefined ? { tag } : {}) } };
}

/** Remove all whitespace (FWS) from a value such as `b=` or `p=`, which may be folded anywhere. */
export function stripWhitespace(value: string): string {
  return hasWhitespace(value) ? value.replace(/[ \t\r\n]+/g, '') : value;
}

/** Whether `value` holds SP, TAB, CR or LF (a loop: most values hold none, and the replace would copy them). */
function hasWhitespace(value: string): boolean {
  for (let i = 0; i < value.length; i++) if (WSP(value.charCodeAt(i))) return true;
  return false;
}
