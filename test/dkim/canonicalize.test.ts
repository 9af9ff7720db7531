import { test } from 'node:test';
import assert from 'node:assert/strict';
import { canonicalizeHeaderField, createBodyCanonicalizer, parseCanonicalization, type Canonicalization } from '../../src/dkim/canonicalize.js';
import { bodyHash } from '../../src/dkim/body-hash.js';
import { splitMessage } from '../../src/message/split.js';

/** Canonicalize a whole body in one chunk, or split at the given offsets. */
function canonBody(body: string, c: Canonicalization, cuts: number[] = []): string {
  const out: Buffer[] = [];
  const canon = createBodyCanonicalizer(c, (b) => out.push(Buffer.from(b)));
  const bytes = Buffer.from(body, 'latin1');
  let from = 0;
  for (const cut of [...cuts, bytes.length]) {
    canon.update(bytes.subarray(from, cut));
    from = cut;
  }
  canon.finish();
  return Buffer.concat(out).toString('latin1');
}

const header = (raw: string, c: Canonicalization): string => canonicalizeHeaderField(Buffer.from(raw, 'latin1'), c).toString('latin1');

// RFC 6376 §3.4.5: the worked example.
const EXAMPLE = 'A: X\r\nB : Y\t\r\n\tZ  \r\n\r\n C \r\nD \t E\r\n\r\n\r\n';

test('RFC 6376 §3.4.5: relaxed header canonicalization of the example', () => {
  const split = splitMessage(EXAMPLE);
  assert.ok(split.ok);
  assert.deepEqual(
    split.fields.map((f) => canonicalizeHeaderField(f.raw, 'relaxed').toString('latin1')),
    ['a:X\r\n', 'b:Y Z\r\n'],
  );
});

test('RFC 6376 §3.4.5: simple header canonicalization leaves the example unchanged', () => {
  const split = splitMessage(EXAMPLE);
  assert.ok(split.ok);
  assert.deepEqual(
    split.fields.map((f) => canonicalizeHeaderField(f.raw, 'simple').toString('latin1')),
    ['A: X\r\n', 'B : Y\t\r\n\tZ  \r\n'],
  );
});

test('RFC 6376 §3.4.5: relaxed body canonicalization of the example', () => {
  assert.equal(canonBody(' C \r\nD \t E\r\n\r\n\r\n', 'relaxed'), ' C\r\nD E\r\n');
});

test('RFC 6376 §3.4.5: simple body canonicalization of the example', () => {
  assert.equal(canonBody(' C \r\nD \t E\r\n\r\n\r\n', 'simple'), ' C \r\nD \t E\r\n');
});

// RFC 6376 §3.4.3 / §3.4.4 edge cases, both algorithms.
const bodyTable: Array<{ name: string; body: string; simple: string; relaxed: string }> = [
  { name: 'an empty body', body: '', simple: '\r\n', relaxed: '' },
  { name: 'a body of only CRLFs', body: '\r\n\r\n\r\n', simple: '\r\n', relaxed: '' },
  { name: 'a single CRLF', body: '\r\n', simple: '\r\n', relaxed: '' },
  { name: 'a body without a final CRLF', body: 'abc', simple: 'abc\r\n', relaxed: 'abc\r\n' },
  { name: 'trailing whitespace on lines', body: 'a  \r\nb\t\r\n', simple: 'a  \r\nb\t\r\n', relaxed: 'a\r\nb\r\n' },
  { name: 'whitespace runs inside a line', body: 'a \t  b\r\n', simple: 'a \t  b\r\n', relaxed: 'a b\r\n' },
  { name: 'leading whitespace kept as one space', body: '\t\t a\r\n', simple: '\t\t a\r\n', relaxed: ' a\r\n' },
  { name: 'whitespace-only trailing lines', body: 'a\r\n \r\n\t\r\n', simple: 'a\r\n \r\n\t\r\n', relaxed: 'a\r\n' },
  { name: 'empty lines in the middle', body: 'a\r\n\r\n\r\nb\r\n', simple: 'a\r\n\r\n\r\nb\r\n', relaxed: 'a\r\n\r\n\r\nb\r\n' },
  { name: 'bare LF taken as a line break', body: 'a\nb \n\n', simple: 'a\r\nb \r\n', relaxed: 'a\r\nb\r\n' },
  { name: 'a lone CR is an ordinary octet', body: 'a\rb\r\n', simple: 'a\rb\r\n', relaxed: 'a\rb\r\n' },
  { name: 'a CR at the very end', body: 'a\r', simple: 'a\r\r\n', relaxed: 'a\r\r\n' },
  { name: 'only whitespace', body: '  \t ', simple: '  \t \r\n', relaxed: '' },
];

for (const row of bodyTable) {
  for (const c of ['simple', 'relaxed'] as const) {
    test(`RFC 6376 §3.4.${c === 'simple' ? 3 : 4}: ${c} body canonicalization of ${row.name}`, () => {
      assert.equal(canonBody(row.body, c), row[c]);
      // The same at every single split point.
      for (let cut = 0; cut <= row.body.length; cut++) assert.equal(canonBody(row.body, c, [cut]), row[c], `split at ${cut}`);
    });
  }
}

test('RFC 6376 §3.4.3/§3.4.4 (errata 1376): empty-body hashes', () => {
  const b64 = (c: Canonicalization, h: 'sha1' | 'sha256'): string => bodyHash(Buffer.alloc(0), c, h).digest.toString('base64');
  assert.equal(b64('simple', 'sha1'), 'uoq1oCgLlTqpdDX/iUbLy7J1Wic=');
  assert.equal(b64('simple', 'sha256'), 'frcCV1k9oG9oKj3dpUqdJg1PxRT2RSN/XKdLCPjaYaY=');
  assert.equal(b64('relaxed', 'sha1'), '2jmj7l5rSw0yVb/vlWAYkK/YBwk=');
  assert.equal(b64('relaxed', 'sha256'), '47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=');
});

test('RFC 6376 §3.4.5: l= hashes only the first octets of the canonical body and counts the rest', () => {
  const r = bodyHash(Buffer.from('Hello\r\nWorld\r\n\r\n'), 'simple', 'sha256', 7);
  assert.equal(r.length, 7);
  assert.equal(r.totalLength, 14);
  assert.deepEqual(r.digest, bodyHash(Buffer.from('Hello\r\n'), 'simple', 'sha256').digest);
  const zero = bodyHash(Buffer.from('anything\r\n'), 'relaxed', 'sha256', 0);
  assert.equal(zero.length, 0);
  assert.equal(zero.digest.toString('base64'), '47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=');
});

const headerTable: Array<{ raw: string; simple: string; relaxed: string }> = [
  { raw: 'Subject: Hello\r\n', simple: 'Subject: Hello\r\n', relaxed: 'subject:Hello\r\n' },
  { raw: 'SUBJECT :  Hello   World  \r\n', simple: 'SUBJECT :  Hello   World  \r\n', relaxed: 'subject:Hello World\r\n' },
  { raw: 'To: a@example.com,\r\n\tb@example.com\r\n', simple: 'To: a@example.com,\r\n\tb@example.com\r\n', relaxed: 'to:a@example.com, b@example.com\r\n' },
  { raw: 'X-Empty:\r\n', simple: 'X-Empty:\r\n', relaxed: 'x-empty:\r\n' },
  { raw: 'X-Empty:   \r\n', simple: 'X-Empty:   \r\n', relaxed: 'x-empty:\r\n' },
  { raw: 'X-Folded:\r\n value\r\n', simple: 'X-Folded:\r\n value\r\n', relaxed: 'x-folded:value\r\n' },
  { raw: 'X-Lf: a\n b\n', simple: 'X-Lf: a\r\n b\r\n', relaxed: 'x-lf:a b\r\n' },
  { raw: 'X-Last: no line break', simple: 'X-Last: no line break\r\n', relaxed: 'x-last:no line break\r\n' },
  { raw: 'X-Utf8: caf\xc3\xa9\r\n', simple: 'X-Utf8: caf\xc3\xa9\r\n', relaxed: 'x-utf8:caf\xc3\xa9\r\n' },
];

for (const row of headerTable) {
  test(`RFC 6376 §3.4.1/§3.4.2: header field ${JSON.stringify(row.raw)}`, () => {
    assert.equal(header(row.raw, 'simple'), row.simple);
    assert.equal(header(row.raw, 'relaxed'), row.relaxed);
  });
}

test('RFC 6376 §3.5: c= defaults to simple/simple; one word sets the header algorithm; unknown words are errors', () => {
  const table: Array<[string | undefined, string | undefined]> = [
    [undefined, 'simple/simple'],
    ['relaxed', 'relaxed/simple'],
    ['simple', 'simple/simple'],
    ['relaxed/relaxed', 'relaxed/relaxed'],
    ['simple/relaxed', 'simple/relaxed'],
    ['Relaxed/Simple', 'relaxed/simple'],
    ['nowsp', undefined],
    ['relaxed/', undefined],
    ['relaxed/relaxed/relaxed', undefined],
    ['', undefined],
  ];
  for (const [value, expected] of table) {
    const r = parseCanonicalization(value);
    assert.equal(r.ok ? `${r.header}/${r.body}` : undefined, expected, String(value));
  }
});
