import type { PolicyLookup } from './discover.js';
import { isAtOrBelow } from './domain.js';

/** What a policy lookup amounts to: a usable policy, none, one whose p/sp/np had to be replaced or that is unusable, a DNS failure, or a bad name. */
export type LookupVerdict = 'valid' | 'none' | 'replaced' | 'unusable' | 'temperror' | 'invalid-domain';

/** The verdict of a lookup (what `inkan dmarc` turns into its exit code). */
export function lookupVerdict(lookup: PolicyLookup): LookupVerdict {
  const d = lookup.discovery;
  if (d.status === 'invalid-domain' || d.status === 'none' || d.status === 'temperror') return d.status;
  if (!lookup.effective?.ok) return 'unusable';
  return lookup.effective.replacedInvalid ? 'replaced' : 'valid';
}

/** Advice about a published policy, beyond the record's own problems; rendered by `dmarc.warn.<code>`. */
export type PolicyWarning =
  | { code: 'p-none' }
  | { code: 'no-rua' }
  | { code: 'testing' }
  | { code: 'sp-ignored' }
  | { code: 'external-rua'; domain: string; policyDomain: string };

/**
 * What a Domain Owner should know about the policy found: `p=none` does not protect (RFC 9989 §3.2.12),
 * without `rua` no reports arrive, testing mode steps the policy down, `sp` only counts at an Organizational
 * Domain (§4.7), and report destinations outside the Organizational Domain need an authorization record
 * (RFC 9990 §3).
 */
export function policyWarnings(lookup: PolicyLookup): PolicyWarning[] {
  const d = lookup.discovery;
  if (d.status !== 'found' || !lookup.effective?.ok) return [];
  const { record, domain } = d.policy;
  const warnings: PolicyWarning[] = [];
  const applied = lookup.applied?.policy ?? lookup.effective.p;
  if (applied === 'none') warnings.push({ code: 'p-none' });
  if (record.rua.length === 0) warnings.push({ code: 'no-rua' });
  if (record.t === 'y') warnings.push({ code: 'testing' });
  const orgDomain = lookup.orgDomain?.ok ? lookup.orgDomain.orgDomain : domain;
  if (record.sp !== undefined && domain !== orgDomain && d.policy.source === 'author') warnings.push({ code: 'sp-ignored' });
  const seen = new Set<string>();
  for (const uri of [...record.rua, ...record.ruf]) {
    if (!uri.domain || seen.has(uri.domain) || isAtOrBelow(uri.domain, orgDomain)) continue;
    seen.add(uri.domain);
    warnings.push({ code: 'external-rua', domain: uri.domain, policyDomain: domain });
  }
  return warnings;
}
