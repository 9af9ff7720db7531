/**
 * A small streaming XML tokenizer for report documents: elements and text only.
 * No DTD, no entity expansion beyond the five predefined entities and character references;
 * a DOCTYPE is an error (DESIGN: hostile input). Bounded depth, element count and token size.
 */

/** Limits of one XML document. */
export interface XmlLimits {
  /** Deepest element nesting. */
  maxDepth: number;
  /** Most elements in the document. */
  maxElements: number;
  /** Longest single token (a tag, a text run, a comment) in characters. */
  maxToken: number;
}

/** Defaults: deep enough for any report, large enough for millions of rows. */
export const DEFAULT_XML_LIMITS: XmlLimits = { maxDepth: 32, maxElements: 100_000_000, maxToken: 1 << 20 };

/** What the tokenizer tells its listener. Names are local names (any prefix removed). */
export interface XmlListener {
  /** An element began; `tag` is the text between `<` and `>` (its attributes). */
  open(name: string, depth: number, tag: string): void;
  text(text: string): void;
  close(name: string, depth: number): void;
  /** When true, runs of text that are only spaces, tabs and line breaks are not reported (values read trimmed). */
  readonly skipBlankText?: boolean;
  /** When present, an element inside the root holding only text, written `<name>text</name>`, comes as one call instead of open, text and close. */
  leaf?(name: string, depth: number, text: string): void;
}

/** Why a document is not acceptable XML. */
export type XmlErrorCode = 'doctype' | 'too-deep' | 'too-many-elements' | 'token-too-long' | 'mismatched-tag' | 'malformed' | 'unclosed' | 'empty';

/** A tokenizer failure, with its code. */
export class XmlError extends Error {
  constructor(readonly code: XmlErrorCode) {
    super(`xml: ${code}`);
  }
}

const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Replace the predefined entities and character references; anything else stays as written. */
export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-zA-Z]{2,4});/g, (whole, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : '\ufffd';
    }
    return PREDEFINED[ref] ?? whole;
  });
}

function localName(qname: string): string {
  const colon = qname.indexOf(':');
  return colon < 0 ? qname : qname.slice(colon + 1);
}

/** Find the `>` that ends a tag starting at `from`, skipping quoted attribute values; -1 if not yet in the buffer. */
function tagEnd(buf: string, from: number): number {
  let quote = 0;
  for (let i = from; i < buf.length; i++) {
    const c = buf.charCodeAt(i);
    if (quote) {
      if (c === quote) quote = 0;
    } else if (c === 0x22 || c === 0x27) quote = c;
    else if (c === 0x3e) return i;
  }
  return -1;
}

/** Whether `buf[from, to)` is only spaces, tabs and line breaks. */
function isBlank(buf: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = buf.charCodeAt(i);
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) return false;
  }
  return true;
}

/** Whether `buf[from, to)` is a bare name: no space, slash or quote (so the tag has no attributes). */
function isName(buf: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = buf.charCodeAt(i);
    if (c <= 0x20 || c === 0x2f || c === 0x22 || c === 0x27) return false;
  }
  return true;
}

/** Streaming tokenizer: `write` text chunks, then `end`. Throws XmlError (caught by the report parser). */
export class XmlTokenizer {
  private buf = '';
  private readonly stack: string[] = [];
  private elements = 0;
  private sawRoot = false;
  private readonly skipBlank: boolean;
  private readonly leaves: boolean;

  constructor(
    private readonly listener: XmlListener,
    private readonly limits: XmlLimits = DEFAULT_XML_LIMITS,
  ) {
    this.skipBlank = listener.skipBlankText === true;
    this.leaves = typeof listener.leaf === 'function';
  }

  /** Feed the next piece of the document. */
  write(chunk: string): void {
    let buf = chunk;
    let from = 0;
    if (this.buf.length) {
      // Finish the token cut at the end of the last piece on a short string, then go on in the piece itself:
      // a flat string is read faster than one joined from two.
      const carried = this.buf;
      this.buf = '';
      const k = chunk.indexOf('>') + 1;
      if (k > 0) {
        const head = carried + chunk.slice(0, k);
        const stop = this.scan(head, 0);
        if (stop >= carried.length) from = stop - carried.length;
        else buf = head.slice(stop) + chunk.slice(k);
      } else buf = carried + chunk;
    }
    const stop = this.scan(buf, from);
    this.buf = stop < buf.length ? buf.slice(stop) : '';
    if (this.buf.length > this.limits.maxToken) throw new XmlError('token-too-long');
  }

  /** Read the tokens of `buf` from `pos`; returns where an incomplete token (or text run) starts, or the end. */
  private scan(buf: string, pos: number): number {
    const stack = this.stack;
    const listener = this.listener;
    const n = buf.length;
    while (pos < n) {
      const lt = buf.indexOf('<', pos);
      if (lt < 0) {
        if (n - pos > this.limits.maxToken) throw new XmlError('token-too-long');
        break;
      }
      if (lt > pos) {
        if (stack.length) {
          if (!this.skipBlank || !isBlank(buf, pos, lt)) listener.text(decodeEntities(buf.slice(pos, lt)));
        } else if (!isBlank(buf, pos, lt) && buf.slice(pos, lt).trim()) throw new XmlError('malformed');
        pos = lt;
      }
      const next = buf.charCodeAt(lt + 1);
      if (Number.isNaN(next)) break;
      let end: number;
      if (next === 0x2f /* / */) {
        // The usual end tag, `</name>` for the open element's unprefixed name, without a copy of it.
        const top = stack[stack.length - 1];
        const after = lt + 2 + (top?.length ?? 0);
        if (top !== undefined && buf.charCodeAt(after) === 0x3e && buf.startsWith(top, lt + 2)) {
          stack.pop();
          listener.close(top, stack.length + 1);
          pos = after + 1;
          continue;
        }
        end = tagEnd(buf, lt + 1);
        if (end < 0) break;
        this.tag(buf.slice(lt + 1, end));
        pos = end + 1;
      } else if (next === 0x21 /* ! */) {
        if (buf.startsWith('<!--', lt)) {
          end = buf.indexOf('-->', lt + 4);
          if (end < 0) break;
          pos = end + 3;
        } else if (buf.startsWith('<![CDATA[', lt)) {
          end = buf.indexOf(']]>', lt + 9);
          if (end < 0) break;
          if (!stack.length) throw new XmlError('malformed');
          listener.text(buf.slice(lt + 9, end));
          pos = end + 3;
        } else if (n - lt < 9) break;
        else if (buf.slice(lt, lt + 9).toUpperCase() === '<!DOCTYPE') throw new XmlError('doctype');
        else throw new XmlError('malformed');
      } else if (next === 0x3f /* ? */) {
        end = buf.indexOf('?>', lt + 2);
        if (end < 0) break;
        pos = end + 2;
      } else {
        // The usual start tag, `<name>` without attributes: its name is its whole body.
        const i = buf.indexOf('>', lt + 1);
        if (i > lt + 1 && isName(buf, lt + 1, i)) {
          const body = buf.slice(lt + 1, i);
          // `<name>text</name>`: one call when the listener takes leaves.
          const close = this.leaves && stack.length ? buf.indexOf('<', i + 1) : -1;
          if (close > 0 && buf.charCodeAt(close + 1) === 0x2f && buf.charCodeAt(close + 2 + body.length) === 0x3e && buf.startsWith(body, close + 2)) {
            if (++this.elements > this.limits.maxElements) throw new XmlError('too-many-elements');
            if (stack.length >= this.limits.maxDepth) throw new XmlError('too-deep');
            listener.leaf!(localName(body), stack.length + 1, close > i + 1 ? decodeEntities(buf.slice(i + 1, close)) : '');
            pos = close + 3 + body.length;
            continue;
          }
          this.start(localName(body), body, false);
          pos = i + 1;
          continue;
        }
        end = tagEnd(buf, lt + 1);
        if (end < 0) break;
        this.tag(buf.slice(lt + 1, end));
        pos = end + 1;
      }
    }
    return pos;
  }

  /** The document is complete: every element must be closed. */
  end(): void {
    if (this.buf.trim()) throw new XmlError(this.stack.length ? 'unclosed' : 'malformed');
    if (this.stack.length) throw new XmlError('unclosed');
    if (!this.sawRoot) throw new XmlError('empty');
  }

  private tag(body: string): void {
    if (body[0] === '/') {
      const name = localName(body.slice(1).trim());
      const open = this.stack.pop();
      if (open !== name) throw new XmlError('mismatched-tag');
      this.listener.close(name, this.stack.length + 1);
      return;
    }
    const selfClosing = body.charCodeAt(body.length - 1) === 0x2f;
    let end = 0;
    while (end < body.length) {
      const c = body.charCodeAt(end);
      if (c === 0x20 || c === 0x2f || c === 0x0a || c === 0x09 || c === 0x0d) break;
      end++;
    }
    if (end === 0) throw new XmlError('malformed');
    this.start(localName(end === body.length ? body : body.slice(0, end)), body, selfClosing);
  }

  private start(name: string, body: string, selfClosing: boolean): void {
    if (!this.stack.length && this.sawRoot) throw new XmlError('malformed');
    this.sawRoot = true;
    if (++this.elements > this.limits.maxElements) throw new XmlError('too-many-elements');
    this.stack.push(name);
    if (this.stack.length > this.limits.maxDepth) throw new XmlError('too-deep');
    this.listener.open(name, this.stack.length, body);
    if (selfClosing) {
      this.stack.pop();
      this.listener.close(name, this.stack.length + 1);
    }
  }
}
