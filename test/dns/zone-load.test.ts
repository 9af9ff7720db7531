import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemoryResolver } from '../../src/dns/memory.js';
import { parseZone } from '../../src/dns/zone.js';
import { loadZone, zoneToResolver } from '../../src/dns/zone-load.js';

const ZONE = `$ORIGIN example.com.
$TTL 3600
@       IN SOA ns1 hostmaster ( 1 7200 3600 1209600 300 )
@       IN NS  ns1
@       600 IN TXT "v=spf1 " "mx -all"
@       IN MX  10 mail
mail    120 IN A 192.0.2.25
        IN AAAA 2001:db8::25
www     60 IN CNAME @
deep.x  IN A 192.0.2.9
`;

function resolver(): MemoryResolver {
  const parsed = parseZone(ZONE);
  assert.ok(parsed.ok);
  return zoneToResolver(parsed.zone);
}

test('zone resolver: each rrset answers with its own TTL', () => {
  const r = resolver();
  assert.deepEqual(r.answer('example.com', 'TXT'), { status: 'records', records: [['v=spf1 ', 'mx -all']], ttl: 600 });
  assert.deepEqual(r.answer('mail.example.com', 'A'), { status: 'records', records: ['192.0.2.25'], ttl: 120 });
  assert.deepEqual(r.answer('MAIL.example.com.', 'AAAA'), { status: 'records', records: ['2001:db8::25'], ttl: 3600 });
  assert.deepEqual(r.answer('example.com', 'MX'), {
    status: 'records',
    records: [{ preference: 10, exchange: 'mail.example.com' }],
    ttl: 3600,
  });
});

test('RFC 1034 §3.6.2: a CNAME is followed; the answer TTL is the smallest along the chain', () => {
  assert.deepEqual(resolver().answer('www.example.com', 'TXT'), {
    status: 'records',
    records: [['v=spf1 ', 'mx -all']],
    ttl: 60,
    cnames: ['www.example.com'],
  });
});

test('RFC 2308 §5: NXDOMAIN and NODATA carry min(SOA TTL, SOA minimum); empty non-terminals are NODATA (RFC 8020)', () => {
  const r = resolver();
  assert.deepEqual(r.answer('nope.example.com', 'A'), { status: 'nxdomain', ttl: 300 });
  assert.deepEqual(r.answer('mail.example.com', 'TXT'), { status: 'nodata', ttl: 300 });
  assert.deepEqual(r.answer('x.example.com', 'A'), { status: 'nodata', ttl: 300 });
  assert.deepEqual(r.answer('elsewhere.test', 'A'), { status: 'nxdomain', ttl: 3600 });
});

test('MemoryResolver keeps its old behaviour when no TTLs are given', () => {
  const r = new MemoryResolver({ ttl: 42 }).add('a.test', 'A', '192.0.2.1');
  assert.deepEqual(r.answer('a.test', 'A'), { status: 'records', records: ['192.0.2.1'], ttl: 42 });
  assert.deepEqual(r.answer('b.test', 'A'), { status: 'nxdomain', ttl: 42 });
});

test('loadZone reads a master file; a missing file is a read-failed result, a bad one a syntax error', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'inkan-zone-'));
  try {
    const good = join(dir, 'good.zone');
    await writeFile(good, ZONE);
    const loaded = await loadZone(good);
    assert.ok(loaded.ok);
    assert.equal(loaded.zone.records.length, 8);
    assert.deepEqual(await loaded.resolver.query('mail.example.com', 'A'), { status: 'records', records: ['192.0.2.25'], ttl: 120 });

    const missing = await loadZone(join(dir, 'missing.zone'));
    assert.deepEqual(missing, { ok: false, error: { code: 'read-failed', line: 0, column: 0, detail: 'ENOENT' } });

    const bad = join(dir, 'bad.zone');
    await writeFile(bad, '$ORIGIN example.com.\n@ A 300.1.1.1\n');
    assert.deepEqual(await loadZone(bad), { ok: false, error: { code: 'bad-ipv4', line: 2, column: 5, detail: '300.1.1.1' } });

    const relative = join(dir, 'relative.zone');
    await writeFile(relative, '@ 60 TXT "hello"\n');
    const withOrigin = await loadZone(relative, { origin: 'example.net' });
    assert.ok(withOrigin.ok);
    assert.equal(withOrigin.resolver.answer('example.net', 'TXT').status, 'records');
    assert.equal((await loadZone(good, { maxLength: 10 })).ok, false);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
