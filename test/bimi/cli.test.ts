import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, type CliRun } from '../cli/run-cli.js';
import { startDnsServer } from '../helpers/dns-server.js';
import { repoRoot } from '../helpers/paths.js';
import { routes, startHttpsServer, type TestServer } from '../helpers/https-server.js';
import { createTestCa } from '../helpers/test-ca.js';
import { markHierarchy } from './marks.js';

const dir = join(repoRoot(), 'test', 'bimi');
const zoneFile = join(dir, 'bimi.zone');
const logoFile = join(dir, 'fixtures', 'logo.svg');
const logo = readFileSync(logoFile);
const NOW = ['--now', '2026-06-01T00:00:00Z'];
const h = markHierarchy(logo, ['brand.example']);
let tmp: string;
let vmcFile: string;
let rootFile: string;

before(() => {
  tmp = mkdtempSync(join(tmpdir(), 'inkan-bimi-'));
  vmcFile = join(tmp, 'vmc.pem');
  rootFile = join(tmp, 'roots.pem');
  writeFileSync(vmcFile, h.chain);
  writeFileSync(rootFile, h.root.pem);
});
after(() => rmSync(tmp, { recursive: true, force: true }));

function bimi(argv: string[], env: Record<string, string | undefined> = { LANG: 'C.UTF-8' }): Promise<CliRun> {
  return runCli(['bimi', ...argv], env);
}
const offline = (): string[] => ['--zone', zoneFile, '--svg', logoFile, '--vmc', vmcFile, '--trust-store', rootFile, ...NOW];

test('inkan bimi (offline: --zone, --svg, --vmc): ready, exit 0', async () => {
  const r = await bimi(['brand.example', ...offline()]);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /^BIMI for brand\.example: ready/);
  assert.match(r.stdout, /default\._bimi\.brand\.example: "v=BIMI1; l=https:\/\/images\.brand\.example\/logo\.svg;/);
  assert.match(r.stdout, /met: DMARC record at brand\.example, p=reject applies/);
  assert.match(r.stdout, /logo\.svg: \d+ bytes, sha256 [0-9a-f]{16} — conforms/);
  assert.match(r.stdout, /title: Brand Example/);
  assert.match(r.stdout, /vmc\.pem: Verified Mark Certificate \(VMC\) — conforms/);
  assert.match(r.stdout, /embedded logo: sha256 [0-9a-f]{16} \(same as the published SVG\)/);
  assert.doesNotMatch(r.stdout, /Problems/);
});

test('inkan bimi --lang ja: the same report in Japanese', async () => {
  const r = await bimi(['brand.example', ...offline(), '--lang', 'ja']);
  assert.equal(r.code, 0);
  assert.match(r.stdout, /^brand\.example の BIMI: 準備完了/);
  assert.match(r.stdout, /認証マーク証明書（VMC） — 適合/);
  assert.match(r.stdout, /（公開されている SVG と同じ）/);
});

test('inkan bimi --json: language-neutral (same bytes in en and ja), no logo octets', async () => {
  const en = await bimi(['brand.example', ...offline(), '--json']);
  const ja = await bimi(['brand.example', ...offline(), '--json', '--lang', 'ja']);
  assert.equal(en.code, 0);
  assert.deepEqual(en.stdoutBytes, ja.stdoutBytes);
  const json = JSON.parse(en.stdout) as { verdict: string; discovery: { name: string }; dmarc: { status: string }; svg: { ok: boolean }; certificate: { ok: boolean; kind: string; logo: Record<string, unknown> }; problems: unknown[] };
  assert.equal(json.verdict, 'ready');
  assert.equal(json.discovery.name, 'default._bimi.brand.example');
  assert.equal(json.dmarc.status, 'met');
  assert.equal(json.svg.ok, true);
  assert.equal(json.certificate.kind, 'vmc');
  assert.equal(json.certificate.logo['svg'], undefined);
  assert.equal(json.certificate.logo['matchesPublished'], true);
  assert.deepEqual(json.problems, []);
});

test('inkan bimi: problems with their fixes, exit 1 (p=none, a non-square logo, no certificate)', async () => {
  const r = await bimi(['monitor.example', '--zone', zoneFile, '--svg', join(dir, 'fixtures', 'not-square.svg'), ...NOW]);
  assert.equal(r.code, 1, r.stdout + r.stderr);
  assert.match(r.stdout, /not ready/);
  assert.match(r.stdout, /\[error\] the DMARC policy of monitor\.example is p=none: BIMI needs p=quarantine or p=reject/);
  assert.match(r.stdout, /fix: move the DMARC policy to p=quarantine or p=reject/);
  assert.match(r.stdout, /\[error\] the logo is not square \(640×480\) \[SVG line 1, column \d+\]/);
  assert.match(r.stdout, /fix: make the viewBox square/);
  assert.match(r.stdout, /\[warning\] there is no a= certificate/);
  const ja = await bimi(['monitor.example', '--zone', zoneFile, '--svg', join(dir, 'fixtures', 'not-square.svg'), ...NOW, '--lang', 'ja']);
  assert.match(ja.stdout, /\[エラー\] ロゴが正方形ではありません（640×480） \[SVG 1 行 \d+ 桁\]/);
  assert.match(ja.stdout, /対処: viewBox を正方形にし/);
});

test('inkan bimi: a hostile SVG and a wrong certificate are reported by name', async () => {
  const other = markHierarchy(logo, ['other.example']);
  const wrong = join(tmp, 'wrong.pem');
  writeFileSync(wrong, other.chain);
  const r = await bimi(['brand.example', '--zone', zoneFile, '--svg', join(dir, 'fixtures', 'billion-laughs.svg'), '--vmc', wrong, '--trust-store', rootFile, ...NOW, '--json']);
  assert.equal(r.code, 1);
  const json = JSON.parse(r.stdout) as { problems: Array<{ area: string; code: string }> };
  const got = json.problems.map((p) => `${p.area}.${p.code}`);
  for (const want of ['svg.entity-declaration', 'svg.undefined-entity', 'cert.untrusted-root', 'cert.san-mismatch', 'cert.logotype-svg-mismatch']) assert.ok(got.includes(want), `${want} in ${got.join(' ')}`);
});

test('inkan bimi: no record, a declining record: exit 1', async () => {
  const none = await bimi(['nobimi.example', '--zone', zoneFile]);
  assert.equal(none.code, 1);
  assert.match(none.stdout, /no BIMI record/);
  assert.match(none.stdout, /fix: publish a TXT record at default\._bimi/);
  const declined = await bimi(['declined.example', '--zone', zoneFile]);
  assert.equal(declined.code, 1);
  assert.match(declined.stdout, /declines to show a logo/);
});

test('inkan bimi: a DNS failure is exit 3 (loopback DNS server answering SERVFAIL)', async () => {
  const server = await startDnsServer({ zone: readFileSync(zoneFile, 'utf8') });
  try {
    server.fault('default._bimi.brand.example', { rcode: 'SERVFAIL' });
    const r = await bimi(['brand.example', '--dns', server.address, '--svg', logoFile, ...NOW]);
    assert.equal(r.code, 3, r.stdout + r.stderr);
    assert.match(r.stdout, /could not be checked/);
    const ok = await bimi(['brand.example', '--dns', server.address, ...offline().slice(2)]);
    assert.equal(ok.code, 3, 'the record is still unreachable');
    server.clearFaults();
    const fine = await bimi(['brand.example', '--dns', server.address, ...offline().slice(2)]);
    assert.equal(fine.code, 0, fine.stdout);
  } finally {
    await server.close();
  }
});

test('inkan bimi: usage errors exit 2; --help teaches', async () => {
  assert.equal((await bimi([])).code, 2);
  const badNow = await bimi(['brand.example', '--zone', zoneFile, '--now', 'yesterday']);
  assert.equal(badNow.code, 2);
  assert.match(badNow.stderr, /--now yesterday is not an ISO 8601 date-time/);
  const missing = await bimi(['brand.example', '--zone', zoneFile, '--svg', join(tmp, 'nope.svg')]);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /cannot read .*nope\.svg: ENOENT/);
  assert.equal((await bimi(['brand.example', '--bogus'])).code, 2);
  const help = await bimi(['--help']);
  assert.equal(help.code, 0);
  for (const s of ['--trust-store FILE', '--vmc FILE', 'Exit codes', 'inkan bimi example.com']) assert.ok(help.stdout.includes(s), s);
  const ja = await bimi(['--help', '--lang', 'ja']);
  assert.match(ja.stdout, /終了コード/);
});

test('inkan bimi against a loopback HTTPS server: l= and a= fetched with --ca, --explain shows the fetches', async () => {
  let server: TestServer | undefined;
  try {
    const ca = createTestCa();
    server = await startHttpsServer(
      ca.issue(['images.brand.example']),
      routes({
        '/logo.svg': { body: logo, headers: { 'content-type': 'image/svg+xml' } },
        '/vmc.pem': { body: h.chain },
      }),
    );
    const base = `https://images.brand.example:${server.port}`;
    const zone = join(tmp, 'live.zone');
    writeFileSync(
      zone,
      [
        '$ORIGIN brand.example.',
        '@ 3600 IN SOA ns1.brand.example. h.brand.example. ( 1 7200 3600 1209600 300 )',
        '_dmarc 3600 IN TXT "v=DMARC1; p=quarantine"',
        `default._bimi 3600 IN TXT "v=BIMI1; l=${base}/logo.svg; a=${base}/vmc.pem"`,
        'images 3600 IN A 127.0.0.1',
        '',
      ].join('\n'),
    );
    const caFile = join(tmp, 'tls-ca.pem');
    writeFileSync(caFile, ca.certPem);
    const r = await bimi(['brand.example', '--zone', zone, '--ca', caFile, '--trust-store', rootFile, ...NOW, '--explain']);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, new RegExp(`fetched l= ${base.replace(/[.]/g, '\\.')}/logo\\.svg: HTTP 200 image/svg\\+xml \\d+ B`));
    assert.match(r.stdout, /fetched a= .*vmc\.pem: HTTP 200/);
    assert.deepEqual(server.requests, ['GET /logo.svg', 'GET /vmc.pem']);
    const noCa = await bimi(['brand.example', '--zone', zone, '--trust-store', rootFile, ...NOW]);
    assert.equal(noCa.code, 3);
    assert.match(noCa.stdout, /HTTPS certificate of .* is not valid/);
  } finally {
    await server?.close();
  }
});
