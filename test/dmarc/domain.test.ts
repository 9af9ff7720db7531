import { test } from 'node:test';
import assert from 'node:assert/strict';
import { domainToASCII } from 'node:url';
import fc from 'fast-check';
import { envelopeDomain, lowerCase, normalizeDomain } from '../../src/dmarc/domain.js';

/** RFC 9989 §4.4 and §5.3.1 written the plain way (trim, one trailing dot, A-labels, lower case, LDH-or-underscore labels): what the one-pass form must equal. */
function reference(domain: string): string | undefined {
  let name = domain.trim();
  if (name.endsWith('.')) name = name.slice(0, -1);
  if (name === '' || name.length > 1000) return undefined;
  if (/[^\x00-\x7f]/.test(name)) {
    name = domainToASCII(name);
    if (name === '') return undefined;
  }
  name = name.toLowerCase();
  if (name.length > 253) return undefined;
  return name.split('.').every((l) => /^[A-Za-z0-9_-]{1,63}$/.test(l) && !l.startsWith('-') && !l.endsWith('-')) ? name : undefined;
}

const cases: Array<[string, string | undefined]> = [
  ['example.com', 'example.com'],
  ['Example.COM.', 'example.com'],
  [' \tmail.example.jp ', 'mail.example.jp'],
  ['\u00a0example.com', 'example.com'],
  ['例え.jp', 'xn--r8jz45g.jp'],
  ['_dmarc.example.com', '_dmarc.example.com'],
  ['-bad.example', undefined],
  ['bad-.example', undefined],
  ['a..b', undefined],
  ['', undefined],
  ['.', undefined],
  [`${'a'.repeat(64)}.com`, undefined],
  [`${'a.'.repeat(126)}ab`, undefined],
];
for (const [input, expected] of cases) {
  test(`RFC 9989 §4.4: ${JSON.stringify(input)} normalizes to ${String(expected)}`, () => {
    assert.equal(normalizeDomain(input), expected);
  });
}

test('property: normalizeDomain equals the plain trim / A-label / lower-case / label check, 20000/20000', () => {
  const piece = fc.constantFrom('a', 'Z', '0', '-', '_', '.', ' ', '\t', '\u00a0', 'É', '例', 'xn--', 'com');
  const name = fc.oneof(fc.array(piece, { maxLength: 24 }).map((p) => p.join('')), fc.string({ maxLength: 16 }), fc.string({ maxLength: 8, unit: 'grapheme' }));
  fc.assert(fc.property(name, (d) => normalizeDomain(d) === reference(d) && lowerCase(d) === d.toLowerCase()), { numRuns: 20000 });
});

test('envelopeDomain: the domain of a MAIL FROM as given, with or without angle brackets', () => {
  assert.equal(envelopeDomain('bounce@Example.COM'), 'Example.COM');
  assert.equal(envelopeDomain(' <bounce@example.com> '), 'example.com');
  assert.equal(envelopeDomain('<>'), '');
  assert.equal(envelopeDomain(''), '');
  assert.equal(envelopeDomain('example.net'), 'example.net');
});
