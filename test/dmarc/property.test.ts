import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { evaluateDmarc } from '../../src/dmarc/evaluate.js';
import { explainDmarc } from '../../src/dmarc/explain.js';
import { effectivePolicy, parseDmarcRecord } from '../../src/dmarc/record.js';
import type { DmarcInput } from '../../src/dmarc/types.js';
import { MemoryResolver } from '../../src/dns/memory.js';

/** Pieces that look like DMARC records: real tags and values, broken ones and odd characters. */
const tagName = fc.constantFrom('v', 'p', 'sp', 'np', 'psd', 't', 'adkim', 'aspf', 'fo', 'rua', 'ruf', 'pct', 'rf', 'ri', 'P', 'x', 'v1', '');
const tagValue = fc.oneof(
  fc.constantFrom('DMARC1', 'none', 'quarantine', 'reject', 'y', 'n', 'u', 'r', 's', '0', '1', 'd', '0:1', 'd:s:1', '100', '101', 'afrf', '86400'),
  fc.constantFrom('mailto:a@example.com', 'mailto:a@example.com!10m', 'mailto:a@example.com, mailto:b@example.net', 'https://x', 'mailto:', 'mailto:%zz@x', ',,', '!'),
  fc.string({ maxLength: 12 }),
);
const tag = fc.tuple(tagName, fc.constantFrom('=', ' = ', '', '=='), tagValue).map(([n, eq, v]) => `${n}${eq}${v}`);
const nearRecord = fc
  .tuple(fc.constantFrom('v=DMARC1', 'v=DMARC1 ', ' v = DMARC1', 'v=dmarc1', ''), fc.array(tag, { maxLength: 20 }), fc.constantFrom(';', '; ', ' ;', ';;', '\t;'))
  .map(([v, tags, sep]) => [v, ...tags].join(sep));

/** The property: a result, never an exception, positions inside the text. A hang fails through the timeout. */
function bounded(text: string): boolean {
  const r = parseDmarcRecord(text);
  if (!r.ok) {
    assert.ok(r.error.position >= 0 && r.error.position <= text.length);
    return true;
  }
  for (const p of r.record.problems) assert.ok(p.position >= 0 && p.position <= text.length, JSON.stringify(p));
  const e = effectivePolicy(r.record);
  if (e.ok) for (const x of [e.p, e.sp, e.np]) assert.ok(['none', 'quarantine', 'reject'].includes(x));
  return true;
}

test('parseDmarcRecord never throws on random strings', { timeout: 60_000 }, () => {
  fc.assert(fc.property(fc.string({ maxLength: 400 }), bounded), { numRuns: 2000 });
  fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (s) => bounded(`v=DMARC1; ${s}`)), { numRuns: 1000 });
});

test('parseDmarcRecord never throws on near-DMARC records, and re-parsing is stable', { timeout: 60_000 }, () => {
  fc.assert(
    fc.property(nearRecord, (text) => {
      bounded(text);
      assert.deepEqual(parseDmarcRecord(text), parseDmarcRecord(text));
      return true;
    }),
    { numRuns: 3000 },
  );
});

test('parseDmarcRecord finishes on long hostile records', { timeout: 30_000 }, () => {
  for (const text of [`v=DMARC1; ${'p=none;'.repeat(1000)}`, `v=DMARC1; rua=${'mailto:a@b.c,'.repeat(600)}`, `v=DMARC1;${';'.repeat(8000)}`, `v=DMARC1; fo=${'0:'.repeat(3000)}`]) {
    bounded(text);
  }
});

const label = fc.constantFrom('a', 'b', 'mail', 'example', 'com', 'net', 'xn--r8jz45g', 'テスト', 'A', '-bad', '');
const domain = fc.array(label, { minLength: 0, maxLength: 12 }).map((l) => l.join('.'));
const spfWord = fc.constantFrom('none', 'neutral', 'pass', 'fail', 'softfail', 'temperror', 'permerror' as const);
const dkimWord = fc.constantFrom('none', 'pass', 'fail', 'policy', 'neutral', 'temperror', 'permerror' as const);
const input: fc.Arbitrary<DmarcInput> = fc.record(
  {
    from: fc.oneof(
      domain.map((d) => ({ ok: true as const, domain: d })),
      fc.constantFrom('missing-from', 'multiple-from', 'multiple-addresses', 'no-domain' as const).map((reason) => ({ ok: false as const, reason })),
    ),
    spf: fc.record({ result: spfWord, domain, identity: fc.constantFrom('mailfrom', 'helo' as const) }),
    dkim: fc.array(fc.record({ result: dkimWord, domain, selector: fc.string({ maxLength: 5 }) }), { maxLength: 6 }),
    envelopeFrom: fc.oneof(fc.constant('<>'), domain.map((d) => `x@${d}`)),
    sourceIp: fc.constantFrom('192.0.2.1', '2001:db8::1'),
  },
  { requiredKeys: ['from'] },
);

/** A zone with records of every kind at a few of the names the inputs use, and faults. */
function hostileZone(): MemoryResolver {
  const r = new MemoryResolver();
  const records = ['v=DMARC1; p=reject', 'v=DMARC1; p=quarantine; psd=y', 'v=DMARC1; psd=n; np=reject', 'v=DMARC1; p=bogus', 'v=DMARC1; t=y; p=reject; sp=none', 'garbage'];
  const names = ['example.com', 'com', 'mail.example.com', 'a.example.com', 'net', 'b.a.example.com', 'xn--r8jz45g'];
  names.forEach((n, i) => r.add(`_dmarc.${n}`, 'TXT', [records[i % records.length]!]));
  r.add('_dmarc.a.b.example.net', 'TXT', ['v=DMARC1; p=none']).add('_dmarc.a.b.example.net', 'TXT', ['v=DMARC1; p=reject']);
  r.setFault('_dmarc.b.example.com', 'servfail').setFault('_dmarc.mail.net', 'timeout');
  r.add('example.com', 'A', '192.0.2.1');
  return r;
}

test('evaluateDmarc never throws, and its result is consistent, for random inputs and records', { timeout: 120_000 }, async () => {
  const resolver = hostileZone();
  await fc.assert(
    fc.asyncProperty(input, fc.constantFrom('rfc9989', 'rfc7489' as const), async (i, mode) => {
      const r = await evaluateDmarc(i, { resolver, mode, random: () => 0.5 });
      assert.ok(['pass', 'fail', 'none', 'temperror', 'permerror'].includes(r.result));
      if (r.result !== 'fail') assert.equal(r.disposition, 'none');
      if (r.result === 'pass') assert.ok(r.alignment.some((a) => a.status === 'aligned'));
      assert.ok(r.queries <= 8 * (2 + (i.dkim?.length ?? 0)) + 3, String(r.queries));
      assert.ok(explainDmarc(r, 'en').length > 0);
      JSON.stringify(r);
      return true;
    }),
    { numRuns: 400 },
  );
});
