/**
 * A small, bounded XML tokenizer for logo files: elements, attributes, text, comments, CDATA and processing
 * instructions. It never reads a DTD and never expands entities: a DOCTYPE is reported as a token (the caller
 * fails it) and only the five predefined entities and character references are decoded.
 */

/** One attribute as written, its value decoded. */
export interface XmlAttribute {
  name: string;
  value: string;
  /** Offset of the attribute name in the document text. */
  offset: number;
}

/** One token of the document. */
export type XmlToken =
  | { kind: 'start'; name: string; attributes: XmlAttribute[]; selfClosing: boolean; offset: number }
  | { kind: 'end'; name: string; offset: number }
  | { kind: 'text'; text: string; offset: number }
  | { kind: 'comment'; offset: number }
  | { kind: 'cdata'; text: string; offset: number }
  | { kind: 'pi'; target: string; data: string; offset: number }
  | { kind: 'doctype'; offset: number; /** An `<!ENTITY` declaration is inside. */ entityDeclaration: boolean }
  | { kind: 'error'; code: XmlErrorCode; offset: number; detail?: string };

/** Why the tokenizer stopped. */
export type XmlErrorCode = 'malformed' | 'unterminated' | 'undefined-entity' | 'duplicate-attribute' | 'too-many-attributes' | 'bad-character-reference';

/** Bounds of one tokenization. */
export interface XmlLimits {
  /** Attributes per element. */
  maxAttributes: number;
}

const NAME = /[A-Za-z_:\u00C0-\uFFFF][-A-Za-z0-9_:.\u00B7\u00C0-\uFFFF]*/y;
const SPACE = /[ \t\r\n]*/y;
const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function readName(text: string, at: number): string | undefined {
  NAME.lastIndex = at;
  const m = NAME.exec(text);
  return m ? m[0] : undefined;
}

function skipSpace(text: string, at: number): number {
  SPACE.lastIndex = at;
  SPACE.exec(text);
  return SPACE.lastIndex;
}

/** Decode the entity and character references of `raw` (which starts at `offset`); any other entity is an error. */
export function decodeReferences(raw: string, offset: number): { ok: true; value: string } | { ok: false; code: XmlErrorCode; offset: number; detail: string } {
  if (!raw.includes('&')) return { ok: true, value: raw };
  let out = '';
  let last = 0;
  for (let i = raw.indexOf('&'); i >= 0; i = raw.indexOf('&', last)) {
    out += raw.slice(last, i);
    const semi = raw.indexOf(';', i);
    if (semi < 0 || semi - i > 32) return { ok: false, code: 'malformed', offset: offset + i, detail: raw.slice(i, i + 16) };
    const ref = raw.slice(i + 1, semi);
    if (ref.startsWith('#')) {
      const hex = ref[1] === 'x';
      const digits = ref.slice(hex ? 2 : 1);
      const code = /^[0-9a-fA-F]{1,6}$/.test(digits) && (hex || /^\d+$/.test(digits)) ? parseInt(digits, hex ? 16 : 10) : NaN;
      if (!(code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0x10ffff && code !== 0xfffe && code !== 0xffff))) {
        return { ok: false, code: 'bad-character-reference', offset: offset + i, detail: `&${ref};` };
      }
      out += String.fromCodePoint(code);
    } else {
      const value = PREDEFINED[ref];
      if (value === undefined) return { ok: false, code: 'undefined-entity', offset: offset + i, detail: `&${ref.slice(0, 24)};` };
      out += value;
    }
    last = semi + 1;
  }
  return { ok: true, value: out + raw.slice(last) };
}

/** Find the `>` that ends a DOCTYPE starting at `at`, skipping quoted strings and the internal subset. */
function doctypeEnd(text: string, at: number): number {
  let bracket = false;
  let quote = '';
  for (let i = at; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '[') bracket = true;
    else if (c === ']') bracket = false;
    else if (c === '>' && !bracket) return i;
  }
  return -1;
}

/** Tokenize `text`; the last token is an `error` when the document is not well-formed as far as tokens go. */
export function* tokenizeXml(text: string, limits: XmlLimits): Generator<XmlToken> {
  let i = 0;
  const n = text.length;
  while (i < n) {
    const lt = text.indexOf('<', i);
    if (lt !== i) {
      const end = lt < 0 ? n : lt;
      const decoded = decodeReferences(text.slice(i, end), i);
      if (!decoded.ok) return yield { kind: 'error', code: decoded.code, offset: decoded.offset, detail: decoded.detail };
      yield { kind: 'text', text: decoded.value, offset: i };
      i = end;
      continue;
    }
    if (text.startsWith('<!--', i)) {
      const end = text.indexOf('-->', i + 4);
      if (end < 0) return yield { kind: 'error', code: 'unterminated', offset: i, detail: '<!--' };
      yield { kind: 'comment', offset: i };
      i = end + 3;
    } else if (text.startsWith('<![CDATA[', i)) {
      const end = text.indexOf(']]>', i + 9);
      if (end < 0) return yield { kind: 'error', code: 'unterminated', offset: i, detail: '<![CDATA[' };
      yield { kind: 'cdata', text: text.slice(i + 9, end), offset: i };
      i = end + 3;
    } else if (text.startsWith('<!DOCTYPE', i)) {
      const end = doctypeEnd(text, i + 9);
      if (end < 0) return yield { kind: 'error', code: 'unterminated', offset: i, detail: '<!DOCTYPE' };
      yield { kind: 'doctype', offset: i, entityDeclaration: /<!ENTITY/i.test(text.slice(i, end)) };
      i = end + 1;
    } else if (text.startsWith('<!', i)) {
      return yield { kind: 'error', code: 'malformed', offset: i, detail: text.slice(i, i + 12) };
    } else if (text.startsWith('<?', i)) {
      const end = text.indexOf('?>', i + 2);
      const target = readName(text, i + 2);
      if (end < 0 || !target) return yield { kind: 'error', code: end < 0 ? 'unterminated' : 'malformed', offset: i, detail: '<?' };
      yield { kind: 'pi', target, data: text.slice(i + 2 + target.length, end).trim(), offset: i };
      i = end + 2;
    } else if (text.startsWith('</', i)) {
      const name = readName(text, i + 2);
      const close = name ? skipSpace(text, i + 2 + name.length) : -1;
      if (!name || text[close] !== '>') return yield { kind: 'error', code: 'malformed', offset: i, detail: text.slice(i, i + 16) };
      yield { kind: 'end', name, offset: i };
      i = close + 1;
    } else {
      const name = readName(text, i + 1);
      if (!name) return yield { kind: 'error', code: 'malformed', offset: i, detail: text.slice(i, i + 16) };
      const attributes: XmlAttribute[] = [];
      const seen = new Set<string>();
      let at = i + 1 + name.length;
      let selfClosing = false;
      for (;;) {
        const before = at;
        at = skipSpace(text, at);
        if (text[at] === '>') break;
        if (text.startsWith('/>', at)) {
          selfClosing = true;
          at++;
          break;
        }
        const attr = at > before ? readName(text, at) : undefined;
        if (!attr) return yield { kind: 'error', code: at >= n ? 'unterminated' : 'malformed', offset: at, detail: `<${name}` };
        const attrOffset = at;
        at = skipSpace(text, at + attr.length);
        if (text[at] !== '=') return yield { kind: 'error', code: 'malformed', offset: at, detail: attr };
        at = skipSpace(text, at + 1);
        const quote = text[at];
        if (quote !== '"' && quote !== "'") return yield { kind: 'error', code: 'malformed', offset: at, detail: attr };
        const close = text.indexOf(quote, at + 1);
        if (close < 0) return yield { kind: 'error', code: 'unterminated', offset: at, detail: attr };
        const raw = text.slice(at + 1, close);
        if (raw.includes('<')) return yield { kind: 'error', code: 'malformed', offset: at, detail: attr };
        const decoded = decodeReferences(raw, at + 1);
        if (!decoded.ok) return yield { kind: 'error', code: decoded.code, offset: decoded.offset, detail: decoded.detail };
        if (seen.has(attr)) return yield { kind: 'error', code: 'duplicate-attribute', offset: attrOffset, detail: attr };
        seen.add(attr);
        if (attributes.length >= limits.maxAttributes) return yield { kind: 'error', code: 'too-many-attributes', offset: attrOffset, detail: `<${name}` };
        attributes.push({ name: attr, value: decoded.value, offset: attrOffset });
        at = close + 1;
      }
      yield { kind: 'start', name, attributes, selfClosing, offset: i };
      i = at + 1;
    }
  }
}

/** A function giving line and column of offsets in `text`; offsets asked in increasing order cost one pass in all. */
export function lineLocator(text: string): (offset: number) => { line: number; column: number } {
  let scanned = 0;
  let line = 1;
  let lineStart = 0;
  return (offset) => {
    const at = Math.min(Math.max(offset, 0), text.length);
    if (at < scanned) {
      scanned = 0;
      line = 1;
      lineStart = 0;
    }
    for (let i = text.indexOf('\n', scanned); i >= 0 && i < at; i = text.indexOf('\n', i + 1)) {
      line++;
      lineStart = i + 1;
    }
    scanned = at;
    return { line, column: at - lineStart + 1 };
  };
}

/** Line and column (1-based, columns in UTF-16 code units) of an offset in `text`. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let i = text.indexOf('\n'); i >= 0 && i < end; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: end - lineStart + 1 };
}
