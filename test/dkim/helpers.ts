import { createPrivateKey, createPublicKey, createHash, generateKeyPairSync, sign as cryptoSign, type KeyObject } from 'node:crypto';
import { MemoryResolver } from '../../src/dns/memory.js';
import { splitMessage } from '../../src/message/split.js';
import { createBodyHasher } from '../../src/dkim/body-hash.js';
import { canonicalizeHeaderField, type Canonicalization } from '../../src/dkim/canonicalize.js';

/** A key pair for tests, with its DNS record value. */
export interface TestKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  type: 'rsa' | 'ed25519';
  /** The `p=` value: SPKI for RSA, the raw 32 octets for Ed25519 (RFC 8463 §4.2). */
  p: string;
}

const keys = new Map<string, TestKey>();

/** An RSA key of `bits` (cached per process, generation is slow). */
export function rsaKey(bits = 1024): TestKey {
  const id = `rsa${bits}`;
  let key = keys.get(id);
  if (!key) {
    const pair = generateKeyPairSync('rsa', { modulusLength: bits });
    key = { ...pair, type: 'rsa', p: pair.publicKey.export({ format: 'der', type: 'spki' }).toString('base64') };
    keys.set(id, key);
  }
  return key;
}

/** An Ed25519 key (cached per process). */
export function ed25519Key(): TestKey {
  let key = keys.get('ed25519');
  if (!key) {
    const pair = generateKeyPairSync('ed25519');
    key = { ...pair, type: 'ed25519', p: rawEd25519(pair.publicKey).toString('base64') };
    keys.set('ed25519', key);
  }
  return key;
}

/** The raw 32-octet form of an Ed25519 public key. */
export function rawEd25519(publicKey: KeyObject): Buffer {
  return publicKey.export({ format: 'der', type: 'spki' }).subarray(-32);
}

/** An Ed25519 private key from its 32-octet seed (RFC 8032). */
export function ed25519FromSeed(seed: Buffer): TestKey {
  const privateKey = createPrivateKey({ key: Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed]), format: 'der', type: 'pkcs8' });
  const publicKey = createPublicKey(privateKey);
  return { privateKey, publicKey, type: 'ed25519', p: rawEd25519(publicKey).toString('base64') };
}

/** An RSA key from PEM. */
export function rsaFromPem(pem: string): TestKey {
  const privateKey = createPrivateKey(pem);
  const publicKey = createPublicKey(privateKey);
  return { privateKey, publicKey, type: 'rsa', p: publicKey.export({ format: 'der', type: 'spki' }).toString('base64') };
}

/** How to sign in tests. */
export interface TestSignOptions {
  domain: string;
  selector: string;
  key: TestKey;
  /** Default rsa-sha256 or ed25519-sha256 by key type. */
  algorithm?: string;
  /** Default relaxed/relaxed. */
  canonicalization?: `${Canonicalization}/${Canonicalization}`;
  /** Default from:to:subject:date. */
  headers?: string[];
  bodyLength?: number;
  timestamp?: number;
  expiration?: number;
  identity?: string;
  /** Raw tags placed before b= (e.g. "q=dns/txt; "), to test the parser. */
  extra?: string;
  /** Override the version tag (default "1"). */
  version?: string;
}

/**
 * A minimal DKIM signer for tests (the project's signer is written elsewhere): prepends a
 * DKIM-Signature to `message`, computed with Node's crypto.
 */
export function signMessage(message: Buffer | string, o: TestSignOptions): Buffer {
  const bytes = typeof message === 'string' ? Buffer.from(message) : message;
  const split = splitMessage(bytes);
  if (!split.ok) throw new Error('test message does not split');
  const [hc, bc] = (o.canonicalization ?? 'relaxed/relaxed').split('/') as [Canonicalization, Canonicalization];
  const algorithm = o.algorithm ?? (o.key.type === 'rsa' ? 'rsa-sha256' : 'ed25519-sha256');
  const hash = algorithm.endsWith('sha1') ? 'sha1' : 'sha256';
  const hasher = createBodyHasher(bc, hash, o.bodyLength);
  hasher.update(split.body);
  const bh = hasher.finish().digest.toString('base64');
  const headers = o.headers ?? ['from', 'to', 'subject', 'date'];
  const tags = [
    `v=${o.version ?? '1'}`,
    `a=${algorithm}`,
    `c=${hc}/${bc}`,
    `d=${o.domain}`,
    `s=${o.selector}`,
    ...(o.identity !== undefined ? [`i=${o.identity}`] : []),
    ...(o.timestamp !== undefined ? [`t=${o.timestamp}`] : []),
    ...(o.expiration !== undefined ? [`x=${o.expiration}`] : []),
    ...(o.bodyLength !== undefined ? [`l=${o.bodyLength}`] : []),
    `h=${headers.join(':')}`,
    `bh=${bh}`,
  ];
  const template = `DKIM-Signature: ${tags.join('; ')};\r\n\t${o.extra ?? ''}b=`;
  // Select fields bottom-up, as the verifier does (RFC 6376 §5.4.2).
  const used = new Map<string, number>();
  const parts: Buffer[] = [];
  for (const name of headers) {
    const all = split.fields.filter((f) => f.name.toLowerCase() === name.toLowerCase());
    const n = used.get(name.toLowerCase()) ?? 0;
    const field = all[all.length - 1 - n];
    if (!field) continue;
    used.set(name.toLowerCase(), n + 1);
    parts.push(canonicalizeHeaderField(field.raw, hc));
  }
  const self = canonicalizeHeaderField(Buffer.from(template + '\r\n'), hc);
  parts.push(self.subarray(0, self.length - 2));
  const data = Buffer.concat(parts);
  const b =
    o.key.type === 'ed25519'
      ? cryptoSign(null, createHash('sha256').update(data).digest(), o.key.privateKey)
      : cryptoSign(hash, data, o.key.privateKey);
  return Buffer.concat([Buffer.from(template + b.toString('base64') + '\r\n'), bytes]);
}

/** A resolver holding `<selector>._domainkey.<domain>` records. */
export function keyZone(records: Record<string, string | string[] | string[][]>): MemoryResolver {
  const resolver = new MemoryResolver();
  for (const [name, value] of Object.entries(records)) {
    if (typeof value === 'string') resolver.add(name, 'TXT', [value]);
    else if (value.every((v) => typeof v === 'string')) resolver.add(name, 'TXT', value as string[]);
    else for (const record of value as string[][]) resolver.add(name, 'TXT', record);
  }
  return resolver;
}

/** A key record for a test key. */
export function keyRecord(key: TestKey, extra = ''): string {
  return `v=DKIM1; k=${key.type}; ${extra}p=${key.p}`;
}

/** LF line endings to CRLF. */
export function crlf(text: string | Buffer): Buffer {
  return Buffer.from(text.toString('latin1').replace(/\r?\n/g, '\r\n'), 'latin1');
}

/** A plain test message. */
export const MESSAGE = crlf(`From: Joe SixPack <joe@football.example.com>
To: Suzie Q <suzie@shopping.example.net>
Subject: Is dinner ready?
Date: Fri, 11 Jul 2003 21:00:37 -0700 (PDT)
Message-ID: <20030712040037.46341.5F8J@football.example.com>

Hi.

We lost the game. Are you hungry yet?

Joe.
`);
