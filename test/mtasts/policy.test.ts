import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodePolicyBody, formatStsPolicy, parseStsPolicy } from '../../src/mtasts/policy.js';
import { coverMxHosts, mxPatternMatches, parseMxPattern } from '../../src/mtasts/mx.js';

const GOOD = 'version: STSv1\r\nmode: enforce\r\nmx: mail.example.com\r\nmx: *.example.net\r\nmx: backupmx.example.com\r\nmax_age: 604800\r\n';

test('RFC 8461 §3.2: the example policy parses (CRLF lines)', () => {
  const p = parseStsPolicy(GOOD);
  assert.equal(p.valid, true);
  assert.equal(p.version, 'STSv1');
  assert.equal(p.mode, 'enforce');
  assert.equal(p.maxAge, 604800);
  assert.deepEqual(p.mx.map((m) => [m.pattern, m.wildcard, m.line]), [['mail.example.com', false, 3], ['*.example.net', true, 4], ['backupmx.example.com', false, 5]]);
  assert.deepEqual(p.problems, []);
});

test('RFC 8461 §3.2: LF lines, spaces around the colon, no final line end', () => {
  const p = parseStsPolicy('version:STSv1\nmode :  testing\nmx:mx.example.com\nmax_age: 86400');
  assert.equal(p.valid, true);
  assert.equal(p.mode, 'testing');
  assert.deepEqual(p.problems, []);
});

/** [policy text, usable?, [code, line] of each problem] */
const TABLE: Array<[string, boolean, Array<[string, number]>]> = [
  ['version: STSv1\nmode: none\nmax_age: 86400\n', true, []],
  ['version: STSv1\nmode: enforce\nmax_age: 86400\n', false, [['missing-mx', 0]]],
  ['mode: enforce\nmx: a.example\nmax_age: 86400\n', false, [['missing-version', 0]]],
  ['version: STSv2\nmode: enforce\nmx: a.example\nmax_age: 86400\n', false, [['bad-version', 1]]],
  ['version: STSv1\nmx: a.example\nmax_age: 86400\n', false, [['missing-mode', 0]]],
  ['version: STSv1\nmode: reject\nmx: a.example\nmax_age: 86400\n', false, [['bad-mode', 2]]],
  ['version: STSv1\nmode: enforce\nmx: a.example\n', false, [['missing-max-age', 0]]],
  ['version: STSv1\nmode: enforce\nmx: a.example\nmax_age: -1\n', false, [['bad-max-age', 4]]],
  ['version: STSv1\nmode: enforce\nmx: a.example\nmax_age: 31557600\n', true, []],
  ['version: STSv1\nmode: enforce\nmx: a.example\nmax_age: 31557601\n', false, [['max-age-too-large', 4]]],
  ['version: STSv1\nmode: enforce\nmx: a.example\nmax_age: 0\n', true, [['max-age-short', 4]]],
  ['version: STSv1\nmode: enforce\nmx: a..example\nmax_age: 86400\n', false, [['bad-mx', 3]]],
  ['version: STSv1\nmode: enforce\nmx: *.*.example\nmax_age: 86400\n', false, [['bad-mx', 3]]],
  ['version: STSv1\nmode: enforce\nmx: mail.example.\nmax_age: 86400\n', false, [['bad-mx', 3]]],
  ['version: STSv1\nmode: enforce\nmode: none\nmx: a.example\nmax_age: 86400\n', true, [['duplicate-field', 3]]],
  ['version: STSv1\nmode: enforce\nmx: a.example\nmax_age: 86400\nfoo: bar\n', true, [['unknown-field', 5]]],
  ['version: STSv1\nmode enforce\nmx: a.example\nmax_age: 86400\n', false, [['line-syntax', 2], ['missing-mode', 0]]],
  ['<html>not found</html>', false, [['line-syntax', 1], ['missing-version', 0], ['missing-mode', 0], ['missing-max-age', 0]]],
];

for (const [text, usable, problems] of TABLE) {
  test(`RFC 8461 §3.2: ${JSON.stringify(text.slice(0, 70))} → ${usable ? 'usable' : 'not usable'} ${problems.map(([c, l]) => `${c}@${l}`).join(' ')}`, () => {
    const p = parseStsPolicy(text);
    assert.equal(p.valid, usable);
    assert.deepEqual(p.problems.map((x) => [x.code, x.line]), problems);
  });
}

test('RFC 8461 §3.2: a repeated field keeps its first value; mode and version are read without regard to case', () => {
  const p = parseStsPolicy('version: stsv1\nmode: Enforce\nmode: none\nmx: A.Example.COM\nmax_age: 86400\n');
  assert.equal(p.mode, 'enforce');
  assert.equal(p.mx[0]!.pattern, 'a.example.com');
});

test('a formatted policy parses back to the same values', () => {
  const text = formatStsPolicy({ mode: 'testing', mx: ['mx1.example.com', '*.example.org'], maxAge: 604800 });
  assert.equal(text, 'version: STSv1\nmode: testing\nmx: mx1.example.com\nmx: *.example.org\nmax_age: 604800\n');
  const p = parseStsPolicy(text);
  assert.equal(p.valid, true);
  assert.deepEqual(p.mx.map((m) => m.pattern), ['mx1.example.com', '*.example.org']);
});

test('a body that is not UTF-8 text is refused', () => {
  assert.equal(decodePolicyBody(Buffer.from([0xff, 0xfe, 0x41])), undefined);
  assert.equal(decodePolicyBody(Buffer.from('version: STSv1\0')), undefined);
  assert.equal(decodePolicyBody(Buffer.from('version: STSv1\r\n')), 'version: STSv1\r\n');
});

/** [pattern, MX host, matches?] — RFC 8461 §4.1. */
const MATCHES: Array<[string, string, boolean]> = [
  ['mail.example.com', 'mail.example.com', true],
  ['mail.example.com', 'MAIL.Example.COM', true],
  ['mail.example.com', 'mail.example.com.', true],
  ['mail.example.com', 'mail2.example.com', false],
  ['*.example.com', 'mx1.example.com', true],
  ['*.example.com', 'MX1.EXAMPLE.COM.', true],
  ['*.example.com', 'example.com', false],
  ['*.example.com', 'a.b.example.com', false],
  ['*.example.com', 'mx1.example.com.evil.net', false],
  ['*.example.com', 'mx1example.com', false],
  ['*.example.com', '.example.com', false],
  ['*.mail.example.com', 'mx.mail.example.com', true],
  ['*.mail.example.com', 'mail.example.com', false],
  ['example.com', 'mail.example.com', false],
];

test(`RFC 8461 §4.1: MX pattern matching table, ${MATCHES.length}/${MATCHES.length} cases`, (t) => {
  let passed = 0;
  for (const [pattern, host, expected] of MATCHES) {
    assert.equal(mxPatternMatches(pattern, host), expected, `${pattern} vs ${host}`);
    passed++;
  }
  t.diagnostic(`MX matching: ${passed}/${MATCHES.length}`);
});

test('RFC 8461 §4.1: each MX host is paired with the first pattern that covers it; patterns matching no host are listed', () => {
  const patterns = ['mail.example.com', '*.example.net', 'old.example.org'].map((p) => parseMxPattern(p)!);
  const r = coverMxHosts(patterns, [
    { preference: 20, exchange: 'backup.example.org' },
    { preference: 10, exchange: 'mail.example.com' },
    { preference: 30, exchange: 'mx3.example.net' },
  ]);
  assert.deepEqual(r.hosts, [
    { exchange: 'mail.example.com', preference: 10, matchedBy: 'mail.example.com' },
    { exchange: 'backup.example.org', preference: 20 },
    { exchange: 'mx3.example.net', preference: 30, matchedBy: '*.example.net' },
  ]);
  assert.deepEqual(r.unusedPatterns, ['old.example.org']);
});

test('parseMxPattern accepts host names and one leading wildcard label only', () => {
  assert.deepEqual(parseMxPattern('*.Example.com', 3), { pattern: '*.example.com', wildcard: true, line: 3 });
  for (const bad of ['', '*', '*.', 'a.*.example', 'mail_1.example', '-a.example', 'a-.example', 'a b.example', `${'a'.repeat(64)}.example`]) {
    assert.equal(parseMxPattern(bad), undefined, bad);
  }
});
