/** From report octets to parser input: the text decoding of XML pieces, and the gzip kept in report_raw. */
import { isAscii } from 'node:buffer';
import { TextDecoder } from 'node:util';
import { gzipSync } from 'node:zlib';

/** Pieces parsed at a time: small enough that rows are written while the rest is still being read. */
export const PIECE = 64 * 1024;

/** The encoding an XML declaration names, else UTF-8. */
function encodingOf(head: Uint8Array): string {
  const text = Buffer.from(head.subarray(0, 200)).toString('latin1');
  const label = /^(?:\ufeff|\xef\xbb\xbf)?\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]{1,40})["']/.exec(text)?.[1];
  if (!label) return 'utf-8';
  try {
    return new TextDecoder(label).encoding;
  } catch {
    return 'utf-8';
  }
}

/** Turns the pieces of one XML document into text, in the encoding its declaration names. */
export class PieceDecoder {
  private decoder: TextDecoder | undefined;
  // While every piece is plain ASCII (almost every report), it is read as Latin-1: the same text, faster.
  private ascii = true;

  /** The text of the next piece. */
  write(chunk: Uint8Array): string {
    this.decoder ??= new TextDecoder(encodingOf(chunk));
    if (this.ascii && this.decoder.encoding === 'utf-8' && isAscii(chunk)) return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength).toString('latin1');
    this.ascii = false;
    return this.decoder.decode(chunk, { stream: true });
  }

  /** What a multi-octet sequence cut at the end leaves. */
  end(): string {
    return this.decoder ? this.decoder.decode() : '';
  }
}

/** A report's own octets as report_raw keeps them: gzip at level 1 (the fastest; reports still shrink 10 to 30 times). */
export function pack(bytes: Uint8Array): Buffer {
  return gzipSync(bytes, { level: 1 });
}
