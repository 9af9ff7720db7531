import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseSpf } from '../../src/spf/parse.js';

/** Pieces that look like SPF: real mechanisms and modifiers, broken ones, macros and odd characters. */
const piece = fc.oneof(
  fc.constantFrom('a', 'mx', 'ptr', 'all', 'include', 'exists', 'ip4', 'ip6', 'redirect', 'exp', 'v=spf1', 'moo', 'default'),
  fc.constantFrom('+', '-', '~', '?', ':', '/', '//', '=', '.', '%', '%{', '}', '%%', '%_', '%-', ' ', '  ', '\t', '\0', '\r\n'),
  fc.constantFrom('%{d}', '%{ir}', '%{l1r+-}', '%{H}', '%{p}', '%{x}', '%{c}', '%{d999r}', '%{s0}'),
  fc.constantFrom('example.com', '192.0.2.1', '2001:db8::1', '::ffff:1.2.3.4', '24', '128', '033', '999', 'xn--zckzah', '-com'),
  fc.string({ maxLength: 8 }),
  fc.nat({ max: 300 }).map(String),
);

const nearSpf = fc.array(piece, { maxLength: 40 }).map((parts) => `v=spf1 ${parts.join('')}`);
const terms = fc.array(fc.array(piece, { minLength: 1, maxLength: 5 }).map((p) => p.join('')), { maxLength: 20 }).map((t) => `v=spf1 ${t.join(' ')}`);

/** The property: a result, never an exception. A hang fails the test through its timeout. */
function bounded(record: string): boolean {
  const result = parseSpf(record);
  assert.equal(typeof result.ok, 'boolean');
  if (!result.ok) assert.ok(result.error.position >= 0 && result.error.position <= record.length, JSON.stringify(result.error));
  return true;
}

test('parseSpf never throws and finishes on random strings', { timeout: 60_000 }, () => {
  fc.assert(fc.property(fc.string({ maxLength: 600 }), bounded), { numRuns: 2000 });
  fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (s) => bounded(`v=spf1 ${s}`)), { numRuns: 1000 });
});

test('parseSpf never throws and finishes on near-SPF records', { timeout: 60_000 }, () => {
  fc.assert(fc.property(nearSpf, bounded), { numRuns: 3000 });
  fc.assert(fc.property(terms, bounded), { numRuns: 3000 });
});

test('parseSpf finishes on long hostile records', { timeout: 30_000 }, () => {
  for (const record of [
    `v=spf1 ${'a:'.repeat(5000)}`,
    `v=spf1 ${'%{d}'.repeat(5000)}`,
    `v=spf1 a:${'/'.repeat(5000)}`,
    `v=spf1 ${'ip6:'.repeat(2000)}`,
    `v=spf1 exists:${'%{'.repeat(3000)}`,
  ]) {
    bounded(record);
  }
});

test('a record that parses has terms whose text lies inside it', () => {
  fc.assert(
    fc.property(terms, (record) => {
      const result = parseSpf(record);
      if (!result.ok) return true;
      for (const term of result.record.terms) assert.equal(record.slice(term.position, term.position + term.text.length), term.text);
      return true;
    }),
    { numRuns: 2000 },
  );
});
