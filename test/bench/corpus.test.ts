// The benchmark corpus generator: deterministic, spread over the sizes the issue asks for, every signature well formed.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { buildCorpus, planCorpus, stratifiedBatches, type Corpus } from '../../bench/corpus.js';
import { generateKeys, type BenchKeys } from '../../bench/keys.js';
import { limitVerify, prepareLimit } from '../../bench/limit.js';
import { encodeText, iso2022jp } from '../../bench/mime.js';
import { parseTagList, stripWhitespace } from '../../src/dkim/tag-list.js';
import { splitMessage } from '../../src/message/split.js';

let keys: BenchKeys;
let corpus: Corpus;

before(async () => {
  keys = await generateKeys();
  corpus = await buildCorpus({ count: 40, seed: 11, keys });
}, { timeout: 120_000 });

test('the same seed plans the same octets; another seed plans others', { timeout: 60_000 }, () => {
  const a = planCorpus({ count: 12, seed: 5 });
  const b = planCorpus({ count: 12, seed: 5 });
  const c = planCorpus({ count: 12, seed: 6 });
  for (let i = 0; i < a.length; i++) {
    assert.deepEqual(a[i]!.draft.header, b[i]!.draft.header, `message ${i} header`);
    assert.deepEqual(a[i]!.draft.body, b[i]!.draft.body, `message ${i} body`);
    assert.deepEqual({ ...a[i]!, draft: 0 }, { ...b[i]!, draft: 0 });
  }
  assert.notDeepEqual(a.map((m) => m.draft.body), c.map((m) => m.draft.body));
});

test('signed messages run from 1 KiB to 200 KiB, small and large ones both present', () => {
  const sizes = corpus.messages.map((m) => m.raw.length);
  assert.ok(Math.min(...sizes) >= 1024, `smallest ${Math.min(...sizes)}`);
  assert.ok(Math.max(...sizes) <= 200 * 1024, `largest ${Math.max(...sizes)}`);
  assert.ok(sizes.some((s) => s < 4 * 1024), 'a message under 4 KiB');
  assert.ok(sizes.some((s) => s > 50 * 1024), 'a message over 50 KiB');
});

test('the corpus mixes every body kind, both languages and every signature plan', { timeout: 60_000 }, () => {
  const planned = planCorpus({ count: 150, seed: 3 });
  assert.deepEqual(new Set(planned.map((m) => m.kind)), new Set(['text', 'text-ja-utf8', 'text-ja-jis', 'alternative', 'mixed']));
  assert.deepEqual(new Set(planned.map((m) => m.plan)), new Set(['rsa', 'ed25519', 'rsa+ed25519', 'rsa+esp', 'esp']));
  assert.deepEqual(new Set(planned.map((m) => m.lang)), new Set(['en', 'ja']));
  const bodies = planned.map((m) => Buffer.concat([m.draft.header, m.draft.body]).toString('latin1'));
  assert.ok(bodies.some((b) => b.includes('charset=ISO-2022-JP') && b.includes('\x1b$B')), 'ISO-2022-JP text');
  assert.ok(bodies.some((b) => b.includes('multipart/alternative') && b.includes('text/html')), 'HTML alternative');
  assert.ok(bodies.some((b) => b.includes('multipart/mixed') && b.includes('Content-Disposition: attachment')), 'attachments');
  assert.ok(bodies.some((b) => b.includes("filename*=UTF-8''")), 'RFC 2231 file names');
});

test('RFC 6376 §3.5: every DKIM-Signature the signer wrote has the required tags and covers From', () => {
  for (const m of corpus.messages) {
    const split = splitMessage(m.raw);
    assert.ok(split.ok);
    const sigs = split.fields.filter((f) => f.name.toLowerCase() === 'dkim-signature');
    assert.equal(sigs.length, m.signatures.length, `message ${m.index}: one field per planned signature`);
    for (const field of sigs) {
      const parsed = parseTagList(field.value);
      assert.ok(parsed.ok, `message ${m.index}: tag-list parses`);
      const tag = (n: string): string | undefined => parsed.list.tags.get(n)?.value;
      assert.equal(tag('v'), '1');
      assert.match(tag('a') ?? '', /^(rsa|ed25519)-sha256$/);
      for (const n of ['b', 'bh', 'd', 's', 'h']) assert.ok(tag(n), `message ${m.index}: ${n}= present`);
      assert.ok(stripWhitespace(tag('h')!).toLowerCase().split(':').includes('from'), 'h= includes From');
      assert.equal(tag('l'), undefined, 'no l=');
    }
  }
});

test('RFC 6376 §6.1.3: every signature mailauth wrote checks with Node crypto over the canonical forms the limit precomputes', () => {
  const limit = prepareLimit(corpus.messages, keys);
  corpus.messages.forEach((m, i) => assert.ok(limitVerify(limit[i]!), `message ${m.index} (${m.plan})`));
  const tampered = prepareLimit([{ raw: Buffer.from(corpus.messages[0]!.raw.toString('latin1').replace(/\r\n\r\n/, '\r\nX-Added: 1\r\n\r\n').replace(/.\r\n$/, 'Z\r\n'), 'latin1') }], keys);
  assert.equal(limitVerify(tampered[0]!), false, 'a changed body does not check');
});

test('stratified batches each span the size range', () => {
  const batches = stratifiedBatches(corpus.messages, 10);
  assert.equal(batches.length, 4);
  const sorted = corpus.messages.map((m) => m.raw.length).sort((a, b) => a - b);
  for (const b of batches) {
    assert.equal(b.length, 10);
    assert.ok(Math.min(...b.map((m) => m.raw.length)) <= sorted[3]!);
    assert.ok(Math.max(...b.map((m) => m.raw.length)) >= sorted[sorted.length - 4]!);
  }
});

test('RFC 1468: ISO-2022-JP text is 7-bit and decodes back to the same characters', () => {
  const chars = [...'いつもご利用いただき誠にありがとうございます。東京大阪京都アカウント、「」　'];
  fc.assert(
    fc.property(fc.array(fc.oneof(fc.constantFrom(...chars), fc.constantFrom(...'abcXYZ 0129.-@')), { maxLength: 60 }), (parts) => {
      const line = parts.join('');
      const bytes = iso2022jp(line);
      assert.ok(bytes.every((b) => b < 0x80));
      assert.equal(new TextDecoder('iso-2022-jp').decode(bytes), line);
    }),
  );
  assert.equal(encodeText(['東京 2025'], 'iso-2022-jp', '7bit').toString('latin1'), '\x1b$BEl5~\x1b(B 2025\r\n');
});

test('any seed gives messages that split into a header and a body', { timeout: 60_000 }, () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 0xffffffff }), (seed) => {
      for (const m of planCorpus({ count: 3, seed, maxSize: 20 * 1024 })) {
        const split = splitMessage(Buffer.concat([m.draft.header, Buffer.from('\r\n'), m.draft.body]));
        assert.ok(split.ok && split.hasSeparator && split.problems.length === 0, `seed ${seed} message ${m.index}`);
      }
    }),
    { numRuns: 20 },
  );
});
