import { test } from 'node:test';
import assert from 'node:assert/strict';
import { verifyArc } from '../../src/arc/verify.js';
import { createKeyCache } from '../../src/dkim/key.js';
import { MESSAGE, publish, sealAs, sealer } from './helpers.js';

const list = sealer('lists.example.org', 'arc1');

function countingResolver(inner: ReturnType<typeof publish>): { resolver: ReturnType<typeof publish>; queries: () => number } {
  let n = 0;
  const original = inner.query.bind(inner);
  inner.query = ((name: string, type: 'TXT') => ((n += 1), original(name, type))) as typeof inner.query;
  return { resolver: inner, queries: () => n };
}

function set(i: number): string {
  return [
    `ARC-Seal: i=${i}; a=rsa-sha256; cv=pass; d=d${i}.example; s=s; b=QUFB`,
    `ARC-Message-Signature: i=${i}; a=rsa-sha256; d=d${i}.example; s=s; h=from; bh=QUFB; b=QUFB`,
    `ARC-Authentication-Results: i=${i}; d${i}.example; spf=pass`,
  ].join('\r\n');
}

test('hostile: 3,000 ARC sets fail with too-many-fields before any parsing or DNS, with the count and the limit', { timeout: 20_000 }, async () => {
  const header = Array.from({ length: 3000 }, (_, i) => set(3000 - i)).join('\r\n');
  const { resolver, queries } = countingResolver(publish(list));
  const r = await verifyArc(`${header}\r\n${MESSAGE}`, { resolver, keyCache: createKeyCache(), limits: { maxHeaderFields: 20_000 } });
  assert.ok(r.result === 'fail' && r.reason.code === 'too-many-fields' && r.reason.count === 9000 && r.reason.limit === 150, JSON.stringify(r.result === 'fail' && r.reason));
  assert.equal(queries(), 0);
  // Under the default header limits the same message cannot even be read: the limit is named.
  const refused = await verifyArc(`${header}\r\n${MESSAGE}`, { resolver, keyCache: createKeyCache() });
  assert.ok(refused.result === 'fail' && refused.reason.code === 'unreadable-message' && refused.reason.error.limit === 'maxHeaderFields');
});

test('hostile: i=999999 and i=0 are out of range (RFC 8617 §4.2.1: 1 to 50), no DNS asked', async () => {
  const { resolver, queries } = countingResolver(publish(list));
  for (const i of [999999, 0, 51]) {
    const r = await verifyArc(`${set(i)}\r\n${MESSAGE}`, { resolver, keyCache: createKeyCache() });
    assert.ok(r.result === 'fail' && r.reason.code === 'instance-out-of-range' && r.reason.instance === i, JSON.stringify(r));
  }
  const huge = await verifyArc(`${set(1).replace('i=1;', 'i=99999999999999999999;')}\r\n${MESSAGE}`, { resolver, keyCache: createKeyCache() });
  assert.ok(huge.result === 'fail' && huge.reason.code === 'bad-field');
  assert.equal(queries(), 0);
});

test('hostile: 50 sets with a gap, duplicates and junk keys give a reason; a 600 KB b= value fails without trouble', { timeout: 20_000 }, async () => {
  const gap = Array.from({ length: 50 }, (_, i) => 50 - i).filter((i) => i !== 17).map(set).join('\r\n');
  const r = await verifyArc(`${gap}\r\n${MESSAGE}`, { resolver: publish(list), keyCache: createKeyCache() });
  assert.ok(r.result === 'fail' && r.reason.code === 'missing-field' && r.reason.instance === 17);
  const long = set(1).replace('b=QUFB\r\nARC-Auth', `b=${'QUFB'.repeat(150_000)}\r\nARC-Auth`);
  const big = await verifyArc(`${long}\r\n${MESSAGE}`, { resolver: publish(list), keyCache: createKeyCache() });
  assert.equal(big.result, 'fail');
  const junk = await verifyArc(`ARC-Seal: ;;;===;\r\nARC-Message-Signature: \u0000\r\nARC-Authentication-Results: nothing\r\n${MESSAGE}`, { resolver: publish(list), keyCache: createKeyCache() });
  assert.ok(junk.result === 'fail' && junk.reason.code === 'bad-field');
});

test('hostile: a chain whose newest AMS signs 1,000 absent fields still verifies in one pass (oversigned names add nothing)', async () => {
  const resolver = publish(list);
  const { message } = await sealAs(MESSAGE, list, resolver, { headers: ['From', 'To', 'Subject', ...Array.from({ length: 200 }, (_, i) => `X-Absent-${i}`)] });
  const r = await verifyArc(message, { resolver, keyCache: createKeyCache() });
  assert.equal(r.result, 'pass');
});
