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
  // A character test, not `endsWith('.')`: that builtin call costs several times more, on every query.
  return lower.charCodeAt(lower.length - 1) === 0x2e ? lower.slice(0, -1) : lower;
}

/** `answer` with the CNAMEs followed to reach it, when there were any (set, not spread: this runs per query). */
function withCnames<A extends DnsAnswer<unknown>>(answer: A, cnames: string[]): A {
  if (cnames.length) (answer as A & { cnames?: string[] }).cnames = cnames;
  return answer;
}

/** A resolver that answers from records held in memory: for tests, examples and benchmarks. */
export class MemoryResolver implements Resolver {
  private readonly nodes = new Map<string, NodeRecords>();
  private readonly faults = new Map<string, { fault: Fault; exceptTypes?: ReadonlySet<RrType> }>();
  private readonly ancestors = new Set<string>();
  /** TTL of each rrset that was given one, keyed `name type`. */
  private readonly rrsetTtl = new Map<string, number>();
  /** Negative-answer TTL of each zone apex (RFC 2308 §5: the SOA minimum). */
  private readonly negativeTtls = new Map<string, number>();
  private readonly ttl: number;
  private readonly emptyNonTerminals: boolean;
  private readonly maxCnameChain: number;

  constructor(options: MemoryResolverOptions = {}) {
    this.ttl = options.ttl ?? 3600;
    this.emptyNonTerminals = options.emptyNonTerminals ?? true;
    this.maxCnameChain = options.maxCnameChain ?? 8;
  }

  /** Add one record; `ttl` (seconds) sets its rrset's TTL, the smallest given winning (RFC 2181 §5.2). */
  add<T extends RrType>(name: string, type: T, record: RecordTypes[T], ttl?: number): this {
    const key = normalizeName(name);
    if (ttl !== undefined) {
      const rrset = `${key} ${type}`;
      this.rrsetTtl.set(rrset, Math.min(ttl, this.rrsetTtl.get(rrset) ?? ttl));
    }
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

  /** Answer NXDOMAIN and NODATA at and below `apex` with this TTL (seconds): the zone's SOA minimum (RFC 2308 §5). */
  setNegativeTtl(apex: string, ttl: number): this {
    this.negativeTtls.set(normalizeName(apex), ttl);
    return this;
  }

  /** The TTL of the rrset of `type` at `name`. */
  ttlOf(name: string, type: RrType): number {
    if (this.rrsetTtl.size === 0) return this.ttl;
    return this.rrsetTtl.get(`${normalizeName(name)} ${type}`) ?? this.ttl;
  }

  /** The negative-answer TTL for `name`: that of the closest enclosing apex, else the default TTL. */
  negativeTtlOf(name: string): number {
    if (this.negativeTtls.size === 0) return this.ttl;
    let key = normalizeName(name);
    for (;;) {
      const ttl = this.negativeTtls.get(key);
      if (ttl !== undefined) return ttl;
      if (key === '') return this.ttl;
      const dot = key.indexOf('.');
      key = dot === -1 ? '' : key.slice(dot + 1);
    }
  }

  /** Make every query for `name` fail this way, except queries for `exceptTypes`, which are answered. */
  setFault(name: string, fault: Fault, exceptTypes?: Iterable<RrType>): this {
    this.faults.set(normalizeName(name), { fault, ...(exceptTypes ? { exceptTypes: new Set(exceptTypes) } : {}) });
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
    let chainTtl = Infinity;
    for (;;) {
      const faulty = this.faults.get(key);
      const fault = faulty && !faulty.exceptTypes?.has(type) ? faulty.fault : undefined;
      if (fault === 'timeout') return { status: 'timeout', message: `simulated timeout for ${key}` };
      if (fault) return { status: 'error', rcode: fault.toUpperCase() };
      const node = this.nodes.get(key);
      if (!node) {
        const status = this.emptyNonTerminals && this.ancestors.has(key) ? 'nodata' : 'nxdomain';
        return withCnames({ status, ttl: Math.min(chainTtl, this.negativeTtlOf(key)) }, cnames);
      }
      const records = node[type] as RecordTypes[T][] | undefined;
      if (records && records.length) {
        return withCnames({ status: 'records', records: records.slice(), ttl: Math.min(chainTtl, this.ttlOf(key, type)) }, cnames);
      }
      const target = type === 'CNAME' ? undefined : node.CNAME?.[0];
      if (target === undefined) return withCnames({ status: 'nodata', ttl: Math.min(chainTtl, this.negativeTtlOf(key)) }, cnames);
      chainTtl = Math.min(chainTtl, this.ttlOf(key, 'CNAME'));
      cnames.push(key);
      if (cnames.length > this.maxCnameChain || cnames.includes(normalizeName(target))) {
        return { status: 'error', rcode: 'SERVFAIL', message: `CNAME chain too long or looping at ${key}` };
      }
      key = normalizeName(target);
    }
  }
}
