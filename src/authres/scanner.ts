import { decodeEncodedWords } from '../message/encoded-word.js';
import type { AuthResProblem } from './types.js';

const SP = 0x20;
const HTAB = 0x09;
const CR = 0x0d;
const LF = 0x0a;
const BACKSLASH = 0x5c;
const DQUOTE = 0x22;
const LPAREN = 0x28;
const RPAREN = 0x29;

/** Whether `c` is whitespace inside a field value: WSP, or the CR and LF of folding left in the text. */
export function isWsp(c: number): boolean {
  return c === SP || c === HTAB || c === CR || c === LF;
}

/** Characters that end a keyword (method, result, ptype.property, reason): WSP ( ) ; " = / */
export function endsKeyword(c: number): boolean {
  return isWsp(c) || c === LPAREN || c === RPAREN || c === 0x3b || c === DQUOTE || c === 0x3d || c === 0x2f;
}

/** Characters that end an authserv-id: like a keyword, but `/` stays (OpenDKIM's `host/jobid`). */
export function endsAuthservId(c: number): boolean {
  return c !== 0x2f && endsKeyword(c);
}

/** Characters that end an unquoted piece of a value: WSP ( ) ; " (a value may hold `=`, `/` and `@`). */
export function endsValue(c: number): boolean {
  return isWsp(c) || c === LPAREN || c === RPAREN || c === 0x3b || c === DQUOTE;
}

/** A cursor over a field value that reads the RFC 5322 lexical pieces RFC 8601 is built from, never throwing. */
export class Scanner {
  /** UTF-16 index of the next character. */
  pos: number;
  private commentLimitReported = false;

  constructor(
    readonly text: string,
    start: number,
    readonly problems: AuthResProblem[],
    private readonly maxComments: number,
  ) {
    this.pos = start;
  }

  /** Whether everything has been read. */
  atEnd(): boolean {
    return this.pos >= this.text.length;
  }

  /** The next character's code, or -1 at the end. */
  peek(): number {
    return this.pos < this.text.length ? this.text.charCodeAt(this.pos) : -1;
  }

  /** Skip whitespace and comments (CFWS); comments go to `into` while it has room. */
  skipCfws(into: string[] | undefined): void {
    for (;;) {
      const c = this.peek();
      if (c === -1) return;
      if (isWsp(c)) this.pos++;
      else if (c === LPAREN) {
        const start = this.pos;
        const comment = this.readComment();
        if (!into) continue;
        if (into.length < this.maxComments) into.push(comment);
        else if (!this.commentLimitReported) {
          this.commentLimitReported = true;
          this.problems.push({ code: 'limit', limit: 'maxComments', max: this.maxComments, position: start });
        }
      } else return;
    }
  }

  /** Read a run of characters up to one that `stop` accepts. */
  readWord(stop: (c: number) => boolean): string {
    const start = this.pos;
    const text = this.text;
    let i = start;
    while (i < text.length && !stop(text.charCodeAt(i))) i++;
    this.pos = i;
    return text.slice(start, i);
  }

  /** Read a comment at `(`: the text inside, quoted-pairs resolved, nested comments kept, whitespace runs made one space. */
  readComment(): string {
    const text = this.text;
    const start = this.pos;
    let i = start + 1;
    let depth = 1;
    let out = '';
    let runStart = i;
    const flush = (end: number): void => {
      out += text.slice(runStart, end);
    };
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === BACKSLASH && i + 1 < text.length) {
        flush(i);
        out += text[i + 1];
        i += 2;
        runStart = i;
        continue;
      }
      if (c === LPAREN) depth++;
      else if (c === RPAREN && --depth === 0) {
        flush(i);
        this.pos = i + 1;
        return commentValue(out);
      }
      i++;
    }
    flush(i);
    this.pos = i;
    this.problems.push({ code: 'unterminated-comment', position: start });
    return commentValue(out);
  }

  /** Read a quoted-string at `"`: its content (quoted-pairs resolved, folding CRLF removed) and its text as written. */
  readQuoted(): { content: string; raw: string } {
    const text = this.text;
    const start = this.pos;
    let i = start + 1;
    let out = '';
    let runStart = i;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === BACKSLASH && i + 1 < text.length) {
        out += text.slice(runStart, i) + text[i + 1];
        i += 2;
        runStart = i;
      } else if (c === CR || c === LF) {
        out += text.slice(runStart, i);
        i++;
        runStart = i;
      } else if (c === DQUOTE) {
        out += text.slice(runStart, i);
        this.pos = i + 1;
        return { content: out, raw: text.slice(start, i + 1) };
      } else i++;
    }
    out += text.slice(runStart, i);
    this.pos = i;
    this.problems.push({ code: 'unterminated-quoted-string', position: start });
    return { content: out, raw: text.slice(start, i) };
  }

  /**
   * Read a value (RFC 8601 `pvalue`, RFC 2045 `value`): a token, a quoted-string, or pieces of both written together
   * (`"john doe"@example.com`). One quoted-string gives its content; anything else is kept as written.
   */
  readValue(): { value: string; quoted: boolean } {
    let out = '';
    let pieces = 0;
    let lastQuoted: string | undefined;
    for (;;) {
      const c = this.peek();
      if (c === -1) break;
      if (c === DQUOTE) {
        const q = this.readQuoted();
        out += q.raw;
        lastQuoted = q.content;
        pieces++;
      } else if (endsValue(c)) break;
      else {
        out += this.readWord(endsValue);
        lastQuoted = undefined;
        pieces++;
      }
    }
    if (pieces === 1 && lastQuoted !== undefined) return { value: lastQuoted, quoted: true };
    return { value: out, quoted: false };
  }

  /** Skip to the next `;` outside comments and quoted strings (not consumed), or to the end. */
  skipToSemicolon(): void {
    for (;;) {
      const c = this.peek();
      if (c === -1 || c === 0x3b) return;
      if (c === LPAREN) this.readComment();
      else if (c === DQUOTE) this.readQuoted();
      else this.pos++;
    }
  }
}

/** Whitespace runs (tabs and folding included) become one space; the ends are trimmed. */
export function squeeze(text: string): string {
  return text.replace(/[ \t\r\n]+/g, ' ').trim();
}

/** Comment text as a reader sees it: whitespace squeezed, RFC 2047 encoded-words decoded (RFC 2047 §5 allows them in comments). */
function commentValue(text: string): string {
  const squeezed = squeeze(text);
  return squeezed.includes('=?') ? decodeEncodedWords(squeezed) : squeezed;
}
