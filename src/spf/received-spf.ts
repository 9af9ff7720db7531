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
const CONTROL = /[\x00-\x1f\x7f]/;

/** Drop what may never appear in a header field (CR, LF, NUL and other controls): input comes from strangers. */
function clean(value: string): string {
  return CONTROL.test(value) ? value.replace(/[\x00-\x1f\x7f]/g, '') : value;
}

/** RFC 5322 atext (7-bit), as a table: 1 for each character code that may appear in a dot-atom's words. */
const ATEXT_TABLE = (() => {
  const table = new Uint8Array(128);
  for (const ch of "!#$%&'*+-/=?^_`{|}~") table[ch.charCodeAt(0)] = 1;
  for (let c = 0x30; c <= 0x39; c++) table[c] = 1;
  for (let c = 0x41; c <= 0x5a; c++) table[c] = 1;
  for (let c = 0x61; c <= 0x7a; c++) table[c] = 1;
  return table;
})();

/**
 * A value as `dot-atom` when it is one, otherwise as a `quoted-string` (RFC 7208 §9.1, RFC 5322 §3.2). One pass over
 * the characters decides the common cases (every value of every message goes through here); text with control
 * characters, `"` or `\` takes the general path.
 */
export function headerValue(value: string): string {
  let dotAtom = value.length > 0;
  let previous = 0x2e; // a dot-atom may not start with "."
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 0x20 || c === 0x7f || c === 0x22 || c === 0x5c) return generalValue(value);
    if (c === 0x2e ? previous === 0x2e : c > 0x7e || ATEXT_TABLE[c] !== 1) dotAtom = false;
    previous = c;
  }
  if (previous === 0x2e) dotAtom = false;
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

function commentText(value: string): string {
  return clean(value).replace(/[\\()]/g, '\\$&');
}

/** The comment RFC 7208 §9.1 suggests: who checked, and what the result says about the client. */
function comment(result: SpfResult, receiver: string): string {
  const who = result.identity === 'helo' ? `${result.helo ?? result.domain}` : `domain of ${result.sender}`;
  const ip = result.ip;
  switch (result.result) {
    case 'pass':
      return `${receiver}: ${who} designates ${ip} as permitted sender`;
    case 'fail':
      return `${receiver}: ${who} does not designate ${ip} as permitted sender`;
    case 'softfail':
      return `${receiver}: ${who} discourages use of ${ip} as permitted sender`;
    case 'neutral':
      return `${receiver}: ${ip} is neither permitted nor denied by ${who}`;
    case 'none':
      return `${receiver}: ${who} does not designate permitted sender hosts`;
    case 'temperror':
      return `${receiver}: error in processing during lookup of ${who}`;
    case 'permerror':
      return `${receiver}: permanent error in processing ${who}`;
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

  /** Each space-separated word of `text` (a comment breaks only at its spaces). */
  words(text: string): void {
    let from = 0;
    for (let next = text.indexOf(' '); next >= 0; next = text.indexOf(' ', from)) {
      this.word(text.slice(from, next));
      from = next + 1;
    }
    this.word(text.slice(from));
  }
}

/**
 * The `Received-SPF` header field for a result (RFC 7208 §9.1): the result word, a comment, and the
 * key-value pairs client-ip, envelope-from, helo, receiver, identity, mechanism (what matched) and
 * problem (why an error). Values are dot-atoms or quoted strings; the field is folded with CRLF + space
 * and returned without the final CRLF.
 */
export function receivedSpf(result: SpfResult, facts: ReceivedSpfFacts = {}, options: ReceivedSpfOptions = {}): string {
  const receiver = clean(facts.receiver ?? 'unknown');
  const mailFrom = facts.mailFrom ?? (result.identity === 'mailfrom' ? result.sender : undefined);
  const helo = facts.helo ?? result.helo;
  const mechanism = (result.result === 'pass' || result.result === 'fail' || result.result === 'softfail' || result.result === 'neutral') && result.matched ? result.matched.term : undefined;
  const problem = result.result === 'permerror' || result.result === 'temperror' ? ascii(describeReason(result.reason, 'en')) : undefined;
  // Written straight into the folder, without arrays of tokens and pairs: this runs for every verified message.
  const f = new Folder(options.lineLength ?? 78);
  f.word('Received-SPF:');
  f.word(result.result);
  f.words(`(${commentText(comment(result, receiver))})`);
  const last = problem !== undefined ? 'problem' : mechanism !== undefined ? 'mechanism' : 'identity';
  const pair = (key: string, value: string): void => f.word(`${key}=${headerValue(value)}${key === last ? '' : ';'}`);
  pair('client-ip', result.ip);
  if (mailFrom !== undefined) pair('envelope-from', mailFrom);
  if (helo !== undefined && helo !== '') pair('helo', helo);
  pair('receiver', receiver);
  pair('identity', result.identity);
  if (mechanism !== undefined) pair('mechanism', mechanism);
  if (problem !== undefined) pair('problem', problem);
  return f.out;
}
