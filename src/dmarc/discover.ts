import { DmarcContext, failureOf } from './context.js';
import { normalizeDomain } from './domain.js';
import type { Resolver } from '../dns/types.js';
import { domainExists, needsExistence, selectPolicy } from './policy.js';
import { pslOrgDomain, pslVersion } from './psl.js';
import { effectivePolicy } from './record.js';
import type { AppliedPolicy, DmarcMode, DmarcStep, EffectivePolicy, OrgDomainMethod, OrgDomainResult, PolicyDiscovery, WalkStep } from './types.js';
import { dmarcName, lookupAt, selectOrgDomain, traceLookup, treeWalk, walkStep } from './walk.js';

/** How discovery and Organizational Domains are determined. */
export interface DiscoveryMethod {
  mode: DmarcMode;
  method: OrgDomainMethod;
  pslPrivateDomains: boolean;
}

/** Organizational Domains of one evaluation, each determined once (RFC 9989 §4.10.2 or RFC 7489 §3.2). */
export class OrgDomains {
  private readonly memo = new Map<string, Promise<OrgDomainResult>>();

  constructor(
    private readonly ctx: DmarcContext,
    private readonly how: DiscoveryMethod,
  ) {}

  /** Remember an Organizational Domain already found (by policy discovery's walk). */
  seed(result: OrgDomainResult): void {
    this.memo.set(result.domain, Promise.resolve(result));
  }

  /** The Organizational Domain of `domain` if it has been asked for already (no new queries). */
  peek(domain: string): Promise<OrgDomainResult> | undefined {
    return this.memo.get(domain);
  }

  /** The Organizational Domain of `domain` (normalized). */
  of(domain: string): Promise<OrgDomainResult> {
    let pending = this.memo.get(domain);
    if (!pending) {
      pending = this.determine(domain);
      this.memo.set(domain, pending);
    }
    return pending;
  }

  private async determine(domain: string): Promise<OrgDomainResult> {
    if (this.how.method === 'psl') {
      const { orgDomain, rule } = pslOrgDomain(domain, this.how.pslPrivateDomains);
      this.ctx.step({ kind: 'org-domain', domain, orgDomain, rule });
      return { ok: true, domain, orgDomain, rule, method: 'psl', steps: [] };
    }
    const walk = await treeWalk(this.ctx, domain, 'org-domain');
    if (walk.error) return { ok: false, domain, method: 'tree-walk', steps: walk.steps, error: walk.error };
    const { orgDomain, rule } = selectOrgDomain(domain, walk.steps);
    this.ctx.step({ kind: 'org-domain', domain, orgDomain, rule });
    return { ok: true, domain, orgDomain, rule, method: 'tree-walk', steps: walk.steps };
  }
}

/**
 * DMARC Policy Discovery (RFC 9989 §4.10.1): the record at the Author Domain; failing that, the record of
 * its Organizational Domain, or of its Public Suffix Domain, found by the DNS Tree Walk. Several DMARC records
 * at one name are discarded and the walk goes on. With the `psl` method (RFC 7489 §6.6.3) only the Author
 * Domain and its public-suffix Organizational Domain are asked, and in `rfc7489` mode several records end
 * discovery with no policy.
 */
export async function discoverPolicy(ctx: DmarcContext, authorDomain: string, how: DiscoveryMethod, orgs: OrgDomains): Promise<PolicyDiscovery> {
  // The query awaited here rather than through lookupAt: one promise hop less on the path every message takes.
  const name = dmarcName(authorDomain);
  const first = walkStep(authorDomain, name, await ctx.query(name, 'TXT', 'policy'));
  traceLookup(ctx, first);
  const steps: WalkStep[] = [first];
  if (first.lookup.status === 'error') return { status: 'temperror', authorDomain, steps, error: failureOf(first.name, 'TXT', first.answer) };
  const method = how.method;
  if (first.lookup.status === 'record') {
    if (ctx.trace) ctx.step({ kind: 'policy', domain: authorDomain, source: 'author' });
    return { status: 'found', policy: { authorDomain, method, record: first.lookup.record, domain: authorDomain, source: 'author' }, steps };
  }
  if (first.lookup.status === 'multiple' && how.mode === 'rfc7489') return { status: 'none', authorDomain, steps };

  if (how.method === 'psl') {
    const { orgDomain, rule } = pslOrgDomain(authorDomain, how.pslPrivateDomains);
    ctx.step({ kind: 'org-domain', domain: authorDomain, orgDomain, rule });
    orgs.seed({ ok: true, domain: authorDomain, orgDomain, rule, method: 'psl', steps: [] });
    if (orgDomain === authorDomain) return { status: 'none', authorDomain, steps };
    const org = await lookupAt(ctx, orgDomain, 'policy');
    traceLookup(ctx, org);
    steps.push(org);
    if (org.lookup.status === 'error') return { status: 'temperror', authorDomain, steps, error: failureOf(org.name, 'TXT', org.answer) };
    if (org.lookup.status !== 'record') return { status: 'none', authorDomain, steps };
    ctx.step({ kind: 'policy', domain: orgDomain, source: 'organizational' });
    const policy = { authorDomain, method, record: org.lookup.record, domain: orgDomain, source: 'organizational' as const, orgDomain, orgDomainRule: rule };
    return { status: 'found', policy, steps };
  }

  const walk = await treeWalk(ctx, authorDomain, 'policy', 1);
  steps.push(...walk.steps);
  if (walk.error) return { status: 'temperror', authorDomain, steps, error: walk.error };
  const { orgDomain, rule } = selectOrgDomain(authorDomain, steps);
  ctx.step({ kind: 'org-domain', domain: authorDomain, orgDomain, rule });
  orgs.seed({ ok: true, domain: authorDomain, orgDomain, rule, method: 'tree-walk', steps });
  const atOrg = steps.find((s) => s.domain === orgDomain && s.lookup.status === 'record');
  const psd = [...steps].reverse().find((s) => s.lookup.status === 'record' && s.lookup.record.psd === 'y');
  const chosen = atOrg ?? psd;
  if (!chosen || chosen.lookup.status !== 'record') return { status: 'none', authorDomain, steps };
  const source = chosen === atOrg ? 'organizational' : 'psd';
  ctx.step({ kind: 'policy', domain: chosen.domain, source });
  return { status: 'found', policy: { authorDomain, method, record: chosen.lookup.record, domain: chosen.domain, source, orgDomain, orgDomainRule: rule }, steps };
}

/** Options of {@link lookupDmarcPolicy}. */
export interface LookupOptions {
  resolver: Resolver;
  mode?: DmarcMode;
  orgDomainMethod?: OrgDomainMethod;
  pslPrivateDomains?: boolean;
  timeout?: number;
  signal?: AbortSignal;
}

/** The policy discovery of a domain on its own, with its trace and the Author Domain's Organizational Domain: what `inkan dmarc DOMAIN` shows. */
export interface PolicyLookup {
  discovery: PolicyDiscovery | { status: 'invalid-domain'; authorDomain: string; steps: WalkStep[] };
  orgDomain?: OrgDomainResult;
  /** The policies the record asks for (RFC 9989 §4.10.1), when a record was found. */
  effective?: EffectivePolicy;
  /** The tag that applies to mail from the domain itself, when the record is usable. */
  applied?: AppliedPolicy;
  /** The Organizational Domain method used. */
  method: OrgDomainMethod;
  /** The PSL data used, with the `psl` method. */
  pslVersion?: string;
  queries: number;
  trace: DmarcStep[];
}

/** Find the DMARC policy that applies to mail from `domain`, and its Organizational Domain, without a message. */
export async function lookupDmarcPolicy(domain: string, options: LookupOptions): Promise<PolicyLookup> {
  const mode = options.mode ?? 'rfc9989';
  const how: DiscoveryMethod = {
    mode,
    method: options.orgDomainMethod ?? (mode === 'rfc7489' ? 'psl' : 'tree-walk'),
    pslPrivateDomains: options.pslPrivateDomains ?? true,
  };
  const ctx = new DmarcContext({ resolver: options.resolver, timeout: options.timeout, signal: options.signal });
  try {
    const author = normalizeDomain(domain);
    const base = { method: how.method, ...(how.method === 'psl' ? { pslVersion: pslVersion() } : {}) };
    if (!author) return { ...base, discovery: { status: 'invalid-domain', authorDomain: domain, steps: [] }, queries: 0, trace: [] };
    const orgs = new OrgDomains(ctx, how);
    const discovery = await discoverPolicy(ctx, author, how, orgs);
    const orgDomain = discovery.status === 'temperror' ? undefined : await orgs.of(author);
    const out: PolicyLookup = { ...base, discovery, ...(orgDomain ? { orgDomain } : {}), queries: 0, trace: [] };
    if (discovery.status === 'found') {
      const effective = effectivePolicy(discovery.policy.record);
      out.effective = effective;
      if (effective.ok) {
        let exists: boolean | undefined;
        if (needsExistence(discovery.policy, effective)) {
          const check = await domainExists(ctx, author);
          if ('exists' in check) exists = check.exists;
        }
        out.applied = selectPolicy(discovery.policy, effective, exists);
      }
    }
    out.queries = ctx.queries;
    out.trace = ctx.trace ?? [];
    return out;
  } finally {
    ctx.close();
  }
}
