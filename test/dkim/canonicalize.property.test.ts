import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { canonicalizeHeaderField, createBodyCanonicalizer, type Canonicalization } from '../../src/dkim/canonicalize.js';
import { createBodyHasher } from '../../src/dkim/body-hash.js';

/** Bodies made of the pieces that matter: whitespace, CR, LF, CRLF and text. */
const bodyArb = fc
  .array(fc.constantFrom('a', 'b', ' ', '\t', '  ', '\r', '\n', '\r\n', '\r\n', '\r\n\r\n', 'xyz'), { maxLength: 60 })
  .map((parts) => Buffer.from(parts.join(''), 'latin1'));

const cutsArb = fc.array(fc.nat({ max: 200 }), { maxLength: 12 });
const canonArb = fc.constantFrom<Canonicalization>('simple', 'relaxed');

function canon(body: Buffer, c: Canonicalization, cuts: number[] = []): Buffer {
  const out: Buffer[] = [];
  const cz = createBodyCanonicalizer(c, (b) => out.push(Buffer.from(b)));
  const points = [...new Set(cuts.map((x) => x % (body.length + 1)))].sort((a, b) => a - b);
  let from = 0;
  for (const p of [...points, body.length]) {
    cz.update(body.subarray(from, p));
    from = p;
  }
  cz.finish();
  return Buffer.concat(out);
}

/** A straightforward reference of RFC 6376 §3.4.3/§3.4.4 on whole strings (CRLF or bare LF line breaks). */
function reference(body: string, c: Canonicalization): string {
  let lines = body.split(/\r?\n/);
  const last = lines.pop()!;
  if (last !== '') lines.push(last);
  if (c === 'relaxed') lines = lines.map((l) => l.replace(/[ \t]+/g, ' ').replace(/ $/, ''));
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  if (lines.length === 0) return c === 'simple' ? '\r\n' : '';
  return lines.map((l) => `${l}\r\n`).join('');
}

test('RFC 6376 §3.4.3/§3.4.4 property: canonicalizing a body split into random chunks equals canonicalizing it whole', () => {
  fc.assert(
    fc.property(bodyArb, cutsArb, canonArb, (body, cuts, c) => {
      assert.deepEqual(canon(body, c, cuts), canon(body, c));
    }),
    { numRuns: 2000 },
  );
});

test('RFC 6376 §3.4.3/§3.4.4 property: the streaming canonicalizer agrees with a whole-string reference', () => {
  fc.assert(
    fc.property(bodyArb, canonArb, (body, c) => {
      assert.equal(canon(body, c).toString('latin1'), reference(body.toString('latin1'), c));
    }),
    { numRuns: 2000 },
  );
});

test('RFC 6376 §3.4 property: canonicalization is idempotent', () => {
  fc.assert(
    fc.property(bodyArb, canonArb, (body, c) => {
      const once = canon(body, c);
      if (c === 'relaxed' || once.length > 0) assert.deepEqual(canon(once, c), once);
    }),
    { numRuns: 1000 },
  );
});

test('RFC 6376 §3.7 property: hashing a body in random chunks equals hashing it whole, with and without l=', () => {
  fc.assert(
    fc.property(bodyArb, cutsArb, canonArb, fc.option(fc.nat({ max: 80 }), { nil: undefined }), (body, cuts, c, l) => {
      const whole = createBodyHasher(c, 'sha256', l);
      whole.update(body);
      const a = whole.finish();
      const split = createBodyHasher(c, 'sha256', l);
      const points = [...new Set(cuts.map((x) => x % (body.length + 1)))].sort((x, y) => x - y);
      let from = 0;
      for (const p of [...points, body.length]) {
        split.update(body.subarray(from, p));
        from = p;
      }
      const b = split.finish();
      assert.deepEqual(b, a);
      const full = canon(body, c);
      assert.equal(a.totalLength, full.length);
      assert.deepEqual(a.digest, createHash('sha256').update(full.subarray(0, l ?? full.length)).digest());
    }),
    { numRuns: 1000 },
  );
});

const headerArb = fc
  .tuple(
    fc.stringMatching(/^[A-Za-z][A-Za-z0-9-]{0,10}$/),
    fc.constantFrom('', ' ', '  ', '\t'),
    fc.array(fc.constantFrom('v', 'x y', ' ', '\t', '\r\n ', '\r\n\t', 'é'), { maxLength: 12 }),
  )
  .map(([name, beforeColon, value]) => Buffer.from(`${name}${beforeColon}:${value.join('')}\r\n`, 'utf8'));

test('RFC 6376 §3.4.2 property: relaxed header output is one lower-case line, no WSP runs, no WSP around the colon or at the end', () => {
  fc.assert(
    fc.property(headerArb, (raw) => {
      const out = canonicalizeHeaderField(raw, 'relaxed').toString('latin1');
      assert.ok(out.endsWith('\r\n'));
      const line = out.slice(0, -2);
      assert.ok(!/[\r\n]/.test(line));
      assert.ok(!/[ \t]{2}|\t/.test(line));
      assert.ok(!/[ \t]:|:[ \t]/.test(line.slice(0, line.indexOf(':') + 2)));
      assert.ok(!/[ \t]$/.test(line));
      const name = line.slice(0, line.indexOf(':'));
      assert.equal(name, name.toLowerCase());
      assert.deepEqual(canonicalizeHeaderField(Buffer.from(out, 'latin1'), 'relaxed').toString('latin1'), out);
    }),
    { numRuns: 1000 },
  );
});

test('RFC 6376 §3.4.1 property: simple header canonicalization returns CRLF input unchanged', () => {
  fc.assert(
    fc.property(headerArb, (raw) => {
      assert.deepEqual(canonicalizeHeaderField(raw, 'simple'), raw);
    }),
    { numRuns: 500 },
  );
});

/** Large bodies: the relaxed canonicalizer works in 16 KiB slices, some copied verbatim (no whitespace), some rewritten. */
const bigBodyArb = fc
  .array(
    fc.constantFrom(
      'QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo=\r\n',
      'A'.repeat(700),
      'text with  spaces\t and tabs  \r\n',
      '\r\n',
      '\r\n\r\n\r\n',
      '\r',
      '\n',
      ' ',
      'x',
    ),
    { minLength: 200, maxLength: 1500 },
  )
  .map((parts) => Buffer.from(parts.join(''), 'latin1'));

test('RFC 6376 §3.4.4 property: bodies larger than the 16 KiB working slices, split anywhere, match the reference', { timeout: 60_000 }, () => {
  fc.assert(
    fc.property(bigBodyArb, cutsArb, canonArb, (body, cuts, c) => {
      const expected = reference(body.toString('latin1'), c);
      assert.equal(canon(body, c).toString('latin1'), expected);
      assert.equal(canon(body, c, cuts.map((x) => x * 331)).toString('latin1'), expected);
    }),
    { numRuns: 60 },
  );
});

test('RFC 6376 §3.4.4: a CRLF split across the 16 KiB slice boundary, and whitespace there, are handled', () => {
  for (const c of ['simple', 'relaxed'] as const) {
    for (let shift = -3; shift <= 3; shift++) {
      const head = 'B'.repeat(16384 + shift - 1);
      for (const tail of ['\r\nx\r\n', ' \r\ny\r\n', '  z\r\n', '\r\n\r\n', '\r\r\n', ' ']) {
        const body = Buffer.from(head + tail, 'latin1');
        assert.equal(canon(body, c).toString('latin1'), reference(body.toString('latin1'), c), `${c} shift ${shift} ${JSON.stringify(tail)}`);
      }
    }
  }
});
