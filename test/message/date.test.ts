import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseDate } from '../../src/message/index.js';

const valid: Array<[section: string, value: string, iso: string, offset: number, notes: string[]]> = [
  ['§3.3 full date-time', 'Fri, 21 Nov 1997 09:55:06 -0600', '1997-11-21T15:55:06.000Z', -360, []],
  ['§3.3 no day of the week', '21 Nov 1997 09:55:06 +0900', '1997-11-21T00:55:06.000Z', 540, []],
  ['§3.3 seconds are optional', 'Tue, 1 Jul 2003 10:52 +0000', '2003-07-01T10:52:00.000Z', 0, ['no-seconds']],
  ['§3.3 trailing comment', 'Tue, 13 Jun 2023 09:12:34 +0900 (JST)', '2023-06-13T00:12:34.000Z', 540, []],
  ['§3.3 -0000 means UTC with no zone information', '13 Jun 2023 09:12:34 -0000', '2023-06-13T09:12:34.000Z', 0, []],
  ['§3.3 leap second', 'Sat, 31 Dec 2016 23:59:60 +0000', '2017-01-01T00:00:00.000Z', 0, []],
  ['§3.3 leap day', 'Thu, 29 Feb 2024 12:00:00 +0000', '2024-02-29T12:00:00.000Z', 0, []],
  ['§4.3 two-digit year before 50 is 20xx', 'Mon, 13 Jun 23 09:12:34 +0000', '2023-06-13T09:12:34.000Z', 0, ['obsolete-year', 'weekday-mismatch']],
  ['§4.3 two-digit year from 50 is 19xx', '21 Nov 97 09:55:06 GMT', '1997-11-21T09:55:06.000Z', 0, ['obsolete-year', 'obsolete-zone']],
  ['§4.3 three-digit year adds 1900', '21 Nov 097 09:55:06 +0000', '1997-11-21T09:55:06.000Z', 0, ['obsolete-year']],
  ['§4.3 EST', 'Thu, 13 Feb 1969 23:32:54 EST', '1969-02-14T04:32:54.000Z', -300, ['obsolete-zone']],
  ['§4.3 PDT', 'Tue, 13 Jun 2023 00:12:34 PDT', '2023-06-13T07:12:34.000Z', -420, ['obsolete-zone']],
  ['§4.3 military zones mean -0000', 'Tue, 13 Jun 2023 00:12:34 Z', '2023-06-13T00:12:34.000Z', 0, ['obsolete-zone', 'unknown-zone']],
  ['§4.3 unknown zone names mean -0000', 'Tue, 13 Jun 2023 00:12:34 JST', '2023-06-13T00:12:34.000Z', 0, ['obsolete-zone', 'unknown-zone']],
  ['§4.3 CFWS in odd places', 'Thu,\r\n 13\r\n Feb\r\n 1969\r\n 23:32\r\n -0330 (Newfoundland Time)', '1969-02-14T03:02:00.000Z', -210, ['no-seconds']],
  ['§3.3 case-insensitive names', 'tue, 13 JUN 2023 09:12:34 +0000', '2023-06-13T09:12:34.000Z', 0, []],
  ['§3.3 a wrong day of the week is noted', 'Wed, 13 Jun 2023 09:12:34 +0000', '2023-06-13T09:12:34.000Z', 0, ['weekday-mismatch']],
  ['real world: no zone', 'Tue, 13 Jun 2023 09:12:34', '2023-06-13T09:12:34.000Z', 0, ['no-zone']],
];

for (const [section, value, iso, offset, notes] of valid) {
  test(`RFC 5322 ${section}: ${JSON.stringify(value)}`, () => {
    const r = parseDate(value);
    assert.ok(r.ok, JSON.stringify(r));
    assert.equal(new Date(r.epochMs).toISOString(), iso);
    assert.equal(r.offsetMinutes, offset);
    assert.deepEqual(r.notes, notes);
  });
}

const invalid: Array<[value: string, reason: string]> = [
  ['', 'empty'],
  ['(just a comment)', 'empty'],
  ['Tue 13 Jun 2023 09:12:34 +0000', 'bad-weekday'],
  ['Tus, 13 Jun 2023 09:12:34 +0000', 'bad-weekday'],
  ['32 Jun 2023 09:12:34 +0000', 'bad-day'],
  ['13 June 2023 09:12:34 +0000', 'bad-month'],
  ['13 Jun 1899 09:12:34 +0000', 'bad-year'],
  ['13 Jun 2023 24:00:00 +0000', 'bad-time'],
  ['13 Jun 2023 09:60:00 +0000', 'bad-time'],
  ['13 Jun 2023 09:12:61 +0000', 'bad-time'],
  ['13 Jun 2023 09-12-34 +0000', 'bad-time'],
  ['13 Jun 2023 09:12:34 +09', 'bad-zone'],
  ['13 Jun 2023 09:12:34 +0960', 'bad-zone'],
  ['30 Feb 2023 09:12:34 +0000', 'no-such-day'],
  ['29 Feb 2023 09:12:34 +0000', 'no-such-day'],
  ['13 Jun 2023 09:12:34 +0000 extra', 'trailing-text'],
  ['2023-06-13T09:12:34Z', 'bad-day'],
  ['13 Jun 2023 09:12:34 +0000 (unclosed', 'bad-comment'],
];

for (const [value, reason] of invalid) {
  test(`RFC 5322 §3.3 invalid date: ${JSON.stringify(value)} → ${reason}`, () => {
    const r = parseDate(value);
    assert.equal(r.ok ? 'ok' : r.reason, reason);
  });
}

test('limits: a deeply nested comment in a date names the limit', () => {
  const r = parseDate(`13 Jun 2023 09:12:34 +0000 ${'('.repeat(50)}`);
  assert.equal(r.ok ? undefined : r.limit, 'maxCommentDepth');
});

test('property: any RFC 5322 date we format parses back to the same instant and offset', () => {
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const pad = (n: number): string => String(n).padStart(2, '0');
  fc.assert(
    fc.property(fc.integer({ min: Date.UTC(1900, 0, 2), max: Date.UTC(9998, 11, 30) }), fc.integer({ min: -1439, max: 1439 }), (seconds, offset) => {
      const epoch = Math.floor(seconds / 1000) * 1000;
      const local = new Date(epoch + offset * 60_000);
      const sign = offset < 0 ? '-' : '+';
      const abs = Math.abs(offset);
      const text = `${days[local.getUTCDay()]}, ${local.getUTCDate()} ${months[local.getUTCMonth()]} ${local.getUTCFullYear()} ${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())} ${sign}${pad(Math.floor(abs / 60))}${pad(abs % 60)}`;
      const r = parseDate(text);
      assert.ok(r.ok, text);
      assert.equal(r.epochMs, epoch);
      assert.equal(r.offsetMinutes, offset);
      assert.deepEqual(r.notes, []);
    }),
    { numRuns: 1000 },
  );
});

test('property: random text never throws in the date parser', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'binary', maxLength: 120 }), (value) => {
      const r = parseDate(value);
      assert.equal(typeof r.ok, 'boolean');
    }),
    { numRuns: 2000 },
  );
});
