import { test } from 'node:test';
import assert from 'node:assert/strict';
import { daysCovered, summarize } from '../../src/reports/analyse/summary.js';
import { buildSources } from '../../src/reports/analyse/sources.js';
import { advise } from '../../src/reports/analyse/advise.js';
import type { AnalysisRow } from '../../src/reports/analyse/rows.js';
import { recognizeService } from '../../src/reports/services.js';

const DAY = 86_400;
const D0 = 1764460800; // 2025-11-30

function row(over: Partial<AnalysisRow>): AnalysisRow {
  return { orgName: 'google.com', reportId: 'r', dateBegin: D0, dateEnd: D0 + DAY - 1, policy: 'none', sourceIp: '192.0.2.1', count: 10, disposition: 'none', dkim: 'pass', spf: 'pass', headerFrom: 'example.com', dkimResults: [{ domain: 'example.com', result: 'pass' }], spfResults: [{ domain: 'example.com', result: 'pass' }], ...over };
}

test('multi-day reports are spread over the days they cover, in proportion to the time', () => {
  assert.deepEqual(daysCovered(D0, D0 + DAY - 1), [{ day: '2025-11-30', share: 1 }]);
  assert.deepEqual(daysCovered(D0 - DAY, D0 + DAY - 1).map((d) => [d.day, d.share]), [['2025-11-29', 0.5], ['2025-11-30', 0.5]]);
  assert.deepEqual(daysCovered(D0 + DAY / 2, D0 + DAY + DAY / 2).map((d) => [d.day, d.share]), [['2025-11-30', 0.5], ['2025-12-01', 0.5]]);
  const s = summarize([row({ dateBegin: D0 - 2 * DAY, dateEnd: D0 + DAY - 1, count: 300 })], { domain: 'example.com' });
  assert.deepEqual(s.byDay.map((d) => [d.day, d.messages]), [['2025-11-28', 100], ['2025-11-29', 100], ['2025-11-30', 100]]);
  const scoped = summarize([row({ dateBegin: D0 - 2 * DAY, dateEnd: D0 + DAY - 1, count: 300 })], { domain: 'example.com', since: D0 });
  assert.deepEqual(scoped.byDay.map((d) => [d.day, d.messages]), [['2025-11-30', 100]]);
});

test('summary rates: DMARC pass is aligned DKIM or aligned SPF', () => {
  const s = summarize([row({ count: 6 }), row({ count: 2, dkim: 'fail' }), row({ count: 2, dkim: 'fail', spf: 'fail', disposition: 'quarantine' })], { domain: 'example.com' });
  assert.deepEqual(s.total, { messages: 10, dmarcPass: 8, spfAligned: 8, dkimAligned: 6 });
  assert.deepEqual(s.rates, { dmarcPass: 0.8, spfAligned: 0.8, dkimAligned: 0.6 });
  assert.deepEqual(s.dispositions, { none: 8, quarantine: 2 });
});

test('services are recognised from PTR, DKIM d= and SPF domains (one table shared with src/audit/providers.ts)', () => {
  assert.equal(recognizeService({ ptr: 'a8-12.smtp-out.amazonses.com', dkimDomains: [], spfDomains: [] })?.service.id, 'amazonses');
  assert.equal(recognizeService({ dkimDomains: ['example.gappssmtp.com'], spfDomains: [] })?.service.id, 'google');
  assert.equal(recognizeService({ dkimDomains: [], spfDomains: ['mcsv.net'] })?.service.id, 'mailchimp');
  assert.equal(recognizeService({ ptr: 'mail.unknown.example', dkimDomains: [], spfDomains: [] }), undefined);
});

test('classification: ours and aligned, ours but failing (with the fix), forwarded, unknown', () => {
  const rows = [
    row({ sourceIp: '192.0.2.1', count: 1000 }),
    row({ sourceIp: '192.0.2.2', count: 50, dkim: 'fail', spf: 'fail', dkimResults: [], spfResults: [{ domain: 'example.com', result: 'fail' }] }),
    row({ sourceIp: '192.0.2.3', count: 20, spf: 'fail', spfResults: [{ domain: 'lists.example.org', result: 'pass' }] }),
    row({ sourceIp: '192.0.2.4', count: 30, dkim: 'fail', spf: 'fail', dkimResults: [{ domain: 'example.com', result: 'fail' }], spfResults: [{ domain: 'example.com', result: 'softfail' }] }),
  ];
  const ptrs = new Map([
    ['192.0.2.2', { ip: '192.0.2.2', ptr: 'o1.ptr1.sendgrid.net', status: 'records' }],
    ['192.0.2.4', { ip: '192.0.2.4', ptr: 'relay.pobox.com', status: 'records' }],
  ]);
  const sources = buildSources(rows, 'example.com', ptrs);
  const byIp = Object.fromEntries(sources.map((s) => [s.ip, s]));
  assert.equal(byIp['192.0.2.1']!.classification, 'ours-aligned');
  assert.equal(byIp['192.0.2.2']!.classification, 'ours-failing');
  assert.deepEqual(byIp['192.0.2.2']!.fixes, [{ code: 'add-include', include: 'sendgrid.net' }, { code: 'enable-dkim' }]);
  assert.equal(byIp['192.0.2.3']!.classification, 'forwarded');
  assert.equal(byIp['192.0.2.4']!.classification, 'forwarded', 'a known forwarder by PTR, even when DKIM broke');
  const unknown = buildSources([row({ sourceIp: '203.0.113.5', dkim: 'fail', spf: 'fail', dkimResults: [], spfResults: [{ domain: 'spoof.example', result: 'pass' }] })], 'example.com', new Map());
  assert.equal(unknown[0]!.classification, 'unknown');
});

test('advise: the next step, the share of legitimate mail affected, and what to fix first', () => {
  const clean = buildSources([row({ count: 5000 }), row({ sourceIp: '203.0.113.5', count: 40, dkim: 'fail', spf: 'fail', dkimResults: [], spfResults: [] })], 'example.com', new Map());
  const safe = advise('example.com', clean, { current: 'none', days: 21 });
  assert.deepEqual([safe.verdict, safe.next, safe.affected, safe.reasons], ['safe', 'quarantine', 0, []]);
  const toReject = advise('example.com', clean, { current: 'quarantine', days: 21 });
  assert.equal(toReject.next, 'reject');
  assert.equal(advise('example.com', clean, { current: 'reject', days: 21 }).verdict, 'at-reject');
  const failing = buildSources([row({ count: 900 }), row({ sourceIp: '192.0.2.2', count: 100, dkim: 'fail', spf: 'fail', dkimResults: [{ domain: 'sendgrid.net', result: 'pass' }], spfResults: [{ domain: 'sendgrid.net', result: 'pass' }] })], 'example.com', new Map());
  const a = advise('example.com', failing, { current: 'none', days: 30 });
  assert.equal(a.verdict, 'not-yet');
  assert.equal(a.affectedShare, 0.1);
  assert.deepEqual(a.reasons, ['legitimate-mail-fails']);
  assert.equal(a.fixFirst[0]!.ip, '192.0.2.2');
  assert.equal(advise('example.com', [], { days: 0 }).verdict, 'no-data');
});
