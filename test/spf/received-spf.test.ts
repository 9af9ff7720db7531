import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { checkSpf } from '../../src/spf/evaluate.js';
import { explainSpf } from '../../src/spf/explain.js';
import { headerValue, receivedSpf } from '../../src/spf/received-spf.js';
import { zone } from './zone.js';

const resolver = zone({
  'example.com': { TXT: ['v=spf1 ip4:192.0.2.0/24 -all'] },
  'broken.example.com': { TXT: ['v=spf1 a:%{q}.example.com'] },
  'two.example.com': { TXT: ['v=spf1 -all', 'v=spf1 +all'] },
});

function unfold(field: string): string {
  return field.replace(/\r\n /g, ' ');
}

test('RFC 7208 §9.1: Received-SPF for a pass carries the result, a comment and the key-value pairs', async () => {
  const result = await checkSpf({ ip: '192.0.2.1', mailFrom: 'myname@example.com', helo: 'foo.example.com' }, { resolver });
  const field = receivedSpf(result, { receiver: 'mybox.example.org' });
  assert.equal(
    unfold(field),
    'Received-SPF: pass (mybox.example.org: domain of myname@example.com designates 192.0.2.1 as permitted sender) ' +
      'client-ip=192.0.2.1; envelope-from="myname@example.com"; helo=foo.example.com; receiver=mybox.example.org; ' +
      'identity=mailfrom; mechanism="ip4:192.0.2.0/24"',
  );
});

test('RFC 7208 §9.1: Received-SPF lines are folded at 78 characters with CRLF and a space', async () => {
  const result = await checkSpf({ ip: '2001:db8::1', mailFrom: 'someone.with.a.long.name@example.com', helo: 'mail.example.com' }, { resolver });
  const field = receivedSpf(result, { receiver: 'mx.receiver.example.org' });
  const lines = field.split('\r\n');
  assert.ok(lines.length > 1);
  for (const line of lines) assert.ok(line.length <= 78, line);
  for (const line of lines.slice(1)) assert.ok(line.startsWith(' '));
  assert.match(unfold(field), /^Received-SPF: fail \(/);
  assert.match(field, /client-ip="2001:db8::1";/);
});

test('RFC 7208 §9.1: errors carry problem=, and hostile input cannot break out of the field', async () => {
  const perm = await checkSpf({ ip: '192.0.2.1', mailFrom: 'x@two.example.com', helo: 'evil\r\nX-Injected: yes' }, { resolver });
  const field = receivedSpf(perm, { receiver: 'mx.example.org' });
  assert.match(unfold(field), /^Received-SPF: permerror \(/);
  assert.match(unfold(field), /problem="two\.example\.com publishes 2 SPF records; there must be exactly one \(RFC 7208 section 4\.5\)"/);
  assert.equal(field.split('\r\n').filter((l) => !l.startsWith(' ')).length, 1, 'only folding line breaks');
  assert.doesNotMatch(field, /\r\nX-Injected/);
  assert.equal(headerValue('a"b\\c'), '"a\\"b\\\\c"');
  assert.equal(headerValue('mx.example.org'), 'mx.example.org');
});

test('RFC 7208 §9.1: the HELO identity is reported as such', async () => {
  const result = await checkSpf({ ip: '192.0.2.1', helo: 'example.com', identity: 'helo' }, { resolver });
  const field = unfold(receivedSpf(result));
  assert.match(field, /identity=helo/);
  assert.match(field, /helo=example\.com/);
  assert.doesNotMatch(field, /envelope-from/);
});

test('--explain text exists in English and Japanese for every step of a result', async () => {
  const result = await checkSpf({ ip: '198.51.100.1', mailFrom: 'x@example.com' }, { resolver });
  const en = explainSpf(result, 'en');
  const ja = explainSpf(result, 'ja');
  assert.equal(en[0], 'SPF fail for example.com (MAIL FROM), client 198.51.100.1');
  assert.ok(en.some((l) => l.includes('decided by "-all" in the record of example.com')));
  assert.ok(en.some((l) => l.includes('receivers may reject')));
  assert.equal(en.length, ja.length);
  assert.ok(ja.some((l) => l.includes('一致')));
  assert.ok(en.some((l) => l.trim() === 'ip4:192.0.2.0/24: does not match'));
});

test('--explain renders error reasons with their parameters', async () => {
  const syntax = await checkSpf({ ip: '192.0.2.1', mailFrom: 'x@broken.example.com' }, { resolver });
  assert.equal(syntax.result, 'permerror');
  const en = explainSpf(syntax, 'en', { steps: false });
  assert.ok(en[2]!.includes('the SPF record of broken.example.com is invalid: syntax error at column'), en[2]);
  const ja = explainSpf(syntax, 'ja', { steps: false });
  assert.ok(ja[2]!.includes('broken.example.com の SPF レコードが不正です'), ja[2]);
  const none = await checkSpf({ ip: '192.0.2.1', mailFrom: 'x@nowhere.example.com' }, { resolver });
  assert.ok(explainSpf(none, 'en')[2]!.includes('does not exist (NXDOMAIN)'));
});

test('RFC 7208 §9.1: headerValue is a dot-atom when the text is one, else a quoted-string; the one-pass path matches the regex rule (5000/5000)', () => {
  // The rule as RFC 5322 §3.2 states it: controls dropped, `dot-atom` kept, anything else quoted with `\` and `"` escaped.
  const rule = (value: string): string => {
    // eslint-disable-next-line no-control-regex
    const v = value.replace(/[\x00-\x1f\x7f]/g, '');
    if (/^[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~]+(?:\.[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~]+)*$/.test(v)) return v;
    return `"${v.replace(/[\\"]/g, '\\$&')}"`;
  };
  const text = fc.oneof(
    fc.string({ unit: fc.constantFrom('a', 'Z', '0', '.', '@', ' ', '"', '\\', '\r', '\n', '\x7f', '-', '=', '(', 'é', ':'), maxLength: 20 }),
    fc.string({ maxLength: 20 }),
    fc.constantFrom('', '.', 'a.', '.a', 'a..b', 'user@example.com', 'include:_spf.example.net', 'ip4:192.0.2.0/24'),
  );
  let runs = 0;
  fc.assert(
    fc.property(text, (v) => {
      runs++;
      assert.equal(headerValue(v), rule(v), JSON.stringify(v));
    }),
    { numRuns: 5000 },
  );
  assert.equal(runs, 5000);
});
