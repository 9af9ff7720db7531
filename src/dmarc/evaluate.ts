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
  DmarcOptions,
  DmarcPolicy,
  DmarcReason,
  DmarcResult,
  DmarcResultWord,
  EffectivePolicy,
  IdentifierAlignment,
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
  ctx: DmarcContext;
  how: DiscoveryMethod;
  orgs: OrgDomains;
  discovered: Promise<Discovered>;
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
  started.discovered.catch(() => undefined); // complete() awaits it; a caller that gives up must not leave it unhandled
  return {
    complete: (rest) => complete(started, Object.assign({ from }, rest), options),
    close: () => started.ctx.close(),
  };
}

function start(from: DmarcFrom, options: DmarcOptions): Started {
  const mode = options.mode ?? 'rfc9989';
  const how: DiscoveryMethod = {
    mode,
    method: options.orgDomainMethod ?? (mode === 'rfc7489' ? 'psl' : 'tree-walk'),
    pslPrivateDomains: options.pslPrivateDomains ?? true,
  };
  const ctx = new DmarcContext(options);
  const orgs = new OrgDomains(ctx, how);
  return { ctx, how, orgs, discovered: discover(from, ctx, how, orgs) };
}

async function complete(started: Started, input: DmarcInput, options: DmarcOptions): Promise<DmarcResult> {
  try {
    return await align(input, options, started, await started.discovered);
  } finally {
    started.ctx.close();
  }
}

async function discover(from: DmarcFrom, ctx: DmarcContext, how: DiscoveryMethod, orgs: OrgDomains): Promise<Discovered> {
  // RFC 9989 §5.3.1: exactly one Author Domain, in A-labels.
  if (!from.ok) return { final: true, result: 'permerror', reason: { code: 'no-author-domain', problem: from.reason } };
  const authorDomain = normalizeDomain(from.domain);
  if (!authorDomain) {
    return { final: true, result: 'permerror', reason: { code: 'invalid-author-domain', domain: from.domain }, authorDomain: from.domain.toLowerCase() };
  }

  // §5.3.2: policy discovery decides whether DMARC applies at all.
  const discovery = await discoverPolicy(ctx, authorDomain, how, orgs);
  if (discovery.status === 'temperror') return { final: true, result: 'temperror', reason: { code: 'dns', failure: discovery.error }, authorDomain };
  if (discovery.status === 'none') return { final: true, result: 'none', reason: { code: 'no-policy', domain: authorDomain }, authorDomain };
  const policy = discovery.policy;
  const effective = effectivePolicy(policy.record);
  if (!effective.ok) return { final: true, result: 'permerror', reason: { code: 'invalid-policy', domain: policy.domain, tags: effective.invalid }, authorDomain, policy };
  return { final: false, authorDomain, policy, effective };
}

async function align(input: DmarcInput, options: DmarcOptions, { ctx, how, orgs }: Started, found: Discovered): Promise<DmarcResult> {
  const mode = how.mode;
  const maxSignatures = options.maxReportedSignatures ?? MAX_REPORTED_SIGNATURES;
  const { authorDomain } = found;
  let policy = found.policy;
  const effective = found.final ? undefined : found.effective;
  let alignment: IdentifierAlignment[] = [];

  const finish = (result: DmarcResultWord, reason: DmarcReason, extra: { applied?: AppliedPolicy; disposition?: DmarcPolicy; reasons?: PolicyOverride[] } = {}): DmarcResult => {
    const disposition = extra.disposition ?? 'none';
    const dispositionReasons = extra.reasons ?? [];
    const report = buildReportRow({
      input,
      authorDomain,
      result,
      alignment,
      policy,
      effective,
      appliedPolicy: extra.applied?.policy,
      disposition,
      reasons: dispositionReasons,
      maxSignatures,
    });
    // Field by field rather than with conditional spreads (same keys, same order; this runs per message).
    const out = { result, reason, mode } as DmarcResult;
    if (authorDomain !== undefined) out.authorDomain = authorDomain;
    if (policy) out.policy = policy;
    if (extra.applied) out.applied = extra.applied;
    out.disposition = disposition;
    out.dispositionReasons = dispositionReasons;
    out.alignment = alignment;
    out.report = report;
    out.queries = ctx.queries;
    out.trace = ctx.trace ?? [];
    return out;
  };

  if (found.final) return finish(found.result, found.reason);
  const discoveredPolicy = found.policy;

  // §5.3.3–5.3.5: alignment of every Authenticated Identifier; one aligned is a pass.
  // Awaited only when something is pending: each `await` is a microtask hop, and this runs per message.
  const aligned = alignAll(ctx, input, found.authorDomain, discoveredPolicy.record, orgs, options.maxDkimDomains ?? MAX_DKIM_DOMAINS);
  alignment = Array.isArray(aligned) ? aligned : await aligned;
  const by = (['spf', 'dkim'] as const).filter((id) => alignment.some((a) => a.identifier === id && a.status === 'aligned'));
  const peeked = discoveredPolicy.orgDomain === undefined ? orgs.peek(found.authorDomain) : undefined;
  const known = peeked ? await peeked : undefined;
  const applicable = known?.ok ? Object.assign({}, discoveredPolicy, { orgDomain: known.orgDomain, orgDomainRule: known.rule }) : discoveredPolicy;
  policy = applicable;
  if (by.length > 0) {
    const applied = selectPolicy(applicable, found.effective, undefined);
    if (ctx.trace) ctx.step({ kind: 'applied', tag: applied.tag, policy: applied.policy });
    return finish('pass', { code: 'aligned', by }, { applied });
  }
  const failed = alignment.find((a) => a.status === 'temperror');
  if (failed?.error) return finish('temperror', { code: 'dns', failure: failed.error });

  // §4.10.1 and §5.3.6: the policy tag, the Author Domain's existence when np could apply, and the disposition.
  let exists: boolean | undefined;
  if (needsExistence(applicable, found.effective)) {
    const check = await domainExists(ctx, found.authorDomain);
    if ('error' in check) return finish('temperror', { code: 'dns', failure: check.error });
    exists = check.exists;
  }
  const applied = selectPolicy(applicable, found.effective, exists);
  ctx.step({ kind: 'applied', tag: applied.tag, policy: applied.policy });
  let { disposition, reasons } = dispositionFor(applied, applicable, mode, options.random ?? Math.random);
  if (options.override && disposition !== 'none') {
    const override = await options.override({ input, policy: applicable, disposition });
    if (override) {
      disposition = override.disposition;
      reasons = [...reasons, { type: override.type, ...(override.comment !== undefined ? { comment: override.comment } : {}) }];
    }
  }
  return finish('fail', { code: 'not-aligned' }, { applied, disposition, reasons });
}
