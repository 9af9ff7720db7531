import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseTagList } from '../../src/dkim/tag-list.js';

function tags(text: string): Record<string, string> | string {
  const r = parseTagList(text);
  return r.ok ? Object.fromEntries([...r.list.tags].map(([k, v]) => [k, v.value])) : r.error.code;
}

test('RFC 6376 §3.2: tags, values, FWS and a trailing semicolon', () => {
  assert.deepEqual(tags('v=1; a=rsa-sha256;\r\n\td=example.com; s = sel ;'), { v: '1', a: 'rsa-sha256', d: 'example.com', s: 'sel' });
  assert.deepEqual(tags('b=abc\r\n def \r\n ghi'), { b: 'abc\r\n def \r\n ghi' });
  assert.deepEqual(tags('p='), { p: '' });
  assert.deepEqual(tags(''), {});
  assert.deepEqual(tags(' ; '), 'bad-tag-name');
});

test('RFC 6376 §3.2: a tag that appears twice is an error', () => {
  assert.equal(tags('v=1; v=1'), 'duplicate-tag');
});

test('RFC 6376 §3.2: tag names are ALPHA *ALNUMPUNC and need "="', () => {
  assert.equal(tags('1v=1'), 'bad-tag-name');
  assert.equal(tags('v'), 'missing-equals');
  assert.equal(tags('v 1=2'), 'bad-tag-name');
  assert.deepEqual(tags('x_y1=2'), tags('x_y1 = 2'));
});

test('value spans point at the value in the text (for blanking b=)', () => {
  const text = 'a=1; b= abc def ; c=2';
  const r = parseTagList(text);
  assert.ok(r.ok);
  const b = r.list.tags.get('b')!;
  assert.equal(text.slice(b.valueStart, b.valueEnd), ' abc def');
  assert.equal(text.slice(0, b.valueStart) + text.slice(b.valueEnd), 'a=1; b= ; c=2');
});

test('a hostile list with thousands of tags is refused, not parsed', () => {
  const text = Array.from({ length: 5000 }, (_, i) => `t${i}=x`).join(';');
  assert.equal(tags(text), 'too-many-tags');
});

test('property: any text gives a result, never an exception', () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 300 }), (s) => {
      const r = parseTagList(s);
      if (!r.ok) assert.ok(r.error.position >= 0 && r.error.position <= s.length);
      return true;
    }),
    { numRuns: 3000 },
  );
  const piece = fc.constantFrom('v', '=', ';', ' ', '\r\n ', 'a', '1', 'b=', 'x_y', '\t', '=;', 'é');
  fc.assert(fc.property(fc.array(piece, { maxLength: 60 }), (parts) => typeof parseTagList(parts.join('')).ok === 'boolean'), { numRuns: 3000 });
});
