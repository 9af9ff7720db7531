import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SystemResolver } from '../../src/dns/system.js';
import { MemoryResolver } from '../../src/dns/memory.js';
import { checkMtaSts, explainMtaSts, httpsPolicyFetcher, parseStsPolicy, type MtaStsCheck, type PolicyFetcher } from '../../src/mtasts/index.js';
import { startDnsServer, type TestDnsServer } from '../helpers/dns-server.js';
import { respond, startHttpsServer, type TestServer } from '../helpers/https-server.js';
import { createTestCa, type TestCa } from '../helpers/test-ca.js';
import { repoRoot } from '../helpers/paths.js';

const zoneText = readFileSync(join(repoRoot(), 'test', 'mtasts', 'mtasts.zone'), 'utf8');
const now = new Date('2026-11-30T06:00:00Z');

const POLICIES: Record<string, string> = {
  'mta-sts.good.example': 'version: STSv1\r\nmode: enforce\r\nmx: mail.good.example\r\nmx: *.backup.good.example\r\nmax_age: 1209600\r\n',
  'mta-sts.uncovered.example': 'version: STSv1\nmode: enforce\nmx: mail.uncovered.example\nmx: old.uncovered.example\nmax_age: 604800\n',
  'mta-sts.badid.example': 'version: STSv1\nmode: testing\nmx: mail.badid.example\nmax_age: 3600\n',
};

let ca: TestCa;
let dns: TestDnsServer;
let https: TestServer;
let resolver: SystemResolver;
let fetch: PolicyFetcher;

before(async () => {
  ca = createTestCa();
  dns = await startDnsServer({ zone: zoneText });
  https = await startHttpsServer(ca.issue(Object.keys(POLICIES)), (req, res) => {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '');
    const body = POLICIES[host];
    if (body === undefined) return respond(404, { 'content-type': 'text/plain' }, 'no')(req, res);
    respond(200, { 'content-type': 'text/plain' }, body)(req, res);
  });
  resolver = new SystemResolver({ servers: [{ host: dns.host, port: dns.port }], timeout: 2000 });
  fetch = httpsPolicyFetcher({ resolver, ca: ca.certPem, port: https.port, timeout: 5000 });
});

after(async () => {
  await https.close();
  await dns.close();
});

function ids(check: MtaStsCheck): string[] {
  return check.findings.map((f) => `${f.severity}:${f.id}${f.params['code'] ? `:${f.params['code']}` : ''}`);
}

test('RFC 8461: a complete setup over loopback DNS and HTTPS passes; every MX host is covered', async () => {
  const check = await checkMtaSts('good.example', { resolver, fetch, now });
  assert.equal(check.verdict, 'pass', JSON.stringify(check.findings));
  assert.equal(check.record.status, 'found');
  assert.ok(check.policy.status === 'fetched');
  assert.equal(check.policy.policy.mode, 'enforce');
  assert.deepEqual(check.mx, {
    status: 'checked',
    implicit: false,
    hosts: [
      { exchange: 'mail.good.example', preference: 10, matchedBy: 'mail.good.example' },
      { exchange: 'mx2.backup.good.example', preference: 20, matchedBy: '*.backup.good.example' },
    ],
    unusedPatterns: [],
  });
  assert.ok(check.tlsRpt.status === 'found');
  assert.deepEqual(check.tlsRpt.record.rua.map((u) => u.scheme), ['mailto', 'https']);
  assert.deepEqual(check.findings, []);
  assert.equal(check.policyExpires, '2026-12-14T06:00:00.000Z');
  assert.deepEqual(
    check.trace.map((s) => (s.kind === 'lookup' ? `${s.type} ${s.name} ${s.answer.status}` : s.kind === 'fetch' ? `fetch ${s.httpStatus}` : `match ${s.exchange} ${s.pattern}`)),
    [
      'TXT _mta-sts.good.example records',
      'fetch 200',
      'MX good.example records',
      'match mail.good.example mail.good.example',
      'match mx2.backup.good.example *.backup.good.example',
      'TXT _smtp._tls.good.example records',
    ],
  );
});

test('RFC 8461 §4.1: an MX host missing from an enforce policy is an error, with the policy to publish and a new id', async () => {
  const check = await checkMtaSts('uncovered.example', { resolver, fetch, now });
  assert.equal(check.verdict, 'fail');
  assert.deepEqual(ids(check), ['error:mx-not-covered', 'info:mx-pattern-unused', 'warning:no-tlsrpt']);
  const [notCovered] = check.findings;
  assert.deepEqual(notCovered!.params, { exchange: 'backup.provider.example', mode: 'enforce' });
  const policyFix = notCovered!.fixes.find((f) => f.kind === 'policy-file');
  assert.ok(policyFix && policyFix.kind === 'policy-file');
  assert.equal(policyFix.url, 'https://mta-sts.uncovered.example/.well-known/mta-sts.txt');
  assert.equal(policyFix.body, 'version: STSv1\nmode: enforce\nmx: mail.uncovered.example\nmx: old.uncovered.example\nmx: backup.provider.example\nmax_age: 604800\n');
  assert.equal(parseStsPolicy(policyFix.body).valid, true);
  assert.deepEqual(notCovered!.fixes.find((f) => f.kind === 'publish-txt'), { kind: 'publish-txt', name: '_mta-sts.uncovered.example', value: 'v=STSv1; id=20261130060000Z' });
  assert.deepEqual(check.findings[2]!.fixes, [{ kind: 'publish-txt', name: '_smtp._tls.uncovered.example', value: 'v=TLSRPTv1; rua=mailto:tlsrpt@uncovered.example' }]);
});

test('RFC 8461 §3.1: no record is verdict none, with the record, the server and a policy naming the real MX hosts as fixes', async () => {
  const check = await checkMtaSts('none.example', { resolver, fetch, now });
  assert.equal(check.verdict, 'none');
  assert.equal(check.policy.status, 'not-fetched');
  assert.deepEqual(ids(check), ['warning:no-record', 'warning:no-tlsrpt']);
  assert.deepEqual(check.findings[0]!.fixes, [
    { kind: 'publish-txt', name: '_mta-sts.none.example', value: 'v=STSv1; id=20261130060000Z' },
    { kind: 'https-server', host: 'mta-sts.none.example' },
    { kind: 'policy-file', url: 'https://mta-sts.none.example/.well-known/mta-sts.txt', body: 'version: STSv1\nmode: testing\nmx: mail.none.example\nmax_age: 604800\n' },
  ]);
});

test('RFC 8461 §3.1 and RFC 8460 §3: two records of each kind are errors, with the records to delete', async () => {
  const check = await checkMtaSts('two.example', { resolver, fetch, now });
  assert.equal(check.verdict, 'fail');
  assert.equal(check.record.status, 'multiple');
  assert.ok(ids(check).includes('error:multiple-records'));
  assert.ok(ids(check).includes('error:multiple-tlsrpt'));
  const deletes = check.findings[0]!.fixes.filter((f) => f.kind === 'delete-txt');
  assert.equal(deletes.length, 2);
});

test('an invalid id, a short max_age, testing mode and an http: report URI are each reported', async () => {
  const check = await checkMtaSts('badid.example', { resolver, fetch, now });
  assert.equal(check.verdict, 'fail');
  assert.deepEqual(ids(check), ['error:record-problem:bad-id', 'warning:policy-problem:max-age-short', 'info:mode-testing', 'error:tlsrpt-problem:bad-scheme']);
  assert.deepEqual(check.findings[0]!.fixes, [{ kind: 'publish-txt', name: '_mta-sts.badid.example', value: 'v=STSv1; id=20261130060000Z' }]);
  assert.deepEqual(check.findings[3]!.fixes, [{ kind: 'publish-txt', name: '_smtp._tls.badid.example', value: 'v=TLSRPTv1; rua=mailto:tlsrpt@badid.example' }]);
});

test('no address for mta-sts.DOMAIN is a named policy-dns error', async () => {
  const check = await checkMtaSts('nohost.example', { resolver, fetch, now });
  assert.equal(check.verdict, 'fail');
  assert.ok(check.policy.status === 'fetch-failed');
  assert.deepEqual(check.policy.fetch, { status: 'dns', host: 'mta-sts.nohost.example', answer: 'nxdomain' });
  assert.deepEqual(ids(check), ['error:policy-dns']);
});

test('a null MX is noted; SERVFAIL on the record is temperror', async () => {
  const nullMx = await checkMtaSts('nullmx.example', { resolver, fetch, now });
  assert.equal(nullMx.mx.status, 'null-mx');
  assert.ok(ids(nullMx).includes('info:null-mx'));
  dns.fault('_mta-sts.good.example', { rcode: 'SERVFAIL' });
  try {
    const failed = await checkMtaSts('good.example', { resolver: new SystemResolver({ servers: [{ host: dns.host, port: dns.port }], timeout: 2000 }), fetch, now });
    assert.equal(failed.verdict, 'temperror');
    assert.deepEqual(failed.record, { status: 'temperror', name: '_mta-sts.good.example', dns: 'error', rcode: 'SERVFAIL' });
  } finally {
    dns.fault('_mta-sts.good.example', {});
  }
});

test('no MX records: the domain itself is the implicit MX the policy must cover (RFC 5321 §5.1)', async () => {
  const r = new MemoryResolver().add('_mta-sts.implicit.example', 'TXT', ['v=STSv1; id=1']).add('implicit.example', 'A', '192.0.2.1');
  const fixed: PolicyFetcher = async () => ({ status: 'response', httpStatus: 200, contentType: 'text/plain', body: Buffer.from('version: STSv1\nmode: enforce\nmx: implicit.example\nmax_age: 86400\n') });
  const check = await checkMtaSts('implicit.example', { resolver: r, fetch: fixed, now });
  assert.deepEqual(check.mx, { status: 'checked', implicit: true, hosts: [{ exchange: 'implicit.example', preference: 0, matchedBy: 'implicit.example' }], unusedPatterns: [] });
  assert.equal(check.verdict, 'pass');
});

test('--explain text: verdict, sections, problems with fixes as zone lines, and numbered steps, in en and ja', async () => {
  const check = await checkMtaSts('uncovered.example', { resolver, fetch, now });
  const en = explainMtaSts(check, 'en', { trace: true }).join('\n');
  assert.match(en, /^MTA-STS fail for uncovered\.example/);
  assert.match(en, /50 backup\.provider\.example +NOT covered/);
  assert.match(en, /\[error\] MX host backup\.provider\.example is not listed in the policy/);
  assert.match(en, /_mta-sts\.uncovered\.example\. 3600 IN TXT "v=STSv1; id=20261130060000Z"/);
  assert.match(en, / {8}mx: backup\.provider\.example/);
  assert.match(en, /Steps:\n {2}1\. TXT _mta-sts\.uncovered\.example: 1 record/);
  assert.match(en, /2\. GET https:\/\/mta-sts\.uncovered\.example\/\.well-known\/mta-sts\.txt: HTTP 200/);
  const ja = explainMtaSts(check, 'ja', { trace: true }).join('\n');
  assert.match(ja, /MX ホスト backup\.provider\.example がポリシーに記載されていません/);
  assert.match(ja, /手順:/);
});
