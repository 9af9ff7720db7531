import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluateDmarc } from '../../src/dmarc/evaluate.js';
import { explainDmarc } from '../../src/dmarc/explain.js';
import { dmarcFromAnalysis } from '../../src/dmarc/from.js';
import type { DmarcFromProblem, DmarcInput, DmarcOptions, DmarcResult } from '../../src/dmarc/types.js';
import { MemoryResolver } from '../../src/dns/memory.js';
import { dmarcZone } from './helpers.js';

const zone = dmarcZone(
  {
    '_dmarc.example.com': 'v=DMARC1; p=reject; sp=quarantine; np=none; rua=mailto:agg@example.com; fo=1; ruf=mailto:f@example.com',
    '_dmarc.testing.example': 'v=DMARC1; p=reject; sp=quarantine; t=y',
    '_dmarc.monitor.example': 'v=DMARC1; p=none; rua=mailto:d@monitor.example',
    '_dmarc.legacy.example': 'v=DMARC1; p=reject; pct=0; t=n',
    '_dmarc.broken.example': 'v=DMARC1; p=bogus',
    '_dmarc.repaired.example': 'v=DMARC1; p=bogus; rua=mailto:d@repaired.example',
  },
  ['example.com', 'www.example.com', 'www.testing.example'],
);

/** A message that fails DMARC: a passing but unaligned DKIM signature only. */
const failing = (domain: string): DmarcInput => ({
  from: { ok: true, domain },
  spf: { result: 'fail', domain: 'spoofer.example.net', identity: 'mailfrom' },
  dkim: [{ result: 'pass', domain: 'spoofer.example.net', selector: 'x' }],
  sourceIp: '203.0.113.9',
  envelopeFrom: 'bounce@spoofer.example.net',
});

async function evaluate(input: DmarcInput, options: Partial<DmarcOptions> = {}): Promise<DmarcResult> {
  return evaluateDmarc(input, { resolver: zone, ...options });
}

/** RFC 9989 §4.10.1: which policy tag applies, by where the record was found and whether the Author Domain exists. */
const selection: Array<[string, string, string, string]> = [
  ['the record is at the Author Domain', 'example.com', 'p', 'reject'],
  ['an existing subdomain inherits the Organizational Domain record', 'www.example.com', 'sp', 'quarantine'],
  ['a non-existent subdomain inherits it too', 'ghost.example.com', 'np', 'none'],
];
for (const [what, domain, tag, policy] of selection) {
  test(`RFC 9989 §4.10.1: ${what}: ${tag}=${policy}`, async () => {
    const r = await evaluate(failing(domain));
    assert.equal(r.result, 'fail');
    assert.equal(r.applied?.tag, tag);
    assert.equal(r.applied?.policy, policy);
    assert.equal(r.disposition, policy);
    assert.deepEqual(r.dispositionReasons, []);
  });
}

test('RFC 9989 §3.2.13, Appendix A.4: existence is asked (A, AAAA, MX) only when np could change the outcome', async () => {
  const r = await evaluate(failing('ghost.example.com'));
  assert.equal(r.applied?.authorDomainExists, false);
  assert.deepEqual(
    r.trace.filter((s) => s.kind === 'query' && s.purpose === 'existence').map((s) => (s.kind === 'query' ? s.type : '')),
    ['A', 'AAAA', 'MX'],
  );
  const noNp = await evaluate(failing('ghost.testing.example'));
  assert.ok(!noNp.trace.some((s) => s.kind === 'query' && s.purpose === 'existence'));
  assert.equal(noNp.applied?.tag, 'sp');
});

test('RFC 9989 Appendix A.4: a name with any record type exists, even without A, AAAA or MX', async () => {
  const r = dmarcZone({ '_dmarc.example.com': 'v=DMARC1; p=reject; np=quarantine' });
  r.add('txtonly.example.com', 'TXT', ['hello']);
  const result = await evaluateDmarc(failing('txtonly.example.com'), { resolver: r });
  assert.equal(result.applied?.tag, 'sp');
  assert.equal(result.applied?.policy, 'reject');
});

test('RFC 9989 §5.3.6: when existence cannot be determined for an np decision, the result is temperror', async () => {
  const r = dmarcZone({ '_dmarc.example.com': 'v=DMARC1; p=reject; np=quarantine' }).setFault('ghost.example.com', 'timeout');
  const result = await evaluateDmarc(failing('ghost.example.com'), { resolver: r });
  assert.equal(result.result, 'temperror');
  assert.equal(result.disposition, 'none');
});

test('RFC 9989 §4.7 t=y: testing mode applies one level less (reject -> quarantine, quarantine -> none), reported as policy_test_mode', async () => {
  const own = await evaluate(failing('testing.example'));
  assert.deepEqual([own.applied?.policy, own.disposition], ['reject', 'quarantine']);
  assert.deepEqual(own.dispositionReasons, [{ type: 'policy_test_mode', comment: 't=y' }]);
  assert.deepEqual(own.report.policyEvaluated.reasons, [{ type: 'policy_test_mode', comment: 't=y' }]);
  const sub = await evaluate(failing('www.testing.example'));
  assert.deepEqual([sub.applied?.policy, sub.disposition], ['quarantine', 'none']);
});

test('RFC 9989 §4.7 t: testing mode has no effect on p=none', async () => {
  const r = dmarcZone({ '_dmarc.example.org': 'v=DMARC1; p=none; t=y' });
  const result = await evaluateDmarc(failing('example.org'), { resolver: r });
  assert.equal(result.disposition, 'none');
  assert.deepEqual(result.dispositionReasons, []);
});

test('RFC 9989 §5.4: p=none never changes handling; the result is still fail', async () => {
  const r = await evaluate(failing('monitor.example'));
  assert.equal(r.result, 'fail');
  assert.equal(r.disposition, 'none');
  assert.equal(r.report.policyEvaluated.disposition, 'none');
});

test('RFC 9989 Appendix A.6: pct is ignored in rfc9989 mode', async () => {
  const r = await evaluate(failing('legacy.example'));
  assert.equal(r.disposition, 'reject');
});

test('RFC 7489 §6.6.4: in rfc7489 mode pct samples the policy, the rest get one level less (sampled_out)', async () => {
  const zero = await evaluate(failing('legacy.example'), { mode: 'rfc7489' });
  assert.equal(zero.disposition, 'quarantine');
  assert.deepEqual(zero.dispositionReasons, [{ type: 'sampled_out', comment: 'pct=0' }]);
  const half = dmarcZone({ '_dmarc.example.org': 'v=DMARC1; p=reject; pct=50' });
  const selected = await evaluateDmarc(failing('example.org'), { resolver: half, mode: 'rfc7489', random: () => 0.2 });
  assert.equal(selected.disposition, 'reject');
  const notSelected = await evaluateDmarc(failing('example.org'), { resolver: half, mode: 'rfc7489', random: () => 0.7 });
  assert.equal(notSelected.disposition, 'quarantine');
});

test('RFC 7489: t=y means nothing in rfc7489 mode', async () => {
  const r = await evaluate(failing('testing.example'), { mode: 'rfc7489' });
  assert.equal(r.disposition, 'reject');
});

test('RFC 9989 §4.10.1: an unusable policy (invalid p, no rua) is permerror with no disposition', async () => {
  const r = await evaluate(failing('broken.example'));
  assert.equal(r.result, 'permerror');
  assert.deepEqual(r.reason, { code: 'invalid-policy', domain: 'broken.example', tags: ['p'] });
  assert.equal(r.disposition, 'none');
});

test('RFC 9989 §4.10.1: an invalid p with a usable rua is evaluated as p=none', async () => {
  const r = await evaluate(failing('repaired.example'));
  assert.equal(r.result, 'fail');
  assert.deepEqual(r.applied, { tag: 'p', policy: 'none', replacedInvalid: ['p'] });
  assert.equal(r.disposition, 'none');
});

test('RFC 9989 §4.10.1: no record anywhere is none, and DMARC is not applied', async () => {
  const r = await evaluateDmarc(failing('example.org'), { resolver: new MemoryResolver() });
  assert.equal(r.result, 'none');
  assert.deepEqual(r.reason, { code: 'no-policy', domain: 'example.org' });
  assert.equal(r.disposition, 'none');
  assert.equal(r.report.policyPublished, undefined);
});

test('RFC 9989 §5.3.6: a DNS failure during policy discovery is temperror', async () => {
  const r = await evaluateDmarc(failing('example.com'), { resolver: dmarcZone({}).setFault('_dmarc.example.com', 'timeout') });
  assert.equal(r.result, 'temperror');
  assert.equal(r.disposition, 'none');
});

const fromProblems: DmarcFromProblem[] = ['missing-from', 'multiple-from', 'multiple-addresses', 'no-domain', 'unparseable-from', 'invalid-domain'];
for (const problem of fromProblems) {
  test(`RFC 9989 §5.3.1: From problem "${problem}" gives permerror, never a crash, and no DNS query`, async () => {
    const r = await evaluate({ ...failing('x'), from: { ok: false, reason: problem } });
    assert.equal(r.result, 'permerror');
    assert.deepEqual(r.reason, { code: 'no-author-domain', problem });
    assert.equal(r.queries, 0);
    assert.equal(r.report.identifiers.headerFrom, '');
    assert.ok(explainDmarc(r, 'ja').length > 2);
  });
}

test('RFC 9989 §5.3.1: a From domain that is not a domain name is permerror', async () => {
  const r = await evaluate({ ...failing('x'), from: { ok: true, domain: 'exa mple..com' } });
  assert.equal(r.result, 'permerror');
  assert.equal(r.reason.code, 'invalid-author-domain');
});

test('dmarcFromAnalysis maps the message reader\'s From analysis', () => {
  assert.deepEqual(dmarcFromAnalysis({ ok: true, domain: 'example.com', domainUnicode: 'example.com', authors: [], senderMissing: false }), { ok: true, domain: 'example.com' });
  assert.deepEqual(dmarcFromAnalysis({ ok: false, reason: 'multiple-from-fields', fromFields: 2, authors: [] }), { ok: false, reason: 'multiple-from' });
  assert.deepEqual(dmarcFromAnalysis({ ok: false, reason: 'no-from', fromFields: 0, authors: [] }), { ok: false, reason: 'missing-from' });
});

test('a local override hook may change a failing disposition, reported as a PolicyOverride (RFC 9989 §5.4)', async () => {
  const r = await evaluate(failing('example.com'), {
    override: ({ disposition }) => (disposition === 'reject' ? { disposition: 'quarantine', type: 'trusted_forwarder', comment: 'list.example.net' } : undefined),
  });
  assert.equal(r.disposition, 'quarantine');
  assert.deepEqual(r.dispositionReasons, [{ type: 'trusted_forwarder', comment: 'list.example.net' }]);
  assert.equal(r.report.policyEvaluated.disposition, 'quarantine');
  let called = false;
  await evaluate({ ...failing('example.com'), dkim: [{ result: 'pass', domain: 'example.com', selector: 's' }] }, { override: () => ((called = true), undefined) });
  assert.equal(called, false, 'the hook is not asked about passing mail');
});

test('RFC 9990 §3.1: the result carries the whole aggregate-report row', async () => {
  const r = await evaluate({
    from: { ok: true, domain: 'www.example.com' },
    spf: { result: 'softfail', domain: 'spoofer.example.net', identity: 'mailfrom', human: 'not authorized' },
    dkim: [
      { result: 'pass', domain: 'esp.example.net', selector: 'esp' },
      { result: 'fail', domain: 'example.com', selector: 'old', human: 'body hash did not verify' },
    ],
    sourceIp: '2001:db8::25',
    envelopeFrom: 'bounce@spoofer.example.net',
    envelopeTo: 'Example.ORG',
  });
  assert.deepEqual(r.report, {
    sourceIp: '2001:db8::25',
    count: 1,
    policyEvaluated: { disposition: 'quarantine', dkim: 'fail', spf: 'fail', reasons: [] },
    identifiers: { headerFrom: 'www.example.com', envelopeFrom: 'spoofer.example.net', envelopeTo: 'example.org' },
    authResults: {
      dkim: [
        { domain: 'esp.example.net', selector: 'esp', result: 'pass' },
        { domain: 'example.com', selector: 'old', result: 'fail', humanResult: 'body hash did not verify' },
      ],
      spf: [{ domain: 'spoofer.example.net', scope: 'mfrom', result: 'softfail', humanResult: 'not authorized' }],
    },
    policyPublished: { domain: 'example.com', discoveryMethod: 'treewalk', p: 'reject', sp: 'quarantine', np: 'none', adkim: 'r', aspf: 'r', testing: 'n', psd: 'u', fo: '1' },
  });
});

test('RFC 9990 §3.1.3: aligned DKIM results come first in the row (strict, then relaxed), capped', async () => {
  const r = await evaluate(
    {
      from: { ok: true, domain: 'example.com' },
      dkim: [
        { result: 'pass', domain: 'esp.example.net', selector: 'a' },
        { result: 'pass', domain: 'mail.example.com', selector: 'b' },
        { result: 'pass', domain: 'example.com', selector: 'c' },
      ],
    },
    { maxReportedSignatures: 2 },
  );
  assert.deepEqual(r.report.authResults.dkim.map((d) => d.selector), ['c', 'b']);
  assert.equal(r.report.policyEvaluated.disposition, 'pass');
  assert.equal(r.report.policyEvaluated.dkim, 'pass');
});

test('RFC 9990: envelope_from is the HELO name when MAIL FROM is null; a missing SPF result is reported as none', async () => {
  const r = await evaluate({ from: { ok: true, domain: 'example.com' }, envelopeFrom: '<>', helo: 'MX.Example.NET', dkim: [] });
  assert.equal(r.report.identifiers.envelopeFrom, 'mx.example.net');
  assert.deepEqual(r.report.authResults.spf, [{ domain: 'mx.example.net', scope: 'helo', result: 'none' }]);
});

test('a passing message under p=none is reported with disposition none, under an enforcing policy with pass', async () => {
  const pass = (domain: string): DmarcInput => ({ from: { ok: true, domain }, spf: { result: 'pass', domain, identity: 'mailfrom' } });
  assert.equal((await evaluate(pass('monitor.example'))).report.policyEvaluated.disposition, 'none');
  const enforced = await evaluate(pass('example.com'));
  assert.equal(enforced.report.policyEvaluated.disposition, 'pass');
  assert.equal(enforced.disposition, 'none');
  assert.deepEqual(enforced.reason, { code: 'aligned', by: ['spf'] });
});

test('--explain text names the verdict, the record, every alignment and every query, in both languages', async () => {
  const r = await evaluate(failing('www.example.com'));
  const en = explainDmarc(r, 'en').join('\n');
  assert.match(en, /^DMARC fail for www\.example\.com/);
  assert.match(en, /inherited from the Organizational Domain, _dmarc\.example\.com/);
  assert.match(en, /policy applied: sp=quarantine/);
  assert.match(en, /DNS TXT _dmarc\.www\.example\.com -> NXDOMAIN/);
  const ja = explainDmarc(r, 'ja').join('\n');
  assert.match(ja, /組織ドメイン/);
  assert.doesNotMatch(ja, /(?<![_\w])dmarc\.[a-z-]+/);
  assert.doesNotMatch(en, /(?<![_\w])dmarc\.[a-z-]+/);
});

test('count options must be non-negative integers: a caller mistake is a TypeError, not a silently shorter report', async () => {
  for (const bad of [-1, 1.5, Number.NaN]) {
    await assert.rejects(evaluate(failing('example.com'), { maxReportedSignatures: bad }), /maxReportedSignatures must be a non-negative integer/);
    await assert.rejects(evaluate(failing('example.com'), { maxDkimDomains: bad }), /maxDkimDomains must be a non-negative integer/);
  }
  const none = await evaluate(failing('example.com'), { maxReportedSignatures: 0 });
  assert.deepEqual(none.report.authResults.dkim, []);
});
