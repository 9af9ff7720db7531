import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { authResultsField, formatArcAuthResults, parseAuthResults, type AuthResFieldInput, type GenericAuthResInput } from '../../src/authres/index.js';
import { cleanText } from '../../src/authres/quote.js';

/** Pieces that look like Authentication-Results: real words, broken syntax, comments, quotes and controls. */
const piece = fc.oneof(
  fc.constantFrom('mx.example.org', 'dkim', 'spf', 'dmarc', 'arc', 'none', 'pass', 'fail', 'header.d', 'smtp.mailfrom', 'policy', 'reason', 'i', 'x-foo'),
  fc.constantFrom(';', '=', '.', '/', '@', '(', ')', '"', '\\', ' ', '  ', '\t', '\r\n', '\r\n\t', '\0', '1', '99999999999', 'i=1;', '=?UTF-8?B?5pel?='),
  fc.constantFrom('user@example.com', '"john doe"@example.com', '(a (b) c)', '"q\\"s"', '192.0.2.1', '2001:db8::1', 'AbC/+=='),
  fc.string({ maxLength: 8 }),
);
const nearAr = fc.array(piece, { maxLength: 60 }).map((parts) => parts.join(''));

/** The property: a result with positions inside the text, never an exception. A hang fails through the timeout. */
function bounded(value: string): boolean {
  const parsed = parseAuthResults(value);
  assert.equal(typeof parsed.authservId, 'string');
  for (const p of parsed.problems) assert.ok(p.position >= 0 && p.position <= value.length, JSON.stringify(p));
  for (const r of parsed.results) {
    assert.ok(r.position >= 0 && r.position < value.length);
    for (const p of r.properties) assert.ok(p.position >= r.position && p.position < value.length);
  }
  return true;
}

test('parseAuthResults never throws and finishes on random text', { timeout: 60_000 }, () => {
  fc.assert(fc.property(fc.string({ maxLength: 400 }), bounded), { numRuns: 3000 });
  fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 200 }), bounded), { numRuns: 1000 });
  fc.assert(fc.property(nearAr, bounded), { numRuns: 5000 });
});

test('parseAuthResults finishes on long hostile values', { timeout: 30_000 }, () => {
  for (const value of [
    `mx; ${'('.repeat(60_000)}`,
    `mx; dkim=pass ${'"'.repeat(60_000)}`,
    `mx; ${'a=b '.repeat(20_000)}`,
    `mx; ${';'.repeat(60_000)}`,
    `mx; ${'dkim=pass '.repeat(10_000)}`,
    `mx; dkim=pass ${'\\'.repeat(60_000)}`,
    `${'x'.repeat(200_000)}; none`,
  ]) {
    bounded(value);
  }
});

const keyword = fc.stringMatching(/^[a-z0-9][a-z0-9_-]{0,12}$/);
const property = fc.stringMatching(/^[a-z0-9][a-z0-9_.-]{0,12}$/);
const anyText = fc.oneof(fc.string({ maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 20 }), fc.string({ unit: 'binary', maxLength: 30 }));

const generic: fc.Arbitrary<GenericAuthResInput> = fc.record(
  {
    method: keyword,
    result: keyword,
    version: fc.nat({ max: 99 }),
    reason: anyText,
    comment: fc.array(anyText, { maxLength: 3 }),
    properties: fc.array(fc.record({ ptype: keyword, property, value: anyText }), { maxLength: 4 }),
  },
  { requiredKeys: ['method', 'result'] },
);
const field: fc.Arbitrary<AuthResFieldInput> = fc.record(
  { authservId: anyText.filter((s) => cleanText(s, false) !== '' && cleanText(s, true) !== ''), version: fc.nat({ max: 9 }), results: fc.array(generic, { maxLength: 5 }) },
  { requiredKeys: ['authservId'] },
);
const options = fc.record(
  { lineLength: fc.constantFrom(0, 20, 78, 200), indent: fc.constantFrom('\t', ' ', '    '), resultPerLine: fc.boolean(), utf8: fc.boolean() },
  { requiredKeys: [] },
);

test('generated fields always parse back to the same data (after cleaning)', { timeout: 60_000 }, () => {
  fc.assert(
    fc.property(field, options, (input, opts) => {
      const utf8 = opts.utf8 === true;
      const parsed = parseAuthResults(authResultsField(input, opts));
      assert.deepEqual(parsed.problems, []);
      assert.equal(parsed.authservId, cleanText(input.authservId, utf8));
      assert.equal(parsed.version, input.version);
      const results = input.results ?? [];
      assert.equal(parsed.results.length, results.length);
      results.forEach((r, i) => {
        const got = parsed.results[i]!;
        const g = r as GenericAuthResInput;
        assert.equal(got.method, g.method);
        assert.equal(got.version, g.version);
        assert.equal(got.result, g.result);
        assert.equal(got.reason, g.reason === undefined ? undefined : cleanText(g.reason, utf8));
        const comments = (typeof g.comment === 'string' ? [g.comment] : (g.comment ?? [])).map((c) => cleanText(c, true)).filter((c) => c !== '');
        assert.deepEqual(got.comments, comments);
        const props = (g.properties ?? []).map((p) => ({ ptype: p.ptype, property: p.property, value: cleanText(p.value, utf8) }));
        assert.deepEqual(got.properties.map(({ ptype, property, value }) => ({ ptype, property, value })), props);
      });
      return true;
    }),
    { numRuns: 1500 },
  );
});

test('generated fields never contain a CR or LF except CRLF folding followed by whitespace, nor other controls', { timeout: 60_000 }, () => {
  const hostile = fc.string({ unit: fc.constantFrom('a', ' ', '\r', '\n', '\0', '\t', '\x7f', '\u0085', '\u2028', '"', '\\', '(', ')', ';', 'é', '署'), maxLength: 60 });
  const typed = fc.record({
    authservId: hostile.map((s) => `mx${s}`),
    mailFrom: hostile,
    helo: hostile,
    comment: hostile,
    reason: hostile,
    identity: hostile,
    selector: hostile,
    signature: hostile,
  });
  fc.assert(
    fc.property(typed, options, fc.integer({ min: 1, max: 50 }), (t, opts, instance) => {
      const input: AuthResFieldInput = {
        authservId: t.authservId,
        results: [
          { method: 'spf', result: 'fail', mailFrom: t.mailFrom, helo: t.helo, comment: t.comment, reason: t.reason },
          { method: 'dkim', result: 'pass', identity: t.identity, selector: t.selector, signature: t.signature, domain: t.helo },
          { method: 'dmarc', result: 'fail', headerFrom: t.mailFrom, policyDomain: t.helo, policy: 'reject' },
        ],
      };
      for (const out of [authResultsField(input, opts), formatArcAuthResults(instance, input, opts)]) {
        // eslint-disable-next-line no-control-regex
        assert.doesNotMatch(out.replace(/\r\n[ \t]/g, ''), /[\x00-\x08\x0a-\x1f\x7f\x80-\x9f\u2028\u2029]/, JSON.stringify(out));
        const parsed = parseAuthResults(out);
        assert.equal(parsed.results.length, 3, JSON.stringify(out));
        assert.deepEqual(parsed.problems, []);
      }
      return true;
    }),
    { numRuns: 1500 },
  );
});
