import { ipInNetwork, parseIp, type IpAddress } from '../dns/ip.js';
import type { EvalContext } from './context.js';
import { expandDomainSpec, usesValidatedDomain } from './macro.js';
import { canonicalName, firstValidated, isAtOrBelow, reverseNames, validatedDomain } from './ptr.js';
import type { MacroString } from './types.js';

/**
 * Expand a term's domain-spec to its <target-name> (the current domain when absent). A promise only when %{p} is
 * used, which costs DNS lookups: a caller on the hot path need not await a name that is ready.
 */
export function targetName(ctx: EvalContext, spec: MacroString | undefined, domain: string, depth: number): string | Promise<string> {
  if (!spec) return domain;
  if (!usesValidatedDomain(spec)) return expandDomainSpec(spec, ctx.vars, domain);
  return validatedTarget(ctx, spec, domain, depth);
}

async function validatedTarget(ctx: EvalContext, spec: MacroString, domain: string, depth: number): Promise<string> {
  return expandDomainSpec(spec, ctx.vars, domain, await validatedDomain(ctx, domain, depth));
}

/**
 * Whether an IPv4 client lies in an `ip6` network written in IPv4-mapped form (`::ffff:a.b.c.d/96..128`).
 * RFC 7208 §5 makes IPv4-mapped addresses IPv4; a mapped network is read the same way. Any other `ip6`
 * network never matches an IPv4 client (OpenSPF `cidr6-0-ip4`).
 */
export function inMappedNetwork(ip: IpAddress, network: Uint8Array, prefix: number): boolean {
  if (ip.family !== 4 || prefix < 96) return false;
  for (let i = 0; i < 10; i++) if (network[i] !== 0) return false;
  if (network[10] !== 0xff || network[11] !== 0xff) return false;
  return ipInNetwork(ip, network.subarray(12), prefix - 96);
}

function anyInNetwork(ctx: EvalContext, addresses: readonly string[], cidr4: number, cidr6: number): boolean {
  const ip = ctx.vars.ip;
  const prefix = ip.family === 4 ? cidr4 : cidr6;
  for (const text of addresses) {
    const address = parseIp(text);
    if (address && address.family === ip.family && ipInNetwork(ip, address.bytes, prefix)) return true;
  }
  return false;
}

/** `a` (RFC 7208 §5.3): an A (IPv4 client) or AAAA (IPv6 client) lookup of the target, compared with the CIDR lengths. */
export async function matchA(ctx: EvalContext, target: string, cidr4: number, cidr6: number, domain: string, depth: number, term: string): Promise<boolean> {
  const type = ctx.vars.ip.family === 4 ? 'A' : 'AAAA';
  const answer = ctx.settle(await ctx.start(target, type), target, type, domain, depth, term);
  if (answer.status !== 'records') {
    ctx.dnsFailure(answer, target, type, domain, depth);
    return false;
  }
  return anyInNetwork(ctx, answer.records, cidr4, cidr6);
}

/**
 * `mx` (RFC 7208 §5.4): the target's MX hosts in preference order, each looked up like `a`. Only the first
 * 10 are looked at; if none of them matches and there were more, the term is a permerror (§4.6.4).
 * The address lookups run in parallel but are judged in order, so a DNS error before a match is a temperror
 * exactly as in sequential evaluation. A null MX (".", RFC 7505) has no addresses.
 */
export async function matchMx(ctx: EvalContext, target: string, cidr4: number, cidr6: number, domain: string, depth: number, term: string): Promise<boolean> {
  const answer = ctx.settle(await ctx.start(target, 'MX'), target, 'MX', domain, depth, term);
  if (answer.status !== 'records') {
    ctx.dnsFailure(answer, target, 'MX', domain, depth);
    return false;
  }
  const all = answer.records.length > 1 ? answer.records.slice().sort((a, b) => a.preference - b.preference) : answer.records;
  const over = all.length > ctx.maxNames;
  if (over) ctx.trace?.push({ kind: 'limit', which: 'mx-names', count: all.length, depth });
  const names: string[] = [];
  for (let i = 0; i < all.length && i < ctx.maxNames; i++) {
    const name = canonicalName(all[i]!.exchange);
    if (name !== '' && !names.includes(name)) names.push(name);
  }
  const type = ctx.vars.ip.family === 4 ? 'A' : 'AAAA';
  const pending = names.map((name) => ctx.start(name, type));
  for (let i = 0; i < names.length; i++) {
    const hosts = ctx.settle(await pending[i]!, names[i]!, type, domain, depth);
    if (hosts.status !== 'records') ctx.dnsFailure(hosts, names[i]!, type, domain, depth);
    else if (anyInNetwork(ctx, hosts.records, cidr4, cidr6)) return true;
  }
  if (over) ctx.fail('permerror', { code: 'too-many-mx', domain, target, count: all.length, limit: ctx.maxNames }, domain, depth);
  return false;
}

/**
 * `ptr` (RFC 7208 §5.5): a PTR name of the client IP that is the target or below it, and whose forward lookup
 * gives the client IP back. Only names that could match are validated. A DNS error on the PTR lookup is no match.
 */
export async function matchPtr(ctx: EvalContext, target: string, domain: string, depth: number, term: string): Promise<boolean> {
  const names = await reverseNames(ctx, domain, depth, term);
  if (!names || names.length === 0) return false;
  const wanted = canonicalName(target);
  const candidates: string[] = [];
  for (const name of names) if (isAtOrBelow(name, wanted) && !candidates.includes(name)) candidates.push(name);
  return (await firstValidated(ctx, candidates, domain, depth)) !== undefined;
}

/** `exists` (RFC 7208 §5.7): an A lookup of the target, even for an IPv6 client; any record matches. */
export async function matchExists(ctx: EvalContext, target: string, domain: string, depth: number, term: string): Promise<boolean> {
  const answer = ctx.settle(await ctx.start(target, 'A'), target, 'A', domain, depth, term);
  if (answer.status !== 'records') {
    ctx.dnsFailure(answer, target, 'A', domain, depth);
    return false;
  }
  return answer.records.length > 0;
}
