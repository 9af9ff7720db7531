import { alignAll } from './alignment.js';
import { DmarcContext } from './context.js';
import { discoverPolicy, OrgDomains, type DiscoveryMethod } from './discover.js';
import { normalizeDomain } from './domain.js';
import { dispositionFor, domainExists, needsExistence, selectPolicy } from './policy.js';
import { effectivePolicy } from './record.js';
import { buildReportRow, MAX_REPORTED_SIGNATURES } from './report-row.js';
import type {
  AppliedPolicy,
  DiscoveredPolicy,
  DmarcFrom,
  DmarcInput,
  DmarcMode,
  DmarcOptions,
  DmarcPolicy,
  DmarcReason,
  DmarcResult,
  DmarcResultWord,
  EffectivePolicy,
  IdentifierAlignment,
  OrgDomainResult,
  PolicyDiscovery,
  PolicyOverride,
} from './types.js';

/** Default number of distinct passing DKIM signing domains checked for alignment. */
export const MAX_DKIM_DOMAINS = 10;

/** A DMARC evaluation whose policy discovery is under way before the message's SPF and DKIM results are known. */
export interface PendingDmarc {
  /** Finish with the SPF and DKIM results (RFC 9989 §5.3.3–5.3.6); `input.from` is the one discovery began with. */
  complete(input: Omit<DmarcInput, 'from'>): Promise<DmarcResult>;
  /** Release the deadline timer and the caller's signal without completing (when the caller gives up). */
  close(): void;
}

/** What discovery settled: the result already (no Author Domain, no policy, a DNS failure, an unusable record), or the policy to align with. */
type Discovered =
  | { final: true; result: DmarcResultWord; reason: DmarcReason; authorDomain?: string; policy?: DiscoveredPolicy }
  | { final: false; authorDomain: string; policy: DiscoveredPolicy; effective: Extract<EffectivePolicy, { ok: true }> };

/** An evaluation under way: its DNS context, Organizational Domains and the pending policy discovery. */
interface Started {
  from: DmarcFrom;
  ctx: DmarcContext;
  how: DiscoveryMethod;
  orgs: OrgDomains;
  /** The policy discovery under way, or what settled the evaluation before any query (no usable Author Domain). */
  discovery: Promise<PolicyDiscovery> | Discovered;
}

/**
 * Evaluate DMARC for one message (RFC 9989 §5.3; RFC 7489 with `mode: 'rfc7489'`): find the policy of the
 * Author Domain, check SPF and DKIM Identifier Alignment, choose `p`, `sp` or `np`, and the disposition after
 * testing mode, sampling and any local override. The input is plain data; the result carries every
 * alignment, the trace and the aggregate-report row. It never throws for bad input: problems are results.
 */
export async function evaluateDmarc(input: DmarcInput, options: DmarcOptions): Promise<DmarcResult> {
  return complete(start(input.from, options), input, options);
}

/**
 * Start {@link evaluateDmarc} with only the From analysis: policy discovery (§5.3.1–5.3.2) begins now, so a
 * pipeline can run it while SPF and DKIM are busy, and `complete` adds their results. The deadline
 * (`options.timeout`) counts from here.
 */
export function beginDmarc(from: DmarcFrom, options: DmarcOptions): PendingDmarc {
  const started = start(from, options);
  // complete() awaits it; a caller that gives up must not leave it unhandled.
  if (started.discovery instanceof Promise) started.discovery.catch(ignore);
  return {
    complete: (rest) => complete(started, rest, options),
    close: () => started.ctx.close(),
  };
}

function ignore(): void {}

/** A count option, when given, must be a non-negative integer (a caller's mistake, not the message's). */
function checkCount(value: number | undefined, name: string): void {
  if (value !== undefined && !(Number.isSafeInteger(value) && value >= 0)) throw new TypeError(`inkan: ${name} must be a non-negative integer, got ${String(value)}`);
}

function start(from: DmarcFrom, options: DmarcOptions): Started {
  checkCount(options.maxReportedSignatures, 'maxReportedSignatures');
  checkCount(options.maxDkimDomains, 'maxDkimDomains');
  const mode = options.mode ?? 'rfc9989';
  const how: DiscoveryMethod = {
    mode,
    method: options.orgDomainMethod ?? (mode === 'rfc7489' ? 'psl' : 'tree-walk'),
    pslPrivateDomains: options.pslPrivateDomains ?? true,
  };
  const ctx = new DmarcContext(options);
  const orgs = new OrgDomains(ctx, how);
  return { from, ctx, how, orgs, discovery: discover(from, ctx, how, orgs) };
}

/** The message's facts besides the From analysis (which discovery began with): what alignment and the report read. */
type MessageFacts = Omit<DmarcInput, 'from'>;

async function complete(started: Started, input: MessageFacts, options: DmarcOptions): Promise<DmarcResult> {
  try {
    const discovery = started.discovery;
    const outcome = align(input, options, started, discovery instanceof Promise ? settle(await discovery) : discovery);
    // Awaited only when something is pending: each `await` is a microtask hop, and this runs per message.
    return outcome instanceof Promise ? await outcome : outcome;
  } finally {
    started.ctx.close();
  }
}

/** RFC 9989 §5.3.1: exactly one Author Domain, in A-labels; then §5.3.2, policy discovery, which decides whether DMARC applies at all. */
function discover(from: DmarcFrom, ctx: DmarcContext, how: DiscoveryMethod, orgs: OrgDomains): Promise<PolicyDiscovery> | Discovered {
  if (!from.ok) return { final: true, result: 'permerror', reason: { code: 'no-author-domain', problem: from.reason } };
  const authorDomain = normalizeDomain(from.domain);
  if (!authorDomain) {
    return { final: true, result: 'permerror', reason: { code: 'invalid-author-domain', domain: from.domain }, authorDomain: from.domain.toLowerCase() };
  }
  return discoverPolicy(ctx, authorDomain, how, orgs);
}

/** What policy discovery means for the evaluation: a result already, or a usable policy to align with. */
function settle(discovery: PolicyDiscovery): Discovered {
  const authorDomain = discovery.status === 'found' ? discovery.policy.authorDomain : discovery.authorDomain;
  if (discovery.status === 'temperror') return { final: true, result: 'temperror', reason: { code: 'dns', failure: discovery.error }, authorDomain };
  if (discovery.status === 'none') return { final: true, result: 'none', reason: { code: 'no-policy', domain: authorDomain }, authorDomain };
  const policy = discovery.policy;
  const effective = effectivePolicy(policy.record);
  if (!effective.ok) return { final: true, result: 'permerror', reason: { code: 'invalid-policy', domain: policy.domain, tags: effective.invalid }, authorDomain, policy };
  return { final: false, authorDomain, policy, effective };
}

/** What every outcome of one evaluation reports, filled in as the evaluation goes. */
interface Evaluation {
  from: DmarcFrom;
  input: MessageFacts;
  ctx: DmarcContext;
  mode: DmarcMode;
  maxSignatures: number;
  authorDomain: string | undefined;
  policy: DiscoveredPolicy | undefined;
  effective: Extract<EffectivePolicy, { ok: true }> | undefined;
  alignment: IdentifierAlignment[];
}

/** The result, with its aggregate-report row. */
function finish(
  e: Evaluation,
  result: DmarcResultWord,
  reason: DmarcReason,
  extra: { applied?: AppliedPolicy; disposition?: DmarcPolicy; reasons?: PolicyOverride[] } = {},
): DmarcResult {
  const disposition = extra.disposition ?? 'none';
  const dispositionReasons = extra.reasons ?? [];
  const report = buildReportRow({
    input: e.input,
    authorDomain: e.authorDomain,
    result,
    alignment: e.alignment,
    policy: e.policy,
    effective: e.effective,
    appliedPolicy: extra.applied?.policy,
    disposition,
    reasons: dispositionReasons,
    maxSignatures: e.maxSignatures,
  });
  // Field by field rather than with conditional spreads (same keys, same order; this runs per message).
  const out = { result, reason, mode: e.mode } as DmarcResult;
  if (e.authorDomain !== undefined) out.authorDomain = e.authorDomain;
  if (e.policy) out.policy = e.policy;
  if (extra.applied) out.applied = extra.applied;
  out.disposition = disposition;
  out.dispositionReasons = dispositionReasons;
  out.alignment = e.alignment;
  out.report = report;
  out.queries = e.ctx.queries;
  out.trace = e.ctx.trace ?? [];
  return out;
}

/**
 * §5.3.3–5.3.5: alignment of every Authenticated Identifier; one aligned is a pass. Settled without a promise
 * when nothing waits for DNS (the identifiers are the Author Domain itself or cannot align): the common case.
 */
function align(input: MessageFacts, options: DmarcOptions, { from, ctx, how, orgs }: Started, found: Discovered): DmarcResult | Promise<DmarcResult> {
  const e: Evaluation = {
    from,
    input,
    ctx,
    mode: how.mode,
    maxSignatures: options.maxReportedSignatures ?? MAX_REPORTED_SIGNATURES,
    authorDomain: found.authorDomain,
    policy: found.policy,
    effective: found.final ? undefined : found.effective,
    alignment: [],
  };
  if (found.final) return finish(e, found.result, found.reason);
  const aligned = alignAll(ctx, input, found.authorDomain, found.policy.record, orgs, options.maxDkimDomains ?? MAX_DKIM_DOMAINS);
  if (aligned instanceof Promise) return aligned.then((alignment) => withOrgDomain(e, options, found, orgs, alignment));
  return withOrgDomain(e, options, found, orgs, aligned);
}

/** The Author Domain's Organizational Domain, when alignment has determined it, joins a policy found at the Author Domain itself. */
function withOrgDomain(
  e: Evaluation,
  options: DmarcOptions,
  found: Extract<Discovered, { final: false }>,
  orgs: OrgDomains,
  alignment: IdentifierAlignment[],
): DmarcResult | Promise<DmarcResult> {
  const peeked = found.policy.orgDomain === undefined ? orgs.peek(found.authorDomain) : undefined;
  if (peeked) return peeked.then((known) => decide(e, options, found, alignment, known));
  return decide(e, options, found, alignment, undefined);
}

/** Pass when an identifier aligned, temperror when a DNS failure kept one from aligning, else the policy's failure. */
function decide(
  e: Evaluation,
  options: DmarcOptions,
  found: Extract<Discovered, { final: false }>,
  alignment: IdentifierAlignment[],
  known: OrgDomainResult | undefined,
): DmarcResult | Promise<DmarcResult> {
  e.alignment = alignment;
  let spfAligned = false;
  let dkimAligned = false;
  for (const a of alignment) {
    if (a.status !== 'aligned') continue;
    if (a.identifier === 'spf') spfAligned = true;
    else dkimAligned = true;
  }
  const applicable = known?.ok ? Object.assign({}, found.policy, { orgDomain: known.orgDomain, orgDomainRule: known.rule }) : found.policy;
  e.policy = applicable;
  if (spfAligned || dkimAligned) {
    const applied = selectPolicy(applicable, found.effective, undefined);
    if (e.ctx.trace) e.ctx.step({ kind: 'applied', tag: applied.tag, policy: applied.policy });
    const by: Array<'spf' | 'dkim'> = spfAligned && dkimAligned ? ['spf', 'dkim'] : spfAligned ? ['spf'] : ['dkim'];
    return finish(e, 'pass', { code: 'aligned', by }, { applied });
  }
  const failed = alignment.find((a) => a.status === 'temperror');
  if (failed?.error) return finish(e, 'temperror', { code: 'dns', failure: failed.error });
  return notAligned(e, options, found.authorDomain, applicable, found.effective);
}

/** §4.10.1 and §5.3.6: the policy tag, the Author Domain's existence when np could apply, and the disposition. */
async function notAligned(
  e: Evaluation,
  options: DmarcOptions,
  authorDomain: string,
  applicable: DiscoveredPolicy,
  effective: Extract<EffectivePolicy, { ok: true }>,
): Promise<DmarcResult> {
  let exists: boolean | undefined;
  if (needsExistence(applicable, effective)) {
    const check = await domainExists(e.ctx, authorDomain);
    if ('error' in check) return finish(e, 'temperror', { code: 'dns', failure: check.error });
    exists = check.exists;
  }
  const applied = selectPolicy(applicable, effective, exists);
  e.ctx.step({ kind: 'applied', tag: applied.tag, policy: applied.policy });
  let { disposition, reasons } = dispositionFor(applied, applicable, e.mode, options.random ?? Math.random);
  if (options.override && disposition !== 'none') {
    // The whole input only now: the callback is the one reader that needs `from` with the rest.
    const input = 'from' in e.input ? (e.input as DmarcInput) : Object.assign({ from: e.from }, e.input);
    const override = await options.override({ input, policy: applicable, disposition });
    if (override) {
      disposition = override.disposition;
      reasons = [...reasons, { type: override.type, ...(override.comment !== undefined ? { comment: override.comment } : {}) }];
    }
  }
  return finish(e, 'fail', { code: 'not-aligned' }, { applied, disposition, reasons });
}
