// The benchmark corpus: deterministic drafts (same seed, same octets), signed by mailauth's signer with per-run keys.
import { dkimSign } from 'mailauth/lib/dkim/sign.js';
import type { MemoryResolver } from '../src/dns/memory.js';
import { AUTHORS, benchResolver, ESP, generateKeys, type BenchKeys, type SigningKey } from './keys.js';
import { draftMessage, type Draft, type MessageKind } from './messages.js';
import { Random } from './random.js';
import type { Lang } from './text.js';

/** Which keys sign a message. */
export type SignaturePlan = 'rsa' | 'ed25519' | 'rsa+ed25519' | 'rsa+esp' | 'esp';

/** Canonicalization header/body (RFC 6376 §3.4). */
export type Canonicalization = 'relaxed/relaxed' | 'simple/simple' | 'relaxed/simple';

/** One signature to make: which key, how. */
export interface SignatureSpec {
  key: 'author-rsa' | 'author-ed25519' | 'esp-rsa';
  canonicalization: Canonicalization;
  /** An explicit h= list (with oversigning), else the signer's default. */
  headerList?: string[];
}

/** The SMTP facts of a message's delivery. */
export interface Envelope {
  ip: string;
  helo: string;
  mailFrom: string;
}

/** A message of the corpus before signing: everything here follows from the seed. */
export interface PlannedMessage {
  index: number;
  kind: MessageKind;
  lang: Lang;
  /** Index into {@link BenchKeys.senders}. */
  sender: number;
  plan: SignaturePlan;
  signatures: SignatureSpec[];
  envelope: Envelope;
  draft: Draft;
}

/** A signed message, ready to verify. */
export interface CorpusMessage extends Omit<PlannedMessage, 'draft'> {
  /** The whole message: DKIM-Signature fields, the drafted header, the empty line, the body. */
  raw: Buffer;
}

/** What {@link buildCorpus} returns. */
export interface Corpus {
  messages: CorpusMessage[];
  keys: BenchKeys;
  resolver: MemoryResolver;
  /** The signing time (t=). */
  signTime: Date;
  /** The time to verify at. */
  now: Date;
}

/** Options for {@link buildCorpus}. */
export interface CorpusOptions {
  count: number;
  seed: number;
  /** Smallest and largest message, in octets. Default 1 KiB and 200 KiB. */
  minSize?: number;
  maxSize?: number;
  /** Keys to sign with; made fresh when absent. */
  keys?: BenchKeys;
}

/** The fixed time the corpus was "sent". */
export const SIGN_TIME = new Date('2025-06-02T03:04:05Z');

const PLAN_WEIGHTS: Record<SignaturePlan, number> = { rsa: 40, ed25519: 15, 'rsa+ed25519': 20, 'rsa+esp': 15, esp: 10 };
const CANON_WEIGHTS: Record<Canonicalization, number> = { 'relaxed/relaxed': 75, 'simple/simple': 15, 'relaxed/simple': 10 };
const OVERSIGNED = ['From', 'From', 'To', 'To', 'Cc', 'Subject', 'Subject', 'Date', 'Date', 'Message-ID', 'MIME-Version', 'Content-Type', 'Content-Transfer-Encoding', 'List-Unsubscribe', 'List-Unsubscribe-Post'];
/** Room left in the size budget for the DKIM-Signature fields. */
const SIGNATURE_ROOM = 700;

function draftSize(d: Draft): number {
  return d.header.length + 2 + d.body.length;
}

function spec(rng: Random, key: SignatureSpec['key']): SignatureSpec {
  const s: SignatureSpec = { key, canonicalization: rng.weighted(CANON_WEIGHTS) };
  if (rng.chance(0.3)) s.headerList = OVERSIGNED;
  return s;
}

/** Plan `count` messages from `seed`: pure and deterministic (no keys, no clock). */
export function planCorpus(options: CorpusOptions): PlannedMessage[] {
  const minSize = options.minSize ?? 1024;
  const maxSize = options.maxSize ?? 200 * 1024;
  const rng = new Random(options.seed);
  const out: PlannedMessage[] = [];
  for (let index = 0; index < options.count; index++) {
    const sender = rng.int(0, AUTHORS.length - 1);
    const author = AUTHORS[sender]!;
    let plan = rng.weighted(PLAN_WEIGHTS);
    if (!author.ed25519 && plan.includes('ed25519')) plan = 'rsa';
    const signatures: SignatureSpec[] = [];
    if (plan !== 'esp') signatures.push(spec(rng, plan === 'ed25519' ? 'author-ed25519' : 'author-rsa'));
    if (plan === 'rsa+ed25519') signatures.push(spec(rng, 'author-ed25519'));
    if (plan === 'rsa+esp' || plan === 'esp') signatures.push(spec(rng, 'esp-rsa'));
    const viaEsp = plan.includes('esp');
    const host = rng.int(1, 254);
    const domain = author.domain;
    const envelope: Envelope = viaEsp
      ? { ip: `${ESP.net}.${host}`, helo: ESP.helo, mailFrom: `b.${index.toString(36)}.${rng.u32().toString(36)}@${ESP.bounceDomain}` }
      : { ip: `198.18.${sender + 1}.${host}`, helo: `mail.${domain}`, mailFrom: `bounce@${domain}` };
    const target = Math.min(maxSize, rng.logUniform(minSize, maxSize));
    const room = signatures.length * SIGNATURE_ROOM;
    let want = Math.max(minSize - SIGNATURE_ROOM / 2, target - room);
    let draft = draftMessage(rng, author, want, index, SIGN_TIME);
    // The size estimate is rough: draft again, smaller, until the signed message fits.
    for (let tries = 0; draftSize(draft) + room > maxSize && tries < 8; tries++) {
      want *= (0.95 * maxSize) / (draftSize(draft) + room);
      draft = draftMessage(rng, author, want, index, SIGN_TIME);
    }
    out.push({ index, kind: draft.kind, lang: draft.lang, sender, plan, signatures, envelope, draft });
  }
  return out;
}

function keyFor(keys: BenchKeys, m: PlannedMessage, s: SignatureSpec): SigningKey {
  const sender = keys.senders[m.sender]!;
  if (s.key === 'esp-rsa') return keys.esp;
  if (s.key === 'author-rsa') return sender.rsa;
  if (!sender.ed25519) throw new Error(`${sender.author.domain} has no Ed25519 key`);
  return sender.ed25519;
}

/** Sign one planned message with mailauth's signer: the fields are prepended, the drafted octets are untouched. */
export async function signMessage(m: PlannedMessage, keys: BenchKeys): Promise<CorpusMessage> {
  const unsigned = Buffer.concat([m.draft.header, Buffer.from('\r\n'), m.draft.body]);
  const signatureData = m.signatures.map((s) => {
    const k = keyFor(keys, m, s);
    return {
      signingDomain: k.domain,
      selector: k.selector,
      privateKey: k.privateKey,
      algorithm: k.algorithm,
      canonicalization: s.canonicalization,
      ...(s.headerList ? { headerList: s.headerList } : {}),
    };
  });
  const signed = await dkimSign(unsigned, { signingDomain: signatureData[0]!.signingDomain, selector: signatureData[0]!.selector, privateKey: signatureData[0]!.privateKey, signatureData, signTime: SIGN_TIME });
  if (signed.errors?.length) throw new Error(`message ${m.index}: mailauth could not sign: ${JSON.stringify(signed.errors)}`);
  const { draft: _draft, ...rest } = m;
  return { ...rest, raw: Buffer.concat([Buffer.from(signed.signatures, 'latin1'), unsigned]) };
}

/** Plan, sign and publish a corpus: the messages, the keys and a MemoryResolver holding all their DNS. */
export async function buildCorpus(options: CorpusOptions): Promise<Corpus> {
  const keys = options.keys ?? (await generateKeys());
  const planned = planCorpus(options);
  const messages: CorpusMessage[] = [];
  for (const m of planned) messages.push(await signMessage(m, keys));
  return { messages, keys, resolver: benchResolver(keys), signTime: SIGN_TIME, now: new Date(SIGN_TIME.getTime() + 15 * 60_000) };
}

/**
 * Cut the corpus into batches of `size` messages that each span the whole size range: message
 * ranks by size are dealt out like cards, so a timed round of any few batches sees the corpus's mix.
 */
export function stratifiedBatches<T extends { raw: Buffer }>(messages: readonly T[], size: number): T[][] {
  const sorted = [...messages].sort((a, b) => a.raw.length - b.raw.length);
  const count = Math.max(1, Math.floor(sorted.length / size));
  const batches: T[][] = Array.from({ length: count }, () => []);
  sorted.forEach((m, i) => batches[i % count]!.push(m));
  return batches;
}
