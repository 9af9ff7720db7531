import { arcAuthRes, arcOverrideCandidate, bufferBody, NO_ARC, type ArcOverrideNote } from './arc/pipeline.js';
import { hasArcFields } from './arc/chain.js';
import type { ArcResult, ArcVerifyOptions } from './arc/types.js';
import { verifyArcHead } from './arc/verify.js';
import { authResultsField } from './authres/format.js';
import type { AuthResInput, DkimAuthResInput, DmarcAuthResInput, SpfAuthResInput } from './authres/types.js';
import { memoizeResolver } from './dns/memo.js';
import type { Resolver } from './dns/types.js';
import { describeDkimReason } from './dkim/explain.js';
import { readHeader, readHeaderInMemory, type MessageSource } from './dkim/source.js';
import type { DkimResult, DkimVerifyOptions, DkimVerifyResult } from './dkim/types.js';
import { verifyDkimHead } from './dkim/verify.js';
import { beginDmarc } from './dmarc/evaluate.js';
import { dmarcFromAnalysis } from './dmarc/from.js';
import { describeReason as describeDmarcReason } from './dmarc/explain.js';
import type { DmarcFrom, DmarcInput, DmarcOptions, DmarcResult } from './dmarc/types.js';
import { analyzeFrom } from './message/author.js';
import type { FromAnalysis, MessageError, MessageLimits } from './message/types.js';
import { checkSpf } from './spf/evaluate.js';
import { describeReason as describeSpfReason } from './spf/explain.js';
import { receivedSpf, type ReceivedSpfFacts } from './spf/received-spf.js';
import type { SpfInput, SpfOptions, SpfResult } from './spf/types.js';

/** The SMTP facts of the message and how to check it. */
export interface VerifyOptions {
  /** The connecting client's IP address. */
  ip: string;
  /** The HELO/EHLO name. */
  helo?: string;
  /** The MAIL FROM address; `''` or `<>` for the null reverse-path. */
  mailFrom?: string;
  /** This receiver's authserv-id (RFC 8601 §2.5), usually its host name: written into Authentication-Results. */
  authservId: string;
  /** Where every DNS answer comes from. */
  resolver: Resolver;
  /** When the message arrived (ms since the epoch, or a Date): DKIM `x=`/`t=` and SPF `%{t}`. Default: the clock. */
  now?: number | Date;
  /** This host's name for `Received-SPF` and SPF's `%{r}`. Default: `authservId`. */
  receiver?: string;
  /** SPF limits and deadline. */
  spf?: Pick<SpfOptions, 'maxLookups' | 'maxVoidLookups' | 'maxNamesPerLookup' | 'timeout' | 'defaultExplanation'>;
  /** DKIM options. */
  dkim?: Pick<DkimVerifyOptions, 'maxSignatures' | 'clockSkew' | 'minRsaBits' | 'bodyLengthLimited' | 'keyCache' | 'maxSignedHeaders' | 'rejectFutureTimestamp'>;
  /** DMARC options: RFC 9989 (default) or RFC 7489, the organizational-domain method, a local override. */
  dmarc?: Pick<DmarcOptions, 'mode' | 'orgDomainMethod' | 'override' | 'timeout' | 'pslPrivateDomains'>;
  /** ARC options (RFC 8617): the key size floor, the key cache, whether to find the oldest-pass, the field bound. */
  arc?: Pick<ArcVerifyOptions, 'minRsaBits' | 'keyCache' | 'oldestPass' | 'maxFields'>;
  /**
   * Sealers (ARC-Seal `d=` domains, subdomains included) whose word this receiver takes (RFC 8617 §7.2, RFC 9989): when
   * DMARC fails but the ARC chain passes and the newest trusted sealer's ARC-Authentication-Results shows DMARC, DKIM or
   * SPF pass, the disposition becomes `none`, recorded as a `trusted_forwarder` override naming the sealer. Default:
   * none trusted (the candidate is only reported in `arcOverride`).
   */
  trustedArcSealers?: readonly string[];
  /** Message size limits. */
  limits?: Partial<MessageLimits>;
  /** Record traces for `--explain` (default true). */
  trace?: boolean;
  /** Abandon every DNS query when this aborts. */
  signal?: AbortSignal;
}

/** Everything one `verify()` found, and the header fields to prepend. */
export interface VerifyResult {
  /** Whether the header could be read; when not, DKIM is not evaluated and DMARC has no author domain. */
  message: { ok: true } | { ok: false; error: MessageError };
  /** The From analysis (missing, several, several addresses, the author domain). */
  from?: FromAnalysis;
  spf: SpfResult;
  dkim: DkimVerifyResult;
  dmarc: DmarcResult;
  /** The ARC chain (RFC 8617 §5.2): `none` when the message has no ARC field. */
  arc: ArcResult;
  /** When DMARC failed but a passing ARC chain's sealer reported a pass: who, and whether its word overrode the policy. */
  arcOverride?: ArcOverrideNote;
  /** The `Authentication-Results` field (name included, folded with CRLF, no final CRLF). */
  authenticationResults: string;
  /** The `Received-SPF` field (name included, folded with CRLF, no final CRLF). */
  receivedSpf: string;
  /** The fields to prepend, in order, each ending with CRLF. */
  headers: string[];
  /** Distinct DNS questions asked for this message. */
  dnsQuestions: number;
}

/**
 * `{ ...given, ...fixed }`: the caller's options with the pipeline's own on top. Written with Object.assign
 * because V8 gives each object literal that starts by spreading an object a hidden class of its own (microseconds).
 */
function overlay<G extends object, F extends object>(given: G | undefined, fixed: F): G & F {
  return given === undefined ? (fixed as G & F) : Object.assign({}, given, fixed);
}

function isNullSender(mailFrom: string | undefined): boolean {
  return mailFrom === undefined || mailFrom === '' || mailFrom === '<>';
}

/**
 * Verify one message the way a receiving MTA does: SPF for the connection, every DKIM signature, and
 * DMARC for the author domain, with the independent DNS lookups in flight together (the DMARC
 * policy is discovered while SPF and DKIM run; the `dmarc.timeout` deadline counts from then).
 * Returns typed results with their traces and the `Authentication-Results` and `Received-SPF` fields to prepend.
 */
export async function verify(message: MessageSource, options: VerifyOptions): Promise<VerifyResult> {
  const now = options.now === undefined ? Date.now() : typeof options.now === 'number' ? options.now : options.now.getTime();
  const resolver = memoizeResolver(options.resolver);
  const trace = options.trace !== false;
  const nullSender = isNullSender(options.mailFrom);
  const receiver = options.receiver ?? options.authservId;
  const signal = options.signal;
  // The objects below are built field by field: conditional spreads cost more than the rest of this function.
  const spfInput: SpfInput = { ip: options.ip, mailFrom: nullSender ? '' : options.mailFrom! };
  if (options.helo !== undefined) spfInput.helo = options.helo;
  spfInput.receiver = receiver;
  spfInput.now = now;
  const spfPromise = checkSpf(spfInput, overlay(options.spf, withSignal({ resolver, trace }, signal)));

  const head = typeof message === 'string' || message instanceof Uint8Array ? readHeaderInMemory(message, options.limits) : await readHeader(message, options.limits);
  let from: FromAnalysis | undefined;
  let dmarcFrom: DmarcFrom = { ok: false, reason: 'unparseable-from' };
  if (head.ok) {
    from = analyzeFrom(head.header.fields, options.limits);
    dmarcFrom = dmarcFromAnalysis(from);
  }
  // DMARC policy discovery runs while SPF and DKIM are busy; alignment waits for their results.
  const dmarcOptions = overlay(options.dmarc, withSignal({ resolver, trace }, signal)) as DmarcOptions;
  const pendingDmarc = beginDmarc(dmarcFrom, dmarcOptions);
  let dkim: DkimVerifyResult;
  let spf: SpfResult;
  let arc: ArcResult = NO_ARC;
  try {
    // ARC only when the header has ARC fields: the common path pays one scan of field names.
    let arcPromise: Promise<ArcResult> | undefined;
    if (head.ok && hasArcFields(head.header.fields)) {
      if (!head.bodyBytes) head.bodyBytes = await bufferBody(head);
      arcPromise = verifyArcHead(head, overlay(options.arc, withSignal({ resolver, trace, limits: options.limits ?? {} }, signal)) as ArcVerifyOptions);
      arcPromise.catch(() => undefined); // awaited below; must not go unhandled if DKIM or SPF throws first
    }
    dkim = head.ok
      ? await verifyDkimHead(head, overlay(options.dkim, withSignal({ resolver, now, trace, limits: options.limits ?? {} }, signal)))
      : { ok: false, error: head.error, results: [], notEvaluated: [] };
    spf = await spfPromise;
    if (arcPromise) arc = await arcPromise;
  } catch (e) {
    pendingDmarc.close();
    throw e;
  }

  const dmarcInput: Omit<DmarcInput, 'from'> = {
    spf: { result: spf.result, domain: spf.domain, identity: nullSender ? 'helo' : 'mailfrom' },
    dkim: dkim.results.map((r) => ({ result: r.result, domain: r.domain ?? '', selector: r.selector ?? '' })),
    sourceIp: spf.ip,
    envelopeFrom: nullSender ? '' : options.mailFrom!,
  };
  if (options.helo !== undefined) dmarcInput.helo = options.helo;
  // RFC 8617 §7.2: a passing chain whose trusted sealer saw the message pass may override a DMARC failure.
  const candidate = arc.result === 'pass' ? arcOverrideCandidate(arc, options.trustedArcSealers) : undefined;
  if (candidate?.trusted) {
    const given = dmarcOptions.override;
    dmarcOptions.override = async (facts) => (given ? await given(facts) : undefined) ?? candidate.override;
  }
  const dmarc = await pendingDmarc.complete(dmarcInput);

  const results = authResInputs(spf, dkim, dmarc, options, nullSender);
  if (arc.result !== 'none') results.push(arcAuthRes(arc, options.ip));
  const authenticationResults = authResultsField({ authservId: options.authservId, results });
  const facts: ReceivedSpfFacts = { receiver, mailFrom: nullSender ? '' : options.mailFrom! };
  if (options.helo !== undefined) facts.helo = options.helo;
  const receivedSpfField = receivedSpf(spf, facts);
  const result = { message: head.ok ? { ok: true } : { ok: false, error: head.error } } as VerifyResult;
  if (from) result.from = from;
  result.spf = spf;
  result.dkim = dkim;
  result.dmarc = dmarc;
  result.arc = arc;
  if (candidate && dmarc.result === 'fail') {
    result.arcOverride = { domain: candidate.domain, instance: candidate.instance, trusted: candidate.trusted, applied: dmarc.dispositionReasons.some((r) => r.comment === candidate.override.comment) };
  }
  result.authenticationResults = authenticationResults;
  result.receivedSpf = receivedSpfField;
  result.headers = [`${authenticationResults}\r\n`, `${receivedSpfField}\r\n`];
  result.dnsQuestions = resolver.questions;
  return result;
}

/** `fixed` with the abort signal added when there is one. */
function withSignal<F extends object>(fixed: F, signal: AbortSignal | undefined): F & { signal?: AbortSignal } {
  if (signal) (fixed as F & { signal?: AbortSignal }).signal = signal;
  return fixed;
}

/** The Authentication-Results entries for the three checks (RFC 8601 §2.7). */
function authResInputs(spf: SpfResult, dkim: DkimVerifyResult, dmarc: DmarcResult, options: VerifyOptions, nullSender: boolean): AuthResInput[] {
  const inputs: AuthResInput[] = [];
  const spfReason = 'reason' in spf ? describeSpfReason(spf.reason, 'en') : undefined;
  const spfInput: SpfAuthResInput = { method: 'spf', result: spf.result };
  if (nullSender) spfInput.helo = options.helo ?? spf.domain;
  else spfInput.mailFrom = options.mailFrom!;
  if (spfReason) spfInput.reason = spfReason;
  inputs.push(spfInput);
  if (dkim.results.length === 0) inputs.push({ method: 'dkim', result: 'none' });
  for (const r of dkim.results) inputs.push(dkimAuthRes(r));
  const policy = dmarc.policy;
  const dmarcInput: DmarcAuthResInput = { method: 'dmarc', result: dmarc.result };
  if (dmarc.authorDomain) dmarcInput.headerFrom = dmarc.authorDomain;
  if (policy?.record.p) dmarcInput.policy = policy.record.p;
  if (policy?.record.sp) dmarcInput.subdomainPolicy = policy.record.sp;
  if (policy) dmarcInput.policyDomain = policy.domain;
  if (policy && dmarc.result === 'fail') {
    dmarcInput.appliedDisposition = dmarc.disposition;
    dmarcInput.evaluatedDisposition = dmarc.applied?.policy ?? dmarc.disposition;
  }
  if (dmarc.result !== 'pass' && dmarc.result !== 'fail') dmarcInput.reason = describeDmarcReason(dmarc.reason, 'en');
  inputs.push(dmarcInput);
  return inputs;
}

function dkimAuthRes(r: DkimResult): AuthResInput {
  const input: DkimAuthResInput = { method: 'dkim', result: r.result };
  if (r.domain) input.domain = r.domain;
  if (r.identity) input.identity = r.identity;
  if (r.selector) input.selector = r.selector;
  if (r.algorithm) input.algorithm = r.algorithm;
  if (r.signature) input.signature = r.signature.signatureText;
  if ('reason' in r) input.reason = describeDkimReason(r.reason, 'en');
  return input;
}
