// The hot paths of DKIM parsing and header hashing take shortcuts for the common input; each must agree with the plain
// definition it replaces, on any input.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { canonicalizeHeaderField, headerHashData, type Canonicalization } from '../../src/dkim/canonicalize.js';
import { decodeBase64, parseHeaderList } from '../../src/dkim/signature.js';
import { parseTagList, stripWhitespace } from '../../src/dkim/tag-list.js';

const piece = (list: string[]) => fc.array(fc.constantFrom(...list), { maxLength: 40 }).map((parts) => parts.join(''));

/** RFC 6376 §3.5 as written: remove all whitespace, split on ":", every name printable US-ASCII without ":". */
function referenceHeaderList(value: string): string[] | undefined {
  const names = value.replace(/[ \t\r\n]+/g, '').split(':');
  return names.every((n) => /^[\x21-\x39\x3b-\x7e]+$/.test(n)) ? names : undefined;
}

test('property: parseHeaderList agrees with strip-then-split on any h= value', () => {
  const h = piece(['From', 'to', ':', ' ', '\r\n ', '\t', 'Sub ject', 'é', 'x-y', '::', '\u0001', '~']);
  fc.assert(fc.property(h, (value) => assert.deepEqual(parseHeaderList(value), referenceHeaderList(value))), { numRuns: 5000 });
});

/** Strict base64 as RFC 4648 §4 spells it: alphabet characters, then at most two "=", never 4k+1 characters of data. */
function referenceBase64(text: string): Buffer | undefined {
  const m = /^([A-Za-z0-9+/]*)(={0,2})$/.exec(text);
  if (!m || text === '' || m[1]!.length % 4 === 1) return undefined;
  return Buffer.from(text, 'base64');
}

test('property: decodeBase64 agrees with the strict definition, canonical or not', () => {
  const text = fc.oneof(
    fc.uint8Array({ maxLength: 80 }).map((b) => Buffer.from(b).toString('base64')),
    fc.uint8Array({ maxLength: 80 }).map((b) => Buffer.from(b).toString('base64').replace(/=+$/, '')),
    piece(['A', 'Q', 'QQ', '==', '=', '-', '_', '+', '/', 'x', ' ', 'QR==', 'é']),
  );
  fc.assert(fc.property(text, (t) => assert.deepEqual(decodeBase64(t), referenceBase64(t))), { numRuns: 5000 });
});

/** RFC 6376 §3.2 read one character at a time: the parser's path for text holding controls. */
function referenceTagList(text: string): unknown {
  const WSP = (c: number): boolean => c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0a;
  const tags = new Map<string, { value: string; valueStart: number; valueEnd: number }>();
  let i = 0;
  while (i < text.length) {
    while (i < text.length && WSP(text.charCodeAt(i))) i++;
    if (i === text.length) break;
    const m = /^[A-Za-z][A-Za-z0-9_]*/.exec(text.slice(i));
    if (!m) return 'error';
    const name = m[0];
    i += name.length;
    while (i < text.length && WSP(text.charCodeAt(i))) i++;
    if (text[i] !== '=') return 'error';
    const valueStart = ++i;
    let first = -1;
    let last = -1;
    for (; i < text.length && text[i] !== ';'; i++) {
      const c = text.charCodeAt(i);
      if (c === 0x7f || (c < 0x20 && !WSP(c))) return 'error';
      if (!WSP(c)) {
        if (first === -1) first = i;
        last = i;
      }
    }
    if (tags.has(name)) return 'error';
    tags.set(name, { value: first === -1 ? '' : text.slice(first, last + 1), valueStart, valueEnd: first === -1 ? i : last + 1 });
    i++;
  }
  return [...tags].map(([name, t]) => ({ name, ...t }));
}

test('property: parseTagList (its indexOf path for clean text) agrees with a character-by-character reading', () => {
  const text = piece(['v', '=', ';', ' ', '\r\n ', 'a', '1', 'b=', 'x_y', '\t', '=;', 'é', '\u0000', '\u007f', 'h=From:To', 'bh=QQ==']);
  fc.assert(
    fc.property(text, (t) => {
      const got = parseTagList(t);
      const want = referenceTagList(t);
      if (want === 'error') assert.equal(got.ok, false);
      else {
        assert.ok(got.ok);
        assert.deepEqual([...got.list.tags.values()].map(({ name, value, valueStart, valueEnd }) => ({ name, value, valueStart, valueEnd })), want);
      }
    }),
    { numRuns: 5000 },
  );
});

test('property: headerHashData is the fields canonicalized one by one, joined, less the final CRLF', () => {
  const field = piece(['Subject', 'From', ':', ' ', '\t', '\r\n', '\n', '\r', 'x', 'É', '  ']).map((s) => Buffer.from(s, 'latin1'));
  fc.assert(
    fc.property(fc.array(field, { maxLength: 6 }), field, fc.constantFrom<Canonicalization>('simple', 'relaxed'), (fields, self, c) => {
      const own = canonicalizeHeaderField(self, c);
      const expected = Buffer.concat([...fields.map((f) => canonicalizeHeaderField(f, c)), own.subarray(0, own.length - 2)]);
      assert.deepEqual(headerHashData(fields, self, c), expected);
    }),
    { numRuns: 3000 },
  );
});

test('stripWhitespace keeps values without whitespace as they are', () => {
  assert.equal(stripWhitespace('abc'), 'abc');
  assert.equal(stripWhitespace(' a\r\n b\t'), 'ab');
});
