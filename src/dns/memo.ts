import type { DnsAnswer, QueryOptions, RecordTypes, Resolver, RrType } from './types.js';
import { normalizeName } from './memory.js';

/** A resolver that also counts what it was asked. */
export interface MemoResolver extends Resolver {
  /** Distinct questions sent to the underlying resolver. */
  readonly questions: number;
}

/**
 * Ask each (name, type) once for the lifetime of the wrapper: the SPF, DKIM and DMARC checks of one
 * message run in parallel and often ask the same question (the From domain's records, a shared include),
 * and a prefetch can warm answers that a later step reads. Wrap per message, not per process: it never expires.
 */
export function memoizeResolver(resolver: Resolver): MemoResolver {
  // One map of names per type: a joined `type name` key would be a new string to hash on every query.
  const answers = new Map<RrType, Map<string, Promise<DnsAnswer<unknown>>>>();
  const memo = {
    questions: 0,
    query<T extends RrType>(name: string, type: T, options?: QueryOptions): Promise<DnsAnswer<RecordTypes[T]>> {
      const key = normalizeName(name);
      let names = answers.get(type);
      if (!names) answers.set(type, (names = new Map()));
      let answer = names.get(key);
      if (!answer) {
        memo.questions++;
        answer = resolver.query(name, type, options);
        names.set(key, answer);
      }
      return answer as Promise<DnsAnswer<RecordTypes[T]>>;
    },
  };
  return memo;
}
