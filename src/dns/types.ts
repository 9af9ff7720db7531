/** Record types inkan asks for. `SPF` (type 99) is only looked up by lint, to warn that it is obsolete (RFC 7208 §3.1). */
export type RrType = 'TXT' | 'A' | 'AAAA' | 'MX' | 'PTR' | 'CNAME' | 'NS' | 'SPF';

/** One TXT record: its character-strings in order (RFC 1035 §3.3.14), each decoded as UTF-8. */
export type TxtRecord = string[];

/** One MX record (RFC 1035 §3.3.9). */
export interface MxRecord {
  preference: number;
  exchange: string;
}

/** What the records of each type look like once decoded. A/AAAA are textual addresses, names have no trailing dot. */
export interface RecordTypes {
  TXT: TxtRecord;
  A: string;
  AAAA: string;
  MX: MxRecord;
  PTR: string;
  CNAME: string;
  NS: string;
  SPF: TxtRecord;
}

/**
 * The answer to one question. SPF, DMARC and the audit need to tell these apart:
 * an NXDOMAIN is not a NODATA (void lookups, RFC 7208 §4.6.4), and neither is a failure (temperror).
 */
export type DnsAnswer<T> =
  | {
      status: 'records';
      records: T[];
      /** Smallest TTL of the answer set, in seconds. */
      ttl: number;
      /** CNAMEs followed on the way, in order (owner names). */
      cnames?: string[];
      /** The AD bit: the resolver says it validated the answer with DNSSEC. */
      authenticated?: boolean;
    }
  | { status: 'nxdomain'; ttl?: number; cnames?: string[]; authenticated?: boolean }
  | { status: 'nodata'; ttl?: number; cnames?: string[]; authenticated?: boolean }
  | { status: 'error'; rcode: string; message?: string }
  | { status: 'timeout'; message?: string };

/** The status word of an answer. */
export type DnsStatus = DnsAnswer<unknown>['status'];

/** Per-query options. */
export interface QueryOptions {
  /** Abandon the query when this signal aborts; the answer is then `timeout`. */
  signal?: AbortSignal;
}

/** The one way inkan asks DNS anything. Implementations never throw for DNS outcomes: they answer. */
export interface Resolver {
  /** Ask for the records of `type` at `name` (absolute, with or without a trailing dot). */
  query<T extends RrType>(name: string, type: T, options?: QueryOptions): Promise<DnsAnswer<RecordTypes[T]>>;
}
