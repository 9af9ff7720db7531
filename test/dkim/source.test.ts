import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { readHeader } from '../../src/dkim/source.js';

const MESSAGE = 'From: a@example.com\r\nSubject: hi\r\n\r\nbody line 1\r\nbody line 2\r\n';

async function collect(body: AsyncIterable<Uint8Array>): Promise<string> {
  const parts: Buffer[] = [];
  for await (const chunk of body) parts.push(Buffer.from(chunk));
  return Buffer.concat(parts).toString('latin1');
}

async function* chunks(text: string, sizes: number[]): AsyncGenerator<Buffer> {
  const bytes = Buffer.from(text, 'latin1');
  let pos = 0;
  let k = 0;
  while (pos < bytes.length) {
    const size = Math.max(1, sizes[k++ % Math.max(1, sizes.length)] ?? 1);
    yield bytes.subarray(pos, pos + size);
    pos += size;
  }
}

test('readHeader: a Buffer, a string and a stream give the same fields and body', async () => {
  for (const source of [Buffer.from(MESSAGE), MESSAGE, Readable.from([Buffer.from(MESSAGE)]), chunks(MESSAGE, [1])]) {
    const r = await readHeader(source);
    assert.ok(r.ok);
    assert.deepEqual(
      r.header.fields.map((f) => f.name),
      ['From', 'Subject'],
    );
    assert.equal(await collect(r.body), 'body line 1\r\nbody line 2\r\n');
  }
});

test('readHeader: the blank line is found whatever the chunking (CRLF, bare LF, split separators)', async () => {
  for (const text of [MESSAGE, MESSAGE.replace(/\r\n/g, '\n'), 'A: 1\n\r\nbody', '\r\nbody only', '\nbody only', 'A: 1\r\n']) {
    const whole = await readHeader(Buffer.from(text, 'latin1'));
    assert.ok(whole.ok);
    const wholeBody = await collect(whole.body);
    for (const sizes of [[1], [2], [3], [5, 1], [64]]) {
      const r = await readHeader(chunks(text, sizes));
      assert.ok(r.ok);
      assert.deepEqual(
        r.header.fields.map((f) => Buffer.from(f.raw).toString('latin1')),
        whole.header.fields.map((f) => Buffer.from(f.raw).toString('latin1')),
      );
      assert.equal(await collect(r.body), wholeBody, `${JSON.stringify(text)} ${sizes}`);
    }
  }
});

test('readHeader: only the header is pulled from a stream before the body is iterated', async () => {
  let pulled = 0;
  async function* lazy(): AsyncGenerator<Buffer> {
    pulled++;
    yield Buffer.from('From: a@example.com\r\n\r\nfirst');
    for (let i = 0; i < 1000; i++) {
      pulled++;
      yield Buffer.from('more body\r\n');
    }
  }
  const r = await readHeader(lazy());
  assert.ok(r.ok);
  assert.equal(pulled, 1);
  assert.equal(r.bodyBytes, undefined);
  const body = await collect(r.body);
  assert.ok(body.startsWith('firstmore body'));
  assert.equal(pulled, 1001);
});

test('readHeader: a header over maxHeaderBytes is refused without reading further', async () => {
  let pulled = 0;
  async function* endless(): AsyncGenerator<string> {
    for (;;) {
      pulled++;
      yield 'X-Long: ' + 'a'.repeat(1000) + '\r\n';
    }
  }
  const r = await readHeader(endless(), { maxHeaderBytes: 10_000, maxHeaderFields: 100_000 });
  assert.ok(!r.ok);
  assert.equal(r.error.limit, 'maxHeaderBytes');
  assert.ok(pulled < 20);
});

test('readHeader: programmer errors throw', async () => {
  await assert.rejects(readHeader(42 as unknown as string), TypeError);
  async function* bad(): AsyncGenerator<unknown> {
    yield 42;
  }
  await assert.rejects(readHeader(bad() as AsyncIterable<string>), TypeError);
});

test('property: streaming in random chunks reads the same header and body as reading the whole', async () => {
  const text = fc
    .array(fc.constantFrom('A: 1', 'B: x\r\n y', '\r\n', '\n', '\r', 'body', ' '), { maxLength: 30 })
    .map((p) => p.join(''));
  await fc.assert(
    fc.asyncProperty(text, fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 6 }), async (t, sizes) => {
      const whole = await readHeader(Buffer.from(t, 'latin1'));
      const streamed = await readHeader(chunks(t, sizes));
      assert.equal(streamed.ok, whole.ok);
      if (!whole.ok || !streamed.ok) return;
      assert.equal(streamed.header.fields.length, whole.header.fields.length);
      assert.equal(await collect(streamed.body), await collect(whole.body));
    }),
    { numRuns: 500 },
  );
});
