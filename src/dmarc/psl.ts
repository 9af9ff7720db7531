import { createRequire } from 'node:module';
import { getDomain } from 'tldts';
import type { OrgDomainRule } from './types.js';

let version: string | undefined;

/** The Public Suffix List data in use: the version of the `tldts` package that bundles it. */
export function pslVersion(): string {
  if (version === undefined) {
    try {
      const pkg = createRequire(import.meta.url)('tldts/package.json') as { version?: string };
      version = `tldts ${pkg.version ?? 'unknown'}`;
    } catch {
      version = 'tldts unknown';
    }
  }
  return version;
}

/**
 * The Organizational Domain by RFC 7489 §3.2: the longest public suffix that matches, plus one label.
 * A name that is itself a public suffix has none; it is then its own Organizational Domain.
 */
export function pslOrgDomain(domain: string, privateDomains = true): { orgDomain: string; rule: OrgDomainRule } {
  const registrable = getDomain(domain, { allowPrivateDomains: privateDomains, extractHostname: false, detectIp: false, validateHostname: false });
  return registrable ? { orgDomain: registrable, rule: 'psl' } : { orgDomain: domain, rule: 'psl-suffix' };
}
