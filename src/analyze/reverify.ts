import { hasArcFields, verifyArc, type ArcResult } from '../arc/index.js';
import { memoizeResolver } from '../dns/memo.js';
import type { Resolver } from '../dns/types.js';
import type { DkimResult } from '../dkim/types.js';
import { verifyDkim } from '../dkim/verify.js';
import { evaluateDmarc } from '../dmarc/evaluate.js';
import { dmarcFromAnalysis } from '../dmarc/from.js';
import type { DmarcInput } from '../dmarc/types.js';
import type { ParsedMessage } from '../message/types.js';
import { checkSpf } from '../spf/evaluate.js';
import type { SpfResult } from '../spf/types.js';
import type { Identities, Reverification, Route } from './types.js';

/** What the checks found, with the raw DKIM results (their keys prove header diagnoses). */
export interface ReverifyOutcome {
  reverification: Reverification;
  dkim: DkimResult[];
}

/** What `reverify` needs from the rest of the analysis. */
export interface ReverifyInput {
  raw: Uint8Array;
  message: ParsedMessage;
  route: Route;
  identities: Identities;
  resolver: Resolver;
  now: number;
  timeout?: number;
  /** Keep the full results with their steps. */
  trace?: boolean;
}

/**
 * Check the message again against DNS as it is now (issue 6 §5): every DKIM signature (times judged at the
 * arrival time at the trust boundary when known), SPF for the client IP at the trust boundary and the
 * envelope sender, DMARC for the From domain, and the ARC chain (src/arc) when there is one. Keys may have been rotated or withdrawn since the message
 * was sent, so a DKIM failure here is weaker evidence than one recorded on arrival.
 */
export async function reverify(input: ReverifyInput): Promise<ReverifyOutcome> {
  const resolver = memoizeResolver(input.resolver);
  const { route, identities } = input;
  const arrival = route.boundary !== undefined ? route.hops[route.boundary]!.time : route.hops[0]?.time;
  const at = arrival !== undefined ? Date.parse(arrival) : input.now;
  const timeout = input.timeout !== undefined ? { timeout: input.timeout } : {};
  const trace = input.trace === true;
  const dkimPromise = verifyDkim(input.raw, { resolver, now: at, trace });
  let spfPromise: Promise<SpfResult> | undefined;
  let spfSkipped: Reverification['spfSkipped'];
  const rp = identities.returnPath;
  const helo = route.boundaryHelo;
  if (!route.boundaryIp) spfSkipped = 'no-boundary-ip';
  else if (rp === undefined && !helo) spfSkipped = 'no-envelope';
  else {
    spfPromise = checkSpf(
      { ip: route.boundaryIp, mailFrom: rp ? rp.address : '', ...(helo ? { helo } : {}), now: at },
      { resolver, trace, ...timeout },
    );
  }
  const arcPromise: Promise<ArcResult | undefined> = hasArcFields(input.message.fields) ? verifyArc(input.raw, { resolver, trace: false }) : Promise.resolve(undefined);
  const [dkim, spf, arc] = await Promise.all([dkimPromise, spfPromise, arcPromise]);
  const dmarcInput: DmarcInput = {
    from: dmarcFromAnalysis(input.message.from),
    dkim: dkim.results.map((r) => ({ result: r.result, domain: r.domain ?? '', selector: r.selector ?? '' })),
  };
  if (spf) dmarcInput.spf = { result: spf.result, domain: spf.domain, identity: spf.identity };
  const dmarc = await evaluateDmarc(dmarcInput, { resolver, trace, ...timeout });
  const reverification: Reverification = {
    keysMayHaveRotated: true,
    at: new Date(at).toISOString(),
    dkim: dkim.results.map((r) => {
      const out: Reverification['dkim'][number] = { result: r.result, testing: r.testing };
      if (r.domain) out.domain = r.domain;
      if (r.selector) out.selector = r.selector;
      if ('reason' in r) out.reason = r.reason;
      return out;
    }),
    dmarc: {
      result: dmarc.result,
      reason: dmarc.reason,
      aligned: dmarc.alignment.filter((a) => a.status === 'aligned').map((a) => `${a.identifier}:${a.domain}`),
    },
    dnsQuestions: 0,
  };
  if (dmarc.authorDomain) reverification.dmarc.domain = dmarc.authorDomain;
  if (dmarc.applied) reverification.dmarc.policy = dmarc.applied.policy;
  if (spf) {
    reverification.spf = { result: spf.result, domain: spf.domain, ip: spf.ip };
    if (spf.helo) reverification.spf.helo = spf.helo;
    if ('reason' in spf) reverification.spf.reason = spf.reason;
  }
  if (spfSkipped) reverification.spfSkipped = spfSkipped;
  if (arc) {
    const out: NonNullable<Reverification['arc']> = { result: arc.result };
    if (arc.result !== 'none') out.instance = arc.instance;
    if (arc.result === 'pass') out.oldestPass = arc.oldestPass;
    if (arc.result === 'fail' || arc.result === 'temperror') out.reason = arc.reason;
    reverification.arc = out;
  }
  reverification.dnsQuestions = resolver.questions;
  if (trace) reverification.details = { dkim: dkim.results, ...(spf ? { spf } : {}), dmarc };
  return { reverification, dkim: dkim.results };
}
