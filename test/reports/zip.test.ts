// inkan's zip reader against fflate's (the oracle) on archives fflate writes, a zip64 archive built by hand,
// limits, and damaged archives: every answer is the entries (each checked by CRC-32) or a ZipError.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { crc32, deflateRawSync, gunzipSync } from 'node:zlib';
import fc from 'fast-check';
import { unzipSync, zipSync, type Zippable } from 'fflate';
import { readZip, ZipError } from '../../src/reports/zip.js';

const RUNS = 300;
const NO_LIMITS = { maxEntrySize: 1 << 30, maxEntries: 1000 };

// Names start with a letter: fflate's reader answers with a plain object, where "__proto__" is no key.
const files = fc.dictionary(
  fc.stringMatching(/^[a-z][a-z0-9_.-]{0,11}(\/[a-z0-9_.-]{1,12})?$/),
  fc.oneof(fc.uint8Array({ maxLength: 2000 }), fc.string({ maxLength: 3000 }).map((s) => new TextEncoder().encode(s.repeat(3)))),
  { maxKeys: 6 },
);

test(`property: what fflate writes (stored or deflated, any level, with a comment), inkan reads back, and agrees with fflate's reader (${RUNS} runs)`, () => {
  let entries = 0;
  fc.assert(
    fc.property(files, fc.integer({ min: 0, max: 9 }), fc.string({ maxLength: 40 }), (contents, level, comment) => {
      const zippable: Zippable = Object.fromEntries(Object.entries(contents).map(([name, data]) => [name, [data, { level: level as 0 }]]));
      const zip = zipSync(zippable, { comment });
      const ours = readZip(zip, NO_LIMITS);
      const theirs = unzipSync(zip);
      assert.deepEqual(ours.map((e) => e.name).sort(), Object.keys(theirs).sort());
      for (const e of ours) {
        assert.deepEqual(Buffer.from(e.bytes), Buffer.from(theirs[e.name]!));
        // A deflated entry comes with a gzip of its content made from the same deflate stream.
        if (e.gzip) assert.deepEqual(gunzipSync(e.gzip), Buffer.from(e.bytes));
        entries++;
      }
    }),
    { numRuns: RUNS },
  );
  assert.ok(entries > RUNS, `${entries} entries`);
});

test(`property: a damaged archive gives its entries (each matching its CRC-32) or a ZipError, never another error (${RUNS} runs)`, () => {
  const zip = zipSync({ 'a.xml': new TextEncoder().encode('<feedback>'.repeat(200)), 'b/c.xml': new Uint8Array(300).fill(65) }, { comment: 'x' });
  let refused = 0;
  fc.assert(
    fc.property(fc.array(fc.tuple(fc.nat({ max: zip.length - 1 }), fc.integer({ min: 0, max: 255 })), { maxLength: 6 }), fc.nat({ max: zip.length }), (flips, keep) => {
      const damaged = Uint8Array.from(zip.subarray(0, Math.max(keep, zip.length - 40)));
      for (const [at, value] of flips) if (at < damaged.length) damaged[at] = value;
      try {
        for (const e of readZip(damaged, NO_LIMITS)) assert.ok(e.bytes.length <= 2000);
      } catch (e) {
        assert.ok(e instanceof ZipError, String(e));
        refused++;
      }
    }),
    { numRuns: RUNS },
  );
  assert.ok(refused > 0);
});

test('limits: entries over the size cap, past the entry cap, directories and encrypted entries are skipped', () => {
  const zip = zipSync({ 'dir/': new Uint8Array(0), 'small.xml': new Uint8Array(10), 'big.xml': new Uint8Array(5000), 'later.xml': new Uint8Array(20) });
  assert.deepEqual(
    readZip(zip, { maxEntrySize: 1000, maxEntries: 10 }).map((e) => e.name),
    ['small.xml', 'later.xml'],
  );
  assert.deepEqual(
    readZip(zip, { maxEntrySize: 1000, maxEntries: 1 }).map((e) => e.name),
    ['small.xml'],
  );
  // Flag bit 0 (encrypted) in the central directory entry of small.xml.
  const encrypted = Uint8Array.from(zip);
  const view = Buffer.from(encrypted.buffer);
  for (let at = view.indexOf(Buffer.from([0x50, 0x4b, 1, 2])); at >= 0; at = view.indexOf(Buffer.from([0x50, 0x4b, 1, 2]), at + 4)) {
    if (view.toString('latin1', at + 46, at + 46 + view.readUInt16LE(at + 28)) === 'small.xml') view.writeUInt16LE(view.readUInt16LE(at + 8) | 1, at + 8);
  }
  assert.deepEqual(
    readZip(encrypted, NO_LIMITS).map((e) => e.name),
    ['big.xml', 'later.xml'],
  );
  assert.throws(() => readZip(new Uint8Array(100), NO_LIMITS), (e) => e instanceof ZipError && e.reason === 'no-directory');
});

/** A one-entry zip64 archive as large-archive writers make it: 0xFFFFFFFF in the 32-bit fields, the values in zip64 records. */
function zip64(name: string, content: Buffer): Buffer {
  const deflated = deflateRawSync(content);
  const crc = crc32(content);
  const nameBytes = Buffer.from(name);
  const u64 = (n: number): Buffer => {
    const b = Buffer.alloc(8);
    b.writeBigUInt64LE(BigInt(n));
    return b;
  };
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(45, 4);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(0xffffffff, 18);
  local.writeUInt32LE(0xffffffff, 22);
  local.writeUInt16LE(nameBytes.length, 26);
  local.writeUInt16LE(20, 28);
  const localExtra = Buffer.concat([Buffer.from([1, 0, 16, 0]), u64(content.length), u64(deflated.length)]);
  const data = Buffer.concat([local, nameBytes, localExtra, deflated]);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(45, 4);
  central.writeUInt16LE(45, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(0xffffffff, 20);
  central.writeUInt32LE(0xffffffff, 24);
  central.writeUInt16LE(nameBytes.length, 28);
  central.writeUInt16LE(28, 30);
  central.writeUInt32LE(0xffffffff, 42);
  const centralExtra = Buffer.concat([Buffer.from([1, 0, 24, 0]), u64(content.length), u64(deflated.length), u64(0)]);
  const directory = Buffer.concat([central, nameBytes, centralExtra]);
  const end64 = Buffer.alloc(56);
  end64.writeUInt32LE(0x06064b50, 0);
  end64.writeBigUInt64LE(44n, 4);
  end64.writeUInt16LE(45, 12);
  end64.writeUInt16LE(45, 14);
  end64.writeBigUInt64LE(1n, 24);
  end64.writeBigUInt64LE(1n, 32);
  end64.writeBigUInt64LE(BigInt(directory.length), 40);
  end64.writeBigUInt64LE(BigInt(data.length), 48);
  const locator = Buffer.alloc(20);
  locator.writeUInt32LE(0x07064b50, 0);
  locator.writeBigUInt64LE(BigInt(data.length + directory.length), 8);
  locator.writeUInt32LE(1, 16);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(0xffff, 8);
  end.writeUInt16LE(0xffff, 10);
  end.writeUInt32LE(0xffffffff, 12);
  end.writeUInt32LE(0xffffffff, 16);
  return Buffer.concat([data, directory, end64, locator, end]);
}

test('zip64: sizes and offsets from the zip64 extra field and end record', () => {
  const content = Buffer.from('<feedback>zip64</feedback>'.repeat(50));
  const archive = zip64('report.xml', content);
  assert.deepEqual(Object.keys(unzipSync(archive)), ['report.xml'], 'fflate reads the hand-built archive too');
  const [entry, ...rest] = readZip(archive, NO_LIMITS);
  assert.equal(rest.length, 0);
  assert.equal(entry!.name, 'report.xml');
  assert.deepEqual(Buffer.from(entry!.bytes), content);
  assert.deepEqual(gunzipSync(entry!.gzip!), content);
});
