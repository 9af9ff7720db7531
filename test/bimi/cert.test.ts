import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { checkMarkCertificate, type MarkCertificateCheck } from '../../src/bimi/cert.js';
import { readCertificateFields, markKind } from '../../src/bimi/cert-ext.js';
import { decodeLogoDataUri } from '../../src/bimi/logotype.js';
import { repoRoot } from '../helpers/paths.js';
import { issue, name, toPem } from '../helpers/pki.js';
import { logotypeFor, markHierarchy, OIDS } from './marks.js';

const logo = readFileSync(join(repoRoot(), 'test', 'bimi', 'fixtures', 'logo.svg'));
const NOW = new Date('2026-06-01T00:00:00Z');
const DOMAINS = ['brand.example'];
const errors = (c: MarkCertificateCheck): string[] => c.problems.filter((p) => p.severity === 'error').map((p) => p.code);

test('VMC: a good chain to the trust store, BIMI EKU, SAN, embedded gzipped logo equal to the published SVG', () => {
  const h = markHierarchy(logo, ['brand.example', 'www.brand.example']);
  const check = checkMarkCertificate(h.chain, { now: NOW, domains: DOMAINS, trustStore: [h.root.pem], svg: logo });
  assert.deepEqual(check.problems, []);
  assert.equal(check.ok, true);
  assert.equal(check.kind, 'vmc');
  assert.equal(check.markType, 'Registered Mark');
  assert.deepEqual(check.dnsNames, ['brand.example', 'www.brand.example']);
  assert.deepEqual(check.extendedKeyUsage, [OIDS.ekuBimi]);
  assert.deepEqual(check.policies, [OIDS.vmcPolicy]);
  assert.equal(check.chain.length, 2);
  assert.match(check.trustAnchor?.subject ?? '', /inkan Test Mark Root/);
  assert.equal(check.logo?.gzip, true);
  assert.equal(check.logo?.matchesPublished, true);
  assert.equal(check.logo?.sha256, createHash('sha256').update(logo).digest('hex'));
  assert.equal(check.logo?.check.ok, true);
});

test('VMC: the chain may include the root itself', () => {
  const h = markHierarchy(logo, DOMAINS);
  const check = checkMarkCertificate(h.chain + h.root.pem, { now: NOW, domains: DOMAINS, trustStore: [h.root.pem], svg: logo });
  assert.deepEqual(errors(check), []);
});

test('VMC: an uncompressed data: URI works too', () => {
  const h = markHierarchy(logo, DOMAINS, { logotype: logotypeFor(logo, { gzip: false }) });
  const check = checkMarkCertificate(h.chain, { now: NOW, domains: DOMAINS, trustStore: [h.root.pem], svg: logo });
  assert.deepEqual(errors(check), []);
  assert.equal(check.logo?.gzip, false);
});

test('CMC: markType Prior Use Mark is a Common Mark Certificate; no markType is unknown (info)', () => {
  const cmc = markHierarchy(logo, DOMAINS, {}, 'Prior Use Mark');
  assert.equal(checkMarkCertificate(cmc.chain, { now: NOW, domains: DOMAINS, trustStore: [cmc.root.pem] }).kind, 'cmc');
  const plain = markHierarchy(logo, DOMAINS, { subject: name('No Mark Type') });
  const check = checkMarkCertificate(plain.chain, { now: NOW, domains: DOMAINS, trustStore: [plain.root.pem] });
  assert.equal(check.kind, 'unknown');
  assert.deepEqual(check.problems.map((p) => [p.code, p.severity]), [['mark-type-unknown', 'info']]);
});

test('VMC: expired and not yet valid, against the given now', () => {
  const h = markHierarchy(logo, DOMAINS, { notBefore: new Date('2024-01-01T00:00:00Z'), notAfter: new Date('2025-01-01T00:00:00Z') });
  const expired = checkMarkCertificate(h.chain, { now: NOW, domains: DOMAINS, trustStore: [h.root.pem] });
  assert.deepEqual(errors(expired), ['expired']);
  assert.equal(expired.problems[0]?.index, 0);
  const early = checkMarkCertificate(h.chain, { now: new Date('2023-06-01T00:00:00Z'), domains: DOMAINS, trustStore: [h.root.pem] });
  assert.ok(errors(early).includes('not-yet-valid'));
  const inTime = checkMarkCertificate(h.chain, { now: new Date('2024-06-01T00:00:00Z'), domains: DOMAINS, trustStore: [h.root.pem] });
  // The leaf is valid then, but the intermediate and the root (valid from 2025) are not: every link is dated.
  assert.deepEqual(inTime.problems.map((p) => [p.code, p.index]), [['not-yet-valid', 1], ['not-yet-valid', undefined]]);
});

test('VMC: a SAN that does not name the domain', () => {
  const h = markHierarchy(logo, ['other.example']);
  const check = checkMarkCertificate(h.chain, { now: NOW, domains: ['brand.example', 'mail.brand.example'], trustStore: [h.root.pem] });
  assert.deepEqual(errors(check), ['san-mismatch']);
  assert.equal(check.problems[0]?.detail, 'other.example');
});

test('VMC: the wrong extended key usage (serverAuth), or none', () => {
  const wrong = markHierarchy(logo, DOMAINS, { eku: [OIDS.serverAuth] });
  assert.deepEqual(errors(checkMarkCertificate(wrong.chain, { now: NOW, domains: DOMAINS, trustStore: [wrong.root.pem] })), ['missing-bimi-eku']);
  const none = markHierarchy(logo, DOMAINS);
  const noEku = issue({ subject: name('x'), issuer: none.intermediate, dnsNames: DOMAINS, logotype: logotypeFor(logo) });
  assert.deepEqual(errors(checkMarkCertificate(noEku.pem + none.intermediate.pem, { now: NOW, domains: DOMAINS, trustStore: [none.root.pem] })), ['missing-bimi-eku']);
});

test('VMC: the embedded logo is not the published SVG', () => {
  const h = markHierarchy(logo, DOMAINS);
  const other = Buffer.from(logo.toString('utf8').replace('Brand Example', 'Another Brand'));
  const check = checkMarkCertificate(h.chain, { now: NOW, domains: DOMAINS, trustStore: [h.root.pem], svg: other });
  assert.deepEqual(errors(check), ['logotype-svg-mismatch']);
  assert.equal(check.logo?.matchesPublished, false);
});

test('VMC: a logotype hash that does not match its image', () => {
  const h = markHierarchy(logo, DOMAINS, { logotype: logotypeFor(logo, { hashOf: Buffer.from('something else') }) });
  assert.deepEqual(errors(checkMarkCertificate(h.chain, { now: NOW, domains: DOMAINS, trustStore: [h.root.pem], svg: logo })), ['logotype-hash-mismatch']);
});

test('VMC: no logotype, a referenced logo, a non-SVG logo, and an embedded logo that is not Tiny PS', () => {
  const base = markHierarchy(logo, DOMAINS);
  const leaf = (logotype: Buffer | undefined) =>
    issue({ subject: name('x', [[OIDS.markType, 'Registered Mark']]), issuer: base.intermediate, eku: [OIDS.ekuBimi], dnsNames: DOMAINS, ...(logotype ? { logotype } : {}) });
  const run = (logotype: Buffer | undefined) => errors(checkMarkCertificate(leaf(logotype).pem + base.intermediate.pem, { now: NOW, domains: DOMAINS, trustStore: [base.root.pem] }));
  assert.deepEqual(run(undefined), ['missing-logotype']);
  assert.deepEqual(run(logotypeFor(logo, { uri: 'https://images.brand.example/logo.svg' })), ['logotype-not-embedded']);
  assert.deepEqual(run(logotypeFor(logo, { mediaType: 'image/png', uri: 'data:image/png;base64,AAAA' })), ['logotype-not-svg']);
  assert.deepEqual(run(logotypeFor('<svg xmlns="http://www.w3.org/2000/svg"><script/></svg>')), ['logotype-svg-invalid']);
  assert.deepEqual(run(Buffer.from([0x30, 0x03, 0x02, 0x01])), ['logotype-malformed']);
});

test('VMC: a gzip bomb in the logotype is refused with a bound', () => {
  const bomb = gzipSync(Buffer.alloc(20 * 1024 * 1024, 0x20));
  const decoded = decodeLogoDataUri(`data:image/svg+xml;base64,${bomb.toString('base64')}`);
  assert.deepEqual(decoded, { ok: false, error: 'too-large' });
  const h = markHierarchy(logo, DOMAINS, { logotype: logotypeFor(Buffer.alloc(20 * 1024 * 1024, 0x20)) });
  assert.deepEqual(errors(checkMarkCertificate(h.chain, { now: NOW, domains: DOMAINS, trustStore: [h.root.pem] })), ['logotype-too-large']);
});

test('VMC chain: an unknown root, a broken signature, a non-CA issuer, no trust store', () => {
  const h = markHierarchy(logo, DOMAINS);
  const otherRoot = issue({ subject: name('Some Other Root'), ca: true });
  assert.deepEqual(errors(checkMarkCertificate(h.chain, { now: NOW, domains: DOMAINS, trustStore: [otherRoot.pem] })), ['untrusted-root']);
  const forged = issue({
    subject: name('Forged', [[OIDS.markType, 'Registered Mark']]),
    issuer: h.intermediate,
    signWith: generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey,
    eku: [OIDS.ekuBimi],
    dnsNames: DOMAINS,
    logotype: logotypeFor(logo),
  });
  assert.deepEqual(errors(checkMarkCertificate(forged.pem + h.intermediate.pem, { now: NOW, domains: DOMAINS, trustStore: [h.root.pem] })), ['chain-broken']);
  const notCa = issue({ subject: name('Leafy Issuer'), issuer: h.root });
  const below = issue({ subject: name('Below', [[OIDS.markType, 'Registered Mark']]), issuer: notCa, eku: [OIDS.ekuBimi], dnsNames: DOMAINS, logotype: logotypeFor(logo) });
  assert.ok(errors(checkMarkCertificate(below.pem + notCa.pem, { now: NOW, domains: DOMAINS, trustStore: [h.root.pem] })).includes('issuer-not-ca'));
  const noStore = checkMarkCertificate(h.chain, { now: NOW, domains: DOMAINS });
  assert.deepEqual(noStore.problems.map((p) => [p.code, p.severity]), [['no-trust-store', 'warning']]);
  assert.equal(noStore.ok, true);
});

test('malformed certificates: no PEM, garbage DER, truncated DER, too large — each a named failure', () => {
  const opts = { now: NOW, domains: DOMAINS };
  assert.deepEqual(errors(checkMarkCertificate('hello', opts)), ['no-certificate']);
  assert.deepEqual(errors(checkMarkCertificate(toPem(Buffer.from('not a certificate at all')), opts)), ['malformed-certificate']);
  const h = markHierarchy(logo, DOMAINS);
  assert.deepEqual(errors(checkMarkCertificate(toPem(h.vmc.der.subarray(0, 200)), opts)), ['malformed-certificate']);
  assert.deepEqual(errors(checkMarkCertificate('x'.repeat(2 * 1024 * 1024), opts)), ['pem-too-large']);
  const many = checkMarkCertificate(h.vmc.pem.repeat(12), { ...opts, trustStore: [h.root.pem] });
  assert.ok(many.problems.some((p) => p.code === 'too-many-certificates'));
});

test('DER reader: extensions of a generated VMC; truncation and bad lengths are named', () => {
  const h = markHierarchy(logo, ['brand.example']);
  const r = readCertificateFields(h.vmc.der);
  assert.ok(r.ok);
  if (!r.ok) return;
  assert.deepEqual(r.fields.extendedKeyUsage, [OIDS.ekuBimi]);
  assert.deepEqual(r.fields.dnsNames, ['brand.example']);
  assert.equal(r.fields.logotype?.ok && r.fields.logotype.images[0]?.mediaType, 'image/svg+xml');
  assert.deepEqual(markKind(r.fields), { kind: 'vmc', markType: 'Registered Mark' });
  const truncated = readCertificateFields(h.vmc.der.subarray(0, h.vmc.der.length - 10));
  assert.equal(truncated.ok ? 'ok' : truncated.error.code, 'truncated');
  const badLength = readCertificateFields(Buffer.from([0x30, 0x85, 1, 2, 3, 4, 5]));
  assert.equal(badLength.ok ? 'ok' : badLength.error.code, 'bad-length');
  const deep = Buffer.concat([Buffer.from([0x30, 0x02]), Buffer.from([0x30, 0x00])]);
  assert.equal(readCertificateFields(deep).ok, false);
});
