import type { DnsAnswer, RecordTypes, Resolver, RrType } from '../dns/types.js';
import type { DmarcStep, DnsFailure } from './types.js';
import { Deadline } from '../dns/deadline.js';

/** The answer given to every query once the evaluation's deadline has passed (told apart by identity). */
const DEADLINE: DnsAnswer<never> = { status: 'timeout', message: 'evaluation deadline' };

/** What a query is for, in the trace. */
export type QueryPurpose = 'policy' | 'org-domain' | 'existence';

/** Options the context takes. */
export interface ContextOptions {
  resolver: Resolver;
  timeout?: number | undefined;
  signal?: AbortSignal | undefined;
  trace?: boolean | undefined;
}

/**
 * The DNS side of one evaluation: each (name, type) is asked once however many walks need it, every
 * answer lands in the trace, and an optional deadline or signal turns the rest into `temperror`.
 */
export class DmarcContext {
  queries = 0;
  readonly trace: DmarcStep[] | undefined;
  private readonly resolver: Resolver;
  private readonly memo = new Map<string, Promise<DnsAnswer<unknown>>>();
  private readonly signal: AbortSignal | undefined;
  private readonly aborted: Promise<DnsAnswer<never>> | undefined;
  private readonly deadline: Deadline<DnsAnswer<never>>;

  constructor(options: ContextOptions) {
    this.resolver = options.resolver;
    this.trace = options.trace === false ? undefined : [];
    this.deadline = new Deadline(options, DEADLINE);
    this.signal = this.deadline.signal;
    this.aborted = this.deadline.fired;
  }

  /** Release the deadline timer and the caller's signal. */
  close(): void {
    this.deadline.close();
  }

  /** Record a step (when tracing). */
  step(step: DmarcStep): void {
    this.trace?.push(step);
  }

  /** Ask DNS once per (name, type); later callers share the answer. */
  query<T extends RrType>(name: string, type: T, purpose: QueryPurpose): Promise<DnsAnswer<RecordTypes[T]>> {
    const key = `${type} ${name}`;
    const known = this.memo.get(key);
    if (known) return known as Promise<DnsAnswer<RecordTypes[T]>>;
    // Without a trace or a deadline there is nothing to do after the answer: no async layer of our own.
    const pending = this.trace || this.aborted ? this.send(name, type, purpose) : this.ask(name, type);
    this.memo.set(key, pending);
    return pending;
  }

  /** The resolver's answer, a throw or rejection turned into an `error` answer. */
  private ask<T extends RrType>(name: string, type: T): Promise<DnsAnswer<RecordTypes[T]>> {
    this.queries++;
    try {
      return this.resolver.query(name, type).catch(resolverError);
    } catch (e) {
      return Promise.resolve(resolverError(e));
    }
  }

  private async send<T extends RrType>(name: string, type: T, purpose: QueryPurpose): Promise<DnsAnswer<RecordTypes[T]>> {
    const count = ++this.queries;
    let answer: DnsAnswer<RecordTypes[T]>;
    if (this.signal?.aborted) answer = DEADLINE;
    else {
      let pending: Promise<DnsAnswer<RecordTypes[T]>>;
      try {
        pending = this.resolver.query(name, type, this.signal ? { signal: this.signal } : undefined);
      } catch (e) {
        pending = Promise.resolve(resolverError(e));
      }
      const guarded = pending.catch(resolverError);
      answer = this.aborted ? await Promise.race([guarded, this.aborted]) : await guarded;
    }
    this.step({ kind: 'query', purpose, name, type, answer, queriesSoFar: count });
    return answer;
  }
}

/** The answer standing for a resolver that threw or rejected. */
function resolverError(e: unknown): DnsAnswer<never> {
  return { status: 'error', rcode: 'RESOLVER', message: e instanceof Error ? e.message : String(e) };
}

/** Whether an answer means the query did not complete (timeout, SERVFAIL, the deadline). */
export function isFailure(answer: DnsAnswer<unknown>): answer is Extract<DnsAnswer<unknown>, { status: 'error' | 'timeout' }> {
  return answer.status === 'error' || answer.status === 'timeout';
}

/** Describe a failed query for a reason. */
export function failureOf(name: string, type: RrType, answer: DnsAnswer<unknown>): DnsFailure {
  if (answer === DEADLINE) return { name, type, what: 'deadline' };
  return { name, type, what: answer.status === 'error' ? answer.rcode : 'timeout' };
}
