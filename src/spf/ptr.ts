import { ipInNetwork, parseIp, reverseName } from '../dns/ip.js';
import type { EvalContext, PendingAnswer } from './context.js';

/** Lower-case a DNS name and drop its trailing dot. */
export function canonicalName(name: string): string {
  const lower = name.toLowerCase();
  return lower.endsWith('.') ? lower.slice(0, -1) : lower;
}

/** Whether `name` is `domain` or a name below it (both canonical). */
export function isAtOrBelow(name: string, domain: string): boolean {
  return name === domain || (name.length > domain.length && name.endsWith(domain) && name[name.length - domain.length - 1] === '.');
}

/** The PTR names of the client IP, at most `ctx.maxNames` of them (RFC 7208 §4.6.4), or undefined if the lookup failed. */
export async function reverseNames(ctx: EvalContext, domain: string, depth: number, voidTerm?: string): Promise<string[] | undefined> {
  const name = reverseName(ctx.vars.ip);
  const answer = await ctx.query(name, 'PTR', domain, depth, voidTerm);
  if (answer.status !== 'records') return answer.status === 'timeout' || answer.status === 'error' ? undefined : [];
  const names = answer.records;
  if (names.length > ctx.maxNames) ctx.trace?.push({ kind: 'limit', which: 'ptr-names', count: names.length, depth });
  const kept: string[] = [];
  for (let i = 0; i < names.length && i < ctx.maxNames; i++) kept.push(canonicalName(names[i]!));
  return kept;
}

/**
 * The first of `candidates` (in order) whose forward lookup (A for IPv4, AAAA for IPv6) includes the client IP:
 * the validation of RFC 7208 §5.5. Lookups run in parallel; answers are taken in order, and a DNS error only
 * skips that name.
 */
export async function firstValidated(ctx: EvalContext, candidates: string[], domain: string, depth: number): Promise<string | undefined> {
  if (candidates.length === 0) return undefined;
  const type = ctx.vars.ip.family === 4 ? 'A' : 'AAAA';
  const pending: PendingAnswer<string>[] = candidates.map((name) => ctx.start(name, type));
  for (let i = 0; i < candidates.length; i++) {
    const answer = ctx.settle(await pending[i]!, candidates[i]!, type, domain, depth);
    if (answer.status !== 'records') continue;
    for (const text of answer.records) {
      const address = parseIp(text);
      if (address && ipInNetwork(ctx.vars.ip, address.bytes, address.bytes.length * 8)) return candidates[i];
    }
  }
  return undefined;
}

/**
 * `%{p}` (RFC 7208 §7.3): a validated name of the client IP, preferring `domain` itself, then a name below it,
 * then any other; "unknown" when there is none or DNS fails.
 */
export async function validatedDomain(ctx: EvalContext, domain: string, depth: number): Promise<string> {
  const names = await reverseNames(ctx, domain, depth);
  if (!names || names.length === 0) return 'unknown';
  const target = canonicalName(domain);
  const exact = names.filter((n) => n === target);
  const below = names.filter((n) => n !== target && isAtOrBelow(n, target));
  const others = names.filter((n) => !isAtOrBelow(n, target));
  const ordered = [...new Set([...exact, ...below, ...others])];
  return (await firstValidated(ctx, ordered, domain, depth)) ?? 'unknown';
}
