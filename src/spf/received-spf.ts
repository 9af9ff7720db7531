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

/** A value as `dot-atom` when it is one, otherwise as a `quoted-string` (RFC 7208 §9.1, RFC 5322 §3.2). */
export function headerValue(value: string): string {
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

function fold(tokens: string[], lineLength: number): string {
  if (lineLength <= 0) return tokens.join(' ');
  let out = '';
  let line = 0;
  for (const token of tokens) {
    if (out === '') {
      out = token;
      line = token.length;
    } else if (line + 1 + token.length > lineLength) {
      out += `\r\n ${token}`;
      line = 1 + token.length;
    } else {
      out += ` ${token}`;
      line += 1 + token.length;
    }
  }
  return out;
}

/**
 * The `Received-SPF` header field for a result (RFC 7208 §9.1): the result word, a comment, and the
 * key-value pairs client-ip, envelope-from, helo, receiver, identity, mechanism (what matched) and
 * problem (why an error). Values are dot-atoms or quoted strings; the field is folded with CRLF + space
 * and returned without the final CRLF.
 */
export function receivedSpf(result: SpfResult, facts: ReceivedSpfFacts = {}, options: ReceivedSpfOptions = {}): string {
  const receiver = clean(facts.receiver ?? 'unknown');
  const pairs: Array<[string, string]> = [['client-ip', result.ip]];
  const mailFrom = facts.mailFrom ?? (result.identity === 'mailfrom' ? result.sender : undefined);
  if (mailFrom !== undefined) pairs.push(['envelope-from', mailFrom]);
  const helo = facts.helo ?? result.helo;
  if (helo !== undefined && helo !== '') pairs.push(['helo', helo]);
  pairs.push(['receiver', receiver], ['identity', result.identity]);
  if ((result.result === 'pass' || result.result === 'fail' || result.result === 'softfail' || result.result === 'neutral') && result.matched) {
    pairs.push(['mechanism', result.matched.term]);
  }
  if (result.result === 'permerror' || result.result === 'temperror') pairs.push(['problem', ascii(describeReason(result.reason, 'en'))]);
  const tokens = ['Received-SPF:', result.result];
  const words = `(${commentText(comment(result, receiver))})`.split(' ');
  tokens.push(...words);
  pairs.forEach(([key, value], i) => tokens.push(`${key}=${headerValue(value)}${i < pairs.length - 1 ? ';' : ''}`));
  return fold(tokens, options.lineLength ?? 78);
}
