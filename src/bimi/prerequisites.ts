import { lookupDmarcPolicy, type PolicyLookup } from '../dmarc/discover.js';
import type { DmarcMode, DmarcResultWord } from '../dmarc/types.js';
import type { Resolver } from '../dns/types.js';
import type { BimiDmarcCheck, BimiDmarcProblem } from './types.js';

/** Options of {@link checkDmarcPrerequisites}. */
export interface PrerequisiteOptions {
  resolver: Resolver;
  /** DMARC specification followed; in `rfc7489` mode `pct` below 100 is not enforcement. Default `rfc9989`. */
  mode?: DmarcMode;
  /** The message's DMARC result, when a message is being evaluated: it must be `pass`. */
  messageResult?: DmarcResultWord;
  /** The author domain's policy lookup, when the caller already has it. */
  lookup?: PolicyLookup;
  signal?: AbortSignal;
}

/**
 * The DMARC prerequisites of BIMI (draft-brand-indicators-for-message-identification §7.2, §8.3): the policy
 * that applies to the author domain is at enforcement (`quarantine` or `reject`; not `pct` below 100, not testing
 * mode), for a subdomain the `sp=` that applies is not `none`, the Organizational Domain's own `p=` is not `none`,
 * and, for a message, DMARC passed.
 */
export async function checkDmarcPrerequisites(authorDomain: string, options: PrerequisiteOptions): Promise<BimiDmarcCheck> {
  const mode = options.mode ?? 'rfc9989';
  const signal = options.signal ? { signal: options.signal } : {};
  const lookup = options.lookup ?? (await lookupDmarcPolicy(authorDomain, { resolver: options.resolver, mode, ...signal }));
  const problems: BimiDmarcProblem[] = [];
  const out: BimiDmarcCheck = { status: 'met', problems, ...(options.messageResult ? { messageResult: options.messageResult } : {}) };
  const d = lookup.discovery;
  if (d.status === 'invalid-domain') return { ...out, status: 'not-met', problems: [{ code: 'invalid-domain', detail: authorDomain }] };
  if (d.status === 'temperror') return { ...out, status: 'temperror', problems: [{ code: 'dmarc-temperror', domain: d.error.name, detail: d.error.what }] };
  if (d.status === 'none') return { ...out, status: 'not-met', problems: [{ code: 'no-dmarc-policy', domain: d.authorDomain }] };
  const policy = d.policy;
  out.policyDomain = policy.domain;
  const effective = lookup.effective;
  if (!effective?.ok || !lookup.applied) return { ...out, status: 'not-met', problems: [{ code: 'dmarc-unusable', domain: policy.domain }] };
  const applied = lookup.applied;
  out.applied = { tag: applied.tag, policy: applied.policy };
  if (applied.policy === 'none') {
    problems.push({ code: applied.tag === 'p' ? 'policy-not-enforcing' : 'subdomain-policy-none', domain: policy.domain, detail: `${applied.tag}=none` });
  }
  const record = policy.record;
  if (mode === 'rfc7489' && record.pct !== undefined && record.pct < 100) problems.push({ code: 'pct-below-100', domain: policy.domain, detail: String(record.pct) });
  if (record.t === 'y') problems.push({ code: 'testing-mode', domain: policy.domain });
  const orgDomain = lookup.orgDomain?.ok ? lookup.orgDomain.orgDomain : policy.orgDomain;
  if (orgDomain && policy.source !== 'psd') {
    if (orgDomain === policy.domain) {
      out.orgPolicy = { domain: orgDomain, p: effective.p };
    } else {
      const org = await lookupDmarcPolicy(orgDomain, { resolver: options.resolver, mode, ...signal });
      if (org.discovery.status === 'temperror') {
        problems.push({ code: 'dmarc-temperror', domain: org.discovery.error.name, detail: org.discovery.error.what });
      } else if (org.discovery.status === 'found' && org.effective?.ok && org.discovery.policy.domain === orgDomain) {
        out.orgPolicy = { domain: orgDomain, p: org.effective.p };
      }
    }
    if (out.orgPolicy?.p === 'none' && !(applied.tag === 'p' && policy.domain === orgDomain)) {
      problems.push({ code: 'org-policy-none', domain: orgDomain });
    }
  }
  if (options.messageResult !== undefined && options.messageResult !== 'pass') problems.push({ code: 'dmarc-not-pass', detail: options.messageResult });
  if (problems.some((p) => p.code === 'dmarc-temperror')) out.status = 'temperror';
  else if (problems.length) out.status = 'not-met';
  return out;
}
