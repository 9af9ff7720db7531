import { isAtOrBelow } from '../../dmarc/domain.js';
import { parseDmarcRecord } from '../../dmarc/record.js';
import type { ReportUri } from '../../dmarc/types.js';
import type { Resolver } from '../../dns/types.js';

/** Longest DNS name (RFC 1035 §2.3.4), without the final dot. */
const MAX_NAME = 253;

/** Whether (and where) reports for a policy domain may go to one `rua`/`ruf` URI (RFC 9990 §4, "Verifying External Destinations"). */
export type Authorization =
  | { uri: string; status: 'internal'; address: string; domain: string }
  | { uri: string; status: 'authorized'; address: string; domain: string; name: string; /** Addresses from the authorizing record's own `rua` or `ruf` (step 9), which replace `address`. */ override?: string[] }
  | { uri: string; status: 'unauthorized'; domain?: string; name?: string; reason: 'no-record' | 'override-host' | 'name-too-long' | 'not-mailto' }
  | { uri: string; status: 'temperror'; domain: string; name: string; reason: string };

/** The addresses an authorization lets reports go to. */
export function destinationsOf(a: Authorization): string[] {
  if (a.status === 'internal') return [a.address];
  if (a.status === 'authorized') return a.override ?? [a.address];
  return [];
}

/**
 * Check each report URI of a policy: a `mailto:` whose host is inside the policy's Organizational Domain is
 * internal; any other needs a TXT record starting `v=DMARC1` at `<policy domain>._report._dmarc.<host>`.
 * The same tag (`rua` for aggregate, `ruf` for failure reports) in that record replaces the destination,
 * but only if it points to the same host (else neither is used).
 */
export async function authorizeDestinations(policyDomain: string, orgDomain: string, uris: readonly ReportUri[], resolver: Resolver, tag: 'rua' | 'ruf' = 'rua'): Promise<Authorization[]> {
  return Promise.all(
    uris.map(async (u): Promise<Authorization> => {
      if (u.scheme !== 'mailto' || !u.address || !u.domain) return { uri: u.uri, status: 'unauthorized', reason: 'not-mailto' };
      const domain = u.domain.toLowerCase();
      if (isAtOrBelow(domain, orgDomain.toLowerCase())) return { uri: u.uri, status: 'internal', address: u.address, domain };
      const name = `${policyDomain.toLowerCase()}._report._dmarc.${domain}`;
      if (name.length > MAX_NAME) return { uri: u.uri, status: 'unauthorized', domain, name, reason: 'name-too-long' };
      const answer = await resolver.query(name, 'TXT');
      if (answer.status === 'error' || answer.status === 'timeout') {
        return { uri: u.uri, status: 'temperror', domain, name, reason: answer.status === 'error' ? answer.rcode : 'timeout' };
      }
      const records = answer.status === 'records' ? answer.records.map((r) => r.join('')) : [];
      const valid = records.flatMap((text) => {
        const parsed = parseDmarcRecord(text);
        return parsed.ok ? [parsed.record] : [];
      });
      if (!valid.length) return { uri: u.uri, status: 'unauthorized', domain, name, reason: 'no-record' };
      const overrides = valid.flatMap((r) => r[tag]);
      if (!overrides.length) return { uri: u.uri, status: 'authorized', address: u.address, domain, name };
      if (overrides.some((o) => o.domain?.toLowerCase() !== domain || !o.address)) return { uri: u.uri, status: 'unauthorized', domain, name, reason: 'override-host' };
      return { uri: u.uri, status: 'authorized', address: u.address, domain, name, override: overrides.map((o) => o.address!) };
    }),
  );
}
