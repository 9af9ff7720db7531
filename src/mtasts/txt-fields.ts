import type { Resolver } from '../dns/types.js';
import type { MtaStsStep, Severity, TxtField, TxtRecordLookup } from './types.js';

/** Longest TXT record text either parser reads (a record is a few dozen characters; this bounds hostile answers). */
export const MAX_RECORD_LENGTH = 4096;

/** `sts-ext-name` / `tlsrpt-ext-name`: a letter or digit, then up to 31 letters, digits, `_`, `-` or `.` (RFC 8461 §3.1, RFC 8460 §3). */
export const EXTENSION_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$/;

/** `sts-ext-value` / `tlsrpt-ext-value`: printable ASCII except `=`, `;` and space. */
export const EXTENSION_VALUE = /^[\x21-\x3a\x3c\x3e-\x7e]+$/;

/** One `;`-separated piece of a record: a field, or text that is not `name=value`. */
export type Piece =
  | { kind: 'field'; name: string; value: string; position: number }
  | { kind: 'syntax'; text: string; position: number }
  | { kind: 'empty'; position: number };

/** Split record text at `;` (with optional spaces and tabs around, `field-delim`) into `name=value` fields, in order. */
export function splitFields(text: string): Piece[] {
  const pieces: Piece[] = [];
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf(';', start);
    if (end === -1) end = text.length;
    const raw = text.slice(start, end);
    const lead = raw.length - raw.trimStart().length;
    const body = raw.trim();
    const position = start + lead;
    if (body === '') {
      if (end < text.length) pieces.push({ kind: 'empty', position });
    } else {
      const eq = body.indexOf('=');
      if (eq <= 0) pieces.push({ kind: 'syntax', text: body, position });
      else pieces.push({ kind: 'field', name: body.slice(0, eq), value: body.slice(eq + 1), position });
    }
    start = end + 1;
  }
  return pieces;
}

/** Whether `text` begins with `prefix` as a whole version value (followed by `;`, a space, a tab or the end). */
export function beginsWithVersion(text: string, prefix: string): boolean {
  if (!text.startsWith(prefix)) return false;
  const next = text[prefix.length];
  return next === undefined || next === ';' || next === ' ' || next === '\t';
}

/** A problem both records' fields can have (their problem codes share these). */
export interface FieldProblem {
  code: 'field-syntax' | 'duplicate-field' | 'bad-extension' | 'too-long';
  severity: Severity;
  position: number;
  detail?: string;
}

/**
 * Read the fields after `v=` (RFC 8461 §3.1, RFC 8460 §3): an empty piece is a warning; a piece that is not
 * `name=value`, a repeated name and a second `v` are errors. Each other field goes once to `known`; when it returns
 * false the field is an extension, kept if its name and value are valid. Returns the names seen, or undefined when
 * the text is longer than {@link MAX_RECORD_LENGTH} (reported, not read).
 */
export function readFields(
  text: string,
  report: (problem: FieldProblem) => void,
  known: (name: string, value: string, position: number) => boolean,
  extensions: TxtField[],
): Set<string> | undefined {
  if (text.length > MAX_RECORD_LENGTH) {
    report({ code: 'too-long', severity: 'error', position: MAX_RECORD_LENGTH, detail: String(MAX_RECORD_LENGTH) });
    return undefined;
  }
  const seen = new Set<string>();
  for (const piece of splitFields(text).slice(1)) {
    if (piece.kind === 'empty') {
      report({ code: 'field-syntax', severity: 'warning', position: piece.position, detail: ';' });
      continue;
    }
    if (piece.kind === 'syntax') {
      report({ code: 'field-syntax', severity: 'error', position: piece.position, detail: piece.text });
      continue;
    }
    const { name, value, position } = piece;
    if (seen.has(name) || name === 'v') {
      report({ code: 'duplicate-field', severity: 'error', position, detail: name });
      continue;
    }
    seen.add(name);
    if (known(name, value, position)) continue;
    if (!EXTENSION_NAME.test(name) || !EXTENSION_VALUE.test(value)) report({ code: 'bad-extension', severity: 'error', position, detail: `${name}=${value}` });
    else extensions.push({ name, value, position });
  }
  return seen;
}

/**
 * Choose the record among a name's TXT strings (RFC 8461 §3.1, RFC 8460 §3): strings not beginning with `version`
 * are discarded; anything but exactly one left means no record; one that does not parse means none either.
 */
export function selectVersioned<R extends { valid: boolean }>(
  name: string,
  texts: readonly string[],
  version: string,
  parse: (text: string) => { ok: true; record: R } | { ok: false },
): TxtRecordLookup<R> {
  const candidates = texts.filter((t) => beginsWithVersion(t, version));
  if (candidates.length > 1) return { status: 'multiple', name, texts: candidates };
  const only = candidates[0];
  const ignored = texts.filter((t) => !beginsWithVersion(t, version));
  if (only === undefined) return { status: 'none', name, dns: 'records', ignored };
  const parsed = parse(only);
  if (!parsed.ok) return { status: 'none', name, dns: 'records', ignored: texts.slice() };
  return { status: parsed.record.valid ? 'found' : 'invalid', name, record: parsed.record };
}

/** Look up the TXT records at `name` and `select` among them, noting the query in `trace`. */
export async function lookupVersioned<R>(
  name: string,
  resolver: Resolver,
  trace: MtaStsStep[],
  select: (name: string, texts: readonly string[]) => TxtRecordLookup<R>,
): Promise<TxtRecordLookup<R>> {
  const answer = await resolver.query(name, 'TXT');
  trace.push({ kind: 'lookup', name, type: 'TXT', answer });
  switch (answer.status) {
    case 'records':
      return select(name, answer.records.map((strings) => strings.join('')));
    case 'nxdomain':
    case 'nodata':
      return { status: 'none', name, dns: answer.status, ignored: [] };
    case 'error':
      return { status: 'temperror', name, dns: 'error', rcode: answer.rcode };
    case 'timeout':
      return { status: 'temperror', name, dns: 'timeout' };
  }
}
