import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MemoryResolver } from '../../src/dns/memory.js';
import { lintSpf } from '../../src/spf/lint.js';
import { describeSpfFinding, renderSpfTree } from '../../src/spf/lint-render.js';
import { SPF_LINT_CHECKS } from '../../src/spf/lint-types.js';
import type { SpfLintFinding, SpfLintId, SpfLintParams } from '../../src/spf/lint-types.js';

/** One example of every finding's parameters: a new id without an example is a compile error here. */
const samples: { [K in SpfLintId]: SpfLintParams[K] } = {
  'spf.record.none': { domain: 'example.jp', reason: 'no-spf' },
  'spf.record.multiple': { domain: 'example.jp', count: 2 },
  'spf.record.syntax': { domain: 'example.jp', code: 'bad-ip4', position: 11, term: 'ip4:1.2.3', detail: '1.2.3' },
  'spf.record.lookalike': { domain: 'example.jp', text: 'v=spf 1 -all', corrected: 'v=spf1 -all' },
  'spf.record.sender-id': { domain: 'example.jp', text: 'spf2.0/pra -all' },
  'spf.record.too-long': { domain: 'example.jp', bytes: 481, limit: 450 },
  'spf.string.too-long': { domain: 'example.jp', index: 1, bytes: 300, limit: 255 },
  'spf.string.missing-space': { domain: 'example.jp', index: 1, before: 'v=spf1 a', after: 'mx -all' },
  'spf.rr-spf.obsolete': { domain: 'example.jp' },
  'spf.rr-spf.differs': { domain: 'example.jp', spf: 'v=spf1 +all', txt: 'v=spf1 -all' },
  'spf.lookups.too-many': { domain: 'example.jp', count: 14, limit: 10, branches: 'include:_spf.google.com 4' },
  'spf.lookups.near-limit': { domain: 'example.jp', count: 9, limit: 10 },
  'spf.mx.too-many-names': { domain: 'example.jp', term: 'mx', count: 11, limit: 10 },
  'spf.void.too-many': { domain: 'example.jp', count: 3, limit: 2 },
  'spf.void.lookup': { domain: 'example.jp', term: 'a:gone.example.jp', name: 'gone.example.jp', status: 'nxdomain' },
  'spf.ptr.used': { domain: 'example.jp', term: 'ptr' },
  'spf.all.pass': { domain: 'example.jp', term: '+all' },
  'spf.all.neutral': { domain: 'example.jp', term: '?all' },
  'spf.all.missing': { domain: 'example.jp' },
  'spf.all.not-last': { domain: 'example.jp', terms: 'ip4:192.0.2.1', count: 1 },
  'spf.redirect.ignored': { domain: 'example.jp', term: 'redirect=_spf.example.jp' },
  'spf.include.self': { domain: 'example.jp', term: 'include:example.jp', via: 'include' },
  'spf.include.loop': { domain: 'b.example', term: 'include:a.example', via: 'include', cycle: 'a.example → b.example → a.example' },
  'spf.include.no-record': { domain: 'example.jp', target: '_spf.typo.example', reason: 'nxdomain' },
  'spf.redirect.no-record': { domain: 'example.jp', target: '_spf.example.jp', reason: 'no-txt' },
  'spf.include.duplicate': { domain: 'example.jp', target: '_spf.google.com', count: 2 },
  'spf.dns.incomplete': { domain: 'example.jp', name: 'slow.example', type: 'TXT', status: 'timeout' },
  'spf.walk.truncated': { domain: 'example.jp', which: 'nodes', limit: 200 },
  'spf.modifier.unknown': { domain: 'example.jp', term: 'redirct=x.example', name: 'redirct' },
  'spf.exp.present': { domain: 'example.jp', term: 'exp=explain.example.jp' },
  'spf.macro.used': { domain: 'example.jp', term: 'exists:%{i}.allow.example.jp' },
  'spf.term.duplicate': { domain: 'example.jp', term: 'ip4:192.0.2.1' },
  'spf.ip.shadowed': { domain: 'example.jp', term: 'ip4:192.0.2.7', by: 'ip4:192.0.2.0/24' },
  'spf.ip.host-bits': { domain: 'example.jp', term: 'ip4:192.0.2.7/24', network: '192.0.2.0/24' },
};

const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;

for (const id of Object.keys(SPF_LINT_CHECKS) as SpfLintId[]) {
  test(`catalogue: ${id} has a problem and a fix sentence in English and Japanese`, () => {
    const f = { id, severity: SPF_LINT_CHECKS[id].severity, params: samples[id], evidence: { path: ['example.jp'], domain: 'example.jp' } } as SpfLintFinding;
    const en = describeSpfFinding(f, 'en');
    const ja = describeSpfFinding(f, 'ja');
    for (const text of [en.problem, en.fix, ja.problem, ja.fix, en.severity, ja.severity]) {
      assert.ok(text.trim().length > 0);
      assert.doesNotMatch(text, /undefined|\[object Object\]|NaN/);
    }
    assert.match(ja.problem, JAPANESE);
    assert.match(ja.fix, JAPANESE);
    assert.doesNotMatch(en.problem, JAPANESE);
    assert.notEqual(en.problem, en.fix);
  });
}

test('catalogue: every no-record reason reads in both languages', () => {
  for (const reason of ['nxdomain', 'no-txt', 'no-spf', 'lookalike'] as const) {
    const f: SpfLintFinding = { id: 'spf.record.none', severity: 'error', params: { domain: 'example.jp', reason }, evidence: { path: ['example.jp'], domain: 'example.jp' } };
    assert.notEqual(describeSpfFinding(f, 'en').fix, describeSpfFinding(f, 'ja').fix);
  }
});

test('the tree renders every kind of node error in both languages', async () => {
  const r = new MemoryResolver()
    .add('example.jp', 'TXT', ['v=spf1 include:none.test include:two.test include:bad.test include:example.jp include:slow.test include:%{d}.m.test ptr -all'])
    .add('two.test', 'TXT', ['v=spf1 -all'])
    .add('two.test', 'TXT', ['v=spf1 ~all'])
    .add('bad.test', 'TXT', ['v=spf1 ip4:1.2.3 -all'])
    .setFault('slow.test', 'timeout');
  const result = await lintSpf('example.jp', { resolver: r });
  for (const lang of ['en', 'ja'] as const) {
    const lines = renderSpfTree(result, lang);
    assert.equal(lines.length, 8);
    assert.equal(lines.filter((l) => l.includes('  ! ')).length, 6, lines.join('\n'));
    for (const line of lines) assert.doesNotMatch(line, /undefined|\[object Object\]/);
  }
});
