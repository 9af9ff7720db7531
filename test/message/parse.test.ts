import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyzeFrom, decodeEncodedWords, parseMessage, splitMessage } from '../../src/message/index.js';
import type {
  DateErrorReason,
  DateNote,
  HeaderProblem,
  NoAuthorDomainReason,
  ParsedMessage,
  SyntaxErrorCode,
} from '../../src/message/index.js';
import { message as en } from '../../src/i18n/en/message.js';
import { hasMessage, t } from '../../src/i18n/index.js';

function parsed(raw: string | Uint8Array): ParsedMessage {
  const r = parseMessage(raw);
  assert.ok(r.ok, 'parseMessage failed');
  return r;
}

function fields(raw: string) {
  const s = splitMessage(raw);
  assert.ok(s.ok);
  return s.fields;
}

const SAMPLE = [
  'Return-Path: <bounce@mail.example.jp>',
  'Received: from mail.example.jp (mail.example.jp [192.0.2.1])',
  '\tby mx.example.net (Postfix) with ESMTPS id 4QgX',
  '\tfor <hanako@example.net>; Tue, 13 Jun 2023 09:12:34 +0900 (JST)',
  'From: =?ISO-2022-JP?B?GyRCOzNFRBsoQg==?= =?ISO-2022-JP?B?GyRCQkBPOhsoQg==?= <taro@example.jp>',
  'To: hanako@example.net',
  'Reply-To: support@example.jp',
  'Subject: =?UTF-8?B?44GT44KT44Gr44Gh44Gv?=',
  'Date: Tue, 13 Jun 2023 09:12:30 +0900',
  'Message-ID: <20230613001230.ABC@mail.example.jp>',
  '',
  'body line 1',
  '',
].join('\r\n');

test('parseMessage: a Japanese message from bytes, with every parsed field', () => {
  const m = parsed(Buffer.from(SAMPLE));
  assert.equal(m.fields.length, 8);
  assert.equal(m.lineEnding, 'crlf');
  assert.equal(Buffer.from(m.body).toString(), 'body line 1\r\n');
  assert.ok(m.from.ok);
  assert.equal(m.from.domain, 'example.jp');
  assert.equal(m.from.authors[0]!.name, '山田太郎');
  assert.equal(m.fromFields[0]!.index, 2);
  assert.equal(m.replyTo[0]!.result.ok && m.replyTo[0]!.result.mailboxes[0]!.address, 'support@example.jp');
  const rp = m.returnPath[0]!.result;
  assert.ok(rp.ok && !rp.null && rp.mailbox.domainAscii === 'mail.example.jp');
  assert.equal(m.messageId[0]!.result.ok && m.messageId[0]!.result.id, '20230613001230.ABC@mail.example.jp');
  assert.equal(m.date[0]!.result.ok && new Date(m.date[0]!.result.epochMs).toISOString(), '2023-06-13T00:12:30.000Z');
  const hop = m.received[0]!.result;
  assert.ok(hop.ok);
  assert.equal(hop.from?.reverseName, 'mail.example.jp');
  assert.equal(hop.for, 'hanako@example.net');
  assert.equal(decodeEncodedWords(m.fields[5]!.value), 'こんにちは');
});

test('parseMessage: a string is taken as UTF-8 (RFC 6532) and LF endings work', () => {
  const m = parsed('From: 山田 <taro@例え.jp>\nSubject: テスト\n\nbody\n');
  assert.equal(m.lineEnding, 'lf');
  assert.ok(m.from.ok);
  assert.equal(m.from.domain, 'xn--r8jz45g.jp');
  assert.equal(m.from.domainUnicode, '例え.jp');
  assert.ok(m.problems.every((p) => p.code === 'eight-bit'));
});

const authors: Array<[why: string, header: string, expected: string]> = [
  ['RFC 7489 §6.6.1: a single author gives the author domain', 'From: a@Example.COM\r\n', 'ok example.com'],
  ['RFC 5322 §3.6: a missing From', 'Subject: x\r\n', 'no-from'],
  ['RFC 7489 §6.6.1: several From fields', 'From: a@example.com\r\nFrom: b@example.com\r\n', 'multiple-from-fields'],
  ['RFC 7489 §6.6.1: several authors in different domains', 'From: a@example.com, b@example.org\r\nSender: a@example.com\r\n', 'multiple-author-domains'],
  ['RFC 7489 §6.6.1: several authors in one domain share it', 'From: a@example.com, b@EXAMPLE.com\r\nSender: a@example.com\r\n', 'ok example.com'],
  ['RFC 5322 §3.6.2: several authors and no Sender', 'From: a@example.com, b@example.com\r\n', 'ok example.com sender-missing'],
  ['RFC 6854: an empty group holds no author', 'From: undisclosed:;\r\n', 'no-mailbox'],
  ['RFC 6854: a group with one member gives its domain', 'From: team: a@example.com;\r\n', 'ok example.com'],
  ['an unparseable From', 'From: a@example.com b@example.com\r\n', 'unparseable-from'],
  ['a domain literal is no author domain', 'From: a@[192.0.2.1]\r\n', 'domain-literal'],
  ['an IDN author domain is given as A-labels', 'From: =?UTF-8?B?5L6L?= <a@例え.jp>\r\n', 'ok xn--r8jz45g.jp'],
];

for (const [why, header, expected] of authors) {
  test(`From analysis: ${why}`, () => {
    const a = analyzeFrom(fields(`${header}\r\n`));
    const got = a.ok ? `ok ${a.domain}${a.senderMissing ? ' sender-missing' : ''}` : a.reason;
    assert.equal(got, expected);
    const viaMessage = parsed(`${header}\r\n`).from;
    assert.deepEqual(viaMessage, a);
  });
}

test('From analysis: the syntax error of an unparseable From is given', () => {
  const a = analyzeFrom(fields('From: "unterminated <a@example.com>\r\n\r\n'));
  assert.equal(a.ok, false);
  if (a.ok) return;
  assert.deepEqual(a.error, { code: 'unterminated-quoted-string', position: 0 });
});

test('parseMessage: limits stop with an error result naming the limit, never a hang', () => {
  const many = `${'X: y\r\n'.repeat(2000)}\r\n`;
  const r = parseMessage(many);
  assert.deepEqual(r.ok ? null : r.error, { code: 'limit', limit: 'maxHeaderFields', max: 1000, offset: 6000 });
  assert.ok(parseMessage(many, { maxHeaderFields: 5000 }).ok);
  const big = parseMessage(`Subject: ${'x '.repeat(600_000)}\r\n\r\n`);
  assert.equal(big.ok ? null : big.error.limit, 'maxHeaderLineLength');
  const folded = parseMessage(`Subject: ${'x\r\n '.repeat(400_000)}\r\n\r\n`);
  assert.equal(folded.ok ? null : folded.error.limit, 'maxHeaderBytes');
});

test('parseMessage: a limit inside one field fails only that field', () => {
  const m = parsed(`From: a@example.com (${'('.repeat(20)}x${')'.repeat(20)})\r\nTo: b@example.com\r\n\r\n`);
  assert.equal(m.from.ok, false);
  const error = m.fromFields[0]!.result.ok ? undefined : m.fromFields[0]!.result.error;
  assert.equal(error?.code === 'limit' && error.limit, 'maxCommentDepth');
});

test('property: parseMessage never throws on random bytes and its split is exact', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 3000 }), (bytes) => {
      const r = parseMessage(bytes);
      assert.ok(r.ok);
      if (!r.ok) return;
      assert.deepEqual(Buffer.concat([...r.fields.map((f) => f.raw), r.separator, r.body]), Buffer.from(bytes));
    }),
    { numRuns: 500 },
  );
});

test('property: parseMessage never throws on random header-like messages', () => {
  const line = fc.tuple(
    fc.constantFrom('From', 'Sender', 'Reply-To', 'Return-Path', 'Message-ID', 'Date', 'Received', 'X'),
    fc.array(fc.constantFrom('<', '>', '@', ',', ';', ':', '"', '(', ')', '[', ']', ' ', 'a', 'b.example', '=?utf-8?b?5L6L?=', '\r\n ', 'from', 'by', '13 Jun 2023 09:12:34 +0900'), { maxLength: 20 }),
  );
  fc.assert(
    fc.property(fc.array(line, { maxLength: 12 }), (lines) => {
      const raw = lines.map(([name, parts]) => `${name}: ${parts.join('')}\r\n`).join('') + '\r\nbody';
      const r = parseMessage(raw);
      assert.ok(r.ok);
    }),
    { numRuns: 1000 },
  );
});

test('RFC 2047: unstructured text decodes encoded words and leaves the rest', () => {
  assert.equal(decodeEncodedWords('Re: =?ISO-2022-JP?B?GyRCJTUlJCVIGyhC?= update'), 'Re: サイト update');
  assert.equal(decodeEncodedWords('=?utf-8?q?a?=  \r\n =?utf-8?q?b?= c'), 'ab c');
  assert.equal(decodeEncodedWords('=?utf-8?q?a?= =?iso-8859-1?q?=E9?='), 'aé');
  assert.equal(decodeEncodedWords('=?EUC-JP?B?xvzL3Ljs?='), '日本語');
  assert.equal(decodeEncodedWords('=?utf-8*ja?B?5pel?='), '日');
  assert.equal(decodeEncodedWords('=?utf-8?b?not base64!?='), '=?utf-8?b?not base64!?=');
  assert.equal(decodeEncodedWords('=?utf-8?q?bad=ZZ?='), '=?utf-8?q?bad=ZZ?=');
  assert.equal(decodeEncodedWords('plain text'), 'plain text');
});

// Each code a result can carry has a sentence in the catalogue (ja is `typeof en`, so it follows).
type Ids =
  | `message.problem.${HeaderProblem['code']}`
  | `message.syntax.${SyntaxErrorCode}`
  | `message.author.${NoAuthorDomainReason}`
  | `message.date.${DateNote | DateErrorReason}`;
type Missing = Exclude<Ids, keyof typeof en>;
const allCovered: [Missing] extends [never] ? true : Missing = true;

test('i18n: every problem, syntax error, author reason and date note has en and ja text', () => {
  assert.equal(allCovered, true);
  for (const id of Object.keys(en)) {
    assert.ok(hasMessage(id));
  }
  assert.equal(t('ja', 'message.author.multiple-from-fields'), 'From フィールドが複数あります');
  assert.equal(t('en', 'message.limit', { limit: 'maxHeaderFields', max: 1000 }), 'input exceeds the limit maxHeaderFields (1000); parsing stopped');
});
