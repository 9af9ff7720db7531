import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import fc from 'fast-check';
import { buildSpfRecord, countIncludeLookups, SPF_BUILD_MAX_BYTES } from '../../src/spf/build.js';
import { parseSpf } from '../../src/spf/parse.js';
import { zoneToResolver } from '../../src/dns/zone-load.js';
import { parseZone } from '../../src/dns/zone.js';
import { runCli } from '../cli/run-cli.js';

const ZONE = `$TTL 3600
_spf.google.com. IN TXT "v=spf1 include:_netblocks.google.com include:_netblocks2.google.com include:_netblocks3.google.com ~all"
_netblocks.google.com. IN TXT "v=spf1 ip4:35.190.247.0/24 ~all"
_netblocks2.google.com. IN TXT "v=spf1 ip6:2001:4860:4000::/36 ~all"
_netblocks3.google.com. IN TXT "v=spf1 ip4:172.217.0.0/19 ~all"
amazonses.com. IN TXT "v=spf1 ip4:199.255.192.0/22 -all"
spf.protection.outlook.com. IN TXT "v=spf1 include:spfa.protection.outlook.com include:spfb.protection.outlook.com -all"
spfa.protection.outlook.com. IN TXT "v=spf1 ip4:40.92.0.0/15 -all"
spfb.protection.outlook.com. IN TXT "v=spf1 ip4:40.107.0.0/16 -all"
sendgrid.net. IN TXT "v=spf1 ip4:167.89.0.0/17 -all"
servers.mcsv.net. IN TXT "v=spf1 a:x1.mcsv.net a:x2.mcsv.net -all"
`;
const dir = mkdtempSync(join(tmpdir(), 'inkan-spf-build-'));
const zoneFile = join(dir, 'providers.zone');
writeFileSync(zoneFile, ZONE);
after(() => rmSync(dir, { recursive: true, force: true }));

function resolver() {
  const parsed = parseZone(ZONE, { origin: '' });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.error));
  return zoneToResolver(parsed.zone);
}

test('RFC 7208 §4.6.4: each include costs itself plus the lookups inside it (counted through DNS)', async () => {
  const nested = await countIncludeLookups(['_spf.google.com', 'amazonses.com'], resolver());
  assert.deepEqual(nested, { '_spf.google.com': 3, 'amazonses.com': 0 });
  const result = buildSpfRecord({ includes: ['_spf.google.com', 'amazonses.com'], ip4: ['203.0.113.0/24'], nested });
  assert.deepEqual(result, {
    ok: true,
    record: 'v=spf1 ip4:203.0.113.0/24 include:_spf.google.com include:amazonses.com -all',
    lookups: 5,
    bytes: 76,
    includes: [
      { include: '_spf.google.com', lookups: 4, counted: true },
      { include: 'amazonses.com', lookups: 1, counted: true },
    ],
  });
});

test('over 10 lookups is refused, naming the includes to replace by IP ranges (most expensive first)', () => {
  const nested = { '_spf.google.com': 3, 'spf.protection.outlook.com': 2, 'servers.mcsv.net': 2, 'sendgrid.net': 0, 'amazonses.com': 0 };
  const result = buildSpfRecord({ includes: Object.keys(nested), mx: true, nested });
  assert.equal(result.ok, false);
  if (result.ok || result.reason !== 'too-many-lookups') throw new Error('expected too-many-lookups');
  assert.equal(result.lookups, 13);
  assert.deepEqual(result.replace, ['_spf.google.com']);
});

test('over 450 bytes is refused', () => {
  const ip4 = Array.from({ length: 40 }, (_, i) => `198.51.100.${i}`);
  const result = buildSpfRecord({ ip4 });
  assert.equal(result.ok, false);
  if (result.ok || result.reason !== 'too-long') throw new Error('expected too-long');
  assert.ok(result.bytes > SPF_BUILD_MAX_BYTES);
});

test('invalid values and empty records are reported, not built', () => {
  assert.deepEqual(buildSpfRecord({ ip4: ['203.0.113.0/33'] }), { ok: false, reason: 'invalid', option: 'ip4', value: '203.0.113.0/33' });
  assert.deepEqual(buildSpfRecord({ ip6: ['203.0.113.1'] }), { ok: false, reason: 'invalid', option: 'ip6', value: '203.0.113.1' });
  assert.deepEqual(buildSpfRecord({ includes: ['bad domain'] }), { ok: false, reason: 'invalid', option: 'include', value: 'bad domain' });
  assert.deepEqual(buildSpfRecord({}), { ok: false, reason: 'empty' });
});

test('property: any valid input gives a record that parses, whose lookups and size match, refused exactly above the limits', () => {
  const octet = fc.integer({ min: 0, max: 255 });
  const ip4 = fc.tuple(octet, octet, octet, octet, fc.option(fc.integer({ min: 0, max: 32 }), { nil: undefined })).map(([a, b, c, d, p]) => `${a}.${b}.${c}.${d}${p === undefined ? '' : `/${p}`}`);
  const label = fc.stringMatching(/^[a-z][a-z0-9]{0,9}$/);
  const include = fc.tuple(label, label).map(([a, b]) => `${a}.${b}.example`);
  fc.assert(
    fc.property(fc.array(ip4, { maxLength: 30 }), fc.uniqueArray(include, { maxLength: 14 }), fc.boolean(), fc.constantFrom('-' as const, '~' as const), (ips, includes, mx, all) => {
      const result = buildSpfRecord({ ip4: ips, includes, mx, all });
      if (!result.ok && result.reason === 'empty') return ips.length === 0 && includes.length === 0 && !mx;
      assert.ok('record' in result);
      assert.ok(parseSpf(result.record).ok, result.record);
      assert.equal(result.lookups, includes.length + (mx ? 1 : 0));
      assert.equal(result.bytes, Buffer.byteLength(result.record));
      if (result.lookups > 10) assert.equal(result.ok || result.reason, 'too-many-lookups');
      else if (result.bytes > SPF_BUILD_MAX_BYTES) assert.equal(result.ok || result.reason, 'too-long');
      else assert.equal(result.ok, true);
      return true;
    }),
    { numRuns: 300 },
  );
});

test('property: arbitrary strings as options never throw', () => {
  fc.assert(
    fc.property(fc.array(fc.string(), { maxLength: 4 }), fc.array(fc.string(), { maxLength: 4 }), fc.array(fc.string(), { maxLength: 4 }), (ip4, ip6, includes) => {
      const result = buildSpfRecord({ ip4, ip6, includes });
      return typeof result.ok === 'boolean';
    }),
    { numRuns: 300 },
  );
});

test('inkan spf build: the record, each include cost and the zone line; exit 0', async () => {
  const run = await runCli(['spf', 'build', '--domain', 'example.jp', '--include', '_spf.google.com', '--include', 'amazonses.com', '--ip4', '203.0.113.0/24', '--zone', zoneFile]);
  assert.equal(run.code, 0);
  assert.equal(
    run.stdout,
    [
      'SPF record (5/10 DNS lookups, 76 bytes):',
      '  v=spf1 ip4:203.0.113.0/24 include:_spf.google.com include:amazonses.com -all',
      '  include:_spf.google.com: 4 lookups',
      '  include:amazonses.com: 1 lookup',
      '',
      'Zone-file line:',
      '  example.jp. 3600 IN TXT "v=spf1 ip4:203.0.113.0/24 include:_spf.google.com include:amazonses.com -all"',
      '',
    ].join('\n'),
  );
  const ja = await runCli(['spf', 'build', '--include', 'amazonses.com', '--all', '~', '--zone', zoneFile, '--lang', 'ja']);
  assert.ok(ja.stdout.startsWith('SPF レコード（DNS 参照 1/10 回、33 バイト）:\n  v=spf1 include:amazonses.com ~all'));
});

test('inkan spf build refuses a record over 10 lookups (exit 1) and suggests the includes to replace', async () => {
  const args = ['spf', 'build', '--include', '_spf.google.com', '--include', 'spf.protection.outlook.com', '--include', 'servers.mcsv.net', '--include', 'sendgrid.net', '--include', 'amazonses.com', '--mx', '--a', '@', '--zone', zoneFile];
  const run = await runCli(args);
  assert.equal(run.code, 1);
  assert.ok(run.stdout.startsWith('refused: the record needs 14 DNS lookups'));
  assert.ok(run.stdout.includes('replace these includes by the ip4:/ip6: ranges their operators publish: _spf.google.com'));
  const json = JSON.parse((await runCli([...args, '--json'])).stdout) as { ok: boolean; reason: string; lookups: number; replace: string[] };
  assert.deepEqual([json.ok, json.reason, json.lookups, json.replace], [false, 'too-many-lookups', 14, ['_spf.google.com']]);
});

test('inkan spf build: usage errors exit 2, an include DNS cannot count exits 3', async () => {
  assert.equal((await runCli(['spf', 'build'])).code, 2);
  assert.equal((await runCli(['spf', 'build', '--ip4', 'nonsense'])).code, 2);
  assert.equal((await runCli(['spf', 'build', '--include', 'x.example', '--all', '?'])).code, 2);
  const help = await runCli(['spf', 'build', '--help']);
  assert.equal(help.code, 0);
  assert.ok(help.stdout.includes('Exit codes:'));
  const unknown = await runCli(['spf', 'build', '--include', 'missing.example', '--zone', zoneFile]);
  assert.equal(unknown.code, 3);
  assert.ok(unknown.stderr.includes('could not count the lookups inside missing.example'));
});
