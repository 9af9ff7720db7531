import { test } from 'node:test';
import assert from 'node:assert/strict';
import { verifyDkim } from '../../src/dkim/verify.js';
import { createKeyCache } from '../../src/dkim/key.js';
import { MESSAGE, keyRecord, keyZone, rsaKey, signMessage } from './helpers.js';

const rsa = rsaKey(1024);
const NOW = Date.UTC(2024, 0, 1);
const zone = keyZone({ 'sel._domainkey.example.com': keyRecord(rsa) });
const good = signMessage(MESSAGE, { domain: 'example.com', selector: 'sel', key: rsa });

function junkSignature(i: number): string {
  return `DKIM-Signature: v=1; a=rsa-sha256; d=d${i}.example; s=s${i}; h=from; bh=AAAA; b=QUFB${i}\r\n`;
}

test('hostile: 5,000 DKIM-Signature fields are capped at maxSignatures and the rest reported, quickly', { timeout: 20_000 }, async () => {
  const message = Buffer.concat([Buffer.from(Array.from({ length: 5000 }, (_, i) => junkSignature(i)).join('')), good]);
  let queries = 0;
  const resolver = { query: ((name: string, type: 'TXT') => ((queries += 1), zone.query(name, type))) as typeof zone.query };
  const out = await verifyDkim(message, { resolver, now: NOW, limits: { maxHeaderFields: 10_000 } });
  assert.ok(out.ok);
  assert.equal(out.results.length, 10);
  assert.equal(out.notEvaluated.length, 4991);
  assert.deepEqual(out.notEvaluated[0], { index: 10, reason: 'too-many-signatures', limit: 10 });
  assert.ok(queries <= 10);
  // Under the default header limits the same message is refused as a whole, with the limit named.
  const refused = await verifyDkim(message, { resolver, now: NOW });
  assert.equal(refused.ok, false);
  assert.equal(!refused.ok && refused.error.limit, 'maxHeaderFields');
});

test('hostile: a header of more than 1 MB is refused with maxHeaderBytes, even streamed, without reading the body', { timeout: 20_000 }, async () => {
  const line = `X-Filler: ${'a'.repeat(900)}\r\n`;
  const header = line.repeat(Math.ceil((1024 * 1024 + 10) / line.length));
  const message = Buffer.concat([Buffer.from(header), good]);
  const direct = await verifyDkim(message, { resolver: zone, now: NOW, limits: { maxHeaderFields: 100_000 } });
  assert.equal(!direct.ok && direct.error.limit, 'maxHeaderBytes');
  let pulled = 0;
  async function* endless(): AsyncGenerator<Buffer> {
    for (;;) {
      pulled++;
      yield Buffer.from(line.repeat(70));
    }
  }
  const streamed = await verifyDkim(endless(), { resolver: zone, now: NOW, limits: { maxHeaderFields: 100_000 } });
  assert.equal(!streamed.ok && streamed.error.limit, 'maxHeaderBytes');
  assert.ok(pulled < 40, `pulled ${pulled} chunks`);
});

test('hostile: a signature with an h= of 10,000 names is a permerror, in bounded time', { timeout: 20_000 }, async () => {
  const names = Array.from({ length: 10_000 }, (_, i) => `x${i}${i % 50 === 49 ? '\r\n ' : ''}`).join(':');
  const field = `DKIM-Signature: v=1; a=rsa-sha256; d=example.com; s=sel; h=from:${names}; bh=AAAA; b=AAAA\r\n`;
  const out = await verifyDkim(Buffer.concat([Buffer.from(field), good]), { resolver: zone, now: NOW });
  assert.ok(out.ok);
  const [bad, ok] = out.results;
  assert.equal(bad?.result, 'permerror');
  assert.ok(bad && 'reason' in bad && bad.reason.code === 'signature-syntax' && bad.reason.error.code === 'too-many-signed-headers');
  assert.equal(ok?.result, 'pass');
});

test('hostile: garbage base64 keys and keys that are not keys give permerror reasons', async () => {
  const records = ['v=DKIM1; p=%%%%', `v=DKIM1; p=${'A'.repeat(5000)}`, 'v=DKIM1; p=AAAA', `v=DKIM1; p=${Buffer.alloc(300, 0x30).toString('base64')}`, 'v=DKIM1; k=rsa; p=A=B='];
  for (const record of records) {
    const out = await verifyDkim(good, { resolver: keyZone({ 'sel._domainkey.example.com': record }), now: NOW, keyCache: createKeyCache() });
    assert.ok(out.ok);
    const r = out.results[0]!;
    assert.equal(r.result, 'permerror', record.slice(0, 40));
    assert.equal('reason' in r && r.reason.code, 'key-error');
  }
});

test('hostile: split and multiple TXT records are handled (concatenated strings; first usable record)', async () => {
  const record = keyRecord(rsa);
  const chunks: string[] = [];
  for (let i = 0; i < record.length; i += 255) chunks.push(record.slice(i, i + 255));
  const split = keyZone({ 'sel._domainkey.example.com': chunks });
  assert.equal((await verifyDkim(good, { resolver: split, now: NOW, keyCache: createKeyCache() })).results[0]?.result, 'pass');
  const several = keyZone({ 'sel._domainkey.example.com': [['garbage'], ['v=DKIM1; p='], chunks] });
  const r = (await verifyDkim(good, { resolver: several, now: NOW, keyCache: createKeyCache() })).results[0]!;
  assert.equal(r.result, 'pass');
  const step = r.trace.find((s) => s.kind === 'key');
  assert.equal(step?.kind === 'key' && step.records, 3);
  // Many records: only the first ten are looked at.
  const many = keyZone({ 'sel._domainkey.example.com': [...Array.from({ length: 50 }, () => ['v=DKIM1; p=']), chunks] });
  const m = (await verifyDkim(good, { resolver: many, now: NOW, keyCache: createKeyCache() })).results[0]!;
  assert.equal(m.result, 'permerror');
});

test('hostile: a 4 MB body streams through one pass', { timeout: 20_000 }, async () => {
  const body = Buffer.alloc(4 * 1024 * 1024, 'The quick brown fox \t jumps  over the lazy dog.\r\n');
  const message = signMessage(Buffer.concat([Buffer.from('From: a@example.com\r\nSubject: big\r\n\r\n'), body]), {
    domain: 'example.com',
    selector: 'sel',
    key: rsa,
    headers: ['from', 'subject'],
  });
  async function* chunks(): AsyncGenerator<Buffer> {
    for (let i = 0; i < message.length; i += 65536) yield message.subarray(i, i + 65536);
  }
  const out = await verifyDkim(chunks(), { resolver: zone, now: NOW });
  assert.equal(out.results[0]?.result, 'pass');
});
