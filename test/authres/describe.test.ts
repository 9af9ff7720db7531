import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeAuthResProblem, describeAuthResult, hasAuthResultDescription, parseAuthResults, type AuthResProblemCode } from '../../src/authres/index.js';
import { hasMessage, t } from '../../src/i18n/index.js';

/** The result words RFC 8601 §2.7, RFC 7489 §11.2 and RFC 8617 §4.4 define for the methods inkan reports. */
const RESULTS: Record<string, string[]> = {
  spf: ['none', 'neutral', 'pass', 'fail', 'softfail', 'temperror', 'permerror', 'policy'],
  dkim: ['none', 'pass', 'fail', 'policy', 'neutral', 'temperror', 'permerror'],
  dmarc: ['none', 'pass', 'fail', 'temperror', 'permerror'],
  arc: ['none', 'pass', 'fail', 'temperror'],
  iprev: ['pass', 'fail', 'temperror', 'permerror'],
  auth: ['none', 'pass', 'fail', 'temperror', 'permerror'],
};

test('every registered result of spf, dkim, dmarc, arc, iprev and auth has its own description in English and Japanese', () => {
  for (const [method, words] of Object.entries(RESULTS)) {
    for (const result of words) {
      assert.ok(hasAuthResultDescription(method, result), `${method}=${result}`);
      const en = describeAuthResult({ method, result }, 'en');
      const ja = describeAuthResult({ method, result }, 'ja');
      assert.notEqual(en, ja);
      assert.ok(en.length > 10 && ja.length > 10);
    }
  }
});

test('descriptions say what the result means to a reader', () => {
  assert.match(describeAuthResult({ method: 'dkim', result: 'pass' }), /not changed after signing/);
  assert.match(describeAuthResult({ method: 'spf', result: 'softfail' }), /probably not allowed/);
  assert.match(describeAuthResult({ method: 'dmarc', result: 'fail' }, 'ja'), /詐称/);
  assert.equal(describeAuthResult({ method: 'DKIM', result: 'Pass' }), describeAuthResult({ method: 'dkim', result: 'pass' }));
});

test('a method or result inkan does not know gets a generic sentence', () => {
  assert.equal(hasAuthResultDescription('x-vs', 'clean'), false);
  assert.equal(describeAuthResult({ method: 'x-vs', result: 'clean' }), t('en', 'authres.meaning.other', { method: 'x-vs', result: 'clean' }));
  assert.match(describeAuthResult({ method: 'x-vs', result: 'clean' }, 'ja'), /x-vs=clean/);
  assert.match(describeAuthResult({ method: 'dkim', result: 'perm_fail' }), /dkim=perm_fail/);
});

test('every parser problem has a message in both languages, with its column and text', () => {
  const codes: AuthResProblemCode[] = [
    'empty', 'missing-authserv-id', 'bad-version', 'missing-semicolon', 'missing-results', 'missing-result', 'bad-keyword', 'missing-value',
    'property-without-ptype', 'duplicate-reason', 'none-with-results', 'unexpected-text', 'unterminated-comment', 'unterminated-quoted-string',
  ];
  for (const code of codes) assert.ok(hasMessage(`authres.problem.${code}`), code);
  const parsed = parseAuthResults('mx.example.com; dkim=pass garbage', { maxResults: 5 });
  assert.equal(describeAuthResProblem(parsed.problems[0]!), 'column 27: text that belongs to nothing was skipped ("garbage")');
  assert.equal(describeAuthResProblem(parsed.problems[0]!, 'ja'), '27 文字目: どこにも属さない文字列を読み飛ばしました（"garbage"）');
  const limited = parseAuthResults('mx; spf=pass; spf=pass', { maxResults: 1 });
  assert.match(describeAuthResProblem(limited.problems[0]!), /maxResults = 1/);
});

test('the removal notice exists in both languages', () => {
  assert.match(t('en', 'authres.forged', { count: 2, authservId: 'mx.example.org', renamed: false }), /2 Authentication-Results fields .* were removed/);
  assert.match(t('ja', 'authres.forged', { count: 1, authservId: 'mx.example.org', renamed: true }), /名前を変えました/);
});
