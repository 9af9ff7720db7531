import { tokenize, type Token } from './lexer.js';
import { resolveLimits } from './limits.js';
import type { DateErrorReason, DateNote, DateResult, MessageLimits } from './types.js';

const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** The obsolete zone names of RFC 5322 §4.3 with their offsets in hours. */
const OBS_ZONES: Record<string, number> = {
  ut: 0,
  gmt: 0,
  est: -5,
  edt: -4,
  cst: -6,
  cdt: -5,
  mst: -7,
  mdt: -6,
  pst: -8,
  pdt: -7,
};

const DIGITS = /^\d+$/;

class DateFail {
  constructor(
    readonly reason: DateErrorReason,
    readonly position: number,
  ) {}
}

function fail(reason: DateErrorReason, token: Token | undefined, end: number): never {
  throw new DateFail(reason, token?.start ?? end);
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
}

/** Parse an RFC 5322 §3.3 date-time, accepting the §4.3 obsolete forms (two-digit years, zone names) with a note. */
export function parseDate(value: string, limits?: Partial<MessageLimits>): DateResult {
  const lexed = tokenize(value, resolveLimits(limits));
  if (!lexed.ok) {
    const error = lexed.error;
    return error.code === 'limit'
      ? { ok: false, reason: 'bad-comment', position: error.position, limit: error.limit }
      : { ok: false, reason: 'bad-comment', position: error.position };
  }
  const tokens = lexed.tokens.filter((t) => t.kind !== 'comment');
  if (tokens.length === 0) return { ok: false, reason: 'empty', position: 0 };
  try {
    return readDate(tokens, value.length);
  } catch (e) {
    if (e instanceof DateFail) return { ok: false, reason: e.reason, position: e.position };
    throw e;
  }
}

function readDate(tokens: Token[], end: number): DateResult {
  const notes: DateNote[] = [];
  let i = 0;
  const at = (k: number): Token | undefined => tokens[k];
  const number = (reason: DateErrorReason, min: number, max: number, digits: [number, number]): number => {
    const t = at(i);
    if (!t || t.kind !== 'atom' || !DIGITS.test(t.text) || t.text.length < digits[0] || t.text.length > digits[1]) fail(reason, t, end);
    const n = Number(t.text);
    if (n < min || n > max) fail(reason, t, end);
    i++;
    return n;
  };
  const colon = (): boolean => {
    const t = at(i);
    if (t?.kind === 'special' && t.text === ':') {
      i++;
      return true;
    }
    return false;
  };

  let weekday = -1;
  const first = at(0)!;
  if (/^[A-Za-z]+$/.test(first.text)) {
    weekday = WEEKDAYS.indexOf(first.text.toLowerCase());
    const comma = at(1);
    if (weekday < 0 || comma?.kind !== 'special' || comma.text !== ',') fail('bad-weekday', first, end);
    i = 2;
  }
  const day = number('bad-day', 1, 31, [1, 2]);
  const monthToken = at(i);
  const month = monthToken?.kind === 'atom' ? MONTHS.indexOf(monthToken.text.toLowerCase()) : -1;
  if (month < 0) fail('bad-month', monthToken, end);
  i++;
  const yearToken = at(i);
  let year = number('bad-year', 0, 9999, [2, 4]);
  if (yearToken!.text.length < 4) {
    notes.push('obsolete-year');
    year += yearToken!.text.length === 3 || year >= 50 ? 1900 : 2000;
  } else if (year < 1900) fail('bad-year', yearToken, end);
  const hour = number('bad-time', 0, 23, [1, 2]);
  if (!colon()) fail('bad-time', at(i), end);
  const minute = number('bad-time', 0, 59, [2, 2]);
  let second = 0;
  if (colon()) second = number('bad-time', 0, 60, [2, 2]);
  else notes.push('no-seconds');
  const zoneToken = at(i);
  let offsetMinutes = 0;
  let zone = '';
  if (!zoneToken) notes.push('no-zone');
  else {
    zone = zoneToken.text;
    const numeric = /^([+-])(\d\d)(\d\d)$/.exec(zone);
    if (numeric) {
      if (Number(numeric[3]) > 59) fail('bad-zone', zoneToken, end);
      offsetMinutes = (numeric[1] === '-' ? -1 : 1) * (Number(numeric[2]) * 60 + Number(numeric[3])) || 0;
    } else if (zoneToken.kind === 'atom' && /^[A-Za-z]{1,5}$/.test(zone)) {
      notes.push('obsolete-zone');
      const hours = OBS_ZONES[zone.toLowerCase()];
      // RFC 5322 §4.3: military and unknown zone names mean -0000 (no information).
      if (hours === undefined) notes.push('unknown-zone');
      else offsetMinutes = hours * 60;
    } else fail('bad-zone', zoneToken, end);
    i++;
  }
  if (i < tokens.length) fail('trailing-text', at(i), end);
  if (day > daysInMonth(year, month)) fail('no-such-day', tokens[weekday >= 0 ? 2 : 0], end);
  const epochMs = Date.UTC(year, month, day, hour, minute, second) - offsetMinutes * 60_000;
  if (weekday >= 0 && new Date(Date.UTC(year, month, day)).getUTCDay() !== weekday) notes.push('weekday-mismatch');
  return { ok: true, epochMs, offsetMinutes, zone, notes };
}
