import type { RecordTypes, RrType } from './types.js';

/** The SOA record's fields (RFC 1035 §3.3.13); `minimum` is the negative-caching TTL (RFC 2308 §4). */
export interface SoaRecord {
  mname: string;
  rname: string;
  serial: number;
  refresh: number;
  retry: number;
  expire: number;
  minimum: number;
}

/** Record types a zone file may hold: those inkan asks for, plus SOA. */
export type ZoneRrType = RrType | 'SOA';

/** Decoded data of each zone record type. */
export type ZoneRecordTypes = RecordTypes & { SOA: SoaRecord };

/** One resource record read from a master file. Names are lower case, absolute, without the trailing dot. */
export type ZoneRecord = {
  [T in ZoneRrType]: { name: string; type: T; ttl: number; data: ZoneRecordTypes[T]; line: number };
}[ZoneRrType];

/** Why a master file does not parse. */
export type ZoneErrorCode =
  | 'too-large'
  | 'line-too-long'
  | 'too-many-records'
  | 'too-many-tokens'
  | 'unbalanced-paren'
  | 'unclosed-paren'
  | 'unterminated-string'
  | 'bad-escape'
  | 'unknown-directive'
  | 'unsupported-directive'
  | 'no-owner'
  | 'no-origin'
  | 'bad-name'
  | 'bad-ttl'
  | 'unsupported-class'
  | 'missing-type'
  | 'unknown-type'
  | 'missing-rdata'
  | 'extra-rdata'
  | 'bad-ipv4'
  | 'bad-ipv6'
  | 'bad-number'
  | 'string-too-long'
  | 'rdata-too-long'
  | 'cname-and-other-data'
  | 'read-failed';

/** A master-file error with its 1-based line and column (column counts UTF-16 code units). */
export interface ZoneSyntaxError {
  code: ZoneErrorCode;
  line: number;
  column: number;
  /** The offending text, when there is one. */
  detail?: string;
}

/** Something in the file that was skipped: a record type inkan does not serve (SRV, CAA, DNSKEY, ...). */
export interface ZoneWarning {
  code: 'unsupported-type';
  line: number;
  column: number;
  detail: string;
}

/** A parsed master file. */
export interface Zone {
  /** The origin in force at the start (from options), absolute without the trailing dot. */
  origin?: string;
  records: ZoneRecord[];
  warnings: ZoneWarning[];
}

/** What `parseZone` returns. */
export type ZoneParseResult = { ok: true; zone: Zone } | { ok: false; error: ZoneSyntaxError };

/** Bounds and defaults for `parseZone`. */
export interface ZoneParseOptions {
  /** Origin for relative names until a `$ORIGIN` (RFC 1035 §5.1). */
  origin?: string;
  /** TTL of records when neither the record, `$TTL`, an earlier record nor an SOA gives one. Default 3600. */
  defaultTtl?: number;
  /** Largest accepted text, in UTF-16 code units. Default 16 MiB. */
  maxLength?: number;
  /** Longest accepted line. Default 65535. */
  maxLineLength?: number;
  /** Most records accepted. Default 100000. */
  maxRecords?: number;
}
