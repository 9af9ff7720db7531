import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseStsRecord, selectStsRecord, formatStsRecord, policyIdAt } from '../../src/mtasts/record.js';
import { parseTlsRptRecord, selectTlsRptRecord } from '../../src/mtasts/tlsrpt.js';

/** [record text, usable?, problem codes] — RFC 8461 §3.1 `sts-text-record`. */
const STS_TABLE: Array<[string, boolean, string[]]> = [
  ['v=STSv1; id=20160831085700Z;', true, []],
  ['v=STSv1; id=20160831085700Z', true, []],
  ['v=STSv1;id=abc', true, []],
  ['v=STSv1 ;\tid=abc ; ', true, []],
  ['v=STSv1; id=abc; ext_1.a-b=value', true, []],
  ['v=STSv1; id=' + 'a'.repeat(32), true, []],
  ['v=STSv1; id=' + 'a'.repeat(33), false, ['bad-id']],
  ['v=STSv1; id=abc-def', false, ['bad-id']],
  ['v=STSv1; id=', false, ['bad-id']],
  ['v=STSv1;', false, ['missing-id']],
  ['v=STSv1', false, ['missing-id']],
  ['v=STSv1; id=a; id=b', false, ['duplicate-field']],
  ['v=STSv1; id=a; v=STSv1', false, ['duplicate-field']],
  ['v=STSv1; id=a; garbage', false, ['field-syntax']],
  ['v=STSv1; id=a;; x=y', true, ['field-syntax']],
  ['v=STSv1; id=a; _bad=1', false, ['bad-extension']],
  ['v=STSv1; id=a; ok=has space', false, ['bad-extension']],
];

for (const [text, usable, codes] of STS_TABLE) {
  test(`RFC 8461 §3.1: ${JSON.stringify(text)} is ${usable ? 'usable' : 'not usable'}${codes.length ? ` (${codes.join(', ')})` : ''}`, () => {
    const r = parseStsRecord(text);
    assert.ok(r.ok);
    assert.equal(r.record.valid, usable);
    assert.deepEqual(r.record.problems.map((p) => p.code), codes);
  });
}

test('RFC 8461 §3.1: the id and extension fields are returned as written', () => {
  const r = parseStsRecord('v=STSv1; id=20160831085700Z; ext=1');
  assert.ok(r.ok);
  assert.equal(r.record.id, '20160831085700Z');
  assert.deepEqual(r.record.extensions, [{ name: 'ext', value: '1', position: 29 }]);
});

test('RFC 8461 §3.1: a record that does not begin with v=STSv1 is not an MTA-STS record', () => {
  assert.deepEqual(parseStsRecord('id=abc; v=STSv1'), { ok: false, reason: 'no-version' });
  assert.deepEqual(parseStsRecord('v=STSv2; id=abc'), { ok: false, reason: 'bad-version' });
  assert.deepEqual(parseStsRecord('v=stsv1; id=abc'), { ok: false, reason: 'bad-version' });
  assert.deepEqual(parseStsRecord('v=STSv10; id=abc'), { ok: false, reason: 'bad-version' });
});

test('RFC 8461 §3.1: other TXT records are discarded; more than one MTA-STS record means no policy', () => {
  const one = selectStsRecord('_mta-sts.example.com', ['google-site-verification=x', 'v=STSv1; id=a']);
  assert.equal(one.status, 'found');
  const two = selectStsRecord('_mta-sts.example.com', ['v=STSv1; id=a', 'v=STSv1; id=b']);
  assert.deepEqual(two, { status: 'multiple', name: '_mta-sts.example.com', texts: ['v=STSv1; id=a', 'v=STSv1; id=b'] });
  const none = selectStsRecord('_mta-sts.example.com', ['v=spf1 -all']);
  assert.deepEqual(none, { status: 'none', name: '_mta-sts.example.com', dns: 'records', ignored: ['v=spf1 -all'] });
  assert.equal(selectStsRecord('_mta-sts.example.com', ['v=STSv1; id=a-b']).status, 'invalid');
});

test('a suggested record uses a time-based id that is a valid sts-id', () => {
  const id = policyIdAt(new Date('2026-11-30T05:30:07.123Z'));
  assert.equal(id, '20261130053007Z');
  const r = parseStsRecord(formatStsRecord(id));
  assert.ok(r.ok && r.record.valid);
});

/** [record text, usable?, problem codes, rua URIs] — RFC 8460 §3. */
const TLSRPT_TABLE: Array<[string, boolean, string[], string[]]> = [
  ['v=TLSRPTv1; rua=mailto:tlsrpt@example.com', true, [], ['mailto:tlsrpt@example.com']],
  ['v=TLSRPTv1;rua=https://reporting.example.com/v1/tlsrpt', true, [], ['https://reporting.example.com/v1/tlsrpt']],
  ['v=TLSRPTv1; rua=mailto:a@example.com, https://r.example.net/x', true, [], ['mailto:a@example.com', 'https://r.example.net/x']],
  ['v=TLSRPTv1; rua=mailto:a%2Cb@example.com', true, [], ['mailto:a%2Cb@example.com']],
  ['v=TLSRPTv1; rua=mailto:a@example.com; ext=1;', true, [], ['mailto:a@example.com']],
  ['v=TLSRPTv1;', false, ['missing-rua'], []],
  ['v=TLSRPTv1; rua=', false, ['empty-rua'], []],
  ['v=TLSRPTv1; rua=http://r.example.com/', false, ['bad-scheme'], []],
  ['v=TLSRPTv1; rua=ftp://r.example.com/, mailto:a@example.com', false, ['bad-scheme'], ['mailto:a@example.com']],
  ['v=TLSRPTv1; rua=mailto:not-an-address', false, ['bad-uri'], []],
  ['v=TLSRPTv1; rua=https://', false, ['bad-uri'], []],
  ['v=TLSRPTv1; rua=tlsrpt@example.com', false, ['bad-uri'], []],
  ['v=TLSRPTv1; rua=mailto:a@example.com,,mailto:b@example.com', false, ['bad-uri'], ['mailto:a@example.com', 'mailto:b@example.com']],
  ['v=TLSRPTv1; rua=mailto:a@example.com; rua=mailto:b@example.com', false, ['duplicate-field'], ['mailto:a@example.com']],
];

for (const [text, usable, codes, uris] of TLSRPT_TABLE) {
  test(`RFC 8460 §3: ${JSON.stringify(text)} is ${usable ? 'usable' : 'not usable'}${codes.length ? ` (${codes.join(', ')})` : ''}`, () => {
    const r = parseTlsRptRecord(text);
    assert.ok(r.ok);
    assert.equal(r.record.valid, usable);
    assert.deepEqual(r.record.problems.map((p) => p.code), codes);
    assert.deepEqual(r.record.rua.map((u) => u.uri), uris);
  });
}

test('RFC 8460 §3: the position of a bad URI points at it; eleven URIs are capped at ten', () => {
  const text = 'v=TLSRPTv1; rua=mailto:a@example.com, gopher://x';
  const r = parseTlsRptRecord(text);
  assert.ok(r.ok);
  const bad = r.record.problems[0]!;
  assert.equal(text.slice(bad.position), 'gopher://x');
  const many = parseTlsRptRecord(`v=TLSRPTv1; rua=${Array.from({ length: 11 }, (_, i) => `mailto:r${i}@example.com`).join(',')}`);
  assert.ok(many.ok);
  assert.equal(many.record.rua.length, 10);
  assert.deepEqual(many.record.problems.map((p) => p.code), ['too-many-uris']);
});

test('RFC 8460 §3: several TLS-RPT records mean no reports; other TXT records are discarded', () => {
  assert.equal(selectTlsRptRecord('_smtp._tls.example.com', ['v=TLSRPTv1; rua=mailto:a@example.com', 'v=TLSRPTv1; rua=mailto:b@example.com']).status, 'multiple');
  assert.equal(selectTlsRptRecord('_smtp._tls.example.com', ['x', 'v=TLSRPTv1; rua=mailto:a@example.com']).status, 'found');
  assert.deepEqual(parseTlsRptRecord('v=TLSRPTv2; rua=mailto:a@example.com'), { ok: false, reason: 'bad-version' });
});
