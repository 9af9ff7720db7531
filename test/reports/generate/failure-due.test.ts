import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseSmtpRelay } from '../../../src/cli/reports-generate.js';
import { MemoryResolver } from '../../../src/dns/memory.js';
import { buildFailureReport, checkFailureReport, failureDecision, failureReportFilename, takeFailureSlot, type FailureCounts, type Reporter } from '../../../src/reports/generate/index.js';
import { verify } from '../../../src/verify.js';
import { makeRow } from '../make.js';

const reporter: Reporter = { orgName: 'Example Receiver', email: 'dmarc-noreply@mx.example', domain: 'mx.example' };
const NOW = Date.parse('2026-11-30T08:00:00Z');

function resolver(): MemoryResolver {
  return new MemoryResolver()
    .add('_dmarc.example.com', 'TXT', ['v=DMARC1; p=reject; fo=1; ruf=mailto:ruf@example.com'])
    .add('example.com', 'TXT', ['v=spf1 ip4:192.0.2.0/24 -all'])
    .add('_dmarc.noruf.example', 'TXT', ['v=DMARC1; p=reject']);
}

async function decide(from: string, ip: string, mailFrom: string) {
  const message = `From: <a@${from}>\r\nSubject: s\r\nDate: Mon, 30 Nov 2026 07:59:00 +0000\r\n\r\nbody\r\n`;
  const result = await verify(message, { ip, mailFrom, authservId: 'mx.example', resolver: resolver(), now: NOW });
  return failureDecision(result.dmarc);
}

test('failureDecision: due only with a policy, a ruf= and a met fo= option; every "no" has its reason', async () => {
  assert.deepEqual(await decide('example.com', '192.0.2.1', 'b@example.com'), { due: true, orgDomain: 'example.com', policyDomain: 'example.com', fo: ['1'], triggers: ['1'] }, 'fo=1: no DKIM pass');
  const sub = await decide('child.example.com', '203.0.113.1', 'b@child.example.com');
  assert.deepEqual([sub.due, sub.policyDomain, sub.triggers], [true, 'example.com', ['1']], 'the record found by the tree walk decides');
  assert.deepEqual(await decide('noruf.example', '203.0.113.1', 'b@noruf.example'), { due: false, reason: 'no-ruf', policyDomain: 'noruf.example', fo: ['0'], triggers: ['0'] });
  assert.deepEqual(await decide('nothing.example', '203.0.113.1', 'b@nothing.example'), { due: false, reason: 'no-policy', fo: [], triggers: [] });
  const temp = resolver().setFault('_dmarc.example.com', 'servfail');
  const result = await verify('From: <a@example.com>\r\n\r\nx\r\n', { ip: '203.0.113.1', authservId: 'mx', resolver: temp, now: NOW });
  assert.equal(failureDecision(result.dmarc).due, false);
  assert.equal((failureDecision(result.dmarc) as { reason: string }).reason, 'temperror');
});

test('takeFailureSlot: N per policy domain per clock hour (UTC), counted only when allowed, old hours dropped', () => {
  const counts: FailureCounts = {};
  const outcomes = Array.from({ length: 4 }, () => takeFailureSlot(counts, 'Example.COM', NOW, 3));
  assert.deepEqual(outcomes.map((o) => [o.allowed, o.count]), [[true, 1], [true, 2], [true, 3], [false, 3]]);
  assert.equal(takeFailureSlot(counts, 'other.example', NOW + 59 * 60_000, 3).count, 1, 'each domain has its own count');
  const nextHour = takeFailureSlot(counts, 'example.com', NOW + 3_600_000, 3);
  assert.deepEqual([nextHour.allowed, nextHour.count], [true, 1]);
  assert.deepEqual(Object.keys(counts), ['example.com']);
});

test('checkFailureReport: a sound report reads back as built; a damaged one is caught', () => {
  const row = makeRow({ sourceIp: '203.0.113.9', policyEvaluated: { disposition: 'reject', dkim: 'fail', spf: 'fail', reasons: [] } });
  const report = buildFailureReport({ reporter, row, originalHeader: Buffer.from('From: a@example.com\r\nSubject: hi\r\n\r\n'), originalMailFrom: '<bounce@example.com>', arrivalDate: new Date(NOW) });
  assert.deepEqual(checkFailureReport(report, row), []);
  assert.match(report.raw, /\r\nOriginal-Mail-From: <bounce@example\.com>\r\n/);
  assert.deepEqual(checkFailureReport({ ...report, raw: report.raw.replace('Feedback-Type: auth-failure', 'Feedback-Type: abuse') }, row), ['Feedback-Type: abuse instead of auth-failure']);
  assert.deepEqual(checkFailureReport(report, { ...row, sourceIp: '198.51.100.1' }), ['Source-IP: 203.0.113.9 instead of 198.51.100.1']);
  assert.deepEqual(checkFailureReport({ ...report, raw: 'garbage' }, row), ['not a MIME message']);
  assert.match(failureReportFilename(reporter, 'Example.com', new Date(NOW), report.messageId), /^mx\.example!example\.com!1796025600![0-9a-f]{16}\.eml$/);
});

test('--smtp: HOST:PORT, smtp://HOST[:PORT] (port 25, STARTTLS when offered), smtps://HOST[:PORT] (port 465, TLS)', () => {
  assert.deepEqual(parseSmtpRelay('relay.example:587'), { host: 'relay.example', port: 587, secure: false });
  assert.deepEqual(parseSmtpRelay('smtp://relay.example'), { host: 'relay.example', port: 25, secure: false });
  assert.deepEqual(parseSmtpRelay('smtps://relay.example'), { host: 'relay.example', port: 465, secure: true });
  assert.deepEqual(parseSmtpRelay('SMTPS://[2001:db8::1]:2465/'), { host: '2001:db8::1', port: 2465, secure: true });
  for (const bad of ['relay.example', 'smtp://relay.example:0', 'smtp://relay.example:70000', 'http://relay.example:25', 'smtp://user@relay.example']) assert.equal(parseSmtpRelay(bad), undefined, bad);
});
