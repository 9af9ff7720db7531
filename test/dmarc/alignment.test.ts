import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluateDmarc } from '../../src/dmarc/evaluate.js';
import type { DmarcInput, DmarcOptions } from '../../src/dmarc/types.js';
import { CountingResolver, dmarcZone } from './helpers.js';

const relaxed = dmarcZone({
  '_dmarc.example.com': 'v=DMARC1; p=reject',
  '_dmarc.signing.example.com': 'v=DMARC1; p=none',
  '_dmarc.example.net': 'v=DMARC1; p=reject',
  '_dmarc.xn--r8jz45g.xn--zckzah': 'v=DMARC1; p=reject',
  '_dmarc.bank.example': 'v=DMARC1; p=reject; psd=y',
  '_dmarc.giant.bank.example': 'v=DMARC1; p=reject',
});
const strict = dmarcZone({ '_dmarc.example.com': 'v=DMARC1; p=reject; adkim=s; aspf=s' });

async function verdict(from: string, kind: 'spf' | 'dkim', domain: string, options: Partial<DmarcOptions> = {}, resolver = relaxed): Promise<string> {
  const input: DmarcInput = { from: { ok: true, domain: from } };
  if (kind === 'spf') input.spf = { result: 'pass', domain, identity: 'mailfrom' };
  else input.dkim = [{ result: 'pass', domain, selector: 's1' }];
  const r = await evaluateDmarc(input, { resolver, ...options });
  const a = r.alignment[0]!;
  return a.status === 'aligned' ? `aligned:${a.how}` : a.status;
}

/** RFC 9989 §4.4 Table 1 and Appendix B.1: identifier, Author Domain, expected alignment, for SPF and DKIM alike. */
const table: Array<[string, string, string, string]> = [
  ['relaxed', 'foo.example.com', 'news.example.com', 'aligned:same-org-domain'],
  ['relaxed', 'news.example.com', 'news.example.com', 'aligned:identical'],
  ['relaxed', 'foo.example.net', 'news.example.com', 'not-aligned'],
  ['relaxed (B.1 example 2: parent of the identifier)', 'child.example.com', 'example.com', 'aligned:same-org-domain'],
  ['relaxed (B.1.2 example 2: identifier is the parent)', 'example.com', 'child.example.com', 'aligned:same-org-domain'],
  ['relaxed (a sub-organization with its own record)', 'signing.example.com', 'example.com', 'aligned:same-org-domain'],
  ['relaxed: case and trailing dot do not matter (RFC 4343)', 'MAIL.Example.COM.', 'example.com', 'aligned:same-org-domain'],
  ['relaxed: the same name in different case is identical', 'EXAMPLE.com', 'example.com.', 'aligned:identical'],
  ['relaxed: U-labels and A-labels are the same name (RFC 5890)', '例え.テスト', 'xn--r8jz45g.xn--zckzah', 'aligned:identical'],
  ['relaxed: d=com never aligns with example.com', 'com', 'example.com', 'not-aligned'],
  ['relaxed: two organizations under a PSD do not align (B.4.3)', 'mail.mega.bank.example', 'giant.bank.example', 'not-aligned'],
  ['relaxed: the same organization under a PSD aligns (B.4.3)', 'mail.giant.bank.example', 'giant.bank.example', 'aligned:same-org-domain'],
];
for (const kind of ['spf', 'dkim'] as const) {
  for (const [what, identifier, author, expected] of table) {
    test(`RFC 9989 §4.4.${kind === 'dkim' ? 1 : 2}: ${kind.toUpperCase()} ${identifier} with From ${author}, ${what}: ${expected}`, async () => {
      assert.equal(await verdict(author, kind, identifier), expected);
    });
  }
}

const strictTable: Array<[string, string, string]> = [
  ['example.com', 'example.com', 'aligned:identical'],
  ['Example.COM.', 'example.com', 'aligned:identical'],
  ['mail.example.com', 'example.com', 'not-aligned'],
];
for (const kind of ['spf', 'dkim'] as const) {
  for (const [identifier, author, expected] of strictTable) {
    test(`RFC 9989 §3.2.10.2: strict ${kind.toUpperCase()} alignment of ${identifier} with ${author}: ${expected}`, async () => {
      assert.equal(await verdict(author, kind, identifier, {}, strict), expected);
    });
  }
}

test('RFC 9989 §4.10.2: strict alignment is a string comparison, with no tree walk for the identifier', async () => {
  const r = new CountingResolver().add('_dmarc.example.com', 'TXT', ['v=DMARC1; p=reject; adkim=s; aspf=s']);
  const result = await evaluateDmarc(
    { from: { ok: true, domain: 'example.com' }, spf: { result: 'pass', domain: 'bounce.example.com', identity: 'mailfrom' }, dkim: [{ result: 'pass', domain: 'example.com', selector: 'a' }] },
    { resolver: r },
  );
  assert.equal(result.result, 'pass');
  assert.deepEqual(r.asked, ['TXT _dmarc.example.com']);
});

test('RFC 9989 §4.10.2: identifiers in another top-level domain are not aligned without any DNS query', async () => {
  const r = new CountingResolver().add('_dmarc.example.com', 'TXT', ['v=DMARC1; p=reject']);
  await evaluateDmarc({ from: { ok: true, domain: 'example.com' }, dkim: [{ result: 'pass', domain: 'esp.example.net', selector: 'a' }] }, { resolver: r });
  assert.ok(!r.asked.some((q) => q.includes('example.net')), r.asked.join(', '));
});

test('RFC 9989 §4.4: an identifier that did not pass cannot align, whatever its domain', async () => {
  for (const result of ['fail', 'softfail', 'neutral', 'none', 'temperror', 'permerror'] as const) {
    const r = await evaluateDmarc({ from: { ok: true, domain: 'example.com' }, spf: { result, domain: 'example.com', identity: 'mailfrom' } }, { resolver: relaxed });
    assert.equal(r.alignment[0]?.status, 'not-authenticated', result);
    assert.equal(r.result, 'fail');
  }
});

test('RFC 9989 §3.2.4: an SPF result for HELO counts only when MAIL FROM was null', async () => {
  const helo = { result: 'pass' as const, domain: 'mail.example.com', identity: 'helo' as const };
  const nullPath = await evaluateDmarc({ from: { ok: true, domain: 'example.com' }, spf: helo, envelopeFrom: '<>' }, { resolver: relaxed });
  assert.equal(nullPath.result, 'pass');
  assert.equal(nullPath.report.authResults.spf[0]?.scope, 'helo');
  const withMailFrom = await evaluateDmarc({ from: { ok: true, domain: 'example.com' }, spf: helo, envelopeFrom: 'bounce@other.example' }, { resolver: relaxed });
  assert.equal(withMailFrom.alignment[0]?.status, 'helo-not-used');
  assert.equal(withMailFrom.result, 'fail');
});

test('RFC 9989 §4.4.1: any one aligned DKIM signature among several is enough', async () => {
  const r = await evaluateDmarc(
    {
      from: { ok: true, domain: 'example.com' },
      dkim: [
        { result: 'fail', domain: 'example.com', selector: 'old' },
        { result: 'pass', domain: 'esp.example.net', selector: 'esp' },
        { result: 'pass', domain: 'mail.example.com', selector: 'new' },
      ],
    },
    { resolver: relaxed },
  );
  assert.equal(r.result, 'pass');
  assert.deepEqual(r.reason, { code: 'aligned', by: ['dkim'] });
  assert.deepEqual(r.alignment.map((a) => a.status), ['not-authenticated', 'not-aligned', 'aligned']);
});

test('hostile input: passing signatures from many domains are bounded; the rest are reported as not evaluated', async () => {
  const dkim = Array.from({ length: 50 }, (_, i) => ({ result: 'pass' as const, domain: `d${i}.example.com`, selector: 's' }));
  const r = await evaluateDmarc({ from: { ok: true, domain: 'example.com' }, dkim }, { resolver: relaxed, maxDkimDomains: 5 });
  assert.equal(r.alignment.filter((a) => a.status === 'not-evaluated').length, 45);
  assert.equal(r.result, 'pass');
  assert.ok(r.trace.some((s) => s.kind === 'limit'));
});

test('RFC 9989 §5.3.6: when an identifier\'s Organizational Domain cannot be found and nothing else aligns, the result is temperror', async () => {
  const r = dmarcZone({ '_dmarc.example.com': 'v=DMARC1; p=reject' }).setFault('_dmarc.bounce.example.com', 'servfail');
  const result = await evaluateDmarc({ from: { ok: true, domain: 'example.com' }, spf: { result: 'pass', domain: 'bounce.example.com', identity: 'mailfrom' } }, { resolver: r });
  assert.equal(result.result, 'temperror');
  assert.deepEqual(result.reason, { code: 'dns', failure: { name: '_dmarc.bounce.example.com', type: 'TXT', what: 'SERVFAIL' } });
  const withDkim = await evaluateDmarc(
    { from: { ok: true, domain: 'example.com' }, spf: { result: 'pass', domain: 'bounce.example.com', identity: 'mailfrom' }, dkim: [{ result: 'pass', domain: 'example.com', selector: 's' }] },
    { resolver: r },
  );
  assert.equal(withDkim.result, 'pass');
});
