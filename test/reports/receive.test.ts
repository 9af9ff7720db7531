import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import nodemailer, { type TransportOptions } from 'nodemailer';
import { langFromArgv, makeContext, UsageError } from '../../src/cli/context.js';
import { parseListen, reportsReceive } from '../../src/cli/reports-receive.js';
import { ingest, type IngestInput } from '../../src/reports/ingest.js';
import { startReceiver, type ReceivedMessage, type Receiver } from '../../src/reports/receive/server.js';
import { openReportStore } from '../../src/reports/store/open.js';
import type { ReportStore } from '../../src/reports/store/store.js';
import { reportEmail } from '../helpers/dovecot.js';

const SWAKS = spawnSync('swaks', ['--version'], { stdio: 'ignore' }).status === 0;
let dir: string;

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'inkan-rcv-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

async function countReports(store: ReportStore): Promise<number> {
  const row = await store.db.selectFrom('reports').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Send with swaks (a real SMTP client, Debian package `swaks`): the exit code and its transcript. */
function swaks(port: number, file: string, extra: string[] = []): Promise<{ code: number; transcript: string }> {
  return new Promise((resolve) => {
    const child = spawn('swaks', ['--server', '127.0.0.1', '--port', String(port), '--from', 'noreply-dmarc@reporter.example', '--to', 'dmarc@example.com', '--data', file, '--helo', 'reporter.example', ...extra]);
    let transcript = '';
    child.stdout.on('data', (c: Buffer) => (transcript += c.toString()));
    child.stderr.on('data', (c: Buffer) => (transcript += c.toString()));
    child.on('close', (code) => resolve({ code: code ?? -1, transcript }));
  });
}

/** Send with nodemailer (when swaks is missing, and for LMTP). */
async function send(port: number, raw: Buffer, options: { lmtp?: boolean; to?: string[] } = {}): Promise<{ ok: boolean; response: string; accepted: string[]; rejected: string[] }> {
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true, lmtp: options.lmtp ?? false } as TransportOptions);
  try {
    const info = (await transport.sendMail({ envelope: { from: 'noreply-dmarc@reporter.example', to: options.to ?? ['dmarc@example.com'] }, raw })) as { response: string; accepted: string[]; rejected: string[] };
    return { ok: true, response: info.response, accepted: info.accepted, rejected: info.rejected };
  } catch (e) {
    return { ok: false, response: e instanceof Error ? e.message : String(e), accepted: [], rejected: [] };
  } finally {
    transport.close();
  }
}

async function withReceiver(ingestFn: (input: IngestInput) => Promise<Awaited<ReturnType<typeof ingest>>>, body: (r: Receiver, events: ReceivedMessage[]) => Promise<void>, options: { lmtp?: boolean; maxMessageBytes?: number } = {}): Promise<void> {
  const events: ReceivedMessage[] = [];
  const receiver = await startReceiver({ host: '127.0.0.1', port: 0, ingest: ingestFn, onMessage: (e) => events.push(e), ...options });
  try {
    await body(receiver, events);
  } finally {
    await receiver.close();
  }
}

test(`SMTP receive: 250 only after the report is committed (client: ${SWAKS ? 'swaks' : 'nodemailer'})`, async () => {
  const store = await openReportStore(':memory:');
  try {
    const raw = await reportEmail('example.com', '2026-11-20');
    await withReceiver((input) => ingest(store, input), async (receiver, events) => {
      if (SWAKS) {
        const file = join(dir, 'report.eml');
        writeFileSync(file, raw);
        const r = await swaks(receiver.port, file);
        assert.equal(r.code, 0, r.transcript);
        assert.match(r.transcript, /<- {2}250 2\.6\.0 stored 1, duplicates 0, quarantined 0/);
        const again = await swaks(receiver.port, file);
        assert.match(again.transcript, /<- {2}250 2\.6\.0 stored 0, duplicates 1, quarantined 0/);
      } else {
        assert.match((await send(receiver.port, raw)).response, /^250 2\.6\.0 stored 1/);
        assert.match((await send(receiver.port, raw)).response, /^250 2\.6\.0 stored 0, duplicates 1/);
      }
      assert.equal(await countReports(store), 1);
      assert.deepEqual(events.map((e) => e.status), ['accepted', 'accepted']);
      assert.match(events[0]!.origin, /^smtp:127\.0\.0\.1;helo=\S+;from=<noreply-dmarc@reporter\.example>;to=<dmarc@example\.com>;id=\w+/);
    });
  } finally {
    await store.close();
  }
});

test('SMTP receive: a store failure answers 451 (the sender keeps the message); the retry is stored — nothing lost', async () => {
  const raw = await reportEmail('example.com', '2026-11-21');
  const broken = await openReportStore(':memory:');
  await broken.close();
  await withReceiver((input) => ingest(broken, input), async (receiver, events) => {
    const r = await send(receiver.port, raw);
    assert.equal(r.ok, false);
    assert.match(r.response, /451 4\.3\.0 report store unavailable/);
    assert.equal(events[0]!.status, 'deferred');
  });
  const store = await openReportStore(':memory:');
  try {
    await withReceiver((input) => ingest(store, input), async (receiver) => {
      assert.match((await send(receiver.port, raw)).response, /^250 /);
    });
    assert.equal(await countReports(store), 1);
  } finally {
    await store.close();
  }
});

test('SMTP receive: a message with a broken attachment is committed to quarantine and accepted (250), never dropped', async () => {
  const store = await openReportStore(':memory:');
  try {
    const raw = await reportEmail('example.com', '2026-11-22', { corrupt: true });
    await withReceiver((input) => ingest(store, input), async (receiver) => {
      assert.match((await send(receiver.port, raw)).response, /^250 2\.6\.0 stored 0, duplicates 0, quarantined 1/);
    });
    const q = await store.db.selectFrom('quarantine').select(['origin', 'raw_size']).execute();
    assert.equal(q.length, 1);
    assert.match(q[0]!.origin ?? '', /^smtp:127\.0\.0\.1/);
    assert.equal(Number(q[0]!.raw_size), raw.length);
  } finally {
    await store.close();
  }
});

test('LMTP (RFC 2033): one reply per recipient; SIZE is enforced with 552', async () => {
  const store = await openReportStore(':memory:');
  try {
    const raw = await reportEmail('example.com', '2026-11-23');
    await withReceiver((input) => ingest(store, input), async (receiver) => {
      const r = await send(receiver.port, raw, { lmtp: true, to: ['dmarc@example.com', 'dmarc@example.org'] });
      assert.ok(r.ok, r.response);
      assert.deepEqual(r.accepted, ['dmarc@example.com', 'dmarc@example.org']);
    }, { lmtp: true });
    assert.equal(await countReports(store), 1);
    await withReceiver((input) => ingest(store, input), async (receiver, events) => {
      const r = await send(receiver.port, raw);
      assert.equal(r.ok, false);
      assert.match(r.response, /552/);
      assert.deepEqual(events.map((e) => e.status), ['too-large']);
    }, { maxMessageBytes: 1000 });
  } finally {
    await store.close();
  }
});

test('parseListen: HOST:PORT and [IPv6]:PORT', () => {
  assert.deepEqual(parseListen('127.0.0.1:2525'), { host: '127.0.0.1', port: 2525 });
  assert.deepEqual(parseListen('[::1]:24'), { host: '::1', port: 24 });
  assert.deepEqual(parseListen('localhost:0'), { host: 'localhost', port: 0 });
  for (const bad of ['127.0.0.1', ':25', '127.0.0.1:99999', '::1:25', 'a b:25']) assert.equal(parseListen(bad), undefined, bad);
});

test('inkan reports receive: usage errors exit 2; --help teaches (en, ja)', async () => {
  const call = async (argv: string[]): Promise<{ code: number; out: string; err: string }> => {
    let out = '';
    let err = '';
    const env = { LANG: 'C.UTF-8' };
    const ctx = makeContext(langFromArgv(argv, env), { out: (t) => void (out += `${t}\n`), err: (t) => void (err += `${t}\n`), outBytes: () => undefined, stdin: (async function* () {})(), env, isTty: false });
    try {
      return { code: await reportsReceive(argv, ctx), out, err };
    } catch (e) {
      if (e instanceof UsageError) return { code: 2, out, err: err + e.message };
      throw e;
    }
  };
  assert.match((await call([])).err, /--listen HOST:PORT/);
  assert.equal((await call(['--listen', 'nowhere'])).code, 2);
  assert.match((await call(['--listen', '127.0.0.1:2525', '--tls-cert', 'x.pem'])).err, /--tls-cert and --tls-key go together/);
  const help = await call(['--help']);
  assert.match(help.out, /answer|reply is 250 only after/);
  assert.match(help.out, /Exit codes:/);
  assert.match((await call(['--help', '--lang', 'ja'])).out, /451 を返す/);
});

/** Run `reportsReceive` in a child process (it runs until a signal), as `inkan reports receive` does. */
function startCli(argv: string[], env: Record<string, string> = {}) {
  const cli = new URL('../../src/cli/reports-receive.js', import.meta.url).href;
  const context = new URL('../../src/cli/context.js', import.meta.url).href;
  const code = `
    const { reportsReceive } = await import(${JSON.stringify(cli)});
    const { makeContext, langFromArgv } = await import(${JSON.stringify(context)});
    const argv = ${JSON.stringify(argv)};
    const io = { out: (t) => process.stdout.write(t + '\\n'), err: (t) => process.stderr.write(t + '\\n'), outBytes: (b) => process.stdout.write(b), stdin: process.stdin, env: process.env, isTty: false };
    process.exitCode = await reportsReceive(argv, makeContext(langFromArgv(argv, process.env), io));`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', code], { env: { ...process.env, LANG: 'C.UTF-8', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  return { child, next: async () => (await lines.next()).value as string, stderr: () => stderr };
}

test('inkan reports receive --json: listens, stores each message, stops on SIGTERM with exit 0 (a real process)', async () => {
  const db = join(dir, 'cli.db');
  const cli = startCli(['--listen', '127.0.0.1:0', '--json', '--db', db]);
  const exited = new Promise<number | null>((resolve) => cli.child.on('exit', (code) => resolve(code)));
  const listening = JSON.parse(await cli.next()) as { event: string; protocol: string; port: number };
  assert.equal(listening.event, 'listening', cli.stderr());
  assert.equal(listening.protocol, 'SMTP');
  const raw = await reportEmail('example.net', '2026-11-24');
  assert.match((await send(listening.port, raw)).response, /^250 /);
  const event = JSON.parse(await cli.next()) as { event: string; status: string; summary: { stored: number } };
  assert.deepEqual([event.event, event.status, event.summary.stored], ['message', 'accepted', 1]);
  cli.child.kill('SIGTERM');
  assert.deepEqual(JSON.parse(await cli.next()), { event: 'stopped' });
  assert.equal(await exited, 0);
  const store = await openReportStore(db);
  try {
    assert.equal(await countReports(store), 1);
  } finally {
    await store.close();
  }
});

test('inkan reports receive: text output in Japanese; a port in use is exit 3', async () => {
  const cli = startCli(['--listen', '127.0.0.1:0', '--lang', 'ja', '--lmtp', '--db', join(dir, 'ja.db')]);
  const exited = new Promise<number | null>((resolve) => cli.child.on('exit', (code) => resolve(code)));
  for (let i = 0; i < 100 && !/待ち受けています/.test(cli.stderr()); i++) await new Promise((r) => setTimeout(r, 50));
  const m = /LMTP レポート受信口が 127\.0\.0\.1:(\d+) で待ち受けています/.exec(cli.stderr());
  assert.ok(m, cli.stderr());
  const busy = startCli(['--listen', `127.0.0.1:${m[1]}`, '--db', join(dir, 'busy.db')]);
  const busyExit = await new Promise<number | null>((resolve) => busy.child.on('exit', (code) => resolve(code)));
  assert.equal(busyExit, 3);
  assert.match(busy.stderr(), /cannot listen on 127\.0\.0\.1:\d+/);
  const raw = await reportEmail('example.jp', '2026-11-25');
  assert.ok((await send(Number(m[1]), raw, { lmtp: true })).ok);
  assert.match(await cli.next(), /^受理 lmtp:127\.0\.0\.1;.*保存 1、重複 0、隔離 0$/);
  cli.child.kill('SIGINT');
  assert.equal(await exited, 0);
});
