import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { MemoryResolver } from '../../src/dns/memory.js';
import { httpsPolicyFetcher } from '../../src/mtasts/https.js';
import { policyUrl, responseProblem } from '../../src/mtasts/fetch.js';
import type { PolicyFetchResult } from '../../src/mtasts/types.js';
import { createTestCa, type TestCa, type TestCertificate } from '../helpers/test-ca.js';
import { closedPort, respond, startHttpsServer, startSilentServer, type Handler } from '../helpers/https-server.js';

const POLICY = 'version: STSv1\r\nmode: enforce\r\nmx: mail.example.com\r\nmax_age: 604800\r\n';
const request = { domain: 'example.com', host: 'mta-sts.example.com', url: policyUrl('example.com') };

let ca: TestCa;
let otherCa: TestCa;
/** Certificates issued once: for the right name, for another name, and for the right name from an untrusted CA. */
let certs: Record<'good' | 'wrongName' | 'untrusted', TestCertificate>;
before(() => {
  ca = createTestCa();
  otherCa = createTestCa('another test CA');
  certs = { good: ca.issue(['mta-sts.example.com']), wrongName: ca.issue(['www.example.com']), untrusted: otherCa.issue(['mta-sts.example.com']) };
});

/** mta-sts.example.com is 127.0.0.1, through the inkan Resolver. */
function resolver(): MemoryResolver {
  return new MemoryResolver().add('mta-sts.example.com', 'A', '127.0.0.1');
}

/** Serve `handler` with one of the test certificates, fetch once, close. */
async function fetchFrom(handler: Handler, options: { cert?: keyof typeof certs; timeout?: number; connectTimeout?: number } = {}): Promise<{ result: PolicyFetchResult; requests: string[] }> {
  const server = await startHttpsServer(certs[options.cert ?? 'good'], handler);
  try {
    const fetch = httpsPolicyFetcher({ resolver: resolver(), ca: ca.certPem, port: server.port, timeout: options.timeout ?? 5000, connectTimeout: options.connectTimeout ?? 5000 });
    return { result: await fetch(request), requests: server.requests };
  } finally {
    await server.close();
  }
}

test('RFC 8461 §3.3: a good policy is fetched over HTTPS from /.well-known/mta-sts.txt', async () => {
  const { result, requests } = await fetchFrom(respond(200, { 'content-type': 'text/plain; charset=utf-8' }, POLICY));
  assert.equal(result.status, 'response');
  assert.ok(result.status === 'response');
  assert.equal(result.httpStatus, 200);
  assert.equal(result.contentType, 'text/plain; charset=utf-8');
  assert.equal(Buffer.from(result.body).toString(), POLICY);
  assert.equal(responseProblem(result), undefined);
  assert.deepEqual(requests, ['GET /.well-known/mta-sts.txt']);
});

test('RFC 8461 §3.3: a 404 is an http-status problem', async () => {
  const { result } = await fetchFrom(respond(404, { 'content-type': 'text/html' }, '<h1>not found</h1>'));
  assert.ok(result.status === 'response');
  assert.deepEqual(responseProblem(result), { code: 'http-status', httpStatus: 404 });
});

test('RFC 8461 §3.3: a redirect is refused, not followed', async () => {
  const { result, requests } = await fetchFrom(respond(301, { location: 'https://www.example.com/mta-sts.txt' }));
  assert.ok(result.status === 'response');
  assert.deepEqual(responseProblem(result), { code: 'redirect', httpStatus: 301, location: 'https://www.example.com/mta-sts.txt' });
  assert.equal(requests.length, 1);
});

test('RFC 8461 §3.2: a policy served as text/html is a content-type problem', async () => {
  const { result } = await fetchFrom(respond(200, { 'content-type': 'text/html' }, POLICY));
  assert.ok(result.status === 'response');
  assert.deepEqual(responseProblem(result), { code: 'content-type', contentType: 'text/html' });
});

test('a body over 64 KiB is too big, whether declared or streamed', async () => {
  const big = Buffer.alloc(64 * 1024 + 1, 0x61);
  const declared = await fetchFrom(respond(200, { 'content-type': 'text/plain' }, big));
  assert.deepEqual(declared.result, { status: 'too-big', limit: 65536 });
  const streamed = await fetchFrom((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    for (let i = 0; i < 80; i++) res.write(Buffer.alloc(1024, 0x61));
    res.end();
  });
  assert.deepEqual(streamed.result, { status: 'too-big', limit: 65536 });
});

test('a server that never answers is a total timeout', async () => {
  const { result } = await fetchFrom(() => undefined, { timeout: 300 });
  assert.deepEqual(result, { status: 'timeout', phase: 'total', ms: 300 });
});

test('a server that accepts but never completes the TLS handshake is a connect timeout', async () => {
  const silent = await startSilentServer();
  try {
    const fetch = httpsPolicyFetcher({ resolver: resolver(), ca: ca.certPem, port: silent.port, connectTimeout: 300, timeout: 5000 });
    assert.deepEqual(await fetch(request), { status: 'timeout', phase: 'connect', ms: 300 });
  } finally {
    await silent.close();
  }
});

test('RFC 8461 §3.3: a certificate for another name is a TLS failure', async () => {
  const { result, requests } = await fetchFrom(respond(200, { 'content-type': 'text/plain' }, POLICY), { cert: 'wrongName' });
  assert.equal(result.status, 'tls');
  assert.ok(result.status === 'tls');
  assert.equal(result.code, 'ERR_TLS_CERT_ALTNAME_INVALID');
  assert.deepEqual(requests, []);
});

test('RFC 8461 §3.3: a certificate from an untrusted CA is a TLS failure', async () => {
  const { result, requests } = await fetchFrom(respond(200, { 'content-type': 'text/plain' }, POLICY), { cert: 'untrusted' });
  assert.equal(result.status, 'tls');
  assert.ok(result.status === 'tls');
  assert.match(result.code, /UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT/);
  assert.deepEqual(requests, []);
});

test('a closed port is a refused connection', async () => {
  const port = await closedPort();
  const fetch = httpsPolicyFetcher({ resolver: resolver(), ca: ca.certPem, port, timeout: 5000 });
  assert.deepEqual(await fetch(request), { status: 'refused', address: '127.0.0.1', message: `connect ECONNREFUSED 127.0.0.1:${port}` });
});

test('the policy host is resolved through the inkan Resolver: NXDOMAIN and SERVFAIL are named', async () => {
  const empty = httpsPolicyFetcher({ resolver: new MemoryResolver().add('example.com', 'A', '192.0.2.1'), timeout: 5000 });
  assert.deepEqual(await empty(request), { status: 'dns', host: 'mta-sts.example.com', answer: 'nxdomain' });
  const failing = httpsPolicyFetcher({ resolver: new MemoryResolver().setFault('mta-sts.example.com', 'servfail'), timeout: 5000 });
  assert.deepEqual(await failing(request), { status: 'dns', host: 'mta-sts.example.com', answer: 'error' });
});
