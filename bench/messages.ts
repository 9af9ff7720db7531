// One unsigned message of the corpus: headers and a MIME body as mail clients and bulk senders write them.
import { base64Lines, encodedWords, encodeText, filenameParam, type Charset, type TransferEncoding } from './mime.js';
import type { Random } from './random.js';
import { htmlText, plainText, type Lang } from './text.js';

/** The shape of a message's body. */
export type MessageKind = 'text' | 'text-ja-utf8' | 'text-ja-jis' | 'alternative' | 'mixed';

/** Who writes the message: the author domain's mail, in the author's language. */
export interface Author {
  domain: string;
  lang: Lang;
  /** Display name, may be Japanese. */
  name: string;
  local: string;
}

/** A message before signing. */
export interface Draft {
  kind: MessageKind;
  lang: Lang;
  /** The header section (each field ending CRLF), without the empty line. */
  header: Buffer;
  /** The body, after the empty line. */
  body: Buffer;
}

const CRLF = '\r\n';

/** How often each kind is drawn. */
export const KIND_WEIGHTS: Record<MessageKind, number> = { text: 15, 'text-ja-utf8': 10, 'text-ja-jis': 10, alternative: 30, mixed: 35 };

interface Part {
  headers: string[];
  body: Buffer;
}

function boundary(rng: Random): string {
  return `----=_Part_${rng.int(100000, 999999)}_${rng.u32().toString(16)}.${rng.u32().toString(16)}`;
}

function multipart(rng: Random, subtype: 'alternative' | 'mixed', parts: Part[]): Part {
  const b = boundary(rng);
  const chunks: Buffer[] = [Buffer.from(`This is a multi-part message in MIME format.${CRLF}${CRLF}`)];
  for (const p of parts) {
    chunks.push(Buffer.from(`--${b}${CRLF}${p.headers.join(CRLF)}${CRLF}${CRLF}`), p.body);
  }
  chunks.push(Buffer.from(`--${b}--${CRLF}`));
  return { headers: [`Content-Type: multipart/${subtype};${CRLF} boundary="${b}"`], body: Buffer.concat(chunks) };
}

function textPart(subtype: 'plain' | 'html', lines: string[], charset: Charset, encoding: TransferEncoding): Part {
  const effective = charset === 'iso-2022-jp' ? '7bit' : encoding;
  return {
    headers: [`Content-Type: text/${subtype}; charset=${charset === 'us-ascii' ? 'us-ascii' : charset.toUpperCase()}`, `Content-Transfer-Encoding: ${effective}`],
    body: encodeText(lines, charset, effective),
  };
}

const ATTACHMENTS = [
  { type: 'application/pdf', magic: '%PDF-1.7\n', names: ['invoice.pdf', '請求書.pdf', 'report-Q3.pdf', '募集要項.pdf'] },
  { type: 'image/png', magic: '\x89PNG\r\n\x1a\n', names: ['logo.png', 'screenshot.png', '地図.png'] },
  { type: 'image/jpeg', magic: '\xff\xd8\xff\xe0', names: ['photo.jpg', 'IMG_2048.jpg'] },
  { type: 'application/zip', magic: 'PK\x03\x04', names: ['documents.zip', '資料.zip'] },
] as const;

function attachment(rng: Random, rawBytes: number): Part {
  const kind = rng.pick(ATTACHMENTS);
  const data = Buffer.concat([Buffer.from(kind.magic, 'latin1'), rng.bytes(Math.max(16, rawBytes))]);
  const name = rng.pick(kind.names);
  return {
    headers: [`Content-Type: ${kind.type}; name="${/^[\x20-\x7e]*$/.test(name) ? name : 'attachment'}"`, 'Content-Transfer-Encoding: base64', `Content-Disposition: attachment;${CRLF} ${filenameParam(name)}`],
    body: Buffer.from(base64Lines(data), 'latin1'),
  };
}

function csvAttachment(rng: Random, rawBytes: number): Part {
  const rows = ['date,order,amount,status'];
  let n = rows[0]!.length;
  while (n < rawBytes) {
    const row = `2025-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')},${rng.int(100000, 999999)},${rng.int(100, 99999)},${rng.pick(['paid', 'shipped', 'refunded'])}`;
    rows.push(row);
    n += row.length + 2;
  }
  return {
    headers: ['Content-Type: text/csv; charset=UTF-8; name="orders.csv"', 'Content-Transfer-Encoding: base64', 'Content-Disposition: attachment; filename="orders.csv"'],
    body: Buffer.from(base64Lines(Buffer.from(rows.join(CRLF) + CRLF)), 'latin1'),
  };
}

/** Characters of prose that make about `bytes` octets once encoded. */
function charsFor(bytes: number, lang: Lang, encoding: TransferEncoding | 'jis'): number {
  if (lang === 'en') return encoding === 'base64' ? bytes * 0.75 : bytes;
  if (encoding === 'jis') return bytes / 2.1;
  if (encoding === 'base64') return bytes / 4;
  if (encoding === 'quoted-printable') return bytes / 9.2;
  return bytes / 3;
}

function body(rng: Random, kind: MessageKind, lang: Lang, author: Author, bytes: number): Part {
  const signer = author.domain;
  switch (kind) {
    case 'text':
      return lang === 'en'
        ? textPart('plain', plainText(rng, 'en', charsFor(bytes, 'en', '7bit'), signer), 'us-ascii', '7bit')
        : textPart('plain', plainText(rng, 'ja', charsFor(bytes, 'ja', 'quoted-printable'), signer), 'utf-8', 'quoted-printable');
    case 'text-ja-utf8': {
      const enc: TransferEncoding = rng.chance(0.5) ? 'base64' : '8bit';
      return textPart('plain', plainText(rng, 'ja', charsFor(bytes, 'ja', enc), signer), 'utf-8', enc);
    }
    case 'text-ja-jis':
      return textPart('plain', plainText(rng, 'ja', charsFor(bytes, 'ja', 'jis'), signer), 'iso-2022-jp', '7bit');
    case 'alternative': {
      const enc: TransferEncoding = lang === 'ja' && rng.chance(0.5) ? 'base64' : 'quoted-printable';
      const plain = textPart('plain', plainText(rng, lang, charsFor(bytes * 0.3, lang, enc), signer), lang === 'en' ? 'us-ascii' : 'utf-8', lang === 'en' ? '7bit' : enc);
      const html = textPart('html', htmlText(rng, lang, charsFor(bytes * 0.5, lang, enc), signer), 'utf-8', enc);
      return multipart(rng, 'alternative', [plain, html]);
    }
    case 'mixed': {
      const textBytes = Math.min(bytes * 0.4, rng.int(300, 3000));
      const first =
        rng.chance(0.4)
          ? body(rng, 'alternative', lang, author, textBytes)
          : lang === 'ja' && rng.chance(0.5)
            ? body(rng, 'text-ja-jis', lang, author, textBytes)
            : body(rng, 'text', lang, author, textBytes);
      const count = bytes > 8000 ? rng.int(1, 3) : 1;
      const parts = [first];
      const each = ((bytes - textBytes) * 0.74) / count;
      for (let i = 0; i < count; i++) parts.push(rng.chance(0.15) ? csvAttachment(rng, each) : attachment(rng, each));
      return multipart(rng, 'mixed', parts);
    }
  }
}

function rfc5322Date(d: Date): string {
  const day = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][d.getUTCDay()];
  const mon = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][d.getUTCMonth()];
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${day}, ${d.getUTCDate()} ${mon} ${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}

function subject(rng: Random, lang: Lang, jis: boolean): string {
  if (lang === 'en') return rng.pick(['Your order has shipped', 'Monthly newsletter', 'Password reset request', 'Invoice for your subscription', 'Meeting notes and next steps', 'Your weekly report']) + ` #${rng.int(1000, 99999)}`;
  const text = rng.pick(['ご注文の商品を発送しました', '【重要】パスワード再設定のお知らせ', '説明会のご案内', '今月のお知らせ', '出願書類受付のお知らせ', 'ご請求金額確定のお知らせ']);
  return encodedWords(text, jis ? 'iso-2022-jp' : 'utf-8');
}

/** Draft one message of about `target` octets (before its signatures) from `author`, sent at `date`. */
export function draftMessage(rng: Random, author: Author, target: number, index: number, date: Date): Draft {
  const kind = author.lang === 'en' && rng.chance(0.9) ? rng.weighted({ ...KIND_WEIGHTS, 'text-ja-utf8': 0, 'text-ja-jis': 0 }) : rng.weighted(KIND_WEIGHTS);
  const lang: Lang = kind === 'text-ja-jis' || kind === 'text-ja-utf8' ? 'ja' : author.lang;
  const jis = kind === 'text-ja-jis' || (lang === 'ja' && rng.chance(0.3));
  const display = /^[\x20-\x7e]*$/.test(author.name) ? `"${author.name}"` : encodedWords(author.name, jis ? 'iso-2022-jp' : 'utf-8');
  const id = `${index.toString(36)}.${rng.u32().toString(16)}${rng.u32().toString(16)}@${author.domain}`;
  const fields = [
    `Received: from app${rng.int(1, 9)}.internal.${author.domain} (app.internal [10.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(1, 254)}])${CRLF}\tby mail.${author.domain} (Postfix) with ESMTP id ${rng.u32().toString(16).toUpperCase()}${CRLF}\tfor <user${index}@recipient.example>; ${rfc5322Date(date)}`,
    `From: ${display} <${author.local}@${author.domain}>`,
    `To: user${index}@recipient.example`,
  ];
  if (rng.chance(0.2)) fields.push(`Cc: team${rng.int(1, 99)}@recipient.example, "Office" <office@recipient.example>`);
  fields.push(`Subject: ${subject(rng, lang, jis)}`, `Date: ${rfc5322Date(date)}`, `Message-ID: <${id}>`, 'MIME-Version: 1.0');
  if (rng.chance(0.4)) fields.push(`List-Unsubscribe: <https://www.${author.domain}/unsubscribe/${rng.u32().toString(16)}>,${CRLF} <mailto:unsubscribe@${author.domain}?subject=unsubscribe>`, 'List-Unsubscribe-Post: List-Unsubscribe=One-Click');
  if (rng.chance(0.3)) fields.push(`X-Mailer: ${rng.pick(['Microsoft Outlook 16.0', 'Thunderbird 128.3.1', 'Becky! ver. 2.81.04', 'PHPMailer 6.9.1'])}`);

  const headerBytes = fields.reduce((n, f) => n + f.length + 2, 0) + 120;
  let want = Math.max(120, target - headerBytes);
  let part = body(rng, kind, lang, author, want);
  // One correction when the estimate of the encoded size was far off.
  const ratio = want / Math.max(1, part.body.length);
  if (ratio < 0.8 || ratio > 1.25) {
    want = Math.max(60, want * ratio);
    part = body(rng, kind, lang, author, want);
  }
  fields.push(...part.headers);
  return { kind, lang, header: Buffer.from(fields.join(CRLF) + CRLF, 'utf8'), body: part.body };
}
