import { formatIp, parseIpv4, parseIpv6 } from './ip.js';
import { columnOf, decodeEscapes, ZoneLexer, type ZoneToken } from './zone-lex.js';
import type {
  SoaRecord,
  Zone,
  ZoneErrorCode,
  ZoneParseOptions,
  ZoneParseResult,
  ZoneRecord,
  ZoneRecordTypes,
  ZoneRrType,
  ZoneSyntaxError,
  ZoneWarning,
} from './zone-types.js';

const MAX_TTL = 2 ** 31 - 1; // RFC 2181 §8
const MAX_RDATA = 65535;
const MAX_TOKENS_PER_ENTRY = 4096;
const CLASSES = new Set(['IN', 'CH', 'CS', 'HS', 'ANY', 'NONE']);
const SERVED = new Set<ZoneRrType>(['TXT', 'SPF', 'A', 'AAAA', 'MX', 'PTR', 'CNAME', 'NS', 'SOA']);
/** Real record types inkan has no use for: skipped with a warning so ordinary zone files still load. */
const SKIPPED = new Set([
  'AFSDB', 'APL', 'CAA', 'CDNSKEY', 'CDS', 'CERT', 'DHCID', 'DNAME', 'DNSKEY', 'DS', 'HINFO', 'HIP', 'HTTPS',
  'IPSECKEY', 'KEY', 'KX', 'LOC', 'NAPTR', 'NSEC', 'NSEC3', 'NSEC3PARAM', 'OPENPGPKEY', 'RP', 'RRSIG', 'SIG',
  'SMIMEA', 'SRV', 'SSHFP', 'SVCB', 'TLSA', 'URI', 'ZONEMD',
]);

type Failure = { error: ZoneSyntaxError };

function fail(code: ZoneErrorCode, token: Pick<ZoneToken, 'line' | 'column'>, detail?: string): Failure {
  const error: ZoneSyntaxError = { code, line: token.line, column: token.column };
  if (detail !== undefined) error.detail = detail;
  return { error };
}

function isFailure<T>(value: T | Failure): value is Failure {
  return typeof value === 'object' && value !== null && 'error' in value;
}

/** Lower-case a domain name given in options or `$ORIGIN` and drop its trailing dot. */
function normalizeOrigin(origin: string): string {
  const lower = origin.toLowerCase();
  return lower.endsWith('.') ? lower.slice(0, -1) : lower;
}

/** A `<domain-name>` (RFC 1035 §5.1): `@`, relative to the origin, or absolute with a final dot. */
function parseName(token: ZoneToken, origin: string | undefined): string | Failure {
  if (token.quoted) return fail('bad-name', token, token.raw);
  const raw = token.raw;
  if (raw === '@') return origin ?? fail('no-origin', token, raw);
  if (raw === '.') return '';
  const pieces: Array<{ text: string; offset: number }> = [];
  let start = 0;
  for (let i = 0; i < raw.length; i++) {
    if (raw[i] === '\\') i++;
    else if (raw[i] === '.') {
      pieces.push({ text: raw.slice(start, i), offset: start });
      start = i + 1;
    }
  }
  const absolute = start === raw.length && raw.length > 0;
  if (!absolute) pieces.push({ text: raw.slice(start), offset: start });
  const labels: string[] = [];
  for (const piece of pieces) {
    const at = { line: token.line, column: columnOf(token, piece.offset) };
    if (piece.text === '') return fail('bad-name', at, raw);
    const bytes = decodeEscapes({ ...token, raw: piece.text, column: at.column });
    if (isZoneError(bytes)) return { error: bytes };
    if (bytes.includes(0x2e) || bytes.length > 63) return fail('bad-name', at, raw);
    labels.push(Buffer.from(bytes).toString('utf8').toLowerCase());
  }
  let name = labels.join('.');
  if (!absolute) {
    if (origin === undefined) return fail('no-origin', token, raw);
    if (origin !== '') name = `${name}.${origin}`;
  }
  return name.length > 253 ? fail('bad-name', token, raw) : name;
}

function isZoneError(value: unknown): value is ZoneSyntaxError {
  return typeof value === 'object' && value !== null && 'code' in value;
}

/** A TTL: seconds, or BIND's `1h30m` units; at most 2^31 - 1 (RFC 2181 §8). */
function parseTtl(token: ZoneToken): number | Failure {
  const raw = token.raw.toLowerCase();
  let seconds = NaN;
  if (!token.quoted && /^\d{1,10}$/.test(raw)) seconds = Number(raw);
  else if (!token.quoted && /^(?:\d{1,10}[wdhms]){1,5}$/.test(raw)) {
    const unit: Record<string, number> = { w: 604800, d: 86400, h: 3600, m: 60, s: 1 };
    seconds = 0;
    for (const [, n, u] of raw.matchAll(/(\d+)([wdhms])/g)) seconds += Number(n) * unit[u!]!;
  }
  return Number.isFinite(seconds) && seconds <= MAX_TTL ? seconds : fail('bad-ttl', token, token.raw);
}

function parseNumber(token: ZoneToken, max: number): number | Failure {
  const value = !token.quoted && /^\d{1,10}$/.test(token.raw) ? Number(token.raw) : NaN;
  return value <= max ? value : fail('bad-number', token, token.raw);
}

/** Parse the RDATA of one served type from its tokens. */
function parseRdata(
  type: ZoneRrType,
  typeToken: ZoneToken,
  rdata: ZoneToken[],
  origin: string | undefined,
): ZoneRecordTypes[ZoneRrType] | Failure {
  const count = (n: number): Failure | undefined => {
    if (rdata.length < n) return fail('missing-rdata', typeToken, type);
    if (rdata.length > n) return fail('extra-rdata', rdata[n]!, rdata[n]!.raw);
    return undefined;
  };
  switch (type) {
    case 'A': {
      const bad = count(1);
      if (bad) return bad;
      const token = rdata[0]!;
      return !token.quoted && parseIpv4(token.raw) ? token.raw : fail('bad-ipv4', token, token.raw);
    }
    case 'AAAA': {
      const bad = count(1);
      if (bad) return bad;
      const token = rdata[0]!;
      const bytes = token.quoted ? undefined : parseIpv6(token.raw);
      return bytes ? formatIp({ family: 6, bytes }) : fail('bad-ipv6', token, token.raw);
    }
    case 'CNAME':
    case 'PTR':
    case 'NS':
      return count(1) ?? parseName(rdata[0]!, origin);
    case 'MX': {
      const bad = count(2);
      if (bad) return bad;
      const preference = parseNumber(rdata[0]!, 0xffff);
      if (isFailure(preference)) return preference;
      const exchange = parseName(rdata[1]!, origin);
      return isFailure(exchange) ? exchange : { preference, exchange };
    }
    case 'TXT':
    case 'SPF': {
      if (rdata.length === 0) return fail('missing-rdata', typeToken, type);
      const strings: string[] = [];
      let size = 0;
      for (const token of rdata) {
        const bytes = decodeEscapes(token);
        if (isZoneError(bytes)) return { error: bytes };
        if (bytes.length > 255) return fail('string-too-long', token, `${bytes.length}`);
        size += bytes.length + 1;
        if (size > MAX_RDATA) return fail('rdata-too-long', token, `${size}`);
        strings.push(Buffer.from(bytes).toString('utf8'));
      }
      return strings;
    }
    case 'SOA': {
      const bad = count(7);
      if (bad) return bad;
      const mname = parseName(rdata[0]!, origin);
      if (isFailure(mname)) return mname;
      const rname = parseName(rdata[1]!, origin);
      if (isFailure(rname)) return rname;
      const serial = parseNumber(rdata[2]!, 0xffffffff);
      if (isFailure(serial)) return serial;
      const times: number[] = [];
      for (const token of rdata.slice(3)) {
        const ttl = parseTtl(token);
        if (isFailure(ttl)) return ttl;
        times.push(ttl);
      }
      const [refresh, retry, expire, minimum] = times as [number, number, number, number];
      return { mname, rname, serial, refresh, retry, expire, minimum } satisfies SoaRecord;
    }
  }
}

/** Mutable state while reading one file. */
interface ParseState {
  origin: string | undefined;
  owner: string | undefined;
  dollarTtl: number | undefined;
  lastTtl: number | undefined;
  soaMinimum: number | undefined;
  /** Which names hold a CNAME, and which hold other data (RFC 1034 §3.6.2 forbids both). */
  kinds: Map<string, 'cname' | 'other'>;
}

function directive(tokens: ZoneToken[], state: ParseState): Failure | undefined {
  const [word, arg, extra] = tokens as [ZoneToken, ZoneToken?, ZoneToken?];
  const name = word.raw.toUpperCase();
  if (name === '$INCLUDE') return fail('unsupported-directive', word, word.raw);
  if (name !== '$ORIGIN' && name !== '$TTL') return fail('unknown-directive', word, word.raw);
  if (!arg) return fail('missing-rdata', word, word.raw);
  if (extra) return fail('extra-rdata', extra, extra.raw);
  if (name === '$TTL') {
    const ttl = parseTtl(arg);
    if (isFailure(ttl)) return ttl;
    state.dollarTtl = ttl;
    return undefined;
  }
  const origin = parseName(arg, state.origin);
  if (isFailure(origin)) return origin;
  state.origin = origin;
  return undefined;
}

/** Read one `<rr>` entry (RFC 1035 §5.1); undefined data means a skipped type (warning pushed). */
function record(
  tokens: ZoneToken[],
  ownerOmitted: boolean,
  state: ParseState,
  options: ZoneParseOptions,
  warnings: ZoneWarning[],
): ZoneRecord | undefined | Failure {
  let index = 0;
  let owner = state.owner;
  if (!ownerOmitted) {
    const name = parseName(tokens[0]!, state.origin);
    if (isFailure(name)) return name;
    owner = name;
    index = 1;
  } else if (owner === undefined) return fail('no-owner', tokens[0]!);
  state.owner = owner;
  let ttl: number | undefined;
  let sawClass = false;
  for (let seen = 0; seen < 2; seen++) {
    const token = tokens[index];
    if (!token || token.quoted) break;
    const upper = token.raw.toUpperCase();
    if (ttl === undefined && /^\d/.test(token.raw)) {
      const parsed = parseTtl(token);
      if (isFailure(parsed)) return parsed;
      ttl = parsed;
    } else if (!sawClass && (CLASSES.has(upper) || /^CLASS\d+$/.test(upper))) {
      if (upper !== 'IN') return fail('unsupported-class', token, token.raw);
      sawClass = true;
    } else break;
    index++;
  }
  const typeToken = tokens[index];
  if (!typeToken) return fail('missing-type', tokens[tokens.length - 1]!);
  const type = typeToken.raw.toUpperCase();
  if (typeToken.quoted || !SERVED.has(type as ZoneRrType)) {
    if (typeToken.quoted || !(SKIPPED.has(type) || /^TYPE\d+$/.test(type))) {
      return fail('unknown-type', typeToken, typeToken.raw);
    }
    warnings.push({ code: 'unsupported-type', line: typeToken.line, column: typeToken.column, detail: typeToken.raw });
    return undefined;
  }
  const rrType = type as ZoneRrType;
  const data = parseRdata(rrType, typeToken, tokens.slice(index + 1), state.origin);
  if (isFailure(data)) return data;
  const kind = rrType === 'CNAME' ? 'cname' : 'other';
  const previous = state.kinds.get(owner);
  if (previous === 'cname' || (previous === 'other' && kind === 'cname')) {
    return fail('cname-and-other-data', typeToken, owner);
  }
  state.kinds.set(owner, kind);
  if (ttl !== undefined) state.lastTtl = ttl;
  if (rrType === 'SOA') state.soaMinimum = (data as SoaRecord).minimum;
  ttl ??= state.dollarTtl ?? state.lastTtl ?? state.soaMinimum ?? options.defaultTtl ?? 3600;
  return { name: owner, type: rrType, ttl, data, line: typeToken.line } as ZoneRecord;
}

function firstLongLine(text: string, max: number): number | undefined {
  let line = 1;
  for (let start = 0; start <= text.length; line++) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    if (end - start > max) return line;
    start = end + 1;
  }
  return undefined;
}

/**
 * Parse an RFC 1035 §5 master file: `$ORIGIN`, `$TTL` (RFC 2308 §4), `@`, relative names, omitted owners,
 * TTL and class in either order, parentheses, comments, quoted strings with escapes. Linear time; never throws.
 */
export function parseZone(text: string, options: ZoneParseOptions = {}): ZoneParseResult {
  const maxLength = options.maxLength ?? 16 * 1024 * 1024;
  if (text.length > maxLength) return { ok: false, error: { code: 'too-large', line: 1, column: 1, detail: `${text.length}` } };
  const longLine = firstLongLine(text, options.maxLineLength ?? 65535);
  if (longLine !== undefined) return { ok: false, error: { code: 'line-too-long', line: longLine, column: 1 } };
  const origin = options.origin === undefined ? undefined : normalizeOrigin(options.origin);
  const state: ParseState = {
    origin,
    owner: undefined,
    dollarTtl: undefined,
    lastTtl: undefined,
    soaMinimum: undefined,
    kinds: new Map(),
  };
  const records: ZoneRecord[] = [];
  const warnings: ZoneWarning[] = [];
  const maxRecords = options.maxRecords ?? 100000;
  const lexer = new ZoneLexer(text);
  for (;;) {
    const entry = lexer.next(MAX_TOKENS_PER_ENTRY);
    if (entry === undefined) break;
    if (!('tokens' in entry)) return { ok: false, error: entry };
    const first = entry.tokens[0]!;
    if (!entry.ownerOmitted && !first.quoted && first.raw.startsWith('$')) {
      const failed = directive(entry.tokens, state);
      if (failed) return { ok: false, error: failed.error };
      continue;
    }
    const parsed = record(entry.tokens, entry.ownerOmitted, state, options, warnings);
    if (isFailure(parsed)) return { ok: false, error: parsed.error };
    if (parsed === undefined) continue;
    if (records.length >= maxRecords) return { ok: false, error: { code: 'too-many-records', line: parsed.line, column: 1 } };
    records.push(parsed);
  }
  const zone: Zone = { records, warnings };
  if (origin !== undefined) zone.origin = origin;
  return { ok: true, zone };
}
