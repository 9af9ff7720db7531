import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { buildDmarcRecord } from '../../src/dmarc/build.js';
import { parseDmarcRecord } from '../../src/dmarc/record.js';
import { runCli } from '../cli/run-cli.js';

test('RFC 9989: v=DMARC1 and p first, the tags given, the record parsed back', () => {
  assert.deepEqual(buildDmarcRecord({ domain: 'example.jp', p: 'quarantine', rua: ['mailto:dmarc@example.jp'], adkim: 's' }), {
    ok: true,
    name: '_dmarc.example.jp',
    record: 'v=DMARC1; p=quarantine; adkim=s; rua=mailto:dmarc@example.jp',
    external: [],
  });
  assert.deepEqual(buildDmarcRecord({ domain: 'example.jp' }), { ok: true, name: '_dmarc.example.jp', record: 'v=DMARC1; p=none', external: [] });
});

test('RFC 9990 §3: report destinations outside the organization need an authorization record', () => {
  const result = buildDmarcRecord({ domain: 'mail.example.co.jp', p: 'reject', rua: ['mailto:a@example.co.jp', 'mailto:b@reports.example.net'] });
  assert.ok(result.ok);
  assert.deepEqual(result.external, [{ destination: 'reports.example.net', name: 'mail.example.co.jp._report._dmarc.reports.example.net', record: 'v=DMARC1' }]);
});

test('invalid values are refused with the option named', () => {
  assert.deepEqual(buildDmarcRecord({ domain: 'example.jp', p: 'block' }), { ok: false, option: 'p', value: 'block' });
  assert.deepEqual(buildDmarcRecord({ domain: 'example.jp', rua: ['dmarc@example.jp'] }), { ok: false, option: 'rua', value: 'dmarc@example.jp' });
  assert.deepEqual(buildDmarcRecord({ domain: 'example.jp', fo: '1:x', ruf: ['mailto:f@example.jp'] }), { ok: false, option: 'fo', value: '1:x' });
  assert.deepEqual(buildDmarcRecord({ domain: 'example.jp', fo: '1' }), { ok: false, option: 'fo', value: '1' });
  assert.deepEqual(buildDmarcRecord({ domain: 'example.jp', fo: '0:1', ruf: ['mailto:f@example.jp'] }), { ok: false, option: 'fo', value: '0:1' });
  assert.deepEqual(buildDmarcRecord({ domain: 'not a domain' }), { ok: false, option: 'domain', value: 'not a domain' });
});

test('property: every combination of valid values gives a record the parser reads back with the same policy', () => {
  const policy = fc.constantFrom('none', 'quarantine', 'reject');
  const local = fc.stringMatching(/^[a-z][a-z0-9.-]{0,10}[a-z0-9]$/);
  fc.assert(
    fc.property(
      policy, fc.option(policy, { nil: undefined }), fc.option(policy, { nil: undefined }), fc.constantFrom('r', 's'), fc.constantFrom('r', 's'),
      fc.array(local, { maxLength: 3 }), fc.constantFrom('y', 'n'), fc.tuple(fc.constantFrom('0', '1'), fc.subarray(['d', 's'])).map(([first, rest]) => [first, ...rest]),
      (p, sp, np, adkim, aspf, locals, t, fo) => {
        const rua = locals.map((l) => `mailto:${l}@example.jp`);
        const result = buildDmarcRecord({ domain: 'example.jp', p, ...(sp ? { sp } : {}), ...(np ? { np } : {}), adkim, aspf, t, fo: fo.join(':'), rua, ruf: rua.slice(0, 1) });
        if (rua.length === 0) return assert.deepEqual(result, { ok: false, option: 'fo', value: fo.join(':') });
        assert.ok(result.ok);
        const parsed = parseDmarcRecord(result.record);
        assert.ok(parsed.ok);
        assert.equal(parsed.record.p, p);
        assert.equal(parsed.record.sp, sp);
        assert.equal(parsed.record.adkim, adkim);
        assert.equal(parsed.record.t, t);
        assert.equal(parsed.record.rua.length, locals.length);
        assert.deepEqual(parsed.record.problems.filter((x) => x.severity !== 'info'), []);
      },
    ),
    { numRuns: 300 },
  );
});

test('property: arbitrary strings never throw; they are built or refused', () => {
  fc.assert(
    fc.property(fc.string(), fc.string(), fc.array(fc.string(), { maxLength: 3 }), fc.string(), (domain, p, rua, fo) => {
      const result = buildDmarcRecord({ domain, p, rua, fo });
      if (result.ok) assert.ok(parseDmarcRecord(result.record).ok);
      return true;
    }),
    { numRuns: 300 },
  );
});

test('inkan dmarc build: the record, the zone line, the authorization for an external rua (en and ja); usage errors exit 2', async () => {
  const run = await runCli(['dmarc', 'build', '--domain', 'example.jp', '--p', 'quarantine', '--rua', 'mailto:dmarc@example.jp,mailto:agg@reports.example.net']);
  assert.equal(run.code, 0);
  assert.equal(
    run.stdout,
    [
      'DMARC record:',
      '  v=DMARC1; p=quarantine; rua=mailto:dmarc@example.jp,mailto:agg@reports.example.net',
      '',
      'Zone-file line:',
      '  _dmarc.example.jp. 3600 IN TXT "v=DMARC1; p=quarantine; rua=mailto:dmarc@example.jp,mailto:agg@reports.example.net"',
      '',
      'reports.example.net is outside your domain; its operator must publish:',
      '  example.jp._report._dmarc.reports.example.net. 3600 IN TXT "v=DMARC1"',
      '',
    ].join('\n'),
  );
  const ja = await runCli(['dmarc', 'build', '--domain', 'example.jp', '--lang', 'ja']);
  assert.ok(ja.stdout.includes('ゾーンファイルの行:'));
  assert.ok(ja.stdout.includes('p=none は監視だけです'));
  const json = JSON.parse((await runCli(['dmarc', 'build', '--domain', 'example.jp', '--json'])).stdout) as { record: string; zoneLine: string };
  assert.equal(json.zoneLine, '_dmarc.example.jp. 3600 IN TXT "v=DMARC1; p=none"');
  assert.equal((await runCli(['dmarc', 'build', '--domain', 'example.jp', '--p', 'block'])).code, 2);
  assert.equal((await runCli(['dmarc', 'build'])).code, 2);
  assert.ok((await runCli(['dmarc', 'build', '--help'])).stdout.includes('Exit codes:'));
});
