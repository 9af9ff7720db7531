import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { langFromArgv, makeContext, UsageError, type CliContext } from '../../src/cli/context.js';
import { reportsGenerate, reportsSend } from '../../src/cli/reports-generate.js';
import { SystemResolver } from '../../src/dns/system.js';
import { parseDmarcRecord } from '../../src/dmarc/record.js';
import { ingest } from '../../src/reports/ingest.js';
import { openReportStore } from '../../src/reports/store/open.js';
import { parseMime } from '../../src/reports/mime.js';
import { aggregateReportFile, authorizeDestinations, buildAggregateReports, buildFailureReport, sendAggregateReport, sendFailureReport, validateAggregateXml, AGGREGATE_FILENAME } from '../../src/reports/generate/index.js';
import { startDnsServer, type TestDnsServer } from '../helpers/dns-server.js';
import { makeRow } from './make.js';
import { startInbox, type Received, type TestInbox } from './generate/smtp-inbox.js';

const ZONE = `$TTL 300
$ORIGIN example.com.
@        IN SOA ns.example.com. hostmaster.example.com. ( 1 3600 600 86400 300 )
_dmarc   IN TXT ( "v=DMARC1; p=reject; fo=1; rua=mailto:dmarc@example.com,mailto:agg@reports.example.net,"
                  "mailto:x@unauth.example.org,mailto:y@redirect.example.net,mailto:z@collect.example.net; ruf=mailto:forensic@example.com,mailto:f@unauth.example.org" )
$ORIGIN reports.example.net.
example.com._report._dmarc IN TXT "v=DMARC1"
$ORIGIN redirect.example.net.
example.com._report._dmarc IN TXT "v=DMARC1; rua=mailto:elsewhere@other.example"
$ORIGIN collect.example.net.
example.com._report._dmarc IN TXT "v=DMARC1; rua=mailto:inbox@collect.example.net"
$ORIGIN unauth.example.org.
example.com._report._dmarc IN TXT "v=spf1 -all"
$ORIGIN viamx.example.
_dmarc   IN TXT "v=DMARC1; p=none; rua=mailto:dmarc@viamx.example"
@        IN MX 20 mx2.viamx.example.
@        IN MX 10 mx1.viamx.example.
mx1      IN A 127.0.0.1
$ORIGIN quiet.example.
_dmarc   IN TXT "v=DMARC1; p=none"
`;

let dns: TestDnsServer;
let smtp: TestInbox;
let smtpPort = 0;
let inbox: Received[] = [];
let dir: string;

before(async () => {
  dns = await startDnsServer({ zone: ZONE });
  smtp = await startInbox();
  smtpPort = smtp.port;
  inbox = smtp.messages;
  dir = mkdtempSync(join(tmpdir(), 'inkan-gen-'));
});

after(async () => {
  await dns.close();
  await smtp.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Run a command function as `run()` does: a UsageError becomes exit code 2. */
async function call(fn: (argv: string[], ctx: CliContext) => Promise<number>, argv: string[], env: Record<string, string> = { LANG: 'C.UTF-8' }): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const ctx = makeContext(langFromArgv(argv, env), {
    out: (t) => void (stdout += `${t}\n`),
    err: (t) => void (stderr += `${t}\n`),
    outBytes: (b) => void (stdout += Buffer.from(b).toString()),
    stdin: (async function* () {})(),
    env,
    isTty: false,
  });
  try {
    return { code: await fn(argv, ctx), stdout, stderr };
  } catch (e) {
    if (e instanceof UsageError) return { code: 2, stdout, stderr: stderr + e.message };
    throw e;
  }
}

function rowsFile(): string {
  const file = join(dir, 'rows.jsonl');
  const at = '2026-11-28T10:00:00Z';
  const lines = [
    { time: at, row: makeRow() },
    { time: at, row: makeRow() },
    { time: at, row: makeRow({ sourceIp: '203.0.113.5', policyEvaluated: { disposition: 'reject', dkim: 'fail', spf: 'fail', reasons: [] } }) },
    { time: at, row: makeRow({ identifiers: { headerFrom: 'quiet.example' } }, { domain: 'quiet.example', p: 'none' }) },
    { time: '2026-11-30T10:00:00Z', row: makeRow() },
  ].map((l) => JSON.stringify(l));
  writeFileSync(file, `${lines.join('\n')}\nnot a row\n`);
  return file;
}

const REPORTER = ['--org-name', 'Example Receiver', '--email', 'dmarc-noreply@mx.example', '--receiver', 'mx.example', '--begin', '2026-11-28T00:00:00Z'];

test('RFC 9990 §4: external destinations need <policy>._report._dmarc.<host> "v=DMARC1"; an override must keep the host', async () => {
  const resolver = new SystemResolver({ servers: [{ host: dns.host, port: dns.port }] });
  const parsed = parseDmarcRecord(
    'v=DMARC1; p=reject; rua=mailto:dmarc@example.com,mailto:agg@reports.example.net,mailto:x@unauth.example.org,mailto:y@redirect.example.net,mailto:z@collect.example.net,mailto:n@nothing.example.net,https://example.com/r',
  );
  assert.ok(parsed.ok);
  const result = await authorizeDestinations('example.com', 'example.com', parsed.record.rua, resolver);
  assert.deepEqual(
    result.map((a) => [a.uri, a.status, 'reason' in a ? a.reason : 'override' in a ? a.override : undefined]),
    [
      ['mailto:dmarc@example.com', 'internal', undefined],
      ['mailto:agg@reports.example.net', 'authorized', undefined],
      ['mailto:x@unauth.example.org', 'unauthorized', 'no-record'],
      ['mailto:y@redirect.example.net', 'unauthorized', 'override-host'],
      ['mailto:z@collect.example.net', 'authorized', ['inbox@collect.example.net']],
      ['mailto:n@nothing.example.net', 'unauthorized', 'no-record'],
      ['https://example.com/r', 'unauthorized', 'not-mailto'],
    ],
  );
  assert.ok(dns.log.some((q) => q.name === 'example.com._report._dmarc.reports.example.net' && q.type === 'TXT'));
  dns.fault('example.com._report._dmarc.reports.example.net', { rcode: 'SERVFAIL' });
  try {
    const fresh = new SystemResolver({ servers: [{ host: dns.host, port: dns.port }], timeout: 300 });
    const temp = await authorizeDestinations('example.com', 'example.com', parsed.record.rua.slice(1, 2), fresh);
    assert.equal(temp[0]!.status, 'temperror');
  } finally {
    dns.clearFaults();
  }
});

test('inkan reports generate: one gzipped RFC 9990 report per policy domain under the standard name; --json is the same in en and ja', async () => {
  const out = join(dir, 'out');
  const rows = rowsFile();
  const r = await call(reportsGenerate, ['--rows', rows, ...REPORTER, '--out', out]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /period 2026-11-28T00:00:00\.000Z to 2026-11-29T00:00:00\.000Z/);
  assert.match(r.stdout, /1 lines of the rows file were not evaluation rows/);
  assert.match(r.stdout, /1 outside the period/);
  assert.match(r.stdout, /wrote .*mx\.example!example\.com!1795824000!1795910400!\w+\.xml\.gz \(2 records, 3 messages\)/);
  const files = readdirSync(out).sort();
  assert.equal(files.length, 2);
  for (const f of files) {
    assert.match(f, AGGREGATE_FILENAME);
    assert.deepEqual(validateAggregateXml(gunzipSync(readFileSync(join(out, f))).toString('utf8')), []);
  }
  const en = await call(reportsGenerate, ['--rows', rows, ...REPORTER, '--out', out, '--json']);
  const ja = await call(reportsGenerate, ['--rows', rows, ...REPORTER, '--out', out, '--json', '--lang', 'ja']);
  assert.equal(en.stdout, ja.stdout);
  const json = JSON.parse(en.stdout) as { reports: Array<{ filename: string; records: number; messages: number }>; badLines: number };
  assert.deepEqual(json.reports.map((x) => [x.filename.split('!')[1], x.records, x.messages]), [['example.com', 2, 3], ['quiet.example', 1, 1]]);
  assert.equal(json.badLines, 1);
  const jaText = await call(reportsGenerate, ['--rows', rows, ...REPORTER, '--out', out, '--lang', 'ja']);
  assert.match(jaText.stdout, /を書き出しました（レコード 2、メッセージ 3）/);
});

test('inkan reports generate: usage errors exit 2 and --help teaches (en, ja)', async () => {
  const missing = await call(reportsGenerate, ['--rows', 'x.jsonl']);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /--org-name is required/);
  const badTime = await call(reportsGenerate, ['--rows', rowsFile(), ...REPORTER, '--end', 'soon']);
  assert.equal(badTime.code, 2);
  assert.match(badTime.stderr, /"soon" is not an ISO 8601 time/);
  const empty = await call(reportsGenerate, ['--rows', rowsFile(), ...REPORTER, '--end', '2026-11-27T00:00:00Z']);
  assert.equal(empty.code, 2);
  const help = await call(reportsGenerate, ['--help']);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /receiver!policy-domain!begin!end!id\.xml\.gz/);
  assert.match(help.stdout, /Exit codes:/);
  const helpJa = await call(reportsSend, ['--help', '--lang', 'ja']);
  assert.match(helpJa.stdout, /終了コード:/);
});

test('inkan reports send: mails the report to each authorized rua (relay on loopback); unauthorized ones are skipped; the mail ingests', async () => {
  inbox.length = 0;
  const r = await call(reportsSend, ['--rows', rowsFile(), ...REPORTER, '--smtp', `127.0.0.1:${smtpPort}`, '--dns', dns.address, '--json']);
  assert.equal(r.code, 1, r.stdout + r.stderr);
  const json = JSON.parse(r.stdout) as { deliveries: Array<{ policyDomain: string; problem?: string; sends: Array<{ address: string; status: string }>; authorizations: Array<{ uri: string; status: string }> }> };
  const [com, quiet] = json.deliveries;
  assert.equal(quiet!.problem, 'no-destination');
  assert.deepEqual(com!.sends.map((s) => [s.address, s.status]), [['dmarc@example.com', 'sent'], ['agg@reports.example.net', 'sent'], ['inbox@collect.example.net', 'sent']]);
  assert.deepEqual(com!.authorizations.map((a) => a.status), ['internal', 'authorized', 'unauthorized', 'unauthorized', 'authorized']);
  assert.deepEqual(inbox.map((m) => m.to).flat().sort(), ['agg@reports.example.net', 'dmarc@example.com', 'inbox@collect.example.net']);
  const mail = inbox[0]!;
  assert.equal(mail.from, 'dmarc-noreply@mx.example');
  const mime = parseMime(mail.raw);
  assert.ok(mime);
  const text = mail.raw.toString('latin1').replace(/\r\n[ \t]+/g, ' ');
  assert.match(text, /Subject: Report Domain: example\.com Submitter: mx\.example Report-ID: <\w+@mx\.example>/);
  assert.match(text, /Content-Type: application\/gzip; name="?mx\.example!example\.com!1795824000!1795910400!\w+\.xml\.gz/);
  // The receiving side of inkan stores exactly what the sending side produced.
  const store = await openReportStore(':memory:');
  try {
    const first = await ingest(store, { bytes: mail.raw, name: 'report.eml', origin: 'smtp:test' });
    assert.deepEqual([first.stored, first.duplicates, first.quarantined], [1, 0, 0]);
    assert.equal(first.reports[0]!.orgName, 'Example Receiver');
    assert.equal(first.reports[0]!.domain, 'example.com');
    const again = await ingest(store, { bytes: inbox[1]!.raw, name: 'report.eml', origin: 'smtp:test' });
    assert.deepEqual([again.stored, again.duplicates], [0, 1], 'the same report to two addresses is one report');
  } finally {
    await store.close();
  }
  const text2 = await call(reportsSend, ['--rows', rowsFile(), ...REPORTER, '--smtp', `127.0.0.1:${smtpPort}`, '--dns', dns.address, '--lang', 'ja']);
  assert.match(text2.stdout, /x@unauth\.example\.org: 許可されていません/);
  assert.match(text2.stdout, /quiet\.example は集約レポートを求めていません/);
});

test('inkan reports send: a refused address is reported (exit 1), an unreachable relay is temporary (exit 3)', async () => {
  const refusing = `$TTL 300\n$ORIGIN refuse.example.\n_dmarc IN TXT "v=DMARC1; p=none; rua=mailto:refuse@refuse.example"\n`;
  const server = await startDnsServer({ zone: refusing });
  try {
    const rows = join(dir, 'refuse.jsonl');
    writeFileSync(rows, JSON.stringify({ time: '2026-11-28T01:00:00Z', row: makeRow({ identifiers: { headerFrom: 'refuse.example' } }, { domain: 'refuse.example' }) }));
    const refused = await call(reportsSend, ['--rows', rows, ...REPORTER, '--smtp', `127.0.0.1:${smtpPort}`, '--dns', server.address, '--json']);
    assert.equal(refused.code, 1);
    const sends = (JSON.parse(refused.stdout) as { deliveries: Array<{ sends: Array<{ status: string; temporary: boolean }> }> }).deliveries[0]!.sends;
    assert.deepEqual(sends.map((s) => [s.status, s.temporary]), [['failed', false]]);
    const down = await call(reportsSend, ['--rows', rows, ...REPORTER, '--smtp', '127.0.0.1:1', '--dns', server.address]);
    assert.equal(down.code, 3);
    assert.match(down.stdout, /not sent to refuse@refuse\.example/);
  } finally {
    await server.close();
  }
});

test('RFC 9991: a failure report goes to the authorized ruf destinations only', async () => {
  inbox.length = 0;
  const resolver = new SystemResolver({ servers: [{ host: dns.host, port: dns.port }] });
  const row = makeRow({ sourceIp: '203.0.113.9', policyEvaluated: { disposition: 'reject', dkim: 'fail', spf: 'fail', reasons: [] } });
  const message = buildFailureReport({ reporter: { orgName: 'Example Receiver', email: 'dmarc-noreply@mx.example', domain: 'mx.example' }, row, originalHeader: Buffer.from('From: a@example.com\r\nSubject: hi\r\n'), arrivalDate: new Date('2026-11-28T05:00:00Z') });
  const delivery = await sendFailureReport(message, 'example.com', 'dmarc-noreply@mx.example', { resolver, delivery: { via: 'relay', host: '127.0.0.1', port: smtpPort }, heloName: 'mx.example' });
  assert.deepEqual(delivery.sends.map((s) => [s.address, s.status]), [['forensic@example.com', 'sent']]);
  assert.deepEqual(delivery.authorizations.map((a) => a.status), ['internal', 'unauthorized']);
  assert.equal(inbox.length, 1);
  assert.match(inbox[0]!.raw.toString(), /Content-Type: multipart\/report; report-type=feedback-report/);
  assert.match(inbox[0]!.raw.toString(), /\r\nTo: forensic@example\.com\r\n/);
});

test('delivery to the MX of the rua domain: hosts in preference order, addresses from inkan\'s resolver', async () => {
  inbox.length = 0;
  const resolver = new SystemResolver({ servers: [{ host: dns.host, port: dns.port }] });
  const row = makeRow({ identifiers: { headerFrom: 'viamx.example' } }, { domain: 'viamx.example', p: 'none' });
  const { reports } = buildAggregateReports([{ time: Date.parse('2026-11-28T03:00:00Z'), row }], { reporter: { orgName: 'Example Receiver', email: 'dmarc-noreply@mx.example', domain: 'mx.example' }, begin: new Date('2026-11-28T00:00:00Z'), end: new Date('2026-11-29T00:00:00Z') });
  const delivery = await sendAggregateReport(aggregateReportFile(reports[0]!), { resolver, delivery: { via: 'mx', port: smtpPort }, heloName: 'mx.example' });
  assert.deepEqual(delivery.sends.map((s) => [s.address, s.status, s.host]), [['dmarc@viamx.example', 'sent', 'mx1.viamx.example']]);
  assert.deepEqual(inbox.map((m) => m.to), [['dmarc@viamx.example']]);
  assert.ok(dns.log.some((q) => q.name === 'viamx.example' && q.type === 'MX'));
});
