import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MemoryResolver } from '../../src/dns/memory.js';
import type { DnsAnswer, RecordTypes, Resolver, RrType } from '../../src/dns/types.js';
import { lintSpf } from '../../src/spf/lint.js';
import { renderSpfTree } from '../../src/spf/lint-render.js';
import type { SpfLintFinding, SpfLintId, SpfLintNode } from '../../src/spf/lint-types.js';

/** A company on Google Workspace, Microsoft 365, SendGrid, Mailchimp (and Mandrill), Amazon SES, Zendesk and Salesforce. */
const ROOT = 'v=spf1 a mx include:_spf.google.com include:spf.protection.outlook.com include:sendgrid.net include:servers.mcsv.net include:amazonses.com include:mail.zendesk.com include:_spf.salesforce.com include:spf.mandrillapp.com ~all';

function providers(r: MemoryResolver): MemoryResolver {
  return r
    .add('_spf.google.com', 'TXT', ['v=spf1 include:_netblocks.google.com include:_netblocks2.google.com include:_netblocks3.google.com ~all'])
    .add('_netblocks.google.com', 'TXT', ['v=spf1 ip4:35.190.247.0/24 ip4:64.233.160.0/19 ip4:66.102.0.0/20 ~all'])
    .add('_netblocks2.google.com', 'TXT', ['v=spf1 ip6:2001:4860:4000::/36 ip6:2404:6800:4000::/36 ~all'])
    .add('_netblocks3.google.com', 'TXT', ['v=spf1 ip4:172.217.0.0/19 ip4:172.217.32.0/20 ~all'])
    .add('spf.protection.outlook.com', 'TXT', ['v=spf1 ip4:40.92.0.0/15 ip4:40.107.0.0/16 ip4:52.100.0.0/14 include:spfd.protection.outlook.com -all'])
    .add('spfd.protection.outlook.com', 'TXT', ['v=spf1 ip4:51.4.72.0/24 ip4:51.5.72.0/24 -all'])
    .add('sendgrid.net', 'TXT', ['v=spf1 ip4:167.89.0.0/17 ip4:208.117.48.0/20 ip4:50.31.32.0/19 ~all'])
    .add('servers.mcsv.net', 'TXT', ['v=spf1 ip4:205.201.128.0/20 ip4:198.2.128.0/18 ip4:148.105.8.0/21 ?all'])
    .add('amazonses.com', 'TXT', ['v=spf1 ip4:199.255.192.0/22 ip4:199.127.232.0/22 ip4:54.240.0.0/18 -all'])
    .add('mail.zendesk.com', 'TXT', ['v=spf1 ip4:192.161.144.0/20 ip4:185.12.80.0/22 ~all'])
    .add('_spf.salesforce.com', 'TXT', ['v=spf1 ip4:13.108.16.0/20 ip4:136.146.128.0/20 ~all'])
    .add('spf.mandrillapp.com', 'TXT', ['v=spf1 ip4:198.2.128.0/24 ip4:198.2.132.0/22 ~all']);
}

function company(record = ROOT): MemoryResolver {
  return providers(new MemoryResolver())
    .add('example.jp', 'TXT', [record])
    .add('example.jp', 'A', '192.0.2.10')
    .add('example.jp', 'MX', { preference: 10, exchange: 'mx1.example.jp' })
    .add('mx1.example.jp', 'A', '192.0.2.25');
}

function only<K extends SpfLintId>(findings: SpfLintFinding[], id: K): Extract<SpfLintFinding, { id: K }>[] {
  return findings.filter((f): f is Extract<SpfLintFinding, { id: K }> => f.id === id);
}

function child(node: SpfLintNode, domain: string): SpfLintNode {
  const found = node.children.find((c) => c.domain === domain);
  assert.ok(found, `no child ${domain}`);
  return found;
}

test('RFC 7208 §4.6.4: a tree of 14 lookups is reported with its real count', async () => {
  const result = await lintSpf('example.jp', { resolver: company() });
  assert.equal(result.lookups, 14);
  assert.equal(result.receiverOutcome, 'permerror');
  const [tooMany] = only(result.findings, 'spf.lookups.too-many');
  assert.ok(tooMany);
  assert.equal(tooMany.severity, 'error');
  assert.deepEqual(tooMany.params, {
    domain: 'example.jp',
    count: 14,
    limit: 10,
    branches:
      'example.jp 2, include:_spf.google.com 4, include:spf.protection.outlook.com 2, include:sendgrid.net 1, include:servers.mcsv.net 1, include:amazonses.com 1, include:mail.zendesk.com 1, include:_spf.salesforce.com 1, include:spf.mandrillapp.com 1',
  });
  assert.equal(tooMany.evidence.term, 'include:amazonses.com', 'the 11th lookup is where receivers stop');
  assert.deepEqual(tooMany.evidence.path, ['example.jp']);
  assert.equal(tooMany.fix, undefined, 'resolving a and mx saves only 2: no obvious record under 10');
  assert.equal(result.findings[0]?.id, 'spf.lookups.too-many', 'errors come first');
});

test('each node of the include tree carries its own terms, its subtree total and how it was reached', async () => {
  const { tree } = await lintSpf('example.jp', { resolver: company() });
  assert.equal(tree.lookups, 10);
  assert.equal(tree.totalLookups, 14);
  assert.deepEqual(
    tree.children.map((c) => c.domain),
    ['_spf.google.com', 'spf.protection.outlook.com', 'sendgrid.net', 'servers.mcsv.net', 'amazonses.com', 'mail.zendesk.com', '_spf.salesforce.com', 'spf.mandrillapp.com'],
  );
  const google = child(tree, '_spf.google.com');
  assert.equal(google.via, 'include');
  assert.deepEqual(google.term, { text: 'include:_spf.google.com', position: 12 });
  assert.equal(google.lookups, 3);
  assert.equal(google.totalLookups, 3);
  assert.deepEqual(google.path, ['example.jp', '_spf.google.com']);
  assert.equal(child(google, '_netblocks2.google.com').record, 'v=spf1 ip6:2001:4860:4000::/36 ip6:2404:6800:4000::/36 ~all');
  const mx = tree.queries.find((q) => q.mechanism === 'mx');
  assert.deepEqual(mx, { term: 'mx', position: 9, mechanism: 'mx', outcome: 'records', name: 'example.jp', mxNames: 1, addresses: ['192.0.2.25'] });
});

test('includes of providers ending in ?all are not reported: only "pass" matters inside include (RFC 7208 §5.2)', async () => {
  const result = await lintSpf('example.jp', { resolver: company() });
  assert.deepEqual(only(result.findings, 'spf.all.neutral'), []);
});

test('the tree renders as indented lines with per-branch counts, in English and Japanese', async () => {
  const result = await lintSpf('example.jp', { resolver: company() });
  const en = renderSpfTree(result, 'en');
  assert.equal(en[0], 'example.jp: 14/10 DNS lookups, 0/2 void');
  assert.ok(en.includes('├─ include:_spf.google.com: 4 lookups'));
  assert.ok(en.includes('│  └─ include:_netblocks3.google.com: 1 lookup'));
  assert.ok(en.some((l) => l.startsWith('├─ include:amazonses.com: 1 lookup  ← lookup 11')));
  const ja = renderSpfTree(result, 'ja');
  assert.equal(ja[0], 'example.jp: DNS 参照 14/10 回、空の応答（void）0/2 回');
  assert.ok(ja.includes('├─ include:_spf.google.com: DNS 参照 4 回'));
  assert.equal(ja.length, en.length);
});

test('a record just over the limit gets a reduced record: a and mx resolved, own static include inlined', async () => {
  const record = 'v=spf1 a mx include:_spf.google.com include:spf.protection.outlook.com include:sendgrid.net include:servers.mcsv.net include:spf.example.jp -all';
  const r = company(record).add('spf.example.jp', 'TXT', ['v=spf1 ip4:198.51.100.0/24 ip6:2001:db8::/32 -all']);
  const result = await lintSpf('example.jp', { resolver: r });
  assert.equal(result.lookups, 11);
  const [tooMany] = only(result.findings, 'spf.lookups.too-many');
  assert.deepEqual(tooMany?.fix, {
    action: 'replace',
    name: 'example.jp',
    type: 'TXT',
    current: record,
    record:
      'v=spf1 ip4:192.0.2.10 ip4:192.0.2.25 include:_spf.google.com include:spf.protection.outlook.com include:sendgrid.net include:servers.mcsv.net ip4:198.51.100.0/24 ip6:2001:db8::/32 -all',
  });
});

for (const [count, expected] of [
  [7, []],
  [8, ['spf.lookups.near-limit']],
  [10, ['spf.lookups.near-limit']],
  [11, ['spf.lookups.too-many']],
] as const) {
  test(`RFC 7208 §4.6.4: ${count} lookups → ${expected.join() || 'no limit finding'}`, async () => {
    const r = new MemoryResolver();
    const includes = Array.from({ length: count }, (_, i) => `include:s${i}.provider.test`);
    r.add('example.com', 'TXT', [`v=spf1 ${includes.join(' ')} -all`]);
    for (let i = 0; i < count; i++) r.add(`s${i}.provider.test`, 'TXT', [`v=spf1 ip4:198.51.100.${i} -all`]);
    const result = await lintSpf('example.com', { resolver: r });
    assert.equal(result.lookups, count);
    assert.deepEqual(result.findings.map((f) => f.id).filter((id) => id.startsWith('spf.lookups')), expected);
  });
}

/** Answers after a delay that is longer for names earlier in the alphabet, and records how many queries overlap. */
class SlowResolver implements Resolver {
  inFlight = 0;
  maxInFlight = 0;
  constructor(private readonly inner: MemoryResolver) {}
  async query<T extends RrType>(name: string, type: T): Promise<DnsAnswer<RecordTypes[T]>> {
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    await new Promise((resolve) => setTimeout(resolve, 30 - (name.charCodeAt(0) % 26)));
    this.inFlight--;
    return this.inner.answer(name, type);
  }
}

test('independent lookups run in parallel, and the tree and findings keep record order', async () => {
  const slow = new SlowResolver(company());
  const parallel = await lintSpf('example.jp', { resolver: slow });
  const direct = await lintSpf('example.jp', { resolver: company() });
  assert.ok(slow.maxInFlight >= 7, `at most ${slow.maxInFlight} queries overlapped`);
  assert.deepEqual(parallel, direct);
});

test('the mx 10-name limit (RFC 7208 §4.6.4): 11 MX names is a permerror, 10 is fine', async () => {
  for (const names of [10, 11]) {
    const r = new MemoryResolver().add('example.com', 'TXT', ['v=spf1 mx -all']);
    for (let i = 0; i < names; i++) r.add('example.com', 'MX', { preference: i, exchange: `mx${i}.example.com` });
    const result = await lintSpf('example.com', { resolver: r });
    const found = only(result.findings, 'spf.mx.too-many-names');
    assert.equal(found.length, names > 10 ? 1 : 0);
    if (names > 10) assert.deepEqual(found[0]?.params, { domain: 'example.com', term: 'mx', count: 11, limit: 10 });
  }
});

test('hostile input: a lattice of includes with 2^12 paths is cut at maxNodes instead of walked forever', async () => {
  const r = new MemoryResolver().add('example.com', 'TXT', ['v=spf1 include:l0a.test include:l0b.test -all']);
  for (let level = 0; level < 12; level++) {
    for (const side of ['a', 'b']) r.add(`l${level}${side}.test`, 'TXT', [`v=spf1 include:l${level + 1}a.test include:l${level + 1}b.test -all`]);
  }
  const started = Date.now();
  const result = await lintSpf('example.com', { resolver: r });
  assert.ok(Date.now() - started < 2000);
  assert.ok(result.findings.some((f) => f.id === 'spf.walk.truncated'));
  assert.ok(result.lookups > 10);
  assert.equal(result.complete, false);
});

test('the reduced record keeps the CIDR of a/24 as a network, not a host with host bits', async () => {
  const includes = Array.from({ length: 10 }, (_, i) => `include:s${i}.provider.test`).join(' ');
  const r = new MemoryResolver().add('example.com', 'TXT', [`v=spf1 a/24 ${includes} -all`]).add('example.com', 'A', '192.0.2.77');
  for (let i = 0; i < 10; i++) r.add(`s${i}.provider.test`, 'TXT', [`v=spf1 ip4:198.51.100.${i} -all`]);
  const result = await lintSpf('example.com', { resolver: r });
  assert.equal(result.lookups, 11);
  const [tooMany] = only(result.findings, 'spf.lookups.too-many');
  assert.equal(tooMany?.fix?.record, `v=spf1 ip4:192.0.2.0/24 ${includes} -all`);
});
