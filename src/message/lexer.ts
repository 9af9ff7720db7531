import type { FieldError, MessageLimits } from './types.js';

/** One lexical unit of a structured header field (RFC 5322 §3.2). */
export interface Token {
  kind: 'atom' | 'quoted' | 'literal' | 'special' | 'comment' | 'other';
  /** Atom text, quoted-string or comment content with quoted-pairs resolved, literal content, or the character itself. */
  text: string;
  start: number;
  end: number;
  /** Whether whitespace or a comment came before this token. */
  space: boolean;
}

/** Outcome of tokenising a field value. */
export type LexResult = { ok: true; tokens: Token[] } | { ok: false; error: FieldError };

const SPECIALS = '<>@,;:.';

/** Whether code unit `c` is atext (RFC 5322 §3.2.3), counting every non-ASCII character as atext (RFC 6532 §3.2). */
export function isAtext(c: number): boolean {
  if (c >= 0x80) return true;
  if (c >= 0x61 && c <= 0x7a) return true; // a-z
  if (c >= 0x41 && c <= 0x5a) return true; // A-Z
  if (c >= 0x30 && c <= 0x39) return true; // 0-9
  return "!#$%&'*+-/=?^_`{|}~".includes(String.fromCharCode(c));
}

function isWsp(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0a;
}

/** Split a field value into atoms, quoted strings, domain literals, specials and comments, in one linear pass. */
export function tokenize(value: string, limits: Pick<MessageLimits, 'maxCommentDepth'>): LexResult {
  const tokens: Token[] = [];
  let i = 0;
  let space = false;
  const n = value.length;
  while (i < n) {
    const c = value.charCodeAt(i);
    const start = i;
    if (isWsp(c)) {
      space = true;
      i++;
      continue;
    }
    if (c === 0x28 /* ( */) {
      let depth = 0;
      let text = '';
      for (; i < n; i++) {
        const d = value.charCodeAt(i);
        if (d === 0x5c && i + 1 < n) {
          text += value[++i];
          continue;
        }
        if (d === 0x28) {
          depth++;
          if (depth > limits.maxCommentDepth) {
            return { ok: false, error: { code: 'limit', limit: 'maxCommentDepth', max: limits.maxCommentDepth, position: i } };
          }
          if (depth === 1) continue;
        } else if (d === 0x29) {
          depth--;
          if (depth === 0) break;
        }
        text += value[i];
      }
      if (depth !== 0) return { ok: false, error: { code: 'unterminated-comment', position: start } };
      i++;
      tokens.push({ kind: 'comment', text, start, end: i, space });
      space = true;
      continue;
    }
    if (c === 0x22 /* " */) {
      let text = '';
      i++;
      let closed = false;
      for (; i < n; i++) {
        const d = value.charCodeAt(i);
        if (d === 0x5c && i + 1 < n) {
          text += value[++i];
          continue;
        }
        if (d === 0x22) {
          closed = true;
          break;
        }
        text += value[i];
      }
      if (!closed) return { ok: false, error: { code: 'unterminated-quoted-string', position: start } };
      i++;
      tokens.push({ kind: 'quoted', text, start, end: i, space });
      space = false;
      continue;
    }
    if (c === 0x5b /* [ */) {
      const close = value.indexOf(']', i);
      const nextOpen = value.indexOf('[', i + 1);
      if (close < 0 || (nextOpen >= 0 && nextOpen < close)) {
        return { ok: false, error: { code: 'unterminated-domain-literal', position: start } };
      }
      i = close + 1;
      tokens.push({ kind: 'literal', text: value.slice(start + 1, close), start, end: i, space });
      space = false;
      continue;
    }
    if (isAtext(c)) {
      while (i < n && isAtext(value.charCodeAt(i))) i++;
      tokens.push({ kind: 'atom', text: value.slice(start, i), start, end: i, space });
      space = false;
      continue;
    }
    i++;
    tokens.push({ kind: SPECIALS.includes(value[start]!) ? 'special' : 'other', text: value[start]!, start, end: i, space });
    space = false;
  }
  return { ok: true, tokens };
}
