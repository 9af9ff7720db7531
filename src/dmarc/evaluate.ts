import { alignAll } from './alignment.js';
import { DmarcContext } from './context.js';
import { discoverPolicy, OrgDomains, type DiscoveryMethod } from './discover.js';
import { normalizeDomain } from './domain.js';
import { dispositionFor, domainExists, needsExistence, selectPolicy } from './policy.js';
import { effectivePolicy } from './record.js';
import { buildReportRow, MAX_REPORTED_SIGNATURES } from './report-row.js';
import type { AppliedPolicy, DiscoveredPolicy, DmarcInput, DmarcOptions, DmarcPolicy, DmarcReason, DmarcResult, DmarcResultWord, EffectivePolicy, IdentifierAlignment, PolicyOverride } from './types.js';

/** Default number of distinct passing DKIM signing domains checked for alignment. */
export const MAX_DKIM_DOMAINS = 10;

/**
 * Evaluate DMARC for one message (RFC 9989 §5.3; RFC 7489 with `mode: 'rfc7489'`): find the policy of the
 * Author Domain, check SPF and DKIM Identifier Alignment, choose `p`, `sp` or `np`, and the disposition after
 * testing mode, sampling and any local override. The input is plain data; the result carries every
 * alignment, the trace and the aggregate-report row. It never throws for bad input: problems are results.
 */
export async function evaluateDmarc(input: DmarcInput, options: DmarcOptions): Promise<DmarcResult> {
  const mode = options.mode ?? 'rfc9989';
  const how: DiscoveryMethod = {
    mode,
    method: options.orgDomainMethod ?? (mode === 'rfc7489' ? 'psl' : 'tree-walk'),
    pslPrivateDomains: options.pslPrivateDomains ?? true,
  };
  const ctx = new DmarcContext(options);
  try {
    return await run(input, options, ctx, how);
  } finally {
    ctx.close();
  }
}

async function run(input: DmarcInput, options: DmarcOptions, ctx: DmarcContext, how: DiscoveryMethod): Promise<DmarcResult> {
  const mode = how.mode;
  const maxSignatures = options.maxReportedSignatures ?? MAX_REPORTED_SIGNATURES;
  let authorDomain: string | undefined;
  let policy: DiscoveredPolicy | undefined;
  let effective: Extract<EffectivePolicy, { ok: true }> | undefined;
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
    return {
      result,
      reason,
      mode,
      ...(authorDomain !== undefined ? { authorDomain } : {}),
      ...(policy ? { policy } : {}),
      ...(extra.applied ? { applied: extra.applied } : {}),
      disposition,
      dispositionReasons,
      alignment,
      report,
      queries: ctx.queries,
      trace: ctx.trace ?? [],
    };
  };

  // RFC 9989 §5.3.1: exactly one Author Domain, in A-labels.
  if (!input.from.ok) return finish('permerror', { code: 'no-author-domain', problem: input.from.reason });
  authorDomain = normalizeDomain(input.from.domain);
  if (!authorDomain) {
    authorDomain = input.from.domain.toLowerCase();
    return finish('permerror', { code: 'invalid-author-domain', domain: input.from.domain });
  }

  // §5.3.2: policy discovery decides whether DMARC applies at all.
  const orgs = new OrgDomains(ctx, how);
  const discovery = await discoverPolicy(ctx, authorDomain, how, orgs);
  if (discovery.status === 'temperror') return finish('temperror', { code: 'dns', failure: discovery.error });
  if (discovery.status === 'none') return finish('none', { code: 'no-policy', domain: authorDomain });
  policy = discovery.policy;
  const eff = effectivePolicy(policy.record);
  if (!eff.ok) return finish('permerror', { code: 'invalid-policy', domain: policy.domain, tags: eff.invalid });
  effective = eff;

  // §5.3.3–5.3.5: alignment of every Authenticated Identifier; one aligned is a pass.
  alignment = await alignAll(ctx, input, authorDomain, policy.record, orgs, options.maxDkimDomains ?? MAX_DKIM_DOMAINS);
  const by = (['spf', 'dkim'] as const).filter((id) => alignment.some((a) => a.identifier === id && a.status === 'aligned'));
  const known = policy.orgDomain === undefined ? await orgs.peek(authorDomain) : undefined;
  if (known?.ok) policy = { ...policy, orgDomain: known.orgDomain, orgDomainRule: known.rule };
  if (by.length > 0) {
    const applied = selectPolicy(policy, effective, undefined);
    ctx.step({ kind: 'applied', tag: applied.tag, policy: applied.policy });
    return finish('pass', { code: 'aligned', by }, { applied });
  }
  const failed = alignment.find((a) => a.status === 'temperror');
  if (failed?.error) return finish('temperror', { code: 'dns', failure: failed.error });

  // §4.10.1 and §5.3.6: the policy tag, the Author Domain's existence when np could apply, and the disposition.
  let exists: boolean | undefined;
  if (needsExistence(policy, effective)) {
    const check = await domainExists(ctx, authorDomain);
    if ('error' in check) return finish('temperror', { code: 'dns', failure: check.error });
    exists = check.exists;
  }
  const applied = selectPolicy(policy, effective, exists);
  ctx.step({ kind: 'applied', tag: applied.tag, policy: applied.policy });
  let { disposition, reasons } = dispositionFor(applied, policy, mode, options.random ?? Math.random);
  if (options.override && disposition !== 'none') {
    const override = await options.override({ input, policy, disposition });
    if (override) {
      disposition = override.disposition;
      reasons = [...reasons, { type: override.type, ...(override.comment !== undefined ? { comment: override.comment } : {}) }];
    }
  }
  return finish('fail', { code: 'not-aligned' }, { applied, disposition, reasons });
}
