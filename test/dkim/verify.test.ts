import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { verifyDkim } from '../../src/dkim/verify.js';
import { createKeyCache } from '../../src/dkim/key.js';
import { explainDkim } from '../../src/dkim/explain.js';
import type { DkimResult, DkimVerifyOptions } from '../../src/dkim/types.js';
import type { Resolver } from '../../src/dns/types.js';
import { MESSAGE, crlf, ed25519Key, keyRecord, keyZone, rsaKey, signMessage, type TestKey, type TestSignOptions } from './helpers.js';

const rsa = rsaKey(1024);
const ed = ed25519Key();
const NOW = Date.UTC(2024, 0, 1);
const NOW_S = NOW / 1000;

async function verifyOne(message: Buffer | string | AsyncIterable<Buffer>, resolver: Resolver, options: Partial<DkimVerifyOptions> = {}): Promise<DkimResult> {
  const out = await verifyDkim(message, { resolver, now: NOW, keyCache: createKeyCache(), ...options });
  assert.ok(out.ok);
  assert.equal(out.results.length, 1);
  return out.results[0]!;
}

function signed(key: TestKey = rsa, o: Partial<TestSignOptions> = {}, message: Buffer = MESSAGE): Buffer {
  return signMessage(message, { domain: 'example.com', selector: 'sel', key, ...o });
}

const zone = (key: TestKey = rsa, extra = ''): Resolver => keyZone({ 'sel._domainkey.example.com': keyRecord(key, extra) });

function reasonOf(r: DkimResult): string | undefined {
  return 'reason' in r ? r.reason.code : undefined;
}

test('RFC 6376 §6: rsa-sha256 and ed25519-sha256, simple and relaxed, pass', async () => {
  for (const key of [rsa, ed]) {
    for (const c of ['simple/simple', 'relaxed/relaxed', 'relaxed/simple', 'simple/relaxed'] as const) {
      const r = await verifyOne(signed(key, { canonicalization: c }), zone(key));
      assert.equal(r.result, 'pass', `${key.type} ${c}: ${reasonOf(r)}`);
      assert.equal(r.domain, 'example.com');
      assert.equal(r.selector, 'sel');
      assert.equal(r.canonicalization, c);
      assert.equal(r.headerB?.length, 8);
    }
  }
});

test('an unsigned message gives an empty list (the caller reports dkim=none)', async () => {
  const out = await verifyDkim(MESSAGE, { resolver: zone(), now: NOW });
  assert.deepEqual(out, { ok: true, results: [], notEvaluated: [] });
});

test('RFC 6376 §6.1.3: a changed body is a fail with reason body-hash-mismatch', async () => {
  const message = Buffer.from(signed().toString().replace('We lost the game', 'We won the game'));
  const r = await verifyOne(message, zone());
  assert.equal(r.result, 'fail');
  assert.equal(reasonOf(r), 'body-hash-mismatch');
});

test('RFC 6376 §6.1.3: a changed signed header is a fail with reason signature-mismatch', async () => {
  const message = Buffer.from(signed().toString().replace('Subject: Is dinner ready?', 'Subject: Is lunch ready?'));
  const r = await verifyOne(message, zone());
  assert.equal(r.result, 'fail');
  assert.equal(reasonOf(r), 'signature-mismatch');
});

test('RFC 6376 §3.4.2: relaxed survives header whitespace changes and name case; simple does not', async () => {
  const change = (m: Buffer): Buffer => Buffer.from(m.toString().replace('Subject: Is dinner ready?', 'SUBJECT:   Is dinner\r\n   ready?'));
  assert.equal((await verifyOne(change(signed(rsa, { canonicalization: 'relaxed/relaxed' })), zone())).result, 'pass');
  assert.equal(reasonOf(await verifyOne(change(signed(rsa, { canonicalization: 'simple/simple' })), zone())), 'signature-mismatch');
});

test('RFC 6376 §5.4.2: an added unsigned header does not matter; an added instance of a signed one does', async () => {
  const base = signed();
  const withExtra = Buffer.concat([Buffer.from('X-Added: yes\r\n'), base]);
  assert.equal((await verifyOne(withExtra, zone())).result, 'pass');
  // A second Subject added at the bottom of the header is selected first (bottom-up).
  const text = base.toString();
  const split = text.indexOf('\r\n\r\n');
  const withSubject = Buffer.from(`${text.slice(0, split)}\r\nSubject: forged${text.slice(split)}`);
  assert.equal(reasonOf(await verifyOne(withSubject, zone())), 'signature-mismatch');
});

test('RFC 6376 §5.4.2: oversigned (absent) header names are hashed as nothing, and adding the field later breaks the signature', async () => {
  const message = signed(rsa, { headers: ['from', 'to', 'subject', 'date', 'reply-to', 'subject'] });
  const r = await verifyOne(message, zone());
  assert.equal(r.result, 'pass');
  const step = r.trace.find((s) => s.kind === 'header-hash');
  assert.ok(step && step.kind === 'header-hash');
  assert.deepEqual(
    step.fields.map((f) => f.present),
    [true, true, true, true, false, false],
  );
  const added = Buffer.from(message.toString().replace('Date:', 'Reply-To: evil@example.net\r\nDate:'));
  assert.equal(reasonOf(await verifyOne(added, zone())), 'signature-mismatch');
});

test('RFC 8301 §3.1: rsa-sha1 never passes (permerror, reason sha1)', async () => {
  const r = await verifyOne(signed(rsa, { algorithm: 'rsa-sha1' }), zone());
  assert.equal(r.result, 'permerror');
  assert.equal(reasonOf(r), 'sha1');
});

test('RFC 8301 §3.2: an RSA key under 1024 bits never passes (key-too-small)', async () => {
  const small = rsaKey(512);
  const r = await verifyOne(signed(small), zone(small));
  assert.equal(r.result, 'permerror');
  assert.ok('reason' in r && r.reason.code === 'key-error' && r.reason.error.code === 'key-too-small');
});

test('RFC 6376 §3.5 x=: an expired signature is a permerror; the clock skew is honoured', async () => {
  const message = signed(rsa, { timestamp: NOW_S - 3600, expiration: NOW_S - 600 });
  const r = await verifyOne(message, zone());
  assert.equal(r.result, 'permerror');
  assert.equal(reasonOf(r), 'expired');
  assert.equal((await verifyOne(signed(rsa, { timestamp: NOW_S - 3600, expiration: NOW_S - 100 }), zone())).result, 'pass');
  assert.equal((await verifyOne(message, zone(), { clockSkew: 1000 })).result, 'pass');
  // A message that waited in a queue: verify at its arrival time.
  assert.equal((await verifyOne(message, zone(), { now: (NOW_S - 1800) * 1000 })).result, 'pass');
});

test('RFC 6376 §3.5 t=: a signature from the future is a permerror beyond the skew', async () => {
  const r = await verifyOne(signed(rsa, { timestamp: NOW_S + 3600 }), zone());
  assert.equal(r.result, 'permerror');
  assert.equal(reasonOf(r), 'future-timestamp');
  assert.equal((await verifyOne(signed(rsa, { timestamp: NOW_S + 200 }), zone())).result, 'pass');
  assert.equal((await verifyOne(signed(rsa, { timestamp: NOW_S + 3600 }), zone(), { rejectFutureTimestamp: false })).result, 'pass');
});

test('RFC 6376 §6.1.2: a revoked key (empty p=) is a permerror', async () => {
  const r = await verifyOne(signed(), keyZone({ 'sel._domainkey.example.com': 'v=DKIM1; k=rsa; p=' }));
  assert.equal(r.result, 'permerror');
  assert.ok('reason' in r && r.reason.code === 'key-error' && r.reason.error.code === 'revoked');
});

test('RFC 6376 §6.1.1: i= outside d= is a permerror', async () => {
  const r = await verifyOne(signed(rsa, { identity: 'joe@example.org' }), zone());
  assert.equal(r.result, 'permerror');
  assert.ok('reason' in r && r.reason.code === 'signature-syntax' && r.reason.error.code === 'identity-mismatch');
  assert.equal((await verifyOne(signed(rsa, { identity: 'joe@mail.example.com' }), zone())).result, 'pass');
});

test('RFC 6376 §3.6.1 t=s: i= in a subdomain of d= is refused by a strict key', async () => {
  const r = await verifyOne(signed(rsa, { identity: 'joe@mail.example.com' }), zone(rsa, 't=s; '));
  assert.equal(r.result, 'permerror');
  assert.equal(reasonOf(r), 'strict-identity');
  assert.equal((await verifyOne(signed(rsa, { identity: 'joe@example.com' }), zone(rsa, 't=s; '))).result, 'pass');
});

test('RFC 6376 §3.6.1 t=y: a testing key is flagged and the verdict kept', async () => {
  const r = await verifyOne(signed(), zone(rsa, 't=y; '));
  assert.equal(r.result, 'pass');
  assert.equal(r.testing, true);
});

test('RFC 6376 §6.1.1: h= without From is a permerror', async () => {
  const r = await verifyOne(signed(rsa, { headers: ['to', 'subject'] }), zone());
  assert.equal(r.result, 'permerror');
  assert.ok('reason' in r && r.reason.code === 'signature-syntax' && r.reason.error.code === 'from-not-signed');
});

test('RFC 6376 §3.6.1: the key must match a= (k=), allow the hash (h=) and serve email (s=)', async () => {
  assert.equal(reasonOf(await verifyOne(signed(ed), zone(rsa))), 'key-type-mismatch');
  assert.equal(reasonOf(await verifyOne(signed(), zone(rsa, 'h=sha1; '))), 'key-hash-not-allowed');
  assert.equal((await verifyOne(signed(), zone(rsa, 'h=sha1:sha256; '))).result, 'pass');
  assert.equal(reasonOf(await verifyOne(signed(), zone(rsa, 's=tlsrpt; '))), 'key-not-email');
  assert.equal((await verifyOne(signed(), zone(rsa, 's=email; '))).result, 'pass');
  assert.equal((await verifyOne(signed(), zone(rsa, 's=*; '))).result, 'pass');
});

test('RFC 6376 §3.5 l=: content appended after the signed length still passes, flagged with the unsigned octet count', async () => {
  const message = signed(rsa, { bodyLength: 20 });
  const appended = Buffer.concat([message, Buffer.from('\r\nP.S. click here: http://evil.example/\r\n')]);
  const r = await verifyOne(appended, zone());
  assert.equal(r.result, 'pass');
  assert.equal(r.bodyLengthLimited, true);
  assert.equal(r.bodyLength, 20);
  assert.ok((r.unsignedBodyOctets ?? 0) > 40);
  const policy = await verifyOne(appended, zone(), { bodyLengthLimited: 'policy' });
  assert.equal(policy.result, 'policy');
  assert.equal(reasonOf(policy), 'body-length-policy');
});

test('RFC 6376 §3.5 l=: a body shorter than l= is a permerror', async () => {
  const message = signed(rsa, { bodyLength: 20 });
  const text = message.toString();
  const cut = Buffer.from(text.slice(0, text.indexOf('\r\n\r\n') + 4) + 'Hi.\r\n');
  const r = await verifyOne(cut, zone());
  assert.equal(r.result, 'permerror');
  assert.equal(reasonOf(r), 'body-length-exceeds-body');
});

test('RFC 6376 §6.1.2: no key (NXDOMAIN) is a permerror; DNS timeout and SERVFAIL are temperrors', async () => {
  assert.equal(reasonOf(await verifyOne(signed(), keyZone({}))), 'no-key');
  const timeout = keyZone({}).setFault('sel._domainkey.example.com', 'timeout');
  const r = await verifyOne(signed(), timeout);
  assert.equal(r.result, 'temperror');
  assert.equal(reasonOf(r), 'dns-timeout');
  const servfail = keyZone({}).setFault('sel._domainkey.example.com', 'servfail');
  assert.equal((await verifyOne(signed(), servfail)).result, 'temperror');
});

test('several signatures: each gets its own result, top first; one key lookup per (selector, domain)', async () => {
  const once = signed(rsa);
  const twice = signMessage(once, { domain: 'example.com', selector: 'sel', key: rsa, canonicalization: 'simple/simple' });
  let queries = 0;
  const inner = zone();
  const counting: Resolver = { query: (name, type, o) => ((queries += 1), inner.query(name, type, o)) };
  const out = await verifyDkim(twice, { resolver: counting, now: NOW, keyCache: createKeyCache() });
  assert.ok(out.ok);
  assert.deepEqual(
    out.results.map((r) => [r.index, r.result, r.canonicalization]),
    [
      [0, 'pass', 'simple/simple'],
      [1, 'pass', 'relaxed/relaxed'],
    ],
  );
  assert.equal(queries, 1);
});

test('a bad signature does not affect a good one beside it', async () => {
  const good = signMessage(MESSAGE, { domain: 'example.com', selector: 'sel', key: rsa });
  const both = Buffer.concat([Buffer.from('DKIM-Signature: v=1; a=rsa-sha256; d=evil.example; s=x; h=from; bh=AAAA; b=AAAA\r\n'), good]);
  const out = await verifyDkim(both, { resolver: zone(), now: NOW });
  assert.ok(out.ok);
  assert.deepEqual(
    out.results.map((r) => r.result),
    ['permerror', 'pass'],
  );
  assert.equal(out.results[0]?.domain, 'evil.example');
});

test('streams: a Node Readable and an async iterable of tiny chunks verify like a Buffer', async () => {
  const message = signed(ed);
  assert.equal((await verifyOne(Readable.from([message]), zone(ed))).result, 'pass');
  async function* bytes(): AsyncGenerator<Buffer> {
    for (let i = 0; i < message.length; i += 7) yield message.subarray(i, i + 7);
  }
  assert.equal((await verifyOne(bytes(), zone(ed))).result, 'pass');
  assert.equal((await verifyOne(message.toString('latin1'), zone(ed))).result, 'pass');
});

test('bare LF line endings verify as CRLF (as MTAs deliver them)', async () => {
  const message = signed(rsa, { canonicalization: 'simple/simple' });
  const lf = Buffer.from(message.toString().replace(/\r\n/g, '\n'));
  assert.equal((await verifyOne(lf, zone())).result, 'pass');
});

test('RFC 6008 §4: header.b is lengthened until it tells signatures apart', async () => {
  const m1 = signMessage(MESSAGE, { domain: 'example.com', selector: 'sel', key: rsa });
  const sig = m1.toString().split('\r\n\r\n')[0]!.split('DKIM-Signature')[1]!;
  const b = /b=([A-Za-z0-9+/=]+)\r\n/.exec(sig)![1]!;
  const twin = `DKIM-Signature: v=1; a=rsa-sha256; d=example.com; s=sel; h=from; bh=AAAA; b=${b.slice(0, 10)}ZZZZ\r\n`;
  const out = await verifyDkim(Buffer.concat([Buffer.from(twin), m1]), { resolver: zone(), now: NOW });
  assert.ok(out.ok);
  assert.equal(out.results[1]?.headerB, b.slice(0, 11));
});

test('--explain: every result renders in English and Japanese', async () => {
  const cases = [
    await verifyOne(signed(), zone()),
    await verifyOne(Buffer.from(signed().toString().replace('lost', 'won')), zone()),
    await verifyOne(signed(rsa, { algorithm: 'rsa-sha1' }), zone()),
    await verifyOne(signed(), keyZone({})),
    await verifyOne(signed(), zone(rsa, 't=y; ')),
  ];
  for (const r of cases) {
    for (const lang of ['en', 'ja'] as const) {
      const lines = explainDkim(r, lang);
      assert.ok(lines.length >= 3);
      for (const line of lines) assert.ok(!line.includes('undefined') && !line.includes('dkim.'), line);
    }
  }
});

test('options: trace can be turned off on hot paths', async () => {
  const r = await verifyOne(signed(), zone(), { trace: false });
  assert.equal(r.result, 'pass');
  assert.deepEqual(r.trace, []);
});

test('LF message from a file with CRLF conversion helper stays byte-exact for the signer', () => {
  assert.deepEqual(crlf('a\nb\r\n'), Buffer.from('a\r\nb\r\n'));
});
