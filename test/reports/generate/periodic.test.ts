import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { SystemResolver } from '../../../src/dns/system.js';
import { parseMime } from '../../../src/reports/mime.js';
import {
  duePeriods, emptySendState, isSendState, MAX_CATCH_UP, nextCycleAt, readStateFile, runSendCycle, StateFileError, withStateLock, writeStateFile,
  type CycleOptions, type Reporter, type SendState, type TimedRow,
} from '../../../src/reports/generate/index.js';
import { startDnsServer, type TestDnsServer } from '../../helpers/dns-server.js';
import { makeRow } from '../make.js';
import { startInbox, type TestInbox } from './smtp-inbox.js';

const H = 3_600_000;
const T0 = Date.parse('2026-11-30T00:00:00Z');

test('periods are aligned to the epoch (UTC): the first run takes the latest one, later runs what ended since, at most MAX_CATCH_UP', () => {
  // 10:20 with 1 h periods and a 10 min delay: 09:00-10:00 is done.
  assert.deepEqual(duePeriods(T0 + 10 * H + 20 * 60_000, H, 10 * 60_000, undefined), [{ begin: T0 + 9 * H, end: T0 + 10 * H }]);
  // 10:05: the delay has not passed for 09:00-10:00 yet.
  assert.deepEqual(duePeriods(T0 + 10 * H + 5 * 60_000, H, 10 * 60_000, undefined), [{ begin: T0 + 8 * H, end: T0 + 9 * H }]);
  // Already through 10:00: nothing new until 11:10.
  assert.deepEqual(duePeriods(T0 + 10 * H + 50 * 60_000, H, 10 * 60_000, T0 + 10 * H), []);
  // Down from 10:00 to 13:30: 10-11, 11-12, 12-13 are caught up.
  assert.deepEqual(duePeriods(T0 + 13.5 * H, H, 0, T0 + 10 * H).map((p) => (p.begin - T0) / H), [10, 11, 12]);
  // Down for 100 periods: only the last MAX_CATCH_UP.
  const many = duePeriods(T0 + 200 * H, H, 0, T0 + 100 * H);
  assert.equal(many.length, MAX_CATCH_UP);
  assert.equal(many.at(-1)!.end, T0 + 200 * H);
  // --every changed from 1h to 1d: no period overlaps what was sent.
  assert.deepEqual(duePeriods(T0 + 50 * H, 24 * H, 0, T0 + 10 * H), [{ begin: T0 + 24 * H, end: T0 + 48 * H }]);
  assert.equal(nextCycleAt(T0 + 10 * H + 20 * 60_000, H, 10 * 60_000), T0 + 11 * H + 10 * 60_000);
  assert.equal(nextCycleAt(T0 + 10 * H + 5 * 60_000, H, 10 * 60_000), T0 + 10 * H + 10 * 60_000);
});

const ZONE = `$TTL 300
$ORIGIN example.com.
_dmarc IN TXT "v=DMARC1; p=reject; rua=mailto:dmarc@example.com,mailto:busy@example.com,mailto:refuse@example.com"
$ORIGIN other.example.
_dmarc IN TXT "v=DMARC1; p=none; rua=mailto:agg@other.example"
`;

let dns: TestDnsServer;
let inbox: TestInbox;
let dir: string;
const reporter: Reporter = { orgName: 'Example Receiver', email: 'dmarc-noreply@mx.example', domain: 'mx.example' };

before(async () => {
  dns = await startDnsServer({ zone: ZONE });
  inbox = await startInbox();
  dir = mkdtempSync(join(tmpdir(), 'inkan-periodic-'));
});

after(async () => {
  await dns.close();
  await inbox.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Rows: one message per 10 minutes for example.com, one per hour for other.example, from T0 for `hours`. */
function rows(hours: number): TimedRow[] {
  const out: TimedRow[] = [];
  for (let t = T0; t < T0 + hours * H; t += 10 * 60_000) out.push({ time: t + 1, row: makeRow() });
  for (let t = T0; t < T0 + hours * H; t += H) out.push({ time: t + 2, row: makeRow({ identifiers: { headerFrom: 'other.example' } }, { domain: 'other.example', p: 'none' }) });
  return out;
}

function options(stateFile: string, data: () => TimedRow[], extra: Partial<CycleOptions> = {}): CycleOptions {
  return {
    reporter,
    rows: async function* () {
      yield* data();
    },
    send: { resolver: new SystemResolver({ servers: [{ host: dns.host, port: dns.port }] }), delivery: { via: 'relay', host: '127.0.0.1', port: inbox.port }, heloName: 'mx.example' },
    save: (s) => writeStateFile(stateFile, 'aggregate-sends', s),
    schedule: { every: H, delay: 10 * 60_000 },
    ...extra,
  };
}

async function load(file: string): Promise<SendState> {
  const data = await readStateFile(file, 'aggregate-sends');
  assert.ok(data === undefined || isSendState(data));
  return (data as SendState | undefined) ?? emptySendState();
}

/** Which report (Report-ID) each accepted message carried, per recipient. */
function delivered(): string[] {
  return inbox.messages.map((m) => {
    const subject = parseMime(m.raw)!.fields.find((f) => f.name.toLowerCase() === 'subject')!.value.replace(/\s+/g, ' ');
    return `${m.to.join(',')} ${/Report Domain: (\S+)/.exec(subject)![1]} ${/Report-ID: <(\w+)@/.exec(subject)![1]}`;
  });
}

test('periodic sending: each period once per address, a restart (state re-read from the file) sends nothing again, a 4xx is retried, a 5xx is not', async () => {
  inbox.messages.length = 0;
  inbox.attempts.length = 0;
  inbox.busy.add('busy@example.com');
  const file = join(dir, 'state.json');
  const data = () => rows(3);
  // 01:15 (delay 10 min): 00:00-01:00 is due.
  let state = await load(file);
  const first = await runSendCycle(state, T0 + H + 15 * 60_000, options(file, data));
  assert.deepEqual(first.periods, [{ begin: T0, end: T0 + H }]);
  assert.deepEqual(first.reports.map((r) => [r.policyDomain, r.messages, r.sends.map((s) => [s.address, s.status, s.temporary ?? false])]), [
    ['example.com', 6, [['dmarc@example.com', 'sent', false], ['busy@example.com', 'failed', true], ['refuse@example.com', 'failed', false]]],
    ['other.example', 1, [['agg@other.example', 'sent', false]]],
  ]);
  assert.equal(first.pending, 1);
  assert.equal(inbox.messages.length, 2);
  // Restart at 01:30: the state file says 00:00-01:00 is done except busy@, which is retried (still busy).
  state = await load(file);
  assert.equal(state.reports[`example.com!${T0 / 1000}!${(T0 + H) / 1000}`]!.addresses['busy@example.com']!.status, 'retry');
  const retry = await runSendCycle(state, T0 + H + 30 * 60_000, options(file, data));
  assert.deepEqual(retry.periods, []);
  assert.deepEqual(retry.retried, [{ begin: T0, end: T0 + H }]);
  assert.deepEqual(retry.reports.map((r) => [r.policyDomain, r.sends.map((s) => s.address), r.alreadySent]), [['example.com', ['busy@example.com'], ['dmarc@example.com']]]);
  assert.equal(inbox.messages.length, 2, 'nothing sent twice');
  // busy@ accepts again; 02:10 brings 01:00-02:00 and the retry of 00:00-01:00.
  inbox.busy.clear();
  state = await load(file);
  const third = await runSendCycle(state, T0 + 2 * H + 10 * 60_000, options(file, data));
  assert.deepEqual(third.periods, [{ begin: T0 + H, end: T0 + 2 * H }]);
  assert.deepEqual(third.retried, [{ begin: T0, end: T0 + H }]);
  assert.equal(third.pending, 0);
  // Each (address, report) arrived exactly once; refuse@ was tried once per report only.
  const got = delivered();
  assert.equal(new Set(got).size, got.length, got.join('\n'));
  assert.deepEqual(got.map((g) => g.split(' ').slice(0, 2).join(' ')).sort(), [
    'agg@other.example other.example', 'agg@other.example other.example',
    'busy@example.com example.com', 'busy@example.com example.com',
    'dmarc@example.com example.com', 'dmarc@example.com example.com',
  ]);
  assert.equal(inbox.attempts.filter((a) => a === 'refuse@example.com').length, 2);
  // Again at the same time, and after another restart: nothing at all.
  const before = inbox.attempts.length;
  const again = await runSendCycle(await load(file), T0 + 2 * H + 20 * 60_000, options(file, data));
  assert.deepEqual([again.periods, again.retried, again.reports], [[], [], []]);
  assert.equal(inbox.attempts.length, before);
  const saved = JSON.parse(readFileSync(file, 'utf8')) as { version: number; kind: string; data: SendState };
  assert.deepEqual([saved.version, saved.kind, saved.data.scheduledThrough], [1, 'aggregate-sends', T0 + 2 * H]);
  assert.deepEqual(readdirSync(dir).filter((f) => f.includes('.tmp')), [], 'no temporary files left');
});

test('periodic sending: a temporary failure is given up after maxAttempts cycles, and when its rows are gone', async () => {
  inbox.busy.add('busy@example.com');
  try {
    const file = join(dir, 'give-up.json');
    let state = await load(file);
    const opts = options(file, () => rows(1), { maxAttempts: 3 });
    const first = await runSendCycle(state, T0 + H + 15 * 60_000, opts);
    assert.equal(first.pending, 1);
    await runSendCycle(state, T0 + H + 20 * 60_000, opts);
    const third = await runSendCycle(state, T0 + H + 25 * 60_000, opts);
    assert.deepEqual(third.reports.map((r) => r.givenUp), [['busy@example.com']]);
    assert.equal(third.pending, 0);
    const entry = Object.values(state.reports).find((r) => r.policyDomain === 'example.com')!;
    assert.deepEqual([entry.addresses['busy@example.com']!.status, entry.addresses['busy@example.com']!.attempts], ['given-up', 3]);
    assert.deepEqual((await runSendCycle(state, T0 + H + 30 * 60_000, opts)).reports, []);
    // Rows rotated away while a retry was pending: the report cannot be rebuilt, so it is given up, not retried forever.
    const rotated = join(dir, 'rotated.json');
    state = await load(rotated);
    await runSendCycle(state, T0 + H + 15 * 60_000, options(rotated, () => rows(1)));
    assert.equal(Object.values(state.reports).filter((r) => Object.values(r.addresses).some((a) => a.status === 'retry')).length, 1);
    const gone = await runSendCycle(state, T0 + H + 20 * 60_000, options(rotated, () => []));
    assert.equal(gone.pending, 0);
    assert.match(Object.values(state.reports).find((r) => r.policyDomain === 'example.com')!.addresses['busy@example.com']!.response, /no longer in the rows file/);
  } finally {
    inbox.busy.clear();
  }
});

test('periodic sending: the state stays small: records are dropped 40 days after their last attempt', async () => {
  const file = join(dir, 'prune.json');
  const state = await load(file);
  await runSendCycle(state, T0 + H + 15 * 60_000, options(file, () => rows(1)));
  assert.equal(Object.keys(state.reports).length, 2);
  await runSendCycle(state, T0 + 39 * 24 * H, options(file, () => rows(1)));
  assert.equal(Object.keys(state.reports).length, 2, 'kept for 40 days');
  await runSendCycle(state, T0 + 41 * 24 * H, options(file, () => rows(1)));
  assert.deepEqual(Object.keys(state.reports), []);
  assert.deepEqual((await load(file)).reports, {});
});

test('periodic sending: a DNS failure of the policy record is retried at the next cycle', async () => {
  const file = join(dir, 'dns.json');
  const state = await load(file);
  dns.fault('_dmarc.other.example', { rcode: 'SERVFAIL' });
  const fresh = () => ({ ...options(file, () => rows(1)), send: { resolver: new SystemResolver({ servers: [{ host: dns.host, port: dns.port }], timeout: 300 }), delivery: { via: 'relay' as const, host: '127.0.0.1', port: inbox.port }, heloName: 'mx.example' } });
  try {
    const first = await runSendCycle(state, T0 + H + 15 * 60_000, fresh());
    assert.deepEqual(first.reports.filter((r) => r.policyDomain === 'other.example').map((r) => [r.problem, r.pending]), [['temperror', true]]);
  } finally {
    dns.clearFaults();
  }
  inbox.messages.length = 0;
  const second = await runSendCycle(state, T0 + H + 20 * 60_000, fresh());
  assert.deepEqual(second.reports.map((r) => [r.policyDomain, r.sends.map((s) => s.status)]), [['other.example', ['sent']]]);
  assert.deepEqual(inbox.messages.map((m) => m.to[0]), ['agg@other.example']);
});

test('state files: atomic replace, refused when corrupt or of another kind, and a lock that serialises writers', async () => {
  const file = join(dir, 'kinds.json');
  assert.equal(await readStateFile(file, 'aggregate-sends'), undefined, 'no file yet: a fresh state');
  await writeStateFile(file, 'failure-counts', { 'example.com': { hour: 1, count: 2 } });
  await assert.rejects(readStateFile(file, 'aggregate-sends'), (e: unknown) => e instanceof StateFileError && e.reason === 'wrong-kind');
  writeFileSync(file, '{"version":1,"kind":"failure-counts","data":');
  await assert.rejects(readStateFile(file, 'failure-counts'), (e: unknown) => e instanceof StateFileError && e.reason === 'corrupt');
  await assert.rejects(writeStateFile(join(dir, 'no-such-dir', 'x.json'), 'failure-counts', {}), (e: unknown) => e instanceof StateFileError && e.reason === 'unwritable');
  // Twenty read-increment-write cycles in parallel lose no update under the lock.
  const counter = join(dir, 'counter.json');
  await writeStateFile(counter, 'failure-counts', { n: 0 });
  await Promise.all(
    Array.from({ length: 20 }, () =>
      withStateLock(counter, async () => {
        const data = (await readStateFile(counter, 'failure-counts')) as { n: number };
        await new Promise((resolve) => setTimeout(resolve, 1));
        await writeStateFile(counter, 'failure-counts', { n: data.n + 1 });
      }),
    ),
  );
  assert.deepEqual(await readStateFile(counter, 'failure-counts'), { n: 20 });
  // A lock held by a live process makes the next one wait, then give up.
  writeFileSync(`${counter}.lock`, '');
  await assert.rejects(withStateLock(counter, async () => 1, 100), (e: unknown) => e instanceof StateFileError && e.reason === 'locked');
  rmSync(`${counter}.lock`);
});
