import { domainForms } from '../message/domain.js';

/** Longest piece of text (value, comment, reason) written into a field, so that no line can pass RFC 5322's 998 octets. */
export const MAX_TEXT = 400;

/** RFC 2045 §5.1 token: US-ASCII printable characters except SPACE and tspecials `()<>@,;:\"/[]?=` (the definition {@link isToken} follows). */
export const TOKEN = /^[!#$%&'*+\-.0-9A-Z^_`a-z{|}~]+$/;
/** RFC 5322 atext, 7-bit. */
const ATEXT = "A-Za-z0-9!#$%&'*+\\-/=?^_`{|}~";
const DOT_ATOM = new RegExp(`^[${ATEXT}]+(?:\\.[${ATEXT}]+)*$`);
/** RFC 6532 §3.2: atext extended with UTF-8. */
const DOT_ATOM_UTF8 = new RegExp(`^[${ATEXT}\\u0080-\\uFFFF]+(?:\\.[${ATEXT}\\u0080-\\uFFFF]+)*$`);
/** A local-part that most A-R readers take unquoted: dot-atom without the tspecials `/`, `=` and `?` (the definition {@link isPlainLocal} follows). */
export const PLAIN_LOCAL = /^[A-Za-z0-9!#$%&'*+\-^_`{|}~]+(?:\.[A-Za-z0-9!#$%&'*+\-^_`{|}~]+)*$/;
const QUOTED_LOCAL = /^"(?:[^"\\]|\\.)*"$/;
/** A domain name as RFC 8601 `pvalue` takes it (RFC 6376 `domain-name`): letters, digits, `-` and `_` in labels. */
const DOMAIN_NAME = /^[A-Za-z0-9_](?:[A-Za-z0-9_-]*[A-Za-z0-9_])?(?:\.[A-Za-z0-9_](?:[A-Za-z0-9_-]*[A-Za-z0-9_])?)*$/;
// eslint-disable-next-line no-control-regex
const NON_ASCII = /[^\x00-\x7f]/;
/** Already clean: printable ASCII words separated by single spaces (the definition {@link isPrintableWords} follows). */
export const PRINTABLE = /^[!-~]+(?: [!-~]+)*$/;
/** A lower-case ASCII domain name as A-R writes it unchanged (the definition {@link isPlainDomain} follows; `xn--` labels are checked apart, a look-ahead here would rescan every name). */
export const PLAIN_DOMAIN = /^[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?(?:\.[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?)*$/;

/**
 * {@link PRINTABLE} without the regex: printable ASCII words separated by single spaces. Loops like this one replace
 * regexes on the per-message path, where each regex call showed in profiles; tests hold each to its regex.
 */
export function isPrintableWords(value: string): boolean {
  if (value.length === 0) return false;
  let previous = 0x20; // no leading space
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 0x20 ? previous === 0x20 : c < 0x21 || c > 0x7e) return false;
    previous = c;
  }
  return previous !== 0x20;
}

/** Character tables for the loops below: 1 for each 7-bit code the class holds. */
function charTable(ranges: readonly [number, number][], except: string): Uint8Array {
  const table = new Uint8Array(128);
  for (const [from, to] of ranges) for (let c = from; c <= to; c++) table[c] = 1;
  for (const ch of except) table[ch.charCodeAt(0)] = 0;
  return table;
}

/** {@link TOKEN}: printable ASCII but the tspecials. */
const TOKEN_CHARS = charTable([[0x21, 0x7e]], '()<>@,;:\\"/[]?=');
/** {@link PLAIN_LOCAL}'s word characters: atext without `/`, `=` and `?`. */
const PLAIN_LOCAL_CHARS = charTable([[0x21, 0x7e]], '"(),.:;<>@[\\]/=?');

/** {@link TOKEN} without the regex (see {@link isPrintableWords}). */
export function isToken(value: string): boolean {
  if (value.length === 0) return false;
  for (let i = 0; i < value.length; i++) if (TOKEN_CHARS[value.charCodeAt(i)] !== 1) return false;
  return true;
}

/** {@link PLAIN_LOCAL} without the regex: words of its characters joined by single dots. */
export function isPlainLocal(local: string): boolean {
  if (local.length === 0) return false;
  let previous = 0x2e; // as if after a dot: no leading dot
  for (let i = 0; i < local.length; i++) {
    const c = local.charCodeAt(i);
    if (c === 0x2e ? previous === 0x2e : PLAIN_LOCAL_CHARS[c] !== 1) return false;
    previous = c;
  }
  return previous !== 0x2e;
}

/**
 * {@link PLAIN_DOMAIN} without the regex: lower-case labels of `a-z 0-9 _ -`, none empty, none starting or ending
 * with `-`; and with `allowALabels` false, none starting with `xn--` (a name written as it is needs no IDNA check).
 */
export function isPlainDomain(name: string, allowALabels = true): boolean {
  if (name.length === 0) return false;
  let previous = 0x2e; // as if after a dot: the first label starts here
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c === 0x2e) {
      if (previous === 0x2e || previous === 0x2d) return false;
    } else if (c === 0x2d) {
      if (previous === 0x2e) return false;
    } else if (!((c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || c === 0x5f)) return false;
    else if (c === 0x78 && previous === 0x2e && !allowALabels && name.startsWith('xn--', i)) return false;
    previous = c;
  }
  return previous !== 0x2e && previous !== 0x2d;
}

/**
 * Make text from strangers safe for a header field: every control character (CR, LF, NUL, TAB, DEL, C1, U+2028/9)
 * becomes a space, whitespace runs become one space, the ends are trimmed, and the length is bounded. Without `utf8`
 * the result is 7-bit: `§` becomes `section `, typographic dashes and quotes their ASCII forms, anything else `?`.
 */
export function cleanText(value: string, utf8: boolean, max = MAX_TEXT): string {
  if (value.length <= max && isPrintableWords(value)) return value;
  // eslint-disable-next-line no-control-regex
  let v = value.replace(/[\x00-\x1f\x7f-\x9f\u2028\u2029]/g, ' ');
  if (!utf8) v = toAscii(v);
  v = v.replace(/\s+/g, ' ').trim();
  if (v.length > max) {
    let cut = max - 3;
    const code = v.charCodeAt(cut - 1);
    if (code >= 0xd800 && code <= 0xdbff) cut--;
    v = `${v.slice(0, cut)}...`;
  }
  return v.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '?');
}

function toAscii(value: string): string {
  return value
    .replace(/§/g, 'section ')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/\u00a0/g, ' ')
    .replace(/[^\x00-\x7e]/gu, '?');
}

/** `"..."` with `\` and `"` escaped (RFC 5322 §3.2.4). */
export function quoteString(value: string): string {
  // Most text has neither: two scans for a character are cheaper than a replace.
  if (value.indexOf('"') < 0 && value.indexOf('\\') < 0) return `"${value}"`;
  return `"${value.replace(/[\\"]/g, '\\$&')}"`;
}

/** An RFC 2045 `value`: the text as a token when it is one, otherwise a quoted-string. Input must be clean. */
export function tokenOrQuoted(value: string): string {
  return isToken(value) ? value : quoteString(value);
}

/** A comment with `\`, `(` and `)` escaped. Input must be clean. */
export function commentText(value: string): string {
  // Most comments need no escape: three scans for a character are cheaper than a replace.
  if (value.indexOf('(') < 0 && value.indexOf(')') < 0 && value.indexOf('\\') < 0) return `(${value})`;
  return `(${value.replace(/[\\()]/g, '\\$&')})`;
}

/**
 * Comment text for a 7-bit field: runs of words with non-ASCII characters become RFC 2047 `B` encoded-words
 * (RFC 2047 §5 allows them in comments of structured fields), each under 75 characters, so Japanese reasons survive.
 * Input must be clean.
 */
export function encodeCommentText(value: string): string {
  if (!NON_ASCII.test(value)) return value;
  const out: string[] = [];
  let run: string[] = [];
  const flush = (): void => {
    if (run.length > 0) out.push(...encodedWords(run.join(' ')));
    run = [];
  };
  for (const word of value.split(' ')) {
    if (NON_ASCII.test(word)) run.push(word);
    else {
      flush();
      out.push(word);
    }
  }
  flush();
  return out.join(' ');
}

/** `=?UTF-8?B?...?=` words of at most 45 octets of text each (72 characters), split between characters. */
function encodedWords(text: string): string[] {
  const words: string[] = [];
  let chunk = '';
  let octets = 0;
  for (const ch of text) {
    const n = Buffer.byteLength(ch, 'utf8');
    if (octets + n > 45 && chunk !== '') {
      words.push(chunk);
      chunk = '';
      octets = 0;
    }
    chunk += ch;
    octets += n;
  }
  if (chunk !== '') words.push(chunk);
  return words.map((w) => `=?UTF-8?B?${Buffer.from(w, 'utf8').toString('base64')}?=`);
}

/** The index of the last `@`, or -1: `indexOf` steps, because V8 runs `lastIndexOf` as a much slower runtime call. */
export function lastAt(value: string): number {
  let at = -1;
  for (let next = value.indexOf('@'); next >= 0; next = value.indexOf('@', next + 1)) at = next;
  return at;
}

/** Whether a domain is written unchanged: a plain lower-case name without A-labels (every step below then leaves it as it is). */
function isDomainAsIs(name: string): boolean {
  return name.length <= 253 && isPlainDomain(name, false);
}

/** A domain in A-labels when it is a domain name, otherwise undefined. */
export function asciiDomain(value: string): string | undefined {
  const v = value.endsWith('.') ? value.slice(0, -1) : value;
  if (v === '' || v.startsWith('[')) return undefined;
  const lower = v.toLowerCase();
  if (lower.length <= 253 && isPlainDomain(lower, false)) return lower;
  const forms = domainForms(v);
  if (!forms.ok || !DOMAIN_NAME.test(forms.ascii)) return undefined;
  return forms.ascii;
}

/** A `pvalue` holding a domain (RFC 8601 §2.2): the A-label form, or a quoted-string when it is no domain name (`[192.0.2.1]`). */
export function domainValue(raw: string, utf8: boolean): string {
  if (isDomainAsIs(raw)) return raw;
  const v = cleanText(raw, true);
  if (v === '') return '';
  const ascii = asciiDomain(v);
  return ascii ?? tokenOrQuoted(cleanText(raw, utf8));
}

/**
 * A `pvalue` holding an address or domain (RFC 8601 §2.2 `[[local-part] "@"] domain-name`): `user@example.com`,
 * `@example.com` or `example.com`; a local-part with tspecials makes the whole address a quoted-string (as Fastmail
 * writes `"prvs=...@example.com"`). Without `utf8`, a non-ASCII local-part is left out (`@example.com`).
 */
export function addressValue(raw: string, utf8: boolean): string {
  // The usual address (`bounce+123@example.com`) is written as it is: two scans decide it, nothing is copied.
  // (The first "@" is the last one when a plain domain, which has none, follows it.)
  const first = raw.indexOf('@');
  if (first > 0 && raw.length <= MAX_TEXT && isPlainLocal(raw.slice(0, first)) && isDomainAsIs(raw.slice(first + 1))) return raw;
  const clean = cleanText(raw, true);
  // `<...>` unwrapped (cleaned text has no line terminators, so this is /^<(.*)>$/ without the regex).
  const v = clean.length >= 2 && clean.charCodeAt(0) === 0x3c && clean.endsWith('>') ? clean.slice(1, -1) : clean;
  if (v === '') return '';
  const at = lastAt(v);
  if (at < 0) return domainValue(v, utf8);
  const domain = asciiDomain(v.slice(at + 1));
  if (domain === undefined) return tokenOrQuoted(cleanText(v, utf8));
  let local = v.slice(0, at);
  if (local === '') return `@${domain}`;
  // The usual local-part (`bounce+123@`, `first.last@`) is written as it is: one scan decides it.
  if (isPlainLocal(local)) return `${local}@${domain}`;
  if (NON_ASCII.test(local) && !utf8) return `@${domain}`;
  if (!(NON_ASCII.test(local) ? DOT_ATOM_UTF8 : DOT_ATOM).test(local) && !QUOTED_LOCAL.test(local)) local = quoteString(local);
  const address = `${local}@${domain}`;
  return PLAIN_LOCAL.test(local) ? address : quoteString(address);
}
