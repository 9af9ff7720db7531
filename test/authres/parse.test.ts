import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseAuthResults } from '../../src/authres/index.js';
import { summarize } from './summarize.js';

/** RFC 8601 Appendix B, one row per example field. */
const APPENDIX_B: Array<{ section: string; value: string; authservId: string; version?: number; results: string[] }> = [
  { section: 'B.2 (nothing done)', value: 'example.org 1; none', authservId: 'example.org', version: 1, results: [] },
  {
    section: 'B.3 (SPF)',
    value: 'example.com;\r\n                  spf=pass smtp.mailfrom=example.net',
    authservId: 'example.com',
    results: ['spf=pass smtp.mailfrom=example.net'],
  },
  {
    section: 'B.4 (SMTP AUTH and SPF)',
    value: 'example.com;\r\n                  auth=pass (cram-md5) smtp.auth=sender@example.net;\r\n                  spf=pass smtp.mailfrom=example.net',
    authservId: 'example.com',
    results: ['auth=pass (cram-md5) smtp.auth=sender@example.net', 'spf=pass smtp.mailfrom=example.net'],
  },
  {
    section: 'B.4 (iprev)',
    value: 'example.com;\r\n                  iprev=pass\r\n                  policy.iprev=192.0.2.200',
    authservId: 'example.com',
    results: ['iprev=pass policy.iprev=192.0.2.200'],
  },
  {
    section: 'B.5 (Sender ID and DKIM)',
    value: 'example.com;\r\n            sender-id=fail header.from=example.com;\r\n            dkim=pass (good signature) header.d=example.com',
    authservId: 'example.com',
    results: ['sender-id=fail header.from=example.com', 'dkim=pass (good signature) header.d=example.com'],
  },
  {
    section: 'B.6 (two DKIM signatures, reason=)',
    value:
      'example.com;\r\n          dkim=pass reason="good signature"\r\n            header.i=@mail-router.example.net;\r\n' +
      '          dkim=fail reason="bad signature"\r\n            header.i=@newyork.example.com',
    authservId: 'example.com',
    results: ['dkim=pass reason="good signature" header.i=@mail-router.example.net', 'dkim=fail reason="bad signature" header.i=@newyork.example.com'],
  },
  {
    section: 'B.6 (the next hop)',
    value: 'example.net;\r\n          dkim=pass (good signature) header.i=@newyork.example.com',
    authservId: 'example.net',
    results: ['dkim=pass (good signature) header.i=@newyork.example.com'],
  },
];

for (const row of APPENDIX_B) {
  test(`RFC 8601 Appendix ${row.section}: parses exactly, with no problems`, () => {
    const parsed = parseAuthResults(row.value);
    assert.equal(parsed.authservId, row.authservId);
    assert.equal(parsed.version, row.version);
    assert.deepEqual(summarize(parsed), { results: row.results, problems: [] });
  });
}

test('RFC 8601 Appendix B.7: comments may appear in every CFWS, and ptype "." property may be spaced', () => {
  const parsed = parseAuthResults(
    'foo.example.net (foobar) 1 (baz);\r\n    dkim (Because I like it) / 1 (One yay) = (wait for it) fail\r\n' +
      '      policy (A dot can go here) . (like that) expired\r\n      (this surprised me) = (as I wasn\'t expecting it) 1362471462',
  );
  assert.equal(parsed.authservId, 'foo.example.net');
  assert.equal(parsed.version, 1);
  assert.deepEqual(parsed.comments, ['foobar', 'baz']);
  assert.equal(parsed.results.length, 1);
  const [r] = parsed.results;
  assert.equal(r!.method, 'dkim');
  assert.equal(r!.version, 1);
  assert.equal(r!.result, 'fail');
  assert.deepEqual(r!.properties.map((p) => [p.ptype, p.property, p.value]), [['policy', 'expired', '1362471462']]);
  assert.deepEqual(r!.comments, ['Because I like it', 'One yay', 'wait for it', 'A dot can go here', 'like that', 'this surprised me', "as I wasn't expecting it"]);
  assert.deepEqual(parsed.problems, []);
});

test('RFC 5322 §3.2.2: nested comments are kept whole as text, quoted-pairs resolved', () => {
  const parsed = parseAuthResults('mx.example.com (a (nested (deep)) comment); dkim=pass (outer (inner) \\) text) header.d=example.com');
  assert.deepEqual(parsed.comments, ['a (nested (deep)) comment']);
  assert.deepEqual(parsed.results[0]!.comments, ['outer (inner) ) text']);
  assert.deepEqual(parsed.problems, []);
});

test('RFC 2045 §5.1: a quoted-string value loses its quotes and escapes; an authserv-id may be quoted', () => {
  const parsed = parseAuthResults('"mx.example.com"; dkim=fail reason="a \\"quoted\\" \\\\ text; with a semicolon" header.b="ab/cd+=="');
  assert.equal(parsed.authservId, 'mx.example.com');
  assert.equal(parsed.results[0]!.reason, 'a "quoted" \\ text; with a semicolon');
  assert.equal(parsed.results[0]!.properties[0]!.value, 'ab/cd+==');
  assert.deepEqual(parsed.problems, []);
});

test('RFC 8601 §2.2 pvalue: a local-part may be a quoted-string, kept as written', () => {
  const parsed = parseAuthResults('mx.example.com; spf=pass smtp.mailfrom="john doe"@example.com; dkim=pass header.i=@example.com');
  assert.equal(parsed.results[0]!.properties[0]!.value, '"john doe"@example.com');
  assert.equal(parsed.results[1]!.properties[0]!.value, '@example.com');
  assert.deepEqual(parsed.problems, []);
});

test('RFC 8601 §2.2: method versions and an unquoted value with "=" and "/" in it', () => {
  const parsed = parseAuthResults('mx.example.com; dkim/1=pass header.b=AbC/1+x= header.d=example.com');
  assert.equal(parsed.results[0]!.version, 1);
  assert.deepEqual(parsed.results[0]!.properties.map((p) => p.value), ['AbC/1+x=', 'example.com']);
});

test('RFC 8617 §4.1.1: an ARC-Authentication-Results value starts with its instance', () => {
  const parsed = parseAuthResults('i=3; lists.example.org; arc=pass smtp.remote-ip=192.0.2.7 header.oldest-pass=2');
  assert.equal(parsed.instance, 3);
  assert.equal(parsed.authservId, 'lists.example.org');
  assert.deepEqual(summarize(parsed).results, ['arc=pass smtp.remote-ip=192.0.2.7 header.oldest-pass=2']);
});

test('a leading field name is ignored', () => {
  assert.equal(parseAuthResults('Authentication-Results: mx.example.com; none').authservId, 'mx.example.com');
  assert.equal(parseAuthResults('ARC-Authentication-Results: i=1; mx.example.com; none').instance, 1);
});

test('property positions point at the property in the text', () => {
  const value = 'mx.example.com; spf=pass smtp.mailfrom=a@example.com; dkim=pass (x) header.d=example.com';
  const parsed = parseAuthResults(value);
  for (const r of parsed.results) {
    assert.ok(value.startsWith(r.method, r.position), r.method);
    for (const p of r.properties) assert.ok(value.startsWith(`${p.ptype}.${p.property}`, p.position));
  }
});

/** Damaged fields: what is kept and what is reported. */
const DAMAGED: Array<{ name: string; value: string; authservId: string; results: string[]; problems: string[] }> = [
  { name: 'an empty value', value: '   ', authservId: '', results: [], problems: ['empty@3'] },
  { name: 'an authserv-id and nothing else', value: 'mx.example.com', authservId: 'mx.example.com', results: [], problems: ['missing-results@14'] },
  { name: 'a value starting with ";"', value: '; spf=pass', authservId: '', results: ['spf=pass'], problems: ['missing-authserv-id@0'] },
  { name: 'a version that is not a number', value: 'mx.example.com 1x; none', authservId: 'mx.example.com', results: [], problems: ['bad-version:1x'] },
  {
    name: 'a method without a result',
    value: 'mx.example.com; dkim header.d=example.com; spf=pass',
    authservId: 'mx.example.com',
    results: ['spf=pass'],
    problems: ['missing-result:dkim'],
  },
  { name: 'a method with "=" and no result', value: 'mx.example.com; dkim=; spf=pass', authservId: 'mx.example.com', results: ['spf=pass'], problems: ['missing-result:dkim'] },
  {
    name: 'an unterminated comment',
    value: 'mx.example.com; dkim=pass (never closed; spf=pass',
    authservId: 'mx.example.com',
    results: ['dkim=pass (never closed; spf=pass)'],
    problems: ['unterminated-comment@26'],
  },
  {
    name: 'an unterminated quoted string',
    value: 'mx.example.com; dkim=fail reason="open; spf=pass',
    authservId: 'mx.example.com',
    results: ['dkim=fail reason="open; spf=pass"'],
    problems: ['unterminated-quoted-string@33'],
  },
  {
    name: 'stray words and characters',
    value: 'mx.example.com; dkim=pass garbage header.d=example.com ) = "q"; = ; spf=pass',
    authservId: 'mx.example.com',
    results: ['dkim=pass header.d=example.com', 'spf=pass'],
    problems: ['unexpected-text:garbage', 'unexpected-text:)', 'unexpected-text:=', 'unexpected-text:"q"', 'unexpected-text:='],
  },
  {
    name: 'two reasons',
    value: 'mx.example.com; dkim=fail reason=first reason=second',
    authservId: 'mx.example.com',
    results: ['dkim=fail reason="first"'],
    problems: ['duplicate-reason@39'],
  },
  {
    name: 'a property without a value',
    value: 'mx.example.com; dkim=pass header.d=; spf=pass',
    authservId: 'mx.example.com',
    results: ['dkim=pass header.d=', 'spf=pass'],
    problems: ['missing-value:header.d'],
  },
  {
    name: 'none next to results',
    value: 'mx.example.com; none; spf=pass',
    authservId: 'mx.example.com',
    results: ['spf=pass'],
    problems: ['none-with-results@22'],
  },
  {
    name: 'keywords with characters keywords may not have',
    value: 'mx.example.com; d!kim=pa$s header.d@x=example.com',
    authservId: 'mx.example.com',
    results: ['d!kim=pa$s header.d@x=example.com'],
    problems: ['bad-keyword:d!kim', 'bad-keyword:pa$s', 'bad-keyword:header.d@x'],
  },
];

for (const row of DAMAGED) {
  test(`tolerant parsing keeps what it can and reports the rest: ${row.name}`, () => {
    const parsed = parseAuthResults(row.value);
    assert.equal(parsed.authservId, row.authservId);
    assert.deepEqual(summarize(parsed), { results: row.results, problems: row.problems });
  });
}

test('bounds: results, properties, comments and length stop with a limit problem', () => {
  const many = `mx.example.com; ${Array.from({ length: 20 }, () => 'spf=pass').join('; ')}`;
  const r1 = parseAuthResults(many, { maxResults: 5 });
  assert.equal(r1.results.length, 5);
  assert.deepEqual(summarize(r1).problems, ['limit:maxResults']);

  const props = `mx.example.com; dkim=pass ${Array.from({ length: 20 }, (_, i) => `header.x${i}=v`).join(' ')}`;
  const r2 = parseAuthResults(props, { maxProperties: 3 });
  assert.equal(r2.results[0]!.properties.length, 3);
  assert.deepEqual(summarize(r2).problems, ['limit:maxProperties']);

  const comments = `mx.example.com; dkim=pass ${'(c) '.repeat(20)}header.d=example.com`;
  const r3 = parseAuthResults(comments, { maxComments: 4 });
  assert.equal(r3.results[0]!.comments.length, 4);
  assert.equal(r3.results[0]!.properties[0]!.value, 'example.com');
  assert.deepEqual(summarize(r3).problems, ['limit:maxComments']);

  const long = `mx.example.com; dkim=pass header.d=${'a'.repeat(100)}`;
  const r4 = parseAuthResults(long, { maxLength: 50 });
  assert.equal(r4.results[0]!.properties[0]!.value, 'a'.repeat(15));
  assert.deepEqual(summarize(r4).problems, ['limit:maxLength']);
});

test('parseAuthResults throws only for a value that is not a string (programmer misuse)', () => {
  assert.throws(() => parseAuthResults(undefined as unknown as string), TypeError);
});
