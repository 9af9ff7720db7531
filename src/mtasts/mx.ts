import type { MxRecord } from '../dns/types.js';
import { isHostName } from '../message/domain.js';
import type { MxHostMatch, MxPattern } from './types.js';

/** Parse an `mx:` value (RFC 8461 §3.2 `sts-policy-mx-value`: `["*."] Domain`); undefined when it is not one. */
export function parseMxPattern(value: string, line = 0): MxPattern | undefined {
  const pattern = value.toLowerCase();
  const wildcard = pattern.startsWith('*.');
  const domain = wildcard ? pattern.slice(2) : pattern;
  if (!isHostName(domain)) return undefined;
  return { pattern, wildcard, line };
}

/** Lower-case a host name and drop a trailing dot. */
function normalizeHost(host: string): string {
  const lower = host.toLowerCase();
  return lower.endsWith('.') ? lower.slice(0, -1) : lower;
}

/**
 * Whether an MX host matches one policy pattern (RFC 8461 §4.1): equal, ignoring case, or for `*.D`
 * the host is exactly one label followed by `.D` (`*.example.com` matches `mx1.example.com`,
 * not `example.com` nor `a.b.example.com`).
 */
export function mxPatternMatches(pattern: string, host: string): boolean {
  const p = pattern.toLowerCase();
  const h = normalizeHost(host);
  if (!p.startsWith('*.')) return p === h;
  const suffix = p.slice(1);
  if (!h.endsWith(suffix)) return false;
  const label = h.slice(0, h.length - suffix.length);
  return label.length > 0 && !label.includes('.');
}

/** The first pattern of `patterns` that `host` matches. */
export function matchingPattern(patterns: readonly MxPattern[], host: string): string | undefined {
  return patterns.find((p) => mxPatternMatches(p.pattern, host))?.pattern;
}

/** For each MX host, the pattern that covers it; and the patterns no MX host uses (likely stale). */
export function coverMxHosts(patterns: readonly MxPattern[], mx: readonly MxRecord[]): { hosts: MxHostMatch[]; unusedPatterns: string[] } {
  const hosts = [...mx]
    .sort((a, b) => a.preference - b.preference)
    .map(({ exchange, preference }): MxHostMatch => {
      const matchedBy = matchingPattern(patterns, exchange);
      return matchedBy === undefined ? { exchange, preference } : { exchange, preference, matchedBy };
    });
  const unusedPatterns = [...new Set(patterns.map((p) => p.pattern))].filter((p) => !mx.some((m) => mxPatternMatches(p, m.exchange)));
  return { hosts, unusedPatterns };
}
