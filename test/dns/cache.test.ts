import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DnsCache } from '../../src/dns/cache.js';
import type { DnsAnswer } from '../../src/dns/types.js';

function clock(start = 1_000_000): { now: () => number; advance: (seconds: number) => void } {
  let t = start;
  return { now: () => t, advance: (seconds) => void (t += seconds * 1000) };
}

const records: DnsAnswer<string> = { status: 'records', records: ['192.0.2.1'], ttl: 300 };

test('RFC 1035 §3.2.1: a cached answer lives for its TTL, counting down', () => {
  const c = clock();
  const cache = new DnsCache({ now: c.now });
  assert.equal(cache.set('A a.test', records), true);
  c.advance(100);
  assert.deepEqual(cache.get('A a.test'), { status: 'records', records: ['192.0.2.1'], ttl: 200 });
  c.advance(200);
  assert.equal(cache.get('A a.test'), undefined);
  assert.equal(cache.size, 0);
});

test('RFC 1035 §3.2.1: a TTL of zero is not cached; maxTtl caps long TTLs', () => {
  const c = clock();
  const cache = new DnsCache({ now: c.now, maxTtl: 60 });
  assert.equal(cache.set('k0', { ...records, ttl: 0 }), false);
  cache.set('k', { ...records, ttl: 86400 });
  c.advance(61);
  assert.equal(cache.get('k'), undefined);
});

test('RFC 2308 §5: negative answers are cached for their SOA TTL, clamped to maxNegativeTtl; without one, not at all', () => {
  const c = clock();
  const cache = new DnsCache({ now: c.now, maxNegativeTtl: 100 });
  assert.equal(cache.set('nx', { status: 'nxdomain', ttl: 50 }), true);
  assert.equal(cache.set('nodata', { status: 'nodata', ttl: 1000 }), true);
  assert.equal(cache.set('no-soa', { status: 'nxdomain' }), false);
  c.advance(51);
  assert.equal(cache.get('nx'), undefined);
  assert.deepEqual(cache.get('nodata'), { status: 'nodata', ttl: 49 });
  c.advance(50);
  assert.equal(cache.get('nodata'), undefined);
});

test('RFC 2308 §7: server failures and timeouts are not cached', () => {
  const cache = new DnsCache();
  assert.equal(cache.set('e', { status: 'error', rcode: 'SERVFAIL' }), false);
  assert.equal(cache.set('t', { status: 'timeout' }), false);
  assert.equal(cache.size, 0);
});

test('the cache is bounded: the least recently used answer is evicted first', () => {
  const cache = new DnsCache({ maxEntries: 2 });
  cache.set('a', records);
  cache.set('b', records);
  assert.ok(cache.get('a'));
  cache.set('c', records);
  assert.equal(cache.size, 2);
  assert.ok(cache.get('a'));
  assert.equal(cache.get('b'), undefined);
  assert.ok(cache.get('c'));
});

test('callers cannot change a cached answer by mutating what they got', () => {
  const cache = new DnsCache();
  cache.set('a', { status: 'records', records: ['x'], ttl: 60 });
  const first = cache.get<DnsAnswer<string>>('a');
  assert.ok(first?.status === 'records');
  first.records.push('y');
  assert.deepEqual(cache.get<DnsAnswer<string>>('a'), { status: 'records', records: ['x'], ttl: 60 });
});
