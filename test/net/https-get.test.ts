import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { MemoryResolver } from '../../src/dns/memory.js';
import { httpsGet, resolverLookup, type HttpsGetOptions, type HttpsGetResult } from '../../src/net/index.js';
import { closedPort, respond, routes, startHttpsServer, startSilentServer, type Handler } from '../helpers/https-server.js';
import { createTestCa, type TestCa, type TestCertificate } from '../helpers/test-ca.js';

const HOST = 'files.example';
const URL_OF = (path = '/doc.txt'): URL => new URL(`https://${HOST}${path}`);

let ca: TestCa;
let certs: Record<'good' | 'wrongName' | 'untrusted', TestCertificate>;
before(() => {
  ca = createTestCa();
  certs = { good: ca.issue([HOST]), wrongName: ca.issue(['other.example']), untrusted: createTestCa('untrusted test CA').issue([HOST]) };
});

/** files.example is 127.0.0.1, through the inkan Resolver. */
const lookup = resolverLookup(new MemoryResolver().add(HOST, 'A', '127.0.0.1'));

/** Serve `handler` with one of the test certificates, GET once, close. */
async function getFrom(handler: Handler, options: Partial<HttpsGetOptions> & { cert?: keyof typeof certs; path?: string } = {}): Promise<{ result: HttpsGetResult; requests: string[] }> {
  const server = await startHttpsServer(certs[options.cert ?? 'good'], handler);
  try {
    const result = await httpsGet(URL_OF(options.path), { lookup, ca: ca.certPem, port: server.port, timeout: 5000, connectTimeout: 5000, maxBytes: 1024, ...options });
    return { result, requests: server.requests };
  } finally {
    await server.close();
  }
}

test('a 200: status, Content-Type and body, the request sent with the given header fields', async () => {
  let seen: Record<string, unknown> = {};
  const { result, requests } = await getFrom(
    (req, res) => {
      seen = { accept: req.headers.accept, ua: req.headers['user-agent'], host: req.headers.host };
      respond(200, { 'content-type': 'text/plain' }, 'hello')(req, res);
    },
    { path: '/doc.txt?x=1', headers: { accept: 'text/plain', 'user-agent': 'inkan-test' } },
  );
  assert.ok(result.status === 'response', JSON.stringify(result));
  assert.deepEqual({ ...result, body: result.body.toString() }, { status: 'response', httpStatus: 200, contentType: 'text/plain', body: 'hello' });
  assert.deepEqual(requests, ['GET /doc.txt?x=1']);
  assert.equal(seen['accept'], 'text/plain');
  assert.equal(seen['ua'], 'inkan-test');
  assert.match(String(seen['host']), /^files\.example:\d+$/);
});

test('another status is a response with an empty body; a redirect is reported with its Location, never followed', async () => {
  const missing = await getFrom(respond(404, { 'content-type': 'text/html' }, '<h1>no</h1>'));
  assert.deepEqual(missing.result, { status: 'response', httpStatus: 404, contentType: 'text/html', body: Buffer.alloc(0) });
  const moved = await getFrom(routes({ '/doc.txt': { status: 302, headers: { location: 'https://elsewhere.example/doc.txt' } }, '/': { body: 'x' } }));
  assert.deepEqual(moved.result, { status: 'response', httpStatus: 302, location: 'https://elsewhere.example/doc.txt', body: Buffer.alloc(0) });
  assert.deepEqual(moved.requests, ['GET /doc.txt']);
});

test('the size cap: a declared Content-Length over it is refused unread; a streamed body is cut at the cap', async () => {
  const declared = await getFrom(respond(200, { 'content-length': '2048' }, Buffer.alloc(2048, 0x61)));
  assert.deepEqual(declared.result, { status: 'too-big', limit: 1024, declared: 2048 });
  const streamed = await getFrom((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    for (let i = 0; i < 4; i++) res.write(Buffer.alloc(512, 0x61));
    res.end();
  });
  assert.deepEqual(streamed.result, { status: 'too-big', limit: 1024 });
  const exact = await getFrom(respond(200, {}, Buffer.alloc(1024, 0x62)));
  assert.ok(exact.result.status === 'response');
  assert.equal(exact.result.body.length, 1024);
});

test('timeouts are named by phase: total (a server that never answers), connect (a handshake that never completes)', async () => {
  const { result } = await getFrom(() => undefined, { timeout: 300 });
  assert.deepEqual(result, { status: 'timeout', phase: 'total', ms: 300 });
  const silent = await startSilentServer();
  try {
    assert.deepEqual(await httpsGet(URL_OF(), { lookup, ca: ca.certPem, port: silent.port, connectTimeout: 300, timeout: 5000, maxBytes: 1024 }), { status: 'timeout', phase: 'connect', ms: 300 });
  } finally {
    await silent.close();
  }
});

test('the certificate is checked for the host name and against the given CA only', async () => {
  const wrong = await getFrom(respond(200, {}, 'x'), { cert: 'wrongName' });
  assert.ok(wrong.result.status === 'tls', JSON.stringify(wrong.result));
  assert.equal(wrong.result.code, 'ERR_TLS_CERT_ALTNAME_INVALID');
  assert.deepEqual(wrong.requests, []);
  const untrusted = await getFrom(respond(200, {}, 'x'), { cert: 'untrusted' });
  assert.ok(untrusted.result.status === 'tls', JSON.stringify(untrusted.result));
  assert.match(untrusted.result.code, /UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT/);
  const bundled = await getFrom(respond(200, {}, 'x'), { ca: undefined });
  assert.equal(bundled.result.status, 'tls', 'a test CA is not among the bundled roots');
});

test('a closed port is refused; a connection dropped mid-request is a network failure', async () => {
  const port = await closedPort();
  assert.deepEqual(await httpsGet(URL_OF(), { lookup, ca: ca.certPem, port, timeout: 5000, maxBytes: 1024 }), { status: 'refused', address: '127.0.0.1', message: `connect ECONNREFUSED 127.0.0.1:${port}` });
  const { result } = await getFrom((req) => req.socket.destroy());
  assert.ok(result.status === 'network', JSON.stringify(result));
  assert.equal(result.code, 'ECONNRESET');
});

test('DNS failures through the inkan Resolver are named: nxdomain, nodata, error, timeout', async () => {
  const get = (resolver: MemoryResolver): Promise<HttpsGetResult> => httpsGet(URL_OF(), { lookup: resolverLookup(resolver), timeout: 5000, maxBytes: 1024 });
  assert.deepEqual(await get(new MemoryResolver().add('example', 'A', '192.0.2.1')), { status: 'dns', host: HOST, answer: 'nxdomain' });
  assert.deepEqual(await get(new MemoryResolver().add(HOST, 'MX', { preference: 10, exchange: 'mx.example' })), { status: 'dns', host: HOST, answer: 'nodata' });
  assert.deepEqual(await get(new MemoryResolver().setFault(HOST, 'servfail')), { status: 'dns', host: HOST, answer: 'error' });
  assert.deepEqual(await get(new MemoryResolver().setFault(HOST, 'timeout')), { status: 'dns', host: HOST, answer: 'timeout' });
  const injected = await httpsGet(URL_OF(), { lookup: async () => ({ ok: true, addresses: [] }), timeout: 5000, maxBytes: 1024 });
  assert.deepEqual(injected, { status: 'dns', host: HOST, answer: 'nodata' });
});

test('resolverLookup: A first, AAAA when there is no A, an IP literal is its own address', async () => {
  const both = new MemoryResolver().add(HOST, 'A', '192.0.2.7').add(HOST, 'AAAA', '2001:db8::7');
  assert.deepEqual(await resolverLookup(both)(HOST), { ok: true, addresses: ['192.0.2.7'] });
  assert.deepEqual(await resolverLookup(new MemoryResolver().add(HOST, 'AAAA', '::1'))(HOST), { ok: true, addresses: ['::1'] });
  await fc.assert(
    fc.asyncProperty(fc.oneof(fc.ipV4(), fc.ipV6()), async (ip) => {
      assert.deepEqual(await resolverLookup(new MemoryResolver())(ip), { ok: true, addresses: [ip] });
    }),
    { numRuns: 200 },
  );
});

test('an IPv6 literal URL is fetched without brackets in the lookup', async () => {
  const asked: string[] = [];
  const result = await httpsGet(new URL('https://[::1]:1/x'), { lookup: async (host) => (asked.push(host), { ok: false, answer: 'nodata' }), timeout: 5000, maxBytes: 1 });
  assert.deepEqual(result, { status: 'dns', host: '::1', answer: 'nodata' });
  assert.deepEqual(asked, ['::1']);
});

test('programmer misuse: an http: URL throws', () => {
  assert.throws(() => httpsGet(new URL('http://files.example/'), { maxBytes: 1 }), TypeError);
});
