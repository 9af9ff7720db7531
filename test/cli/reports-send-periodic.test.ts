import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { appendFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import { rowLine } from '../../src/reports/generate/rows.js';
import { startDnsServer, type TestDnsServer } from '../helpers/dns-server.js';
import { makeRow } from '../reports/make.js';
import { startInbox, type TestInbox } from '../reports/generate/smtp-inbox.js';
import { runCli, spawnCli } from './run-cli.js';

const ZONE = `$TTL 300
$ORIGIN example.com.
_dmarc IN TXT "v=DMARC1; p=reject; rua=mailto:dmarc@example.com,mailto:busy@example.com"
`;

let dns: TestDnsServer;
let inbox: TestInbox;
let dir: string;

before(async () => {
  dns = await startDnsServer({ zone: ZONE });
  inbox = await startInbox();
  dir = mkdtempSync(join(tmpdir(), 'inkan-send-periodic-'));
});

after(async () => {
  await dns.close();
  await inbox.close();
  rmSync(dir, { recursive: true, force: true });
});

const REPORTER = ['--org-name', 'Example Receiver', '--email', 'dmarc-noreply@mx.example', '--receiver', 'mx.example'];

/** `address period-begin` for each accepted report, from the attachment's RFC 9990 file name. */
function deliveries(): string[] {
  return inbox.messages.map((m) => {
    const name = /mx\.example!example\.com!(\d+)!(\d+)!\w+\.xml\.gz/.exec(m.raw.toString('latin1').replace(/\r\n[ \t]+/g, ''));
    assert.ok(name, 'the report is attached under its RFC 9990 name');
    return `${m.to.join(',')} ${name[1]}`;
  });
}

test('inkan reports send --state: a second run sends nothing again (en, ja, --json)', async () => {
  inbox.messages.length = 0;
  const rows = join(dir, 'day.jsonl');
  writeFileSync(rows, [rowLine(makeRow(), Date.parse('2026-11-28T10:00:00Z')), rowLine(makeRow(), Date.parse('2026-11-28T11:00:00Z'))].join('\n'));
  const state = join(dir, 'day-state.json');
  const args = ['reports', 'send', '--rows', rows, ...REPORTER, '--begin', '2026-11-28T00:00:00Z', '--smtp', `127.0.0.1:${inbox.port}`, '--dns', dns.address, '--state', state];
  const first = await runCli([...args, '--json', '--out', join(dir, 'copies')]);
  assert.equal(first.code, 0, first.stdout + first.stderr);
  const json = JSON.parse(first.stdout) as { periods: Array<{ begin: string }>; reports: Array<{ messages: number; sends: Array<{ address: string; status: string }> }> };
  assert.deepEqual(json.periods, [{ begin: '2026-11-28T00:00:00.000Z', end: '2026-11-29T00:00:00.000Z' }]);
  assert.deepEqual(json.reports.map((r) => [r.messages, r.sends.map((s) => [s.address, s.status])]), [[2, [['dmarc@example.com', 'sent'], ['busy@example.com', 'sent']]]]);
  const en = await runCli(args);
  assert.equal(en.code, 0);
  assert.match(en.stdout, /already sent to dmarc@example\.com \(not sent again\)/);
  assert.match(en.stdout, /already sent to busy@example\.com \(not sent again\)/);
  const ja = await runCli([...args, '--lang', 'ja']);
  assert.match(ja.stdout, /dmarc@example\.com には送信済み（再送しません）/);
  assert.equal(inbox.messages.length, 2, 'each address got the report once');
  assert.deepEqual(readdirSync(join(dir, 'copies')).map((f) => f.split('!').slice(0, 4).join('!')), ['mx.example!example.com!1795824000!1795910400']);
  // A state that cannot be saved stops the command before anything is sent.
  const unsaved = await runCli(['reports', 'send', '--rows', rows, ...REPORTER, '--begin', '2026-11-28T00:00:00Z', '--smtp', `127.0.0.1:${inbox.port}`, '--dns', dns.address, '--state', join(dir, 'no-such-dir', 'state.json')]);
  assert.equal(unsaved.code, 3);
  assert.match(unsaved.stderr, /cannot use the state file: .*unwritable/);
  assert.equal(inbox.messages.length, 2);
});

test('inkan reports send --every / --state: usage errors', async () => {
  const rows = join(dir, 'day.jsonl');
  const base = ['reports', 'send', '--rows', rows, ...REPORTER, '--dns', dns.address];
  for (const [extra, pattern] of [
    [['--every', '1h'], /--every needs --state FILE/],
    [['--delay', '1m'], /--delay and --retry go with --every/],
    [['--every', '1h', '--state', join(dir, 's.json'), '--begin', '2026-11-28T00:00:00Z'], /--begin and --end do not go with --every/],
    [['--every', 'hourly', '--state', join(dir, 's.json')], /--every needs a duration such as 30s, 15m, 1h or 1d, not "hourly"/],
    [['--every', '0s', '--state', join(dir, 's.json')], /--every needs a duration/],
    [['--every', '1h', '--delay', '1m', '--retry', '0', '--state', join(dir, 's.json')], /--retry needs a duration/],
  ] as const) {
    const r = await runCli([...base, ...extra]);
    assert.equal(r.code, 2, `${extra.join(' ')}: ${r.stdout}${r.stderr}`);
    assert.match(r.stderr, pattern);
  }
  const stdin = await runCli(['reports', 'send', '--rows', '-', ...REPORTER, '--state', join(dir, 's.json')]);
  assert.equal(stdin.code, 2);
  assert.match(stdin.stderr, /give a file, not -/);
  writeFileSync(join(dir, 'corrupt.json'), 'not json');
  const corrupt = await runCli([...base, '--state', join(dir, 'corrupt.json'), '--begin', '2026-11-28T00:00:00Z']);
  assert.equal(corrupt.code, 1);
  assert.match(corrupt.stderr, /cannot use the state file: .*corrupt/);
  assert.equal(readFileSync(join(dir, 'corrupt.json'), 'utf8'), 'not json', 'a state file that cannot be read is left as it is');
});

interface CycleLine {
  periods: Array<{ begin: string; end: string }>;
  retried: Array<{ begin: string; end: string }>;
  reports: Array<{ begin: number; sends: Array<{ address: string; status: string; temporary?: boolean }>; alreadySent: string[] }>;
  pending: number;
  next: string;
}

/** Start `inkan reports send --every 1s` on the rows file; lines of --json come one per cycle. */
function startSender(rows: string, state: string) {
  return spawnCli<CycleLine>(['reports', 'send', '--rows', rows, ...REPORTER, '--smtp', `127.0.0.1:${inbox.port}`, '--dns', dns.address, '--state', state, '--every', '1s', '--delay', '0s', '--json']);
}

test('inkan reports send --every 1s: each period sent once, a 4xx retried at the next cycle, a restart catches up without re-sending', async () => {
  inbox.messages.length = 0;
  inbox.busy.add('busy@example.com');
  const rows = join(dir, 'live.jsonl');
  const state = join(dir, 'live-state.json');
  writeFileSync(rows, '');
  // Mail keeps arriving: one row every 100 ms.
  const feeder = setInterval(() => appendFileSync(rows, `${rowLine(makeRow(), Date.now())}\n`), 100);
  try {
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const sender = startSender(rows, state);
    const cycles: CycleLine[] = [];
    try {
      const first = await sender.next();
      cycles.push(first);
      assert.equal(first.periods.length, 1, 'the first run takes the latest period only');
      assert.deepEqual(first.reports[0]!.sends.map((s) => [s.address, s.status, s.temporary ?? false]), [['dmarc@example.com', 'sent', false], ['busy@example.com', 'failed', true]]);
      assert.equal(first.pending, 1);
      inbox.busy.clear();
      // Within the next cycles the busy address gets the first period (a retry), and new periods go to both.
      for (let i = 0; i < 8 && !cycles.some((c) => c.retried.length && c.reports.some((r) => r.sends.some((s) => s.address === 'busy@example.com' && s.status === 'sent'))); i++) cycles.push(await sender.next());
      cycles.push(await sender.next());
    } finally {
      assert.equal(await sender.stop(), 0, sender.stderr());
    }
    const retriedOk = cycles.find((c) => c.retried.length);
    assert.ok(retriedOk, JSON.stringify(cycles));
    assert.deepEqual(retriedOk.retried, [cycles[0]!.periods[0]]);
    const sentBefore = deliveries().length;
    // Down for about two seconds, then started again with the same state file.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const again = startSender(rows, state);
    try {
      const catchUp = await again.next();
      assert.ok(catchUp.periods.length >= 2, `the periods missed while down are sent: ${JSON.stringify(catchUp.periods)}`);
      assert.deepEqual(catchUp.retried, []);
      await again.next();
    } finally {
      assert.equal(await again.stop(), 0, again.stderr());
    }
    assert.ok(deliveries().length > sentBefore);
  } finally {
    clearInterval(feeder);
  }
  const got = deliveries();
  assert.equal(new Set(got).size, got.length, `no report went twice to the same address:\n${got.sort().join('\n')}`);
  // Every second with rows, from the first period sent to the last, went to both addresses: nothing lost across the restart.
  const withRows = new Set(readFileSync(rows, 'utf8').trim().split('\n').map((l) => Math.floor(Date.parse((JSON.parse(l) as { time: string }).time) / 1000)));
  for (const address of ['dmarc@example.com', 'busy@example.com']) {
    const begins = got.filter((g) => g.startsWith(`${address} `)).map((g) => Number(g.split(' ')[1])).sort((a, b) => a - b);
    assert.ok(begins.length >= 5, `${address}: ${begins.join(',')}`);
    const expected = [...withRows].filter((s) => s >= begins[0]! && s <= begins.at(-1)!).sort((a, b) => a - b);
    assert.deepEqual(begins, expected, `${address}: every period with rows`);
  }
  const saved = JSON.parse(readFileSync(state, 'utf8')) as { kind: string };
  assert.equal(saved.kind, 'aggregate-sends');
});

test('inkan reports send --every: the log lines on stderr (en, ja)', async () => {
  const rows = join(dir, 'log.jsonl');
  writeFileSync(rows, `${rowLine(makeRow(), Date.now() - 1000)}\n`);
  for (const [lang, pattern] of [
    ['en', /sending the reports of each 1s period 0s after it ends; state in .*\(Ctrl-C to stop\)\ncycle at .*:\n(period|nothing to send)[\s\S]*next cycle at /],
    ['ja', /1s ごとの期間のレポートを、期間の終わりから 0s 後に送ります。[\s\S]*のサイクル:[\s\S]*次のサイクルは /],
  ] as const) {
    const main = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));
    const child = spawn(process.execPath, [main, 'reports', 'send', '--rows', rows, ...REPORTER, '--smtp', `127.0.0.1:${inbox.port}`, '--dns', dns.address, '--state', join(dir, `log-${lang}.json`), '--every', '1s', '--delay', '0s', '--lang', lang], {
      env: { ...process.env, LANG: 'C.UTF-8' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    const seen = new Promise<void>((resolve) => child.stderr.on('data', (d: Buffer) => ((stderr += d.toString()), pattern.test(stderr) && resolve())));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    await Promise.race([seen, new Promise((resolve) => setTimeout(resolve, 30_000))]);
    child.kill('SIGTERM');
    assert.equal(await exited, 0);
    assert.match(stderr, pattern);
    assert.match(stderr, lang === 'en' ? /stopped; the state is saved/ : /停止しました。状態は保存済みです/);
  }
});
