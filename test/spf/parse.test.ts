import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSpf } from '../../src/spf/parse.js';

const syntax: Array<[record: string, code: string | null]> = [
  ['v=spf1 a  -all', null],
  ['v=spf1 a -all ', null],
  ['v=spf1 moo.cow-far_out=man:dog/cat ip4:1.2.3.4 -all', null],
  ['v=spf1 moo.cow/far_out=man:dog/cat', 'unknown-mechanism'],
  ['v=spf1 redirect:t2.example.com', 'unknown-mechanism'],
  ['v=spf1 -all:foobar', 'unexpected-argument'],
  ['v=spf1 -all/8', 'unexpected-argument'],
  ['v=spf1 ptr/0', 'unexpected-argument'],
  ['v=spf1 ptr:', 'missing-argument'],
  ['v=spf1 a/24//64', null],
  ['v=spf1 a/24/64', 'bad-cidr'],
  ['v=spf1 a:foo:bar/baz.example.com', null],
  ['v=spf1 a:example.-com', 'bad-domain-spec'],
  ['v=spf1 a:foo.example.xn--zckzah', null],
  ['v=spf1 a:museum', 'bad-domain-spec'],
  ['v=spf1 a:111.222.33.44', 'bad-domain-spec'],
  ['v=spf1 include:ip5.example.com/24', 'bad-domain-spec'],
  ['v=spf1 ip4:1.2.3.4/032', 'bad-cidr'],
  ['v=spf1 ip4:1.2.3.4/33', 'bad-cidr'],
  ['v=spf1 ip6:::1.1.1.1/0', null],
  ['v=spf1 ip6::CAFE::BABE', 'bad-ip6'],
  ['v=spf1 ip4:1.2.3', 'bad-ip4'],
  ['v=spf1 1up=foo', 'bad-modifier-name'],
  ['v=spf1 exp=%{r}.example.com', 'exp-only-macro'],
  ['v=spf1 exists:%{l2r+-}.user.%{d2}', null],
  ['v=spf1 a:%{x}.example.com', 'bad-macro'],
  ['v=spf1 redirect=a.example.com redirect=b.example.com', 'duplicate-modifier'],
  ['v=spf1 a:ctrl.example.com\rptr -all', 'control-char'],
  ['v=spf1 a:\uFEFFgarbage.example.net -all', 'non-ascii'],
  ['v=spf10', 'not-spf'],
];

for (const [record, code] of syntax) {
  test(`RFC 7208 §4.6/§7.1 syntax: ${JSON.stringify(record)} → ${code ?? 'ok'}`, () => {
    const parsed = parseSpf(record);
    assert.equal(parsed.ok ? null : parsed.error.code, code);
  });
}

test('syntax errors carry the column and the term', () => {
  const parsed = parseSpf('v=spf1 ip4:192.0.2.1 a/99 -all');
  assert.equal(parsed.ok, false);
  if (parsed.ok) return;
  assert.deepEqual(parsed.error, { code: 'bad-cidr', position: 22, term: 'a/99', detail: '/99' });
});
