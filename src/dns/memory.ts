import type { DnsAnswer, RecordTypes, Resolver, RrType } from './types.js';

/** A fault to simulate at a name: every query for it times out or fails with that rcode. */
export type Fault = 'timeout' | 'servfail' | 'refused';

/** The records at one name, by type. */
export type NodeRecords = { [T in RrType]?: RecordTypes[T][] };

/** Options for {@link MemoryResolver}. */
export interface MemoryResolverOptions {
  /** TTL reported for every answer, in seconds. Default 3600. */
  ttl?: number;
  /**
   * A name with no records but with names below it answers NODATA, as real DNS does (RFC 8020).
   * Set false to answer NXDOMAIN for every name without records of its own. Default true.
   */
  emptyNonTerminals?: boolean;
  /** How many CNAMEs to follow before answering SERVFAIL. Default 8. */
  maxCnameChain?: number;
}

/** Lower-case a name and drop its trailing dot: the key every resolver uses. */
export function normalizeName(name: string): string {
  const lower = name.toLowerCase();
  return lower.endsWith('.') ? lower.slice(0, -1) : lower;
}

/** A resolver that answers from records held in memory: for tests, examples and benchmarks. */
export class MemoryResolver implements Resolver {
  private readonly nodes = new Map<string, NodeRecords>();
  private readonly faults = new Map<string, Fault>();
  private readonly ancestors = new Set<string>();
  private readonly ttl: number;
  private readonly emptyNonTerminals: boolean;
  private readonly maxCnameChain: number;

  constructor(options: MemoryResolverOptions = {}) {
    this.ttl = options.ttl ?? 3600;
    this.emptyNonTerminals = options.emptyNonTerminals ?? true;
    this.maxCnameChain = options.maxCnameChain ?? 8;
  }

  /** Add one record. */
  add<T extends RrType>(name: string, type: T, record: RecordTypes[T]): this {
    const key = normalizeName(name);
    let node = this.nodes.get(key);
    if (!node) {
      node = {};
      this.nodes.set(key, node);
      for (let dot = key.indexOf('.'); dot !== -1; dot = key.indexOf('.', dot + 1)) this.ancestors.add(key.slice(dot + 1));
    }
    const list = (node[type] ??= []) as RecordTypes[T][];
    list.push(record);
    return this;
  }

  /** Make every query for `name` fail this way. */
  setFault(name: string, fault: Fault): this {
    this.faults.set(normalizeName(name), fault);
    return this;
  }

  /** Whether the name has any records or a fault. */
  has(name: string): boolean {
    const key = normalizeName(name);
    return this.nodes.has(key) || this.faults.has(key);
  }

  async query<T extends RrType>(name: string, type: T): Promise<DnsAnswer<RecordTypes[T]>> {
    return this.answer(name, type);
  }

  /** The same answer as {@link query}, synchronously. */
  answer<T extends RrType>(name: string, type: T): DnsAnswer<RecordTypes[T]> {
    let key = normalizeName(name);
    const cnames: string[] = [];
    for (;;) {
      const fault = this.faults.get(key);
      if (fault === 'timeout') return { status: 'timeout', message: `simulated timeout for ${key}` };
      if (fault) return { status: 'error', rcode: fault.toUpperCase() };
      const node = this.nodes.get(key);
      const withChain = cnames.length ? { cnames } : {};
      if (!node) {
        const status = this.emptyNonTerminals && this.ancestors.has(key) ? 'nodata' : 'nxdomain';
        return { status, ttl: this.ttl, ...withChain };
      }
      const records = node[type] as RecordTypes[T][] | undefined;
      if (records && records.length) return { status: 'records', records: records.slice(), ttl: this.ttl, ...withChain };
      const target = type === 'CNAME' ? undefined : node.CNAME?.[0];
      if (target === undefined) return { status: 'nodata', ttl: this.ttl, ...withChain };
      cnames.push(key);
      if (cnames.length > this.maxCnameChain || cnames.includes(normalizeName(target))) {
        return { status: 'error', rcode: 'SERVFAIL', message: `CNAME chain too long or looping at ${key}` };
      }
      key = normalizeName(target);
    }
  }
}
