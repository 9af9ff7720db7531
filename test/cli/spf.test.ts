import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startDnsServer } from '../helpers/dns-server.js';
import { repoRoot } from '../helpers/paths.js';
import { runCli } from './run-cli.js';

const zoneFile = join(repoRoot(), 'examples', 'example.zone');
const zone = ['--zone', zoneFile];

test('inkan spf: a pass exits 0 and names the deciding term', async () => {
  const r = await runCli(['spf', '--ip', '192.0.2.10', '--mail-from', 'alice@example.com', '--helo', 'mail.example.com', ...zone]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /SPF pass for example\.com/);
  assert.match(r.stdout, /"mx"/);
});

test('inkan spf: a fail exits 1; --received-spf prints the header field (RFC 7208 §9.1)', async () => {
  const r = await runCli(['spf', '--ip', '192.0.2.200', '--mail-from', 'ceo@example.com', '--helo', 'x.example', '--receiver', 'mx.test', '--received-spf', ...zone]);
  assert.equal(r.code, 1);
  assert.match(r.stdout, /^Received-SPF: fail \(mx\.test: /m);
  assert.match(r.stdout, /mechanism=-all/);
  assert.equal((r.stdout.match(/Received-SPF:/g) ?? []).length, 1);
});

test('inkan spf --explain lists every lookup with the counts so far', async () => {
  const r = await runCli(['spf', '--ip', '198.51.100.7', '--mail-from', 'news@example.com', '--explain', ...zone]);
  assert.equal(r.code, 0);
  assert.match(r.stdout, /DNS TXT example\.com ->/);
  assert.match(r.stdout, /DNS TXT _spf\.mailer\.example\.net ->/);
  assert.match(r.stdout, /ip4:198\.51\.100\.0\/24: matches/);
});

test('inkan spf --json is machine-readable and the same in every language', async () => {
  const argv = ['spf', '--ip', '198.51.100.7', '--mail-from', 'news@example.com', '--json', '--receiver', 'mx.test', ...zone];
  const en = await runCli([...argv, '--lang', 'en']);
  const ja = await runCli([...argv, '--lang', 'ja']);
  const parsed = JSON.parse(en.stdout) as { result: string; lookups: number; matched: { term: string }; trace: unknown[] };
  assert.equal(parsed.result, 'pass');
  assert.equal(parsed.lookups, 2);
  assert.equal(parsed.matched.term, 'include:_spf.mailer.example.net');
  assert.ok(parsed.trace.length > 0);
  assert.equal(en.stdout, ja.stdout);
});

test('inkan spf --lang ja, and LANG=ja_JP.UTF-8 by default, speak Japanese', async () => {
  const argv = ['spf', '--ip', '192.0.2.200', '--mail-from', 'ceo@example.com', ...zone];
  const byOption = await runCli([...argv, '--lang', 'ja']);
  const byEnv = await runCli(argv, { LANG: 'ja_JP.UTF-8' });
  assert.match(byOption.stdout, /接続元 192\.0\.2\.200/);
  assert.equal(byEnv.stdout, byOption.stdout);
});

test('inkan spf against a real DNS server on loopback (--dns)', async () => {
  const server = await startDnsServer({ zone: readFileSync(zoneFile, 'utf8') });
  try {
    const r = await runCli(['spf', '--ip', '2001:db8::25', '--mail-from', 'alice@example.com', '--dns', server.address]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.ok(server.counts.udp > 0);
  } finally {
    await server.close();
  }
});

test('inkan spf: a DNS timeout is temperror, exit 3, within the configured bound', async () => {
  const server = await startDnsServer({ zone: readFileSync(zoneFile, 'utf8') });
  server.fault('*', { timeout: true });
  try {
    const started = Date.now();
    const r = await runCli(['spf', '--ip', '192.0.2.10', '--mail-from', 'alice@example.com', '--dns', server.address, '--timeout', '100', '--json']);
    const elapsed = Date.now() - started;
    assert.equal(r.code, 3);
    assert.equal((JSON.parse(r.stdout) as { result: string }).result, 'temperror');
    assert.ok(elapsed < 2000, `took ${elapsed} ms`);
  } finally {
    await server.close();
  }
});

test('inkan spf: SERVFAIL is temperror, exit 3', async () => {
  const server = await startDnsServer({ zone: readFileSync(zoneFile, 'utf8') });
  server.fault('example.com', { rcode: 'SERVFAIL' });
  try {
    const r = await runCli(['spf', '--ip', '192.0.2.10', '--mail-from', 'alice@example.com', '--dns', server.address, '--timeout', '200']);
    assert.equal(r.code, 3);
    assert.match(r.stdout, /temperror/);
  } finally {
    await server.close();
  }
});

const usageCases: Array<[string, string[], RegExp]> = [
  ['no --ip', ['spf', '--mail-from', 'a@example.com', ...zone], /--ip is required/],
  ['a bad address', ['spf', '--ip', '1.2.3', '--mail-from', 'a@example.com', ...zone], /not an IPv4 or IPv6 address/],
  ['an unknown option', ['spf', '--ip', '192.0.2.1', '--bogus'], /unknown option --bogus/],
  ['--zone with --dns', ['spf', '--ip', '192.0.2.1', '--mail-from', 'a@example.com', ...zone, '--dns', '127.0.0.1:5353'], /either --zone or --dns/],
  ['a bad --dns', ['spf', '--ip', '192.0.2.1', '--mail-from', 'a@example.com', '--dns', 'not a server:x'], /not a DNS server address/],
  ['a bad --identity', ['spf', '--ip', '192.0.2.1', '--mail-from', 'a@example.com', '--identity', 'from', ...zone], /mailfrom or helo/],
  ['an unknown command', ['spif'], /unknown command "spif"/],
  ['lint without a domain', ['spf', 'lint', ...zone], /name the domain/],
];
for (const [what, argv, message] of usageCases) {
  test(`inkan ${argv[0]}: ${what} is a usage error, exit 2`, async () => {
    const r = await runCli(argv);
    assert.equal(r.code, 2);
    assert.match(r.stderr, message);
    assert.match(r.stderr, /--help/);
  });
}

test('inkan spf --zone: a zone file syntax error names the line and column', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'inkan-'));
  const bad = join(dir, 'bad.zone');
  writeFileSync(bad, '$ORIGIN example.com.\n@ IN TXT "v=spf1 -all"\nmail IN A 192.0.2.300\n');
  const r = await runCli(['spf', '--ip', '192.0.2.1', '--mail-from', 'a@example.com', '--zone', bad]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /line 3, column \d+/);
});

test('inkan spf lint: the include tree with its real lookup count; errors exit 1', async () => {
  const r = await runCli(['spf', 'lint', 'example.org', ...zone]);
  assert.equal(r.code, 1);
  assert.match(r.stdout, /example\.org: 15\/10 DNS lookups/);
  assert.match(r.stdout, /include:spf2\.example\.org: 4 lookups/);
  assert.match(r.stdout, /\[error\]/);
  assert.match(r.stdout, /Fix:/);
  const json = JSON.parse((await runCli(['spf', 'lint', 'example.org', '--json', ...zone])).stdout) as { lookups: number; findings: Array<{ id: string }> };
  assert.equal(json.lookups, 15);
  assert.ok(json.findings.some((f) => f.id === 'spf.lookups.too-many'));
});

test('inkan spf lint: a clean record exits 0', async () => {
  const r = await runCli(['spf', 'lint', 'example.com', ...zone, '--lang', 'ja']);
  assert.equal(r.code, 0);
  assert.match(r.stdout, /問題は見つかりませんでした/);
});

test('inkan spf lint: DNS failing makes the audit incomplete, exit 3', async () => {
  const server = await startDnsServer({ zone: readFileSync(zoneFile, 'utf8') });
  server.fault('_spf.mailer.example.net', { timeout: true });
  try {
    const r = await runCli(['spf', 'lint', 'example.com', '--dns', server.address, '--timeout', '100']);
    assert.equal(r.code, 3, r.stdout);
  } finally {
    await server.close();
  }
});

test('inkan --help and inkan help spf teach, in both languages', async () => {
  const main = await runCli(['--help']);
  assert.equal(main.code, 0);
  assert.match(main.stdout, /spf lint/);
  const ja = await runCli(['help', 'spf', '--lang', 'ja']);
  assert.match(ja.stdout, /終了コード/);
  const spfHelp = await runCli(['spf', '--help']);
  assert.match(spfHelp.stdout, /Exit codes/);
});

test('the inkan binary runs as a process: exit code and output', () => {
  const main = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));
  const r = spawnSync(process.execPath, [main, 'spf', '--ip', '192.0.2.200', '--mail-from', 'ceo@example.com', ...zone], { encoding: 'utf8', env: { PATH: process.env['PATH'] ?? '', LANG: 'C' } });
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stdout, /SPF fail/);
  const version = spawnSync(process.execPath, [main, '--version'], { encoding: 'utf8' });
  assert.match(version.stdout.trim(), /^\d+\.\d+\.\d+$/);
});
