import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  arcAuthResultsField,
  authResultsField,
  formatArcAuthResults,
  formatAuthResults,
  parseAuthResults,
  signaturePrefixes,
  type AuthResFieldInput,
} from '../../src/authres/index.js';

const ONE_LINE = { lineLength: 0 };

/** Undo folding: CRLF followed by the indent (structural) or by one space (inside a comment or quoted-string). */
function unfold(field: string, indent = '\t'): string {
  return field.split(`\r\n${indent}`).join(' ').split('\r\n ').join(' ');
}

/** Every line break is CRLF followed by whitespace (folding), and no other control character appears. */
function assertSafe(field: string): void {
  // eslint-disable-next-line no-control-regex
  assert.doesNotMatch(field.replace(/\r\n[ \t]/g, ''), /[\x00-\x08\x0a-\x1f\x7f]/, JSON.stringify(field));
  for (const line of field.split('\r\n')) assert.ok(line.length <= 998, 'RFC 5322 §2.1.1: at most 998 characters per line');
}

test('RFC 8601 §2.2: a receiver that evaluated nothing writes "none", with the version when given', () => {
  assert.equal(formatAuthResults({ authservId: 'example.org', version: 1 }), 'example.org 1; none');
  assert.equal(authResultsField({ authservId: 'example.org', results: [] }), 'Authentication-Results: example.org; none');
});

test('RFC 8601 §2.7.2: SPF reports smtp.mailfrom and smtp.helo, with the human reason as a comment', () => {
  const value = formatAuthResults(
    {
      authservId: 'mx.example.org',
      results: [
        {
          method: 'spf',
          result: 'pass',
          mailFrom: 'user@example.com',
          helo: 'mail.example.com',
          comment: 'mx.example.org: domain of user@example.com designates 192.0.2.1 as permitted sender',
        },
      ],
    },
    ONE_LINE,
  );
  assert.equal(
    value,
    'mx.example.org; spf=pass (mx.example.org: domain of user@example.com designates 192.0.2.1 as permitted sender) ' +
      'smtp.mailfrom=user@example.com smtp.helo=mail.example.com',
  );
});

test('RFC 8601 §2.7.1 and RFC 6008: one DKIM result per signature with header.d/i/s/a and the first 8 characters of b=', () => {
  const value = formatAuthResults(
    {
      authservId: 'mx.example.org',
      results: [
        {
          method: 'dkim',
          result: 'fail',
          reason: 'signature verification failed',
          comment: '2048-bit key',
          domain: 'Example.COM',
          identity: 'news@example.com',
          selector: 'sel_1',
          algorithm: 'rsa-sha256',
          signature: 'dGhpcyBp\r\n\tcyBhIHNp Z25hdHVyZQ==',
        },
      ],
    },
    ONE_LINE,
  );
  assert.equal(
    value,
    'mx.example.org; dkim=fail (2048-bit key) reason="signature verification failed" header.d=example.com header.i=news@example.com ' +
      'header.s=sel_1 header.a=rsa-sha256 header.b=dGhpcyBp',
  );
});

test('RFC 6008 §4: header.b grows until the signatures of one field can be told apart', () => {
  assert.deepEqual(signaturePrefixes(['AAAAAAAAAAAA1', 'AAAAAAAAAAAA2', 'BBBBBBBBBBBB'], 8), ['AAAAAAAAAAAA1', 'AAAAAAAAAAAA2', 'BBBBBBBB']);
  assert.deepEqual(signaturePrefixes(['abc', 'abcdefghij'], 8), ['abc', 'abcdefgh'], 'a short signature is written whole');
  assert.deepEqual(signaturePrefixes(['same+sig/value==', 'same+sig/value=='], 8), ['same+sig', 'same+sig'], 'identical signatures cannot differ');
  assert.deepEqual(signaturePrefixes(['ab cd\r\n\tef gh ij'], 4), ['abcd'], 'folding whitespace inside b= is not part of it');
  const value = formatAuthResults(
    {
      authservId: 'mx.example.org',
      results: [
        { method: 'dkim', result: 'pass', domain: 'example.com', signature: 'AbCdEfGh12/+xyz==' },
        { method: 'dkim', result: 'fail', domain: 'example.com', signature: 'AbCdEfGh99/+xyz==' },
        { method: 'dkim', result: 'pass', domain: 'example.net', signature: 'ZZ/zzzzzzzzz' },
      ],
    },
    ONE_LINE,
  );
  assert.match(value, /header\.b=AbCdEfGh1;/);
  assert.match(value, /header\.b=AbCdEfGh9;/);
  assert.match(value, /header\.b="ZZ\/zzzzz"$/, 'a "/" in the prefix needs a quoted-string (RFC 2045 tspecials)');
});

test('RFC 7489 §11.2 and RFC 9989: DMARC writes header.from, the policy comment and the policy.* properties', () => {
  const input: AuthResFieldInput = {
    authservId: 'mx.example.org',
    results: [
      {
        method: 'dmarc',
        result: 'fail',
        headerFrom: 'example.com',
        policy: 'reject',
        subdomainPolicy: 'quarantine',
        policyDomain: 'example.com',
        appliedDisposition: 'reject',
        evaluatedDisposition: 'reject',
      },
    ],
  };
  assert.equal(
    formatAuthResults(input, ONE_LINE),
    'mx.example.org; dmarc=fail (p=reject sp=quarantine dis=reject) header.from=example.com policy.published-domain-policy=reject ' +
      'policy.published-subdomain-policy=quarantine policy.applied-disposition=reject policy.evaluated-disposition=reject',
  );
  assert.equal(
    formatAuthResults(
      { authservId: 'mx.example.org', results: [{ method: 'dmarc', result: 'pass', headerFrom: 'news.example.com', policy: 'none', policyDomain: 'example.com' }] },
      { ...ONE_LINE, dmarcPolicyProperty: 'polrec.p', dmarcComment: false },
    ),
    'mx.example.org; dmarc=pass header.from=news.example.com polrec.p=none polrec.domain=example.com',
  );
  assert.match(
    formatAuthResults({ authservId: 'mx', results: [{ method: 'dmarc', result: 'none', headerFrom: 'a@example.com', policy: 'none' }] }, { ...ONE_LINE, dmarcPolicyProperty: 'policy.dmarc' }),
    /header\.from=a@example\.com policy\.dmarc=none$/,
  );
});

test('RFC 8617 §4.1.1: ARC-Authentication-Results carries i= first; arc= reports smtp.remote-ip and header.oldest-pass', () => {
  const input: AuthResFieldInput = { authservId: 'lists.example.org', results: [{ method: 'arc', result: 'pass', remoteIp: '2001:db8::7', oldestPass: 1 }] };
  assert.equal(
    arcAuthResultsField(2, input),
    'ARC-Authentication-Results: i=2; lists.example.org;\r\n\tarc=pass smtp.remote-ip="2001:db8::7" header.oldest-pass=1',
  );
  assert.equal(formatArcAuthResults(1, { authservId: 'lists.example.org' }), 'i=1; lists.example.org; none');
  assert.throws(() => formatArcAuthResults(0, input), TypeError);
  assert.throws(() => formatArcAuthResults(51, input), TypeError);
});

test('RFC 8617 §10: arc= with the per-set verdicts as a comment; temperror when a key could not be fetched', () => {
  assert.equal(
    formatAuthResults(
      {
        authservId: 'mx.example.net',
        results: [
          { method: 'arc', result: 'pass', comment: 'as.2.forward.example=pass, ams.2.forward.example=pass', remoteIp: '192.0.2.7', oldestPass: 2 },
          { method: 'arc', result: 'temperror', remoteIp: '192.0.2.7' },
        ],
      },
      ONE_LINE,
    ),
    'mx.example.net; arc=pass (as.2.forward.example=pass, ams.2.forward.example=pass) smtp.remote-ip=192.0.2.7 header.oldest-pass=2; arc=temperror smtp.remote-ip=192.0.2.7',
  );
});

test('other methods are written from method, result and ptype.property=value as given', () => {
  assert.equal(
    formatAuthResults(
      {
        authservId: 'mx.example.org',
        results: [
          { method: 'iprev', result: 'pass', comment: 'mail.example.com', properties: [{ ptype: 'policy', property: 'iprev', value: '192.0.2.1' }] },
          { method: 'auth', result: 'pass', version: 1, properties: [{ ptype: 'smtp', property: 'auth', value: 'sender@example.net' }] },
          { method: 'x-custom', result: 'Pass', reason: 'because' },
        ],
      },
      ONE_LINE,
    ),
    'mx.example.org; iprev=pass (mail.example.com) policy.iprev=192.0.2.1; auth/1=pass smtp.auth="sender@example.net"; x-custom=pass reason=because',
  );
});

/** RFC 2045 token vs quoted-string, and RFC 8601 pvalue addresses. */
const QUOTING: Array<[what: string, mailFrom: string, written: string]> = [
  ['a plain address stays unquoted', 'user@example.com', 'smtp.mailfrom=user@example.com'],
  ['a domain alone', 'example.com', 'smtp.mailfrom=example.com'],
  ['angle brackets are dropped', '<user@example.com>', 'smtp.mailfrom=user@example.com'],
  ['"=" in the local-part quotes the address (BATV/SRS)', 'prvs=123=x@example.com', 'smtp.mailfrom="prvs=123=x@example.com"'],
  ['"/" in the local-part quotes the address', 'a/b@example.com', 'smtp.mailfrom="a/b@example.com"'],
  ['a quoted local-part is escaped inside the quoted-string', '"john doe"@example.com', 'smtp.mailfrom="\\"john doe\\"@example.com"'],
  ['an unquoted local-part with a space is quoted first', 'john doe@example.com', 'smtp.mailfrom="\\"john doe\\"@example.com"'],
  ['an IDN domain is written in A-labels (RFC 8616)', 'info@例え.jp', 'smtp.mailfrom=info@xn--r8jz45g.jp'],
  ['a non-ASCII local-part is left out of a 7-bit field', 'ユーザー@例え.jp', 'smtp.mailfrom=@xn--r8jz45g.jp'],
  ['a domain literal is no domain name: quoted', 'user@[192.0.2.1]', 'smtp.mailfrom="user@[192.0.2.1]"'],
];

for (const [what, mailFrom, written] of QUOTING) {
  test(`RFC 8601 §2.2 / RFC 2045 §5.1 quoting: ${what}`, () => {
    const value = formatAuthResults({ authservId: 'mx.example.org', results: [{ method: 'spf', result: 'pass', mailFrom }] }, ONE_LINE);
    assert.equal(value, `mx.example.org; spf=pass ${written}`);
    const parsed = parseAuthResults(value);
    assert.deepEqual(parsed.problems, []);
  });
}

test('RFC 6532: with utf8, non-ASCII local-parts and comments are written as UTF-8', () => {
  const value = formatAuthResults(
    { authservId: 'mx.example.jp', results: [{ method: 'dkim', result: 'pass', identity: 'ユーザー@例え.jp', domain: '例え.jp', comment: '署名を確認しました' }] },
    { ...ONE_LINE, utf8: true },
  );
  assert.equal(value, 'mx.example.jp; dkim=pass (署名を確認しました) header.d=xn--r8jz45g.jp header.i="ユーザー@xn--r8jz45g.jp"');
});

test('RFC 2047 §5: in a 7-bit field a Japanese comment is written as encoded-words and parsed back', () => {
  const comment = '署名が一致しません（本文が変更されています） body hash mismatch';
  const field = authResultsField({ authservId: 'mx.example.jp', results: [{ method: 'dkim', result: 'fail', comment, domain: 'example.jp' }] });
  // eslint-disable-next-line no-control-regex
  assert.match(field, /^[\x00-\x7f]*$/);
  assert.match(field, /=\?UTF-8\?B\?/);
  for (const line of field.split('\r\n')) assert.ok(line.length <= 78, line);
  assert.deepEqual(parseAuthResults(field).results[0]!.comments, [comment]);
});

test('reasons stay 7-bit without utf8: "§" becomes "section", dashes and quotes their ASCII forms', () => {
  const value = formatAuthResults({ authservId: 'mx', results: [{ method: 'dkim', result: 'fail', reason: 'RFC 6376 §3.5 — “x=” expired; 期限切れ' }] }, ONE_LINE);
  assert.equal(value, 'mx; dkim=fail reason="RFC 6376 section 3.5 - \\"x=\\" expired; ????"');
});

test('RFC 5322 §2.2.3: fields fold at 78 columns with CRLF + tab, one result per line, and unfold to the one-line form', () => {
  const input: AuthResFieldInput = {
    authservId: 'mx.example.org',
    results: [
      { method: 'spf', result: 'pass', mailFrom: 'someone.with.a.long.name@example.com', helo: 'mail.example.com', comment: 'mx.example.org: domain of someone designates 192.0.2.1' },
      { method: 'dkim', result: 'pass', domain: 'example.com', identity: '@example.com', selector: 's2024', algorithm: 'rsa-sha256', signature: 'AbCdEfGhIjKl' },
      { method: 'dmarc', result: 'pass', headerFrom: 'example.com', policy: 'reject', subdomainPolicy: 'reject', appliedDisposition: 'none', evaluatedDisposition: 'none' },
    ],
  };
  const field = authResultsField(input);
  const lines = field.split('\r\n');
  for (const line of lines) assert.ok(line.length <= 78, line);
  for (const line of lines.slice(1)) assert.match(line, /^[\t ]/);
  assert.equal(lines[0], 'Authentication-Results: mx.example.org;');
  assert.equal(lines.filter((l) => /^\t(spf|dkim|dmarc)=/.test(l)).length, 3, 'each result starts a line');
  assert.equal(unfold(field), `Authentication-Results: ${formatAuthResults(input, ONE_LINE)}`);
  assert.deepEqual(parseAuthResults(field).problems, []);
});

test('folding options: spaces as indent, results run on, and a long reason folds inside its quoted-string without changing it', () => {
  const reason = `${'x'.repeat(10)} ${'word '.repeat(30).trim()}`;
  const input: AuthResFieldInput = { authservId: 'mx.example.org', results: [{ method: 'dkim', result: 'fail', reason }, { method: 'spf', result: 'none' }] };
  const field = authResultsField(input, { indent: '    ', resultPerLine: false });
  for (const line of field.split('\r\n')) assert.ok(line.length <= 78, line);
  assert.match(field, /\r\n {4}|\r\n /);
  assert.equal(unfold(field, '    '), `Authentication-Results: ${formatAuthResults(input, ONE_LINE)}`);
  assert.equal(parseAuthResults(field).results[0]!.reason, reason);
});

test('header injection: CR, LF, NUL and other controls in any input never leave the field', () => {
  const field = authResultsField({
    authservId: 'mx.example.org\r\nX-Injected: yes',
    results: [
      {
        method: 'spf',
        result: 'fail',
        mailFrom: 'evil\r\nBcc: victim@example.net@example.com',
        helo: 'x\r\n\r\nbody',
        reason: 'a\u0000b\u0085c\u2028d\te',
        comment: ['line1\r\nX-Also: injected (paren', 'tab\there'],
      },
      { method: 'dkim', result: 'pass', domain: 'example.com\nX-Bad: 1', selector: 's\r\n1', signature: 'ab\r\nX-Sig: 1' },
      { method: 'x-any', result: 'pass', properties: [{ ptype: 'header', property: 'x', value: 'v\r\nX-Prop: 1' }] },
    ],
  });
  assertSafe(field);
  assert.doesNotMatch(field, /\r\n(X-|Bcc|body)/);
  const parsed = parseAuthResults(field);
  assert.equal(parsed.authservId, 'mx.example.org X-Injected: yes');
  assert.equal(parsed.results[0]!.reason, 'a b c d e');
  assert.deepEqual(parsed.results[0]!.comments, ['line1 X-Also: injected (paren', 'tab here']);
  assert.equal(parsed.results.length, 3);
});

test('hostile sizes: every piece is bounded, so no line passes 998 characters', () => {
  const huge = 'a'.repeat(100_000);
  const field = authResultsField({
    authservId: huge,
    results: [{ method: 'spf', result: 'fail', mailFrom: `${huge}@example.com`, reason: '"\\'.repeat(50_000), comment: huge }],
  });
  assertSafe(field);
  assert.ok(field.length < 4000, String(field.length));
});

test('programmer misuse throws a TypeError: bad keywords, empty authserv-id, bad options', () => {
  const ok = { authservId: 'mx.example.org' };
  assert.throws(() => formatAuthResults({ authservId: ' \r\n ' }), TypeError);
  assert.throws(() => formatAuthResults({ ...ok, results: [{ method: 'dk im', result: 'pass' }] }), TypeError);
  assert.throws(() => formatAuthResults({ ...ok, results: [{ method: 'dkim', result: 'pass\r\nX: y' as 'pass' }] }), TypeError);
  assert.throws(() => formatAuthResults({ ...ok, results: [{ method: 'x', result: 'pass', properties: [{ ptype: 'a.b', property: 'c', value: 'd' }] }] }), TypeError);
  assert.throws(() => formatAuthResults({ ...ok, results: [{ method: 'x', result: 'pass', version: -1 }] }), TypeError);
  assert.throws(() => formatAuthResults(ok, { indent: 'x' }), TypeError);
  assert.throws(() => formatAuthResults(ok, { lineLength: -1 }), TypeError);
  assert.throws(() => formatAuthResults(ok, { signaturePrefixLength: 0 }), TypeError);
});

test('RFC 6008 §4: one signature\'s header.b is its first N base64 characters, whatever folding or junk lies between them (2000 random b= values)', () => {
  let runs = 0;
  fc.assert(
    fc.property(fc.string({ unit: fc.constantFrom('A', 'z', '0', '+', '/', '=', ' ', '\t', '\r\n', '-', '_', '例'), maxLength: 40 }), fc.integer({ min: -1, max: 300 }), (b, n) => {
      runs++;
      const want = b.replace(/[^A-Za-z0-9+/=]/g, '').slice(0, Math.min(Math.max(n, 1), 200));
      assert.deepEqual(signaturePrefixes([b], n), [want]);
    }),
    { numRuns: 2000 },
  );
  assert.equal(runs, 2000);
});

test('the loops on the per-message path accept exactly what their regexes accept (4000 random values each)', async () => {
  const { PRINTABLE, PLAIN_DOMAIN, isPrintableWords, isPlainDomain, commentText } = await import('../../src/authres/quote.js');
  const text = fc.oneof(
    fc.string({ unit: fc.constantFrom('a', 'z', '0', '_', '-', '.', ' ', '~', '!', 'A', '\t', '\x7f', 'é', '(', ')', '\\'), maxLength: 16 }),
    fc.string({ maxLength: 16 }),
    fc.constantFrom('', ' ', 'a', '-a', 'a-', 'a.-b', 'a-.b', 'a..b', '.a', 'a.', 'mx.example.org', 'x_y.example'),
  );
  let runs = 0;
  fc.assert(
    fc.property(text, (v) => {
      runs++;
      assert.equal(isPrintableWords(v), PRINTABLE.test(v), JSON.stringify(v));
      assert.equal(isPlainDomain(v), PLAIN_DOMAIN.test(v), JSON.stringify(v));
      assert.equal(commentText(v), `(${v.replace(/[\\()]/g, '\\$&')})`, JSON.stringify(v));
    }),
    { numRuns: 4000 },
  );
  assert.equal(runs, 4000);
});
