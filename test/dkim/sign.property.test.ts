import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import fc from 'fast-check';
import { MemoryResolver } from '../../src/dns/memory.js';
import { createKeyCache } from '../../src/dkim/key.js';
import { generateDkimKey, type DkimKeyPair } from '../../src/dkim/keygen.js';
import { formatSignatureTemplate } from '../../src/dkim/sign-format.js';
import { signedHeaderList } from '../../src/dkim/sign-headers.js';
import { signDkim } from '../../src/dkim/sign.js';
import { parseTagList } from '../../src/dkim/tag-list.js';
import { verifyDkim } from '../../src/dkim/verify.js';
import { splitMessage } from '../../src/message/split.js';

const NOW = Date.UTC(2024, 5, 1);
let rsa: DkimKeyPair;
let ed: DkimKeyPair;
let resolver: MemoryResolver;

before(async () => {
  rsa = await generateDkimKey({ type: 'rsa', bits: 1024, domain: 'prop.example', selector: 'r' });
  ed = await generateDkimKey({ type: 'ed25519', domain: 'prop.example', selector: 'e' });
  resolver = new MemoryResolver();
  for (const key of [rsa, ed]) resolver.add(key.name, 'TXT', key.strings);
});

const names = fc.constantFrom('From', 'To', 'Cc', 'Subject', 'Date', 'Reply-To', 'X-Custom', 'subject', 'FROM', 'Received', 'List-Id');
const valueParts = fc.array(fc.constantFrom('a', 'word', ' ', '  ', '\t', 'é', '日本', '=?UTF-8?B?5pel?=', ',', '\r\n ', '\r\n\t'), { maxLength: 10 });
const field = fc.tuple(names, fc.constantFrom('', ' ', '\t'), valueParts).map(([n, sp, v]) => `${n}:${sp}${v.join('')}`.replace(/(\r\n[ \t])+$/, ''));
const bodyLine = fc.array(fc.constantFrom('x', 'y z', ' ', '\t', '  ', 'ü', '.'), { maxLength: 8 }).map((p) => p.join(''));

/** A message with a From field, random other fields (some repeated, some folded) and a body with trailing whitespace and blank lines. */
const message = fc
  .record({
    fields: fc.array(field, { maxLength: 8 }),
    body: fc.array(bodyLine, { maxLength: 8 }),
    eol: fc.constantFrom('\r\n', '\n'),
    trailing: fc.nat({ max: 3 }),
  })
  .map(({ fields, body, eol, trailing }) => {
    const header = ['From: someone@prop.example', ...fields].join('\r\n').replace(/\r\n/g, eol);
    return Buffer.from(`${header}${eol}${eol}${body.join(eol)}${eol.repeat(trailing)}`, 'utf8');
  });

const options = fc.record({
  key: fc.constantFrom<'rsa' | 'ed25519'>('rsa', 'ed25519'),
  canonicalization: fc.constantFrom('relaxed/relaxed', 'simple/simple', 'relaxed/simple', 'simple/relaxed') as fc.Arbitrary<'relaxed/relaxed'>,
  oversign: fc.boolean(),
  bodyLength: fc.option(fc.oneof(fc.constant(true as const), fc.nat({ max: 40 })), { nil: undefined }),
  split: fc.integer({ min: 1, max: 9 }),
});

async function* pieces(bytes: Buffer, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

test('RFC 6376 §5: any message inkan signs, whole or streamed, verifies', { timeout: 120_000 }, async () => {
  await fc.assert(
    fc.asyncProperty(message, options, async (msg, o) => {
      const pair = o.key === 'rsa' ? rsa : ed;
      const signatures = [
        {
          domain: 'prop.example',
          selector: pair.selector,
          privateKey: pair.privateKey,
          canonicalization: o.canonicalization,
          oversign: o.oversign,
          ...(o.bodyLength !== undefined ? { bodyLength: o.bodyLength } : {}),
        },
      ];
      const whole = await signDkim(msg, { signatures, now: NOW });
      const streamed = await signDkim(pieces(msg, o.split), { signatures, now: NOW });
      assert.ok(whole.ok && streamed.ok);
      assert.equal(streamed.header, whole.header);
      const out = await verifyDkim(Buffer.concat([Buffer.from(whole.header), msg]), { resolver, now: NOW, keyCache: createKeyCache() });
      assert.ok(out.ok);
      assert.equal(out.results.length, 1);
      const r = out.results[0]!;
      assert.equal(r.result, 'pass', JSON.stringify('reason' in r ? r.reason : ''));
    }),
    { numRuns: 150 },
  );
});

const label = fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,20}[a-z0-9])?$/);

test('RFC 6376 §3.2: every field inkan writes is a tag-list whose values read back as written', () => {
  fc.assert(
    fc.property(
      fc.array(label, { minLength: 2, maxLength: 4 }),
      label,
      fc.array(fc.constantFrom('from', 'to', 'subject', 'x-a-rather-long-header-field-name', 'list-unsubscribe-post'), { minLength: 1, maxLength: 40 }),
      fc.option(fc.nat(), { nil: undefined }),
      fc.option(fc.nat(), { nil: undefined }),
      (labels, selector, headers, timestamp, bodyLength) => {
        const domain = labels.join('.');
        const text = formatSignatureTemplate({
          algorithm: 'rsa-sha256',
          canonicalization: { header: 'relaxed', body: 'simple' },
          domain,
          selector,
          headers,
          bodyHash: 'x'.repeat(44),
          ...(timestamp !== undefined ? { timestamp } : {}),
          ...(bodyLength !== undefined ? { bodyLength } : {}),
        });
        const value = text.slice(text.indexOf(':') + 1);
        const parsed = parseTagList(value);
        assert.ok(parsed.ok);
        const tags = parsed.list.tags;
        assert.equal(tags.get('d')!.value, domain);
        assert.equal(tags.get('s')!.value, selector);
        assert.equal(tags.get('b')!.value, '');
        assert.deepEqual(tags.get('h')!.value.replace(/\s+/g, '').split(':'), headers);
        if (timestamp !== undefined) assert.equal(tags.get('t')!.value, String(timestamp));
        if (bodyLength !== undefined) assert.equal(tags.get('l')!.value, String(bodyLength));
        for (const line of text.split('\r\n')) if (domain.length < 50) assert.ok(line.length <= 78, line);
      },
    ),
    { numRuns: 300 },
  );
});

test('RFC 6376 §5.4.2: the h= list names each wanted field present, count (+1 when oversigning) times, and nothing absent', () => {
  fc.assert(
    fc.property(fc.array(field, { maxLength: 12 }), fc.array(names, { maxLength: 6 }), fc.boolean(), (fields, wanted, oversign) => {
      const split = splitMessage(`From: a@b.example\r\n${fields.join('\r\n')}${fields.length ? '\r\n' : ''}\r\nbody\r\n`);
      assert.ok(split.ok);
      const list = signedHeaderList(split.fields, wanted, oversign);
      assert.ok(list.ok);
      const count = (name: string): number => split.fields.filter((f) => f.name.toLowerCase() === name).length;
      const expected = new Set([...wanted.map((w) => w.toLowerCase()), 'from']);
      for (const name of new Set(list.headers)) {
        assert.ok(expected.has(name), name);
        assert.equal(list.headers.filter((h) => h === name).length, count(name) + (oversign ? 1 : 0), name);
      }
      for (const name of expected) if (count(name) > 0) assert.ok(list.headers.includes(name), name);
    }),
    { numRuns: 300 },
  );
});
