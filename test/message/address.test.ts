import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseAddressList, parseMailbox, parseMailboxList, parseReturnPath } from '../../src/message/index.js';
import { parseAddressListByTokens } from '../../src/message/address.js';
import type { Mailbox } from '../../src/message/index.js';

/** The (name, address) pairs of every mailbox in `value`, or the error code. */
function pairs(value: string): Array<[string | undefined, string]> | string {
  const r = parseAddressList(value);
  return r.ok ? r.mailboxes.map((m) => [m.name, m.address]) : r.error.code;
}

const valid: Array<[section: string, value: string, expected: Array<[string | undefined, string]>]> = [
  ['§3.4 addr-spec alone', 'jdoe@example.org', [[undefined, 'jdoe@example.org']]],
  ['§3.4 name-addr with an atom display name', 'John Doe <jdoe@machine.example>', [['John Doe', 'jdoe@machine.example']]],
  ['§3.4 angle-addr without a display name', '<jdoe@example.org>', [[undefined, 'jdoe@example.org']]],
  ['§3.2.4 quoted-string display name', '"Joe Q. Public" <john.q.public@example.com>', [['Joe Q. Public', 'john.q.public@example.com']]],
  ['§3.2.4 quoted-pairs inside a quoted string', '"Giant; \\"Big\\" Box" <sysservices@example.net>', [['Giant; "Big" Box', 'sysservices@example.net']]],
  ['§3.4 address list', 'Mary Smith <mary@x.test>, jdoe@example.org, Who? <one@y.test>', [['Mary Smith', 'mary@x.test'], [undefined, 'jdoe@example.org'], ['Who?', 'one@y.test']]],
  ['§3.4.1 quoted local part', '<"joe q"@example.com>', [[undefined, '"joe q"@example.com']]],
  ['§3.2.2 comments anywhere (Appendix A.5)', 'Pete(A nice \\) chap) <pete(his account)@silly.test(his host)>', [['Pete', 'pete@silly.test']]],
  ['§3.4 group with members (Appendix A.1.3)', 'A Group:Ed Jones <c@a.test>,joe@where.test,John <jdoe@one.test>;', [['Ed Jones', 'c@a.test'], [undefined, 'joe@where.test'], ['John', 'jdoe@one.test']]],
  ['§3.4 a group with no members', 'undisclosed-recipients:;', []],
  ['§4.4 obs-route is accepted and ignored', 'Mary Smith <@node.test,@relay:mary@example.net>', [['Mary Smith', 'mary@example.net']]],
  ['§4.4 obs-addr-list empty elements', 'a@x.test, , b@y.test,', [[undefined, 'a@x.test'], [undefined, 'b@y.test']]],
  ['§4.1 obs-phrase with dots', 'Joe.Q.Public <jqp@example.com>', [['Joe.Q.Public', 'jqp@example.com']]],
  ['§4.4 obs-local-part with CFWS around dots', 'john . q . public@example.com', [[undefined, 'john.q.public@example.com']]],
  ['§3.4.1 domain literal', 'root@[192.0.2.1]', [[undefined, 'root@[192.0.2.1]']]],
  ['real world: consecutive dots in a Japanese mobile local part', 'taro..hanako.@docomo.ne.jp', [[undefined, 'taro..hanako.@docomo.ne.jp']]],
  ['RFC 2047 §8: Q-encoded word next to an atom', '=?ISO-8859-1?Q?Andr=E9?= Pirard <PIRARD@vm1.ulg.ac.be>', [['André Pirard', 'PIRARD@vm1.ulg.ac.be']]],
  ['RFC 2047: Japanese name in ISO-2022-JP B encoding', '=?ISO-2022-JP?B?GyRCOzNFRBsoQg==?= <yamada@example.jp>', [['山田', 'yamada@example.jp']]],
  ['RFC 2047 §6.2: adjacent encoded words are joined without the space', '=?UTF-8?B?5bGx55Sw?= =?UTF-8?B?5aSq6YOO?= <taro@example.jp>', [['山田太郎', 'taro@example.jp']]],
  ['RFC 2047: UTF-8 Q encoding with underscores', '=?utf-8?Q?=E5=B1=B1=E7=94=B0_=E5=A4=AA=E9=83=8E?= <taro@example.jp>', [['山田 太郎', 'taro@example.jp']]],
  ['RFC 2047: a UTF-8 character split across two words survives', '=?UTF-8?B?5bGx5w==?= =?UTF-8?B?lLA=?= <a@example.jp>', [['山田', 'a@example.jp']]],
  ['RFC 2047: Shift_JIS B encoding', '=?Shift_JIS?B?k/qWe4zq?= <a@example.jp>', [['日本語', 'a@example.jp']]],
  ['RFC 2047: an unknown charset is left as written', '=?x-unknown?Q?abc?= <a@example.jp>', [['=?x-unknown?Q?abc?=', 'a@example.jp']]],
  ['RFC 2047 §5: an encoded word next to plain words keeps their spaces', 'Dr. =?UTF-8?Q?M=C3=BCller?= Jr <m@example.de>', [['Dr. Müller Jr', 'm@example.de']]],
  ['real world: an encoded word inside quotes is decoded', '"=?UTF-8?B?5bGx55Sw?=" <y@example.jp>', [['山田', 'y@example.jp']]],
  ['RFC 6532: UTF-8 display name, local part and domain', '山田 <やまだ@例え.jp>', [['山田', 'やまだ@例え.jp']]],
];

for (const [section, value, expected] of valid) {
  test(`RFC 5322 ${section}`, () => {
    assert.deepEqual(pairs(value), expected);
  });
}

const invalid: Array<[why: string, value: string, code: string, position?: number]> = [
  ['missing commas are errors', 'a@example.com b@example.com', 'missing-comma', 14],
  ['two words in a local part need a dot', 'john smith@example.com', 'missing-comma', 5],
  ['an empty field', '   ', 'empty'],
  ['a display name with no address', 'John Smith', 'missing-at'],
  ['no local part', '@example.com', 'missing-local-part'],
  ['no domain', 'a@', 'missing-domain'],
  ['a trailing dot in the domain', 'a@example.com.', 'bad-domain'],
  ['consecutive dots in the domain', 'a@example..com', 'bad-domain'],
  ['an unterminated quoted string', '"Joe <a@example.com>', 'unterminated-quoted-string', 0],
  ['an unterminated comment', 'a@example.com (oops', 'unterminated-comment', 14],
  ['an unclosed angle address', 'Joe <a@example.com', 'unterminated-angle-addr', 4],
  ['an unclosed domain literal', 'a@[192.0.2.1', 'unterminated-domain-literal'],
  ['a group without its semicolon', 'team: a@example.com', 'missing-semicolon'],
  ['groups do not nest', 'outer: inner: a@example.com;;', 'nested-group'],
  ['a malformed route', '<@a.example b@example.com>', 'bad-route'],
  ['a stray character', 'a@example.com > b', 'unexpected-character'],
  ['an IDN A-label that is not valid Punycode', 'a@xn--zz.example', 'invalid-idn'],
];

for (const [why, value, code, position] of invalid) {
  test(`RFC 5322 §3.4 errors: ${why}`, () => {
    const r = parseAddressList(value);
    assert.equal(r.ok, false);
    if (r.ok) return;
    assert.equal(r.error.code, code);
    if (position !== undefined) assert.equal(r.error.position, position);
  });
}

test('RFC 5322 §3.4: each address splits into local part and domain, with positions', () => {
  const r = parseAddressList('"Joe \\"Q\\"" <"joe q"@Example.COM>, b@x.test');
  assert.ok(r.ok);
  const [joe, b] = r.mailboxes as [Mailbox, Mailbox];
  assert.equal(joe.name, 'Joe "Q"');
  assert.equal(joe.localPart, 'joe q');
  assert.equal(joe.domain, 'Example.COM');
  assert.equal(joe.domainAscii, 'example.com');
  assert.deepEqual([joe.start, joe.end], [0, 33]);
  assert.deepEqual([b.start, b.end], [35, 43]);
});

test('RFC 5890: an IDN domain keeps its written form and gets A-label and U-label forms', () => {
  const r = parseMailbox('<info@日本語.jp>');
  assert.ok(r.ok);
  assert.equal(r.mailbox.domain, '日本語.jp');
  assert.equal(r.mailbox.domainAscii, 'xn--wgv71a119e.jp');
  assert.equal(r.mailbox.domainUnicode, '日本語.jp');
  const back = parseMailbox('info@XN--WGV71A119E.jp');
  assert.ok(back.ok);
  assert.equal(back.mailbox.domain, 'XN--WGV71A119E.jp');
  assert.equal(back.mailbox.domainAscii, 'xn--wgv71a119e.jp');
  assert.equal(back.mailbox.domainUnicode, '日本語.jp');
});

test('RFC 5322 §3.4.1: domain literals give the IP address (IPv4 and IPv6)', () => {
  const v4 = parseMailbox('a@[192.0.2.1]');
  assert.ok(v4.ok);
  assert.deepEqual(v4.mailbox.domainLiteral, { family: 4, bytes: Uint8Array.from([192, 0, 2, 1]) });
  const v6 = parseMailbox('a@[IPv6:2001:db8::1]');
  assert.ok(v6.ok);
  assert.equal(v6.mailbox.domainLiteral?.family, 6);
});

test('RFC 5322 §3.2.2: comments around a bare address are kept, decoded (old-style names)', () => {
  const r = parseMailbox('taro@example.jp (=?UTF-8?B?5aSq6YOO?=)');
  assert.ok(r.ok);
  assert.equal(r.mailbox.name, undefined);
  assert.deepEqual(r.mailbox.comments, ['太郎']);
});

test('RFC 5322 §3.4: a group keeps its name and members', () => {
  const r = parseAddressList('team: a@x.test, b@y.test;, c@z.test');
  assert.ok(r.ok);
  assert.equal(r.addresses.length, 2);
  const group = r.addresses[0]!;
  assert.equal(group.kind, 'group');
  if (group.kind !== 'group') return;
  assert.equal(group.name, 'team');
  assert.deepEqual(group.members.map((m) => m.address), ['a@x.test', 'b@y.test']);
  assert.deepEqual(r.mailboxes.map((m) => m.address), ['a@x.test', 'b@y.test', 'c@z.test']);
});

test('RFC 5322 §3.6.2: a mailbox-list allows no group; Sender holds exactly one mailbox', () => {
  const list = parseMailboxList('team: a@x.test;');
  assert.equal(list.ok ? 'ok' : list.error.code, 'group-not-allowed');
  const two = parseMailbox('a@x.test, b@y.test');
  assert.equal(two.ok ? 'ok' : two.error.code, 'not-single-mailbox');
  const one = parseMailbox('Secretary <sec@x.test>');
  assert.ok(one.ok);
  assert.equal(one.mailbox.name, 'Secretary');
});

const returnPaths: Array<[value: string, expected: string]> = [
  ['<>', 'null'],
  ['< >', 'null'],
  ['<bounce@example.com>', 'bounce@example.com'],
  ['<@relay.example:bounce@example.com>', 'bounce@example.com'],
  ['bounce@example.com', 'bounce@example.com (no brackets)'],
  ['', 'empty'],
  ['<bounce@example.com> junk', 'trailing-text'],
  ['Name <bounce@example.com>', 'missing-at'],
];

for (const [value, expected] of returnPaths) {
  test(`RFC 5322 §3.6.7 Return-Path: ${JSON.stringify(value)} → ${expected}`, () => {
    const r = parseReturnPath(value);
    const got = !r.ok ? r.error.code : r.null ? 'null' : `${r.mailbox.address}${r.angleBrackets ? '' : ' (no brackets)'}`;
    assert.equal(got, expected);
  });
}

test('limits: comment nesting deeper than maxCommentDepth is an error naming the limit', () => {
  const deep = `a@example.com ${'('.repeat(11)}x${')'.repeat(11)}`;
  const r = parseAddressList(deep);
  assert.deepEqual(r.ok ? null : r.error, { code: 'limit', limit: 'maxCommentDepth', max: 10, position: 24 });
  assert.ok(parseAddressList(deep, { maxCommentDepth: 11 }).ok);
});

test('limits: more addresses than maxAddressesPerField is an error naming the limit', () => {
  const many = Array.from({ length: 6 }, (_, i) => `u${i}@example.com`).join(', ');
  const r = parseAddressList(many, { maxAddressesPerField: 5 });
  assert.equal(r.ok ? null : r.error.code === 'limit' && r.error.limit, 'maxAddressesPerField');
  const group = parseAddressList(`g: ${many};`, { maxAddressesPerField: 5 });
  assert.equal(group.ok, false);
});

test('hostile input: huge nesting, quoting and separators finish, with a result', { timeout: 60_000 }, () => {
  const inputs = [
    '('.repeat(200_000),
    '"'.repeat(200_001),
    '<'.repeat(200_000),
    '['.repeat(200_000),
    '=?'.repeat(100_000),
    `${'=?utf-8?q?a?= '.repeat(20_000)}<a@b>`,
    'a.'.repeat(100_000) + '@b',
    `a@${'b.'.repeat(100_000)}c`,
    ', '.repeat(100_000),
    'g:'.repeat(100_000),
    '\\'.repeat(200_000),
  ];
  // No wall-clock assertion (a busy machine would trip it): a quadratic parse of these inputs would
  // take minutes, and the test's timeout catches that.
  for (const input of inputs) {
    const r = parseAddressList(input);
    assert.equal(typeof r.ok, 'boolean', `no result for ${input.slice(0, 20)}`);
  }
});

const addressish = fc
  .array(
    fc.oneof(
      fc.constantFrom('<', '>', '@', ',', ';', ':', '"', '\\', '(', ')', '[', ']', '.', ' ', '\t', 'a', 'Bob', 'x.test', '=?utf-8?q?x?=', '=?ISO-2022-JP?B?GyRCRnxLXBsoQg==?=', '例', 'xn--', 'IPv6:', '::1'),
      fc.string({ maxLength: 4 }),
    ),
    { maxLength: 40 },
  )
  .map((parts) => parts.join(''));

test('property: the address parser never throws on random address-like input and its results are consistent', () => {
  fc.assert(
    fc.property(addressish, (value) => {
      const r = parseAddressList(value);
      if (!r.ok) {
        assert.ok(r.error.position >= 0 && r.error.position <= value.length);
        return;
      }
      for (const m of r.mailboxes) {
        assert.ok(m.start >= 0 && m.end <= value.length && m.start < m.end);
        assert.equal(m.address, `${m.address.slice(0, m.address.length - m.domain.length - 1)}@${m.domain}`);
        assert.notEqual(m.domainAscii, '');
      }
    }),
    { numRuns: 3000 },
  );
});

test('property: random Unicode strings never throw in any address entry point', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (value) => {
      parseAddressList(value);
      parseMailboxList(value);
      parseMailbox(value);
      parseReturnPath(value);
    }),
    { numRuns: 2000 },
  );
});

test('property: a well-formed mailbox round-trips through the parser', () => {
  const atom = fc.stringMatching(/^[a-z0-9!#$%&'*+\-/=?^_`{|}~]{1,8}$/);
  const domain = fc.array(fc.stringMatching(/^[a-z0-9]{1,8}$/), { minLength: 1, maxLength: 4 }).map((l) => l.join('.'));
  const name = fc.stringMatching(/^[A-Za-z0-9 ,.;:@<>()\\"]{0,12}$/);
  fc.assert(
    fc.property(name, atom, domain, (display, local, dom) => {
      const quoted = `"${display.replace(/[\\"]/g, '\\$&')}"`;
      const r = parseMailbox(`${quoted} <${local}@${dom}>`);
      assert.ok(r.ok, JSON.stringify([display, local, dom]));
      assert.equal(r.mailbox.localPart, local);
      assert.equal(r.mailbox.domain, dom);
      assert.equal(r.mailbox.name, display.trim() === '' ? undefined : display.trim());
    }),
    { numRuns: 1000 },
  );
});

test('property: the plain-mailbox fast path gives exactly what the token reader gives (same keys in the same order), 6000/6000', () => {
  const word = fc.oneof(fc.constantFrom('Bob', 'K.', '=?UTF-8?B?5biC5b255omA?=', '=?utf-8?q?J=C3=B6rg?=', 'a', '', '.', 'x-y'), fc.stringMatching(/^[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~]{1,6}$/));
  const space = fc.constantFrom('', ' ', '  ', '\t', '\r\n ');
  const name = fc.oneof(
    fc.array(word, { maxLength: 4 }).chain((words) => fc.array(space, { minLength: words.length, maxLength: words.length }).map((gaps) => words.map((w, i) => (i > 0 ? gaps[i] : '') + w).join(''))),
    fc.stringMatching(/^[ A-Za-z0-9.,;:@<>()\\"=?]{0,10}$/).map((t) => `"${t}"`),
  );
  const dotAtom = fc.array(fc.stringMatching(/^[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~]{0,5}$/), { minLength: 1, maxLength: 3 }).map((p) => p.join('.'));
  const domain = fc.oneof(dotAtom, fc.constantFrom('Example.COM', 'xn--r8jz45g.jp', 'xn--zz.jp', '[192.0.2.1]', 'a..b', '例え.jp'));
  const value = fc.oneof(
    fc.tuple(space, name, space, dotAtom, domain, space).map(([a, n, b, l, d, c]) => `${a}${n}${b}<${l}@${d}>${c}`),
    fc.tuple(space, dotAtom, domain, space).map(([a, l, d, c]) => `${a}${l}@${d}${c}`),
  );
  let runs = 0;
  fc.assert(
    fc.property(value, (v) => {
      runs++;
      const fast = parseAddressList(v);
      const slow = parseAddressListByTokens(v);
      assert.equal(JSON.stringify(fast), JSON.stringify(slow), JSON.stringify(v));
    }),
    { numRuns: 6000 },
  );
  assert.equal(runs, 6000);
});
