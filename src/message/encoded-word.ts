import { TextDecoder } from 'node:util';

/** RFC 2047 encoded-word: `=?charset[*lang]?B|Q?text?=`; every part stops at `?` or whitespace, so matching stays linear. */
const ENCODED_WORD = /=\?([^?\s*]+)(?:\*[^?\s]*)?\?([bBqQ])\?([^?\s]*)\?=/g;
const ONLY_WSP = /^[ \t\r\n]*$/;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Charset names seen in mail that the WHATWG encoding list spells differently. */
const CHARSET_ALIASES: Record<string, string> = {
  cp932: 'shift_jis',
  'x-cp932': 'shift_jis',
  'iso-2022-jp-1': 'iso-2022-jp',
  'iso-2022-jp-2': 'iso-2022-jp',
  'iso-2022-jp-3': 'iso-2022-jp',
  'x-euc-jp': 'euc-jp',
  utf8: 'utf-8',
};

const decoders = new Map<string, TextDecoder | null>();

/** A decoder for `charset`, or null when Node does not know it. */
function decoderFor(charset: string): TextDecoder | null {
  // Known by the label as written first: lower-casing it for every word showed in profiles.
  let decoder = decoders.get(charset);
  if (decoder !== undefined) return decoder;
  const label = charset.toLowerCase();
  decoder = decoders.get(label);
  if (decoder === undefined) {
    try {
      decoder = new TextDecoder(CHARSET_ALIASES[label] ?? label);
    } catch {
      decoder = null;
    }
  }
  if (decoders.size < 256) {
    decoders.set(label, decoder);
    decoders.set(charset, decoder);
  }
  return decoder;
}

/** The octets an encoded word's text stands for, or undefined if the text is not valid for its encoding. */
function wordBytes(encoding: string, text: string): Uint8Array | undefined {
  if (encoding === 'b' || encoding === 'B') {
    if (!BASE64.test(text)) return undefined;
    return Buffer.from(text, 'base64');
  }
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5f) out.push(0x20);
    else if (c === 0x3d) {
      const hex = text.slice(i + 1, i + 3);
      if (!/^[0-9A-Fa-f]{2}$/.test(hex)) return undefined;
      out.push(parseInt(hex, 16));
      i += 2;
    } else if (c > 0x7e) return undefined;
    else out.push(c);
  }
  return Uint8Array.from(out);
}

/**
 * Append `next` to a run of same-charset words. ISO-2022-JP words each end by switching back to
 * ASCII; WHATWG's decoder reports an error for an escape sequence right after another, so the
 * redundant switch at the boundary is dropped before decoding the run as one stream.
 */
function joinStateful(run: Uint8Array[], next: Uint8Array, charset: string): void {
  const last = run[run.length - 1]!;
  const n = last.length;
  if (charset.startsWith('iso-2022-jp') && next[0] === 0x1b && n >= 3 && last[n - 3] === 0x1b && last[n - 2] === 0x28) {
    run[run.length - 1] = last.subarray(0, n - 3);
  }
  run.push(next);
}

interface Word {
  start: number;
  end: number;
  charset: string;
  bytes: Uint8Array;
}

const QUESTION = 0x3f;

/**
 * The one encoded word `text` consists of, when it is exactly one (the usual display name): read by position
 * instead of the regex iterator, which costs more than the decoding. Undefined when `text` is anything else,
 * or a word {@link decodeEncodedWords} would leave as written; the general path then reads it.
 */
function wholeWord(text: string): { decoder: TextDecoder; bytes: Uint8Array } | undefined {
  const n = text.length;
  if (n < 8 || !text.startsWith('=?') || !text.endsWith('?=')) return undefined;
  // Printable ASCII without spaces: no part of a word may hold whitespace (the regex's \s).
  for (let i = 2; i < n - 2; i++) {
    const c = text.charCodeAt(i);
    if (c <= 0x20 || c >= 0x7f) return undefined;
  }
  // `=?charset[*lang]?E?text?=`: exactly four `?`, the encoding letter between the second and third.
  const q1 = text.indexOf('?', 2);
  if (q1 === -1 || text.charCodeAt(q1 + 2) !== QUESTION || text.indexOf('?', q1 + 3) !== n - 2) return undefined;
  const encoding = text[q1 + 1];
  if (encoding !== 'b' && encoding !== 'B' && encoding !== 'q' && encoding !== 'Q') return undefined;
  const star = text.indexOf('*', 2);
  const charset = text.slice(2, star !== -1 && star < q1 ? star : q1);
  const decoder = charset === '' ? null : decoderFor(charset);
  if (!decoder) return undefined;
  const bytes = wordBytes(encoding, text.slice(q1 + 3, n - 2));
  return bytes && { decoder, bytes };
}

/**
 * Decode the RFC 2047 encoded words in `text` (B and Q, any charset Node's TextDecoder knows).
 * Whitespace between adjacent encoded words is dropped (RFC 2047 §6.2), and adjacent words in
 * one charset are decoded together so a character split across two words survives. Unknown
 * charsets and malformed words are left as written.
 */
export function decodeEncodedWords(text: string): string {
  if (!text.includes('=?')) return text;
  const single = wholeWord(text);
  if (single) return single.decoder.decode(single.bytes);
  const words: Word[] = [];
  for (const match of text.matchAll(ENCODED_WORD)) {
    const start = match.index;
    const bytes = wordBytes(match[2]!, match[3]!);
    if (!bytes || !decoderFor(match[1]!)) continue;
    words.push({ start, end: start + match[0].length, charset: match[1]!.toLowerCase(), bytes });
  }
  if (words.length === 0) return text;
  let out = '';
  let cursor = 0;
  let i = 0;
  while (i < words.length) {
    const first = words[i]!;
    out += text.slice(cursor, first.start);
    const run: Uint8Array[] = [first.bytes];
    let j = i + 1;
    let prev = first;
    // Words are joined when only whitespace separates them; same-charset runs are decoded as one.
    while (j < words.length && ONLY_WSP.test(text.slice(prev.end, words[j]!.start)) && words[j]!.charset === first.charset) {
      prev = words[j]!;
      joinStateful(run, prev.bytes, first.charset);
      j++;
    }
    out += decoderFor(first.charset)!.decode(Buffer.concat(run));
    cursor = prev.end;
    if (j < words.length && ONLY_WSP.test(text.slice(cursor, words[j]!.start))) cursor = words[j]!.start;
    i = j;
  }
  return out + text.slice(cursor);
}
