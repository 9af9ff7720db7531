// Transfer encodings for the corpus (RFC 2045, RFC 2047, RFC 2231, RFC 1468), written the way mail clients write them.

/** A character set the corpus writes text in. */
export type Charset = 'us-ascii' | 'utf-8' | 'iso-2022-jp';

/** A Content-Transfer-Encoding the corpus uses. */
export type TransferEncoding = '7bit' | '8bit' | 'base64' | 'quoted-printable';

const CRLF = '\r\n';

let jisTable: Map<string, number> | undefined;

/** Unicode character -> JIS X 0208 code (two 7-bit octets), built once by decoding the whole table. */
function jis(): Map<string, number> {
  if (jisTable) return jisTable;
  jisTable = new Map();
  const decoder = new TextDecoder('iso-2022-jp');
  const probe = Buffer.from([0x1b, 0x24, 0x42, 0, 0, 0x1b, 0x28, 0x42]);
  for (let row = 0x21; row <= 0x7e; row++) {
    for (let cell = 0x21; cell <= 0x7e; cell++) {
      probe[3] = row;
      probe[4] = cell;
      const ch = decoder.decode(probe);
      if (ch.length === 1 && ch !== '\ufffd' && !jisTable.has(ch)) jisTable.set(ch, (row << 8) | cell);
    }
  }
  return jisTable;
}

/** Encode one line as ISO-2022-JP (RFC 1468): ASCII and JIS X 0208 runs, back to ASCII at the end. */
export function iso2022jp(line: string): Buffer {
  const table = jis();
  const out: number[] = [];
  let kanji = false;
  for (const ch of line) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) {
      if (kanji) out.push(0x1b, 0x28, 0x42);
      kanji = false;
      out.push(c);
      continue;
    }
    const code = table.get(ch);
    if (code === undefined) throw new Error(`no JIS X 0208 code for U+${c.toString(16)}`);
    if (!kanji) out.push(0x1b, 0x24, 0x42);
    kanji = true;
    out.push(code >> 8, code & 0xff);
  }
  if (kanji) out.push(0x1b, 0x28, 0x42);
  return Buffer.from(out);
}

/** Base64 in 76-character lines, each ended by CRLF (RFC 2045 §6.8). */
export function base64Lines(data: Buffer): string {
  const text = data.toString('base64');
  const parts: string[] = [];
  for (let i = 0; i < text.length; i += 76) parts.push(text.slice(i, i + 76));
  return parts.join(CRLF) + CRLF;
}

const HEX = '0123456789ABCDEF';

/** Quoted-printable (RFC 2045 §6.7) of one line of octets, with soft breaks before 76 columns. */
function qpLine(bytes: Buffer): string {
  let out = '';
  let col = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    const last = i === bytes.length - 1;
    const literal = (b >= 0x21 && b <= 0x7e && b !== 0x3d) || ((b === 0x20 || b === 0x09) && !last);
    const piece = literal ? String.fromCharCode(b) : `=${HEX[b >> 4]}${HEX[b & 15]}`;
    if (col + piece.length > 75) {
      out += `=${CRLF}`;
      col = 0;
    }
    out += piece;
    col += piece.length;
  }
  return out;
}

/** Lines of text in a charset and transfer encoding, as the octets of a body part (CRLF line ends). */
export function encodeText(lines: string[], charset: Charset, encoding: TransferEncoding): Buffer {
  if (charset === 'iso-2022-jp') {
    // 7bit only: the escape sequences keep every octet below 0x80.
    return Buffer.concat(lines.flatMap((l) => [iso2022jp(l), Buffer.from(CRLF)]));
  }
  const raw = Buffer.from(lines.join(CRLF) + CRLF, 'utf8');
  switch (encoding) {
    case 'base64':
      return Buffer.from(base64Lines(raw), 'latin1');
    case 'quoted-printable':
      return Buffer.from(lines.map((l) => qpLine(Buffer.from(l, 'utf8'))).join(CRLF) + CRLF, 'latin1');
    default:
      return raw;
  }
}

/** An RFC 2047 encoded-word ("B" encoding) for a header field, split so each word stays under 75 characters. */
export function encodedWords(text: string, charset: 'utf-8' | 'iso-2022-jp'): string {
  const words: string[] = [];
  const chars = [...text];
  const step = charset === 'utf-8' ? 12 : 16;
  for (let i = 0; i < chars.length; i += step) {
    const piece = chars.slice(i, i + step).join('');
    const bytes = charset === 'utf-8' ? Buffer.from(piece, 'utf8') : iso2022jp(piece);
    words.push(`=?${charset === 'utf-8' ? 'UTF-8' : 'ISO-2022-JP'}?B?${bytes.toString('base64')}?=`);
  }
  return words.join(`${CRLF} `);
}

/** A filename parameter: plain when ASCII, else RFC 2231 `filename*=UTF-8''...`. */
export function filenameParam(name: string): string {
  if (/^[\x20-\x7e]*$/.test(name)) return `filename="${name}"`;
  return `filename*=UTF-8''${encodeURIComponent(name)}`;
}
