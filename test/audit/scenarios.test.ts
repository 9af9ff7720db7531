import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createTestCa } from '../helpers/test-ca.js';
import { respond, startHttpsServer } from '../helpers/https-server.js';
import { startDnsServer } from '../helpers/dns-server.js';
import { auditDomain, renderAuditText } from '../../src/audit/index.js';
import { httpsPolicyFetcher } from '../../src/mtasts/https.js';
import { assertRenders, auditWith, dkimTxt, fixOf, get, googleZone, idsOf, resolverFor, zone } from './helpers.js';

/** The scenarios issue 5 asks for, as each test covers them (revoked key and t=y share one test). */
const REQUIRED = 16;
const covered = new Set<string>();

const DMARC_OK = '_dmarc IN TXT "v=DMARC1; p=reject; rua=mailto:dmarc@example.com"';
const GOOGLE_MX = '@ IN MX 1 aspmx.l.google.com.\n@ IN MX 5 alt1.aspmx.l.google.com.';


test('a good Google Workspace setup: no errors or warnings, each check ok, Google recognized', async () => {
  covered.add('good Google Workspace');
  const audit = await auditWith(googleZone(), 'example.com');
  assert.deepEqual(idsOf(audit, 'error', 'warning'), []);
  assert.deepEqual(idsOf(audit, 'ok'), ['mx.ok', 'spf.record', 'dkim.key.ok', 'dmarc.ok', 'ptr.ok', 'ptr.ok']);
  assert.deepEqual(idsOf(audit, 'info'), ['spf.services', 'bimi.none', 'mta-sts.no-record', 'tls-rpt.no-tlsrpt', 'dnssec.not-validated']);
  assert.equal(get(audit, 'spf.services').params['services'], 'Google Workspace (include:_spf.google.com)');
  assert.equal(get(audit, 'spf.record').params['lookups'], 4);
  assert.equal(get(audit, 'spf.record').params['branches'], 'include:_spf.google.com 4');
  assert.deepEqual(get(audit, 'dkim.key.ok').params, { domain: 'example.com', selector: 'google', name: 'google._domainkey.example.com', keyType: 'rsa', bits: 2048 });
  assert.equal(audit.summary.errors, 0);
  assert.equal(audit.summary.unchecked, 0);
  const gmailAll = audit.readiness.verdicts.find((v) => v.provider === 'gmail' && v.tier === 'all')!;
  assert.deepEqual(gmailAll, { provider: 'gmail', tier: 'all', verdict: 'incomplete', failed: [], pending: ['ptr-fcrdns', 'tls', 'rfc5322'] });
  assert.equal(audit.readiness.items.find((i) => i.id === 'spf-and-dkim')!.status, 'pass');
});

test('a good Amazon SES setup with custom MAIL FROM: DKIM CNAMEs to SES, SPF of the MAIL FROM subdomain, external rua authorized', async () => {
  covered.add('good Amazon SES with custom MAIL FROM');
  const records = `
@ IN MX 10 inbound-smtp.us-east-1.amazonaws.com.
@ IN TXT "v=spf1 include:amazonses.com -all"
abc123._domainkey IN CNAME abc123.dkim.amazonses.com.
def456._domainkey IN CNAME def456.dkim.amazonses.com.
abc123.dkim.amazonses.com. IN TXT ${dkimTxt(2048)}
def456.dkim.amazonses.com. IN TXT ${dkimTxt(2048)}
bounce IN MX 10 feedback-smtp.us-east-1.amazonses.com.
bounce IN TXT "v=spf1 include:amazonses.com -all"
_dmarc IN TXT "v=DMARC1; p=quarantine; rua=mailto:agg@reports.example.net"`;
  const audit = await auditWith(zone('example.com', records), 'example.com', { selectors: ['abc123', 'def456'], mailFrom: ['bounce.example.com'] });
  assert.deepEqual(idsOf(audit, 'error', 'warning'), []);
  assert.deepEqual(idsOf(audit, 'ok'), ['mx.ok', 'spf.record', 'spf.record', 'spf.mail-from.aligned', 'dkim.key.ok', 'dkim.key.ok', 'dmarc.ok', 'dmarc.rua.authorized', 'ptr.ok']);
  assert.deepEqual(
    audit.findings.filter((f) => f.id === 'dkim.service').map((f) => [f.params['selector'], f.params['service']]),
    [['abc123', 'Amazon SES'], ['def456', 'Amazon SES']],
  );
  assert.deepEqual(audit.findings.filter((f) => f.id === 'spf.services').map((f) => f.params['services']), ['Amazon SES (include:amazonses.com)', 'Amazon SES (include:amazonses.com)']);
  assert.equal(get(audit, 'dmarc.rua.authorized').params['name'], 'example.com._report._dmarc.reports.example.net');
});

test('the school case: an IP address in MX, no DKIM, no DMARC — each an error with the zone lines that fix it', async () => {
  covered.add('school case');
  const records = `@ IN MX 10 192.0.2.25.\n@ IN TXT "v=spf1 ip4:192.0.2.25 -all"\n@ IN A 192.0.2.80`;
  const audit = await auditWith(zone('example.com', records), 'example.com');
  assert.deepEqual(idsOf(audit, 'error'), ['mx.ip-address', 'dkim.none', 'dmarc.none']);
  assert.deepEqual(idsOf(audit, 'warning'), []);
  assert.deepEqual(fixOf(audit, 'mx.ip-address'), [
    '- example.com. 3600 IN MX 10 192.0.2.25.',
    '+ mail.example.com. 3600 IN A 192.0.2.25',
    '+ example.com. 3600 IN MX 10 mail.example.com.',
  ]);
  assert.deepEqual(fixOf(audit, 'dmarc.none'), ['+ _dmarc.example.com. 3600 IN TXT "v=DMARC1; p=none; rua=mailto:dmarc-reports@example.com"']);
  assert.equal(get(audit, 'dkim.none').params['probed'] as number > 20, true);
  const bulk = audit.readiness.verdicts.find((v) => v.provider === 'gmail' && v.tier === 'bulk')!;
  assert.deepEqual(bulk.failed, ['spf-and-dkim', 'dmarc-policy']);
});

test('an IP address written relative in a zone file (MX 10 192.0.2.25 without the dot) is recognized too', async () => {
  const audit = await auditWith(zone('example.com', `@ IN MX 10 192.0.2.25\n@ IN TXT "v=spf1 -all"\n${DMARC_OK}`), 'example.com');
  assert.equal(get(audit, 'mx.ip-address').params['ip'], '192.0.2.25');
  assert.equal(get(audit, 'mx.ip-address').params['exchange'], '192.0.2.25.example.com');
});

test('SPF with 14 lookups: spf.lookups.too-many, with every branch counted and a record that fits', async () => {
  covered.add('SPF with 14 lookups');
  const subs = ['s1', 's2', 's3', 's4', 's5', 's6', 's7'];
  const records = [
    GOOGLE_MX,
    '@ IN A 192.0.2.80',
    `@ IN TXT "v=spf1 include:_spf.google.com include:amazonses.com ${subs.map((s) => `include:${s}.example.com`).join(' ')} mx a ~all"`,
    ...subs.map((s, i) => `${s} IN TXT "v=spf1 ip4:198.51.100.${i} -all"`),
    `google._domainkey IN TXT ${dkimTxt(2048)}`,
    DMARC_OK,
  ].join('\n');
  const audit = await auditWith(zone('example.com', records), 'example.com');
  assert.deepEqual(idsOf(audit, 'error'), ['spf.lookups.too-many']);
  const f = get(audit, 'spf.lookups.too-many');
  assert.equal(f.params['count'], 14);
  assert.equal(f.params['branches'], ['example.com 2', 'include:_spf.google.com 4', 'include:amazonses.com 1', ...subs.map((s) => `include:${s}.example.com 1`)].join(', '));
  assert.equal(f.message, 'lint.spf.lookups.too-many');
  assert.equal(get(audit, 'spf.record').severity, 'info');
  assert.equal(get(audit, 'spf.services').params['services'], 'Google Workspace (include:_spf.google.com), Amazon SES (include:amazonses.com)');
  // The domain's own ip4-only includes are inlined and mx/a replaced by their addresses; third-party includes stay.
  const fix = fixOf(audit, 'spf.lookups.too-many');
  assert.equal(fix.length, 2);
  assert.equal(fix[1], `+ example.com. 3600 IN TXT "v=spf1 include:_spf.google.com include:amazonses.com ${subs.map((_, i) => `ip4:198.51.100.${i}`).join(' ')} ip4:192.0.2.26 ip4:192.0.2.27 ip4:192.0.2.80 ~all"`);
});

test('SPF with void lookups: each one warned, the third is a permerror', async () => {
  covered.add('SPF with void lookups');
  const records = `${GOOGLE_MX}\n@ IN TXT "v=spf1 a:gone1.example.com a:gone2.example.com a:gone3.example.com -all"\ngoogle._domainkey IN TXT ${dkimTxt(2048)}\n${DMARC_OK}`;
  const audit = await auditWith(zone('example.com', records), 'example.com');
  assert.deepEqual(idsOf(audit, 'error'), ['spf.void.too-many']);
  assert.deepEqual(idsOf(audit, 'warning'), ['spf.void.lookup', 'spf.void.lookup', 'spf.void.lookup']);
  assert.equal(get(audit, 'spf.void.too-many').params['count'], 3);
  assert.equal(get(audit, 'spf.record').params['voidLookups'], 3);
});

test('two SPF records: spf.record.multiple (receivers return permerror)', async () => {
  covered.add('two SPF records');
  const records = `${GOOGLE_MX}\n@ IN TXT "v=spf1 include:_spf.google.com ~all"\n@ IN TXT "v=spf1 ip4:192.0.2.1 -all"\ngoogle._domainkey IN TXT ${dkimTxt(2048)}\n${DMARC_OK}`;
  const audit = await auditWith(zone('example.com', records), 'example.com');
  assert.deepEqual(idsOf(audit, 'error'), ['spf.record.multiple']);
  assert.equal(get(audit, 'spf.record.multiple').params['count'], 2);
  assert.equal(audit.readiness.items.find((i) => i.id === 'spf-and-dkim')!.status, 'fail');
});

test('two DMARC records: dmarc.multiple, with the extra record to remove', async () => {
  covered.add('two DMARC records');
  const dmarc = `${DMARC_OK}\n_dmarc IN TXT "v=DMARC1; p=none"`;
  const audit = await auditWith(googleZone('', dmarc), 'example.com');
  assert.deepEqual(idsOf(audit, 'error'), ['dmarc.multiple']);
  assert.deepEqual(fixOf(audit, 'dmarc.multiple'), ['- _dmarc.example.com. 3600 IN TXT "v=DMARC1; p=none"']);
  assert.equal(audit.readiness.items.find((i) => i.id === 'dmarc-policy')!.status, 'fail');
});

test('DMARC at the wrong name (the zone-file "_dmarc.example.com" without a final dot): moved to _dmarc.example.com', async () => {
  covered.add('DMARC at the wrong name');
  const audit = await auditWith(googleZone('', '_dmarc.example.com IN TXT "v=DMARC1; p=reject"'), 'example.com');
  assert.deepEqual(idsOf(audit, 'error'), ['dmarc.wrong-name']);
  assert.deepEqual(get(audit, 'dmarc.wrong-name').params, { found: '_dmarc.example.com.example.com', expected: '_dmarc.example.com' });
  assert.deepEqual(fixOf(audit, 'dmarc.wrong-name'), [
    '- _dmarc.example.com.example.com. 3600 IN TXT "v=DMARC1; p=reject"',
    '+ _dmarc.example.com. 3600 IN TXT "v=DMARC1; p=reject"',
  ]);
});

test('an SPF record at _dmarc and a DMARC record with a bad version are named as such', async () => {
  const audit = await auditWith(googleZone('', '_dmarc IN TXT "v=spf1 -all"\n_dmarc IN TXT "v=dmarc1; p=reject"'), 'example.com');
  assert.deepEqual(idsOf(audit, 'error'), ['dmarc.spf-at-dmarc', 'dmarc.not-record', 'dmarc.none']);
  assert.equal(get(audit, 'dmarc.not-record').params['code'], 'bad-version');
  assert.equal(get(audit, 'dmarc.not-record').params['column'], 3);
  assert.deepEqual(fixOf(audit, 'dmarc.not-record'), ['- _dmarc.example.com. 3600 IN TXT "v=dmarc1; p=reject"', '+ _dmarc.example.com. 3600 IN TXT "v=DMARC1; p=reject"']);
});

test('an unauthorized external rua: dmarc.rua.unauthorized with the authorization record the destination must publish', async () => {
  covered.add('unauthorized external rua');
  const dmarc = '_dmarc IN TXT "v=DMARC1; p=reject; rua=mailto:agg@reports.example.net,mailto:x@thirdparty.example.org"';
  const audit = await auditWith(googleZone('', dmarc), 'example.com');
  assert.deepEqual(idsOf(audit, 'error'), ['dmarc.rua.unauthorized']);
  assert.deepEqual(idsOf(audit, 'ok').filter((id) => id.startsWith('dmarc')), ['dmarc.rua.authorized']);
  assert.deepEqual(fixOf(audit, 'dmarc.rua.unauthorized'), ['+ example.com._report._dmarc.thirdparty.example.org. 3600 IN TXT "v=DMARC1"']);
});

test('p=none, removed tags and no rua: warnings, each fixed by a rewritten record', async () => {
  const audit = await auditWith(googleZone('', '_dmarc IN TXT "v=DMARC1; p=none; pct=50"'), 'example.com');
  assert.deepEqual(idsOf(audit, 'warning'), ['dmarc.record.removed-tag', 'dmarc.p-none', 'dmarc.no-rua']);
  assert.equal(get(audit, 'dmarc.record.removed-tag').message, 'dmarc.problem.removed-tag');
  assert.deepEqual(fixOf(audit, 'dmarc.record.removed-tag'), ['- _dmarc.example.com. 3600 IN TXT "v=DMARC1; p=none; pct=50"', '+ _dmarc.example.com. 3600 IN TXT "v=DMARC1; p=none"']);
  assert.deepEqual(fixOf(audit, 'dmarc.p-none').at(-1), '+ _dmarc.example.com. 3600 IN TXT "v=DMARC1; p=quarantine"');
  assert.deepEqual(fixOf(audit, 'dmarc.no-rua').at(-1), '+ _dmarc.example.com. 3600 IN TXT "v=DMARC1; p=none; rua=mailto:dmarc-reports@example.com"');
});

test('a subdomain inherits the organizational domain\'s record (RFC 9989 tree walk); a weaker sp= is warned about', async () => {
  const text = googleZone('mail IN MX 10 aspmx.l.google.com.\nmail IN TXT "v=spf1 include:_spf.google.com -all"', '_dmarc IN TXT "v=DMARC1; p=reject; sp=none; rua=mailto:dmarc@example.com"');
  const audit = await auditWith(text, 'mail.example.com');
  assert.deepEqual(get(audit, 'dmarc.inherited').params, { domain: 'mail.example.com', policyDomain: 'example.com', tag: 'sp' });
  assert.deepEqual(idsOf(audit, 'warning'), ['dmarc.p-none', 'dmarc.sp-weaker']);
  assert.deepEqual(fixOf(audit, 'dmarc.sp-weaker').at(-1), '+ _dmarc.example.com. 3600 IN TXT "v=DMARC1; p=reject; rua=mailto:dmarc@example.com"');
});

test('a weak DKIM key (512 bits) is an error and a 1024-bit key a warning, each with a new-key fix', async () => {
  covered.add('weak DKIM key');
  const audit = await auditWith(googleZone(`weak._domainkey IN TXT ${dkimTxt(512)}\nshort._domainkey IN TXT ${dkimTxt(1024)}`), 'example.com', { selectors: ['weak', 'short'] });
  assert.deepEqual(idsOf(audit, 'error'), ['dkim.key.weak']);
  assert.deepEqual(idsOf(audit, 'warning'), ['dkim.key.short']);
  assert.equal(get(audit, 'dkim.key.weak').params['bits'], 512);
  assert.equal(get(audit, 'dkim.key.short').params['bits'], 1024);
  assert.deepEqual(fixOf(audit, 'dkim.key.weak').at(-1), '+ weak-2048._domainkey.example.com. 3600 IN TXT "v=DKIM1; k=rsa; p=<public key from inkan dkim keygen>"');
  assert.equal(audit.readiness.items.find((i) => i.id === 'dkim-1024')!.status, 'fail');
});

test('a revoked key and a t=y key at the selectors given', async () => {
  covered.add('revoked key');
  covered.add('t=y');
  const audit = await auditWith(googleZone(`old._domainkey IN TXT "v=DKIM1; k=rsa; p="\ntest._domainkey IN TXT ${dkimTxt(2048, ' t=y;')}`), 'example.com', { selectors: ['old', 'test'] });
  assert.deepEqual(idsOf(audit, 'error'), []);
  assert.deepEqual(idsOf(audit, 'warning'), ['dkim.key.revoked', 'dkim.key.testing']);
  const fix = fixOf(audit, 'dkim.key.testing');
  assert.equal(fix.length, 2);
  assert.match(fix[0]!, /^- test\._domainkey\.example\.com\. 3600 IN TXT "v=DKIM1; k=rsa; t=y; p=/);
  assert.match(fix[1]!, /^\+ test\._domainkey\.example\.com\. 3600 IN TXT "v=DKIM1; k=rsa; p=/);
});

test('a selector given that has no key is an error; discovered selectors without keys are not', async () => {
  const audit = await auditWith(googleZone(), 'example.com', { selectors: ['s2024'] });
  assert.deepEqual(idsOf(audit, 'error'), ['dkim.key.missing']);
  assert.equal(get(audit, 'dkim.key.missing').params['name'], 's2024._domainkey.example.com');
});

test('broken BIMI: a logo over http and DMARC not at enforcement', async () => {
  covered.add('broken BIMI');
  const audit = await auditWith(googleZone('default._bimi IN TXT "v=BIMI1; l=http://example.com/logo.svg"', '_dmarc IN TXT "v=DMARC1; p=none; rua=mailto:d@example.com"'), 'example.com');
  assert.deepEqual(idsOf(audit, 'error'), ['bimi.dmarc.policy-not-enforcing', 'bimi.record.location-not-https']);
  // Without a fetcher (no network in tests) the logo itself is reported as not checked.
  assert.deepEqual(idsOf(audit, 'warning'), ['dmarc.p-none', 'bimi.record.no-evidence', 'bimi.svg.not-checked']);
  assert.equal(get(audit, 'bimi.record.location-not-https').params['detail'], 'http://example.com/logo.svg');
  assert.equal(get(audit, 'bimi.record.location-not-https').message, 'bimi.record.location-not-https');
});

test('MTA-STS mismatch: the policy served over real HTTPS does not cover an MX host', async () => {
  covered.add('MTA-STS mismatch');
  const ca = createTestCa();
  const https = await startHttpsServer(ca.issue(['mta-sts.example.com']), respond(200, { 'content-type': 'text/plain' }, 'version: STSv1\nmode: enforce\nmx: aspmx.l.google.com\nmax_age: 604800\n'));
  const server = await startDnsServer({ zone: googleZone('_mta-sts IN TXT "v=STSv1; id=20260101"\nmta-sts IN A 127.0.0.1\n_smtp._tls IN TXT "v=TLSRPTv1; rua=mailto:tls@example.com"') });
  try {
    const resolver = resolverFor(server);
    const audit = await auditDomain('example.com', { resolver, fetch: httpsPolicyFetcher({ resolver, ca: ca.certPem, port: https.port }) });
    assertRenders(audit);
    assert.deepEqual(idsOf(audit, 'error'), ['mta-sts.mx-not-covered']);
    const f = get(audit, 'mta-sts.mx-not-covered');
    assert.equal(f.params['exchange'], 'alt1.aspmx.l.google.com');
    assert.equal(f.message, 'mtasts.finding.mx-not-covered');
    assert.ok(f.file?.body.includes('mx: alt1.aspmx.l.google.com'), 'the policy file to serve lists the uncovered host');
    assert.deepEqual(idsOf(audit, 'ok').filter((id) => id.startsWith('tls-rpt') || id.startsWith('mta-sts')), ['tls-rpt.ok']);
    const text = renderAuditText(audit, { lang: 'en' });
    assert.ok(text.includes('Serve this file at https://mta-sts.example.com/.well-known/mta-sts.txt'));
    assert.deepEqual(https.requests, ['GET /.well-known/mta-sts.txt']);
  } finally {
    await Promise.all([https.close(), server.close()]);
  }
});

test('missing PTR for a sending IP: an error with the PTR record to ask for; generic PTR names flagged', async () => {
  covered.add('missing PTR');
  const extra = `77.2.0.192.in-addr.arpa. IN PTR 192-0-2-77.dsl.isp.example.\n192-0-2-77.dsl.isp.example. IN A 192.0.2.77`;
  const audit = await auditWith(googleZone(extra), 'example.com', { sendingIps: ['192.0.2.99', '192.0.2.77'] });
  assert.deepEqual(idsOf(audit, 'error'), ['ptr.missing']);
  assert.deepEqual(idsOf(audit, 'warning'), ['ptr.generic']);
  assert.deepEqual(fixOf(audit, 'ptr.missing'), ['+ 99.2.0.192.in-addr.arpa. 3600 IN PTR mail.example.com.']);
  assert.equal(audit.readiness.items.find((i) => i.id === 'ptr-fcrdns')!.status, 'fail');
});

test('timeouts on one server: "could not check", never "not found", and the rest of the audit still done', async () => {
  covered.add('timeouts on one server');
  const audit = await auditWith(googleZone(), 'example.com', {}, (server) => {
    server.fault('_dmarc.example.com', { timeout: true });
    server.fault('google._domainkey.example.com', { rcode: 'SERVFAIL' });
    server.fault('_mta-sts.example.com', { rcode: 'SERVFAIL' });
  }, 1000);
  assert.deepEqual(audit.findings.filter((f) => f.unchecked).map((f) => [f.id, f.params['name'], f.params['status'] ?? f.params['dns']]), [
    ['dkim.unchecked', 'google._domainkey.example.com', 'SERVFAIL'],
    ['dmarc.unchecked', '_dmarc.example.com', 'timeout'],
    ['bimi.unchecked', '_dmarc.example.com', 'timeout'],
    ['mta-sts.record-dns', '_mta-sts.example.com', 'SERVFAIL'],
  ]);
  assert.equal(audit.findings.some((f) => f.id === 'dmarc.none' || f.id === 'dkim.none'), false);
  assert.deepEqual(idsOf(audit, 'error'), []);
  assert.equal(audit.summary.unchecked, 4);
  assert.deepEqual(idsOf(audit, 'ok'), ['mx.ok', 'spf.record', 'ptr.ok', 'ptr.ok']);
  assert.equal(audit.readiness.items.find((i) => i.id === 'dmarc-policy')!.status, 'unknown');
});

test('issue 5 scenarios covered', (t) => {
  t.diagnostic(`issue 5 scenarios: ${covered.size}/${REQUIRED} (${[...covered].join('; ')})`);
  assert.equal(covered.size, REQUIRED);
});
