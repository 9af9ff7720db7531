import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { bodyScanner, bodyScanSimd, plainScanner } from '../../src/dkim/body-scan.js';

/** Octets that matter to the scans, and filler. */
const octetArb = fc.constantFrom(0x20, 0x20, 0x09, 0x0d, 0x0a, 0x0a, 0x61, 0x62, 0xe3, 0x00);
const chunkArb = fc.uint8Array({ maxLength: 120 }).chain((seed) => fc.array(octetArb, { minLength: seed.length, maxLength: seed.length + 40 }).map((a) => Uint8Array.from(a)));

/** Every answer of a scanner from every start offset. */
function answers(scanner: typeof plainScanner, chunk: Uint8Array): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let from = 0; from <= chunk.length; from++) {
    scanner.forget();
    out.push([scanner.bareLf(chunk, from), scanner.relaxedChange(chunk, from)]);
  }
  return out;
}

test('the body scanner runs with WebAssembly SIMD on this Node', (t) => {
  t.diagnostic(`SIMD scanner: ${bodyScanSimd}`);
  assert.equal(bodyScanSimd, true);
});

test('RFC 6376 §3.4 property: the SIMD scan finds the same bare LFs and relaxed changes as the plain loop', () => {
  fc.assert(
    fc.property(chunkArb, (chunk) => {
      assert.deepEqual(answers(bodyScanner, chunk), answers(plainScanner, chunk));
    }),
    { numRuns: 1500 },
  );
});

test('the plain loop: bare LF, TAB, SP before SP/CR/LF or at the end; an LF at 0 counts as bare', () => {
  const b = (s: string): Uint8Array => Buffer.from(s, 'latin1');
  assert.equal(plainScanner.bareLf(b('a\r\nb\nc'), 0), 4);
  assert.equal(plainScanner.bareLf(b('\nx'), 0), 0);
  assert.equal(plainScanner.bareLf(b('a\r\nb\r\n'), 0), -1);
  assert.equal(plainScanner.relaxedChange(b('a b\r\nc\td'), 0), 6);
  assert.equal(plainScanner.relaxedChange(b('a b \r\n'), 0), 3);
  assert.equal(plainScanner.relaxedChange(b('a  b'), 0), 1);
  assert.equal(plainScanner.relaxedChange(b('a b '), 0), 3);
  assert.equal(plainScanner.relaxedChange(b('a b\r\nc d\r\n'), 0), -1);
  assert.equal(plainScanner.relaxedChange(b('a b\nc'), 0), 3);
});

test('scans across the 64 KiB windows: a change on either side of a window edge, resumed scans, reused chunks', () => {
  for (const edge of [65536, 65536 * 2]) {
    for (let shift = -18; shift <= 18; shift++) {
      for (const what of ['  ', '\t', ' \r\n', '\n', 'x \n']) {
        const at = edge + shift;
        const chunk = Buffer.alloc(edge + 200, 'a');
        for (let i = 70; i < chunk.length; i += 72) chunk.write('\r\n', i - 2, 'latin1');
        chunk.write(what, at, 'latin1');
        bodyScanner.forget();
        const want = [plainScanner.bareLf(chunk, 0), plainScanner.relaxedChange(chunk, 0)];
        assert.deepEqual([bodyScanner.bareLf(chunk, 0), bodyScanner.relaxedChange(chunk, 0)], want, `${JSON.stringify(what)} at ${at}`);
        // Resuming within the window that is already in memory.
        assert.equal(bodyScanner.relaxedChange(chunk, at - 5), plainScanner.relaxedChange(chunk, at - 5));
        assert.equal(bodyScanner.relaxedChange(chunk, want[1]! + 1), plainScanner.relaxedChange(chunk, want[1]! + 1));
      }
    }
  }
  // A buffer refilled with new content is rescanned after forget().
  const reused = Buffer.alloc(1000, 'b');
  assert.equal(bodyScanner.relaxedChange(reused, 0), -1);
  reused[500] = 0x09;
  bodyScanner.forget();
  assert.equal(bodyScanner.relaxedChange(reused, 0), 500);
});
