import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { verifyArc } from '../../src/arc/verify.js';
import { createKeyCache } from '../../src/dkim/key.js';
import { join } from 'node:path';
import { verifyDkim } from '../../src/dkim/verify.js';
import { MemoryResolver } from '../../src/dns/memory.js';
import { SystemResolver } from '../../src/dns/system.js';
import { startDnsServer } from '../helpers/dns-server.js';
import { conformanceDir } from '../helpers/paths.js';
import { stalwartFixture } from '../helpers/stalwart.js';
import { sealArc } from '../../src/arc/seal.js';
import { crlf, resolverFor, signSuite, validationSuite } from './suite.js';

const counts = { validation: 0, validationPass: 0, sign: 0, signPass: 0 };
after(() => {
  console.log(`arc validation ${counts.validationPass}/${counts.validation}, arc sign ${counts.signPass}/${counts.sign}`);
});

test('ValiMail ARC validation suite: 171 cases, each chain result as expected', async (t) => {
  const suite = validationSuite();
  const failures: string[] = [];
  for (const scenario of suite) {
    const resolver = resolverFor(scenario.records);
    for (const c of scenario.cases) {
      counts.validation++;
      const r = await verifyArc(crlf(c.message), { resolver, keyCache: createKeyCache() });
      const got = r.result === 'none' ? 'None' : r.result === 'pass' ? 'Pass' : 'Fail';
      if (got === c.cv) counts.validationPass++;
      else failures.push(`${c.name}: expected ${c.cv}, got ${r.result} ${'reason' in r ? JSON.stringify(r.reason) : ''}`);
    }
  }
  t.diagnostic(`arc validation ${counts.validationPass}/${counts.validation}`);
  assert.deepEqual(failures, []);
  assert.equal(counts.validation, 171);
});

/** A header value with every whitespace character removed (how the sign suite compares). */
const squash = (v: string): string => v.replace(/\s+/g, '');
/** The value of `Name: value`. */
const valueOf = (field: string): string => field.slice(field.indexOf(':') + 1);

test('ValiMail ARC sign suite: 17 cases, AS, AMS and AAR equal to the expected values (whitespace removed), and what inkan wrote verifies', async (t) => {
  const failures: string[] = [];
  let total = 0;
  let ok = 0;
  for (const scenario of signSuite()) {
    const resolver = resolverFor(scenario.records);
    for (const c of scenario.cases) {
      total++;
      const r = await sealArc(crlf(c.message), {
        domain: c.domain,
        selector: c.selector,
        privateKey: c.privateKey,
        now: c.t * 1000,
        authservId: c.srvId,
        headers: c.sigHeaders,
        resolver,
        keyCache: createKeyCache(),
      });
      if (squash(c.AS) === '') {
        // "if a chain is failing, don't add another set"
        if (!r.ok && r.error.code === 'chain-failed') ok++;
        else failures.push(`${c.name}: expected no new set, got ${JSON.stringify(r.ok ? r.instance : r.error)}`);
        continue;
      }
      if (!r.ok) {
        failures.push(`${c.name}: ${JSON.stringify(r.error)}`);
        continue;
      }
      const diffs: string[] = (['AS', 'AMS', 'AAR'] as const).filter((k) => {
        const mine = k === 'AS' ? r.seal : k === 'AMS' ? r.messageSignature : r.authResults;
        return squash(valueOf(mine)) !== squash(c[k]);
      });
      // And what inkan wrote verifies: pass, or (after a failed chain) a fail that names the new seal's cv=fail.
      const sealed = Buffer.concat([Buffer.from(r.header), crlf(c.message)]);
      const check = await verifyArc(sealed, { resolver, keyCache: createKeyCache() });
      if (r.cv === 'fail') {
        if (!(check.result === 'fail' && check.reason.code === 'sealed-as-failed')) diffs.push('AS');
      } else if (!(check.result === 'pass' && check.instance === r.instance)) diffs.push('AMS');
      if (diffs.length === 0) ok++;
      else failures.push(`${c.name}: ${diffs.join(', ')} differ\n${r.header}`);
    }
  }
  counts.sign = total;
  counts.signPass = ok;
  t.diagnostic(`arc sign ${ok}/${total}`);
  assert.deepEqual(failures, []);
  assert.equal(total, 17);
});

test('ValiMail ARC validation suite once more through a real DNS server on loopback (UDP/TCP, SystemResolver)', async (t) => {
  let total = 0;
  let ok = 0;
  let queries = 0;
  const failures: string[] = [];
  for (const scenario of validationSuite()) {
    const server = await startDnsServer({ resolver: resolverFor(scenario.records) });
    try {
      const resolver = new SystemResolver({ servers: [server.address], timeout: 2000 });
      for (const c of scenario.cases) {
        total++;
        const r = await verifyArc(crlf(c.message), { resolver, keyCache: createKeyCache() });
        const got = r.result === 'none' ? 'None' : r.result === 'pass' ? 'Pass' : 'Fail';
        if (got === c.cv) ok++;
        else failures.push(`${c.name}: expected ${c.cv}, got ${r.result}`);
      }
      queries += server.counts.udp + server.counts.tcp;
    } finally {
      await server.close();
    }
  }
  t.diagnostic(`arc validation over loopback DNS ${ok}/${total} (${queries} DNS queries)`);
  assert.ok(queries > 10);
  assert.deepEqual(failures, []);
  assert.equal(total, 171);
});

/** A fixture of Stalwart's ARC tests. */
function stalwartArc(name: string): { resolver: MemoryResolver; message: Buffer } {
  return stalwartFixture(join(conformanceDir(), 'arc', 'stalwart', name));
}

test('stalwart 001 (Google-sealed list mail, i=1) and 002 (ed25519 i=1, RSA t=s i=2): ARC pass, at least one DKIM pass', async (t) => {
  let ok = 0;
  for (const [name, sets] of [['001.txt', 1], ['002.txt', 2]] as const) {
    const { resolver, message } = stalwartArc(name);
    const arc = await verifyArc(message, { resolver, keyCache: createKeyCache() });
    assert.equal(arc.result, 'pass', `${name}: ${JSON.stringify('reason' in arc ? arc.reason : '')}`);
    assert.equal(arc.sets.length, sets);
    assert.ok(arc.result === 'pass' && arc.instance === sets);
    const dkim = await verifyDkim(message, { resolver, keyCache: createKeyCache(), now: Date.parse('2023-01-20T00:00:00Z') });
    assert.ok(dkim.results.some((r) => r.result === 'pass'), name);
    // Without its keys the same chain cannot pass: the first key lookup fails as "no key", a failure, not a temporary one.
    const empty = await verifyArc(message, { resolver: new MemoryResolver(), keyCache: createKeyCache() });
    assert.equal(empty.result, 'fail');
    assert.ok(empty.result === 'fail' && empty.reason.code === 'ams-failed' && empty.reason.failure.code === 'no-key');
    ok++;
  }
  const two = await verifyArc(stalwartArc('002.txt').message, { resolver: stalwartArc('002.txt').resolver, keyCache: createKeyCache() });
  assert.deepEqual(
    two.sets.map((s) => [s.instance, s.sealer?.algorithm, s.sealer?.domain, s.cv, s.sealResult]),
    [
      [1, 'ed25519-sha256', 'scamorza.org', 'none', 'pass'],
      [2, 'rsa-sha256', 'manchego.org', 'pass', 'pass'],
    ],
  );
  t.diagnostic(`arc stalwart ${ok}/2`);
});
