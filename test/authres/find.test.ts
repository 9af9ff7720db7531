import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findAuthResults, stripAuthResults, stripAuthResultsFromMessage, UNTRUSTED_AUTHRES_FIELD } from '../../src/authres/index.js';
import { splitMessage, type HeaderField } from '../../src/message/index.js';

/** A message that arrives at mx.example.org carrying fields that claim to be its own. */
const LINES = [
  'Received: from mail.example.net (mail.example.net [192.0.2.5]) by mx.example.org with ESMTPS id 4B2C81E0F2',
  'Authentication-Results: MX.Example.ORG; dkim=pass header.d=bank.example', // forged, case differs
  'Authentication-Results: mx.example.org/ABC123;\r\n\tdmarc=pass header.from=bank.example', // forged, job id, folded
  'Authentication-Results: "mx.example.org"; spf=pass smtp.mailfrom=bank.example', // forged, quoted
  'Authentication-Results: (trust me) mx.example.org.; none', // forged, comment first, trailing dot
  'Authentication-Results: mx.example.net; dkim=pass header.d=example.net', // another server's: kept
  'Authentication-Results: mx1.example.org; spf=pass smtp.mailfrom=example.net', // a subdomain: only with includeSubdomains
  'ARC-Authentication-Results: i=1; mx.example.org; arc=none', // ARC: only when asked for
  'X-Authentication-Results: mx.example.org; dkim=pass', // another field: never
  'authentication-results : mx.example.org; spf=pass', // lower case name, space before colon: forged
  'Authentication-Results: mx.example.org.evil.example; dkim=pass', // a different id that starts like ours: kept
  'From: Bank <support@bank.example>',
  'Subject: Your account',
];
const BODY = 'Click here.\r\n';
const MESSAGE = `${LINES.join('\r\n')}\r\n\r\n${BODY}`;

function fields(raw: string): HeaderField[] {
  const split = splitMessage(raw);
  assert.ok(split.ok);
  return split.fields;
}

test('RFC 8601 §5: the fields claiming our authserv-id are found, whatever the case, quoting, job id or comments', () => {
  const found = findAuthResults(fields(MESSAGE), 'mx.example.org');
  assert.deepEqual(found.map((m) => m.index), [1, 2, 3, 4, 9]);
  assert.equal(found[1]!.parsed.jobId, 'ABC123');
  assert.equal(found[1]!.parsed.results[0]!.method, 'dmarc');
});

test('RFC 8601 §5: subdomains, several ids and ARC-Authentication-Results on request', () => {
  const f = fields(MESSAGE);
  assert.deepEqual(findAuthResults(f, 'example.org', { includeSubdomains: true }).map((m) => m.index), [1, 2, 3, 4, 6, 9]);
  assert.deepEqual(findAuthResults(f, ['mx.example.net', 'MX1.example.org']).map((m) => m.index), [5, 6]);
  assert.deepEqual(
    findAuthResults(f, 'mx.example.org', { fieldNames: ['Authentication-Results', 'ARC-Authentication-Results'] }).map((m) => m.index),
    [1, 2, 3, 4, 7, 9],
  );
  assert.deepEqual(findAuthResults(f, 'mx.example.com'), []);
});

test('RFC 8601 §5: forged fields are removed and every other octet is kept', () => {
  const f = fields(MESSAGE);
  const { header, matches } = stripAuthResults(f, 'mx.example.org');
  assert.equal(matches.length, 5);
  const kept = LINES.filter((_, i) => ![1, 2, 3, 4, 9].includes(i));
  assert.equal(header.toString('utf8'), `${kept.join('\r\n')}\r\n`);
});

test('RFC 8601 §5: forged fields can be renamed instead, keeping their value bytes', () => {
  const f = fields(MESSAGE);
  const { header } = stripAuthResults(f, 'mx.example.org', { action: 'rename' });
  const text = header.toString('utf8');
  assert.ok(text.includes(`${UNTRUSTED_AUTHRES_FIELD}: mx.example.org/ABC123;\r\n\tdmarc=pass header.from=bank.example\r\n`));
  assert.ok(text.includes(`${UNTRUSTED_AUTHRES_FIELD} : mx.example.org; spf=pass\r\n`));
  assert.equal(text.split('\r\n').filter((l) => l.startsWith('Authentication-Results:')).length, 3);
  const custom = stripAuthResults(f, 'mx.example.org', { action: 'rename', renameTo: 'X-Old-AR' }).header.toString('utf8');
  assert.equal(custom.split('X-Old-AR:').length - 1, 4);
  assert.throws(() => stripAuthResults(f, 'mx.example.org', { action: 'rename', renameTo: 'Bad: name' }), TypeError);
  assert.throws(() => stripAuthResults(f, 'mx.example.org', { action: 'drop' as 'remove' }), TypeError);
});

test('the whole message comes back with its blank line and body untouched, LF line endings included', () => {
  const result = stripAuthResultsFromMessage(MESSAGE, 'mx.example.org');
  assert.ok(result.ok);
  assert.ok(result.message.toString('utf8').endsWith(`Subject: Your account\r\n\r\n${BODY}`));
  assert.equal(result.matches.length, 5);

  const lf = MESSAGE.replace(/\r\n/g, '\n');
  const resultLf = stripAuthResultsFromMessage(Buffer.from(lf), ['mx.example.org']);
  assert.ok(resultLf.ok);
  assert.equal(resultLf.message.toString('utf8'), lf.split('\n').filter((_, i) => ![1, 2, 3, 4, 5, 10].includes(i)).join('\n'));

  const untouched = stripAuthResultsFromMessage(MESSAGE, 'nobody.example');
  assert.ok(untouched.ok);
  assert.equal(untouched.message.toString('utf8'), MESSAGE);
});

test('limits of the message reader are reported, not thrown', () => {
  const result = stripAuthResultsFromMessage(MESSAGE, 'mx.example.org', { limits: { maxHeaderFields: 3 } });
  assert.equal(result.ok, false);
  if (!result.ok) assert.equal(result.error.limit, 'maxHeaderFields');
});

test('an empty authserv-id list is programmer misuse', () => {
  assert.throws(() => findAuthResults(fields(MESSAGE), []), TypeError);
  assert.throws(() => findAuthResults(fields(MESSAGE), ' '), TypeError);
});
