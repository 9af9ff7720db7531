// A message of any size, produced on the fly as chunks (never held whole), signed with Node's crypto.
import { createHash, sign } from 'node:crypto';
import { canonicalizeHeaderField } from '../src/dkim/canonicalize.js';
import { MemoryResolver } from '../src/dns/memory.js';
import { txtStrings, type SigningKey } from './keys.js';
import { Random } from './random.js';

const CRLF = '\r\n';
const LINE = 76;
/** Octets of one body chunk: not a multiple of a line, so lines and CRLFs are split across chunks. */
const CHUNK = 65536;
/** Chunk buffers in rotation (more than a Node stream's default read-ahead of 16 objects). */
const RING = 32;

/** A big signed message as a stream: call `chunks()` for a fresh pass over the same octets. */
export interface BigMessage {
  /** Octets in the whole message. */
  size: number;
  /** The message, chunk by chunk; chunk buffers are reused after {@link RING} more chunks. */
  chunks: () => AsyncGenerator<Buffer>;
  /** DNS with the key record. */
  resolver: MemoryResolver;
  /** Called with each chunk as it is handed out (the memory probe hooks in here). */
  onChunk?: () => void;
}

/** A 1 MiB pool of base64 lines, repeated to make the body; relaxed canonicalization leaves it unchanged. */
function pool(): Buffer {
  const rng = new Random(100);
  const lines: string[] = [];
  for (let n = 0; n < 13443; n++) lines.push(rng.bytes((LINE / 4) * 3).toString('base64'));
  return Buffer.from(lines.join(CRLF) + CRLF, 'latin1');
}

/**
 * Make a message of about `megabytes` MiB: a multipart/mixed with one base64 attachment. Its body
 * is streamed once here to compute bh= (the body is its own relaxed and simple canonical form:
 * no whitespace runs, CRLF line ends, no empty lines at the end), then the header is signed.
 */
export async function bigMessage(megabytes: number, key: SigningKey, now: Date): Promise<BigMessage> {
  const data = pool();
  const repeats = Math.ceil((megabytes * 1024 * 1024) / data.length);
  const boundary = 'big-boundary-7f3a';
  const head = Buffer.from(`--${boundary}${CRLF}Content-Type: application/octet-stream; name="archive.bin"${CRLF}Content-Transfer-Encoding: base64${CRLF}${CRLF}`);
  const tail = Buffer.from(`--${boundary}--${CRLF}`);

  // Chunks are written into a ring of RING buffers, the way a socket reuses its read buffers: a
  // verifier that kept a reference to a chunk past RING - 1 newer ones would see it overwritten (and
  // fail), so holding on to the message cannot hide, and the stream itself makes no garbage.
  const ring = Array.from({ length: RING }, () => Buffer.alloc(CHUNK));
  let slot = 0;
  function* body(): Generator<Buffer> {
    yield Buffer.from(head);
    for (let r = 0; r < repeats; r++) {
      for (let o = 0; o < data.length; o += CHUNK) {
        const buf = ring[slot++ % RING]!;
        const n = data.copy(buf, 0, o, Math.min(o + CHUNK, data.length));
        yield n === CHUNK ? buf : buf.subarray(0, n);
      }
    }
    yield Buffer.from(tail);
  }
  // The same octets as body(), hashed without copies so that this pass leaves no garbage behind the baseline.
  const bodyHash = createHash('sha256').update(head);
  for (let r = 0; r < repeats; r++) bodyHash.update(data);
  bodyHash.update(tail);
  const bodySize = head.length + repeats * data.length + tail.length;

  const t = Math.floor(now.getTime() / 1000) - 60;
  const fields = [
    'From: Archive <archive@shop.example.jp>',
    'To: user@recipient.example',
    'Subject: The whole archive',
    `Date: ${now.toUTCString().replace('GMT', '+0000')}`,
    'Message-ID: <big.1@shop.example.jp>',
    'MIME-Version: 1.0',
    `Content-Type: multipart/mixed; boundary="${boundary}"`,
  ].map((f) => f + CRLF);
  const names = fields.map((f) => f.slice(0, f.indexOf(':'))).join(':');
  const sigField = `DKIM-Signature: v=1; a=${key.algorithm}; c=relaxed/relaxed; d=${key.domain}; s=${key.selector};${CRLF} t=${t}; h=${names};${CRLF} bh=${bodyHash.digest('base64')}; b=`;
  const headerData = Buffer.concat([...fields.map((f) => canonicalizeHeaderField(Buffer.from(f), 'relaxed')), canonicalizeHeaderField(Buffer.from(sigField + CRLF), 'relaxed').subarray(0, -2)]);
  const b = key.algorithm === 'ed25519-sha256' ? sign(null, createHash('sha256').update(headerData).digest(), key.privateKey) : sign('sha256', headerData, key.privateKey);
  const header = Buffer.from(`${sigField}${b.toString('base64')}${CRLF}${fields.join('')}${CRLF}`);

  const resolver = new MemoryResolver();
  resolver.add(`${key.selector}._domainkey.${key.domain}`, 'TXT', txtStrings(key.record));
  const message: BigMessage = {
    size: header.length + bodySize,
    resolver,
    async *chunks() {
      yield Buffer.from(header);
      for (const c of body()) {
        message.onChunk?.();
        yield c;
      }
    },
  };
  return message;
}
