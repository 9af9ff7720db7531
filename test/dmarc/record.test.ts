import { test } from 'node:test';
import assert from 'node:assert/strict';
import { effectivePolicy, isDmarcRecord, parseDmarcRecord } from '../../src/dmarc/record.js';
import { parseUriList } from '../../src/dmarc/uri.js';
import type { DmarcRecord } from '../../src/dmarc/types.js';

function parse(text: string): DmarcRecord {
  const r = parseDmarcRecord(text);
  assert.ok(r.ok, `${text}: ${JSON.stringify(!r.ok && r.error)}`);
  return r.record;
}

function codes(record: DmarcRecord): string[] {
  return record.problems.map((p) => `${p.code}${p.tag ? `:${p.tag}` : ''}`);
}

test('RFC 9989 §4.7: defaults when only v= and p= are given', () => {
  const r = parse('v=DMARC1; p=reject');
  assert.equal(r.p, 'reject');
  assert.equal(r.sp, undefined);
  assert.equal(r.np, undefined);
  assert.equal(r.psd, 'u');
  assert.equal(r.t, 'n');
  assert.equal(r.adkim, 'r');
  assert.equal(r.aspf, 'r');
  assert.deepEqual(r.fo, ['0']);
  assert.deepEqual(r.rua, []);
  assert.deepEqual(r.problems, []);
});

test('RFC 9989 §4.7: every tag with a valid value', () => {
  const r = parse('v=DMARC1; p=quarantine; sp=reject; np=none; psd=n; t=y; adkim=s; aspf=s; fo=1:d:s; rua=mailto:a@example.com; ruf=mailto:f@example.com');
  assert.deepEqual(
    { p: r.p, sp: r.sp, np: r.np, psd: r.psd, t: r.t, adkim: r.adkim, aspf: r.aspf, fo: r.fo },
    { p: 'quarantine', sp: 'reject', np: 'none', psd: 'n', t: 'y', adkim: 's', aspf: 's', fo: ['1', 'd', 's'] },
  );
  assert.equal(r.rua[0]?.address, 'a@example.com');
  assert.equal(r.ruf[0]?.domain, 'example.com');
  assert.deepEqual(r.problems, []);
  assert.ok(r.tags.every((t) => t.status === 'valid'));
});

test('RFC 9989 §4.8: keyword values are case-insensitive ABNF strings, the version is not', () => {
  const r = parse('v=DMARC1; p=REJECT; adkim=S; t=Y; psd=N');
  assert.deepEqual([r.p, r.adkim, r.t, r.psd], ['reject', 's', 'y', 'n']);
  assert.deepEqual(parseDmarcRecord('v=dmarc1; p=reject'), { ok: false, error: { code: 'bad-version', position: 2, detail: 'dmarc1' } });
});

const notRecords: Array<[string, string, string]> = [
  ['empty', '', 'no-version'],
  ['SPF text', 'v=spf1 -all', 'bad-version'],
  ['v not first', 'p=reject; v=DMARC1', 'no-version'],
  ['another version', 'v=DMARC2; p=reject', 'bad-version'],
  ['lower-case version', 'v=dmarc1; p=none', 'bad-version'],
  ['upper-case tag name V', 'V=DMARC1; p=none', 'no-version'],
  ['garbage first', 'hello; v=DMARC1', 'no-version'],
  ['too long', `v=DMARC1; p=none; x=${'a'.repeat(9000)}`, 'too-long'],
];
for (const [what, text, code] of notRecords) {
  test(`RFC 9989 §4.7 v: ${what} is not a DMARC record (${code})`, () => {
    const r = parseDmarcRecord(text);
    assert.equal(r.ok, false);
    if (!r.ok) assert.equal(r.error.code, code);
    if (code !== 'too-long') assert.equal(isDmarcRecord(text), false);
  });
}

test('RFC 9989 §4.8: whitespace around "=" and ";" and a trailing ";" are allowed', () => {
  const r = parse('v = DMARC1 ;  p = none ;\tsp=reject ;');
  assert.equal(r.p, 'none');
  assert.equal(r.sp, 'reject');
  assert.deepEqual(r.problems, []);
  assert.ok(isDmarcRecord('v = DMARC1 ;  p = none'));
});

/** Invalid values: each is discarded for its default and reported with its tag and position. */
const invalidValues: Array<[string, string, keyof DmarcRecord, unknown]> = [
  ['p', 'p=bogus', 'p', undefined],
  ['sp', 'sp=rejected', 'sp', undefined],
  ['np', 'np=1', 'np', undefined],
  ['psd', 'psd=x', 'psd', 'u'],
  ['t', 't=yes', 't', 'n'],
  ['adkim', 'adkim=relaxed', 'adkim', 'r'],
  ['aspf', 'aspf=x', 'aspf', 'r'],
  ['fo 0 and 1 together', 'fo=0:1', 'fo', ['0']],
  ['fo repeated option', 'fo=d:d', 'fo', ['0']],
  ['fo unknown option', 'fo=x', 'fo', ['0']],
  ['empty value', 'adkim=', 'adkim', 'r'],
  ['non-ASCII value', 'aspf=ſ', 'aspf', 'r'],
];
for (const [what, tag, field, expected] of invalidValues) {
  test(`RFC 9989 §4.8: an invalid ${what} is discarded in favour of the default`, () => {
    const text = `v=DMARC1; p=none; ${tag}`.replace('p=none; p=', 'p=');
    const r = parse(text);
    assert.deepEqual(r[field], expected);
    const problem = r.problems.find((p) => p.code === 'invalid-value');
    assert.ok(problem, JSON.stringify(r.problems));
    assert.equal(text.slice(problem.position, problem.position + (problem.detail?.length ?? 0)), problem.detail);
    if (field === 'p' || field === 'sp' || field === 'np') assert.deepEqual(r.invalidPolicyTags, [field]);
  });
}

test('RFC 9989 §4.7 fo: the grammar allows d and s with or without 0/1, in any order', () => {
  for (const [value, expected] of [
    ['0', ['0']],
    ['d', ['d']],
    ['s:d', ['s', 'd']],
    ['d:1:s', ['d', '1', 's']],
    ['1', ['1']],
  ] as const) {
    assert.deepEqual(parse(`v=DMARC1; p=none; fo=${value}; ruf=mailto:f@example.com`).fo, expected);
  }
});

test('RFC 9989 Appendix C.5.2: pct, rf and ri are read but reported as removed', () => {
  const r = parse('v=DMARC1; p=quarantine; pct=25; rf=afrf; ri=86400');
  assert.equal(r.pct, 25);
  assert.deepEqual(r.rf, ['afrf']);
  assert.equal(r.ri, 86400);
  assert.deepEqual(codes(r), ['removed-tag:pct', 'removed-tag:rf', 'removed-tag:ri']);
  assert.deepEqual(r.problems.map((p) => p.severity), ['warning', 'warning', 'warning']);
  assert.deepEqual(r.tags.map((t) => t.status), ['valid', 'valid', 'removed', 'removed', 'removed']);
  const bad = parse('v=DMARC1; p=none; pct=101');
  assert.equal(bad.pct, undefined);
  assert.deepEqual(codes(bad), ['removed-tag:pct', 'invalid-value:pct']);
});

test('RFC 9989 §4.7: unknown tags are ignored but reported, with a hint for a wrongly cased known tag', () => {
  const r = parse('v=DMARC1; p=none; foo=bar; P=reject');
  assert.equal(r.p, 'none');
  assert.deepEqual(codes(r), ['unknown-tag:foo', 'unknown-tag:P']);
  assert.equal(r.problems[1]?.detail, 'p');
  assert.equal(r.problems[0]?.severity, 'info');
});

test('RFC 9989 §4.7: a missing p= is treated as p=none, with a warning', () => {
  const r = parse('v=DMARC1; rua=mailto:d@example.com');
  assert.equal(r.p, undefined);
  assert.deepEqual(codes(r), ['missing-p']);
  assert.deepEqual(effectivePolicy(r), { ok: true, p: 'none', sp: 'none', np: 'none' });
});

test('RFC 6376 §3.2 via RFC 9989 §4.7: a repeated tag is an error, and all its values are discarded', () => {
  const r = parse('v=DMARC1; p=none; p=reject; adkim=s; adkim=s');
  assert.equal(r.p, undefined);
  assert.equal(r.adkim, 'r');
  assert.deepEqual(codes(r), ['duplicate-tag:p', 'duplicate-tag:p', 'duplicate-tag:adkim', 'duplicate-tag:adkim']);
  assert.deepEqual(r.invalidPolicyTags, ['p']);
  assert.equal(effectivePolicy(r).ok, false);
});

test('RFC 9989 §4.8: a piece that is not tag=value spoils only itself', () => {
  const r = parse('v=DMARC1; p=reject; this is junk; 9x=1; adkim=s');
  assert.equal(r.p, 'reject');
  assert.equal(r.adkim, 's');
  assert.deepEqual(codes(r), ['tag-syntax', 'tag-syntax']);
  assert.equal(r.problems[0]?.detail, 'this is junk');
});

test('RFC 9989 §4.7: fo= without ruf= has no effect (warning)', () => {
  assert.deepEqual(codes(parse('v=DMARC1; p=none; fo=1')), ['fo-without-ruf:fo']);
});

test('RFC 9989 §4.10.1: an invalid p, sp or np with a usable rua acts as p=none', () => {
  for (const bad of ['p=x', 'p=reject; sp=x', 'p=reject; np=x']) {
    const r = parse(`v=DMARC1; ${bad}; rua=mailto:d@example.com`);
    const e = effectivePolicy(r);
    assert.ok(e.ok);
    assert.deepEqual([e.p, e.sp, e.np], ['none', 'none', 'none']);
    assert.equal(e.replacedInvalid?.length, 1);
  }
});

test('RFC 9989 §4.10.1: an invalid p, sp or np without a usable rua gives no DMARC processing', () => {
  assert.deepEqual(effectivePolicy(parse('v=DMARC1; p=x')), { ok: false, invalid: ['p'] });
  assert.deepEqual(effectivePolicy(parse('v=DMARC1; p=reject; np=maybe; rua=bogus')), { ok: false, invalid: ['np'] });
});

test('RFC 9989 §4.7: sp defaults to p and np to sp', () => {
  assert.deepEqual(effectivePolicy(parse('v=DMARC1; p=reject')), { ok: true, p: 'reject', sp: 'reject', np: 'reject' });
  assert.deepEqual(effectivePolicy(parse('v=DMARC1; p=reject; sp=none')), { ok: true, p: 'reject', sp: 'none', np: 'none' });
  assert.deepEqual(effectivePolicy(parse('v=DMARC1; p=none; np=reject')), { ok: true, p: 'none', sp: 'none', np: 'reject' });
});

/** rua/ruf URI lists (RFC 9989 §4.6, §4.8). */
const uriCases: Array<[string, string, Array<string | undefined>, string[]]> = [
  ['one mailto', 'mailto:d@example.com', ['d@example.com'], []],
  ['two with spaces', 'mailto:a@example.com , mailto:b@example.net', ['a@example.com', 'b@example.net'], []],
  ['size suffix (obsolete)', 'mailto:a@example.com!10m', ['a@example.com'], ['obsolete-size-limit']],
  ['percent-encoded address', 'mailto:d%2Breports@example.com', ['d+reports@example.com'], []],
  ['https is not mailto', 'https://reports.example.com/dmarc', [undefined], ['unsupported-uri-scheme']],
  ['no scheme', 'd@example.com', [], ['bad-uri']],
  ['bad size suffix', 'mailto:a@example.com!big', [], ['bad-uri']],
  ['mailto without domain', 'mailto:someone', [], ['bad-uri']],
  ['empty item', 'mailto:a@example.com,,mailto:b@example.com', ['a@example.com', 'b@example.com'], ['bad-uri']],
];
for (const [what, value, addresses, problemCodes] of uriCases) {
  test(`RFC 9989 §4.8 dmarc-urilist: ${what}`, () => {
    const r = parseUriList(value, 0, 'rua');
    assert.deepEqual(r.uris.map((u) => u.address), addresses);
    assert.deepEqual(r.problems.map((p) => p.code), problemCodes);
  });
}

test('RFC 7489 §6.2: the size suffix is read in bytes, units k m g t', () => {
  const r = parseUriList('mailto:a@example.com!10m,mailto:b@example.com!512k,mailto:c@example.com!1', 0, 'rua');
  assert.deepEqual(r.uris.map((u) => u.maxSize?.bytes), [10 * 1024 * 1024, 512 * 1024, 1]);
});

test('RFC 9989 §4.8: a rua with no valid URI leaves the record without reporting, reported', () => {
  const r = parse('v=DMARC1; p=none; rua=reports');
  assert.deepEqual(r.rua, []);
  assert.deepEqual(codes(r), ['bad-uri:rua']);
  assert.equal(r.tags[2]?.status, 'invalid');
});

test('hostile input: a rua with thousands of URIs is cut at the bound', () => {
  const many = Array.from({ length: 5000 }, (_, i) => `mailto:r${i}@example.com`).join(',');
  const r = parseUriList(many, 0, 'rua');
  assert.equal(r.uris.length, 32);
  assert.deepEqual(r.problems.map((p) => p.code), ['too-many-uris']);
});

test('problem positions point into the record text', () => {
  const text = 'v=DMARC1; p=none; adkim=q; foo=1';
  const r = parse(text);
  for (const p of r.problems) assert.ok(p.position >= 0 && p.position <= text.length);
  assert.equal(text.slice(r.problems[0]!.position), 'q; foo=1');
  assert.equal(text.slice(r.problems[1]!.position), 'foo=1');
});
