import type { DnsAnswer } from './types.js';

/** Options for {@link DnsCache}. */
export interface DnsCacheOptions {
  /** Most answers kept; the least recently used goes first. Default 10000. */
  maxEntries?: number;
  /** Longest time a positive answer is kept, in seconds. Default 86400 (one day). */
  maxTtl?: number;
  /** Longest time NXDOMAIN/NODATA is kept, in seconds (RFC 2308 §5 suggests 1 to 3 hours). Default 10800. */
  maxNegativeTtl?: number;
  /** The clock, in milliseconds. Default `Date.now`. */
  now?: () => number;
}

interface Entry {
  answer: DnsAnswer<unknown>;
  expires: number;
}

/**
 * A bounded LRU cache of answers honouring their TTLs. Records live for their smallest TTL,
 * negative answers for their SOA-derived TTL (RFC 2308 §5); errors, timeouts, TTL 0 and
 * negative answers without a TTL are not kept.
 */
export class DnsCache {
  private readonly entries = new Map<string, Entry>();
  private readonly maxEntries: number;
  private readonly maxTtl: number;
  private readonly maxNegativeTtl: number;
  private readonly now: () => number;

  constructor(options: DnsCacheOptions = {}) {
    this.maxEntries = Math.max(1, options.maxEntries ?? 10000);
    this.maxTtl = options.maxTtl ?? 86400;
    this.maxNegativeTtl = options.maxNegativeTtl ?? 10800;
    this.now = options.now ?? Date.now;
  }

  /** How many answers are held (expired ones included until touched). */
  get size(): number {
    return this.entries.size;
  }

  /** The cached answer with its TTL counted down to what remains, or undefined. */
  get<A extends DnsAnswer<unknown>>(key: string): A | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    const now = this.now();
    if (entry.expires <= now) {
      this.entries.delete(key);
      return undefined;
    }
    this.entries.delete(key);
    this.entries.set(key, entry);
    const ttl = Math.ceil((entry.expires - now) / 1000);
    const answer = entry.answer;
    if (answer.status === 'records') return { ...answer, records: answer.records.slice(), ttl } as A;
    return { ...answer, ttl } as A;
  }

  /** Keep `answer` if it may be cached; returns whether it was. */
  set(key: string, answer: DnsAnswer<unknown>): boolean {
    let seconds: number;
    if (answer.status === 'records') seconds = Math.min(answer.ttl, this.maxTtl);
    else if ((answer.status === 'nxdomain' || answer.status === 'nodata') && answer.ttl !== undefined) {
      seconds = Math.min(answer.ttl, this.maxNegativeTtl);
    } else return false;
    if (!(seconds > 0)) return false;
    this.entries.delete(key);
    while (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (oldest.done) break;
      this.entries.delete(oldest.value);
    }
    this.entries.set(key, { answer, expires: this.now() + seconds * 1000 });
    return true;
  }

  /** Forget everything. */
  clear(): void {
    this.entries.clear();
  }
}
