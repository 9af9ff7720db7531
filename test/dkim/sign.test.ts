import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { before, describe, test } from 'node:test';
import { MemoryResolver } from '../../src/dns/memory.js';
import { generateDkimKey, type DkimKeyPair } from '../../src/dkim/keygen.js';
import { createKeyCache } from '../../src/dkim/key.js';
import { splitMessage } from '../../src/message/split.js';
import { DEFAULT_SIGNED_HEADERS } from '../../src/dkim/sign-headers.js';
import { loadSigningKey } from '../../src/dkim/sign-key.js';
import { computeHeaderSignature, signDkim } from '../../src/dkim/sign.js';
import type { CanonicalizationSetting, DkimSignatureOptions, DkimSignOptions } from '../../src/dkim/sign-types.js';
import type { DkimResult } from '../../src/dkim/types.js';
import { verifyDkim } from '../../src/dkim/verify.js';
import { conformanceDir } from '../helpers/paths.js';

const NOW = Date.UTC(2024, 0, 2, 9, 0, 0);
const crlf = (lines: string[]): Buffer => Buffer.from(lines.join('\r\n'), 'utf8');

const MESSAGE = crlf([
  'Received: from a.example by b.example; Tue, 2 Jan 2024 09:00:01 +0000',
  'From: Alice <alice@example.com>',
  'To: bob@example.net,',
  '  carol@example.net',
  'Subject:  Lunch   plans ',
  'Date: Tue, 2 Jan 2024 09:00:00 +0000',
  'Message-ID: <lunch@example.com>',
  'MIME-Version: 1.0',
  'Content-Type: text/plain; charset=UTF-8',
  '',
  'Noon  at the usual place? \t',
  'お昼はいつもの店で。',
  '',
  '',
]);

let rsa: DkimKeyPair;
let ed: DkimKeyPair;
let resolver: MemoryResolver;

before(async () => {
  rsa = await generateDkimKey({ type: 'rsa', domain: 'example.com', selector: 'rsa' });
  ed = await generateDkimKey({ type: 'ed25519', domain: 'example.com', selector: 'ed' });
  resolver = new MemoryResolver();
  for (const key of [rsa, ed]) resolver.add(key.name, 'TXT', key.strings);
});

function spec(key: 'rsa' | 'ed25519', extra: Partial<DkimSignatureOptions> = {}): DkimSignatureOptions {
  const pair = key === 'rsa' ? rsa : ed;
  return { domain: 'example.com', selector: pair.selector, privateKey: pair.privateKey, ...extra };
}

async function signed(message: Buffer, signatures: DkimSignatureOptions[], options: Partial<DkimSignOptions> = {}): Promise<Buffer> {
  const result = await signDkim(message, { signatures, now: NOW, ...options });
  assert.ok(result.ok, JSON.stringify(!result.ok && result.error));
  return Buffer.concat([Buffer.from(result.header), message]);
}

async function verify(message: Buffer, now = NOW): Promise<DkimResult[]> {
  const result = await verifyDkim(message, { resolver, now, keyCache: createKeyCache() });
  assert.ok(result.ok);
  return result.results;
}

function assertPass(results: DkimResult[], count: number): void {
  assert.equal(results.length, count);
  for (const r of results) assert.equal(r.result, 'pass', `${r.selector}: ${JSON.stringify('reason' in r ? r.reason : '')}`);
}

/** The value of tag `name` in the first DKIM-Signature field of a header text, whitespace removed. */
function tag(header: string, name: string): string | undefined {
  const unfolded = header.split(/\r?\n(?![ \t])/)[0]!.replace(/\r?\n[ \t]/g, ' ');
  const m = new RegExp(`[;:]\\s*${name}=([^;]*)`).exec(unfolded);
  return m ? m[1]!.replace(/\s+/g, '') : undefined;
}

describe('RFC 8463 Appendix A: the published example', () => {
  const dir = join(conformanceDir(), 'dkim', 'rfc8463-example');
  const example = readFileSync(join(dir, 'signed.eml'));
  const split = splitMessage(example);
  assert.ok(split.ok);
  const [edField, rsaField, ...fields] = split.fields;
  const headers = 'from:to:subject:date:message-id:from:subject:date'.split(':');

  for (const [name, field, keyFile, algorithm] of [
    ['ed25519-sha256', edField!, 'private-ec.key', 'ed25519-sha256'],
    ['rsa-sha256', rsaField!, 'private-rsa.key', 'rsa-sha256'],
  ] as const) {
    test(`RFC 8463 §3: signing with the example's ${name} key and tags reproduces the published b=`, () => {
      const raw = Buffer.from(field.raw).toString('latin1').replace(/\r?\n$/, '');
      const published = /b=([^;]*)$/.exec(raw)![1]!.replace(/\s+/g, '');
      const template = raw.replace(/b=[^;]*$/, 'b=');
      const key = loadSigningKey(readFileSync(join(dir, keyFile), 'utf8'));
      assert.ok(key.ok);
      assert.equal(key.algorithm, algorithm);
      const b = computeHeaderSignature(fields, headers, template, 'relaxed', key.key, algorithm);
      assert.equal(b.toString('base64'), published);
    });
  }

  test('RFC 8463 §3: signDkim over the example message gives the published bh= and both signatures verify', async () => {
    const message = Buffer.from(example.subarray(rsaField!.offset + rsaField!.raw.length));
    const records = JSON.parse(readFileSync(join(dir, 'dns.json'), 'utf8')) as Record<string, { TXT?: string[][] }>;
    const dns = new MemoryResolver();
    for (const [name, types] of Object.entries(records)) for (const txt of types.TXT ?? []) dns.add(name, 'TXT', txt);
    const result = await signDkim(message, {
      now: 1528637909_000,
      signatures: [
        { domain: 'football.example.com', selector: 'brisbane', privateKey: readFileSync(join(dir, 'private-ec.key'), 'utf8'), signedHeaders: headers },
        { domain: 'football.example.com', selector: 'test', privateKey: readFileSync(join(dir, 'private-rsa.key'), 'utf8'), signedHeaders: headers },
      ],
    });
    assert.ok(result.ok);
    for (const s of result.signatures) assert.equal(s.bodyHash, '2jUSOH9NhtVGCQWNr9BrIAPreKQjO6Sn7XIkfJVOzv8=');
    const out = await verifyDkim(Buffer.concat([Buffer.from(result.header), message]), { resolver: dns, now: 1528637909_000, keyCache: createKeyCache() });
    assert.ok(out.ok);
    assertPass(out.results, 2);
  });
});

describe('RFC 6376 §5: signatures verify', () => {
  const settings: CanonicalizationSetting[] = ['relaxed/relaxed', 'simple/simple', 'relaxed/simple', 'simple/relaxed', 'relaxed', 'simple'];
  for (const key of ['rsa', 'ed25519'] as const) {
    for (const canonicalization of settings) {
      test(`RFC 6376 §3.4: ${key} with c=${canonicalization} round-trips through the verifier`, async () => {
        const message = await signed(MESSAGE, [spec(key, { canonicalization })]);
        assertPass(await verify(message), 1);
        const header = message.toString('utf8');
        const [h, b = 'simple'] = canonicalization.split('/');
        assert.equal(tag(header, 'c'), `${h}/${b}`);
        assert.equal(tag(header, 'a'), key === 'rsa' ? 'rsa-sha256' : 'ed25519-sha256');
      });
    }
  }

  test('RFC 6376 §5.4: relaxed/relaxed is the default and the tags come in a fixed order', async () => {
    const result = await signDkim(MESSAGE, { signatures: [spec('rsa', { identity: '@example.com', expiresIn: 60, bodyLength: true })], now: NOW });
    assert.ok(result.ok);
    const names = [...result.header.replace(/\r\n[ \t]/g, ' ').matchAll(/(?:^DKIM-Signature:|;)\s*([a-z]+)=/g)].map((m) => m[1]);
    assert.deepEqual(names, ['v', 'a', 'c', 'd', 'i', 's', 't', 'x', 'l', 'h', 'bh', 'b']);
    assert.equal(tag(result.header, 'c'), 'relaxed/relaxed');
  });

  test('RFC 5322 §2.1.1: the field is folded at 78 characters, b= on its own line, and ends with CRLF', async () => {
    const result = await signDkim(MESSAGE, { signatures: [spec('rsa')], now: NOW });
    assert.ok(result.ok);
    const field = result.signatures[0]!.field;
    assert.ok(field.endsWith('\r\n'));
    assert.ok(!/[^\r]\n/.test(field), 'only CRLF line breaks');
    const lines = field.slice(0, -2).split('\r\n');
    for (const line of lines) assert.ok(line.length <= 78, `${line.length}: ${line}`);
    for (const line of lines.slice(1)) assert.match(line, /^ /);
    assert.ok(lines.some((l) => l.startsWith(' b=')));
    assert.equal(result.header, field);
  });

  test('RFC 6376 §3.4.2: a message with bare LF gets a field with bare LF, and it verifies', async () => {
    const lf = Buffer.from(MESSAGE.toString('utf8').replace(/\r\n/g, '\n'));
    for (const canonicalization of ['simple/simple', 'relaxed/relaxed'] as const) {
      const result = await signDkim(lf, { signatures: [spec('rsa', { canonicalization })], now: NOW });
      assert.ok(result.ok);
      assert.ok(!result.header.includes('\r'));
      assertPass(await verify(Buffer.concat([Buffer.from(result.header), lf])), 1);
    }
  });
});

describe('RFC 6376 §5.4.2 and §8.15: oversigning', () => {
  test('RFC 6376 §5.4.2: each present field is listed once more than it occurs; absent ones are left out', async () => {
    const result = await signDkim(MESSAGE, { signatures: [spec('rsa')], now: NOW });
    assert.ok(result.ok);
    const h = result.signatures[0]!.headers;
    for (const name of ['from', 'to', 'subject', 'date', 'message-id', 'mime-version', 'content-type']) {
      assert.equal(h.filter((x) => x === name).length, 2, name);
    }
    for (const name of ['cc', 'reply-to', 'list-unsubscribe', 'received']) assert.ok(!h.includes(name), name);
    assert.deepEqual(tag(result.header, 'h')!.split(':'), h);
  });

  test('RFC 6376 §8.15: a second Subject added after signing breaks an oversigned signature', async () => {
    const message = await signed(MESSAGE, [spec('ed25519')]);
    const text = message.toString('utf8');
    const added = Buffer.from(text.replace('From: Alice', 'Subject: URGENT: wire money\r\nFrom: Alice'));
    const [r] = await verify(added);
    assert.equal(r!.result, 'fail');
    assert.equal('reason' in r! && r.reason.code, 'signature-mismatch');
  });

  test('RFC 6376 §5.4.2: without oversigning, a Subject added above the signed one goes unnoticed (why oversigning is the default)', async () => {
    const message = await signed(MESSAGE, [spec('ed25519', { oversign: false })]);
    const added = Buffer.from(message.toString('utf8').replace('From: Alice', 'Subject: URGENT: wire money\r\nFrom: Alice'));
    assertPass(await verify(added), 1);
  });

  test('RFC 6376 §5.4: From is signed even when the list leaves it out, and each field once with oversign off', async () => {
    const result = await signDkim(MESSAGE, { signatures: [spec('rsa', { headers: ['Subject', 'X-Missing', 'SUBJECT'], oversign: false })], now: NOW });
    assert.ok(result.ok);
    assert.deepEqual(result.signatures[0]!.headers, ['from', 'subject']);
  });

  test('RFC 6376 §3.5: signedHeaders is written as given, absent names included (they sign a null field)', async () => {
    const exact = ['From', 'Subject', 'Reply-To', 'Reply-To'];
    const message = await signed(MESSAGE, [spec('rsa', { signedHeaders: exact })]);
    assert.equal(tag(message.toString('utf8'), 'h'), 'from:subject:reply-to:reply-to');
    assertPass(await verify(message), 1);
    const withReplyTo = Buffer.from(message.toString('utf8').replace('From: Alice', 'Reply-To: mallory@evil.example\r\nFrom: Alice'));
    assert.equal((await verify(withReplyTo))[0]!.result, 'fail');
  });

  test('RFC 6376 §5.4: the default list covers the RFC\'s recommended fields', () => {
    for (const name of ['From', 'Reply-To', 'Subject', 'Date', 'To', 'Cc', 'Message-ID', 'In-Reply-To', 'References', 'MIME-Version', 'Content-Type', 'List-Unsubscribe', 'List-Unsubscribe-Post', 'Sender']) {
      assert.ok(DEFAULT_SIGNED_HEADERS.includes(name), name);
    }
    assert.ok(!DEFAULT_SIGNED_HEADERS.some((n) => /^(received|return-path|dkim-signature)$/i.test(n)));
  });
});

describe('RFC 6376 §4.2: several signatures in one call', () => {
  test('RFC 6376 §4.2: an RSA and an Ed25519 signature both verify, in the order asked', async () => {
    const result = await signDkim(MESSAGE, { signatures: [spec('rsa'), spec('ed25519', { canonicalization: 'simple/simple' })], now: NOW });
    assert.ok(result.ok);
    assert.deepEqual(result.signatures.map((s) => s.selector), ['rsa', 'ed']);
    assert.equal(result.header, result.signatures[0]!.field + result.signatures[1]!.field);
    const results = await verify(Buffer.concat([Buffer.from(result.header), MESSAGE]));
    assertPass(results, 2);
    assert.deepEqual(results.map((r) => r.selector), ['rsa', 'ed']);
  });

  test('RFC 6376 §3.7: signatures with the same body canonicalization share one body hash', async () => {
    const result = await signDkim(MESSAGE, {
      signatures: [spec('rsa'), spec('ed25519'), spec('rsa', { canonicalization: 'simple/simple' }), spec('ed25519', { bodyLength: 10 })],
      now: NOW,
    });
    assert.ok(result.ok);
    const [a, b, c, d] = result.signatures;
    assert.equal(a!.bodyHash, b!.bodyHash);
    assert.notEqual(a!.bodyHash, c!.bodyHash);
    assert.notEqual(a!.bodyHash, d!.bodyHash);
    assertPass(await verify(Buffer.concat([Buffer.from(result.header), MESSAGE])), 4);
  });
});

describe('RFC 6376 §3.5: l=, x=, t= and i=', () => {
  test('RFC 6376 §3.5 l=: true states the whole canonical body length; content appended later is flagged, not signed', async () => {
    const result = await signDkim(MESSAGE, { signatures: [spec('rsa', { bodyLength: true })], now: NOW });
    assert.ok(result.ok);
    const l = result.signatures[0]!.bodyLength!;
    assert.equal(tag(result.header, 'l'), String(l));
    const message = Buffer.concat([Buffer.from(result.header), MESSAGE]);
    assertPass(await verify(message), 1);
    const appended = Buffer.concat([message, Buffer.from('Click here: https://evil.example/\r\n')]);
    const [r] = await verify(appended);
    assert.equal(r!.result, 'pass');
    assert.equal(r!.bodyLengthLimited, true);
    assert.ok((r!.unsignedBodyOctets ?? 0) > 0);
  });

  test('RFC 6376 §3.5 l=: a number signs at most that many canonical octets', async () => {
    const short = await signDkim(MESSAGE, { signatures: [spec('ed25519', { bodyLength: 5 })], now: NOW });
    const long = await signDkim(MESSAGE, { signatures: [spec('ed25519', { bodyLength: 1_000_000 })], now: NOW });
    const whole = await signDkim(MESSAGE, { signatures: [spec('ed25519', { bodyLength: true })], now: NOW });
    assert.ok(short.ok && long.ok && whole.ok);
    assert.equal(short.signatures[0]!.bodyLength, 5);
    assert.equal(long.signatures[0]!.bodyLength, whole.signatures[0]!.bodyLength);
    assertPass(await verify(Buffer.concat([Buffer.from(short.header), MESSAGE])), 1);
  });

  test('RFC 6376 §3.5 x=: expiresIn sets x= after t=; the signature expires then', async () => {
    const result = await signDkim(MESSAGE, { signatures: [spec('rsa', { expiresIn: 3600 })], now: NOW });
    assert.ok(result.ok);
    const t = Math.floor(NOW / 1000);
    assert.equal(result.signatures[0]!.timestamp, t);
    assert.equal(result.signatures[0]!.expiration, t + 3600);
    const message = Buffer.concat([Buffer.from(result.header), MESSAGE]);
    assertPass(await verify(message, NOW + 3000_000), 1);
    const [late] = await verify(message, NOW + 86_400_000);
    assert.notEqual(late!.result, 'pass');
    assert.equal('reason' in late! && late.reason.code, 'expired');
  });

  test('RFC 6376 §3.5 x=: an expiration at or before the signing time is refused', async () => {
    for (const extra of [{ expiration: Math.floor(NOW / 1000) }, { expiresIn: 0 }, { expiresIn: -5 }, { expiresIn: 1.5 }]) {
      const result = await signDkim(MESSAGE, { signatures: [spec('rsa', extra)], now: NOW });
      assert.ok(!result.ok);
      assert.equal(result.error.code, 'bad-expiration');
    }
  });

  test('RFC 6376 §3.5 t=: timestamp false leaves t= out', async () => {
    const result = await signDkim(MESSAGE, { signatures: [spec('rsa', { timestamp: false })], now: NOW });
    assert.ok(result.ok);
    assert.equal(tag(result.header, 't'), undefined);
    assertPass(await verify(Buffer.concat([Buffer.from(result.header), MESSAGE])), 1);
  });

  test('RFC 6376 §3.5 i=: an identity in a subdomain is accepted; one outside d= is refused', async () => {
    const ok = await signDkim(MESSAGE, { signatures: [spec('rsa', { identity: 'alice@mail.example.com' })], now: NOW });
    assert.ok(ok.ok);
    assertPass(await verify(Buffer.concat([Buffer.from(ok.header), MESSAGE])), 1);
    const outside = await signDkim(MESSAGE, { signatures: [spec('rsa', { identity: 'alice@example.net' })], now: NOW });
    assert.ok(!outside.ok);
    assert.deepEqual(outside.error, { code: 'identity-not-in-domain', signature: 0, value: 'alice@example.net' });
    const notExample = await signDkim(MESSAGE, { signatures: [spec('rsa', { identity: 'alice@notexample.com' })], now: NOW });
    assert.ok(!notExample.ok);
  });

  test('RFC 6376 §2.11: an i= local part with ";" and "=" is written in dkim-quoted-printable', async () => {
    const result = await signDkim(MESSAGE, { signatures: [spec('rsa', { identity: 'a;b=c@example.com' })], now: NOW });
    assert.ok(result.ok);
    assert.equal(result.signatures[0]!.identity, 'a=3Bb=3Dc@example.com');
    const [r] = await verify(Buffer.concat([Buffer.from(result.header), MESSAGE]));
    assert.equal(r!.result, 'pass');
    assert.equal(r!.identity, 'a;b=c@example.com');
  });
});

describe('signing reads any source the same way', () => {
  async function* chunks(bytes: Buffer, sizes: number[]): AsyncGenerator<Uint8Array> {
    let i = 0;
    for (let k = 0; i < bytes.length; k++) {
      const n = sizes[k % sizes.length]!;
      yield new Uint8Array(bytes.subarray(i, i + n));
      i += n;
    }
  }

  test('a stream split anywhere (even inside CRLF), a Node Readable, a string and a Buffer give identical signatures', async () => {
    const signatures = [spec('rsa'), spec('ed25519', { canonicalization: 'simple/simple', bodyLength: 7 })];
    const reference = await signDkim(MESSAGE, { signatures, now: NOW });
    assert.ok(reference.ok);
    const sources = [
      MESSAGE.toString('utf8'),
      new Uint8Array(MESSAGE),
      chunks(MESSAGE, [1]),
      chunks(MESSAGE, [3, 1, 7, 2]),
      Readable.from([MESSAGE.subarray(0, 100), MESSAGE.subarray(100)]),
    ];
    for (const source of sources) {
      const result = await signDkim(source, { signatures, now: NOW });
      assert.ok(result.ok);
      assert.equal(result.header, reference.header);
    }
  });
});

describe('RFC 6376 §5.4 and RFC 8301: what is refused', () => {
  test("RFC 6376 §5.4: a message without From (dkimpy's test_nofrom.message) is refused with no-from", async () => {
    const message = readFileSync(join(conformanceDir(), 'dkim', 'dkimpy-data', 'test_nofrom.message'));
    const result = await signDkim(message, { signatures: [spec('rsa')], now: NOW });
    assert.deepEqual(result, { ok: false, error: { code: 'no-from' } });
    const streamed = await signDkim(Readable.from([message]), { signatures: [spec('rsa')], now: NOW });
    assert.deepEqual(streamed, { ok: false, error: { code: 'no-from' } });
  });

  test('RFC 6376 §5.4: signedHeaders without From is refused', async () => {
    const result = await signDkim(MESSAGE, { signatures: [spec('rsa', { signedHeaders: ['subject'] })], now: NOW });
    assert.ok(!result.ok);
    assert.equal(result.error.code, 'from-not-signed');
  });

  test('RFC 8301 §3.1: rsa-sha1 is never written', async () => {
    const result = await signDkim(MESSAGE, { signatures: [spec('rsa', { algorithm: 'rsa-sha1' as 'rsa-sha256' })], now: NOW });
    assert.ok(!result.ok);
    assert.deepEqual(result.error, { code: 'unsupported-algorithm', signature: 0, value: 'rsa-sha1' });
  });

  test('RFC 8301 §3.2: an RSA key under 1024 bits is refused', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 768 });
    const result = await signDkim(MESSAGE, { signatures: [{ domain: 'example.com', selector: 's', privateKey }], now: NOW });
    assert.ok(!result.ok);
    assert.deepEqual(result.error, { code: 'rsa-key-too-small', signature: 0, bits: 768 });
  });

  test('the algorithm must fit the key, and the key must be usable', async () => {
    const cases: Array<[Partial<DkimSignatureOptions>, string]> = [
      [{ privateKey: ed.privateKeyPem, algorithm: 'rsa-sha256' }, 'algorithm-mismatch'],
      [{ privateKey: rsa.privateKeyPem, algorithm: 'ed25519-sha256' }, 'algorithm-mismatch'],
      [{ privateKey: 'not a key' }, 'bad-private-key'],
      [{ privateKey: '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n' }, 'bad-private-key'],
      [{ privateKey: generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey }, 'unsupported-key-type'],
      [{ privateKey: generateKeyPairSync('ed25519').publicKey }, 'bad-private-key'],
      [{ domain: 'localhost' }, 'bad-domain'],
      [{ domain: 'exa mple.com' }, 'bad-domain'],
      [{ selector: 'sel;ector' }, 'bad-selector'],
      [{ selector: '' }, 'bad-selector'],
      [{ canonicalization: 'loose' as 'simple' }, 'bad-canonicalization'],
      [{ headers: ['From', 'Bad Name'] }, 'bad-header-name'],
      [{ bodyLength: -1 }, 'bad-body-length'],
    ];
    for (const [extra, code] of cases) {
      const result = await signDkim(MESSAGE, { signatures: [spec('rsa', extra)], now: NOW });
      assert.ok(!result.ok, code);
      assert.equal(result.error.code, code, JSON.stringify(extra).slice(0, 80));
    }
  });

  test('a second signature with a problem is named by its index, and nothing is signed', async () => {
    const result = await signDkim(MESSAGE, { signatures: [spec('rsa'), spec('rsa', { selector: 'a..b' })], now: NOW });
    assert.deepEqual(result, { ok: false, error: { code: 'bad-selector', signature: 1, value: 'a..b' } });
  });

  test('the header section limits apply to signing too', async () => {
    const result = await signDkim(MESSAGE, { signatures: [spec('rsa')], now: NOW, limits: { maxHeaderFields: 3 } });
    assert.ok(!result.ok);
    assert.equal(result.error.code, 'unreadable-message');
  });

  test('programmer mistakes throw', async () => {
    await assert.rejects(signDkim(MESSAGE, { signatures: [] }), TypeError);
    await assert.rejects(signDkim(MESSAGE, { signatures: [spec('rsa', { domain: 5 as unknown as string })] }), TypeError);
    await assert.rejects(signDkim(MESSAGE, { signatures: [spec('rsa', { expiresIn: 5, expiration: 10 })] }), TypeError);
    await assert.rejects(signDkim(MESSAGE, { signatures: [spec('rsa')], now: Number.NaN }), TypeError);
  });
});

describe('keys in the forms people have', () => {
  test('RFC 8463 §A.1: an Ed25519 key given as its base64 seed (the RFC and dkimpy form) signs', async () => {
    const seed = ed.privateKey.export({ format: 'der', type: 'pkcs8' }).subarray(-32);
    for (const privateKey of [seed.toString('base64'), Buffer.from(`${seed.toString('base64')}\n`), seed]) {
      const message = await signed(MESSAGE, [spec('ed25519', { privateKey })]);
      assertPass(await verify(message), 1);
    }
  });

  test('PEM (PKCS#1 and PKCS#8) and DER keys sign', async () => {
    const keys = [
      rsa.privateKeyPem,
      rsa.privateKey.export({ format: 'pem', type: 'pkcs8' }) as string,
      rsa.privateKey.export({ format: 'der', type: 'pkcs8' }),
      rsa.privateKey.export({ format: 'der', type: 'pkcs1' }),
      Buffer.from(rsa.privateKeyPem),
    ];
    for (const privateKey of keys) assertPass(await verify(await signed(MESSAGE, [spec('rsa', { privateKey })])), 1);
  });

  test('RFC 8616 §4: a Unicode signing domain is written as A-labels', async () => {
    const result = await signDkim(MESSAGE, { signatures: [spec('rsa', { domain: 'ドメイン.example' })], now: NOW });
    assert.ok(result.ok);
    assert.equal(result.signatures[0]!.domain, 'xn--eckwd4c7c.example');
  });
});
