import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startDnsServer } from '../helpers/dns-server.js';
import { repoRoot } from '../helpers/paths.js';
import { runCli, type CliRun } from '../cli/run-cli.js';

const zoneFile = join(repoRoot(), 'test', 'dmarc', 'dmarc.zone');
const zone = ['--zone', zoneFile];

/** Run `inkan dmarc ...` in process through the real CLI entry. */
function dmarc(argv: string[], env: Record<string, string | undefined> = { LANG: 'C.UTF-8' }): Promise<CliRun> {
  return runCli(['dmarc', ...argv], env);
}

test('inkan dmarc: the record, the tree walk, where it was found and what each tag means; exit 0', async () => {
  const r = await dmarc(['www.example.com', ...zone]);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /DMARC record for www\.example\.com:\n {2}"v=DMARC1; p=reject; sp=quarantine; np=reject;/);
  assert.match(r.stdout, /_dmarc\.www\.example\.com: NXDOMAIN/);
  assert.match(r.stdout, /_dmarc\.example\.com: "v=DMARC1/);
  assert.match(r.stdout, /inherited from the Organizational Domain, _dmarc\.example\.com/);
  assert.match(r.stdout, /Organizational Domain of www\.example\.com: example\.com/);
  assert.match(r.stdout, /For mail from www\.example\.com the sp= policy applies: quarantine/);
  assert.match(r.stdout, /p=reject +policy for the domain: reject — mail that fails DMARC should be refused/);
  assert.match(r.stdout, /aspf=s +SPF alignment strict/);
  assert.match(r.stdout, /reports to thirdparty\.example\.net go outside example\.com/);
});

test('inkan dmarc: np= applies to a name that does not exist (RFC 9989 §4.10.1)', async () => {
  const r = await dmarc(['nothing.example.com', ...zone]);
  assert.equal(r.code, 0);
  assert.match(r.stdout, /the np= policy applies: reject/);
});

test('inkan dmarc: a deep name is walked in at most 8 queries (RFC 9989 §4.10)', async () => {
  const r = await dmarc(['a.b.c.d.e.f.g.h.i.j.mail.example.org', ...zone, '--json']);
  assert.equal(r.code, 0);
  const json = JSON.parse(r.stdout) as { verdict: string; discovery: { steps: Array<{ name: string }>; policy: { domain: string } }; queries: number };
  assert.equal(json.verdict, 'valid');
  assert.deepEqual(json.discovery.steps.map((s) => s.name).slice(0, 2), ['_dmarc.a.b.c.d.e.f.g.h.i.j.mail.example.org', '_dmarc.g.h.i.j.mail.example.org']);
  assert.equal(json.discovery.steps.length, 8);
  assert.equal(json.discovery.policy.domain, 'example.org');
});

test('inkan dmarc: p=none and no rua= are warned about', async () => {
  const r = await dmarc(['monitor.example', ...zone]);
  assert.equal(r.code, 0);
  assert.match(r.stdout, /p=none only monitors/);
  assert.match(r.stdout, /there is no rua=/);
});

test('inkan dmarc: tags removed by RFC 9989 and the obsolete size limit are reported', async () => {
  const r = await dmarc(['legacy.example', ...zone]);
  assert.equal(r.code, 0);
  for (const tag of ['pct', 'rf', 'ri']) assert.match(r.stdout, new RegExp(`${tag}= was removed by RFC 9989`));
  assert.match(r.stdout, /size limit !10m is obsolete/);
});

test('inkan dmarc: a record without p= at the Author Domain is p=none with a warning (RFC 9989 §4.7)', async () => {
  const r = await dmarc(['sub.legacy.example', ...zone]);
  assert.equal(r.code, 0);
  assert.match(r.stdout, /the p= policy applies: none/);
  assert.match(r.stdout, /there is no p= tag/);
  assert.match(r.stdout, /sp= is ignored here/);
});

test('inkan dmarc: an invalid p= without rua= is unusable, exit 1; with rua= it is read as p=none, exit 1', async () => {
  const broken = await dmarc(['broken.example', ...zone]);
  assert.equal(broken.code, 1);
  assert.match(broken.stdout, /receivers apply no DMARC processing/);
  const repaired = await dmarc(['repaired.example', ...zone]);
  assert.equal(repaired.code, 1);
  assert.match(repaired.stdout, /act as if it said p=none/);
});

test('inkan dmarc: two records are both discarded, so no policy applies: exit 1', async () => {
  const r = await dmarc(['two.example', ...zone]);
  assert.equal(r.code, 1);
  assert.match(r.stdout, /2 DMARC records at two\.example: all discarded/);
  assert.match(r.stdout, /No DMARC policy applies to two\.example/);
});

test('inkan dmarc: a PSD record (psd=y) applies below a public suffix', async () => {
  const r = await dmarc(['www.mega.bank.example', ...zone]);
  assert.equal(r.code, 0);
  assert.match(r.stdout, /inherited from the public suffix domain, _dmarc\.bank\.example \(psd=y\)/);
  assert.match(r.stdout, /Organizational Domain of www\.mega\.bank\.example: mega\.bank\.example \(it is one label below a record with psd=y\)/);
  const giant = await dmarc(['giant.bank.example', ...zone]);
  assert.match(giant.stdout, /t=y: testing mode/);
});

test('inkan dmarc --psl: the RFC 7489 method, with the PSL data version', async () => {
  const r = await dmarc(['www.example.com', '--psl', ...zone]);
  assert.equal(r.code, 0);
  assert.match(r.stdout, /Public Suffix List \(RFC 7489\), data from tldts \d+\.\d+\.\d+/);
  assert.match(r.stdout, /by the Public Suffix List/);
});

test('inkan dmarc --json is the same in every language', async () => {
  const en = await dmarc(['www.example.com', '--json', '--lang', 'en', ...zone]);
  const ja = await dmarc(['www.example.com', '--json', '--lang', 'ja', ...zone]);
  assert.equal(en.stdout, ja.stdout);
  const json = JSON.parse(en.stdout) as { verdict: string; applied: { tag: string }; warnings: Array<{ code: string }> };
  assert.equal(json.verdict, 'valid');
  assert.equal(json.applied.tag, 'sp');
  assert.ok(json.warnings.some((w) => w.code === 'external-rua'));
});

test('inkan dmarc --lang ja, and LANG=ja_JP.UTF-8, speak Japanese', async () => {
  const byOption = await dmarc(['www.example.com', '--lang', 'ja', ...zone]);
  const byEnv = await dmarc(['www.example.com', ...zone], { LANG: 'ja_JP.UTF-8' });
  assert.match(byOption.stdout, /DMARC に失敗したメールは受信を拒否されます/);
  assert.match(byOption.stdout, /組織ドメイン/);
  assert.equal(byEnv.stdout, byOption.stdout);
});

test('inkan dmarc: no policy exits 1', async () => {
  const r = await dmarc(['nodmarc.example', ...zone]);
  assert.equal(r.code, 1);
  assert.match(r.stdout, /No DMARC policy applies/);
});

test('inkan dmarc against a real DNS server on loopback (--dns)', async () => {
  const server = await startDnsServer({ zone: readFileSync(zoneFile, 'utf8') });
  try {
    const r = await dmarc(['www.example.com', '--dns', server.address]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.ok(server.counts.udp >= 3);
  } finally {
    await server.close();
  }
});

test('inkan dmarc: a DNS timeout is exit 3 within the configured bound', { timeout: 10_000 }, async () => {
  const server = await startDnsServer({ zone: readFileSync(zoneFile, 'utf8') });
  server.fault('_dmarc.example.com', { timeout: true });
  try {
    const r = await dmarc(['www.example.com', '--dns', server.address, '--timeout', '100']);
    assert.equal(r.code, 3, r.stdout);
    assert.match(r.stdout, /could not finish/);
  } finally {
    await server.close();
  }
});

test('inkan dmarc: SERVFAIL is exit 3', async () => {
  const server = await startDnsServer({ zone: readFileSync(zoneFile, 'utf8') });
  server.fault('_dmarc.www.example.com', { rcode: 'SERVFAIL' });
  try {
    const r = await dmarc(['www.example.com', '--dns', server.address, '--timeout', '200', '--json']);
    assert.equal(r.code, 3);
    assert.equal((JSON.parse(r.stdout) as { verdict: string }).verdict, 'temperror');
  } finally {
    await server.close();
  }
});

const usage: Array<[string, string[], RegExp]> = [
  ['no domain', [...zone], /name the domain to check/],
  ['two domains', ['a.example', 'b.example', ...zone], /a\.example|b\.example/],
  ['an unknown option', ['example.com', '--bogus'], /unknown option --bogus/],
  ['a bad --timeout', ['example.com', '--timeout', 'soon', ...zone], /timeout/],
];
for (const [what, argv, message] of usage) {
  test(`inkan dmarc: ${what} is a usage error, exit 2`, async () => {
    const r = await dmarc(argv);
    assert.equal(r.code, 2);
    assert.match(r.stderr, message);
    assert.match(r.stderr, /--help/);
  });
}

test('inkan dmarc --help teaches, in both languages', async () => {
  const en = await dmarc(['--help']);
  assert.equal(en.code, 0);
  assert.match(en.stdout, /Exit codes/);
  assert.match(en.stdout, /--psl/);
  const ja = await dmarc(['--help', '--lang', 'ja']);
  assert.match(ja.stdout, /終了コード/);
});

test('inkan dmarc: a name that is not a domain exits 1', async () => {
  const r = await dmarc(['not_a..domain', ...zone]);
  assert.equal(r.code, 1);
  assert.match(r.stdout, /is not a valid domain name/);
});
