/** The Resolver interface, answer and record types. */
export * from './types.js';
/** IP address parsing, formatting, networks and reverse names. */
export * from './ip.js';
/** MemoryResolver (records held in memory, per-rrset TTLs, faults) and normalizeName. */
export * from './memory.js';
/** Zone-file record, error and option types. */
export * from './zone-types.js';
/** parseZone: an RFC 1035 §5 master file to records, or an error with line and column. */
export { parseZone } from './zone.js';
/** zoneToResolver and loadZone: answer from master files with their TTLs. */
export * from './zone-load.js';
/** A DNS server's host and port. */
export type { ServerAddress } from './transport.js';
/** DnsCache: the bounded LRU cache that honours TTLs (RFC 2308 for negative answers). */
export * from './cache.js';
/** SystemResolver (real DNS over UDP/TCP), parseServerAddress and defaultServers. */
export * from './system.js';
/** rcodeName: the RFC name of a response code. */
export { rcodeName } from './wire.js';
/** memoizeResolver: each (name, type) asked once per wrapper (one message's checks). */
export * from './memo.js';
/** describeAnswer: a DNS answer in a few words (en/ja), for every --explain. */
export { describeAnswer } from './describe.js';
