import { normalizeDomain } from '../dmarc/domain.js';
import { parseIpv4, parseIpv6 } from '../dns/ip.js';
import type { Resolver } from '../dns/types.js';
import { SPF_LIMITS } from './limits.js';
import { lintSpf } from './lint.js';
import { parseSpf } from './parse.js';

/** Longest record `inkan spf build` writes: an answer with it still fits a 512-byte UDP packet (RFC 7208 §3.4). */
export const SPF_BUILD_MAX_BYTES = 450;

/** What goes into a record built by {@link buildSpfRecord}. */
export interface SpfBuildInput {
  /** `include:` targets (a service's SPF name such as `_spf.google.com`). */
  includes?: string[];
  /** IPv4 addresses or networks (`203.0.113.5`, `203.0.113.0/24`). */
  ip4?: string[];
  /** IPv6 addresses or networks. */
  ip6?: string[];
  /** `a` terms: `''` for the domain itself, or a domain. */
  a?: string[];
  /** Add `mx`. */
  mx?: boolean;
  /** The final `all`: `-` fail (default) or `~` softfail. */
  all?: '-' | '~';
  /** DNS lookups inside each include (its own terms and everything below), when known. */
  nested?: Record<string, number>;
}

/** One include and what it costs: itself plus the lookups of its record and below. */
export interface IncludeCost {
  include: string;
  lookups: number;
  /** False when the lookups inside it could not be counted (no resolver, or DNS failed): counted as 1. */
  counted: boolean;
}

/** The outcome of {@link buildSpfRecord}. */
export type SpfBuildResult =
  | { ok: true; record: string; lookups: number; bytes: number; includes: IncludeCost[] }
  | { ok: false; reason: 'too-many-lookups' | 'too-long'; record: string; lookups: number; bytes: number; includes: IncludeCost[]; /** Includes to replace by IP ranges, most expensive first. */ replace: string[] }
  | { ok: false; reason: 'invalid'; option: 'include' | 'ip4' | 'ip6' | 'a' | 'all'; value: string }
  | { ok: false; reason: 'empty' };

function validNetwork(value: string, family: 4 | 6): boolean {
  const slash = value.indexOf('/');
  const address = slash === -1 ? value : value.slice(0, slash);
  const prefix = slash === -1 ? undefined : value.slice(slash + 1);
  const max = family === 4 ? 32 : 128;
  if (prefix !== undefined && (!/^\d{1,3}$/.test(prefix) || Number(prefix) > max)) return false;
  return family === 4 ? parseIpv4(address) !== undefined : address.includes(':') && parseIpv6(address) !== undefined;
}

/**
 * Write an SPF record (RFC 7208): ip4/ip6 first (no DNS), then `a`, `mx` and the includes, then `all`. Counts
 * its DNS lookups (each include costs itself plus the lookups inside it, RFC 7208 §4.6.4) and refuses a record
 * over 10 lookups or {@link SPF_BUILD_MAX_BYTES} bytes, naming the includes whose replacement by IP ranges
 * brings it under the limit. Pure: the nested counts come in `nested` (see {@link countIncludeLookups}).
 */
export function buildSpfRecord(input: SpfBuildInput): SpfBuildResult {
  const includes: string[] = [];
  for (const value of input.includes ?? []) {
    const d = normalizeDomain(value);
    if (d === undefined || !d.includes('.')) return { ok: false, reason: 'invalid', option: 'include', value };
    if (!includes.includes(d)) includes.push(d);
  }
  for (const [option, list, family] of [['ip4', input.ip4 ?? [], 4], ['ip6', input.ip6 ?? [], 6]] as const) {
    for (const value of list) if (!validNetwork(value, family)) return { ok: false, reason: 'invalid', option, value };
  }
  const aTerms: string[] = [];
  for (const value of input.a ?? []) {
    if (value === '') aTerms.push('a');
    else {
      const d = normalizeDomain(value);
      if (d === undefined) return { ok: false, reason: 'invalid', option: 'a', value };
      aTerms.push(`a:${d}`);
    }
  }
  const all = input.all ?? '-';
  if (all !== '-' && all !== '~') return { ok: false, reason: 'invalid', option: 'all', value: String(all) };
  const ipTerms = [...new Set([...(input.ip4 ?? []).map((n) => `ip4:${n}`), ...(input.ip6 ?? []).map((n) => `ip6:${n.toLowerCase()}`)])];
  if (ipTerms.length + aTerms.length + includes.length === 0 && !input.mx) return { ok: false, reason: 'empty' };
  const costs: IncludeCost[] = includes.map((include) => {
    const inside = input.nested?.[include];
    return { include, lookups: 1 + (inside ?? 0), counted: inside !== undefined };
  });
  const terms = ['v=spf1', ...ipTerms, ...[...new Set(aTerms)], ...(input.mx ? ['mx'] : []), ...includes.map((i) => `include:${i}`), `${all}all`];
  const record = terms.join(' ');
  const bytes = Buffer.byteLength(record, 'utf8');
  const lookups = new Set(aTerms).size + (input.mx ? 1 : 0) + costs.reduce((sum, c) => sum + c.lookups, 0);
  if (lookups > SPF_LIMITS.lookups) {
    const replace: string[] = [];
    let left = lookups;
    for (const c of [...costs].sort((x, y) => y.lookups - x.lookups)) {
      if (left <= SPF_LIMITS.lookups) break;
      replace.push(c.include);
      left -= c.lookups;
    }
    return { ok: false, reason: 'too-many-lookups', record, lookups, bytes, includes: costs, replace };
  }
  if (bytes > SPF_BUILD_MAX_BYTES) return { ok: false, reason: 'too-long', record, lookups, bytes, includes: costs, replace: [] };
  if (!parseSpf(record).ok) throw new Error(`inkan: built an SPF record that does not parse: ${record}`);
  return { ok: true, record, lookups, bytes, includes: costs };
}

/** The DNS lookups inside each include's record and below it (the include term itself not counted); absent when DNS failed. */
export async function countIncludeLookups(includes: readonly string[], resolver: Resolver): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  await Promise.all(
    includes.map(async (include) => {
      const d = normalizeDomain(include);
      if (d === undefined) return;
      const lint = await lintSpf(d, { resolver, checkSpfRr: false });
      if (lint.complete && lint.record) out[d] = lint.lookups;
    }),
  );
  return out;
}
