import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { signaturePrefixes } from '../../src/authres/format.js';
import { isPlainDomain, isPlainLocal, isToken, lastAt, PLAIN_DOMAIN, PLAIN_LOCAL, TOKEN } from '../../src/authres/quote.js';

const text = fc.oneof(
  fc.string({ unit: fc.constantFrom('a', 'z', 'x', 'n', '0', '_', '-', '.', '@', ' ', '~', '!', 'A', '"', '/', '=', '?', '(', '\t', '\x7f', 'é'), maxLength: 16 }),
  fc.string({ maxLength: 16 }),
  fc.constantFrom('', 'xn--r8jz45g.jp', 'a.xn--b.c', 'axn--b.c', 'x.xn-.c', 'xn--', 'user@example.com', 'a..b', '.a', 'a.', 'first.last', 'bounce+123'),
);

test('the per-message loops accept exactly what their regexes accept: token, plain local-part, plain domain without A-labels (4000 random values)', () => {
  let runs = 0;
  fc.assert(
    fc.property(text, (v) => {
      runs++;
      assert.equal(isToken(v), TOKEN.test(v), JSON.stringify(v));
      assert.equal(isPlainLocal(v), PLAIN_LOCAL.test(v), JSON.stringify(v));
      const aLabel = v.split('.').some((label) => label.startsWith('xn--'));
      assert.equal(isPlainDomain(v, false), PLAIN_DOMAIN.test(v) && !aLabel, JSON.stringify(v));
      assert.equal(lastAt(v), v.lastIndexOf('@'), JSON.stringify(v));
    }),
    { numRuns: 4000 },
  );
  assert.equal(runs, 4000);
});

/** RFC 6008 §4 the obvious way: clean every b=, and give each one character more than it shares with any other distinct one. */
function referencePrefixes(signatures: readonly string[], min: number): string[] {
  const clean = signatures.map((s) => s.replace(/[^A-Za-z0-9+/=]/g, ''));
  return clean.map((sig) => {
    let shared = 0;
    for (const other of clean) {
      if (other === sig) continue;
      let i = 0;
      while (i < sig.length && i < other.length && sig[i] === other[i]) i++;
      shared = Math.max(shared, i);
    }
    return sig.slice(0, Math.min(Math.max(min, shared + 1), 200));
  });
}

test('RFC 6008 §4: header.b prefixes of several signatures differ from one another, compared pair by pair or sorted (3000 random fields)', () => {
  const sig = fc.string({ unit: fc.constantFrom('A', 'B', '+', '/', '=', ' ', '\r\n\t', '-'), maxLength: 30 });
  let runs = 0;
  fc.assert(
    fc.property(fc.array(sig, { minLength: 2, maxLength: 14 }), fc.integer({ min: 1, max: 12 }), (sigs, min) => {
      runs++;
      assert.deepEqual(signaturePrefixes(sigs, min), referencePrefixes(sigs, min));
    }),
    { numRuns: 3000 },
  );
  assert.equal(runs, 3000);
});
