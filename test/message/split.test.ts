import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { bottomUpCursor, getField, getFields, getFieldsBottomUp, splitMessage, unfold } from '../../src/message/index.js';
import type { HeaderSection } from '../../src/message/index.js';

const text = (bytes: Uint8Array): string => Buffer.from(bytes).toString('latin1');

function split(raw: string | Uint8Array): HeaderSection {
  const result = splitMessage(raw);
  assert.ok(result.ok, 'split failed');
  return result;
}

/** The octets of every field, the separator and the body, put back together. */
function reassemble(section: HeaderSection): Buffer {
  return Buffer.concat([...section.fields.map((f) => f.raw), section.separator, section.body]);
}

test('RFC 5322 §2.1: header and body are separated by an empty line (CRLF)', () => {
  const s = split('From: a@example.com\r\nSubject: hi\r\n\r\nbody\r\n');
  assert.deepEqual(s.fields.map((f) => [f.name, f.value]), [['From', 'a@example.com'], ['Subject', 'hi']]);
  assert.equal(s.bodyOffset, 36);
  assert.equal(text(s.body), 'body\r\n');
  assert.equal(text(s.separator), '\r\n');
  assert.equal(s.lineEnding, 'crlf');
  assert.equal(s.hasSeparator, true);
  assert.deepEqual(s.problems, []);
});

test('bare LF line endings are accepted and reported as the style', () => {
  const s = split('From: a@example.com\nSubject: hi\n\nbody\n');
  assert.equal(s.lineEnding, 'lf');
  assert.equal(s.bodyOffset, 33);
  assert.equal(text(s.fields[0]!.raw), 'From: a@example.com\n');
  assert.equal(text(s.body), 'body\n');
});

test('mixed CRLF and LF is reported', () => {
  const s = split('A: 1\r\nB: 2\n\r\nbody');
  assert.equal(s.lineEnding, 'mixed');
  assert.ok(s.problems.some((p) => p.code === 'mixed-line-endings'));
  assert.equal(text(s.body), 'body');
});

test('RFC 5322 §2.2.3: folded fields keep their raw bytes and unfold to one line', () => {
  const raw = 'Subject: a long\r\n\tsubject\r\n  continued\r\nTo: x@example.com\r\n\r\n';
  const s = split(raw);
  const subject = s.fields[0]!;
  assert.equal(text(subject.raw), 'Subject: a long\r\n\tsubject\r\n  continued\r\n');
  assert.equal(text(subject.rawValue), ' a long\r\n\tsubject\r\n  continued');
  assert.equal(subject.value, 'a long\tsubject  continued');
  assert.equal(subject.offset, 0);
  assert.equal(s.fields[1]!.offset, subject.raw.length);
  assert.equal(text(unfold(Buffer.from('a\r\n b\n c'))), 'a b c');
});

test('a message that is only a header, with no blank line, has an empty body', () => {
  const s = split('From: a@example.com\r\nSubject: x');
  assert.equal(s.hasSeparator, false);
  assert.equal(s.bodyOffset, 31);
  assert.equal(s.body.length, 0);
  assert.equal(s.fields[1]!.value, 'x');
  assert.ok(s.problems.some((p) => p.code === 'no-separator'));
});

test('an empty message has no fields', () => {
  const s = split('');
  assert.equal(s.fields.length, 0);
  assert.equal(s.lineEnding, 'none');
});

test('a message starting with the blank line has no header fields and the rest is body', () => {
  const s = split('\r\nbody');
  assert.equal(s.fields.length, 0);
  assert.equal(s.bodyOffset, 2);
});

const malformed: Array<[name: string, raw: string, code: string]> = [
  ['a line with no colon', 'From: a@example.com\r\nthis is not a field\r\n\r\n', 'no-colon'],
  ['a continuation line first', ' folded\r\nFrom: a@example.com\r\n\r\n', 'leading-continuation'],
  ['an empty field name', ': value\r\n\r\n', 'bad-field-name'],
  ['a space inside the field name', 'Bad Name: value\r\n\r\n', 'bad-field-name'],
  ['a NUL byte', 'Subject: a\0b\r\n\r\n', 'nul'],
  ['a bare CR', 'Subject: a\rb\r\n\r\n', 'bare-cr'],
  ['8-bit UTF-8 (RFC 6532)', 'Subject: 日本語\r\n\r\n', 'eight-bit'],
  ['whitespace before the colon (obs-optional)', 'Subject : x\r\n\r\n', 'space-before-colon'],
  ['a 999-octet line', `Subject: ${'x'.repeat(990)}\r\n\r\n`, 'line-over-998'],
];

for (const [name, raw, code] of malformed) {
  test(`malformed header lines are reported, not fatal: ${name}`, () => {
    const s = split(raw);
    assert.ok(s.problems.some((p) => p.code === code), JSON.stringify(s.problems));
    assert.deepEqual(reassemble(s), Buffer.from(raw));
  });
}

test('8-bit bytes that are not UTF-8 are reported and kept as bytes', () => {
  const raw = Buffer.concat([Buffer.from('Subject: '), Buffer.from([0x93, 0xfa, 0x96, 0x7b]), Buffer.from('\r\n\r\n')]);
  const s = split(raw);
  assert.ok(s.problems.some((p) => p.code === 'invalid-utf8'));
  assert.deepEqual(Buffer.from(s.fields[0]!.rawValue), Buffer.from([0x20, 0x93, 0xfa, 0x96, 0x7b]));
});

test('a no-colon line is kept as a field named "" with its defect', () => {
  const s = split('junk line\r\nFrom: a@example.com\r\n\r\n');
  assert.equal(s.fields[0]!.name, '');
  assert.equal(s.fields[0]!.defect, 'no-colon');
  assert.equal(getField(s.fields, 'From')!.value, 'a@example.com');
});

test('field lookups are case-insensitive and keep order; bottom-up is reversed', () => {
  const s = split('Received: 1\r\nreceived: 2\r\nRECEIVED: 3\r\nFrom: a@example.com\r\n\r\n');
  assert.deepEqual(getFields(s.fields, 'received').map((f) => f.value), ['1', '2', '3']);
  assert.deepEqual(getFieldsBottomUp(s.fields, 'Received').map((f) => f.value), ['3', '2', '1']);
  assert.equal(getField(s.fields, 'subject'), undefined);
});

test('RFC 6376 §5.4.2: a bottom-up cursor hands out each instance once, then nothing', () => {
  const s = split('X: 1\r\nY: a\r\nX: 2\r\n\r\n');
  const cursor = bottomUpCursor(s.fields);
  assert.equal(cursor.next('x')?.value, '2');
  assert.equal(cursor.next('Y')?.value, 'a');
  assert.equal(cursor.next('X')?.value, '1');
  assert.equal(cursor.next('X'), undefined);
});

const limits: Array<[name: string, raw: string, limits: Record<string, number>, limit: string]> = [
  ['header field count', 'A: 1\r\nB: 2\r\nC: 3\r\n\r\n', { maxHeaderFields: 2 }, 'maxHeaderFields'],
  ['header line length', `Subject: ${'x'.repeat(200)}\r\n\r\n`, { maxHeaderLineLength: 100 }, 'maxHeaderLineLength'],
  ['line length without any line break', 'x'.repeat(5000), { maxHeaderLineLength: 1000 }, 'maxHeaderLineLength'],
  ['total header size', `A: ${'x'.repeat(50)}\r\n B\r\n C\r\n\r\n`, { maxHeaderBytes: 40 }, 'maxHeaderBytes'],
];

for (const [name, raw, overrides, limit] of limits) {
  test(`limits: exceeding the ${name} is an error result naming the limit`, () => {
    const result = splitMessage(raw, overrides);
    assert.equal(result.ok, false);
    if (result.ok) return;
    assert.equal(result.error.code, 'limit');
    assert.equal(result.error.limit, limit);
  });
}

test('limits: a bad limit value is a programmer error', () => {
  assert.throws(() => splitMessage('A: b\r\n\r\n', { maxHeaderFields: 0 }), TypeError);
  assert.throws(() => splitMessage(42 as unknown as string), TypeError);
});

test('limits: the body is never scanned, however large', () => {
  const body = Buffer.alloc(8 * 1024 * 1024, 0x61);
  const s = split(Buffer.concat([Buffer.from('A: b\r\n\r\n'), body]));
  assert.equal(s.body.length, body.length);
});

const headerish = fc
  .array(fc.constantFrom('From', ': ', ':', 'a', ' ', '\t', '\r\n', '\n', '\r', '\0', 'é', '\r\n ', '\r\n\r\n', 'x@y', '日'), { maxLength: 60 })
  .map((parts) => parts.join(''));

test('property: fields + separator + body reassemble to the exact input bytes (random header-like text)', () => {
  fc.assert(
    fc.property(headerish, (raw) => {
      const s = split(raw);
      assert.deepEqual(reassemble(s), Buffer.from(raw, 'utf8'));
      assert.equal(s.bodyOffset + s.body.length, Buffer.byteLength(raw));
    }),
    { numRuns: 2000 },
  );
});

test('property: random bytes never throw and reassemble exactly', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 2000 }), (bytes) => {
      const result = splitMessage(bytes);
      assert.ok(result.ok);
      if (result.ok) assert.deepEqual(reassemble(result), Buffer.from(bytes));
    }),
    { numRuns: 1000 },
  );
});

test('property: every field raw starts where the previous one ended', () => {
  fc.assert(
    fc.property(headerish, (raw) => {
      const s = split(raw);
      let offset = 0;
      for (const field of s.fields) {
        assert.equal(field.offset, offset);
        offset += field.raw.length;
      }
    }),
  );
});
