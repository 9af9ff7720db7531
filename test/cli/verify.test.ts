import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startDnsServer } from '../helpers/dns-server.js';
import { repoRoot } from '../helpers/paths.js';
import { runCli } from './run-cli.js';

const examples = join(repoRoot(), 'examples');
const zone = ['--zone', join(examples, 'example.zone')];
const signed = join(examples, 'message.eml');
const smtp = ['--ip', '192.0.2.10', '--helo', 'mail.example.com', '--mail-from', 'hanako@example.com', '--authserv-id', 'mx.example.org', '--now', '2026-11-30T00:05:00Z'];

test('inkan verify: the signed example passes SPF, both DKIM signatures and DMARC; exit 0; the fields to add follow', async () => {
  const r = await runCli(['verify', signed, ...smtp, ...zone]);
  assert.equal(r.code, 0, r.stderr + r.stdout);
  assert.match(r.stdout, /SPF pass/);
  assert.equal((r.stdout.match(/^DKIM pass for/gm) ?? []).length, 2);
  assert.match(r.stdout, /DMARC pass/);
  assert.match(r.stdout, /^Authentication-Results: mx\.example\.org;$/m);
  assert.match(r.stdout, /^\tdmarc=pass /m);
  assert.match(r.stdout, /^Received-SPF: pass /m);
});

test('inkan verify --json carries the same header fields beside the structured results', async () => {
  const r = await runCli(['verify', signed, ...smtp, ...zone, '--json']);
  const json = JSON.parse(r.stdout) as { authenticationResults: string; receivedSpf: string; dmarc: { result: string }; dkim: { results: Array<{ result: string; key?: { keyType: string } }> } };
  assert.equal(json.dmarc.result, 'pass');
  assert.deepEqual(json.dkim.results.map((d) => d.key?.keyType), ['rsa', 'ed25519']);
  const text = await runCli(['verify', signed, ...smtp, ...zone]);
  assert.ok(text.stdout.includes(json.authenticationResults));
  assert.ok(text.stdout.includes(json.receivedSpf));
});

test('inkan verify: a message from an unauthorized server that is unsigned fails DMARC, exit 1 (p=quarantine)', async () => {
  const r = await runCli(['verify', join(examples, 'unsigned.eml'), '--ip', '203.0.113.99', '--mail-from', 'hanako@example.com', '--authserv-id', 'mx.example.org', ...zone]);
  assert.equal(r.code, 1);
  assert.match(r.stdout, /DMARC fail/);
  assert.match(r.stdout, /dkim=none/);
  assert.match(r.stdout, /quarantine/);
});

test('inkan verify - reads the message from standard input; --explain shows the steps; --lang ja', async () => {
  const r = await runCli(['verify', '-', ...smtp, ...zone, '--explain', '--lang', 'ja'], {}, readFileSync(signed));
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /追加するヘッダー/);
  assert.match(r.stdout, /inkan2026\._domainkey\.example\.com/);
});

test('inkan verify against the loopback DNS server (--dns)', async () => {
  const server = await startDnsServer({ zone: readFileSync(join(examples, 'example.zone'), 'utf8') });
  try {
    const r = await runCli(['verify', signed, ...smtp, '--dns', server.address]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    server.fault('*', { timeout: true });
    const failed = await runCli(['verify', join(examples, 'unsigned.eml'), ...smtp, '--dns', server.address, '--timeout', '100']);
    assert.equal(failed.code, 3, failed.stdout);
  } finally {
    await server.close();
  }
});

const usage: Array<[string, string[], RegExp]> = [
  ['no file', ['verify', '--ip', '192.0.2.1', ...zone], /message file/],
  ['no --ip', ['verify', signed, ...zone], /--ip is required/],
  ['a missing file', ['verify', join(examples, 'nope.eml'), '--ip', '192.0.2.1', ...zone], /cannot read/],
  ['a bad --now', ['verify', signed, '--ip', '192.0.2.1', '--now', 'yesterday', ...zone], /not a time/],
  ['a bad --dmarc-mode', ['verify', signed, '--ip', '192.0.2.1', '--dmarc-mode', 'rfc1', ...zone], /rfc9989 or rfc7489/],
];
for (const [what, argv, message] of usage) {
  test(`inkan verify: ${what} is a usage error, exit 2`, async () => {
    const r = await runCli(argv);
    assert.equal(r.code, 2);
    assert.match(r.stderr, message);
  });
}

test('inkan sign then inkan verify: a round trip through the CLI', async () => {
  const message = readFileSync(join(examples, 'unsigned.eml'));
  const key = join(examples, 'keys', 'inkan2026e.private.pem');
  const s = await runCli(['sign', '-', '--domain', 'example.com', '--selector', 'inkan2026e', '--key', key], {}, message);
  assert.equal(s.code, 0, s.stderr);
  assert.ok(s.stdoutBytes.subarray(s.stdoutBytes.length - message.length).equals(message), 'the message bytes follow the signature untouched');
  const v = await runCli(['verify', '-', ...smtp.filter((a) => !a.startsWith('--now') && !a.startsWith('2026')), ...zone], {}, s.stdoutBytes);
  assert.equal(v.code, 0, v.stdout);
});

/** The example message changed by a list (footer added) and then ARC-sealed by it, with the results it saw on arrival. */
async function listRelayed(): Promise<Buffer> {
  const edited = readFileSync(signed, 'utf8').replace('Thank you for your application.', 'Thank you for your application.\n-- \nadmissions list');
  const sealed = await runCli(
    ['arc', 'seal', '-', '--domain', 'example.com', '--selector', 'inkan2026', '--key', join(examples, 'keys', 'inkan2026.private.pem'), '--now', '2026-11-30T00:04:00Z',
      '--auth-results', 'lists.example.com; spf=pass smtp.mailfrom=hanako@example.com; dkim=pass header.d=example.com; dmarc=pass header.from=example.com', ...zone],
    undefined,
    edited,
  );
  assert.equal(sealed.code, 0, sealed.stderr);
  return sealed.stdoutBytes;
}

const relay = ['--ip', '203.0.113.99', '--mail-from', 'list-bounces@example.org', '--authserv-id', 'mx.example.org', '--now', '2026-11-30T00:05:00Z'];

test('inkan verify: a list-relayed message shows its ARC chain (sealer, cv, verdicts, what it saw) and arc=pass in the A-R', async () => {
  const message = await listRelayed();
  const r = await runCli(['verify', '-', ...relay, ...zone], undefined, message);
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stdout, /DMARC fail/);
  assert.match(r.stdout, /^ARC pass: a chain of 1 ARC set verifies \(oldest-pass 1\)\./m);
  assert.match(r.stdout, /ARC set 1: sealed by example\.com \(s=inkan2026\), cv=none; seal verified, message signature verified/);
  assert.match(r.stdout, /it said it saw: i=1; lists\.example\.com; spf=pass/);
  assert.match(r.stdout, /example\.com \(i=1\) saw the message pass; list it as a trusted sealer/);
  assert.match(r.stdout, /^\tarc=pass \(as\.1\.example\.com=pass, ams\.1\.example\.com=pass\)/m);
  const ja = await runCli(['verify', '-', ...relay, ...zone, '--lang', 'ja', '--explain'], undefined, message);
  assert.match(ja.stdout, /ARC セット 1: example\.com \(s=inkan2026\) が封印/);
  assert.match(ja.stdout, /AMS i=1 の本文ハッシュが一致/);
});

test('inkan verify --json: the ARC result beside the others; --trusted-arc-sealer records a trusted_forwarder override', async () => {
  const message = await listRelayed();
  const en = await runCli(['verify', '-', ...relay, ...zone, '--json', '--trusted-arc-sealer', 'example.com'], undefined, message);
  const ja = await runCli(['verify', '-', ...relay, ...zone, '--json', '--trusted-arc-sealer', 'example.com', '--lang', 'ja'], undefined, message);
  assert.equal(en.stdout, ja.stdout);
  const json = JSON.parse(en.stdout) as { arc: { result: string; oldestPass: number }; arcOverride: { applied: boolean }; dmarc: { result: string; disposition: string; dispositionReasons: Array<{ type: string; comment: string }> } };
  assert.equal(json.arc.result, 'pass');
  assert.equal(json.arc.oldestPass, 1);
  assert.equal(json.dmarc.result, 'fail');
  assert.equal(json.dmarc.disposition, 'none');
  assert.deepEqual(json.dmarc.dispositionReasons.map((r) => r.type), ['trusted_forwarder']);
  assert.match(json.dmarc.dispositionReasons[0]!.comment, /trusted sealer example\.com \(i=1\)/);
  assert.equal(json.arcOverride.applied, true);
});
