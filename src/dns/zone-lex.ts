import type { ZoneSyntaxError } from './zone-types.js';

/** One token of a master file: a word or a quoted string (RFC 1035 §5.1), escapes still in `raw`. */
export interface ZoneToken {
  /** The characters as written, without the surrounding quotes. */
  raw: string;
  quoted: boolean;
  /** 1-based line and column of the token's first character (the quote, for a quoted string). */
  line: number;
  column: number;
}

/** One entry: the tokens of one line, or of several lines joined by parentheses. */
export interface ZoneEntry {
  tokens: ZoneToken[];
  /** The entry began with a blank: the owner is the previous one (RFC 1035 §5.1). */
  ownerOmitted: boolean;
  line: number;
}

const DELIMITERS = new Set([' ', '\t', '\r', '\n', ';', '(', ')', '"']);

/** Splits master-file text into entries; linear in the input, never throws. */
export class ZoneLexer {
  private i = 0;
  private line = 1;
  private lineStart = 0;

  constructor(private readonly text: string) {}

  private column(at: number = this.i): number {
    return at - this.lineStart + 1;
  }

  private newline(): void {
    this.i++;
    this.line++;
    this.lineStart = this.i;
  }

  private error(code: ZoneSyntaxError['code'], line: number, column: number, detail?: string): ZoneSyntaxError {
    return detail === undefined ? { code, line, column } : { code, line, column, detail };
  }

  /** The next non-empty entry, an error, or undefined at the end of the text. */
  next(maxTokens: number): ZoneEntry | ZoneSyntaxError | undefined {
    const text = this.text;
    for (;;) {
      if (this.i >= text.length) return undefined;
      const first = text[this.i];
      const entry: ZoneEntry = { tokens: [], ownerOmitted: first === ' ' || first === '\t', line: this.line };
      let depth = 0;
      let openLine = 0;
      let openColumn = 0;
      while (this.i < text.length) {
        const c = text[this.i]!;
        if (c === '\n') {
          if (depth === 0) {
            this.newline();
            break;
          }
          this.newline();
        } else if (c === ' ' || c === '\t' || c === '\r') {
          this.i++;
        } else if (c === ';') {
          const end = text.indexOf('\n', this.i);
          this.i = end === -1 ? text.length : end;
        } else if (c === '(') {
          if (depth === 0) {
            openLine = this.line;
            openColumn = this.column();
          }
          depth++;
          this.i++;
        } else if (c === ')') {
          if (depth === 0) return this.error('unbalanced-paren', this.line, this.column());
          depth--;
          this.i++;
        } else {
          const token = c === '"' ? this.quoted() : this.word();
          if ('code' in token) return token;
          if (entry.tokens.length >= maxTokens) return this.error('too-many-tokens', token.line, token.column);
          entry.tokens.push(token);
        }
      }
      if (depth > 0) return this.error('unclosed-paren', openLine, openColumn);
      if (entry.tokens.length > 0) return entry;
    }
  }

  private quoted(): ZoneToken | ZoneSyntaxError {
    const text = this.text;
    const line = this.line;
    const column = this.column();
    const start = ++this.i;
    while (this.i < text.length) {
      const c = text[this.i];
      if (c === '"') {
        const raw = text.slice(start, this.i++);
        return { raw, quoted: true, line, column };
      }
      if (c === '\n') break;
      if (c === '\\') {
        if (text[this.i + 1] === '\n' || this.i + 1 >= text.length) break;
        this.i++;
      }
      this.i++;
    }
    return this.error('unterminated-string', line, column);
  }

  private word(): ZoneToken | ZoneSyntaxError {
    const text = this.text;
    const column = this.column();
    const start = this.i;
    while (this.i < text.length && !DELIMITERS.has(text[this.i]!)) {
      if (text[this.i] === '\\') {
        const escaped = text[this.i + 1];
        if (escaped === undefined || escaped === '\n' || escaped === '\r') {
          return this.error('bad-escape', this.line, this.column(), '\\');
        }
        this.i++;
      }
      this.i++;
    }
    return { raw: text.slice(start, this.i), quoted: false, line: this.line, column };
  }
}

/** Column of the character at `offset` inside a token's raw text. */
export function columnOf(token: ZoneToken, offset: number): number {
  return token.column + offset + (token.quoted ? 1 : 0);
}

/** Decode a token's escapes (RFC 1035 §5.1: `\X` is X, `\DDD` is the octet DDD) into bytes. */
export function decodeEscapes(token: ZoneToken): Uint8Array | ZoneSyntaxError {
  const raw = token.raw;
  const out: number[] = [];
  for (let i = 0; i < raw.length; ) {
    const c = raw.charCodeAt(i);
    if (c === 0x5c) {
      const d = raw.slice(i + 1, i + 4);
      if (/^\d/.test(d)) {
        const value = Number(d);
        if (!/^\d{3}$/.test(d) || value > 255) {
          return { code: 'bad-escape', line: token.line, column: columnOf(token, i), detail: `\\${d}` };
        }
        out.push(value);
        i += 4;
        continue;
      }
      i++;
      if (i >= raw.length) return { code: 'bad-escape', line: token.line, column: columnOf(token, i - 1), detail: '\\' };
    }
    const cp = raw.codePointAt(i)!;
    const ch = String.fromCodePoint(cp);
    if (cp < 0x80) out.push(cp);
    else for (const b of Buffer.from(ch, 'utf8')) out.push(b);
    i += ch.length;
  }
  return Uint8Array.from(out);
}
