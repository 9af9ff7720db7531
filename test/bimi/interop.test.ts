/**
 * inkan against peers: mailauth's SVG check (inkan must reject whatever it rejects), and real VMC/CMC
 * certificates from the @postalsys/vmc test fixtures installed with mailauth (skipped when absent).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { checkMarkCertificate } from '../../src/bimi/cert.js';
import { checkSvg } from '../../src/bimi/svg.js';
import { repoRoot } from '../helpers/paths.js';

const require = createRequire(import.meta.url);
const fixtures = join(repoRoot(), 'test', 'bimi', 'fixtures');
const vmcFixtures = join(repoRoot(), 'node_modules', '@postalsys', 'vmc', 'test', 'fixtures');

function mailauthAccepts(svg: string): boolean | undefined {
  let validateSvg: (svg: string) => boolean;
  try {
    ({ validateSvg } = require('mailauth/lib/bimi/validate-svg.js') as { validateSvg: (svg: string) => boolean });
  } catch {
    return undefined;
  }
  try {
    return validateSvg(svg);
  } catch {
    return false;
  }
}

test('interop: every SVG fixture mailauth rejects, inkan rejects too; the good logo passes both', (t) => {
  const files = readdirSync(fixtures).filter((f) => f.endsWith('.svg')).sort();
  let compared = 0;
  let agreeReject = 0;
  for (const file of files) {
    const text = readFileSync(join(fixtures, file), 'utf8');
    const theirs = mailauthAccepts(text);
    if (theirs === undefined) return void t.skip('mailauth not installed');
    const ours = checkSvg(text).ok;
    compared++;
    if (!theirs) {
      assert.equal(ours, false, `${file}: mailauth rejects it, inkan accepts it`);
      agreeReject++;
    }
    if (file === 'logo.svg') assert.deepEqual([theirs, ours], [true, true]);
  }
  t.diagnostic(`SVG fixtures compared with mailauth: ${compared}/${files.length}; rejected by both: ${agreeReject}`);
  assert.equal(compared, files.length);
});

test('interop: real VMCs and a CMC (GlobalSign, DigiCert, Entrust issued) parse; logos are SVG Tiny PS with matching hashes', (t) => {
  if (!existsSync(vmcFixtures)) return void t.skip('@postalsys/vmc fixtures not installed');
  const read = (f: string): string => readFileSync(join(vmcFixtures, f), 'utf8');
  const root = read('globalsign-root.pem');
  const globalsign = checkMarkCertificate(read('globalsign-vmc.pem'), { now: new Date('2025-06-01T00:00:00Z'), domains: ['globalsign.com'], trustStore: [root] });
  assert.deepEqual(globalsign.problems, []);
  assert.equal(globalsign.kind, 'vmc');
  assert.equal(globalsign.markType, 'Registered Mark');
  assert.match(globalsign.trustAnchor?.subject ?? '', /GlobalSign/);
  assert.equal(globalsign.logo?.gzip, true);
  let checked = 0;
  for (const [file, domain, kind] of [
    ['paypal_vmc.pem', 'paypal.com', 'vmc'],
    ['xometry_cmc.pem', 'xometry.com', 'cmc'],
    ['cnn.pem', 'cnn.com', 'unknown'],
    ['redshift.pem', 'redsift.com', 'unknown'],
  ] as const) {
    if (!existsSync(join(vmcFixtures, file))) continue;
    const check = checkMarkCertificate(read(file), { now: new Date('2022-01-01T00:00:00Z'), domains: [domain] });
    assert.equal(check.kind, kind, file);
    assert.ok(check.logo, `${file}: embedded logo`);
    assert.equal(check.logo.check.ok, true, `${file}: ${JSON.stringify(check.logo.check.problems)}`);
    const codes: string[] = check.problems.map((p) => p.code);
    for (const bad of ['logotype-hash-mismatch', 'missing-bimi-eku', 'san-mismatch', 'malformed-certificate', 'chain-broken']) assert.ok(!codes.includes(bad), `${file}: ${bad}`);
    checked++;
  }
  t.diagnostic(`real mark certificates checked: ${checked + 1}/5`);
  const tls = checkMarkCertificate(read('catchall.delivery.pem'), { now: new Date('2022-01-01T00:00:00Z'), domains: ['catchall.delivery'] });
  // A TLS server certificate is not a mark certificate.
  const tlsCodes: string[] = tls.problems.map((p) => p.code);
  for (const code of ['missing-bimi-eku', 'missing-logotype']) assert.ok(tlsCodes.includes(code), code);
});
