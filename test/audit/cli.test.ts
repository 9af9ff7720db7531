import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { startDnsServer, type TestDnsServer } from '../helpers/dns-server.js';
import { runCli } from '../cli/run-cli.js';
import { dkimTxt, googleZone, zone } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'inkan-check-'));
const SCHOOL = zone('example.com', '@ IN MX 10 192.0.2.25.\n@ IN TXT "v=spf1 ip4:192.0.2.25 -all"');
let goodZone = '';
let schoolFile = '';
let goodFile = '';
let server: TestDnsServer;

before(async () => {
  goodZone = zone(
    'example.org',
    `@ IN MX 1 aspmx.l.google.com.\n@ IN TXT "v=spf1 include:_spf.google.com ip4:192.0.2.50 ~all"\ngoogle._domainkey IN TXT ${dkimTxt(2048)}\n_dmarc IN TXT "v=DMARC1; p=reject; rua=mailto:d@example.org"
50.2.0.192.in-addr.arpa. IN PTR mail.example.org.\nmail IN A 192.0.2.50`,
  );
  schoolFile = join(dir, 'school.zone');
  goodFile = join(dir, 'good.zone');
  writeFileSync(schoolFile, SCHOOL);
  writeFileSync(goodFile, goodZone);
  server = await startDnsServer({ zone: goodZone });
});

after(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

test('inkan check --help teaches: what it checks, options, examples, exit codes (en and ja)', async () => {
  const en = await runCli(['check', '--help']);
  assert.equal(en.code, 0);
  for (const part of ['--selector', '--sending-ip', '--message', '--csv', 'Examples:', 'Exit codes:', 'could not check']) assert.ok(en.stdout.includes(part), part);
  const ja = await runCli(['check', '--help', '--lang', 'ja']);
  assert.equal(ja.code, 0);
  assert.ok(ja.stdout.includes('終了コード'));
  assert.ok(ja.stdout.includes('確認できませんでした'));
});

test('the school case from a zone file: exit 1, findings grouped by area, the fixes last and ready to paste', async () => {
  const run = await runCli(['check', 'example.com', '--zone', schoolFile]);
  assert.equal(run.code, 1);
  const lines = run.stdout.split('\n');
  assert.equal(lines[0], 'example.com: 3 errors, 3 warnings, 0 not checked, 2 ok, 6 info');
  assert.ok(run.stdout.indexOf('MX (receiving mail)') < run.stdout.indexOf('\nDKIM\n'));
  assert.ok(run.stdout.includes('(mx.ip-address)'));
  const fixes = run.stdout.slice(run.stdout.indexOf('Fixes for example.com'));
  assert.ok(fixes.includes('Remove these records:\n    example.com. 3600 IN MX 10 192.0.2.25.   ; mx.ip-address'));
  assert.ok(fixes.includes('    mail.example.com. 3600 IN A 192.0.2.25   ; mx.ip-address'));
  assert.ok(fixes.includes('    _dmarc.example.com. 3600 IN TXT "v=DMARC1; p=none; rua=mailto:dmarc-reports@example.com"   ; dmarc.none'));
  assert.ok(!run.stdout.includes('\x1b['), 'no colours when not on a terminal');
});

test('Japanese text output', async () => {
  const run = await runCli(['check', 'example.com', '--zone', schoolFile, '--lang', 'ja']);
  assert.equal(run.code, 1);
  assert.ok(run.stdout.startsWith('example.com: エラー 3 件、警告 3 件、未確認 0 件、OK 2 件、情報 6 件'));
  assert.ok(run.stdout.includes('ホスト名ではなく IP アドレス 192.0.2.25'));
  assert.ok(run.stdout.includes('次のレコードを公開してください:'));
});

test('--json is the same bytes in en and ja, one object per domain in input order', async () => {
  // --now pins the time the suggested MTA-STS record's id is made from (two runs may fall in different seconds).
  const now = ['--now', '2026-11-30T10:15:15Z'];
  const en = await runCli(['check', 'example.com', 'nonexistent.example.com', '--zone', schoolFile, '--json', ...now]);
  const ja = await runCli(['check', 'example.com', 'nonexistent.example.com', '--zone', schoolFile, '--json', '--lang', 'ja', ...now]);
  assert.equal(en.code, 1);
  assert.deepEqual(en.stdoutBytes, ja.stdoutBytes);
  const doc = JSON.parse(en.stdout) as { schema: string; domains: Array<{ domain: string; findings: Array<{ id: string; severity: string; fix?: Array<{ line: string }> }>; summary: { errors: number } }> };
  assert.equal(doc.schema, 'inkan.check/1');
  assert.deepEqual(doc.domains.map((d) => d.domain), ['example.com', 'nonexistent.example.com']);
  const school = doc.domains[0]!;
  assert.deepEqual(school.findings.filter((f) => f.severity === 'error' && !f.id.startsWith('readiness')).map((f) => f.id), ['mx.ip-address', 'dkim.none', 'dmarc.none']);
  assert.equal(school.findings.find((f) => f.id === 'mx.ip-address')!.fix![1]!.line, 'mail.example.com. 3600 IN A 192.0.2.25');
  assert.equal(doc.domains[1]!.findings[0]!.id, 'mx.domain-missing');
  assert.ok(en.stdout.includes('v=STSv1; id=20261130101515Z'), 'the suggested MTA-STS policy id comes from --now');
});

test('--csv: one row per finding, RFC 4180 quoting, sentences in the chosen language', async () => {
  const run = await runCli(['check', 'example.com', '--zone', schoolFile, '--csv', '--lang', 'ja']);
  assert.equal(run.code, 1);
  const rows = run.stdout.split('\r\n').filter((r) => r !== '');
  assert.equal(rows[0], 'domain,area,id,severity,unchecked,message,fix_hint,evidence,fix,params');
  const json = JSON.parse((await runCli(['check', 'example.com', '--zone', schoolFile, '--json'])).stdout) as { domains: Array<{ findings: unknown[] }> };
  assert.equal(rows.length, 1 + json.domains[0]!.findings.length);
  const mx = rows.find((r) => r.includes(',mx.ip-address,'))!;
  assert.ok(mx.startsWith('example.com,mx,mx.ip-address,error,no,'));
  assert.ok(mx.includes('ホスト名ではなく'));
  assert.ok(mx.includes('- example.com. 3600 IN MX 10 192.0.2.25. | + mail.example.com. 3600 IN A 192.0.2.25'));
});

test('a DNS server that times out on one name: exit 3, "could not check" and never "not found"', async () => {
  server.fault('_dmarc.example.org', { timeout: true });
  try {
    const run = await runCli(['check', 'example.org', '--dns', server.address, '--timeout', '500', '--sending-ip', '192.0.2.50']);
    assert.equal(run.code, 3);
    assert.ok(run.stdout.includes('[not checked] could not check: the server did not answer TXT _dmarc.example.org (timeout)'));
    assert.ok(!run.stdout.includes('dmarc.none'));
    const json = JSON.parse((await runCli(['check', 'example.org', '--dns', server.address, '--timeout', '500', '--json'])).stdout) as { domains: Array<{ findings: Array<{ id: string; unchecked?: boolean }> }> };
    assert.deepEqual(json.domains[0]!.findings.filter((f) => f.unchecked).map((f) => f.id), ['dmarc.unchecked', 'bimi.unchecked']);
  } finally {
    server.clearFaults();
  }
});

test('a good domain through the loopback DNS server: exit 0, readiness for all senders answered from --sending-ip', async () => {
  const run = await runCli(['check', 'example.org', '--dns', server.address, '--sending-ip', '192.0.2.50', '--json']);
  assert.equal(run.code, 0);
  const doc = JSON.parse(run.stdout) as { domains: Array<{ readiness: { items: Array<{ id: string; status: string }> } }> };
  assert.equal(doc.domains[0]!.readiness.items.find((i) => i.id === 'ptr-fcrdns')!.status, 'pass');
});

test('--file reads domains (comments and blank lines skipped), results in input order', async () => {
  const list = join(dir, 'domains.txt');
  writeFileSync(list, '# our domains\nexample.org\n\nexample.com  # the school\n');
  const run = await runCli(['check', '--file', list, '--zone', goodFile, '--zone', schoolFile, '--concurrency', '2']);
  const summaries = run.stdout.split('\n').filter((l) => /^example\.(org|com): /.test(l));
  assert.deepEqual(summaries.map((l) => l.split(':')[0]), ['example.org', 'example.com', 'example.org', 'example.com']);
  assert.equal(run.code, 1);
});

test('usage errors exit 2', async () => {
  assert.equal((await runCli(['check'])).code, 2);
  assert.equal((await runCli(['check', 'example.com', '--json', '--csv', '--zone', schoolFile])).code, 2);
  const badIp = await runCli(['check', 'example.com', '--sending-ip', '999.1.1.1', '--zone', schoolFile]);
  assert.equal(badIp.code, 2);
  assert.ok(badIp.stderr.includes('--sending-ip "999.1.1.1" is not an IP address'));
  assert.equal((await runCli(['check', 'example.com', '--selector', 'bad selector!', '--zone', schoolFile])).code, 2);
  assert.equal((await runCli(['check', 'example.com', '--message', join(dir, 'missing.eml'), '--zone', schoolFile])).code, 2);
});

test('--message: alignment through the verify pipeline, headers, one-click unsubscribe and TLS answered from a sent message', async () => {
  const message = [
    'Return-Path: <bounce@example.org>',
    'Received: from mail.example.org (mail.example.org [192.0.2.50]) by mx.google.com with ESMTPS id abc (version=TLS1_3 cipher=TLS_AES_256_GCM_SHA384 bits=256/256); Thu, 15 Jan 2026 09:00:00 +0000',
    'From: Shop <news@example.org>',
    'To: someone@gmail.com',
    'Subject: News',
    'Date: Thu, 15 Jan 2026 09:00:00 +0000',
    'Message-ID: <20260115090000.1@example.org>',
    'List-Unsubscribe: <https://example.org/unsub?u=1>',
    'List-Unsubscribe-Post: List-Unsubscribe=One-Click',
    '',
    'Hello',
    '',
  ].join('\r\n');
  const file = join(dir, 'sent.eml');
  writeFileSync(file, message);
  const run = await runCli(['check', 'example.org', '--dns', server.address, '--message', file, '--json']);
  const doc = JSON.parse(run.stdout) as { domains: Array<{ findings: Array<{ id: string; params: Record<string, unknown> }>; readiness: { items: Array<{ id: string; status: string }>; verdicts: Array<{ provider: string; tier: string; verdict: string; failed: string[] }> } }> };
  const d = doc.domains[0]!;
  const messageIds = d.findings.filter((f) => f.id.startsWith('message.')).map((f) => f.id);
  assert.deepEqual(messageIds, ['message.aligned', 'message.one-click', 'message.tls']);
  assert.equal(d.findings.find((f) => f.id === 'message.aligned')!.params['by'], 'spf=example.org');
  const status = Object.fromEntries(d.readiness.items.map((i) => [i.id, i.status]));
  assert.deepEqual(status, {
    'spf-or-dkim': 'pass', 'spf-and-dkim': 'fail', 'dkim-1024': 'pass', 'dmarc-policy': 'pass', 'from-aligned': 'pass',
    'ptr-fcrdns': 'pass', tls: 'pass', rfc5322: 'pass', 'one-click-unsubscribe': 'pass',
  });
  const gmail = d.readiness.verdicts.filter((v) => v.provider === 'gmail').map((v) => [v.tier, v.verdict, v.failed]);
  assert.deepEqual(gmail, [['all', 'ready', []], ['bulk', 'not-ready', ['spf-and-dkim']]]);
});

test('the scenarios through --zone give the same findings as through the DNS server', async () => {
  const table: Array<[string, string, string[], string[]]> = [
    ['google', googleZone(), [], []],
    ['two-dmarc', googleZone('', '_dmarc IN TXT "v=DMARC1; p=reject"\n_dmarc IN TXT "v=DMARC1; p=none"'), [], ['dmarc.multiple']],
    ['wrong-name', googleZone('', '_dmarc.example.com IN TXT "v=DMARC1; p=reject"'), [], ['dmarc.wrong-name']],
    ['rua', googleZone('', '_dmarc IN TXT "v=DMARC1; p=reject; rua=mailto:x@thirdparty.example.org"'), [], ['dmarc.rua.unauthorized']],
    ['two-spf', googleZone('@ IN TXT "v=spf1 -all"'), [], ['spf.record.multiple']],
    ['void', zone('example.com', '@ IN MX 1 aspmx.l.google.com.\n@ IN TXT "v=spf1 a:g1.example.com a:g2.example.com a:g3.example.com -all"\n_dmarc IN TXT "v=DMARC1; p=none; rua=mailto:d@example.com"'), [], ['spf.void.too-many', 'dkim.none']],
    ['weak', googleZone(`weak._domainkey IN TXT ${dkimTxt(512)}`), ['--selector', 'weak'], ['dkim.key.weak']],
    ['revoked', googleZone('old._domainkey IN TXT "v=DKIM1; p="\ndefault._bimi IN TXT "v=BIMI1; l=http://example.com/l.svg"'), ['--selector', 'old'], ['bimi.record.location-not-https']],
    ['ptr', googleZone(), ['--sending-ip', '192.0.2.99'], ['ptr.missing']],
  ];
  for (const [name, text, args, errors] of table) {
    const file = join(dir, `${name}.zone`);
    writeFileSync(file, text);
    const run = await runCli(['check', 'example.com', '--zone', file, '--json', ...args]);
    const doc = JSON.parse(run.stdout) as { domains: Array<{ findings: Array<{ id: string; severity: string; area: string }> }> };
    const found = doc.domains[0]!.findings.filter((f) => f.severity === 'error' && f.area !== 'readiness').map((f) => f.id);
    assert.deepEqual(found, errors, name);
    assert.equal(run.code, errors.length ? 1 : 0, name);
  }
});
