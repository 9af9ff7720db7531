import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { closeSync, constants, createWriteStream, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDnsServer, type TestDnsServer } from '../helpers/dns-server.js';
import { repoRoot } from '../helpers/paths.js';
import { runCli } from '../cli/run-cli.js';
import { defaultStoreLocation } from '../../src/cli/reports.js';
import { FIXTURES, fixture } from './helpers.js';

const ZONE = join(repoRoot(), 'test', 'reports', 'ptr.zone');
const EN = { LANG: 'C.UTF-8' };

describe('inkan reports (CLI)', () => {
  let dir: string;
  let db: string;
  let dns: TestDnsServer;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'inkan-reports-cli-'));
    db = join(dir, 'store', 'inkan.db');
    dns = await startDnsServer({ zone: readFileSync(ZONE, 'utf8') });
  });
  after(async () => {
    await dns?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('import a directory: text summary with stored / duplicates / quarantined; exit 1 because 3 inputs were quarantined', async () => {
    const r = await runCli(['reports', 'import', FIXTURES, '--db', db], EN);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, /^19 inputs: 17 stored, 0 duplicates, 3 quarantined/);
    assert.match(r.stdout, /stored +aggregate google\.com 12345678901234567890 \(example\.com\): 3 records/);
    assert.match(r.stdout, /quarantined .*doctype\.xml: the XML has a DOCTYPE \(refused: no DTD or entity expansion\)/);
    assert.match(r.stdout, /inkan reports retry/);
  });

  test('import again with --json: the counters are named stored, duplicates, quarantined; same bytes in ja', async () => {
    const en = await runCli(['reports', 'import', join(FIXTURES, '*.xml'), '--db', db, '--json'], EN);
    const ja = await runCli(['reports', 'import', join(FIXTURES, '*.xml'), '--db', db, '--json', '--lang', 'ja'], EN);
    assert.equal(en.code, 1);
    const json = JSON.parse(en.stdout) as { stored: number; duplicates: number; quarantined: number; inputs: Array<{ input: string; reports: Array<{ status: string; reason?: string }> }> };
    assert.deepEqual([json.stored, json.duplicates, json.quarantined], [0, 5, 1]);
    assert.equal(json.inputs.length, 6);
    assert.equal(json.inputs.find((i) => i.input.endsWith('doctype.xml'))!.reports[0]!.reason, 'xml-doctype');
    assert.equal(ja.stdout, en.stdout);
  });

  test('import - reads standard input; Japanese text', async () => {
    const r = await runCli(['reports', 'import', '-', '--db', db, '--lang', 'ja'], EN, fixture('rfc9990.xml'));
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /入力 1 件: 保存 0、重複 1、隔離 0/);
    assert.match(r.stdout, /重複 +集約 mail\.example\.net rfc9990-0001/);
  });

  test('import a named pipe (as `inkan reports import <(zcat r.xml.gz)` gives): read to its end, not taken for an empty file', async () => {
    const fifo = join(dir, 'report-pipe');
    execFileSync('mkfifo', [fifo]);
    const writing = new Promise<void>((resolve, reject) => createWriteStream(fifo).on('error', reject).end(fixture('yahoo.xml'), resolve)).catch((e: Error) => e);
    const r = await runCli(['reports', 'import', fifo, '--db', db, '--json'], EN);
    // Had the importer not read the pipe, the writer would wait forever for a reader: open and close one for it.
    if (r.code !== 0) closeSync(openSync(fifo, constants.O_RDONLY | constants.O_NONBLOCK));
    await writing;
    assert.equal(r.code, 0, r.stderr);
    const json = JSON.parse(r.stdout) as { stored: number; duplicates: number; quarantined: number };
    assert.equal(json.stored + json.duplicates, 1, r.stdout);
    assert.equal(json.quarantined, 0);
  });

  test('summary: volume, rates, dispositions, by reporter and by day (a two-day Yahoo report spread over both days)', async () => {
    const r = await runCli(['reports', 'summary', '--domain', 'example.com', '--db', db], EN);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /DMARC reports for example\.com: 12 reports from 11 reporters/);
    assert.match(r.stdout, /messages: +276/);
    assert.match(r.stdout, /DMARC pass: +92\.8% \(256\)/);
    assert.match(r.stdout, /2025-11-29 +25 +80\.0%/);
    const json = JSON.parse((await runCli(['reports', 'summary', '--domain', 'example.com', '--db', db, '--json', '--since', '2025-11-30'], EN)).stdout) as { byDay: Array<{ day: string; messages: number }>; total: { messages: number } };
    assert.deepEqual(json.byDay.map((d) => d.day), ['2025-11-30']);
    assert.equal(json.byDay[0]!.messages, 251);
    const ja = await runCli(['reports', 'summary', '--domain', 'example.com', '--db', db, '--lang', 'ja'], EN);
    assert.match(ja.stdout, /example\.com の DMARC レポート: 11 組織から 12 件/);
  });

  test('sources with reverse DNS from a loopback DNS server: service from PTR, classes and fixes', async () => {
    const r = await runCli(['reports', 'sources', '--domain', 'example.com', '--db', db, '--dns', `127.0.0.1:${dns.port}`], EN);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, /ours but failing \(7\):\n {2}203\.0\.113\.9 {2}o1\.ptr1234\.sendgrid\.net \[SendGrid\]/);
    assert.match(r.stdout, /fix: it signs with d=sendgrid\.net: set up DKIM with your own domain/);
    assert.match(r.stdout, /fix: SPF passes for sendgrid\.net, not your domain: set a custom MAIL FROM/);
    assert.match(r.stdout, /forwarded \(DKIM survives, SPF fails at the forwarder\) \(2\):\n {2}192\.0\.2\.77 {2}lists\.example\.org/);
    assert.match(r.stdout, /unknown or spoofing \(13\):\n {2}198\.51\.100\.66 {2}\(no PTR\)/);
    assert.match(r.stdout, /209\.85\.220\.41 {2}mail-sor-f41\.google\.com \[Google Workspace\]/);
    const ptrQueries = dns.log.filter((q) => q.type === 'PTR').length;
    // A second run answers from the PTR cache in the store: no new PTR queries.
    const json = JSON.parse((await runCli(['reports', 'sources', '--domain', 'example.com', '--db', db, '--dns', `127.0.0.1:${dns.port}`, '--json'], EN)).stdout) as { sources: Array<{ ip: string; classification: string; ptr?: string; service?: { id: string } }> };
    assert.equal(dns.log.filter((q) => q.type === 'PTR').length, ptrQueries);
    assert.deepEqual(json.sources.map((s) => [s.ip, s.classification]), [
      ['209.85.220.41', 'ours-aligned'],
      ['40.107.22.95', 'ours-aligned'],
      ['198.51.100.66', 'unknown'],
      ['209.85.220.42', 'ours-aligned'],
      ['203.0.113.9', 'ours-failing'],
      ['2001:db8::25', 'ours-aligned'],
      ['192.0.2.77', 'forwarded'],
    ]);
    assert.equal(json.sources.find((s) => s.ip === '40.107.22.95')!.service!.id, 'microsoft365');
  });

  test('advise: not yet safe, with the share of legitimate mail affected and what to fix first; en, ja, json', async () => {
    const r = await runCli(['reports', 'advise', '--domain', 'example.com', '--db', db, '--zone', ZONE], EN);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /current policy p=none; 2 days of reports, 276 messages/);
    assert.match(r.stdout, /p=quarantine would affect 7 of 263 legitimate messages \(2\.7%\)/);
    assert.match(r.stdout, /Verdict: not yet safe to move to p=quarantine\./);
    assert.match(r.stdout, /Fix first:\n {2}203\.0\.113\.9 \(o1\.ptr1234\.sendgrid\.net, SendGrid\): 7 failing messages/);
    const ja = await runCli(['reports', 'advise', '--domain', 'example.com', '--db', db, '--zone', ZONE, '--lang', 'ja'], EN);
    assert.match(ja.stdout, /判定: p=quarantine に進めるのはまだ早いです。/);
    const json = JSON.parse((await runCli(['reports', 'advise', '--domain', 'example.com', '--db', db, '--zone', ZONE, '--json'], EN)).stdout) as { verdict: string; reasons: string[]; affected: number };
    assert.deepEqual([json.verdict, json.reasons, json.affected], ['not-yet', ['too-few-days', 'legitimate-mail-fails'], 7]);
  });

  test('retry: bad inputs stay quarantined with their reasons', async () => {
    const r = await runCli(['reports', 'retry', '--db', db], EN);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /retried 3 quarantined inputs: 0 now readable/);
    assert.match(r.stdout, /doctype\.xml: the XML has a DOCTYPE/);
  });

  test('usage errors: no subcommand, unknown subcommand, no --domain, nothing to import; help in both languages', async () => {
    assert.equal((await runCli(['reports'], EN)).code, 2);
    const unknown = await runCli(['reports', 'frobnicate', '--db', db], EN);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /unknown reports command "frobnicate"/);
    assert.match((await runCli(['reports', 'summary', '--db', db], EN)).stderr, /--domain/);
    const missing = await runCli(['reports', 'import', join(dir, 'nope', '*.xml'), '--db', db], EN);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /nothing to import at/);
    const help = await runCli(['reports', '--help'], EN);
    assert.match(help.stdout, /inkan reports import PATH/);
    assert.match(help.stdout, /Exit codes:/);
    assert.match((await runCli(['reports', '--help', '--lang', 'ja'], EN)).stdout, /終了コード:/);
  });

  test('a store that cannot be reached is exit 3', async () => {
    const r = await runCli(['reports', 'summary', '--domain', 'example.com', '--db', 'postgres://nobody@127.0.0.1:1/none'], EN);
    assert.equal(r.code, 3);
    assert.match(r.stderr, /cannot open the report store/);
  });

  test('the default store: --db, else INKAN_DB, else XDG_DATA_HOME, else ~/.local/share', () => {
    assert.equal(defaultStoreLocation({ INKAN_DB: '/x.db' }, '/y.db'), '/y.db');
    assert.equal(defaultStoreLocation({ INKAN_DB: '/x.db', XDG_DATA_HOME: '/d' }), '/x.db');
    assert.equal(defaultStoreLocation({ XDG_DATA_HOME: '/d', HOME: '/h' }), '/d/inkan/inkan.db');
    assert.equal(defaultStoreLocation({ HOME: '/h' }), '/h/.local/share/inkan/inkan.db');
  });
});
