import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { MemoryResolver } from '../../src/dns/memory.js';
import { lintSpf } from '../../src/spf/lint.js';
import { renderSpfTree } from '../../src/spf/lint-render.js';

const NAMES = ['a.test', 'b.test', 'c.test', 'd.test', 'example.com'];
const name = fc.constantFrom(...NAMES, 'gone.test');
const term = fc.oneof(
  fc.constantFrom('a', 'mx', 'ptr', '-all', '~all', '?all', '+all', 'all', 'ip4:192.0.2.0/24', 'ip6:2001:db8::/32', 'exp=x.test', 'foo=bar', '%{i}', 'ip4:1.2.3'),
  name.map((n) => `include:${n}`),
  name.map((n) => `redirect=${n}`),
  name.map((n) => `a:${n}`),
  name.map((n) => `mx:${n}/24`),
  name.map((n) => `exists:%{i}.${n}`),
  fc.string({ maxLength: 12 }),
);
const txt = fc.oneof(
  { weight: 4, arbitrary: fc.array(term, { maxLength: 8 }).map((terms) => ['v=spf1 ' + terms.join(' ')]) },
  { weight: 1, arbitrary: fc.array(fc.string({ maxLength: 300 }), { minLength: 1, maxLength: 3 }) },
);
const fault = fc.constantFrom(undefined, 'timeout', 'servfail', 'refused') as fc.Arbitrary<'timeout' | 'servfail' | 'refused' | undefined>;
const zone = fc.record({
  records: fc.array(fc.tuple(fc.constantFrom(...NAMES), txt), { maxLength: 10 }),
  faults: fc.array(fc.tuple(fc.constantFrom(...NAMES), fault), { maxLength: 2 }),
  mx: fc.nat({ max: 12 }),
});

test('property: lint on random records served by a MemoryResolver never throws and terminates', async () => {
  await fc.assert(
    fc.asyncProperty(zone, async ({ records, faults, mx }) => {
      const r = new MemoryResolver();
      for (const [owner, strings] of records) r.add(owner, 'TXT', strings);
      for (const [owner, f] of faults) if (f) r.setFault(owner, f);
      for (let i = 0; i < mx; i++) r.add('example.com', 'MX', { preference: i, exchange: NAMES[i % NAMES.length]! });
      r.add('a.test', 'A', '192.0.2.1');
      const result = await lintSpf('example.com', { resolver: r, maxNodes: 60 });
      assert.ok(result.lookups >= 0 && result.voidLookups >= 0);
      assert.equal(result.lookups, result.tree.totalLookups);
      for (const f of result.findings) assert.ok(['error', 'warning', 'info'].includes(f.severity));
      assert.ok(renderSpfTree(result, 'ja').length >= 1);
    }),
    { numRuns: 300 },
  );
});
