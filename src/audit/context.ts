import { normalizeName } from '../dns/memory.js';
import type { DnsAnswer, RecordTypes, Resolver, RrType } from '../dns/types.js';

/** One question the audit asked and its answer. */
export interface AskedQuestion {
  name: string;
  type: RrType;
  answer: DnsAnswer<unknown>;
}

/** Most distinct DNS questions one domain's audit may ask (hostile zones: huge MX sets, include trees). */
export const MAX_QUESTIONS = 600;

/** The DNS side of one domain's audit: every (name, type) asked once, every answer kept for DNSSEC and evidence. */
export class AuditDns implements Resolver {
  private readonly answers = new Map<string, Promise<DnsAnswer<unknown>>>();
  /** Answers in the order they arrived. */
  readonly asked: AskedQuestion[] = [];

  constructor(
    private readonly resolver: Resolver,
    private readonly signal?: AbortSignal,
  ) {}

  /** Distinct questions asked. */
  get questions(): number {
    return this.answers.size;
  }

  query<T extends RrType>(name: string, type: T): Promise<DnsAnswer<RecordTypes[T]>> {
    const key = `${type} ${normalizeName(name)}`;
    let answer = this.answers.get(key);
    if (!answer) {
      if (this.answers.size >= MAX_QUESTIONS) return Promise.resolve({ status: 'error', rcode: 'LIMIT', message: 'audit question limit reached' });
      answer = this.resolver
        .query(name, type, this.signal ? { signal: this.signal } : {})
        .catch((e: unknown): DnsAnswer<unknown> => ({ status: 'error', rcode: 'EXCEPTION', message: String(e) }))
        .then((a) => {
          this.asked.push({ name: normalizeName(name), type, answer: a });
          return a;
        });
      this.answers.set(key, answer);
    }
    return answer as Promise<DnsAnswer<RecordTypes[T]>>;
  }
}
