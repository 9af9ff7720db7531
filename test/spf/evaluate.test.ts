import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { DnsAnswer, RecordTypes, Resolver, RrType } from '../../src/dns/types.js';
import { checkHost, checkSpf } from '../../src/spf/evaluate.js';
import type { SpfResult, Step } from '../../src/spf/types.js';
import { zone } from './zone.js';

const ip = '192.0.2.1';

function reason(result: SpfResult): string | undefined {
  return 'reason' in result ? result.reason.code : undefined;
}

function steps<K extends Step['kind']>(result: SpfResult, kind: K): Extract<Step, { kind: K }>[] {
  return result.trace.filter((s): s is Extract<Step, { kind: K }> => s.kind === kind);
}

test('RFC 7208 §4.6.4: ten DNS-querying terms are allowed', async () => {
  const terms = Array.from({ length: 10 }, (_, i) => `a:h${i}.example.com`).join(' ');
  const nodes: Record<string, { TXT?: string[]; A?: string[] }> = { 'example.com': { TXT: [`v=spf1 ${terms} -all`] } };
  for (let i = 0; i < 10; i++) nodes[`h${i}.example.com`] = { A: ['198.51.100.1'] };
  const result = await checkSpf({ ip, mailFrom: 'a@example.com' }, { resolver: zone(nodes) });
  assert.equal(result.result, 'fail');
  assert.equal(result.lookups, 10);
  assert.equal(result.voidLookups, 0);
});

test('RFC 7208 §4.6.4: the 11th DNS-querying term is a permerror', async () => {
  const terms = Array.from({ length: 11 }, (_, i) => `a:h${i}.example.com`).join(' ');
  const nodes: Record<string, { TXT?: string[]; A?: string[] }> = { 'example.com': { TXT: [`v=spf1 ${terms} -all`] } };
  for (let i = 0; i < 11; i++) nodes[`h${i}.example.com`] = { A: ['198.51.100.1'] };
  const result = await checkSpf({ ip, mailFrom: 'a@example.com' }, { resolver: zone(nodes) });
  assert.equal(result.result, 'permerror');
  assert.equal(reason(result), 'too-many-lookups');
  assert.equal(result.lookups, 10);
  assert.deepEqual(steps(result, 'limit'), [{ kind: 'limit', which: 'dns', count: 11, depth: 0 }]);
  assert.equal(steps(result, 'lookup').filter((s) => s.type === 'A').length, 10, 'the 11th term sends no query');
  if (result.result === 'permerror' && result.reason.code === 'too-many-lookups') assert.equal(result.reason.term, 'a:h10.example.com');
});

test('RFC 7208 §4.6.4: includes and redirect count toward the ten terms; ip4 and all do not', async () => {
  const resolver = zone({
    'example.com': { TXT: ['v=spf1 ip4:203.0.113.0/24 include:a.example.com redirect=b.example.com'] },
    'a.example.com': { TXT: ['v=spf1 ip4:203.0.113.9 -all'] },
    'b.example.com': { TXT: ['v=spf1 ip4:192.0.2.0/24 -all'] },
  });
  const result = await checkSpf({ ip, mailFrom: 'x@example.com' }, { resolver });
  assert.equal(result.result, 'pass');
  assert.equal(result.lookups, 2);
  assert.equal(result.queries, 3);
  if (result.result === 'pass') assert.deepEqual(result.matched, { domain: 'b.example.com', mechanism: 'ip4', qualifier: '+', term: 'ip4:192.0.2.0/24' });
});

test('RFC 7208 §4.6.4: a third void lookup is a permerror; two are allowed', async () => {
  const record = (n: number) => `v=spf1 ${Array.from({ length: n }, (_, i) => `a:void${i}.example.com`).join(' ')} ?all`;
  const two = await checkSpf({ ip, mailFrom: 'x@example.com' }, { resolver: zone({ 'example.com': { TXT: [record(2)] } }) });
  assert.equal(two.result, 'neutral');
  assert.equal(two.voidLookups, 2);
  const three = await checkSpf({ ip, mailFrom: 'x@example.com' }, { resolver: zone({ 'example.com': { TXT: [record(3)] } }) });
  assert.equal(three.result, 'permerror');
  assert.equal(reason(three), 'too-many-void-lookups');
  assert.equal(three.voidLookups, 3);
  const off = await checkSpf({ ip, mailFrom: 'x@example.com' }, { resolver: zone({ 'example.com': { TXT: [record(3)] } }), maxVoidLookups: Infinity });
  assert.equal(off.result, 'neutral', 'the limit can be turned off');
});

test('RFC 7208 §4.6.4: the lookup of exp= counts toward no limit', async () => {
  const resolver = zone({ 'example.com': { TXT: ['v=spf1 a:v1.example.com a:v2.example.com -all exp=nowhere.example.com'] } });
  const result = await checkSpf({ ip, mailFrom: 'x@example.com' }, { resolver, defaultExplanation: 'denied %{i}' });
  assert.equal(result.result, 'fail');
  assert.equal(result.voidLookups, 2);
  if (result.result === 'fail') assert.equal(result.explanation, 'denied 192.0.2.1');
});

function mxZone(count: number, matchAt: number) {
  const nodes: Record<string, { TXT?: string[]; A?: string[]; MX?: string[] }> = {
    'example.com': { TXT: ['v=spf1 mx -all'], MX: Array.from({ length: count }, (_, i) => `${i + 1} mx${i}.example.com`) },
  };
  for (let i = 0; i < count; i++) nodes[`mx${i}.example.com`] = { A: [i === matchAt ? ip : `198.51.100.${i + 1}`] };
  return zone(nodes);
}

test('RFC 7208 §4.6.4: an mx term looks at 10 MX names; more, without a match among them, is a permerror', async () => {
  const eleven = await checkSpf({ ip, mailFrom: 'x@example.com' }, { resolver: mxZone(11, 10) });
  assert.equal(eleven.result, 'permerror');
  assert.equal(reason(eleven), 'too-many-mx');
  assert.deepEqual(steps(eleven, 'limit'), [{ kind: 'limit', which: 'mx-names', count: 11, depth: 0 }]);
  assert.equal(steps(eleven, 'lookup').filter((s) => s.type === 'A').length, 10);
  const early = await checkSpf({ ip, mailFrom: 'x@example.com' }, { resolver: mxZone(11, 4) });
  assert.equal(early.result, 'pass', 'a match among the first ten decides before the limit');
  const ten = await checkSpf({ ip, mailFrom: 'x@example.com' }, { resolver: mxZone(10, 20) });
  assert.equal(ten.result, 'fail');
});

test('RFC 7208 §5.4: MX hosts are taken in preference order, and a DNS error before a match is a temperror', async () => {
  const resolver = zone({
    'example.com': { TXT: ['v=spf1 mx -all'], MX: ['20 good.example.com', '10 broken.example.com'] },
    'good.example.com': { A: [ip] },
  });
  resolver.setFault('broken.example.com', 'servfail');
  const result = await checkSpf({ ip, mailFrom: 'x@example.com' }, { resolver });
  assert.equal(result.result, 'temperror');
  assert.equal(reason(result), 'dns-error');
});

test('RFC 7208 §4.6.4: a ptr term validates at most 10 PTR names; the rest are ignored', async () => {
  const names = Array.from({ length: 11 }, (_, i) => `h${i}.example.com`);
  const resolver = zone({
    'example.com': { TXT: ['v=spf1 ptr -all'] },
    '1.2.0.192.in-addr.arpa': { PTR: names },
    'h10.example.com': { A: [ip] },
  });
  const result = await checkSpf({ ip, mailFrom: 'x@example.com' }, { resolver });
  assert.equal(result.result, 'fail');
  assert.deepEqual(steps(result, 'limit'), [{ kind: 'limit', which: 'ptr-names', count: 11, depth: 0 }]);
});

test('RFC 7208 §4.4, §5: a DNS timeout is a temperror, and so is SERVFAIL', async () => {
  const timeout = zone({});
  timeout.setFault('example.com', 'timeout');
  const t1 = await checkSpf({ ip, mailFrom: 'x@example.com' }, { resolver: timeout });
  assert.equal(t1.result, 'temperror');
  assert.deepEqual('reason' in t1 && t1.reason, { code: 'dns-timeout', name: 'example.com', type: 'TXT' });
  const servfail = zone({ 'example.com': { TXT: ['v=spf1 a:down.example.net -all'] } });
  servfail.setFault('down.example.net', 'servfail');
  const t2 = await checkSpf({ ip, mailFrom: 'x@example.com' }, { resolver: servfail });
  assert.equal(t2.result, 'temperror');
  assert.deepEqual('reason' in t2 && t2.reason, { code: 'dns-error', name: 'down.example.net', type: 'A', rcode: 'SERVFAIL' });
});

test('RFC 7208 §4.6.4: past the overall deadline the check is a temperror', async () => {
  const hanging: Resolver = {
    query<T extends RrType>(): Promise<DnsAnswer<RecordTypes[T]>> {
      return new Promise(() => {});
    },
  };
  const started = performance.now();
  const result = await checkSpf({ ip, mailFrom: 'x@example.com' }, { resolver: hanging, timeout: 50 });
  assert.equal(result.result, 'temperror');
  assert.deepEqual('reason' in result && result.reason, { code: 'deadline', timeout: 50 });
  assert.ok(performance.now() - started < 1000);
});

test('RFC 7208 §5: an IPv4-mapped IPv6 client is an IPv4 client', async () => {
  const resolver = zone({
    'example.com': { TXT: ['v=spf1 -ip6:::/0 exists:%{i}.%{v}.example.com -all'] },
    '192.0.2.1.in-addr.example.com': { A: ['127.0.0.2'] },
  });
  const result = await checkSpf({ ip: '::ffff:192.0.2.1', mailFrom: 'x@example.com' }, { resolver });
  assert.equal(result.result, 'pass');
  assert.equal(result.ip, '192.0.2.1');
});

test('RFC 7208 §2.3: the HELO identity checks the HELO name with postmaster@helo', async () => {
  const resolver = zone({
    'mx.example.net': { TXT: ['v=spf1 exists:%{l}.%{o}.%{h}.example.com -all'] },
    'postmaster.mx.example.net.mx.example.net.example.com': { A: ['127.0.0.2'] },
    'example.org': { TXT: ['v=spf1 -all'] },
  });
  const result = await checkSpf({ ip, mailFrom: 'someone@example.org', helo: 'mx.example.net', identity: 'helo' }, { resolver });
  assert.equal(result.result, 'pass');
  assert.equal(result.identity, 'helo');
  assert.equal(result.domain, 'mx.example.net');
  assert.equal(result.sender, 'postmaster@mx.example.net');
});

test('RFC 7208 §2.4: a null MAIL FROM checks postmaster@<helo>', async () => {
  const resolver = zone({ 'mx.example.net': { TXT: ['v=spf1 -all exp=why.example.net'] }, 'why.example.net': { TXT: ['%{s}'] } });
  for (const mailFrom of ['', '<>']) {
    const result = await checkSpf({ ip, mailFrom, helo: 'mx.example.net' }, { resolver });
    assert.equal(result.result, 'fail');
    assert.equal(result.identity, 'mailfrom');
    if (result.result === 'fail') assert.equal(result.explanation, 'postmaster@mx.example.net');
  }
});

test('RFC 7208 §4.3: a single-label or literal domain is none without any DNS query', async () => {
  for (const domain of ['localhost', '[192.0.2.1]', '192.0.2.1', 'a..example.com', '']) {
    const result = await checkHost(ip, domain, `x@${domain}`, { resolver: zone({}) });
    assert.equal(result.result, 'none', domain);
    assert.equal(reason(result), 'invalid-domain');
    assert.equal(result.queries, 0);
  }
});

const includeTable: Array<[target: string, result: string]> = [
  ['v=spf1 +all', 'pass'],
  ['v=spf1 -all', 'fail'],
  ['v=spf1 ~all', 'fail'],
  ['v=spf1 ?all', 'fail'],
  ['v=spf1 all/8', 'permerror'],
  ['', 'permerror'],
];

for (const [inner, expected] of includeTable) {
  test(`RFC 7208 §5.2: include of ${inner ? JSON.stringify(inner) : 'a domain without SPF'} → ${expected} for "v=spf1 include:… -all"`, async () => {
    const resolver = zone({ 'example.com': { TXT: ['v=spf1 include:in.example.com -all'] }, 'in.example.com': { TXT: inner ? [inner] : ['not spf'] } });
    const result = await checkSpf({ ip, mailFrom: 'x@example.com' }, { resolver });
    assert.equal(result.result, expected);
  });
}

test('RFC 7208 §5.2: an include that times out is a temperror', async () => {
  const resolver = zone({ 'example.com': { TXT: ['v=spf1 include:in.example.com -all'] } });
  resolver.setFault('in.example.com', 'timeout');
  assert.equal((await checkSpf({ ip, mailFrom: 'x@example.com' }, { resolver })).result, 'temperror');
});

test('RFC 7208 §6.1: redirect to a domain without SPF is a permerror', async () => {
  const resolver = zone({ 'example.com': { TXT: ['v=spf1 redirect=nowhere.example.com'] } });
  const result = await checkSpf({ ip, mailFrom: 'x@example.com' }, { resolver });
  assert.equal(result.result, 'permerror');
  assert.equal(reason(result), 'redirect-none');
});

test('the trace records every lookup, record, term, include and redirect in order, with counts so far', async () => {
  const resolver = zone({
    'example.com': { TXT: ['v=spf1 ip4:203.0.113.1 include:in.example.com redirect=r.example.com'] },
    'in.example.com': { TXT: ['v=spf1 a -all'], A: ['198.51.100.7'] },
    'r.example.com': { TXT: ['v=spf1 ~all'] },
  });
  const result = await checkSpf({ ip, mailFrom: 'x@example.com' }, { resolver });
  assert.equal(result.result, 'softfail');
  const summary = result.trace.map((s) => {
    switch (s.kind) {
      case 'lookup':
        return `${s.depth} lookup ${s.type} ${s.name} ${s.answer.status} ${s.lookupsSoFar}/${s.voidSoFar}`;
      case 'record':
        return `${s.depth} record ${s.domain}`;
      case 'term':
        return `${s.depth} term ${s.term} ${s.matched}${s.detail ? ` ${s.detail}` : ''}`;
      case 'include':
        return `${s.depth} include ${s.target} ${s.result}`;
      case 'redirect':
        return `${s.depth} redirect ${s.target}`;
      default:
        return `${s.depth} ${s.kind}`;
    }
  });
  assert.deepEqual(summary, [
    '0 lookup TXT example.com records 0/0',
    '0 record example.com',
    '0 term ip4:203.0.113.1 false',
    '1 lookup TXT in.example.com records 1/0',
    '1 record in.example.com',
    '1 lookup A in.example.com records 2/0',
    '1 term a false in.example.com',
    '1 term -all true',
    '0 include in.example.com fail',
    '0 term include:in.example.com false in.example.com',
    '0 redirect r.example.com',
    '0 lookup TXT r.example.com records 3/0',
    '0 record r.example.com',
    '0 term ~all true',
  ]);
});

test('tracing can be turned off for hot paths', async () => {
  const resolver = zone({ 'example.com': { TXT: ['v=spf1 ip4:192.0.2.0/24 -all'] } });
  const result = await checkSpf({ ip, mailFrom: 'x@example.com' }, { resolver, trace: false });
  assert.equal(result.result, 'pass');
  assert.deepEqual(result.trace, []);
});

test('RFC 7208 §6.2: exp= is fetched only for fail, and its text may use c, r and t', async () => {
  const resolver = zone({
    'example.com': { TXT: ['v=spf1 ip4:192.0.2.9 -all exp=why.example.com'] },
    'why.example.com': { TXT: ['%{c} refused by %{r} at %{t}'] },
  });
  const fail = await checkSpf({ ip, mailFrom: 'x@example.com', receiver: 'mx.example.org', now: 1_700_000_000_500 }, { resolver });
  assert.equal(fail.result, 'fail');
  if (fail.result === 'fail') assert.equal(fail.explanation, '192.0.2.1 refused by mx.example.org at 1700000000');
  const pass = await checkSpf({ ip: '192.0.2.9', mailFrom: 'x@example.com' }, { resolver });
  assert.equal(pass.queries, 1, 'no exp lookup on pass');
  const off = await checkSpf({ ip, mailFrom: 'x@example.com' }, { resolver, explanation: false });
  assert.equal(off.queries, 1, 'explanation: false skips the lookup');
});

test('checkHost takes <ip>, <domain> and <sender> as RFC 7208 §4.1 does', async () => {
  const resolver = zone({ 'mail.example.com': { TXT: ['v=spf1 exists:%{l}.%{o}.%{d}.x.example.com -all'] }, 'user.example.com.mail.example.com.x.example.com': { A: ['127.0.0.2'] } });
  const result = await checkHost(ip, 'mail.example.com', 'user@example.com', { resolver });
  assert.equal(result.result, 'pass');
  assert.throws(() => checkHost('not-an-ip', 'example.com', 'x@example.com', { resolver }), TypeError);
});

test("aborting the caller's signal ends the check with temperror", async () => {
  const hanging: Resolver = {
    query<T extends RrType>(): Promise<DnsAnswer<RecordTypes[T]>> {
      return new Promise(() => {});
    },
  };
  const controller = new AbortController();
  const pending = checkSpf({ ip, mailFrom: 'x@example.com' }, { resolver: hanging, signal: controller.signal });
  controller.abort();
  const result = await pending;
  assert.equal(result.result, 'temperror');
  assert.deepEqual('reason' in result && result.reason, { code: 'deadline' });
});

test('RFC 7208 §5.6: ip6 never matches an IPv4 client, except a network written in IPv4-mapped form', async () => {
  const resolver = zone({
    'any.example.com': { TXT: ['v=spf1 ip6:::/0 -all'] },
    'mapped.example.com': { TXT: ['v=spf1 ip6:::ffff:192.0.2.0/120 -all'] },
  });
  assert.equal((await checkSpf({ ip, mailFrom: 'x@any.example.com' }, { resolver })).result, 'fail');
  assert.equal((await checkSpf({ ip, mailFrom: 'x@mapped.example.com' }, { resolver })).result, 'pass');
  assert.equal((await checkSpf({ ip: '198.51.100.1', mailFrom: 'x@mapped.example.com' }, { resolver })).result, 'fail');
});

test('RFC 7208 §5.7: exists looks up A records even for an IPv6 client', async () => {
  const resolver = zone({ 'example.com': { TXT: ['v=spf1 exists:e.example.com -all'] }, 'e.example.com': { A: ['127.0.0.2'] }, 'six.example.com': { TXT: ['v=spf1 exists:s.example.com -all'] }, 's.example.com': { AAAA: ['::1'] } });
  assert.equal((await checkSpf({ ip: '2001:db8::1', mailFrom: 'x@example.com' }, { resolver })).result, 'pass');
  assert.equal((await checkSpf({ ip: '2001:db8::1', mailFrom: 'x@six.example.com' }, { resolver })).result, 'fail');
});

test('RFC 7208 §7.3: %{p} costs DNS queries but no DNS-querying term', async () => {
  const resolver = zone({
    'example.com': { TXT: ['v=spf1 exists:%{p}.allow.example.com -all'] },
    '1.2.0.192.in-addr.arpa': { PTR: ['other.example.net', 'mail.example.com'] },
    'mail.example.com': { A: [ip] },
    'other.example.net': { A: [ip] },
    'mail.example.com.allow.example.com': { A: ['127.0.0.2'] },
  });
  const result = await checkSpf({ ip, mailFrom: 'x@example.com' }, { resolver });
  assert.equal(result.result, 'pass', 'a validated name below <domain> is preferred');
  assert.equal(result.lookups, 1);
  assert.ok(result.queries >= 4);
});
