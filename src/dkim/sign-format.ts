import type { CanonicalizationPair } from './canonicalize.js';
import type { DkimSigningAlgorithm } from './sign-key.js';

/** The tags of one signature, before `b=` is known (RFC 6376 §3.5). */
export interface SignatureTags {
  algorithm: DkimSigningAlgorithm;
  canonicalization: CanonicalizationPair;
  /** `d=`, ASCII. */
  domain: string;
  /** `s=`, ASCII. */
  selector: string;
  /** `i=`, already in dkim-quoted-printable. */
  identity?: string;
  /** `t=`, seconds since the epoch. */
  timestamp?: number;
  /** `x=`, seconds since the epoch. */
  expiration?: number;
  /** `l=`, canonical body octets signed. */
  bodyLength?: number;
  /** `h=`, lower-case names in order. */
  headers: readonly string[];
  /** `bh=`, base64. */
  bodyHash: string;
}

/** Target width of a folded line; RFC 5322 §2.1.1 asks for at most 78 characters. */
const WIDTH = 78;
const FOLD = '\r\n ';

/** Builds folded header text word by word: a word that would pass the width starts a new line. */
class Folder {
  text: string;
  private column: number;

  constructor(start: string) {
    this.text = start;
    this.column = start.length;
  }

  /** Append `word`, after `sep` when it fits on this line, else on a new line (the fold replaces `sep`). */
  word(word: string, sep: string): void {
    if (this.column + sep.length + word.length > WIDTH && this.column > 1) {
      this.text += FOLD + word;
      this.column = 1 + word.length;
    } else {
      this.text += sep + word;
      this.column += sep.length + word.length;
    }
  }

  /** Start a new line. */
  newline(): void {
    this.text += FOLD;
    this.column = 1;
  }
}

/** The field name inkan writes. */
export const DKIM_SIGNATURE = 'DKIM-Signature';

/**
 * Write a `DKIM-Signature` field up to and including `b=` (no value, no line break): tags in a fixed
 * order (v a c d i s t x l h bh b), folded at 78 columns between tags and inside `h=`, `b=` on a line of its own.
 * This text, with the folded `b=` value appended, is what the signer hashes and what the message carries.
 */
export function formatSignatureTemplate(tags: SignatureTags): string {
  const f = new Folder(`${DKIM_SIGNATURE}:`);
  f.word('v=1;', ' ');
  f.word(`a=${tags.algorithm};`, ' ');
  f.word(`c=${tags.canonicalization.header}/${tags.canonicalization.body};`, ' ');
  f.word(`d=${tags.domain};`, ' ');
  if (tags.identity !== undefined) f.word(`i=${tags.identity};`, ' ');
  f.word(`s=${tags.selector};`, ' ');
  if (tags.timestamp !== undefined) f.word(`t=${tags.timestamp};`, ' ');
  if (tags.expiration !== undefined) f.word(`x=${tags.expiration};`, ' ');
  if (tags.bodyLength !== undefined) f.word(`l=${tags.bodyLength};`, ' ');
  tags.headers.forEach((name, i) => {
    const last = i === tags.headers.length - 1;
    f.word(`${i === 0 ? 'h=' : ''}${name}${last ? ';' : ':'}`, i === 0 ? ' ' : '');
  });
  f.word(`bh=${tags.bodyHash};`, ' ');
  f.newline();
  f.word('b=', '');
  return f.text;
}

/** Append the signature to a template from {@link formatSignatureTemplate}, folded, ending with CRLF. */
export function completeSignatureField(template: string, signature: string): string {
  let column = template.length - (template.lastIndexOf('\n') + 1);
  let text = template;
  let rest = signature;
  while (rest !== '') {
    const room = Math.max(WIDTH - column, 8);
    text += rest.slice(0, room);
    rest = rest.slice(room);
    if (rest !== '') {
      text += FOLD;
      column = 1;
    }
  }
  return `${text}\r\n`;
}
