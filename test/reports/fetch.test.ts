import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { ImapFlow } from 'imapflow';
import { langFromArgv, makeContext, UsageError } from '../../src/cli/context.js';
import { reportsFetch } from '../../src/cli/reports-fetch.js';
import { messageOrigin, parseImapUrl, type ImapTarget } from '../../src/reports/fetch/imap-url.js';
import { fetchReports, PROCESSED_KEYWORD, QUARANTINED_KEYWORD, type FetchRun } from '../../src/reports/fetch/imap.js';
import { watchReports } from '../../src/reports/fetch/watch.js';
import { ingest } from '../../src/reports/ingest.js';
import { openReportStore } from '../../src/reports/store/open.js';
import type { ReportStore } from '../../src/reports/store/store.js';
import { dovecotUnavailable, reportEmail, startDovecot, type TestDovecot } from '../helpers/dovecot.js';

/** RFC 5092 IMAP URLs as `--imap` takes them. */
const URLS: Array<[string, Partial<ImapTarget> | string]> = [
  ['imaps://dmarc@mail.example.com/INBOX', { secure: true, host: 'mail.example.com', port: 993, user: 'dmarc', mailbox: 'INBOX' }],
  ['imap://dmarc@mail.example.com', { secure: false, port: 143, mailbox: 'INBOX' }],
  ['IMAPS://u%40example.com@[2001:db8::1]:10993/Reports%2FDMARC', { host: '2001:db8::1', port: 10993, user: 'u@example.com', mailbox: 'Reports/DMARC' }],
  ['imaps://dmarc;AUTH=*@mail.example.com/INBOX;UIDVALIDITY=385759045', { user: 'dmarc', mailbox: 'INBOX' }],
  ['imaps://dmarc:s%3Acret@mail.example.com/', { user: 'dmarc', password: 's:cret' }],
  ['https://mail.example.com/', 'scheme'],
  ['imaps://mail.example.com/INBOX', 'user'],
  ['imaps://dmarc@/INBOX', 'host'],
  ['imaps://dmarc@mail.example.com:70000/', 'port'],
  ['imaps://dmarc@mail.example.com/%E0%A4%A', 'syntax'],
];

test(`parseImapUrl: RFC 5092 mailbox URLs (${URLS.length}/${URLS.length})`, (t) => {
  for (const [url, want] of URLS) {
    const r = parseImapUrl(url);
    if (typeof want === 'string') assert.deepEqual(r, { ok: false, error: want }, url);
    else {
      assert.ok(r.ok, url);
      for (const [k, v] of Object.entries(want)) assert.deepEqual(r.target[k as keyof ImapTarget], v, `${url} ${k}`);
    }
  }
  t.diagnostic(`IMAP URLs: ${URLS.length}/${URLS.length}`);
});

test('property: parseImapUrl never throws, and a message origin parses back to its server, user and mailbox', () => {
  fc.assert(fc.property(fc.string({ maxLength: 200, unit: 'binary' }), (s) => void parseImapUrl(s)));
  const target = fc.record({
    secure: fc.boolean(),
    host: fc.oneof(fc.stringMatching(/^[a-z][a-z0-9-]{0,20}\.example$/), fc.constant('192.0.2.1'), fc.constant('2001:db8::7')),
    port: fc.integer({ min: 1, max: 65535 }),
    user: fc.string({ minLength: 1, maxLength: 20, unit: 'grapheme' }),
    mailbox: fc.string({ minLength: 1, maxLength: 20, unit: 'grapheme' }).filter((m) => !/[\r\n\0]/.test(m)),
  });
  fc.assert(
    fc.property(target, fc.nat(), (t, uid) => {
      const origin = messageOrigin(t, 7n, uid);
      const base = origin.slice(0, origin.indexOf(';UIDVALIDITY='));
      const r = parseImapUrl(base);
      assert.ok(r.ok, origin);
      assert.deepEqual({ ...r.target }, { ...t });
      assert.ok(origin.endsWith(`;UIDVALIDITY=7/;UID=${uid}`));
    }),
    { numRuns: 300 },
  );
});

type Call = { code: number; out: string; err: string };

async function fetchCli(argv: string[], env: Record<string, string> = { LANG: 'C.UTF-8' }): Promise<Call> {
  let out = '';
  let err = '';
  const ctx = makeContext(langFromArgv(argv, env), { out: (t) => void (out += `${t}\n`), err: (t) => void (err += `${t}\n`), outBytes: () => undefined, stdin: (async function* () {})(), env, isTty: false });
  try {
    return { code: await reportsFetch(argv, ctx), out, err };
  } catch (e) {
    if (e instanceof UsageError) return { code: 2, out, err: err + e.message };
    throw e;
  }
}

test('inkan reports fetch: usage errors exit 2 with the reason; --help teaches (en, ja)', async () => {
  assert.match((await fetchCli([])).err, /--imap imaps:\/\/USER@HOST\/MAILBOX/);
  const bad = await fetchCli(['--imap', 'pop3://x@y/']);
  assert.equal(bad.code, 2);
  assert.match(bad.err, /must start with imaps:\/\/ or imap:\/\//);
  const noPass = await fetchCli(['--imap', 'imaps://u@h/INBOX'], { LANG: 'ja_JP.UTF-8' });
  assert.equal(noPass.code, 2);
  assert.match(noPass.err, /環境変数 INKAN_IMAP_PASSWORD/);
  assert.match((await fetchCli(['--imap', 'imaps://u:p@h/', '--move-to', 'X', '--delete'])).err, /cannot be used together/);
  const help = await fetchCli(['--help']);
  assert.match(help.out, /only\nafter they are committed|only after they are committed/);
  assert.match(help.out, /Exit codes:/);
  assert.match((await fetchCli(['--help', '--lang', 'ja'])).out, /コミットされてから初めて/);
});

test('inkan reports fetch: a server that does not answer is exit 3 (try again later)', async () => {
  const tmp = mkdtempSync(join(tmpdir(), 'inkan-fetch-'));
  const r = await fetchCli(['--imap', 'imap://u@127.0.0.1:1/INBOX', '--db', join(tmp, 'x.db'), '--json'], { INKAN_IMAP_PASSWORD: 'p' });
  rmSync(tmp, { recursive: true, force: true });
  assert.equal(r.code, 3);
  assert.match(r.err, /cannot fetch from 127\.0\.0\.1:1/);
  assert.equal((JSON.parse(r.out) as { error: string }).error, 'connect');
});

const skip = dovecotUnavailable();
let dovecot: TestDovecot | undefined;
let dir: string;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'inkan-fetch-'));
  if (!skip) dovecot = await startDovecot();
});
after(async () => {
  await dovecot?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function client(dc: TestDovecot): Promise<ImapFlow> {
  const c = new ImapFlow({ host: dc.host, port: dc.imapsPort ?? dc.imapPort, secure: Boolean(dc.imapsPort), auth: { user: dc.user, pass: dc.password }, logger: false, ...(dc.caFile ? { tls: { ca: readFileSync(dc.caFile) } } : {}) });
  await c.connect();
  return c;
}

/** Messages of a mailbox: UID and flags. */
async function listBox(dc: TestDovecot, mailbox: string): Promise<Array<{ uid: number; flags: string[] }>> {
  const c = await client(dc);
  try {
    const lock = await c.getMailboxLock(mailbox);
    try {
      if (!c.mailbox || c.mailbox.exists === 0) return [];
      return (await c.fetchAll('1:*', { uid: true, flags: true })).map((m) => ({ uid: m.uid, flags: [...(m.flags ?? [])].sort() }));
    } finally {
      lock.release();
    }
  } finally {
    await c.logout();
  }
}

async function append(dc: TestDovecot, mailbox: string, ...messages: Buffer[]): Promise<void> {
  const c = await client(dc);
  try {
    for (const m of messages) await c.append(mailbox, m);
  } finally {
    await c.logout();
  }
}

async function reportCount(store: ReportStore): Promise<number> {
  return Number((await store.db.selectFrom('reports').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
}

function imapsUrl(dc: TestDovecot, mailbox: string): string {
  return dc.imapsPort ? `imaps://${dc.user}@127.0.0.1:${dc.imapsPort}/${mailbox}` : `imap://${dc.user}@127.0.0.1:${dc.imapPort}/${mailbox}`;
}

test('IMAP fetch (real Dovecot, imaps): reports stored, messages moved only after commit; a quarantined one stays; re-runs are idempotent', { skip: skip && `skipped: ${skip}` }, async (t) => {
  const dc = dovecot!;
  const db = join(dir, 'move.db');
  await append(dc, 'INBOX', await reportEmail('example.com', '2026-11-01'), await reportEmail('example.org', '2026-11-01'), await reportEmail('example.net', '2026-11-01', { corrupt: true }));
  const env = { LANG: 'C.UTF-8', INKAN_IMAP_PASSWORD: dc.password };
  const argv = ['--imap', imapsUrl(dc, 'INBOX'), '--move-to', 'Processed', '--db', db, ...(dc.caFile ? ['--ca', dc.caFile] : [])];
  const first = await fetchCli([...argv, '--json'], env);
  assert.equal(first.code, 1, first.err + dc.log());
  const run = JSON.parse(first.out) as FetchRun & { items: Array<{ uid: number; status: string; origin: string }> };
  assert.deepEqual([run.messages, run.processed, run.kept, run.failed, run.stored, run.duplicates, run.quarantined], [3, 2, 1, 0, 2, 0, 1]);
  assert.match(run.items[0]!.origin, /^imaps?:\/\/reports@127\.0\.0\.1:\d+\/INBOX;UIDVALIDITY=\d+\/;UID=1$/);
  assert.deepEqual(await listBox(dc, 'INBOX'), [{ uid: 3, flags: [QUARANTINED_KEYWORD] }]);
  assert.equal((await listBox(dc, 'Processed')).length, 2);

  const again = await fetchCli([...argv, '--json'], env);
  assert.equal(again.code, 0);
  assert.equal((JSON.parse(again.out) as FetchRun).messages, 0, 'the quarantined message is not fetched again');

  // The same report arriving twice (two mailboxes, a resend) is stored once.
  await append(dc, 'INBOX', await reportEmail('example.com', '2026-11-01'));
  const dup = await fetchCli(argv, env);
  assert.equal(dup.code, 0, dup.out + dup.err);
  assert.match(dup.out, /UID 4: stored 0, duplicates 1/);
  assert.match(dup.out, /1 messages: 1 processed, 0 kept, 0 failed/);
  const store = await openReportStore(db);
  try {
    assert.equal(await reportCount(store), 2);
    const origins = await store.db.selectFrom('reports').select('origin').execute();
    assert.ok(origins.every((o) => /\/INBOX;UIDVALIDITY=\d+\/;UID=[12]$/.test(o.origin ?? '')), JSON.stringify(origins));
    assert.equal((await store.db.selectFrom('quarantine').select('id').execute()).length, 1);
  } finally {
    await store.close();
  }
  t.diagnostic('dovecot: 4 messages, 2 reports stored, 1 duplicate, 1 quarantined');
});

test('IMAP fetch: when the store fails the message stays untouched and the pass stops; the next run stores it', { skip: skip && `skipped: ${skip}` }, async () => {
  const dc = dovecot!;
  const target = { secure: Boolean(dc.imapsPort), host: '127.0.0.1', port: dc.imapsPort ?? dc.imapPort, user: dc.user, mailbox: 'Failing' };
  const c = await client(dc);
  await c.mailboxCreate('Failing');
  await c.logout();
  await append(dc, 'Failing', await reportEmail('example.com', '2026-11-02'), await reportEmail('example.com', '2026-11-03'));
  const broken = await openReportStore(':memory:');
  await broken.close();
  const common = { target, password: dc.password, after: { action: 'move' as const, mailbox: 'Done' }, ...(dc.caFile ? { ca: readFileSync(dc.caFile) } : {}) };
  const failed = await fetchReports({ ...common, ingest: (input) => ingest(broken, input) });
  assert.deepEqual([failed.messages, failed.failed, failed.processed, failed.stoppedOnFailure], [1, 1, 0, true]);
  assert.deepEqual((await listBox(dc, 'Failing')).map((m) => m.flags), [[], []], 'nothing marked');
  const store = await openReportStore(':memory:');
  try {
    const ok = await fetchReports({ ...common, ingest: (input) => ingest(store, input) });
    assert.deepEqual([ok.messages, ok.processed, ok.stored], [2, 2, 2]);
    assert.deepEqual(await listBox(dc, 'Failing'), []);
    assert.equal((await listBox(dc, 'Done')).length, 2);
  } finally {
    await store.close();
  }
});

test('IMAP fetch without --move-to: messages are flagged $InkanProcessed and seen, and skipped next time (imap:// with STARTTLS, Japanese output)', { skip: skip && `skipped: ${skip}` }, async () => {
  const dc = dovecot!;
  const c = await client(dc);
  await c.mailboxCreate('Flagged');
  await c.logout();
  await append(dc, 'Flagged', await reportEmail('example.com', '2026-11-04'));
  const env = { LANG: 'ja_JP.UTF-8', INKAN_IMAP_PASSWORD: dc.password };
  const argv = ['--imap', `imap://${dc.user}@127.0.0.1:${dc.imapPort}/Flagged`, '--db', join(dir, 'flag.db'), ...(dc.caFile ? ['--ca', dc.caFile] : [])];
  const r = await fetchCli(argv, env);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /UID 1: 保存 1、重複 0/);
  assert.match(r.out, /メッセージ 1 件: 処理済み 1、残した 0、失敗 0/);
  assert.deepEqual(await listBox(dc, 'Flagged'), [{ uid: 1, flags: [PROCESSED_KEYWORD, '\\Seen'].sort() }]);
  assert.match((await fetchCli(argv, env)).out, /メッセージ 0 件/);
});

test('IMAP watch mode: a pass at once, then new mail announced by IDLE is fetched; stops when aborted', { skip: skip && `skipped: ${skip}` }, async () => {
  const dc = dovecot!;
  const c = await client(dc);
  await c.mailboxCreate('Watched');
  await c.logout();
  await append(dc, 'Watched', await reportEmail('example.com', '2026-11-05'));
  const store = await openReportStore(':memory:');
  const controller = new AbortController();
  const passes: FetchRun[] = [];
  let notify: (() => void) | undefined;
  const watching = watchReports({
    target: { secure: Boolean(dc.imapsPort), host: '127.0.0.1', port: dc.imapsPort ?? dc.imapPort, user: dc.user, mailbox: 'Watched' },
    password: dc.password,
    ...(dc.caFile ? { ca: readFileSync(dc.caFile) } : {}),
    after: { action: 'delete' },
    ingest: (input) => ingest(store, input),
    signal: controller.signal,
    pollMs: 60_000,
    onPass: (run) => {
      passes.push(run);
      notify?.();
    },
  });
  const until = async (done: () => boolean): Promise<void> => {
    while (!done()) await new Promise<void>((resolve) => (notify = resolve));
  };
  try {
    await until(() => passes.reduce((n, p) => n + p.processed, 0) >= 1);
    await append(dc, 'Watched', await reportEmail('example.org', '2026-11-05'));
    await until(() => passes.reduce((n, p) => n + p.processed, 0) >= 2);
  } finally {
    controller.abort();
    await watching;
  }
  try {
    assert.equal(await reportCount(store), 2);
    assert.deepEqual(await listBox(dc, 'Watched'), [], '--delete removes processed messages');
  } finally {
    await store.close();
  }
});

test('IMAP fetch: a message over --max-size is kept in place, flagged $InkanQuarantined, not downloaded', { skip: skip && `skipped: ${skip}` }, async () => {
  const dc = dovecot!;
  const c = await client(dc);
  await c.mailboxCreate('Big');
  await c.logout();
  await append(dc, 'Big', await reportEmail('example.com', '2026-11-06', { rows: 50 }));
  const env = { LANG: 'C.UTF-8', INKAN_IMAP_PASSWORD: dc.password };
  const r = await fetchCli(['--imap', imapsUrl(dc, 'Big'), '--max-size', '1000', '--db', join(dir, 'big.db'), ...(dc.caFile ? ['--ca', dc.caFile] : [])], env);
  assert.equal(r.code, 1, r.err);
  assert.match(r.out, /UID 1: kept in the mailbox \(too large\)/);
  assert.deepEqual(await listBox(dc, 'Big'), [{ uid: 1, flags: [QUARANTINED_KEYWORD] }]);
});

test('inkan reports fetch is reached through the reports dispatcher', async () => {
  const { runCli } = await import('../cli/run-cli.js');
  const r = await runCli(['reports', 'fetch', '--help']);
  assert.equal(r.code, 0);
  assert.match(r.stdout, /inkan reports fetch — read DMARC and TLS reports from an IMAP mailbox/);
});

test('inkan reports fetch --watch --json: one line per pass; new mail is fetched; SIGTERM stops it with exit 0 (a real process)', { skip: skip && `skipped: ${skip}` }, async () => {
  const dc = dovecot!;
  const c = await client(dc);
  await c.mailboxCreate('CliWatch');
  await c.logout();
  await append(dc, 'CliWatch', await reportEmail('example.com', '2026-11-07'));
  const { spawn } = await import('node:child_process');
  const { createInterface } = await import('node:readline');
  const cli = new URL('../../src/cli/reports-fetch.js', import.meta.url).href;
  const context = new URL('../../src/cli/context.js', import.meta.url).href;
  const argv = ['--imap', imapsUrl(dc, 'CliWatch'), '--watch', '--json', '--move-to', 'CliDone', '--db', join(dir, 'watch.db'), ...(dc.caFile ? ['--ca', dc.caFile] : [])];
  const code = `
    const { reportsFetch } = await import(${JSON.stringify(cli)});
    const { makeContext, langFromArgv } = await import(${JSON.stringify(context)});
    const argv = ${JSON.stringify(argv)};
    const io = { out: (t) => process.stdout.write(t + '\\n'), err: (t) => process.stderr.write(t + '\\n'), outBytes: (b) => process.stdout.write(b), stdin: process.stdin, env: process.env, isTty: false };
    process.exitCode = await reportsFetch(argv, makeContext(langFromArgv(argv, process.env), io));`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', code], { env: { ...process.env, LANG: 'C.UTF-8', INKAN_IMAP_PASSWORD: dc.password }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const next = async (): Promise<FetchRun> => JSON.parse((await lines.next()).value as string) as FetchRun;
  try {
    const first = await next();
    assert.deepEqual([first.messages, first.processed, first.stored], [1, 1, 1], stderr);
    await append(dc, 'CliWatch', await reportEmail('example.org', '2026-11-07'));
    let second = await next();
    while (second.messages === 0) second = await next();
    assert.deepEqual([second.messages, second.processed, second.stored], [1, 1, 1]);
  } finally {
    child.kill('SIGTERM');
  }
  assert.equal(await exited, 0, stderr);
  assert.equal((await listBox(dc, 'CliDone')).length, 2);
});

test('fetch and receive use the same default store as the other reports commands', async () => {
  const { reportStoreLocation } = await import('../../src/cli/reports-fetch.js');
  const { defaultStoreLocation } = await import('../../src/cli/reports.js');
  for (const env of [{ HOME: '/home/a' }, { HOME: '/home/a', XDG_DATA_HOME: '/data' }, { INKAN_DB: 'postgres://db/reports' }]) {
    assert.equal(reportStoreLocation(undefined, env), defaultStoreLocation(env), JSON.stringify(env));
  }
  assert.equal(reportStoreLocation('x.db', { INKAN_DB: 'y.db' }), 'x.db');
});
