import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { httpsFetcher } from '../../src/bimi/fetch.js';
import { checkBimi } from '../../src/bimi/check.js';
import { MemoryResolver } from '../../src/dns/memory.js';
import { parseZone } from '../../src/dns/zone.js';
import { zoneToResolver } from '../../src/dns/zone-load.js';
import { repoRoot } from '../helpers/paths.js';
import { routes, startHttpsServer, type TestServer } from '../helpers/https-server.js';
import { createTestCa } from '../helpers/test-ca.js';
import { markHierarchy } from './marks.js';

const logo = readFileSync(join(repoRoot(), 'test', 'bimi', 'fixtures', 'logo.svg'));
const HOST = 'images.brand.example';
const NOW = new Date('2026-06-01T00:00:00Z');
const h = markHierarchy(logo, ['brand.example']);
const ca = createTestCa();
let server: TestServer;
let base: string;

before(async () => {
  server = await startHttpsServer(ca.issue([HOST]), routes({
    '/logo.svg': { body: logo, headers: { 'content-type': 'image/svg+xml' } },
    '/vmc.pem': { body: h.chain, headers: { 'content-type': 'application/x-pem-file' } },
    '/moved.svg': { status: 301, headers: { location: '/logo.svg' } },
    '/big.svg': { body: Buffer.alloc(100 * 1024, 0x20) },
    '/hang.svg': { hang: true },
    '/other.svg': { body: logo.toString('utf8').replace('Brand Example', 'Other') },
  }));
  base = `https://${HOST}:${server.port}`;
});
after(() => server.close());

function resolver(): MemoryResolver {
  return new MemoryResolver().add(HOST, 'A', '127.0.0.1');
}

test('fetch: the SVG over real HTTPS on loopback, host resolved through the inkan Resolver, test CA trusted', async () => {
  const fetch = httpsFetcher({ resolver: resolver(), ca: ca.certPem });
  const got = await fetch(`${base}/logo.svg`, 'location');
  assert.ok(got.ok, JSON.stringify(got));
  if (!got.ok) return;
  assert.deepEqual(got.body, logo);
  assert.equal(got.contentType, 'image/svg+xml');
  assert.equal(got.status, 200);
});

test('fetch: failures are named: 404, redirect, too large, untrusted TLS, unknown host, http:, timeout', async () => {
  const fetch = httpsFetcher({ resolver: resolver(), ca: ca.certPem, timeout: 500 });
  const error = async (url: string, f = fetch): Promise<string> => {
    const got = await f(url, 'location');
    return got.ok ? 'ok' : got.error;
  };
  assert.equal(await error(`${base}/missing.svg`), 'http-status');
  assert.equal(await error(`${base}/moved.svg`), 'redirect');
  assert.equal(await error(`${base}/big.svg`), 'too-large');
  assert.equal(await error(`${base}/logo.svg`, httpsFetcher({ resolver: resolver() })), 'tls');
  assert.equal(await error(`https://nowhere.brand.example:${server.port}/logo.svg`), 'dns');
  assert.equal(await error(`http://${HOST}/logo.svg`), 'not-https');
  assert.equal(await error('not a url'), 'bad-url');
  assert.equal(await error(`${base}/hang.svg`), 'timeout');
});

function zoneFor(record: string, dmarc = 'v=DMARC1; p=reject'): MemoryResolver {
  const text = [
    '$ORIGIN brand.example.',
    '@ 3600 IN SOA ns1.brand.example. h.brand.example. ( 1 7200 3600 1209600 300 )',
    `_dmarc 3600 IN TXT "${dmarc}"`,
    `default._bimi 3600 IN TXT "${record}"`,
    'images 3600 IN A 127.0.0.1',
  ].join('\n');
  const parsed = parseZone(text);
  assert.ok(parsed.ok, JSON.stringify(!parsed.ok && parsed.error));
  return zoneToResolver(parsed.zone);
}

test('checkBimi: record, DMARC, fetched SVG and VMC all good -> ready, and the receiver header fields', async () => {
  const dns = zoneFor(`v=BIMI1; l=${base}/logo.svg; a=${base}/vmc.pem`);
  const check = await checkBimi('brand.example', { resolver: dns, now: NOW, fetcher: httpsFetcher({ resolver: dns, ca: ca.certPem }), trustStore: [h.root.pem], messageDmarc: 'pass' });
  assert.deepEqual(check.problems, []);
  assert.equal(check.verdict, 'ready');
  assert.equal(check.certificate?.logo?.matchesPublished, true);
  assert.deepEqual(check.fetches.map((f) => [f.kind, f.ok]), [['location', true], ['evidence', true]]);
  const headers = check.headers;
  assert.ok(headers);
  assert.equal(headers.location, `BIMI-Location: v=BIMI1;\r\n    l=${base}/logo.svg;\r\n    a=${base}/vmc.pem;`);
  assert.match(headers.indicator, /^BIMI-Indicator: [A-Za-z0-9+/=]{60}\r\n {4}[A-Za-z0-9+/=]{72}\r\n/);
  const base64 = headers.indicator.slice('BIMI-Indicator: '.length).replace(/\r\n\s+/g, '');
  assert.deepEqual(Buffer.from(base64, 'base64'), logo);
  for (const line of headers.indicator.split('\r\n')) assert.ok(line.length <= 76, line);
});

test('checkBimi: no header fields when the message did not pass DMARC', async () => {
  const dns = zoneFor(`v=BIMI1; l=${base}/logo.svg; a=${base}/vmc.pem`);
  const check = await checkBimi('brand.example', { resolver: dns, now: NOW, fetcher: httpsFetcher({ resolver: dns, ca: ca.certPem }), trustStore: [h.root.pem], messageDmarc: 'fail' });
  assert.equal(check.verdict, 'problems');
  assert.equal(check.headers, undefined);
  assert.deepEqual(check.problems.map((p) => p.code), ['dmarc-not-pass']);
});

test('checkBimi: the published SVG differs from the certificate logo -> problems', async () => {
  const dns = zoneFor(`v=BIMI1; l=${base}/other.svg; a=${base}/vmc.pem`);
  const check = await checkBimi('brand.example', { resolver: dns, now: NOW, fetcher: httpsFetcher({ resolver: dns, ca: ca.certPem }), trustStore: [h.root.pem] });
  assert.equal(check.verdict, 'problems');
  assert.deepEqual(check.problems.map((p) => `${p.area}.${p.code}`), ['cert.logotype-svg-mismatch']);
});

test('checkBimi: a logo that cannot be fetched -> temperror', async () => {
  const dns = zoneFor(`v=BIMI1; l=${base}/missing.svg`);
  const check = await checkBimi('brand.example', { resolver: dns, now: NOW, fetcher: httpsFetcher({ resolver: dns, ca: ca.certPem }) });
  assert.equal(check.verdict, 'temperror');
  assert.deepEqual(check.problems.map((p) => `${p.area}.${p.code}`), ['fetch.http-status', 'record.no-evidence']);
});

test('checkBimi: l= empty with a= takes the logo from the certificate', async () => {
  const dns = zoneFor(`v=BIMI1; l=; a=${base}/vmc.pem`);
  const check = await checkBimi('brand.example', { resolver: dns, now: NOW, fetcher: httpsFetcher({ resolver: dns, ca: ca.certPem }), trustStore: [h.root.pem], messageDmarc: 'pass' });
  assert.equal(check.verdict, 'ready', JSON.stringify(check.problems));
  assert.match(check.headers?.location ?? '', /^BIMI-Location: v=BIMI1;\r\n {4}a=/);
  assert.deepEqual([check.svg?.source.kind, check.svg?.ok, check.svg?.title], ['certificate', true, 'Brand Example']);
  assert.deepEqual(check.fetches.map((f) => f.kind), ['evidence']);
});
