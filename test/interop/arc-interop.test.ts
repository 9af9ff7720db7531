import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, test } from 'node:test';
import { sealArc } from '../../src/arc/seal.js';
import { verifyArc } from '../../src/arc/verify.js';
import { createKeyCache } from '../../src/dkim/key.js';
import { DOMAIN, InteropKit, PYTHON, interopScript, probePeers, runPeer } from './peers.js';

const absent = probePeers().dkimpy;
// dkimpy's arc_sign reads the Authentication-Results with the authres module (Debian python3-authres); arc_verify does not need it.
const authresProbe = spawnSync(PYTHON, ['-c', 'import authres'], { timeout: 10_000 });
const noSealer = absent ?? (authresProbe.status === 0 ? undefined : 'dkimpy cannot seal here: the authres module is missing (apt-get install python3-authres)');
const TIMEOUT = { timeout: 120_000 };
let kit: InteropKit;
const tally = { run: 0, passed: 0 };

before(async () => {
  kit = await InteropKit.create();
});

after(async () => {
  await kit?.close();
  const skipped = [absent, noSealer].filter((x, i, all) => x && all.indexOf(x) === i);
  console.log(`arc interop: dkimpy ${tally.passed}/${tally.run}${skipped.length ? `; skipped: ${skipped.join('; ')}` : ''}`);
});

const NOW = Date.UTC(2026, 10, 30, 12, 0, 0);
const HEADERS = ['from', 'to', 'subject', 'date', 'message-id'];

function message(ar: string): string {
  return [
    `Authentication-Results: ${ar}`,
    'From: Alice <alice@interop.example>',
    'To: list@lists.interop.example',
    'Subject: ARC interop',
    'Date: Mon, 30 Nov 2026 12:00:00 +0000',
    'Message-ID: <arc-interop@interop.example>',
    '',
    'Hello   world, with  spaces ',
    '',
    '',
  ].join('\r\n');
}

type Job = { mode: 'verify'; message: Uint8Array } | { mode: 'seal'; message: Uint8Array; key: 'rsa' | 'ed25519'; srvId: string };
type Outcome = { cv?: string; reason?: string; ok?: boolean; error?: string };

let batch = 0;
async function dkimpy(jobs: Job[]): Promise<Array<Outcome & { sealed?: Buffer }>> {
  const b = batch++;
  const files = jobs.map((job, i) => {
    const path = kit.file(`arc-${b}-${i}.eml`, job.message);
    if (job.mode === 'verify') return { mode: 'verify', message: path };
    const pair = job.key === 'rsa' ? kit.rsa : kit.ed25519;
    return {
      mode: 'seal',
      message: path,
      out: `${path}.sealed`,
      selector: pair.selector,
      domain: DOMAIN,
      key: `${kit.dir}/${job.key === 'rsa' ? 'rsa.pem' : 'ed25519.seed'}`,
      algorithm: job.key === 'rsa' ? 'rsa-sha256' : 'ed25519-sha256',
      srv_id: job.srvId,
      headers: HEADERS,
      timestamp: NOW / 1000,
    };
  });
  const spec = kit.file(`arc-dkimpy-${b}.json`, JSON.stringify({ records: kit.records, jobs: files }));
  const run = await runPeer(PYTHON, [interopScript('arc-dkimpy-peer.py'), spec], Buffer.alloc(0));
  const raw = JSON.parse(run.stdout.toString('utf8') || 'null') as Outcome[] | null;
  assert.ok(raw, `dkimpy gave no result: ${run.stderr}`);
  const { readFileSync } = await import('node:fs');
  return raw.map((r, i) => (r.ok ? { ...r, sealed: readFileSync((files[i] as { out: string }).out) } : r));
}

async function inkanSeal(input: string | Buffer, key: 'rsa' | 'ed25519', srvId: string): Promise<Buffer> {
  const pair = key === 'rsa' ? kit.rsa : kit.ed25519;
  const r = await sealArc(input, { domain: DOMAIN, selector: pair.selector, privateKey: pair.privateKey, resolver: kit.resolver, keyCache: createKeyCache(), now: NOW, authservId: srvId, headers: HEADERS });
  assert.ok(r.ok, JSON.stringify(!r.ok && r.error));
  return Buffer.concat([Buffer.from(r.header), Buffer.isBuffer(input) ? input : Buffer.from(input)]);
}

// dkimpy 1.1's ARC knows rsa-sha256 only (its arc_verify answers "unknown signature algorithm" for ed25519-sha256), so
// the Ed25519 seals are checked against the stalwart fixture and inkan's own tests instead.
test('inkan seals (RSA, one and two hops, relaxed body whitespace), dkimpy arc_verify says pass', { ...TIMEOUT, skip: absent }, async () => {
  const rsa1 = await inkanSeal(message('mx.interop.example; arc=none; spf=pass smtp.mailfrom=interop.example'), 'rsa', 'mx.interop.example');
  const rsa2 = await inkanSeal(Buffer.concat([Buffer.from('Authentication-Results: fwd.interop.example; arc=pass\r\n'), rsa1]), 'rsa', 'fwd.interop.example');
  const results = await dkimpy([rsa1, rsa2].map((m) => ({ mode: 'verify' as const, message: m })));
  for (const [i, r] of results.entries()) {
    tally.run++;
    assert.equal(r.cv, 'pass', `message ${i}: ${JSON.stringify(r)}`);
    tally.passed++;
  }
});

test('dkimpy seals (RSA), inkan verifies pass; inkan seals on top of dkimpy and dkimpy still says pass', { ...TIMEOUT, skip: noSealer }, async () => {
  const [rsa] = await dkimpy([
    { mode: 'seal', message: Buffer.from(message('mx.interop.example; arc=none; spf=pass smtp.mailfrom=interop.example')), key: 'rsa', srvId: 'mx.interop.example' },
  ]);
  for (const r of [rsa!]) {
    tally.run++;
    assert.ok(r.sealed, JSON.stringify(r));
    const mine = await verifyArc(r.sealed, { resolver: kit.resolver, keyCache: createKeyCache() });
    assert.equal(mine.result, 'pass', JSON.stringify(mine.result !== 'none' && mine.result !== 'pass' ? mine.reason : ''));
    tally.passed++;
  }
  const second = await inkanSeal(Buffer.concat([Buffer.from('Authentication-Results: fwd.interop.example; arc=pass\r\n'), rsa!.sealed!]), 'rsa', 'fwd.interop.example');
  const [check] = await dkimpy([{ mode: 'verify', message: second }]);
  tally.run++;
  assert.equal(check!.cv, 'pass', JSON.stringify(check));
  tally.passed++;
  const ours = await verifyArc(second, { resolver: kit.resolver, keyCache: createKeyCache() });
  assert.ok(ours.result === 'pass' && ours.instance === 2);
});

test('a message changed after inkan sealed it fails in dkimpy too', { ...TIMEOUT, skip: absent }, async () => {
  const sealed = await inkanSeal(message('mx.interop.example; arc=none; spf=pass smtp.mailfrom=interop.example'), 'rsa', 'mx.interop.example');
  const [r] = await dkimpy([{ mode: 'verify', message: Buffer.from(sealed.toString('latin1').replace('Hello', 'Goodbye'), 'latin1') }]);
  tally.run++;
  assert.equal(r!.cv, 'fail', JSON.stringify(r));
  tally.passed++;
});
