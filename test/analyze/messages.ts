import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sealArc } from '../../src/arc/index.js';
import { signDkim } from '../../src/dkim/sign.js';
import { parseZone } from '../../src/dns/zone.js';
import { zoneToResolver } from '../../src/dns/zone-load.js';
import type { MemoryResolver } from '../../src/dns/memory.js';

/** The analysis time of every test: shortly after the messages arrived. */
export const NOW = Date.parse('2026-11-30T06:00:00Z');
/** The recipient's own server, whose Authentication-Results are trusted. */
export const RECIPIENT = 'mx.recipient.example';

const shopKey = generateKeyPairSync('rsa', { modulusLength: 1024 });
const evilKey = generateKeyPairSync('rsa', { modulusLength: 1024 });
const listKey = generateKeyPairSync('rsa', { modulusLength: 1024 });

function p(key: KeyObject): string {
  return key.export({ format: 'der', type: 'spki' }).toString('base64');
}

/** The DNS of every domain the test messages use (RFC 1035 master file). */
export function zoneText(): string {
  return [
    '$TTL 300',
    '$ORIGIN example.',
    `s1._domainkey.shop IN TXT "v=DKIM1; k=rsa; p=${p(shopKey.publicKey)}"`,
    'shop IN TXT "v=spf1 ip4:198.51.100.10 -all"',
    '_dmarc.shop IN TXT "v=DMARC1; p=reject; rua=mailto:d@shop.example"',
    `s1._domainkey.xn--pypal-4ve IN TXT "v=DKIM1; k=rsa; p=${p(evilKey.publicKey)}"`,
    '_dmarc.xn--pypal-4ve IN TXT "v=DMARC1; p=none"',
    'secure-mailer IN TXT "v=spf1 ip4:192.0.2.66 -all"',
    'lists IN TXT "v=spf1 ip4:203.0.113.40 -all"',
    `arc._domainkey.lists IN TXT "v=DKIM1; k=rsa; p=${p(listKey.publicKey)}"`,
    '$ORIGIN sendgrid.net.',
    'em IN TXT "v=spf1 ip4:198.51.100.0/24 -all"',
  ].join('\n');
}

/** The zone as a resolver. */
export function resolver(): MemoryResolver {
  const parsed = parseZone(zoneText(), {});
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.error));
  return zoneToResolver(parsed.zone);
}

/** The zone written to a temporary file, for `--zone`. */
export function zoneFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'inkan-analyze-'));
  const file = join(dir, 'analyze.zone');
  writeFileSync(file, zoneText());
  return file;
}

/** Join header lines and a body with CRLF (or LF). */
export function message(headers: string[], body: string, eol = '\r\n'): string {
  return `${headers.join(eol)}${eol}${eol}${body.replace(/\r?\n/g, eol)}`;
}

/** Sign `raw` as shop.example (s1) or as the look-alike domain, relaxed/relaxed, and return the signed message. */
export async function sign(raw: string, as: 'shop' | 'lookalike' = 'shop', extra: string[] = []): Promise<string> {
  const key = as === 'shop' ? shopKey.privateKey : evilKey.privateKey;
  const domain = as === 'shop' ? 'shop.example' : 'xn--pypal-4ve.com';
  const r = await signDkim(raw, {
    signatures: [{ domain, selector: 's1', privateKey: key, headers: ['From', 'To', 'Subject', 'Date', 'Message-ID', 'Content-Type', 'Content-Transfer-Encoding', 'List-Unsubscribe', 'List-Unsubscribe-Post', ...extra] }],
    now: Date.parse('2026-11-30T05:00:00Z'),
  });
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.header + raw;
}

/** Prepend trace fields (the newest first) to a message. */
export function prepend(fields: string[], raw: string, eol = '\r\n'): string {
  return fields.map((f) => `${f}${eol}`).join('') + raw;
}

/** A trusted Authentication-Results field of the recipient's server. */
export function authres(results: string, id = RECIPIENT): string {
  return `Authentication-Results: ${id}; ${results}`;
}

/** A Received field. */
export function received(from: string, ip: string, by: string, time: string, protocol = 'ESMTPS'): string {
  return `Received: from ${from} (${from} [${ip}])\r\n\tby ${by} with ${protocol} id Q${time.replace(/\D/g, '').slice(-6)}\r\n\tfor <user@recipient.example>; ${time}`;
}

const SHOP_BODY = 'Hello Hanako,\r\n\r\nYour order 1234 has shipped.\r\n\r\nShop\r\n';

/** The shop's newsletter as it left the shop's ESP, signed by shop.example. */
export async function shopMessage(options: { body?: string; headers?: string[]; eol?: string } = {}): Promise<string> {
  const eol = options.eol ?? '\r\n';
  const headers = options.headers ?? [
    'From: "Shop" <news@shop.example>',
    'To: <user@recipient.example>',
    'Subject: Your order has shipped',
    'Date: Mon, 30 Nov 2026 05:00:00 +0000',
    'Message-ID: <order-1234@shop.example>',
    'List-Unsubscribe: <https://shop.example/u/1234>, <mailto:u-1234@shop.example>',
    'List-Unsubscribe-Post: List-Unsubscribe=One-Click',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
  ];
  return sign(message(headers, options.body ?? SHOP_BODY, eol));
}

/** The authentic ESP message: envelope at sendgrid.net, From shop.example, aligned DKIM, delivered by the recipient's MX. */
export async function authenticEsp(eol = '\r\n'): Promise<string> {
  const signed = await shopMessage({ eol });
  const trace = [
    'Return-Path: <bounce-1234@em.sendgrid.net>',
    authres('spf=pass smtp.mailfrom=em.sendgrid.net; dkim=pass header.d=shop.example header.s=s1; dmarc=pass header.from=shop.example'),
    received('o1.em.sendgrid.net', '198.51.100.25', RECIPIENT, 'Mon, 30 Nov 2026 05:00:05 +0000'),
    'Received: from app.shop.example ([10.0.0.5])\r\n\tby o1.em.sendgrid.net with ESMTPSA id S1; Mon, 30 Nov 2026 05:00:01 +0000',
  ];
  const raw = prepend(trace, signed);
  return eol === '\r\n' ? raw : raw.replace(/\r\n/g, '\n');
}

/** ARC-seal `raw` as the mailing list lists.example, recording that shop.example's mail passed on arrival (RFC 8617 §5.1). */
export async function sealAsList(raw: string): Promise<string> {
  const r = await sealArc(raw, {
    domain: 'lists.example',
    selector: 'arc',
    privateKey: listKey.privateKey,
    now: Date.parse('2026-11-30T05:00:06Z'),
    authResults: 'lists.example; spf=pass smtp.mailfrom=shop.example; dkim=pass header.d=shop.example; dmarc=pass header.from=shop.example',
    resolver: resolver(),
  });
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.header + raw;
}
