import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MemoryResolver } from '../../src/dns/memory.js';
import { SystemResolver, type SystemResolverOptions } from '../../src/dns/system.js';
import { startDnsServer, type TestDnsServer } from '../helpers/dns-server.js';

const ZONE = `$ORIGIN example.com.
$TTL 300
@         IN SOA ns1 hostmaster ( 1 7200 3600 1209600 60 )
@         IN NS   ns1
@         IN NS   ns2.example.net.
@         IN A    192.0.2.1
@         IN AAAA 2001:db8::1
@         IN MX   10 mail
@         IN MX   20 backup.example.net.
@         IN TXT  "v=spf1 ip4:192.0.2.0/24 " "-all"
@         IN SPF  "v=spf1 -all"
mail  120 IN A    192.0.2.25
www       IN CNAME alias
alias  30 IN CNAME @
loop      IN CNAME loop2
loop2     IN CNAME loop
big       IN TXT  ( ${Array.from({ length: 10 }, (_, i) => `"${String(i).repeat(200)}"`).join(' ')} )
empty.sub IN TXT  "only TXT here"
$ORIGIN 2.0.192.in-addr.arpa.
25        IN PTR  mail.example.com.
`;

async function withServer(
  body: (server: TestDnsServer, resolver: (options?: SystemResolverOptions) => SystemResolver) => Promise<void>,
): Promise<void> {
  const server = await startDnsServer({ zone: ZONE });
  try {
    await body(server, (options = {}) => new SystemResolver({ servers: [server.address], timeout: 500, ...options }));
  } finally {
    await server.close();
  }
}

function fakeClock(): { now: () => number; advance: (seconds: number) => void } {
  let t = 0;
  return { now: () => t, advance: (seconds) => void (t += seconds * 1000) };
}

test('RFC 1035 §3.3: every record type inkan asks for comes back decoded through a real DNS server', () =>
  withServer(async (_server, make) => {
    const r = make();
    const answers = {
      TXT: await r.query('example.com', 'TXT'),
      SPF: await r.query('example.com', 'SPF'),
      A: await r.query('example.com', 'A'),
      AAAA: await r.query('example.com', 'AAAA'),
      MX: await r.query('example.com', 'MX'),
      NS: await r.query('example.com', 'NS'),
      PTR: await r.query('25.2.0.192.in-addr.arpa', 'PTR'),
      CNAME: await r.query('www.example.com', 'CNAME'),
    };
    const recordsOf = (a: (typeof answers)[keyof typeof answers]) => (a.status === 'records' ? a.records : a);
    assert.deepEqual(recordsOf(answers.TXT), [['v=spf1 ip4:192.0.2.0/24 ', '-all']]);
    assert.deepEqual(recordsOf(answers.SPF), [['v=spf1 -all']]);
    assert.deepEqual(recordsOf(answers.A), ['192.0.2.1']);
    assert.deepEqual(recordsOf(answers.AAAA), ['2001:db8::1']);
    assert.deepEqual(recordsOf(answers.MX), [
      { preference: 10, exchange: 'mail.example.com' },
      { preference: 20, exchange: 'backup.example.net' },
    ]);
    assert.deepEqual(recordsOf(answers.NS), ['ns1.example.com', 'ns2.example.net']);
    assert.deepEqual(recordsOf(answers.PTR), ['mail.example.com']);
    assert.deepEqual(recordsOf(answers.CNAME), ['alias.example.com']);
    assert.equal(answers.A.status === 'records' && answers.A.ttl, 300);
  }));

test('RFC 1034 §3.6.2: a CNAME chain is followed, reported in order, with the smallest TTL', () =>
  withServer(async (_server, make) => {
    assert.deepEqual(await make().query('WWW.Example.COM.', 'A'), {
      status: 'records',
      records: ['192.0.2.1'],
      ttl: 30,
      cnames: ['www.example.com', 'alias.example.com'],
      authenticated: false,
    });
  }));

test('RFC 2308 §2: NXDOMAIN (no such name) is told apart from NODATA (name without that type)', () =>
  withServer(async (_server, make) => {
    const r = make();
    assert.deepEqual(await r.query('nope.example.com', 'TXT'), { status: 'nxdomain', ttl: 60, authenticated: false });
    assert.deepEqual(await r.query('mail.example.com', 'TXT'), { status: 'nodata', ttl: 60, authenticated: false });
    assert.deepEqual(await r.query('sub.example.com', 'TXT'), { status: 'nodata', ttl: 60, authenticated: false });
  }));

test('RFC 1035 §4.1.1: SERVFAIL and REFUSED are errors carrying the rcode name', () =>
  withServer(async (server, make) => {
    server.fault('example.com', { rcode: 'SERVFAIL' }).fault('mail.example.com', { rcode: 'REFUSED' });
    const r = make();
    assert.deepEqual(await r.query('example.com', 'TXT'), { status: 'error', rcode: 'SERVFAIL' });
    assert.deepEqual(await r.query('mail.example.com', 'A'), { status: 'error', rcode: 'REFUSED' });
  }));

test('a CNAME loop answered by the server is an error, not a hang', () =>
  withServer(async (_server, make) => {
    assert.equal((await make().query('loop.example.com', 'A')).status, 'error');
  }));

test('RFC 1035 §7.2: a server that never answers gives `timeout` within timeout × attempts', () =>
  withServer(async (server, make) => {
    server.fault('example.com', { timeout: true });
    const r = make({ timeout: 150, attempts: 2 });
    const start = performance.now();
    const answer = await r.query('example.com', 'TXT');
    const elapsed = performance.now() - start;
    assert.equal(answer.status, 'timeout');
    assert.ok(elapsed >= 290, `gave up too early: ${elapsed} ms`);
    assert.ok(elapsed < 150 * 2 + 1500, `took ${elapsed} ms`); // generous: CI machines are noisy
    assert.equal(server.counts.udp, 2);
    assert.equal(r.stats.timeouts, 2);
  }));

test('RFC 1035 §4.2.1: a truncated UDP answer is retried over TCP and the full answer returned', () =>
  withServer(async (server, make) => {
    server.fault('example.com', { truncate: true });
    const r = make();
    const answer = await r.query('example.com', 'TXT');
    assert.deepEqual(answer.status === 'records' && answer.records, [['v=spf1 ip4:192.0.2.0/24 ', '-all']]);
    assert.deepEqual(server.counts, { udp: 1, tcp: 1 });
    assert.equal(r.stats.truncated, 1);
    assert.equal(r.stats.tcpSent, 1);
  }));

test('RFC 6891 §7: an answer larger than the advertised UDP size is truncated and fetched over TCP', () =>
  withServer(async (server, make) => {
    const r = make({ udpPayloadSize: 1232 });
    const answer = await r.query('big.example.com', 'TXT');
    assert.equal(answer.status === 'records' && answer.records[0]!.length, 10);
    assert.deepEqual(server.counts, { udp: 1, tcp: 1 });
    assert.equal(server.log[0]!.udpPayloadSize, 1232);
  }));

test('RFC 6840 §5.7: queries set the AD bit, and the AD bit of the answer is reported as `authenticated`', () =>
  withServer(async (server, make) => {
    server.authenticated = true;
    const answer = await make().query('example.com', 'A');
    assert.equal(answer.status === 'records' && answer.authenticated, true);
    assert.equal(server.log[0]!.ad, true);
    assert.equal(server.log[0]!.rd, true);
  }));

test('RFC 5452 §9.1: datagrams with the wrong id or question are ignored, the real answer taken', () =>
  withServer(async (server, make) => {
    server.fault('example.com', { spoof: true });
    const r = make();
    const answer = await r.query('example.com', 'A');
    assert.deepEqual(answer.status === 'records' && answer.records, ['192.0.2.1']);
    assert.equal(r.stats.ignored, 2);
  }));

test('RFC 5452 §9.2: query ids are random', () =>
  withServer(async (server, make) => {
    const r = make({ cache: false });
    for (let i = 0; i < 12; i++) await r.query('example.com', 'A');
    assert.ok(new Set(server.log.map((q) => q.id)).size > 6);
  }));

test('RFC 1035 §7.4: an answer is cached for its TTL, then asked again (injected clock)', () =>
  withServer(async (server, make) => {
    const clock = fakeClock();
    const r = make({ now: clock.now });
    await r.query('mail.example.com', 'A');
    clock.advance(100);
    assert.deepEqual(await r.query('MAIL.example.com', 'A'), { status: 'records', records: ['192.0.2.25'], ttl: 20, authenticated: false });
    assert.equal(server.counts.udp, 1);
    assert.equal(r.stats.cacheHits, 1);
    clock.advance(20);
    await r.query('mail.example.com', 'A');
    assert.equal(server.counts.udp, 2);
  }));

test('RFC 2308 §5: NXDOMAIN is cached for the SOA minimum; SERVFAIL is not cached', () =>
  withServer(async (server, make) => {
    const clock = fakeClock();
    const r = make({ now: clock.now, attempts: 1 });
    await r.query('nope.example.com', 'A');
    clock.advance(59);
    assert.equal((await r.query('nope.example.com', 'A')).status, 'nxdomain');
    assert.equal(server.counts.udp, 1);
    clock.advance(1);
    await r.query('nope.example.com', 'A');
    assert.equal(server.counts.udp, 2);

    server.fault('example.com', { rcode: 'SERVFAIL' });
    await r.query('example.com', 'TXT');
    await r.query('example.com', 'TXT');
    assert.equal(server.counts.udp, 4);
  }));

test('the cache is bounded: with maxEntries 2 the least recently used answer is asked again', () =>
  withServer(async (server, make) => {
    const r = make({ cache: { maxEntries: 2 } });
    await r.query('example.com', 'A');
    await r.query('example.com', 'MX');
    await r.query('example.com', 'A');
    await r.query('example.com', 'TXT');
    assert.equal(server.counts.udp, 3);
    await r.query('example.com', 'A');
    assert.equal(server.counts.udp, 3);
    await r.query('example.com', 'MX');
    assert.equal(server.counts.udp, 4);
  }));

test('identical queries in flight share one network query', () =>
  withServer(async (server, make) => {
    server.fault('example.com', { latency: 80 });
    const r = make();
    const answers = await Promise.all([1, 2, 3].map(() => r.query('example.com', 'TXT')));
    assert.equal(server.counts.udp, 1);
    assert.equal(r.stats.coalesced, 2);
    for (const answer of answers) assert.deepEqual(answer, answers[0]);
    await Promise.all([r.query('example.com', 'A'), r.query('example.com', 'AAAA')]);
    assert.equal(server.counts.udp, 3, 'different types are different queries');
  }));

test('RFC 1035 §7.2: when the first server does not answer, the second is asked', async () => {
  const dead = await startDnsServer({ zone: ZONE });
  const live = await startDnsServer({ zone: ZONE });
  try {
    dead.fault('*', { timeout: true });
    const r = new SystemResolver({ servers: [dead.address, { host: live.host, port: live.port }], timeout: 150, attempts: 2 });
    const start = performance.now();
    const answer = await r.query('example.com', 'A');
    const elapsed = performance.now() - start;
    assert.deepEqual(answer.status === 'records' && answer.records, ['192.0.2.1']);
    assert.ok(elapsed >= 140 && elapsed < 150 + 1500, `took ${elapsed} ms`);
    assert.deepEqual([dead.counts.udp, live.counts.udp], [1, 1]);
  } finally {
    await Promise.all([dead.close(), live.close()]);
  }
});

test('a SERVFAIL from the first server sends the query to the next one', async () => {
  const broken = await startDnsServer({ zone: ZONE });
  const good = await startDnsServer({ zone: ZONE });
  try {
    broken.fault('*', { rcode: 'SERVFAIL' });
    const r = new SystemResolver({ servers: [broken.address, good.address], timeout: 300 });
    assert.equal((await r.query('example.com', 'A')).status, 'records');
    assert.deepEqual([broken.counts.udp, good.counts.udp], [1, 1]);
  } finally {
    await Promise.all([broken.close(), good.close()]);
  }
});

test('an AbortSignal ends the wait at once with `timeout`; other callers of the same query still get the answer', () =>
  withServer(async (server, make) => {
    server.fault('example.com', { latency: 200 });
    const r = make();
    assert.deepEqual(await r.query('example.com', 'A', { signal: AbortSignal.abort() }), { status: 'timeout', message: 'aborted' });
    const controller = new AbortController();
    const start = performance.now();
    const aborted = r.query('example.com', 'TXT', { signal: controller.signal });
    const patient = r.query('example.com', 'TXT');
    setTimeout(() => controller.abort(), 30);
    assert.equal((await aborted).status, 'timeout');
    assert.ok(performance.now() - start < 190, 'the aborted caller waited for the slow answer (200 ms)');
    assert.equal((await patient).status, 'records');
    assert.equal(server.counts.udp, 1);
  }));

test('when every caller aborts, the network query is abandoned and nothing is cached', () =>
  withServer(async (server, make) => {
    server.fault('example.com', { latency: 100 });
    const r = make();
    const controller = new AbortController();
    const pending = r.query('example.com', 'A', { signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    assert.equal((await pending).status, 'timeout');
    server.clearFaults();
    assert.equal((await r.query('example.com', 'A')).status, 'records');
    assert.equal(server.counts.udp, 2);
    assert.equal(r.stats.cacheHits, 0);
  }));

test('the test server answers authoritatively and counts queries by transport; close() releases the port', async () => {
  const server = await startDnsServer({ zone: ZONE });
  const r = new SystemResolver({ servers: [server.address], timeout: 200, attempts: 1, cache: false });
  await r.query('example.com', 'A');
  assert.deepEqual(server.counts, { udp: 1, tcp: 0 });
  assert.deepEqual(server.log[0], { transport: 'udp', name: 'example.com', type: 'A', id: server.log[0]!.id, ad: true, rd: true, udpPayloadSize: 1232 });
  await server.close();
  const after = await r.query('example.com', 'A');
  assert.equal(after.status, 'timeout');
});

test('the test server also serves a MemoryResolver, with its faults: timeout is silence, servfail an rcode', async () => {
  const data = new MemoryResolver()
    .add('a.test', 'TXT', ['hello', 'world'], 120)
    .setFault('t.test', 'timeout')
    .setFault('s.test', 'servfail');
  const server = await startDnsServer({ resolver: data });
  try {
    const r = new SystemResolver({ servers: [server.address], timeout: 100, attempts: 1 });
    assert.deepEqual(await r.query('a.test', 'TXT'), { status: 'records', records: [['hello', 'world']], ttl: 120, authenticated: false });
    assert.deepEqual(await r.query('s.test', 'TXT'), { status: 'error', rcode: 'SERVFAIL' });
    assert.equal((await r.query('t.test', 'TXT')).status, 'timeout');
  } finally {
    await server.close();
  }
});

test('a server given by host name is reached through the hosts file (localhost), never the network', async () => {
  const server = await startDnsServer({ zone: ZONE });
  try {
    const r = new SystemResolver({ servers: [`localhost:${server.port}`], timeout: 300, attempts: 1 });
    const answer = await r.query('example.com', 'A');
    assert.ok(answer.status === 'records' || answer.status === 'timeout', JSON.stringify(answer)); // localhost may be ::1 first
  } finally {
    await server.close();
  }
});
