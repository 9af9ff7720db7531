// The corpus's senders, their signing keys (made once per run with Node's crypto) and their DNS.
import { generateKeyPair, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import { MemoryResolver } from '../src/dns/memory.js';
import type { Author } from './messages.js';

const generate = promisify(generateKeyPair);

/** A DKIM signing key with the names it is published under. */
export interface SigningKey {
  domain: string;
  selector: string;
  algorithm: 'rsa-sha256' | 'ed25519-sha256';
  /** PKCS#8 PEM, as signers take it. */
  privateKey: string;
  publicKey: KeyObject;
  /** The key record's text (RFC 6376 §3.6.1), before it is split into 255-octet strings. */
  record: string;
}

/** A sending organisation: its author identity, keys, and the network it sends from. */
export interface Sender {
  author: Author;
  rsa: SigningKey;
  ed25519?: SigningKey;
  /** First three octets of its /24, in 198.18.0.0/15 (RFC 2544, benchmarking). */
  net: string;
}

/** Every key of a run: the author domains and the email service provider that relays for some of them. */
export interface BenchKeys {
  senders: Sender[];
  esp: SigningKey;
}

/** The email service provider: its signing domain, bounce domain and network. */
export const ESP = { domain: 'mailer.example.net', bounceDomain: 'bounce.mailer.example.net', helo: 'out.mailer.example.net', net: '198.19.0' } as const;

/** The author domains, in order: `Sender` i of {@link generateKeys} is author i. `ed25519`: it also publishes an Ed25519 key. */
export const AUTHORS: ReadonlyArray<Author & { ed25519: boolean }> = [
  { domain: 'shop.example.jp', lang: 'ja', name: 'サンプル商店', local: 'info', ed25519: true },
  { domain: 'univ.example.ac.jp', lang: 'ja', name: '入試課', local: 'admission', ed25519: true },
  { domain: 'news.example.com', lang: 'en', name: 'Example News', local: 'newsletter', ed25519: false },
  { domain: 'bank.example.co.jp', lang: 'ja', name: 'サンプル銀行', local: 'notice', ed25519: true },
  { domain: 'saas.example.io', lang: 'en', name: 'Example Cloud', local: 'no-reply', ed25519: true },
  { domain: 'city.example.lg.jp', lang: 'ja', name: '市役所 広報課', local: 'koho', ed25519: false },
];

/** A fresh RSA-2048 key published at `selector._domainkey.domain`. */
export async function rsaKey(domain: string, selector: string): Promise<SigningKey> {
  const { publicKey, privateKey } = await generate('rsa', { modulusLength: 2048 });
  const p = publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
  return { domain, selector, algorithm: 'rsa-sha256', privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string, publicKey, record: `v=DKIM1; k=rsa; p=${p}` };
}

async function ed25519Key(domain: string, selector: string): Promise<SigningKey> {
  const { publicKey, privateKey } = await generate('ed25519');
  // RFC 8463 §4.2: p= is the bare 32-octet key, not a SubjectPublicKeyInfo.
  const p = publicKey.export({ type: 'spki', format: 'der' }).subarray(-32).toString('base64');
  return { domain, selector, algorithm: 'ed25519-sha256', privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string, publicKey, record: `v=DKIM1; k=ed25519; p=${p}` };
}

/** Make every key of a run (RSA-2048 and Ed25519), in parallel. */
export async function generateKeys(): Promise<BenchKeys> {
  const senders = await Promise.all(
    AUTHORS.map(async ({ ed25519, ...author }, i): Promise<Sender> => {
      const [rsa, ed] = await Promise.all([rsaKey(author.domain, 'rsa2025'), ed25519 ? ed25519Key(author.domain, 'ed2025') : undefined]);
      return { author, rsa, ...(ed ? { ed25519: ed } : {}), net: `198.18.${i + 1}` };
    }),
  );
  return { senders, esp: await rsaKey(ESP.domain, 'esp2025') };
}

/** A TXT record's text as DNS carries it: character-strings of at most 255 octets (RFC 1035 §3.3.14). */
export function txtStrings(text: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += 255) out.push(text.slice(i, i + 255));
  return out;
}

/** The DNS every message needs: key records, SPF for author, bounce and provider domains, DMARC. */
export function benchResolver(keys: BenchKeys): MemoryResolver {
  const r = new MemoryResolver();
  const publish = (k: SigningKey): void => void r.add(`${k.selector}._domainkey.${k.domain}`, 'TXT', txtStrings(k.record));
  publish(keys.esp);
  r.add(`_spf.${ESP.domain}`, 'TXT', [`v=spf1 ip4:${ESP.net}.0/24 -all`]);
  r.add(ESP.domain, 'TXT', [`v=spf1 include:_spf.${ESP.domain} -all`]);
  r.add(ESP.bounceDomain, 'TXT', [`v=spf1 include:_spf.${ESP.domain} -all`]);
  r.add(`_dmarc.${ESP.domain}`, 'TXT', ['v=DMARC1; p=none']);
  keys.senders.forEach((s, i) => {
    publish(s.rsa);
    if (s.ed25519) publish(s.ed25519);
    r.add(s.author.domain, 'TXT', [`v=spf1 ip4:${s.net}.0/24 include:_spf.${ESP.domain} ~all`]);
    r.add(s.author.domain, 'TXT', [`google-site-verification=${s.author.domain.replace(/\./g, '')}`]);
    r.add(`_dmarc.${s.author.domain}`, 'TXT', [`v=DMARC1; p=${['reject', 'quarantine', 'none'][i % 3]}; rua=mailto:dmarc-rua@${s.author.domain}`]);
  });
  return r;
}
