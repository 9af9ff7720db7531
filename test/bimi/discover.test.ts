import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { discoverBimiRecord } from '../../src/bimi/discover.js';
import { checkDmarcPrerequisites } from '../../src/bimi/prerequisites.js';
import { selectorFromHeader } from '../../src/bimi/check.js';
import { loadZone } from '../../src/dns/zone-load.js';
import type { MemoryResolver } from '../../src/dns/memory.js';
import { SystemResolver } from '../../src/dns/system.js';
import { splitMessage } from '../../src/message/split.js';
import { startDnsServer } from '../helpers/dns-server.js';
import { repoRoot } from '../helpers/paths.js';

const zoneFile = join(repoRoot(), 'test', 'bimi', 'bimi.zone');

async function zone(): Promise<MemoryResolver> {
  const loaded = await loadZone(zoneFile);
  assert.ok(loaded.ok, JSON.stringify(!loaded.ok && loaded.error));
  return loaded.resolver;
}

test('discovery: default._bimi at the author domain (draft §4.4)', async () => {
  const d = await discoverBimiRecord('brand.example', { resolver: await zone() });
  assert.equal(d.status, 'found');
  if (d.status !== 'found') return;
  assert.deepEqual([d.name, d.source, d.selector, d.domain], ['default._bimi.brand.example', 'author', 'default', 'brand.example']);
  assert.deepEqual(d.record.locations, ['https://images.brand.example/logo.svg']);
  assert.equal(d.steps.length, 1);
});

test('discovery: the subdomain has its own record', async () => {
  const d = await discoverBimiRecord('news.brand.example', { resolver: await zone() });
  assert.equal(d.status === 'found' && d.name, 'default._bimi.news.brand.example');
});

test('discovery: falls back to the Organizational Domain found by the DMARC tree walk', async () => {
  const d = await discoverBimiRecord('mail.brand.example', { resolver: await zone() });
  assert.equal(d.status, 'found');
  if (d.status !== 'found') return;
  assert.deepEqual([d.name, d.source, d.orgDomain], ['default._bimi.brand.example', 'organizational', 'brand.example']);
  assert.deepEqual(d.steps.map((s) => [s.name, s.outcome]), [
    ['default._bimi.mail.brand.example', 'none'],
    ['default._bimi.brand.example', 'record'],
  ]);
});

test('discovery: a selector from the BIMI-Selector header, at the author domain then the org domain', async () => {
  const resolver = await zone();
  const d = await discoverBimiRecord('mail.brand.example', { resolver, selector: 'Spring' });
  assert.equal(d.status === 'found' && d.name, 'spring._bimi.brand.example');
  const none = await discoverBimiRecord('brand.example', { resolver, selector: 'autumn' });
  assert.equal(none.status, 'none');
  assert.deepEqual(none.steps.map((s) => s.name), ['autumn._bimi.brand.example']);
  const bad = await discoverBimiRecord('brand.example', { resolver, selector: 'bad selector' });
  assert.equal(bad.status, 'invalid-selector');
});

test('discovery: the BIMI-Selector header field of a message', () => {
  const message = splitMessage('From: a@brand.example\r\nBIMI-Selector: v=BIMI1; s=spring\r\nSubject: x\r\n\r\nbody\r\n');
  assert.ok(message.ok);
  if (!message.ok) return;
  assert.deepEqual(selectorFromHeader(message.fields), { ok: true, selector: 'spring' });
  const none = splitMessage('From: a@brand.example\r\n\r\n');
  assert.ok(none.ok && selectorFromHeader(none.fields) === undefined);
});

test('discovery: several BIMI records at a name count as none; other TXT records are skipped', async () => {
  const resolver = await zone();
  const multi = await discoverBimiRecord('multi.example', { resolver });
  assert.equal(multi.status, 'none');
  assert.equal(multi.steps[0]?.outcome, 'multiple');
  const mixed = await discoverBimiRecord('mixed.example', { resolver });
  assert.equal(mixed.status, 'found');
  assert.equal(mixed.steps[0]?.discarded, 1);
});

test('discovery: no record anywhere is none; a DNS failure is temperror', async () => {
  const resolver = await zone();
  const none = await discoverBimiRecord('nobimi.example', { resolver });
  assert.equal(none.status, 'none');
  resolver.setFault('default._bimi.brand.example', 'servfail');
  const failed = await discoverBimiRecord('brand.example', { resolver });
  assert.equal(failed.status, 'temperror');
  if (failed.status === 'temperror') assert.equal(failed.failure.name, 'default._bimi.brand.example');
  assert.equal((await discoverBimiRecord('not a domain..', { resolver })).status, 'invalid-domain');
});

test('discovery over a loopback DNS server (UDP/TCP) gives the same answer as the zone file', async () => {
  const server = await startDnsServer({ zone: readFileSync(zoneFile, 'utf8') });
  try {
    const resolver = new SystemResolver({ servers: [{ host: server.host, port: server.port }], timeout: 2000 });
    const d = await discoverBimiRecord('mail.brand.example', { resolver });
    assert.equal(d.status === 'found' && d.name, 'default._bimi.brand.example');
    const names = server.log.map((q) => q.name);
    assert.ok(names.includes('default._bimi.mail.brand.example'));
    assert.ok(names.includes('_dmarc.brand.example'));
  } finally {
    await server.close();
  }
});

test('DMARC prerequisites: p=reject at the author domain is met', async () => {
  const check = await checkDmarcPrerequisites('brand.example', { resolver: await zone() });
  assert.equal(check.status, 'met');
  assert.deepEqual(check.applied, { tag: 'p', policy: 'reject' });
  assert.deepEqual(check.orgPolicy, { domain: 'brand.example', p: 'reject' });
});

test('DMARC prerequisites: a subdomain inherits sp=quarantine: met', async () => {
  const check = await checkDmarcPrerequisites('mail.brand.example', { resolver: await zone() });
  assert.equal(check.status, 'met', JSON.stringify(check.problems));
  assert.deepEqual(check.applied, { tag: 'sp', policy: 'quarantine' });
});

const NOT_MET: Array<[string, string[], string?]> = [
  ['monitor.example', ['policy-not-enforcing']],
  ['mail.spnone.example', ['subdomain-policy-none']],
  ['shop.orgnone.example', ['org-policy-none']],
  ['testing.example', ['testing-mode']],
  ['nodmarc.example', ['no-dmarc-policy']],
];

for (const [domain, expected] of NOT_MET) {
  test(`DMARC prerequisites: ${domain} -> ${expected.join(', ')}`, async () => {
    const check = await checkDmarcPrerequisites(domain, { resolver: await zone() });
    assert.equal(check.status, 'not-met');
    assert.deepEqual(check.problems.map((p) => p.code), expected);
  });
}

test('DMARC prerequisites: pct<100 counts only in RFC 7489 mode', async () => {
  const resolver = await zone();
  const bis = await checkDmarcPrerequisites('pct.example', { resolver });
  assert.equal(bis.status, 'met');
  const old = await checkDmarcPrerequisites('pct.example', { resolver, mode: 'rfc7489' });
  assert.deepEqual(old.problems.map((p) => [p.code, p.detail]), [['pct-below-100', '50']]);
});

test('DMARC prerequisites: the message must pass DMARC', async () => {
  const resolver = await zone();
  assert.equal((await checkDmarcPrerequisites('brand.example', { resolver, messageResult: 'pass' })).status, 'met');
  const failed = await checkDmarcPrerequisites('brand.example', { resolver, messageResult: 'fail' });
  assert.deepEqual(failed.problems.map((p) => p.code), ['dmarc-not-pass']);
});

test('DMARC prerequisites: a DNS failure is temperror', async () => {
  const resolver = await zone();
  resolver.setFault('_dmarc.brand.example', 'timeout');
  const check = await checkDmarcPrerequisites('brand.example', { resolver });
  assert.equal(check.status, 'temperror');
  assert.equal(check.problems[0]?.code, 'dmarc-temperror');
});
