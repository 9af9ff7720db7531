import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseZone } from '../../src/dns/zone.js';

const pieces = fc.constantFrom(
  '$ORIGIN ', '$TTL ', '$INCLUDE ', '@', ' ', '\t', '\n', '\r\n', '(', ')', ';', '"', '\\', '\\"', '\\065', '\\999', '.',
  'IN ', 'CH ', 'TXT ', 'SPF ', 'A ', 'AAAA ', 'MX ', 'PTR ', 'NS ', 'SOA ', 'CNAME ', 'SRV ', '10 ', '1h30m ', '4294967296 ',
  '192.0.2.1', '2001:db8::1', 'example.com.', 'www', 'a..b', '日本',
);

/** Time one parse; the property is that it returns a result (no throw) well within the bound. */
function parsesQuickly(text: string, boundMs: number, options = {}): boolean {
  const start = performance.now();
  const result = parseZone(text, options);
  const elapsed = performance.now() - start;
  assert.equal(typeof result.ok, 'boolean');
  if (!result.ok) {
    assert.ok(result.error.line >= 1 && result.error.column >= 1, JSON.stringify(result.error));
  }
  return elapsed < boundMs;
}

test('property: zone-like random text never throws and parses in bounded time', () => {
  fc.assert(
    fc.property(fc.array(pieces, { maxLength: 300 }).map((parts) => parts.join('')), fc.option(fc.constantFrom('example.com', 'a.')), (text, origin) =>
      parsesQuickly(text, 2000, origin === null ? {} : { origin }),
    ),
    { numRuns: 2000 },
  );
});

test('property: arbitrary Unicode text never throws and parses in bounded time', () => {
  fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 2000 }), (text) => parsesQuickly(text, 2000)), { numRuns: 1000 });
});

test('property: any octets written as \\DDD escapes come back as the same TXT string', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 255 }), (bytes) => {
      const escaped = Array.from(bytes, (b) => `\\${String(b).padStart(3, '0')}`).join('');
      const parsed = parseZone(`@ 60 TXT "${escaped}"\n`, { origin: 'example.com' });
      assert.ok(parsed.ok);
      assert.deepEqual(parsed.zone.records[0]!.data, [Buffer.from(bytes).toString('utf8')]);
    }),
  );
});

test('hostile input: a megabyte of "(", quotes, backslashes or one long line finishes quickly', () => {
  const mb = 1024 * 1024;
  for (const text of ['('.repeat(mb), '"'.repeat(mb), '\\'.repeat(mb), `@ TXT ${'x'.repeat(mb)}`, ` ${'a '.repeat(mb / 2)}`, '\n'.repeat(mb)]) {
    assert.ok(parsesQuickly(text, 10_000, { origin: 'example.com' }), `slow on ${JSON.stringify(text.slice(0, 10))}`);
  }
});
