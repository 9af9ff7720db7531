import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { MemoryResolver } from '../../src/dns/memory.js';
import { verifyDkim } from '../../src/dkim/verify.js';
import { createKeyCache } from '../../src/dkim/key.js';
import type { DkimResult, DkimVerifyOptions } from '../../src/dkim/types.js';
import { conformanceDir } from '../helpers/paths.js';
import { stalwartFixture } from '../helpers/stalwart.js';
import { crlf, ed25519FromSeed, keyZone, rsaFromPem, signMessage } from './helpers.js';

const dir = join(conformanceDir(), 'dkim');
const read = (...parts: string[]): Buffer => readFileSync(join(dir, ...parts));
const text = (...parts: string[]): string => read(...parts).toString('utf8').trim();

let fixtures = 0;
let asExpected = 0;
after(() => {
  console.log(`dkim conformance: ${asExpected}/${fixtures} fixtures as expected`);
});

/** Run one fixture: count it, and count it as expected only when `check` does not throw. */
async function fixture(check: () => Promise<void>): Promise<void> {
  fixtures++;
  await check();
  asExpected++;
}

async function results(message: Buffer, options: Omit<DkimVerifyOptions, 'keyCache'>): Promise<DkimResult[]> {
  const out = await verifyDkim(message, { ...options, keyCache: createKeyCache() });
  assert.ok(out.ok);
  return out.results;
}

function assertAllPass(list: DkimResult[], count: number): void {
  assert.equal(list.length, count);
  for (const r of list) {
    assert.equal(r.result, 'pass', `${r.domain} ${r.selector}: ${r.result} ${'reason' in r ? JSON.stringify(r.reason) : ''}`);
  }
}

test('RFC 8463 Appendix A: the ed25519 and RSA signatures both pass', async () => {
  const dns = JSON.parse(text('rfc8463-example', 'dns.json')) as Record<string, { TXT?: string[][] }>;
  const resolver = new MemoryResolver();
  for (const [name, node] of Object.entries(dns)) for (const record of node.TXT ?? []) resolver.add(name, 'TXT', record);
  const message = read('rfc8463-example', 'signed.eml');
  const now = 1528637909 * 1000;
  await fixture(async () => assertAllPass(await results(crlf(message), { resolver, now }), 2));
  // Bare LF line endings are line breaks (as MTAs treat them): the same message as stored still passes.
  await fixture(async () => assertAllPass(await results(message, { resolver, now }), 2));
});

/** A fixture of Stalwart's DKIM tests. */
function stalwartDkim(name: string): { resolver: MemoryResolver; message: Buffer } {
  return stalwartFixture(join(dir, 'stalwart', name));
}

const stalwartFiles = readdirSync(join(dir, 'stalwart')).filter((f) => f.endsWith('.txt')).sort();

// Stalwart checks x= but not a t= in the future; 004 (facebookmail.com) has t=1667862801, 5.3 hours
// after the suite's fixed "now", so the suite runs with that check off (RFC 6376 §3.5: verifiers MAY
// ignore such signatures). The next test shows the default behaviour on the same message.
test('stalwart 001–006: every signature passes at 1667843664', async () => {
  assert.equal(stalwartFiles.length, 6);
  for (const name of stalwartFiles) {
    const { resolver, message } = stalwartDkim(name);
    await fixture(async () => {
      const list = await results(message, { resolver, now: 1667843664 * 1000, rejectFutureTimestamp: false });
      assert.ok(list.length >= 1, name);
      for (const r of list) assert.equal(r.result, 'pass', `${name} ${r.domain}: ${JSON.stringify('reason' in r ? r.reason : '')}`);
    });
  }
});

test('RFC 6376 §3.5: stalwart 004 signed at t=1667862801 is a permerror (future-timestamp) before then, and passes from then on', async () => {
  const { resolver, message } = stalwartDkim('004.txt');
  const [early] = await results(message, { resolver, now: 1667843664 * 1000 });
  assert.equal(early?.result, 'permerror');
  assert.equal(early && 'reason' in early && early.reason.code, 'future-timestamp');
  const [later] = await results(message, { resolver, now: 1667862801 * 1000 });
  assert.equal(later?.result, 'pass');
});

test('stalwart 002: a bare PKCS#1 RSAPublicKey in p= is accepted', async () => {
  const { resolver, message } = stalwartDkim('002.txt');
  const [r] = await results(message, { resolver, now: 1667843664 * 1000 });
  assert.equal(r?.result, 'pass');
  assert.equal(r?.key?.encoding, 'pkcs1');
});

const py = (name: string): Buffer => read('dkimpy-data', name);
const pyText = (name: string): string => text('dkimpy-data', name);
const GMAIL_KEY =
  'k=rsa; p=MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA1Kd87/UeJjenpabgbFwh+eBCsSTrqmwIYYvywlbhbqoo2DymndFkbjOVIPIldNs/m40KF+yzMn1skyoxcTUGCQs8g3FgD2Ap3ZB5DekAo5wMmk4wimDO+U8QzI3SD07y2+07wlNWwIt8svnxgdxGkVbbhzY8i+RQ9DpSVpPbF7ykQxtKXkv/ahW3KjViiAH+ghvvIhkx4xYSIc9oSwVmAl5OctMEeWUwg8Istjqz8BZeTWbf41fbNhte7Y+YqZOwq1Sd0DbvYAD9NOZK9vlfuac0598HY+vtSBczUiKERHv1yRbcaQtZFh5wtiRrN04BLUTD21MycBX5jYchHjPY/wIDAQAB';
const CANONICAL_512 =
  'k=rsa; s=email; p=MFwwDQYJKoZIhvcNAQEBBQADSwAwSAJBANmBe10IgY+u7h3enWTukkqtUD5PR52Tb/mPfjC0QJTocVBq6Za/PlzfV+Py92VaCak19F4WrbVTK5Gg5tW220MCAwEAAQ==';
const NOW = Date.UTC(2020, 0, 1);

test('dkimpy: rfc6376.signed.msg (simple/simple, ed25519 + rsa) passes', async () => {
  const resolver = keyZone({
    'brisbane._domainkey.football.example.com': 'v=DKIM1; k=ed25519; p=11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=',
    'test._domainkey.football.example.com': pyText('test.txt'),
  });
  await fixture(async () => assertAllPass(await results(crlf(py('rfc6376.signed.msg')), { resolver, now: NOW }), 2));
});

test('dkimpy: ed25519test2.msg (signed by Exim) passes', async () => {
  const resolver = keyZone({ 'sed._domainkey.test.ex': pyText('eximtest.dns') });
  await fixture(async () => assertAllPass(await results(crlf(py('ed25519test2.msg')), { resolver, now: NOW }), 1));
});

test('dkimpy: test2.message (Gmail, degenerate folding, Debian #711751) passes', async () => {
  const resolver = keyZone({ '20120113._domainkey.gmail.com': GMAIL_KEY });
  await fixture(async () => assertAllPass(await results(crlf(py('test2.message')), { resolver, now: NOW }), 1));
});

const rsa = rsaFromPem(pyText('test.private'));
const ed = ed25519FromSeed(Buffer.from(pyText('ed25519test.key'), 'base64'));
const brisbane = ed25519FromSeed(Buffer.from(pyText('rfc8032_7_1.key'), 'base64'));

/** dkimpy's key-record tests: sign test.message with test.private, publish each record, expect the outcome. */
const keyRecordCases: Array<{ record: string; result: DkimResult['result']; reason?: string; keyError?: string }> = [
  { record: 'test.txt', result: 'pass' },
  { record: 'test2.txt', result: 'pass' },
  { record: 'test_bad.txt', result: 'permerror', reason: 'key-error', keyError: 'invalid-key' },
  { record: 'badversion.txt', result: 'permerror', reason: 'key-error', keyError: 'bad-version' },
  { record: 'badk.txt', result: 'permerror', reason: 'key-error', keyError: 'unknown-key-type' },
  { record: 'test_tlsrpt.txt', result: 'permerror', reason: 'key-not-email' },
];

for (const c of keyRecordCases) {
  test(`dkimpy: a signature checked against ${c.record} is ${c.result}${c.reason ? ` (${c.reason})` : ''}`, async () => {
    await fixture(async () => {
      const message = signMessage(crlf(py('test.message')), { domain: 'example.com', selector: 'test', key: rsa });
      const resolver = keyZone({ 'test._domainkey.example.com': pyText(c.record) });
      const [r] = await results(message, { resolver, now: NOW });
      assert.equal(r?.result, c.result);
      if (c.reason) {
        assert.ok(r && 'reason' in r);
        assert.equal(r.reason.code, c.reason);
        if (c.keyError) assert.equal(r.reason.code === 'key-error' && r.reason.error.code, c.keyError);
      }
    });
  });
}

test('dkimpy: sign-then-verify round trips (ed25519test.msg, rfc6376.msg, message.mbox, test_extra.message)', async () => {
  const cases: Array<{ file: string; domain: string; selector: string; key: typeof rsa; record: string; headers?: string[]; c?: 'simple/simple' | 'relaxed/relaxed' }> = [
    { file: 'ed25519test.msg', domain: 'example.net', selector: 'test', key: ed, record: pyText('ed25519test.dns') },
    { file: 'ed25519test.msg', domain: 'canonical.com', selector: 'example', key: ed, record: pyText('ed25519test.dns') },
    { file: 'rfc6376.msg', domain: 'football.example.com', selector: 'brisbane', key: brisbane, record: 'v=DKIM1; k=ed25519; p=11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=', c: 'simple/simple' },
    { file: 'rfc6376.msg', domain: 'football.example.com', selector: 'test', key: rsa, record: pyText('test.txt') },
    { file: 'message.mbox', domain: 'kitterman.com', selector: 'test', key: rsa, record: pyText('test.txt'), headers: ['from', 'to', 'cc', 'subject', 'date', 'received', 'received', 'delivered-to'] },
    { file: 'test_extra.message', domain: 'example.com', selector: 'test', key: rsa, record: pyText('test.txt'), headers: ['from', 'received', 'received', 'received', 'subject'] },
  ];
  for (const c of cases) {
    await fixture(async () => {
      const message = signMessage(crlf(py(c.file)), {
        domain: c.domain,
        selector: c.selector,
        key: c.key,
        ...(c.headers ? { headers: c.headers } : {}),
        ...(c.c ? { canonicalization: c.c } : {}),
      });
      const resolver = keyZone({ [`${c.selector}._domainkey.${c.domain}`]: c.record });
      const list = await results(message, { resolver, now: NOW });
      // message.mbox carries its original kitterman.com signature too; the one added here is on top.
      assertAllPass(list.slice(0, 1), 1);
    });
  }
});

test('dkimpy: test_nofrom.message — a signature whose h= lacks From is a permerror', async () => {
  await fixture(async () => {
    const message = signMessage(crlf(py('test_nofrom.message')), { domain: 'example.com', selector: 'test', key: rsa, headers: ['to', 'subject'] });
    const [r] = await results(message, { resolver: keyZone({ 'test._domainkey.example.com': pyText('test.txt') }), now: NOW });
    assert.equal(r?.result, 'permerror');
    assert.ok(r && 'reason' in r && r.reason.code === 'signature-syntax' && r.reason.error.code === 'from-not-signed');
  });
});

test('dkimpy: the 512-bit key at example._domainkey.canonical.com never passes (RFC 8301 §3.2)', async () => {
  await fixture(async () => {
    const message = signMessage(crlf(py('test.message')), { domain: 'canonical.com', selector: 'example', key: rsa });
    const [r] = await results(message, { resolver: keyZone({ 'example._domainkey.canonical.com': CANONICAL_512 }), now: NOW });
    assert.equal(r?.result, 'permerror');
    assert.ok(r && 'reason' in r && r.reason.code === 'key-error' && r.reason.error.code === 'key-too-small');
    assert.equal(r.reason.code === 'key-error' && r.reason.error.bits, 512);
  });
});
