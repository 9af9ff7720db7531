import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDnsServer } from '../helpers/dns-server.js';
import { repoRoot } from '../helpers/paths.js';
import { runCli, type CliRun } from '../cli/run-cli.js';

const examples = join(repoRoot(), 'examples');
const zoneFile = join(examples, 'example.zone');
const zone = ['--zone', zoneFile];
const message = join(examples, 'message.eml');
const rsaKey = join(examples, 'keys', 'inkan2026.private.pem');
const edKey = join(examples, 'keys', 'inkan2026e.private.pem');
const dir = mkdtempSync(join(tmpdir(), 'inkan-arc-cli-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const NOW = ['--now', '2026-11-30T00:05:00Z'];
const rsaSeal = ['--domain', 'example.com', '--selector', 'inkan2026', '--key', rsaKey, ...NOW];
const edSeal = ['--domain', 'example.com', '--selector', 'inkan2026e', '--key', edKey, ...NOW];
const AR = 'mx.example.org; spf=pass smtp.mailfrom=example.com; dkim=pass header.d=example.com; dmarc=pass header.from=example.com';

function arc(argv: string[], env: Record<string, string | undefined> = { LANG: 'C.UTF-8' }, stdin: Uint8Array | string = ''): Promise<CliRun> {
  return runCli(['arc', ...argv], env, stdin);
}

/** Seal the example once (RSA) and once more (Ed25519): the two-hop message. */
async function twoHops(): Promise<Buffer> {
  const one = await arc(['seal', message, ...rsaSeal, '--auth-results', AR, ...zone]);
  assert.equal(one.code, 0, one.stderr);
  const two = await arc(['seal', '-', ...edSeal, '--auth-results', AR.replace('mx.example.org', 'fwd.example.net'), ...zone], undefined, one.stdoutBytes);
  assert.equal(two.code, 0, two.stderr);
  return two.stdoutBytes;
}

test('inkan arc seal: prints the message with ARC-Seal, ARC-Message-Signature and ARC-Authentication-Results prepended, the message unchanged', async () => {
  const r = await arc(['seal', message, ...rsaSeal, '--auth-results', AR, ...zone]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^ARC-Seal: a=rsa-sha256;\r\n b=/);
  assert.match(r.stdout, /\r\nARC-Message-Signature: a=rsa-sha256;/);
  assert.match(r.stdout, /\r\nARC-Authentication-Results: i=1; mx\.example\.org; spf=pass smtp\.mailfrom=example\.com;\r\n\tdkim=pass header\.d=example\.com;/);
  assert.ok(r.stdoutBytes.subarray(r.stdoutBytes.length - readFileSync(message).length).equals(readFileSync(message)));
  assert.match(r.stdout, /cv=none; d=example\.com; i=1; s=inkan2026; t=1795997100/);
});

test('inkan arc verify: two hops (RSA then Ed25519) pass, exit 0; each set with its sealer, cv and what it saw', async () => {
  const sealed = await twoHops();
  const r = await arc(['verify', '-', ...zone], undefined, sealed);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /^ARC pass: a chain of 2 ARC sets verifies \(oldest-pass 1\)\./);
  assert.match(r.stdout, /ARC set 1: sealed by example\.com \(s=inkan2026\), cv=none; seal verified, message signature verified/);
  assert.match(r.stdout, /ARC set 2: sealed by example\.com \(s=inkan2026e\), cv=pass/);
  assert.match(r.stdout, /it said it saw: i=2; fwd\.example\.net; spf=pass/);
  const ja = await arc(['verify', '-', ...zone, '--lang', 'ja', '--explain'], undefined, sealed);
  assert.equal(ja.code, 0);
  assert.match(ja.stdout, /ARC pass: 2 個の ARC セットのチェーンを検証できました/);
  assert.match(ja.stdout, /手順:/);
  assert.match(ja.stdout, /inkan2026e\._domainkey\.example\.com/);
});

test('inkan arc verify --json: the same bytes in English and Japanese, with the sets, the AARs parsed and the trace', async () => {
  const sealed = await twoHops();
  const en = await arc(['verify', '-', ...zone, '--json'], undefined, sealed);
  const ja = await arc(['verify', '-', ...zone, '--json', '--lang', 'ja'], undefined, sealed);
  assert.equal(en.stdout, ja.stdout);
  const json = JSON.parse(en.stdout) as { result: string; instance: number; oldestPass: number; sets: Array<{ instance: number; cv: string; sealer: { domain: string; algorithm: string }; authResults: { authservId: string } }>; trace: Array<{ kind: string }> };
  assert.equal(json.result, 'pass');
  assert.equal(json.instance, 2);
  assert.deepEqual(json.sets.map((s) => [s.instance, s.cv, s.sealer.algorithm, s.authResults.authservId]), [[1, 'none', 'rsa-sha256', 'mx.example.org'], [2, 'pass', 'ed25519-sha256', 'fwd.example.net']]);
  assert.ok(json.trace.some((s) => s.kind === 'body-hash'));
});

test('inkan arc verify: a changed message fails, exit 1, with the reason; an unsealed one is none, exit 1', async () => {
  const sealed = (await twoHops()).toString('utf8').replace('Thank you for your application.', 'Thank you for your payment.');
  const r = await arc(['verify', '-', ...zone], undefined, sealed);
  assert.equal(r.code, 1);
  assert.match(r.stdout, /^ARC fail/);
  assert.match(r.stdout, /why: the newest ARC-Message-Signature \(i=2\) does not verify: the body was changed/);
  const none = await arc(['verify', message, ...zone]);
  assert.equal(none.code, 1);
  assert.match(none.stdout, /^ARC none/);
});

test('inkan arc seal --json: the three fields, instance and cv, the same bytes in both languages; a second hop gets cv=pass', async () => {
  const first = await arc(['seal', message, ...rsaSeal, '--auth-results', AR, ...zone]);
  const file = join(dir, 'one.eml');
  writeFileSync(file, first.stdoutBytes);
  const en = await arc(['seal', file, ...edSeal, '--auth-results', AR, ...zone, '--json']);
  const ja = await arc(['seal', file, ...edSeal, '--auth-results', AR, ...zone, '--json', '--lang', 'ja']);
  assert.equal(en.code, 0, en.stderr);
  assert.equal(en.stdout, ja.stdout);
  const json = JSON.parse(en.stdout) as { ok: boolean; instance: number; cv: string; seal: string; messageSignature: string; authResults: string; chain: string };
  assert.deepEqual([json.ok, json.instance, json.cv, json.chain], [true, 2, 'pass', 'pass']);
  assert.match(json.seal, /^ARC-Seal: a=ed25519-sha256;/);
  assert.match(json.messageSignature, /^ARC-Message-Signature: a=ed25519-sha256;/);
  assert.match(json.authResults, /^ARC-Authentication-Results: i=2; mx\.example\.org;/);
});

test('inkan arc seal --ip: runs SPF, DKIM and DMARC itself and records them (and arc=) in the AAR', async () => {
  const sealed = await twoHops();
  const r = await arc(['seal', '-', ...rsaSeal, '--ip', '192.0.2.10', '--helo', 'mail.example.com', '--mail-from', 'hanako@example.com', '--authserv-id', 'mx.example.org', ...zone, '--json'], undefined, sealed);
  assert.equal(r.code, 0, r.stderr);
  const json = JSON.parse(r.stdout) as { instance: number; cv: string; authResults: string };
  assert.equal(json.instance, 3);
  assert.equal(json.cv, 'pass');
  assert.match(json.authResults, /i=3; mx\.example\.org; spf=pass smtp\.mailfrom=hanako@example\.com;/);
  assert.match(json.authResults, /dkim=pass header\.d=example\.com/);
  assert.match(json.authResults, /dmarc=pass/);
  assert.match(json.authResults, /arc=pass \(as\.2\.example\.com=pass, ams\.2\.example\.com=pass, as\.1\.example\.com=pass, ams\.1\.example\.com=pass\)\s+smtp\.remote-ip=192\.0\.2\.10\s+header\.oldest-pass=1/);
});

test('inkan arc seal: not sealed (exit 1) when the AAR has nothing to say or the chain already failed; usage errors exit 2', async () => {
  const nothing = await arc(['seal', message, ...rsaSeal, '--authserv-id', 'mx.example.org', ...zone]);
  assert.equal(nothing.code, 1);
  assert.match(nothing.stderr, /no Authentication-Results field from mx\.example\.org/);
  assert.match(nothing.stderr, /The message was not sealed\./);
  const nothingJa = await arc(['seal', message, ...rsaSeal, '--authserv-id', 'mx.example.org', ...zone, '--lang', 'ja']);
  assert.match(nothingJa.stderr, /メッセージは封印されませんでした/);
  for (const argv of [[], ['bogus'], ['seal', message], ['seal', message, ...rsaSeal, '--algorithm', 'rsa-sha1'], ['verify', message, '--nope']]) {
    const r = await arc(argv);
    assert.equal(r.code, 2, `${argv.join(' ')}: ${r.stdout}${r.stderr}`);
  }
});

test('inkan arc --help teaches (what, options, examples, exit codes) in English and Japanese', async () => {
  const en = await arc(['--help']);
  assert.equal(en.code, 0);
  assert.match(en.stdout, /inkan arc seal FILE\|- --domain DOMAIN --selector SELECTOR --key KEYFILE/);
  assert.match(en.stdout, /Exit codes:\n {2}verify: 0 pass; 1 fail or none; 2 usage error; 3 temperror/);
  const ja = await arc(['seal', '--help', '--lang', 'ja']);
  assert.equal(ja.code, 0);
  assert.match(ja.stdout, /終了コード:/);
  const viaMain = await runCli(['help', 'arc']);
  assert.match(viaMain.stdout, /Examples:/);
});

test('inkan arc verify against the loopback DNS server: pass, then temperror (exit 3) when it stops answering', async () => {
  const sealed = await twoHops();
  const server = await startDnsServer({ zone: readFileSync(zoneFile, 'utf8') });
  try {
    const r = await arc(['verify', '-', '--dns', server.address], undefined, sealed);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    server.fault('*', { timeout: true });
    const failed = await arc(['verify', '-', '--dns', server.address, '--timeout', '100'], undefined, sealed);
    assert.equal(failed.code, 3, failed.stdout);
    assert.match(failed.stdout, /^ARC temperror/);
  } finally {
    await server.close();
  }
});
