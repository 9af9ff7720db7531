import type { HeaderField, HeaderFieldDefect } from './types.js';

const LF = 0x0a;
const CR = 0x0d;
const SP = 0x20;
const HTAB = 0x09;

const utf8 = new TextDecoder('utf-8');

/** Remove the line breaks of folding (RFC 5322 §2.2.3); the whitespace after each stays. */
export function unfold(rawValue: Uint8Array): Uint8Array {
  if (rawValue.indexOf(LF) < 0) return rawValue;
  const out = new Uint8Array(rawValue.length);
  let n = 0;
  for (let i = 0; i < rawValue.length; i++) {
    const b = rawValue[i]!;
    if (b === LF) continue;
    if (b === CR && rawValue[i + 1] === LF) continue;
    out[n++] = b;
  }
  return out.subarray(0, n);
}

function isWspChar(c: number): boolean {
  return c === SP || c === HTAB || c === CR || c === LF;
}

function trimWsp(text: string): string {
  let s = 0;
  let e = text.length;
  while (s < e && isWspChar(text.charCodeAt(s))) s++;
  while (e > s && isWspChar(text.charCodeAt(e - 1))) e--;
  return text.slice(s, e);
}

/** The unfolded value decoded as UTF-8 (RFC 6532), leading and trailing whitespace removed. */
export function decodeFieldValue(rawValue: Uint8Array): string {
  return trimWsp(utf8.decode(unfold(rawValue)));
}

/**
 * A {@link HeaderField} over the message octets. `raw`, `rawValue` and `value` are made on first
 * read and kept: a verifier reads the octets of a few fields and the text of fewer, so building all
 * of them for every field is most of what splitting a header costs. JSON is that of a plain field.
 */
export class MessageHeaderField implements HeaderField {
  readonly name: string;
  readonly offset: number;
  defect?: HeaderFieldDefect;
  readonly #bytes: Uint8Array;
  readonly #end: number;
  readonly #valueStart: number;
  readonly #valueEnd: number;
  #raw: Uint8Array | undefined;
  #rawValue: Uint8Array | undefined;
  #value: string | undefined;

  /** The field is `bytes[offset, end)`; its value, line break excluded, is `bytes[valueStart, valueEnd)`. */
  constructor(bytes: Uint8Array, name: string, offset: number, end: number, valueStart: number, valueEnd: number) {
    this.name = name;
    this.offset = offset;
    this.#bytes = bytes;
    this.#end = end;
    this.#valueStart = valueStart;
    this.#valueEnd = valueEnd;
  }

  get raw(): Uint8Array {
    return (this.#raw ??= this.#bytes.subarray(this.offset, this.#end));
  }

  get rawValue(): Uint8Array {
    return (this.#rawValue ??= this.#bytes.subarray(this.#valueStart, this.#valueEnd));
  }

  get value(): string {
    return (this.#value ??= decodeFieldValue(this.rawValue));
  }

  set value(text: string) {
    this.#value = text;
  }

  /** The same members, in the same order, as a plain {@link HeaderField}. */
  toJSON(): HeaderField {
    const plain: HeaderField = { name: this.name, raw: this.raw, offset: this.offset, rawValue: this.rawValue, value: this.value };
    if (this.defect) plain.defect = this.defect;
    return plain;
  }
}
