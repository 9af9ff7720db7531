import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseBimiRecord, parseBimiSelector } from '../../src/bimi/record.js';
import { checkSvg } from '../../src/bimi/svg.js';
import { tokenizeXml } from '../../src/bimi/xml.js';
import { readCertificateFields } from '../../src/bimi/cert-ext.js';
import { checkMarkCertificate } from '../../src/bimi/cert.js';
import { decodeLogoDataUri } from '../../src/bimi/logotype.js';
import { issue, name } from '../helpers/pki.js';
import { logotypeFor, OIDS } from './marks.js';

const RUNS = { numRuns: 300 };
const url = fc.webUrl({ validSchemes: ['https'] }).filter((u) => !/[\s,;]/.test(u));

test('property: any string parses to a result or a named refusal, never an exception', () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 300 }), (text) => {
      const r = parseBimiRecord(`v=BIMI1;${text}`);
      assert.ok(r.ok);
      for (const p of r.record.problems) assert.match(p.code, /^[a-z-]+$/);
      const s = parseBimiSelector(text);
      assert.equal(typeof s.ok, 'boolean');
    }),
    RUNS,
  );
});

test('property: a record built from https URLs gives back exactly those URLs', () => {
  fc.assert(
    fc.property(fc.array(url, { minLength: 1, maxLength: 4 }), fc.option(url, { nil: undefined }), (locations, evidence) => {
      const text = `v=BIMI1; l=${locations.join(',')}${evidence ? `; a=${evidence}` : ''}`;
      const r = parseBimiRecord(text);
      assert.ok(r.ok);
      assert.deepEqual(r.record.problems, []);
      assert.deepEqual(r.record.locations, locations);
      assert.equal(r.record.evidence, evidence);
      assert.equal(r.record.declined, false);
    }),
    RUNS,
  );
});

test('property: tag order after v= does not matter', () => {
  fc.assert(
    fc.property(url, url, fc.boolean(), (l, a, swap) => {
      const tags = swap ? [`a=${a}`, `l=${l}`] : [`l=${l}`, `a=${a}`];
      const r = parseBimiRecord(`v=BIMI1; ${tags.join('; ')}`);
      assert.ok(r.ok);
      assert.deepEqual([r.record.locations, r.record.evidence], [[l], a]);
    }),
    RUNS,
  );
});

const xmlish = fc.stringMatching(/^[<>/="'a-z &;#x0-9!?\[\]\-:\n]{0,200}$/);

test('fuzz: the XML tokenizer and SVG checker end on any input with named problems only', () => {
  fc.assert(
    fc.property(fc.oneof(xmlish, fc.string({ maxLength: 300 })), (text) => {
      let tokens = 0;
      for (const token of tokenizeXml(text, { maxAttributes: 8 })) {
        tokens++;
        if (token.kind === 'error') assert.match(token.code, /^[a-z-]+$/);
      }
      assert.ok(tokens <= text.length + 1);
      const check = checkSvg(text);
      assert.equal(check.ok, !check.problems.some((p) => p.severity === 'error'));
      for (const p of check.problems) assert.match(p.code, /^[a-z-]+$/);
    }),
    { numRuns: 1000 },
  );
});

test('fuzz: mutating a good logo never throws, and inserting a <script> always fails it', () => {
  const good = '<svg xmlns="http://www.w3.org/2000/svg" version="1.2" baseProfile="tiny-ps" viewBox="0 0 10 10"><title>T</title><rect width="10" height="10"/></svg>';
  fc.assert(
    fc.property(fc.nat(good.length), fc.string({ maxLength: 20 }), (at, junk) => {
      checkSvg(good.slice(0, at) + junk + good.slice(at));
      const withScript = good.replace('<rect', '<script>x</script><rect');
      assert.ok(checkSvg(withScript).problems.some((p) => p.code === 'script'));
    }),
    RUNS,
  );
});

test('fuzz: garbage and mutated DER give a named failure, never an exception', () => {
  const cert = issue({ subject: name('Fuzz'), eku: [OIDS.ekuBimi], dnsNames: ['fuzz.example'], logotype: logotypeFor('<svg/>') });
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 400 }), fc.nat(cert.der.length - 1), fc.integer({ min: 0, max: 255 }), (junk, at, byte) => {
      const r = readCertificateFields(junk);
      if (!r.ok) assert.match(r.error.code, /^[a-z-]+$/);
      const mutated = Buffer.from(cert.der);
      mutated[at] = byte;
      const m = readCertificateFields(mutated);
      if (!m.ok) assert.match(m.error.code, /^[a-z-]+$/);
      const pem = `-----BEGIN CERTIFICATE-----\n${mutated.toString('base64')}\n-----END CERTIFICATE-----\n`;
      const check = checkMarkCertificate(pem, { now: new Date('2026-01-01T00:00:00Z'), domains: ['fuzz.example'] });
      for (const p of check.problems) assert.match(p.code, /^[a-z-]+$/);
    }),
    { numRuns: 400 },
  );
});

test('fuzz: data: URIs decode or fail by name', () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 200 }), (text) => {
      const r = decodeLogoDataUri(`data:image/svg+xml;base64,${text}`);
      if (!r.ok) assert.match(r.error, /^[a-z-]+$/);
      const s = decodeLogoDataUri(text);
      if (!s.ok) assert.match(s.error, /^[a-z-]+$/);
    }),
    RUNS,
  );
});
