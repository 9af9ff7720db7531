import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseMessageId, parseMessageIdList } from '../../src/message/index.js';

const valid: Array<[value: string, id: string, obsolete: boolean]> = [
  ['<1234@local.machine.example>', '1234@local.machine.example', false],
  ['  <5678.21-Nov-1997@example.com>  ', '5678.21-Nov-1997@example.com', false],
  ['<CAF=abc+def@mail.gmail.com>', 'CAF=abc+def@mail.gmail.com', false],
  ['<abc@[192.0.2.1]>', 'abc@[192.0.2.1]', false],
  ['<abc@example.com> (a comment)', 'abc@example.com', false],
  ['<"quoted left"@example.com>', '"quoted left"@example.com', true],
  ['< abc@example.com >', 'abc@example.com', true],
];

for (const [value, id, obsolete] of valid) {
  test(`RFC 5322 §3.6.4 msg-id: ${JSON.stringify(value)}`, () => {
    const r = parseMessageId(value);
    assert.ok(r.ok, JSON.stringify(r));
    assert.equal(r.id, id);
    assert.equal(r.obsolete, obsolete);
  });
}

const invalid: Array<[value: string, code: string]> = [
  ['', 'empty'],
  ['abc@example.com', 'missing-angle-brackets'],
  ['<abc.example.com>', 'missing-at'],
  ['<abc@example.com', 'unterminated-angle-addr'],
  ['<@example.com>', 'bad-msg-id'],
  ['<abc@>', 'missing-domain'],
  ['<a..b@example.com>', 'bad-msg-id'],
  ['<abc@example.com> <def@example.com>', 'trailing-text'],
  ['<abc@"example".com>', 'bad-msg-id'],
];

for (const [value, code] of invalid) {
  test(`RFC 5322 §3.6.4 invalid msg-id: ${JSON.stringify(value)} → ${code}`, () => {
    const r = parseMessageId(value);
    assert.equal(r.ok ? 'ok' : r.error.code, code);
  });
}

test('RFC 5322 §3.6.4: References holds several msg-ids; obsolete phrases between them are skipped', () => {
  const r = parseMessageIdList('<a@x.example> <b@y.example>\r\n <c@z.example> some phrase <d@w.example>');
  assert.ok(r.ok);
  assert.deepEqual(r.ids.map((m) => m.id), ['a@x.example', 'b@y.example', 'c@z.example', 'd@w.example']);
});

test('property: random text never throws in the msg-id parsers', () => {
  const piece = fc.constantFrom('<', '>', '@', '.', '"', '(', ')', '[', ']', ' ', 'a', 'b.c', '\\');
  fc.assert(
    fc.property(fc.oneof(fc.array(piece, { maxLength: 30 }).map((p) => p.join('')), fc.string({ unit: 'binary', maxLength: 100 })), (value) => {
      parseMessageId(value);
      parseMessageIdList(value);
    }),
    { numRuns: 2000 },
  );
});
