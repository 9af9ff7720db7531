// Each contender as one function of one corpus message: what the benchmarks time and the profiler samples.
import { authenticate } from 'mailauth';
import { dkimVerify } from 'mailauth/lib/dkim/verify.js';
import { verifyDkim } from '../src/dkim/verify.js';
import { verify } from '../src/verify.js';
import type { Corpus, CorpusMessage } from './corpus.js';
import { limitVerify, prepareLimit, type LimitMessage } from './limit.js';
import { mailauthResolver } from './mailauth-adapter.js';

/** The receiving server's name (authserv-id). */
export const AUTHSERV_ID = 'mx.bench.example';

/** Verify one message. */
export type Target<R = unknown> = (m: CorpusMessage) => Promise<R>;

/** inkan's DKIM verification, trace off as a busy server would run it. */
export function inkanDkim(corpus: Corpus): Target<Awaited<ReturnType<typeof verifyDkim>>> {
  return (m) => verifyDkim(m.raw, { resolver: corpus.resolver, now: corpus.now, trace: false });
}

/** inkan's whole `verify()`: SPF, DKIM, DMARC and the header fields; trace off. */
export function inkanVerify(corpus: Corpus): Target<Awaited<ReturnType<typeof verify>>> {
  return (m) => verify(m.raw, { ip: m.envelope.ip, helo: m.envelope.helo, mailFrom: m.envelope.mailFrom, authservId: AUTHSERV_ID, resolver: corpus.resolver, now: corpus.now, trace: false });
}

/** mailauth's `dkimVerify`. */
export function mailauthDkim(corpus: Corpus): Target<Awaited<ReturnType<typeof dkimVerify>>> {
  const resolver = mailauthResolver(corpus.resolver) as never;
  return (m) => dkimVerify(m.raw, { resolver, curTime: corpus.now });
}

/** mailauth's `authenticate()`: SPF, DKIM, DMARC and the headers. ARC and BIMI are off, like for like with inkan's `verify()`. */
export function mailauthVerify(corpus: Corpus): Target<Awaited<ReturnType<typeof authenticate>>> {
  const resolver = mailauthResolver(corpus.resolver) as never;
  return (m) =>
    authenticate(m.raw, { ip: m.envelope.ip, helo: m.envelope.helo, sender: m.envelope.mailFrom, mta: AUTHSERV_ID, resolver, disableArc: true, disableBimi: true });
}

/** The limit: canonical forms precomputed here (untimed), hashing and signature checks per call. */
export function limit(corpus: Corpus): Target<boolean> {
  const prepared = prepareLimit(corpus.messages, corpus.keys);
  const of = new Map<CorpusMessage, LimitMessage>(corpus.messages.map((m, i) => [m, prepared[i]!]));
  return async (m) => limitVerify(of.get(m)!);
}

/** Every target by name, for the profiler. */
export function profileTargets(corpus: Corpus): Record<string, Target> {
  return {
    'inkan-dkim': inkanDkim(corpus),
    'inkan-verify': inkanVerify(corpus),
    'mailauth-dkim': mailauthDkim(corpus),
    'mailauth-verify': mailauthVerify(corpus),
    limit: limit(corpus),
  };
}
