import { describeReason } from './explain.js';
import type { SpfResult } from './types.js';

/** Facts for the `Received-SPF` key-value pairs that the result does not hold. */
export interface ReceivedSpfFacts {
  /** The receiving host (`receiver=`). */
  receiver?: string;
  /** The MAIL FROM as given (`envelope-from=`); default: the checked <sender>. */
  mailFrom?: string;
  /** The HELO/EHLO name (`helo=`); default: the one in the result. */
  helo?: string;
}

/** Options for {@link receivedSpf}. */
export interface ReceivedSpfOptions {
  /** Fold lines longer than this (RFC 5322 §2.1.1 recommends 78). Default 78; 0 disables folding. */
  lineLength?: number;
}

const ATEXT = "A-Za-z0-9!#$%&'*+\\-/=?^_`{|}~";
const DOT_ATOM = new RegExp(`^[${ATEXT}]+(?:\\.[${ATEXT}]+)*$`);

/** Drop what may never appear in a header field (CR, LF, NUL and other controls): input comes from strangers. */
function clean(value: string): string {
  return hasControl(value) ? value.replace(/[\x00-\x1f\x7f]/g, '') : value;
}

/** Whether there is a control character (`[\x00-\x1f\x7f]`): a loop, as the values are short and a regex call costs more than the scan. */
function hasControl(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) return true;
  }
  return false;
}

// What a character means to headerValue: atext, ".", text that needs quoting, or text for the general path.
const ATOM_CHAR = 0;
const DOT = 1;
const QUOTED_CHAR = 2;
const GENERAL = 3;

/** The class of each 7-bit code: RFC 5322 atext, the dot, controls with `"` and `\` (general), the rest quoted. */
const CHAR_CLASS = (() => {
  const table = new Uint8Array(128).fill(QUOTED_CHAR);
  for (const ch of "!#$%&'*+-/=?^_`{|}~") table[ch.charCodeAt(0)] = ATOM_CHAR;
  for (let c = 0x30; c <= 0x39; c++) table[c] = ATOM_CHAR;
  for (let c = 0x41; c <= 0x5a; c++) table[c] = ATOM_CHAR;
  for (let c = 0x61; c <= 0x7a; c++) table[c] = ATOM_CHAR;
  table[0x2e] = DOT;
  for (let c = 0; c < 0x20; c++) table[c] = GENERAL;
  table[0x7f] = GENERAL;
  table[0x22] = GENERAL;
  table[0x5c] = GENERAL;
  return table;
})();

/**
 * A value as `dot-atom` when it is one, otherwise as a `quoted-string` (RFC 7208 §9.1, RFC 5322 §3.2). One pass over
 * the characters, one table look-up each, decides the common cases (every value of every message goes through here);
 * text with control characters, `"` or `\` takes the general path.
 */
export function headerValue(value: string): string {
  let dotAtom = value.length > 0;
  let previous = DOT; // a dot-atom may not start with "."
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    const kind = c < 0x80 ? CHAR_CLASS[c]! : QUOTED_CHAR;
    if (kind === GENERAL) return generalValue(value);
    if (kind === QUOTED_CHAR || (kind === DOT && previous === DOT)) dotAtom = false;
    previous = kind;
  }
  if (previous === DOT) dotAtom = false;
  return dotAtom ? value : `"${value}"`;
}

/** {@link headerValue} for any text: controls dropped, then a dot-atom or a quoted-string with `\` and `"` escaped. */
function generalValue(value: string): string {
  const v = clean(value);
  if (DOT_ATOM.test(v)) return v;
  return `"${v.replace(/[\\"]/g, '\\$&')}"`;
}

/** Protocol text stays 7-bit: "§" becomes "section ", dashes "-", anything else non-ASCII "?". */
function ascii(value: string): string {
  return value.replace(/§/g, 'section ').replace(/[\u2010-\u2015]/g, '-').replace(/[^\x00-\x7e]/g, '?');
}

/** A value for the comment: controls dropped, `\`, `(` and `)` escaped. */
function commentValue(value: string): string {
  // Most values need neither: one scan for all of them, and the value as it is.
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 0x20 || c === 0x7f || c === 0x28 || c === 0x29 || c === 0x5c) return clean(value).replace(/[\\()]/g, '\\$&');
  }
  return value;
}

/**
 * The comment RFC 7208 §9.1 suggests: who checked, and what the result says about the client. Only the values are
 * cleaned and escaped, not the whole sentence: the fixed words need neither.
 */
function comment(result: SpfResult, receiver: string): string {
  const r = commentValue(receiver);
  const who = result.identity === 'helo' ? commentValue(`${result.helo ?? result.domain}`) : `domain of ${commentValue(result.sender)}`;
  const ip = commentValue(result.ip);
  switch (result.result) {
    case 'pass':
      return `${r}: ${who} designates ${ip} as permitted sender`;
    case 'fail':
      return `${r}: ${who} does not designate ${ip} as permitted sender`;
    case 'softfail':
      return `${r}: ${who} discourages use of ${ip} as permitted sender`;
    case 'neutral':
      return `${r}: ${ip} is neither permitted nor denied by ${who}`;
    case 'none':
      return `${r}: ${who} does not designate permitted sender hosts`;
    case 'temperror':
      return `${r}: error in processing during lookup of ${who}`;
    case 'permerror':
      return `${r}: permanent error in processing ${who}`;
  }
}

/** Words joined by spaces, folded with CRLF + space before a word that would pass `lineLength` (0: one line). */
class Folder {
  out = '';
  private line = 0;

  constructor(private readonly lineLength: number) {}

  word(word: string): void {
    if (this.out === '') {
      this.out = word;
      this.line = word.length;
    } else if (this.lineLength > 0 && this.line + 1 + word.length > this.lineLength) {
      this.out += `\r\n ${word}`;
      this.line = 1 + word.length;
    } else {
      this.out += ` ${word}`;
      this.line += 1 + word.length;
    }
  }

  /**
   * Each space-separated word of `text` as {@link word} would place it (a comment breaks only at its spaces). Only the
   * line lengths are worked out word by word: the words that share a line are written with one slice of `text`.
   */
  words(text: string): void {
    let run = 0; // where the words on the current line, not yet written, begin in `text`
    let separator = '';
    for (let from = 0; ; ) {
      const next = text.indexOf(' ', from);
      const length = (next < 0 ? text.length : next) - from;
      if (from === 0) {
        // The first word: placed after what the field holds so far.
        if (this.out === '') {
          this.line = length;
        } else if (this.lineLength > 0 && this.line + 1 + length > this.lineLength) {
          separator = '\r\n ';
          this.line = 1 + length;
        } else {
          separator = ' ';
          this.line += 1 + length;
        }
      } else if (this.lineLength > 0 && this.line + 1 + length > this.lineLength) {
        this.out += separator + text.slice(run, from - 1);
        separator = '\r\n ';
        run = from;
        this.line = 1 + length;
      } else {
        this.line += 1 + length;
      }
      if (next < 0) break;
      from = next + 1;
    }
    this.out += separator + text.slice(run);
  }
}

/** `key=value;`, without the `;` after the `last` pair. */
function pair(f: Folder, key: string, value: string, last: string): void {
  f.word(`${key}=${headerValue(value)}${key === last ? '' : ';'}`);
}

/**
 * The `Received-SPF` header field for a result (RFC 7208 §9.1): the result word, a comment, and the
 * key-value pairs client-ip, envelope-from, helo, receiver, identity, mechanism (what matched) and
 * problem (why an error). Values are dot-atoms or quoted strings; the field is folded with CRLF + space
 * and returned without the final CRLF.
 */
export function receivedSpf(result: SpfResult, facts: ReceivedSpfFacts = {}, options: ReceivedSpfOptions = {}): string {
  // Not cleaned here: the comment and headerValue each drop its controls in the scan they make anyway.
  const receiver = facts.receiver ?? 'unknown';
  const mailFrom = facts.mailFrom ?? (result.identity === 'mailfrom' ? result.sender : undefined);
  const helo = facts.helo ?? result.helo;
  const mechanism = (result.result === 'pass' || result.result === 'fail' || result.result === 'softfail' || result.result === 'neutral') && result.matched ? result.matched.term : undefined;
  const problem = result.result === 'permerror' || result.result === 'temperror' ? ascii(describeReason(result.reason, 'en')) : undefined;
  // Written straight into the folder, without arrays of tokens and pairs: this runs for every verified message.
  const f = new Folder(options.lineLength ?? 78);
  f.word('Received-SPF:');
  f.word(result.result);
  f.words(`(${comment(result, receiver)})`);
  const last = problem !== undefined ? 'problem' : mechanism !== undefined ? 'mechanism' : 'identity';
  pair(f, 'client-ip', result.ip, last);
  if (mailFrom !== undefined) pair(f, 'envelope-from', mailFrom, last);
  if (helo !== undefined && helo !== '') pair(f, 'helo', helo, last);
  pair(f, 'receiver', receiver, last);
  pair(f, 'identity', result.identity, last);
  if (mechanism !== undefined) pair(f, 'mechanism', mechanism, last);
  if (problem !== undefined) pair(f, 'problem', problem, last);
  return f.out;
}
