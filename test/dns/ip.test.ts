import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseIpv4 } from '../../src/dns/ip.js';

/** The dotted-quad rule as a regex: four decimal octets of 0 to 255, no leading zeros. */
const DOTTED_QUAD = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

test('parseIpv4 accepts exactly the dotted quads without leading zeros, and reads their octets (5000 random strings)', () => {
  const text = fc.oneof(
    fc.string({ unit: fc.constantFrom('0', '1', '2', '5', '9', '.', '.', ':', 'a', ' ', '-', '+'), maxLength: 18 }),
    fc.array(fc.integer({ min: 0, max: 300 }), { minLength: 3, maxLength: 5 }).map((octets) => octets.join('.')),
    fc.constantFrom('0.0.0.0', '255.255.255.255', '256.0.0.1', '01.2.3.4', '1.2.3.4.', '.1.2.3', '1..2.3', '1.2.3.04', '192.0.2.1'),
  );
  let runs = 0;
  fc.assert(
    fc.property(text, (v) => {
      runs++;
      const bytes = parseIpv4(v);
      assert.equal(bytes !== undefined, DOTTED_QUAD.test(v), JSON.stringify(v));
      if (bytes) assert.deepEqual([...bytes], v.split('.').map(Number), JSON.stringify(v));
    }),
    { numRuns: 5000 },
  );
  assert.equal(runs, 5000);
});
