import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { gatherAuthResults, splitAuthResults } from '../../src/arc/aar.js';
import { collectChain } from '../../src/arc/chain.js';
import { aarInstance, parseArcMessageSignature, parseArcSeal } from '../../src/arc/parse.js';
import { sealArc } from '../../src/arc/seal.js';
import { verifyArc } from '../../src/arc/verify.js';
import { createKeyCache } from '../../src/dkim/key.js';
import { splitMessage } from '../../src/message/split.js';
import type { HeaderField } from '../../src/message/types.js';
import { MESSAGE, NOW, publish, sealAs, sealer } from './helpers.js';

/** The header fields of `text` (a header section, CRLF line endings). */
function fields(text: string): HeaderField[] {
  const split = splitMessage(`${text}\r\n\r\n`);
  assert.ok(split.ok);
  return split.fields;
}

const field = (text: string): HeaderField => fields(text)[0]!;

const TAG_CODES = new Set(['tag-list', 'missing-tag', 'bad-instance', 'unknown-algorithm', 'bad-base64', 'bad-canonicalization', 'bad-header-list', 'bad-domain', 'bad-selector', 'bad-timestamp', 'bad-cv', 'forbidden-tag', 'signs-arc-seal']);
const printable = fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789=;:/+ .-_\tAZi'.split('')), maxLength: 200 });
/** Folding whitespace between tokens: nothing, spaces, or a line fold. */
const fws = fc.constantFrom('', ' ', '  ', '\r\n ', '\r\n\t', '\t');
const label = fc.stringMatching(/^[a-z][a-z0-9]{0,10}$/);
const b64 = fc.uint8Array({ minLength: 1, maxLength: 64 }).map((b) => Buffer.from(b).toString('base64'));

test('property: ARC-Seal and ARC-Message-Signature parsing never throws; every failure is a known code', () => {
  fc.assert(
    fc.property(printable, (value) => {
      for (const name of ['ARC-Seal', 'ARC-Message-Signature']) {
        const f = field(`${name}: ${value.replace(/\r?\n(?![ \t])/g, ' ')}`);
        const r = name === 'ARC-Seal' ? parseArcSeal(f) : parseArcMessageSignature(f);
        if (!r.ok) assert.ok(TAG_CODES.has(r.error.code), r.error.code);
      }
    }),
    { numRuns: 2000 },
  );
});

test('property: an ARC-Seal with its tags in any order, with any folding whitespace, parses to the same values', () => {
  const sealArb = fc.record({
    i: fc.integer({ min: 1, max: 50 }),
    cv: fc.constantFrom('none', 'pass', 'fail'),
    d: fc.tuple(label, label).map(([a, b]) => `${a}.${b}`),
    s: label,
    t: fc.integer({ min: 0, max: 999_999_999_999 }),
    b: b64,
    order: fc.shuffledSubarray(['i', 'a', 'b', 'cv', 'd', 's', 't'], { minLength: 7, maxLength: 7 }),
    ws: fc.array(fws, { minLength: 16, maxLength: 16 }),
  });
  fc.assert(
    fc.property(sealArb, (x) => {
      const values: Record<string, string> = { i: String(x.i), a: 'rsa-sha256', b: x.b, cv: x.cv, d: x.d, s: x.s, t: String(x.t) };
      const text = x.order.map((k, n) => `${x.ws[n]}${k}${x.ws[n + 7] ?? ''}=${values[k]}`).join(';');
      const r = parseArcSeal(field(`ARC-Seal:${text}`));
      assert.ok(r.ok, JSON.stringify(text));
      assert.equal(r.value.instance, x.i);
      assert.equal(r.value.chainValidation, x.cv);
      assert.equal(r.value.domain, x.d);
      assert.equal(r.value.selector, x.s);
      assert.equal(r.value.timestamp, x.t);
      assert.equal(r.value.signatureText, x.b);
      // The blanked span is exactly the b= value (to the next ";" or the end).
      const raw = Buffer.from(r.value.field.raw).toString('latin1');
      assert.equal(raw.slice(r.value.bValueStart, r.value.bValueEnd).replace(/[\s]/g, ''), x.b);
    }),
    { numRuns: 500 },
  );
});

test('property: the instance of an AAR is read only from a leading "i=N;"', () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 999_999_999 }), fws, fws, printable, (n, a, b, rest) => {
      assert.equal(aarInstance(`${a}i${b}=${n}${a};${rest}`), n);
      assert.equal(aarInstance(`x${a}i=${n};${rest}`), undefined);
    }),
  );
});

test('property: ARC Sets found in any field order make the same chain; any one field removed is named as missing or out of place', () => {
  const n = 3;
  const sets = Array.from({ length: n }, (_, k) => k + 1).flatMap((i) => [
    `ARC-Seal: i=${i}; a=rsa-sha256; cv=${i === 1 ? 'none' : 'pass'}; d=d${i}.example; s=s; b=QUFB`,
    `ARC-Message-Signature: i=${i}; a=rsa-sha256; d=d${i}.example; s=s; h=from; bh=QUFB; b=QUFB`,
    `ARC-Authentication-Results: i=${i}; d${i}.example; spf=pass`,
  ]);
  fc.assert(
    fc.property(fc.shuffledSubarray(sets, { minLength: sets.length, maxLength: sets.length }), fc.nat(sets.length - 1), (order, drop) => {
      const all = collectChain(fields(order.join('\r\n')));
      assert.equal(all.status, 'ok');
      assert.deepEqual(all.status === 'ok' && all.sets.map((s) => s.seal.domain), ['d1.example', 'd2.example', 'd3.example']);
      const removed = order.filter((_, k) => k !== drop);
      const partial = collectChain(fields(removed.join('\r\n')));
      assert.equal(partial.status, 'invalid');
      assert.ok(partial.status === 'invalid' && partial.reason.code === 'missing-field');
    }),
    { numRuns: 300 },
  );
});

test('property: results split from an A-R value come back whole, whatever the folding, comments and quoted ";"', () => {
  const result = fc.tuple(fc.constantFrom('spf', 'dkim', 'dmarc', 'arc', 'x-test'), fc.constantFrom('pass', 'fail', 'none2', 'softfail'), fc.constantFrom('', ' (a; comment)', ' reason="a;b"', ' header.d=example.com'));
  fc.assert(
    fc.property(fc.array(result, { maxLength: 8 }), fc.array(fws, { minLength: 20, maxLength: 20 }), (results, ws) => {
      const parts = results.map(([m, r, extra]) => `${m}=${r}${extra}`);
      const value = `mx.example.org;${parts.map((p, k) => `${ws[k]}${p}`).join(';')}`;
      const split = splitAuthResults(value);
      assert.ok(split);
      assert.equal(split.authservId, 'mx.example.org');
      assert.deepEqual(split.results, parts);
      const gathered = gatherAuthResults(fields(`Authentication-Results: ${value}`), 'MX.example.org');
      assert.deepEqual(gathered?.results, parts);
    }),
    { numRuns: 500 },
  );
});

test('property: whatever the body and subject, a sealed message verifies, and a change to either is caught', async () => {
  const ed = sealer('seal.example', 'ed', 'ed25519');
  const resolver = publish(ed);
  const lines = fc.array(fc.string({ unit: fc.constantFrom(...'abc xyz\t.-'.split('')), maxLength: 40 }), { maxLength: 6 });
  await fc.assert(
    fc.asyncProperty(lines, fc.string({ unit: fc.constantFrom(...'Subject words'.split('')), minLength: 1, maxLength: 30 }), async (body, subject) => {
      const message = MESSAGE.replace('Meeting notes', subject.trim() || 'x').replace('See you on Monday.\r\n', `${body.join('\r\n')}\r\n`);
      const { message: sealed } = await sealAs(message, ed, resolver);
      const ok = await verifyArc(sealed, { resolver, keyCache: createKeyCache() });
      assert.equal(ok.result, 'pass');
      const tampered = await verifyArc(sealed.replace(/\r\n\r\n/, '\r\n\r\nInjected line\r\n'), { resolver, keyCache: createKeyCache() });
      assert.equal(tampered.result, 'fail');
    }),
    { numRuns: 60 },
  );
  const direct = await sealArc(MESSAGE, { domain: ed.domain, selector: ed.selector, privateKey: ed.privateKey, resolver, authResults: 'a.example; none', now: NOW });
  assert.ok(direct.ok && direct.authResults.endsWith('a.example; none'));
});
