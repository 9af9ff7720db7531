import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, type CliRun } from '../cli/run-cli.js';
import { startDnsServer } from '../helpers/dns-server.js';
import { respond, startHttpsServer, type TestServer } from '../helpers/https-server.js';
import { repoRoot } from '../helpers/paths.js';
import { createTestCa, type TestCa } from '../helpers/test-ca.js';

const zoneFile = join(repoRoot(), 'test', 'mtasts', 'mtasts.zone');
const zone = ['--zone', zoneFile];
const GOOD_POLICY = 'version: STSv1\nmode: enforce\nmx: mail.good.example\nmx: *.backup.good.example\nmax_age: 1209600\n';

let dir: string;
let ca: TestCa;
let caFile: string;
let server: TestServer;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'inkan-mtasts-'));
  writeFileSync(join(dir, 'good.txt'), GOOD_POLICY);
  writeFileSync(join(dir, 'uncovered.txt'), 'version: STSv1\nmode: enforce\nmx: mail.uncovered.example\nmax_age: 604800\n');
  writeFileSync(join(dir, 'big.txt'), 'x'.repeat(70_000));
  ca = createTestCa();
  caFile = join(dir, 'ca.pem');
  writeFileSync(caFile, ca.certPem);
  server = await startHttpsServer(ca.issue(['mta-sts.good.example', 'mta-sts.uncovered.example']), (req, res) => {
    if ((req.headers.host ?? '').startsWith('mta-sts.good.example')) respond(200, { 'content-type': 'text/plain' }, GOOD_POLICY)(req, res);
    else respond(302, { location: 'https://elsewhere.example/policy' })(req, res);
  });
});

after(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Output with the clock's traces (the expiry time, time-based policy ids) replaced: runs a few ms apart then compare equal. */
function timeless(text: string): string {
  return text.replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/g, 'TIME').replace(/id=\d{14}Z/g, 'id=ID');
}

function mtaSts(argv: string[], env: Record<string, string | undefined> = { LANG: 'C.UTF-8' }): Promise<CliRun> {
  return runCli(['mta-sts', ...argv], env);
}

test('inkan mta-sts over a loopback HTTPS server with a test CA: pass, exit 0', async () => {
  const r = await mtaSts(['good.example', ...zone, '--ca', caFile, '--port', String(server.port)]);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /^MTA-STS pass for good\.example/);
  assert.match(r.stdout, /"v=STSv1; id=20261130T0530Z1;"/);
  assert.match(r.stdout, /mode enforce: senders refuse to deliver/);
  assert.match(r.stdout, /max_age 1209600 seconds \(14 days\)/);
  assert.match(r.stdout, /10 mail\.good\.example +covered by mx: mail\.good\.example/);
  assert.match(r.stdout, /20 mx2\.backup\.good\.example +covered by mx: \*\.backup\.good\.example/);
  assert.match(r.stdout, /daily TLS reports go to mailto:tlsrpt@good\.example, https:\/\/reports\.good\.example\/tlsrpt/);
  assert.match(r.stdout, /No problems found\./);
});

test('inkan mta-sts: a refused redirect is exit 1 with the file to serve', async () => {
  const r = await mtaSts(['uncovered.example', ...zone, '--ca', caFile, '--port', String(server.port)]);
  assert.equal(r.code, 1, r.stdout + r.stderr);
  assert.match(r.stdout, /answered with a redirect \(HTTP 302 to https:\/\/elsewhere\.example\/policy\); senders must not follow redirects/);
  assert.match(r.stdout, /fix: serve this file at https:\/\/mta-sts\.uncovered\.example\/\.well-known\/mta-sts\.txt/);
});

test('inkan mta-sts: without --ca the test certificate is not trusted: a TLS error, exit 1', async () => {
  const r = await mtaSts(['good.example', ...zone, '--port', String(server.port), '--json']);
  assert.equal(r.code, 1);
  const json = JSON.parse(r.stdout) as { verdict: string; policy: { status: string; fetch: { status: string } } };
  assert.equal(json.verdict, 'fail');
  assert.equal(json.policy.status, 'fetch-failed');
  assert.equal(json.policy.fetch.status, 'tls');
});

test('inkan mta-sts offline: --zone and --policy FILE; an uncovered MX is an error with its fix; exit 1', async () => {
  const r = await mtaSts(['uncovered.example', ...zone, '--policy', join(dir, 'uncovered.txt'), '--explain']);
  assert.equal(r.code, 1, r.stdout + r.stderr);
  assert.match(r.stdout, /^MTA-STS fail for uncovered\.example/);
  assert.match(r.stdout, /read from .*uncovered\.txt/);
  assert.match(r.stdout, /\[error\] MX host backup\.provider\.example is not listed in the policy: in enforce mode senders will not deliver to it/);
  assert.match(r.stdout, / {8}mx: backup\.provider\.example\n/);
  assert.match(r.stdout, /\[warning\] there is no TLS-RPT record at _smtp\._tls\.uncovered\.example/);
  assert.match(r.stdout, /_smtp\._tls\.uncovered\.example\. 3600 IN TXT "v=TLSRPTv1; rua=mailto:tlsrpt@uncovered\.example"/);
  assert.match(r.stdout, /Steps:\n {2}1\. TXT _mta-sts\.uncovered\.example/);
  assert.match(r.stdout, /policy read from/);
});

test('inkan mta-sts in Japanese (--lang ja and LANG=ja_JP.UTF-8)', async () => {
  const argv = ['uncovered.example', ...zone, '--policy', join(dir, 'uncovered.txt')];
  const flag = await mtaSts([...argv, '--lang', 'ja']);
  assert.equal(flag.code, 1);
  assert.match(flag.stdout, /^MTA-STS fail（uncovered\.example）/);
  assert.match(flag.stdout, /\[エラー\] MX ホスト backup\.provider\.example がポリシーに記載されていません/);
  assert.match(flag.stdout, /修正: 次のファイルを/);
  const env = await mtaSts(argv, { LANG: 'ja_JP.UTF-8' });
  assert.equal(timeless(env.stdout), timeless(flag.stdout));
});

test('inkan mta-sts --json is the same in en and ja (only the clock differs between two runs)', async () => {
  const argv = ['badid.example', ...zone, '--policy', join(dir, 'good.txt'), '--json'];
  const en = await mtaSts(argv);
  const ja = await mtaSts([...argv, '--lang', 'ja']);
  assert.equal(en.code, 1);
  assert.equal(timeless(en.stdout), timeless(ja.stdout));
  assert.equal(en.stdoutBytes.length, ja.stdoutBytes.length);
  const json = JSON.parse(en.stdout) as { domain: string; verdict: string; findings: Array<{ id: string; params: { code?: string } }>; trace: unknown[] };
  assert.equal(json.domain, 'badid.example');
  assert.deepEqual(json.findings.map((f) => f.params.code ?? f.id), ['bad-id', 'mx-not-covered', 'mx-pattern-unused', 'mx-pattern-unused', 'bad-scheme']);
  assert.ok(json.trace.length >= 4);
});

test('inkan mta-sts: no record is exit 1; a null MX domain says so', async () => {
  const none = await mtaSts(['none.example', ...zone]);
  assert.equal(none.code, 1);
  assert.match(none.stdout, /MTA-STS none for none\.example/);
  assert.match(none.stdout, /_mta-sts\.none\.example\. 3600 IN TXT "v=STSv1; id=\d{14}Z"/);
  assert.match(none.stdout, /fix: give mta-sts\.none\.example an A or AAAA record and an HTTPS server/);
});

test('inkan mta-sts: a policy file over 64 KiB is too big', async () => {
  const r = await mtaSts(['good.example', ...zone, '--policy', join(dir, 'big.txt'), '--json']);
  assert.equal(r.code, 1);
  assert.deepEqual((JSON.parse(r.stdout) as { policy: unknown }).policy, {
    status: 'fetch-failed',
    url: 'https://mta-sts.good.example/.well-known/mta-sts.txt',
    fetch: { status: 'too-big', limit: 65536 },
  });
});

test('inkan mta-sts over a loopback DNS server (--dns); SERVFAIL is exit 3', async () => {
  const dns = await startDnsServer({ zone: readFileSync(zoneFile, 'utf8') });
  try {
    const ok = await mtaSts(['good.example', '--dns', dns.address, '--policy', join(dir, 'good.txt')]);
    assert.equal(ok.code, 0, ok.stdout + ok.stderr);
    assert.ok(dns.counts.udp >= 3);
    dns.fault('_smtp._tls.good.example', { rcode: 'SERVFAIL' });
    const failed = await mtaSts(['good.example', '--dns', dns.address, '--policy', join(dir, 'good.txt'), '--timeout', '500']);
    assert.equal(failed.code, 3, failed.stdout);
    assert.match(failed.stdout, /MTA-STS temperror for good\.example/);
  } finally {
    await dns.close();
  }
});

test('inkan mta-sts --help teaches the checks, options, examples and exit codes, in both languages', async () => {
  const en = await mtaSts(['--help']);
  assert.equal(en.code, 0);
  for (const text of ['_mta-sts.DOMAIN', '.well-known/mta-sts.txt', '--policy FILE', '--ca PEMFILE', 'Examples:', 'Exit codes:', '3  could not check']) assert.ok(en.stdout.includes(text), text);
  const ja = await mtaSts(['--help', '--lang', 'ja']);
  assert.match(ja.stdout, /終了コード:/);
});

const usage: Array<[string, string[], RegExp]> = [
  ['no domain', [], /give the domain to check/],
  ['not a domain', ['not a domain!'], /is not a domain name/],
  ['two domains', ['a.example', 'b.example'], /unexpected arguments: b\.example/],
  ['--policy with --ca', ['good.example', '--policy', 'x', '--ca', 'y'], /use one or the other/],
  ['a bad port', ['good.example', '--port', '99999'], /port/],
  ['a missing policy file', ['good.example', ...zone, '--policy', '/nonexistent/policy.txt'], /cannot read \/nonexistent\/policy\.txt: ENOENT/],
  ['an unknown option', ['good.example', '--frobnicate'], /--frobnicate/],
];

for (const [what, argv, message] of usage) {
  test(`inkan mta-sts: ${what} is a usage error, exit 2`, async () => {
    const r = await mtaSts(argv);
    assert.equal(r.code, 2, r.stdout + r.stderr);
    assert.match(r.stderr, message);
  });
}
