// "The limit": only the work DKIM cannot avoid. Canonical forms are computed before timing; the timed
// loop hashes each canonical body and header block and checks each signature with Node's crypto.
import { createHash, createPublicKey, verify, type KeyObject } from 'node:crypto';
import { createBodyCanonicalizer, parseCanonicalization, canonicalizeHeaderField, type Canonicalization } from '../src/dkim/canonicalize.js';
import { parseTagList, stripWhitespace } from '../src/dkim/tag-list.js';
import { splitMessage } from '../src/message/split.js';
import type { HeaderField } from '../src/message/types.js';
import type { BenchKeys, SigningKey } from './keys.js';

/** One signature, ready to check: the header hash input, the signature octets, the parsed key. */
export interface LimitSignature {
  ed25519: boolean;
  key: KeyObject;
  /** The canonical signed header fields and the DKIM-Signature with an empty b= (RFC 6376 §3.7). */
  headerData: Buffer;
  signature: Buffer;
  /** Index into {@link LimitMessage.bodies}. */
  body: number;
}

/** One message, reduced to what the limit loop touches. */
export interface LimitMessage {
  /** Each distinct canonical body (per body canonicalization), with the bh= it must hash to. */
  bodies: Array<{ canonical: Buffer; bodyHash: Buffer }>;
  signatures: LimitSignature[];
}

const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/** Parse a key record's p= into a KeyObject, once (RSA: SubjectPublicKeyInfo; Ed25519: the bare key, RFC 8463). */
export function keyObject(k: SigningKey): KeyObject {
  const parsed = parseTagList(k.record);
  if (!parsed.ok) throw new Error(`bad key record for ${k.selector}._domainkey.${k.domain}`);
  const der = Buffer.from(stripWhitespace(parsed.list.tags.get('p')!.value), 'base64');
  if (k.algorithm === 'ed25519-sha256') return createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, der]), format: 'der', type: 'spki' });
  return createPublicKey({ key: der, format: 'der', type: 'spki' });
}

/** The canonical body, whole (RFC 6376 §3.4.3, §3.4.4). */
function canonicalBody(body: Uint8Array, c: Canonicalization): Buffer {
  const parts: Buffer[] = [];
  const canon = createBodyCanonicalizer(c, (bytes) => parts.push(Buffer.from(bytes)));
  canon.update(body);
  canon.finish();
  return Buffer.concat(parts);
}

/** The header fields h= names, bottom-up for repeated names, nonexistent ones contributing nothing (RFC 6376 §5.4.2). */
function signedFields(fields: readonly HeaderField[], names: string[]): HeaderField[] {
  const used = new Set<number>();
  const out: HeaderField[] = [];
  for (const name of names) {
    const lower = name.toLowerCase();
    for (let i = fields.length - 1; i >= 0; i--) {
      if (!used.has(i) && fields[i]!.name.toLowerCase() === lower) {
        used.add(i);
        out.push(fields[i]!);
        break;
      }
    }
  }
  return out;
}

/** Reduce every message of a corpus to its canonical forms and parsed keys (untimed). */
export function prepareLimit(messages: ReadonlyArray<{ raw: Buffer }>, keys: BenchKeys): LimitMessage[] {
  const byName = new Map<string, KeyObject>();
  for (const k of [keys.esp, ...keys.senders.flatMap((s) => (s.ed25519 ? [s.rsa, s.ed25519] : [s.rsa]))]) byName.set(`${k.selector}._domainkey.${k.domain}`, keyObject(k));
  return messages.map((m) => {
    const split = splitMessage(m.raw);
    if (!split.ok) throw new Error('corpus message does not split');
    const bodies = new Map<string, { canonical: Buffer; bodyHash: Buffer }>();
    const signatures: LimitSignature[] = [];
    for (const field of split.fields) {
      if (field.name.toLowerCase() !== 'dkim-signature') continue;
      const text = Buffer.from(field.raw).toString('latin1');
      const colon = text.indexOf(':') + 1;
      const parsed = parseTagList(text.slice(colon));
      if (!parsed.ok) throw new Error('corpus signature does not parse');
      const tag = (name: string): string => parsed.list.tags.get(name)?.value ?? '';
      const c = parseCanonicalization(tag('c') || undefined);
      if (!c.ok) throw new Error('corpus signature has a bad c=');
      if (!bodies.has(c.body)) bodies.set(c.body, { canonical: canonicalBody(split.body, c.body), bodyHash: Buffer.from(stripWhitespace(tag('bh')), 'base64') });
      const b = parsed.list.tags.get('b')!;
      const unsignedField = Buffer.from(text.slice(0, colon + b.valueStart) + text.slice(colon + b.valueEnd), 'latin1');
      const fields = signedFields(split.fields, stripWhitespace(tag('h')).split(':'));
      const own = canonicalizeHeaderField(unsignedField, c.header);
      const headerData = Buffer.concat([...fields.map((f) => canonicalizeHeaderField(f.raw, c.header)), own.subarray(0, own.length - 2)]);
      const key = byName.get(`${tag('s')}._domainkey.${tag('d')}`);
      if (!key) throw new Error(`no key for s=${tag('s')} d=${tag('d')}`);
      signatures.push({ ed25519: tag('a') === 'ed25519-sha256', key, headerData, signature: Buffer.from(stripWhitespace(tag('b')), 'base64'), body: [...bodies.keys()].indexOf(c.body) });
    }
    return { bodies: [...bodies.values()], signatures };
  });
}

/** The limit's work for one message: hash each canonical body, then hash the headers and verify each signature. True when all pass. */
export function limitVerify(m: LimitMessage): boolean {
  let ok = true;
  const bodyOk: boolean[] = [];
  for (const b of m.bodies) bodyOk.push(createHash('sha256').update(b.canonical).digest().equals(b.bodyHash));
  for (const s of m.signatures) {
    if (!bodyOk[s.body]) {
      ok = false;
      continue;
    }
    // RSA: the digest is made inside verify(); Ed25519 (RFC 8463 §3): the signed data is the SHA-256 of the header data.
    const passed = s.ed25519 ? verify(null, createHash('sha256').update(s.headerData).digest(), s.key, s.signature) : verify('sha256', s.headerData, s.key, s.signature);
    ok &&= passed;
  }
  return ok;
}
