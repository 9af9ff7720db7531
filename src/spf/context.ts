import type { DnsAnswer, RecordTypes, Resolver, RrType } from '../dns/types.js';
import type { MacroVariables } from './macro.js';
import type { SpfErrorReason, SpfOptions, Step } from './types.js';
import { SPF_LIMITS } from './limits.js';
import { Deadline } from '../dns/deadline.js';

/** Internal: stops evaluation with `permerror` or `temperror`; caught by check_host(). */
export class SpfAbort {
  constructor(
    readonly result: 'permerror' | 'temperror',
    readonly reason: SpfErrorReason,
  ) {}
}

const ABORTED = Symbol('aborted');
const noop = (): void => {};

/** A query in flight: the answer, or ABORTED when the deadline passed first. */
export type PendingAnswer<T> = Promise<DnsAnswer<T> | typeof ABORTED>;

/** The state of one check_host() run: resolver, limits, counters, trace and macro variables. */
export class EvalContext {
  lookups = 0;
  voidLookups = 0;
  queries = 0;
  readonly trace: Step[] | undefined;
  readonly maxLookups: number;
  readonly maxVoidLookups: number;
  readonly maxNames: number;
  private readonly resolver: Resolver;
  private readonly signal: AbortSignal | undefined;
  private readonly aborted: Promise<typeof ABORTED> | undefined;
  private readonly timeout: number | undefined;
  private readonly deadline: Deadline<typeof ABORTED>;

  constructor(
    options: SpfOptions,
    readonly vars: MacroVariables,
  ) {
    this.resolver = options.resolver;
    this.maxLookups = options.maxLookups ?? SPF_LIMITS.lookups;
    this.maxVoidLookups = options.maxVoidLookups ?? SPF_LIMITS.voidLookups;
    this.maxNames = options.maxNamesPerLookup ?? SPF_LIMITS.namesPerLookup;
    this.trace = options.trace === false ? undefined : [];
    this.timeout = options.timeout;
    this.deadline = new Deadline(options, ABORTED);
    this.signal = this.deadline.signal;
    this.aborted = this.deadline.fired;
  }

  /** Release the deadline timer and stop listening to the caller's signal (it may outlive many checks). */
  close(): void {
    this.deadline.close();
  }

  /** Stop with an error result, leaving an `error` step in the trace. */
  fail(result: 'permerror' | 'temperror', reason: SpfErrorReason, domain: string, depth: number): never {
    this.trace?.push({ kind: 'error', domain, reason: reason.code, depth });
    throw new SpfAbort(result, reason);
  }

  /** Count one DNS-querying term (RFC 7208 §4.6.4); the one past the limit is a permerror. */
  countTerm(domain: string, term: string, depth: number): void {
    if (++this.lookups <= this.maxLookups) return;
    this.lookups = this.maxLookups;
    this.trace?.push({ kind: 'limit', which: 'dns', count: this.maxLookups + 1, depth });
    this.fail('permerror', { code: 'too-many-lookups', domain, term, limit: this.maxLookups }, domain, depth);
  }

  /** Send a query without waiting: lookups that do not depend on each other run in parallel. */
  start<T extends RrType>(name: string, type: T): PendingAnswer<RecordTypes[T]> {
    this.queries++;
    if (this.signal?.aborted) return Promise.resolve(ABORTED);
    const pending = this.resolver.query(name, type, this.signal ? { signal: this.signal } : undefined);
    pending.catch(noop);
    if (!this.aborted) return pending;
    const raced = Promise.race([pending, this.aborted]);
    raced.catch(noop);
    return raced;
  }

  /**
   * Take the awaited answer of a started query and record it in the trace; past the deadline the check is a
   * temperror. When `voidTerm` is given this is a term's own lookup: an NXDOMAIN or empty answer counts as a void
   * lookup (RFC 7208 §4.6.4), and the one past the limit is a permerror. Synchronous, so that the hot paths
   * await the query alone (`ctx.settle(await ctx.start(...), ...)`): each async layer costs microtask turns.
   */
  settle<T>(answer: Awaited<PendingAnswer<T>>, name: string, type: RrType, domain: string, depth: number, voidTerm?: string): DnsAnswer<T> {
    if (answer === ABORTED) {
      this.fail('temperror', this.timeout === undefined ? { code: 'deadline' } : { code: 'deadline', timeout: this.timeout }, domain, depth);
    }
    const isVoid = voidTerm !== undefined && isVoidAnswer(answer);
    if (isVoid) this.voidLookups++;
    this.trace?.push({ kind: 'lookup', name, type, answer, lookupsSoFar: this.lookups, voidSoFar: this.voidLookups, depth });
    if (isVoid && this.voidLookups > this.maxVoidLookups) {
      this.trace?.push({ kind: 'limit', which: 'void', count: this.voidLookups, depth });
      this.fail('permerror', { code: 'too-many-void-lookups', domain, term: voidTerm, limit: this.maxVoidLookups }, domain, depth);
    }
    return answer;
  }

  /** Query and wait (see {@link settle}). */
  async query<T extends RrType>(name: string, type: T, domain: string, depth: number, voidTerm?: string): Promise<DnsAnswer<RecordTypes[T]>> {
    return this.settle(await this.start(name, type), name, type, domain, depth, voidTerm);
  }

  /** Turn a DNS failure (timeout, SERVFAIL, ...) into temperror (RFC 7208 §5, §4.4). */
  dnsFailure(answer: DnsAnswer<unknown>, name: string, type: RrType, domain: string, depth: number): void {
    if (answer.status === 'timeout') this.fail('temperror', { code: 'dns-timeout', name, type }, domain, depth);
    if (answer.status === 'error') this.fail('temperror', { code: 'dns-error', name, type, rcode: answer.rcode }, domain, depth);
  }
}

/** NXDOMAIN, NODATA, or a records answer with nothing in it. */
export function isVoidAnswer(answer: DnsAnswer<unknown>): boolean {
  return answer.status === 'nxdomain' || answer.status === 'nodata' || (answer.status === 'records' && answer.records.length === 0);
}
