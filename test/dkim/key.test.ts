import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { MemoryResolver } from '../../src/dns/memory.js';
import { createKeyCache, fetchDkimKey, parseDkimKey } from '../../src/dkim/key.js';
import type { DkimKeyErrorCode } from '../../src/dkim/types.js';
import { ed25519Key, rsaKey } from './helpers.js';

const rsa = rsaKey(1024);
const ed = ed25519Key();
const pkcs1 = (): string => rsa.publicKey.export({ format: 'der', type: 'pkcs1' }).toString('base64');

test('RFC 6376 §3.6.1: an RSA key record with defaults', () => {
  const r = parseDkimKey(`p=${rsa.p}`);
  assert.ok(r.ok);
  assert.equal(r.key.keyType, 'rsa');
  assert.equal(r.key.bits, 1024);
  assert.deepEqual(r.key.services, ['*']);
  assert.equal(r.key.hashes, undefined);
  assert.equal(r.key.testing, false);
  assert.equal(r.key.strict, false);
  assert.equal(r.key.encoding, 'spki');
});

test('RFC 6376 §3.6.1: every tag is read (v, h, k, n, s, t)', () => {
  const r = parseDkimKey(`v=DKIM1; h=sha256:SHA1; k=rsa; n=notes here; s=email:other; t=y:s:zz; p=${rsa.p}`);
  assert.ok(r.ok);
  assert.deepEqual(r.key.hashes, ['sha256', 'sha1']);
  assert.deepEqual(r.key.services, ['email', 'other']);
  assert.equal(r.key.testing, true);
  assert.equal(r.key.strict, true);
});

test('stalwart 002: p= may be a bare PKCS#1 RSAPublicKey', () => {
  const r = parseDkimKey(`v=DKIM1; p=${pkcs1()}`);
  assert.ok(r.ok);
  assert.equal(r.key.encoding, 'pkcs1');
  assert.equal(r.key.bits, 1024);
});

test('RFC 8463 §4.2: an Ed25519 p= is the raw 32-octet key', () => {
  const r = parseDkimKey(`v=DKIM1; k=ed25519; p=${ed.p}`);
  assert.ok(r.ok);
  assert.equal(r.key.keyType, 'ed25519');
  assert.equal(r.key.encoding, 'raw-ed25519');
  // An Ed25519 SubjectPublicKeyInfo is not what RFC 8463 publishes.
  const spki = ed.publicKey.export({ format: 'der', type: 'spki' }).toString('base64');
  const wrong = parseDkimKey(`k=ed25519; p=${spki}`);
  assert.ok(!wrong.ok);
  assert.equal(wrong.error.code, 'invalid-key');
});

test('RFC 6376 §3.6.1: p= may be folded with whitespace', () => {
  const folded = rsa.p.replace(/(.{40})/g, '$1 ');
  assert.ok(parseDkimKey(`v=DKIM1; p=${folded}`).ok);
});

const errors: Array<{ name: string; record: string; code: DkimKeyErrorCode }> = [
  { name: 'v= not first', record: `k=rsa; v=DKIM1; p=${rsa.p}`, code: 'bad-version' },
  { name: 'v=DKIM2', record: `v=DKIM2; p=${rsa.p}`, code: 'bad-version' },
  { name: 'v=DKIM1: with a colon (dkimpy badversion.txt)', record: `v=DKIM1: g=*; k=rsa; p=${rsa.p}`, code: 'bad-version' },
  { name: 'k=ed25519-sha256 (dkimpy badk.txt)', record: `v=DKIM1; k=ed25519-sha256; p=${rsa.p}`, code: 'unknown-key-type' },
  { name: 'k=dsa', record: `k=dsa; p=${rsa.p}`, code: 'unknown-key-type' },
  { name: 'no p=', record: 'v=DKIM1; k=rsa', code: 'missing-key' },
  { name: 'empty p= (revoked)', record: 'v=DKIM1; p=', code: 'revoked' },
  { name: 'garbage base64', record: 'v=DKIM1; p=!!!notbase64!!!', code: 'bad-base64' },
  { name: 'base64 that is not a key', record: `v=DKIM1; p=${Buffer.from('hello world, not DER').toString('base64')}`, code: 'invalid-key' },
  { name: 'a truncated key', record: `v=DKIM1; p=${rsa.p.slice(0, 100)}`, code: 'invalid-key' },
  { name: 'an RSA key declared as ed25519', record: `k=ed25519; p=${rsa.p}`, code: 'invalid-key' },
  { name: 'an Ed25519 key declared as rsa', record: `k=rsa; p=${ed.p}`, code: 'invalid-key' },
  { name: 'a 512-bit RSA key (RFC 8301 §3.2)', record: `p=${rsaKey(512).p}`, code: 'key-too-small' },
  { name: 'a broken tag list', record: 'v=DKIM1; p', code: 'tag-list' },
  { name: 'a repeated tag', record: `p=${rsa.p}; p=${rsa.p}`, code: 'tag-list' },
];

for (const row of errors) {
  test(`RFC 6376 §3.6.1: ${row.name} gives ${row.code}`, () => {
    const r = parseDkimKey(row.record);
    assert.ok(!r.ok);
    assert.equal(r.error.code, row.code);
  });
}

test('RFC 8301 §3.2: the minimum RSA size can be raised but not lowered below 1024', () => {
  const small = parseDkimKey(`p=${rsa.p}`, { minRsaBits: 2048 });
  assert.ok(!small.ok);
  assert.equal(small.error.code, 'key-too-small');
  assert.equal(small.error.minimum, 2048);
  assert.ok(!parseDkimKey(`p=${rsaKey(512).p}`, { minRsaBits: 256 }).ok);
});

const NAME = 'sel._domainkey.example.com';

test('RFC 6376 §3.6.2.2: the strings of one TXT record are concatenated', async () => {
  const resolver = new MemoryResolver().add(NAME, 'TXT', ['v=DKIM1; k=rsa; ', `p=${rsa.p.slice(0, 100)}`, rsa.p.slice(100)]);
  const r = await fetchDkimKey(resolver, 'sel', 'example.com', { cache: false });
  assert.equal(r.status, 'key');
});

test('RFC 6376 §3.6.2.2: with several TXT records the first usable key is taken; none usable reports the first error', async () => {
  const resolver = new MemoryResolver()
    .add(NAME, 'TXT', ['v=spf1 -all'])
    .add(NAME, 'TXT', [`v=DKIM1; p=${rsa.p}`]);
  const r = await fetchDkimKey(resolver, 'sel', 'example.com', { cache: false });
  assert.equal(r.status, 'key');
  assert.equal(r.status === 'key' && r.records, 2);
  const bad = new MemoryResolver().add(NAME, 'TXT', ['v=DKIM1; p=']).add(NAME, 'TXT', ['v=DKIM1; p=###']);
  const e = await fetchDkimKey(bad, 'sel', 'example.com', { cache: false });
  assert.equal(e.status, 'key-error');
  assert.equal(e.status === 'key-error' && e.error.code, 'revoked');
});

test('RFC 6376 §6.1.2: NXDOMAIN and NODATA mean no key; timeouts and SERVFAIL are temporary', async () => {
  const resolver = new MemoryResolver()
    .add('other._domainkey.example.com', 'TXT', ['x'])
    .add('a.sel._domainkey.example.org', 'TXT', ['x'])
    .setFault('slow._domainkey.example.com', 'timeout')
    .setFault('broken._domainkey.example.com', 'servfail');
  assert.equal((await fetchDkimKey(resolver, 'missing', 'example.com')).status, 'no-key');
  const nodata = await fetchDkimKey(resolver, 'sel', 'example.org');
  assert.equal(nodata.status === 'no-key' && nodata.reason, 'nodata');
  assert.equal((await fetchDkimKey(resolver, 'slow', 'example.com')).status, 'dns-timeout');
  const servfail = await fetchDkimKey(resolver, 'broken', 'example.com');
  assert.equal(servfail.status === 'dns-error' && servfail.rcode, 'SERVFAIL');
});

test('parsed keys are cached per (selector, domain, record): a second lookup does not re-parse', async () => {
  const cache = createKeyCache({ maxEntries: 2 });
  const resolver = new MemoryResolver().add(NAME, 'TXT', [`v=DKIM1; p=${rsa.p}`]);
  const first = await fetchDkimKey(resolver, 'sel', 'example.com', { cache });
  const second = await fetchDkimKey(resolver, 'SEL', 'example.com', { cache });
  assert.equal(first.status === 'key' && first.cached, false);
  assert.equal(second.status === 'key' && second.cached, true);
  assert.equal(first.status === 'key' && second.status === 'key' && first.key === second.key, true);
  // A changed record is a different entry.
  const changed = new MemoryResolver().add(NAME, 'TXT', [`v=DKIM1; t=y; p=${rsa.p}`]);
  const third = await fetchDkimKey(changed, 'sel', 'example.com', { cache });
  assert.equal(third.status === 'key' && third.cached, false);
  assert.equal(cache.size, 2);
  // Bounded: the least recently used entry goes.
  cache.set('x', 'example.com', 'p=', { ok: false, error: { code: 'revoked' } });
  assert.equal(cache.size, 2);
  assert.equal(cache.get('sel', 'example.com', `v=DKIM1; p=${rsa.p}`), undefined);
});

test('a cached key still honours a stricter minimum size of a later caller', async () => {
  const cache = createKeyCache();
  const resolver = new MemoryResolver().add(NAME, 'TXT', [`v=DKIM1; p=${rsa.p}`]);
  assert.equal((await fetchDkimKey(resolver, 'sel', 'example.com', { cache })).status, 'key');
  const strict = await fetchDkimKey(resolver, 'sel', 'example.com', { cache, minRsaBits: 2048 });
  assert.equal(strict.status === 'key-error' && strict.error.code, 'key-too-small');
});

test('property: the key record parser never throws', () => {
  const tag = fc.tuple(
    fc.constantFrom('v', 'k', 'h', 's', 't', 'p', 'n', 'g'),
    fc.oneof(fc.constantFrom('DKIM1', 'rsa', 'ed25519', 'sha256', 'email', '*', 'y:s', '', rsa.p, ed.p, rsa.p.slice(3)), fc.string({ maxLength: 30 })),
  );
  fc.assert(
    fc.property(fc.array(tag, { maxLength: 8 }), (tags) => {
      const r = parseDkimKey(tags.map(([k, v]) => `${k}=${v}`).join('; '));
      if (r.ok) assert.ok(r.key.keyType === 'rsa' ? r.key.bits >= 1024 : r.key.bits === 256);
    }),
    { numRuns: 1000 },
  );
  fc.assert(
    fc.property(fc.string({ maxLength: 400 }), (text) => {
      parseDkimKey(text);
    }),
    { numRuns: 2000 },
  );
});
