import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lookupDmarcPolicy } from '../../src/dmarc/discover.js';
import { treeWalkTargets } from '../../src/dmarc/domain.js';
import { pslOrgDomain, pslVersion } from '../../src/dmarc/psl.js';
import type { PolicyLookup } from '../../src/dmarc/discover.js';
import { MemoryResolver } from '../../src/dns/memory.js';
import { dmarcZone } from './helpers.js';

const names = (l: PolicyLookup): string[] => l.discovery.steps.map((s) => s.name);
function found(l: PolicyLookup): { domain: string; source: string } {
  assert.equal(l.discovery.status, 'found', JSON.stringify(l.discovery.status));
  if (l.discovery.status !== 'found') throw new Error('unreachable');
  return { domain: l.discovery.policy.domain, source: l.discovery.policy.source };
}
function org(l: PolicyLookup): { orgDomain: string; rule: string } | undefined {
  return l.orgDomain?.ok ? { orgDomain: l.orgDomain.orgDomain, rule: l.orgDomain.rule } : undefined;
}

/** RFC 9989 §4.10 steps 3–7: the names a tree walk asks, never more than eight. */
const targets: Array<[string, string[]]> = [
  ['com', ['com']],
  ['example.com', ['example.com', 'com']],
  ['a.mail.example.com', ['a.mail.example.com', 'mail.example.com', 'example.com', 'com']],
  ['a.b.c.d.e.f.g.h', ['a.b.c.d.e.f.g.h', 'b.c.d.e.f.g.h', 'c.d.e.f.g.h', 'd.e.f.g.h', 'e.f.g.h', 'f.g.h', 'g.h', 'h']],
  [
    'a.b.c.d.e.f.g.h.i.j.mail.example.com',
    ['a.b.c.d.e.f.g.h.i.j.mail.example.com', 'g.h.i.j.mail.example.com', 'h.i.j.mail.example.com', 'i.j.mail.example.com', 'j.mail.example.com', 'mail.example.com', 'example.com', 'com'],
  ],
];
for (const [domain, expected] of targets) {
  test(`RFC 9989 §4.10: the tree walk from ${domain} asks ${expected.length} name(s)`, () => {
    assert.deepEqual(treeWalkTargets(domain), expected);
  });
}

test('RFC 9989 §4.10: a 100-label name still costs at most eight queries', async () => {
  const long = `${Array.from({ length: 98 }, () => 'a').join('.')}.example.com`;
  const l = await lookupDmarcPolicy(long, { resolver: dmarcZone({ '_dmarc.example.com': 'v=DMARC1; p=reject' }) });
  assert.equal(l.discovery.steps.length, 8);
  assert.equal(found(l).domain, 'example.com');
  assert.ok(l.queries <= 8, String(l.queries));
});

test('RFC 9989 §4.10.1: a record at the Author Domain is the policy and needs one query', async () => {
  const l = await lookupDmarcPolicy('Example.COM.', { resolver: dmarcZone({ '_dmarc.example.com': 'v=DMARC1; p=reject; psd=n' }) });
  assert.deepEqual(found(l), { domain: 'example.com', source: 'author' });
  assert.deepEqual(names(l), ['_dmarc.example.com']);
  assert.deepEqual(org(l), { orgDomain: 'example.com', rule: 'psd=n' });
  assert.equal(l.queries, 1);
});

test('RFC 9989 Appendix B.4.1: example.com is the Organizational Domain of example.com and of signing.example.com', async () => {
  const resolver = dmarcZone({ '_dmarc.example.com': 'v=DMARC1; p=reject', '_dmarc.signing.example.com': 'v=DMARC1; p=none' });
  assert.deepEqual(org(await lookupDmarcPolicy('example.com', { resolver })), { orgDomain: 'example.com', rule: 'fewest-labels' });
  assert.deepEqual(org(await lookupDmarcPolicy('signing.example.com', { resolver })), { orgDomain: 'example.com', rule: 'fewest-labels' });
});

test('RFC 9989 Appendix B.4.2: the deep tree walk skips to seven labels and finds example.com', async () => {
  const resolver = dmarcZone({ '_dmarc.example.com': 'v=DMARC1; p=reject', '_dmarc.signing.example.com': 'v=DMARC1; p=none' });
  const l = await lookupDmarcPolicy('a.b.c.d.e.f.g.h.i.j.k.example.com', { resolver });
  assert.deepEqual(names(l), [
    '_dmarc.a.b.c.d.e.f.g.h.i.j.k.example.com',
    '_dmarc.g.h.i.j.k.example.com',
    '_dmarc.h.i.j.k.example.com',
    '_dmarc.i.j.k.example.com',
    '_dmarc.j.k.example.com',
    '_dmarc.k.example.com',
    '_dmarc.example.com',
    '_dmarc.com',
  ]);
  assert.deepEqual(found(l), { domain: 'example.com', source: 'organizational' });
  assert.equal(l.applied?.tag, 'sp');
});

/** RFC 9989 Appendix B.4.3: a PSD record with psd=y. */
const bank = dmarcZone({
  '_dmarc.bank.example': 'v=DMARC1; p=reject; psd=y; np=reject; sp=quarantine',
  '_dmarc.giant.bank.example': 'v=DMARC1; p=quarantine',
});

test('RFC 9989 Appendix B.4.3: giant.bank.example is its own Organizational Domain below the psd=y record', async () => {
  const l = await lookupDmarcPolicy('giant.bank.example', { resolver: bank });
  assert.deepEqual(found(l), { domain: 'giant.bank.example', source: 'author' });
  assert.deepEqual(org(l), { orgDomain: 'giant.bank.example', rule: 'psd=y' });
  assert.deepEqual(org(await lookupDmarcPolicy('mail.giant.bank.example', { resolver: bank })), { orgDomain: 'giant.bank.example', rule: 'psd=y' });
  assert.deepEqual(org(await lookupDmarcPolicy('mail.mega.bank.example', { resolver: bank })), { orgDomain: 'mega.bank.example', rule: 'psd=y' });
});

test('RFC 9989 §4.10.1: with no record at the Organizational Domain, the PSD record applies (sp or np)', async () => {
  const resolver = dmarcZone({ '_dmarc.bank.example': 'v=DMARC1; p=reject; psd=y; np=reject; sp=quarantine' }, ['www.mega.bank.example']);
  const exists = await lookupDmarcPolicy('www.mega.bank.example', { resolver });
  assert.deepEqual(found(exists), { domain: 'bank.example', source: 'psd' });
  assert.deepEqual(org(exists), { orgDomain: 'mega.bank.example', rule: 'psd=y' });
  assert.deepEqual(exists.applied, { tag: 'sp', policy: 'quarantine', authorDomainExists: true });
  const missing = await lookupDmarcPolicy('nothing.bank.example', { resolver });
  assert.deepEqual(missing.applied, { tag: 'np', policy: 'reject', authorDomainExists: false });
});

test('RFC 9989 §4.10.2: records at mail.example.com and example.com make example.com the Organizational Domain of a.mail.example.com', async () => {
  const resolver = dmarcZone({ '_dmarc.mail.example.com': 'v=DMARC1; p=none', '_dmarc.example.com': 'v=DMARC1; p=reject' });
  const l = await lookupDmarcPolicy('a.mail.example.com', { resolver });
  assert.deepEqual(org(l), { orgDomain: 'example.com', rule: 'fewest-labels' });
  // §4.10.1: the policy is the Organizational Domain's, not the nearer record at mail.example.com.
  assert.deepEqual(found(l), { domain: 'example.com', source: 'organizational' });
});

test('RFC 9989 §4.10.2: psd=n at mail.example.com stops the walk there', async () => {
  const resolver = dmarcZone({ '_dmarc.mail.example.com': 'v=DMARC1; p=quarantine; psd=n', '_dmarc.example.com': 'v=DMARC1; p=reject' });
  const l = await lookupDmarcPolicy('a.mail.example.com', { resolver });
  assert.deepEqual(org(l), { orgDomain: 'mail.example.com', rule: 'psd=n' });
  assert.deepEqual(found(l), { domain: 'mail.example.com', source: 'organizational' });
  assert.deepEqual(names(l), ['_dmarc.a.mail.example.com', '_dmarc.mail.example.com']);
});

test('RFC 9989 §4.10.2: only _dmarc.com with psd=y makes example.com the Organizational Domain of a.mail.example.com', async () => {
  const l = await lookupDmarcPolicy('a.mail.example.com', { resolver: dmarcZone({ '_dmarc.com': 'v=DMARC1; p=none; psd=y' }) });
  assert.deepEqual(org(l), { orgDomain: 'example.com', rule: 'psd=y' });
  assert.deepEqual(found(l), { domain: 'com', source: 'psd' });
});

test('RFC 9989 §4.10.2: with no record anywhere, the domain is its own Organizational Domain and no policy applies', async () => {
  const l = await lookupDmarcPolicy('mail.example.org', { resolver: new MemoryResolver() });
  assert.equal(l.discovery.status, 'none');
  assert.deepEqual(org(l), { orgDomain: 'mail.example.org', rule: 'no-record' });
});

test('RFC 9989 §5.1.8: a psd=n record deeper than the shortcut is never seen from a long Author Domain', async () => {
  const resolver = dmarcZone({ '_dmarc.example.com': 'v=DMARC1; p=reject', '_dmarc.b.c.d.e.f.g.example.com': 'v=DMARC1; p=none; psd=n' });
  const l = await lookupDmarcPolicy('mail.a.b.c.d.e.f.g.example.com', { resolver });
  assert.ok(!names(l).includes('_dmarc.b.c.d.e.f.g.example.com'));
  assert.deepEqual(found(l), { domain: 'example.com', source: 'organizational' });
});

test('RFC 9989 §4.10 step 2: several DMARC records at one name are all discarded and the walk goes on', async () => {
  const resolver = dmarcZone({
    '_dmarc.mail.example.com': ['v=DMARC1; p=none', 'v=DMARC1; p=reject'],
    '_dmarc.example.com': 'v=DMARC1; p=quarantine',
  });
  const l = await lookupDmarcPolicy('mail.example.com', { resolver });
  assert.equal(l.discovery.steps[0]?.lookup.status, 'multiple');
  assert.deepEqual(found(l), { domain: 'example.com', source: 'organizational' });
});

test('RFC 7489 §6.6.3 step 5: in rfc7489 mode several records end discovery with no policy', async () => {
  const resolver = dmarcZone({ '_dmarc.mail.example.com': ['v=DMARC1; p=none', 'v=DMARC1; p=reject'], '_dmarc.example.com': 'v=DMARC1; p=quarantine' });
  const l = await lookupDmarcPolicy('mail.example.com', { resolver, mode: 'rfc7489' });
  assert.equal(l.discovery.status, 'none');
});

test('RFC 9989 §4.10 step 2: TXT records that are not DMARC records are discarded, one DMARC record among them counts', async () => {
  const resolver = dmarcZone({ '_dmarc.example.com': ['v=spf1 -all', 'hello', 'v=DMARC1; p=reject'] });
  const l = await lookupDmarcPolicy('example.com', { resolver });
  assert.deepEqual(found(l), { domain: 'example.com', source: 'author' });
  const step = l.discovery.steps[0]!;
  assert.equal(step.lookup.status === 'record' && step.lookup.discarded, 2);
});

test('RFC 9989 §4.5: a record split into several character-strings is joined', async () => {
  const r = new MemoryResolver().add('_dmarc.example.com', 'TXT', ['v=DMARC1; p=rej', 'ect; rua=mailto:d@example.com']);
  const l = await lookupDmarcPolicy('example.com', { resolver: r });
  assert.equal(l.effective?.ok && l.effective.p, 'reject');
});

test('RFC 9989 §4.10: NXDOMAIN and NODATA at a _dmarc name both mean no record there, and are told apart in the trace', async () => {
  const r = dmarcZone({ '_dmarc.example.com': 'v=DMARC1; p=reject' });
  r.add('_dmarc.mail.example.com', 'A', '192.0.2.1');
  const nodata = await lookupDmarcPolicy('mail.example.com', { resolver: r });
  assert.deepEqual(nodata.discovery.steps[0]?.lookup, { status: 'none', why: 'nodata', discarded: 0 });
  const nx = await lookupDmarcPolicy('www.example.com', { resolver: r });
  assert.deepEqual(nx.discovery.steps[0]?.lookup, { status: 'none', why: 'nxdomain', discarded: 0 });
  assert.equal(found(nodata).domain, 'example.com');
});

for (const fault of ['timeout', 'servfail'] as const) {
  test(`RFC 9989 §4.10.1: a ${fault} during the walk is a temporary failure naming the query`, async () => {
    const r = dmarcZone({ '_dmarc.example.com': 'v=DMARC1; p=reject' }).setFault('_dmarc.example.com', fault);
    const l = await lookupDmarcPolicy('mail.example.com', { resolver: r });
    assert.equal(l.discovery.status, 'temperror');
    if (l.discovery.status === 'temperror') {
      assert.deepEqual(l.discovery.error, { name: '_dmarc.example.com', type: 'TXT', what: fault === 'timeout' ? 'timeout' : 'SERVFAIL' });
    }
  });
}

test('the evaluation deadline stops a hanging resolver (temperror, reason deadline)', { timeout: 5000 }, async () => {
  const hang = { query: () => new Promise<never>(() => {}) };
  const l = await lookupDmarcPolicy('example.com', { resolver: hang, timeout: 50 });
  assert.equal(l.discovery.status, 'temperror');
  if (l.discovery.status === 'temperror') assert.equal(l.discovery.error.what, 'deadline');
});

test('a resolver that throws is a DNS failure, not a crash', async () => {
  const bad = { query: () => Promise.reject(new Error('boom')) };
  const l = await lookupDmarcPolicy('example.com', { resolver: bad });
  assert.equal(l.discovery.status, 'temperror');
});

const pslCases: Array<[string, string, string]> = [
  ['example.com', 'example.com', 'psl'],
  ['a.b.example.co.uk', 'example.co.uk', 'psl'],
  ['co.uk', 'co.uk', 'psl-suffix'],
  ['com', 'com', 'psl-suffix'],
  ['foo.blogspot.com', 'foo.blogspot.com', 'psl'],
  ['xn--r8jz45g.xn--zckzah', 'xn--r8jz45g.xn--zckzah', 'psl'],
];
for (const [domain, expected, rule] of pslCases) {
  test(`RFC 7489 §3.2: the Organizational Domain of ${domain} by the Public Suffix List is ${expected}`, () => {
    assert.deepEqual(pslOrgDomain(domain), { orgDomain: expected, rule });
  });
}

test('RFC 7489 §6.6.3: with the psl method discovery asks the Author Domain, then its Organizational Domain, and reports the PSL version', async () => {
  const resolver = dmarcZone({ '_dmarc.example.co.uk': 'v=DMARC1; p=reject', '_dmarc.b.example.co.uk': 'v=DMARC1; p=none' });
  const l = await lookupDmarcPolicy('a.b.example.co.uk', { resolver, orgDomainMethod: 'psl' });
  assert.deepEqual(names(l), ['_dmarc.a.b.example.co.uk', '_dmarc.example.co.uk']);
  assert.deepEqual(found(l), { domain: 'example.co.uk', source: 'organizational' });
  assert.deepEqual(org(l), { orgDomain: 'example.co.uk', rule: 'psl' });
  assert.match(l.pslVersion ?? '', /^tldts \d+\.\d+\.\d+$/);
  assert.equal(pslVersion(), l.pslVersion);
});

test('RFC 9989 §5.3.1: an IDN Author Domain is looked up by its A-labels', async () => {
  const resolver = dmarcZone({ '_dmarc.xn--r8jz45g.xn--zckzah': 'v=DMARC1; p=reject' });
  const l = await lookupDmarcPolicy('例え.テスト', { resolver });
  assert.deepEqual(found(l), { domain: 'xn--r8jz45g.xn--zckzah', source: 'author' });
});

test('a name that is not a domain is refused before any query', async () => {
  const l = await lookupDmarcPolicy('bad domain..com', { resolver: new MemoryResolver() });
  assert.equal(l.discovery.status, 'invalid-domain');
  assert.equal(l.queries, 0);
});
