import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { formatStsPolicy, MAX_POLICY_LINES, parseStsPolicy } from '../../src/mtasts/policy.js';
import { parseStsRecord } from '../../src/mtasts/record.js';
import { parseTlsRptRecord } from '../../src/mtasts/tlsrpt.js';
import { mxPatternMatches, parseMxPattern } from '../../src/mtasts/mx.js';

const label = fc.stringMatching(/^[a-z0-9](?:[a-z0-9-]{0,10}[a-z0-9])?$/);
const hostName = fc.array(label, { minLength: 2, maxLength: 5 }).map((labels) => labels.join('.'));

/** Pieces that look like MTA-STS policy lines, broken ones included. */
const policyLine = fc.oneof(
  fc.constantFrom('version: STSv1', 'version: STSv2', 'mode: enforce', 'mode: testing', 'mode: none', 'mode: Enforce', 'mode: x', 'max_age: 86400', 'max_age: 99999999999', 'max_age: -5', 'mx:', ':', '', ' ', 'mx: *.', 'mx: *.*.a'),
  hostName.map((h) => `mx: ${h}`),
  hostName.map((h) => `mx: *.${h}`),
  fc.tuple(fc.stringMatching(/^[a-z_]{1,8}$/), fc.string({ maxLength: 20 })).map(([k, v]) => `${k}: ${v}`),
  fc.string({ maxLength: 40 }),
);
const policyText = fc.tuple(fc.array(policyLine, { maxLength: 30 }), fc.constantFrom('\n', '\r\n')).map(([lines, eol]) => lines.join(eol));

function policyBounded(text: string): boolean {
  const p = parseStsPolicy(text);
  const lineCount = text.split('\n').length;
  for (const problem of p.problems) assert.ok(problem.line >= 0 && problem.line <= Math.max(lineCount, MAX_POLICY_LINES + 1), JSON.stringify(problem));
  if (p.valid) {
    assert.ok(p.version === 'STSv1' && p.mode !== undefined && p.maxAge !== undefined);
    assert.ok(p.maxAge >= 0 && p.maxAge <= 31_557_600);
    if (p.mode !== 'none') assert.ok(p.mx.length > 0);
  }
  return true;
}

test('parseStsPolicy never throws, line numbers stay in the file, a usable policy has every required field', { timeout: 60_000 }, () => {
  fc.assert(fc.property(fc.string({ maxLength: 500 }), policyBounded), { numRuns: 2000 });
  fc.assert(fc.property(policyText, policyBounded), { numRuns: 3000 });
});

test('a usable policy formatted and parsed again gives the same policy', { timeout: 60_000 }, () => {
  fc.assert(
    fc.property(policyText, (text) => {
      const p = parseStsPolicy(text);
      if (!p.valid) return true;
      const again = parseStsPolicy(formatStsPolicy({ mode: p.mode!, mx: p.mx.map((m) => m.pattern), maxAge: p.maxAge! }));
      assert.equal(again.valid, true);
      assert.equal(again.mode, p.mode);
      assert.equal(again.maxAge, p.maxAge);
      assert.deepEqual(again.mx.map((m) => m.pattern), p.mx.map((m) => m.pattern));
      return true;
    }),
    { numRuns: 3000 },
  );
});

test('a policy file of 64 KiB of garbage is handled in bounded time', () => {
  const text = 'x'.repeat(64 * 1024);
  assert.equal(parseStsPolicy(text).valid, false);
  const lines = 'mx: a.example\n'.repeat(5000);
  const p = parseStsPolicy(lines);
  assert.equal(p.mx.length, MAX_POLICY_LINES);
  assert.ok(p.problems.some((x) => x.code === 'too-many-lines'));
});

const field = fc.oneof(
  fc.constantFrom('id=abc', 'id=', 'id=a-b', 'v=STSv1', 'rua=mailto:a@example.com', 'rua=https://r.example.com/x', 'rua=', 'rua=mailto:x', 'x=y', '=', ';', ''),
  fc.tuple(fc.string({ maxLength: 8 }), fc.string({ maxLength: 20 })).map(([k, v]) => `${k}=${v}`),
  fc.string({ maxLength: 30 }),
);
const nearRecord = (version: string) =>
  fc.tuple(fc.array(field, { maxLength: 12 }), fc.constantFrom(';', '; ', ' ;\t', ';;')).map(([fields, sep]) => [version, ...fields].join(sep));

function recordBounded(text: string, parse: typeof parseStsRecord | typeof parseTlsRptRecord): boolean {
  const r = parse(text);
  if (!r.ok) return true;
  for (const p of r.record.problems) assert.ok(p.position >= 0 && p.position <= text.length, JSON.stringify(p));
  assert.equal(r.record.valid, !r.record.problems.some((p) => p.severity === 'error') && ('id' in r.record ? r.record.id !== undefined : true));
  return true;
}

test('parseStsRecord never throws; problem positions are inside the text', { timeout: 60_000 }, () => {
  fc.assert(fc.property(fc.string({ maxLength: 300 }), (s) => recordBounded(s, parseStsRecord)), { numRuns: 2000 });
  fc.assert(fc.property(nearRecord('v=STSv1'), (s) => recordBounded(s, parseStsRecord)), { numRuns: 3000 });
});

test('parseTlsRptRecord never throws; positions are inside the text; every kept URI is mailto: or https:', { timeout: 60_000 }, () => {
  const check = (s: string): boolean => {
    recordBounded(s, parseTlsRptRecord);
    const r = parseTlsRptRecord(s);
    if (r.ok) for (const u of r.record.rua) assert.ok(u.scheme === 'mailto' || u.scheme === 'https');
    return true;
  };
  fc.assert(fc.property(fc.string({ maxLength: 300 }), check), { numRuns: 2000 });
  fc.assert(fc.property(nearRecord('v=TLSRPTv1'), check), { numRuns: 3000 });
});

test('RFC 8461 §4.1: a wildcard pattern matches a host exactly when the host is one more label on the domain', { timeout: 60_000 }, () => {
  fc.assert(
    fc.property(hostName, fc.array(label, { maxLength: 3 }), (domain, extra) => {
      const host = [...extra, domain].join('.');
      assert.equal(mxPatternMatches(`*.${domain}`, host), extra.length === 1);
      assert.equal(mxPatternMatches(domain, host), extra.length === 0);
      assert.ok(parseMxPattern(`*.${domain}`));
      return true;
    }),
    { numRuns: 3000 },
  );
  fc.assert(fc.property(fc.string({ maxLength: 40 }), fc.string({ maxLength: 40 }), (p, h) => typeof mxPatternMatches(p, h) === 'boolean'), { numRuns: 2000 });
});
