import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseBimiRecord, parseBimiSelector } from '../../src/bimi/record.js';
import type { BimiRecord } from '../../src/bimi/types.js';

function record(text: string): BimiRecord {
  const parsed = parseBimiRecord(text);
  assert.ok(parsed.ok, `${text} did not parse`);
  return parsed.record;
}
const codes = (r: BimiRecord): string[] => r.problems.map((p) => p.code);

test('BIMI record: v=BIMI1 with l= and a=', () => {
  const r = record('v=BIMI1; l=https://images.example.com/logo.svg; a=https://images.example.com/vmc.pem');
  assert.deepEqual(r.locations, ['https://images.example.com/logo.svg']);
  assert.equal(r.evidence, 'https://images.example.com/vmc.pem');
  assert.equal(r.declined, false);
  assert.deepEqual(r.problems, []);
  assert.deepEqual(r.tags.map((t) => t.name), ['v', 'l', 'a']);
});

test('BIMI record: whitespace around tags and values, trailing semicolon', () => {
  const r = record('  v = BIMI1 ;  l = https://e.example/l.svg ;  ');
  assert.deepEqual(r.locations, ['https://e.example/l.svg']);
  assert.deepEqual(r.problems, []);
});

test('BIMI record: l= is a comma-separated list; each must be https', () => {
  const r = record('v=BIMI1; l=https://a.example/1.svg, http://b.example/2.svg, https://c.example/3.svg');
  assert.deepEqual(r.locations, ['https://a.example/1.svg', 'https://c.example/3.svg']);
  assert.deepEqual(codes(r), ['location-not-https']);
  assert.equal(r.problems[0]?.detail, 'http://b.example/2.svg');
});

test('BIMI record: more locations than the cap are reported', () => {
  const r = record(`v=BIMI1; l=${Array.from({ length: 6 }, (_, i) => `https://e.example/${i}.svg`).join(',')}`);
  assert.equal(r.locations.length, 4);
  assert.deepEqual(codes(r), ['too-many-locations']);
});

test('BIMI record: v=BIMI1; l=; a=; declines (draft §4.2)', () => {
  const r = record('v=BIMI1; l=; a=;');
  assert.equal(r.declined, true);
  assert.deepEqual(r.locations, []);
  assert.equal(r.evidence, undefined);
  assert.deepEqual(r.problems, []);
  assert.equal(record('v=BIMI1; l=').declined, true);
});

test('BIMI record: empty l= with an a= certificate is not a declination (the logo comes from the certificate)', () => {
  const r = record('v=BIMI1; l=; a=https://e.example/vmc.pem');
  assert.equal(r.declined, false);
  assert.deepEqual(r.problems, []);
});

test('BIMI record: neither l= nor a= is missing-location', () => {
  assert.deepEqual(codes(record('v=BIMI1;')), ['missing-location']);
});

test('BIMI record: problems with stable ids (10/10)', (t) => {
  const table: Array<[string, string[]]> = [
    ['v=BIMI1; l=https://e.example/a.svg; l=https://e.example/b.svg', ['duplicate-tag']],
    ['v=BIMI1; l=https://e.example/a.svg; x=1', ['unknown-tag']],
    ['v=BIMI1; l=https://e.example/a.svg; garbage', ['tag-syntax']],
    ['v=BIMI1; l=not a url', ['bad-location']],
    ['v=BIMI1; l=ftp://e.example/a.svg', ['location-not-https']],
    ['v=BIMI1; l=https://e.example/a.svg; a=http://e.example/v.pem', ['evidence-not-https']],
    ['v=BIMI1; l=https://e.example/a.svg; a=::', ['bad-evidence']],
    ['v=BIMI1; l=https://e.example/a.svg; avp=company', ['bad-avp']],
    ['v=bimi1; l=https://e.example/a.svg', ['version-case']],
    ['v=BIMI1; l=https://user:pw@e.example/a.svg', ['bad-location']],
  ];
  for (const [text, expected] of table) assert.deepEqual(codes(record(text)), expected, text);
  t.diagnostic(`BIMI record problem cases: ${table.length}/${table.length}`);
});

test('BIMI record: avp=brand and avp=personal', () => {
  assert.equal(record('v=BIMI1; l=https://e.example/a.svg; avp=brand').avp, 'brand');
  assert.equal(record('v=BIMI1; l=https://e.example/a.svg; avp=Personal').avp, 'personal');
});

test('BIMI record: not a BIMI record unless v=BIMI1 comes first', () => {
  for (const text of ['l=https://e.example/a.svg; v=BIMI1', 'v=BIMI2; l=x', 'v=spf1 -all', '', 'v=BIMI1x']) {
    const parsed = parseBimiRecord(text);
    assert.equal(parsed.ok, false, text);
    if (!parsed.ok) assert.equal(parsed.error.code, 'no-version');
  }
  const long = parseBimiRecord(`v=BIMI1; l=https://e.example/${'a'.repeat(5000)}`);
  assert.equal(long.ok ? 'ok' : long.error.code, 'too-long');
});

test('BIMI-Selector header: v=BIMI1; s=selector (draft §4.3)', () => {
  assert.deepEqual(parseBimiSelector('v=BIMI1; s=brand2026'), { ok: true, selector: 'brand2026' });
  assert.deepEqual(parseBimiSelector(' v=BIMI1;  s=Spring.Brand '), { ok: true, selector: 'spring.brand' });
  assert.deepEqual(parseBimiSelector('s=brand'), { ok: false, reason: 'no-version' });
  assert.deepEqual(parseBimiSelector('v=BIMI1'), { ok: false, reason: 'no-selector' });
  assert.deepEqual(parseBimiSelector('v=BIMI1; s=bad_sel!'), { ok: false, reason: 'bad-selector' });
  assert.deepEqual(parseBimiSelector('v=BIMI1; s=-x'), { ok: false, reason: 'bad-selector' });
  assert.deepEqual(parseBimiSelector('v=BIMI1; junk'), { ok: false, reason: 'tag-syntax' });
});
