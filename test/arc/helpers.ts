import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { MemoryResolver } from '../../src/dns/memory.js';
import { sealArc } from '../../src/arc/seal.js';
import type { ArcSealOptions, ArcSealed } from '../../src/arc/types.js';

/** A sealer's key pair and where its public key is published. */
export interface Sealer {
  domain: string;
  selector: string;
  privateKey: KeyObject;
  /** The TXT record value. */
  record: string;
}

const cache = new Map<string, { privateKey: KeyObject; p: string; k: string }>();

function keyPair(type: 'rsa' | 'ed25519', bits: number): { privateKey: KeyObject; p: string; k: string } {
  const id = `${type}${bits}`;
  let pair = cache.get(id);
  if (!pair) {
    if (type === 'rsa') {
      const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: bits });
      pair = { privateKey, p: publicKey.export({ format: 'der', type: 'spki' }).toString('base64'), k: 'rsa' };
    } else {
      const { privateKey, publicKey } = generateKeyPairSync('ed25519');
      // RFC 8463 §4.2: p= is the raw 32-octet key, the last octets of the SPKI.
      pair = { privateKey, p: publicKey.export({ format: 'der', type: 'spki' }).subarray(-32).toString('base64'), k: 'ed25519' };
    }
    cache.set(id, pair);
  }
  return pair;
}

/** A sealer with a fresh (per process cached) key. */
export function sealer(domain: string, selector: string, type: 'rsa' | 'ed25519' = 'rsa', bits = 1024): Sealer {
  const pair = keyPair(type, bits);
  return { domain, selector, privateKey: pair.privateKey, record: `v=DKIM1; k=${pair.k}; p=${pair.p}` };
}

/** A resolver publishing the sealers' keys. */
export function publish(...sealers: Sealer[]): MemoryResolver {
  const resolver = new MemoryResolver();
  for (const s of sealers) {
    const strings: string[] = [];
    for (let i = 0; i < s.record.length; i += 255) strings.push(s.record.slice(i, i + 255));
    resolver.add(`${s.selector}._domainkey.${s.domain}`, 'TXT', strings);
  }
  return resolver;
}

export const NOW = Date.UTC(2026, 10, 30, 12, 0, 0);

/** The test message an author sends. */
export const MESSAGE = [
  'From: Alice <alice@example.com>',
  'To: list@lists.example.org',
  'Subject: Meeting notes',
  'Date: Mon, 30 Nov 2026 12:00:00 +0000',
  'Message-ID: <notes-1@example.com>',
  'MIME-Version: 1.0',
  'Content-Type: text/plain; charset=utf-8',
  '',
  'See you on Monday.',
  '',
].join('\r\n');

/** Seal `message` as `who` with the results text given, returning the sealed message and the result. */
export async function sealAs(message: string, who: Sealer, resolver: MemoryResolver, extra: Partial<ArcSealOptions> = {}): Promise<{ message: string; sealed: ArcSealed }> {
  const result = await sealArc(message, {
    domain: who.domain,
    selector: who.selector,
    privateKey: who.privateKey,
    now: NOW,
    resolver,
    authResults: `${who.domain}; spf=pass smtp.mailfrom=example.com; dkim=pass header.d=example.com; dmarc=pass header.from=example.com`,
    ...extra,
  });
  if (!result.ok) throw new Error(`not sealed: ${JSON.stringify(result.error)}`);
  return { message: result.header + message, sealed: result };
}
