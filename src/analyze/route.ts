import { formatIp, unmapIpv4, type IpAddress } from '../dns/ip.js';
import type { ParsedMessage } from '../message/types.js';
import { orgDomainOf } from './identities.js';
import type { AddressScope, Hop, Route } from './types.js';

/** Received fields analysed; a longer chain is reported as truncated (hostile headers stay cheap). */
export const MAX_HOPS = 100;
/** A hop this much later than `now` is dated in the future. */
const FUTURE_TOLERANCE_MS = 5 * 60 * 1000;

const V4_RANGES: ReadonlyArray<[number[], number, AddressScope]> = [
  [[10], 8, 'private'],
  [[172, 16], 12, 'private'],
  [[192, 168], 16, 'private'],
  [[127], 8, 'loopback'],
  [[169, 254], 16, 'link-local'],
  [[100, 64], 10, 'shared'],
  [[0], 8, 'private'],
  [[192, 0, 2], 24, 'documentation'],
  [[198, 51, 100], 24, 'documentation'],
  [[203, 0, 113], 24, 'documentation'],
];

function inPrefix(bytes: Uint8Array, start: number[], prefix: number): boolean {
  for (let bit = 0; bit < prefix; bit++) {
    const byte = Math.floor(bit / 8);
    const mask = 0x80 >> bit % 8;
    if (((bytes[byte] ?? 0) & mask) !== ((start[byte] ?? 0) & mask)) return false;
  }
  return true;
}

/** What kind of network an address belongs to (RFC 1918, RFC 6598, RFC 5737, RFC 4193, RFC 3849...). */
export function addressScope(address: IpAddress): AddressScope {
  const ip = unmapIpv4(address);
  if (ip.family === 4) {
    for (const [start, prefix, scope] of V4_RANGES) if (inPrefix(ip.bytes, start, prefix)) return scope;
    return 'public';
  }
  const b = ip.bytes;
  if (b.every((x, i) => (i < 15 ? x === 0 : x === 1))) return 'loopback';
  if ((b[0]! & 0xfe) === 0xfc) return 'private';
  if (b[0] === 0xfe && (b[1]! & 0xc0) === 0x80) return 'link-local';
  if (b[0] === 0x20 && b[1] === 0x01 && b[2] === 0x0d && b[3] === 0xb8) return 'documentation';
  return 'public';
}

/** Whether mail from this address came over the Internet (documentation ranges count: examples use them). */
function outside(scope: AddressScope | undefined): boolean {
  return scope === 'public' || scope === 'documentation';
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** Whether `host` belongs to one of the trusted organizations. */
function trustedHost(host: string | undefined, trustedOrgs: ReadonlySet<string>): boolean {
  if (!host) return false;
  const h = host.toLowerCase().replace(/\.$/, '');
  return trustedOrgs.has(h) || trustedOrgs.has(orgDomainOf(h));
}

/**
 * Read the `Received` chain as hops (issue 6 §3): who handed the message to whom, with which protocol and
 * whether TLS, when, the delay of each hop and in total, times that go backwards, address scopes, and the
 * hop where the message entered the recipient's provider (the trust boundary): the lowest of the topmost
 * hops written by a trusted organization, else the topmost hop whose client has a public address.
 */
export function readRoute(message: ParsedMessage, trustedIds: readonly string[], now: number): Route {
  const received = message.received.slice(0, MAX_HOPS);
  const times: Array<number | undefined> = [];
  const hops: Hop[] = received.map((r, index) => {
    const hop: Hop = { index, field: r.index, tls: false, authenticated: false, backwards: false, future: false, unparsed: !r.result.ok, internal: false };
    const res = r.result;
    let time: number | undefined;
    if (res.ok) {
      if (res.from) {
        if (res.from.name) hop.from = res.from.name;
        if (res.from.helo) hop.helo = res.from.helo;
        if (res.from.reverseName) hop.reverseName = res.from.reverseName;
        if (res.from.ip) {
          hop.ip = formatIp(unmapIpv4(res.from.ip));
          hop.scope = addressScope(res.from.ip);
        }
      }
      if (res.by) hop.by = res.by;
      if (res.with) hop.protocol = res.with;
      hop.tls = res.encrypted;
      if (res.tls?.version) hop.tlsVersion = res.tls.version;
      hop.authenticated = res.authenticated;
      if (res.for) hop.for = res.for;
      if (res.date?.ok) {
        time = res.date.epochMs;
        hop.time = iso(time);
        hop.future = time > now + FUTURE_TOLERANCE_MS;
      }
    }
    times.push(time);
    return hop;
  });
  const dateField = message.date[0]?.result;
  const dateMs = dateField?.ok ? dateField.epochMs : undefined;
  const backwards: number[] = [];
  for (let i = 0; i < hops.length; i++) {
    const t = times[i];
    const before = i + 1 < hops.length ? times[i + 1] : dateMs;
    if (t === undefined || before === undefined) continue;
    hops[i]!.delayMs = t - before;
    if (t < before) {
      hops[i]!.backwards = true;
      backwards.push(i);
    }
  }
  const route: Route = { hops, truncated: message.received.length - received.length, backwards };
  if (dateMs !== undefined) route.date = iso(dateMs);
  const newest = times.find((t) => t !== undefined);
  const oldest = dateMs ?? [...times].reverse().find((t) => t !== undefined);
  if (newest !== undefined && oldest !== undefined) route.totalMs = newest - oldest;

  const trustedOrgs = new Set(trustedIds.flatMap((id) => [id.toLowerCase(), orgDomainOf(id)]));
  let boundary: number | undefined;
  if (trustedOrgs.size) {
    // A hop without a `from` clause is a hand-off inside the provider (Gmail's `by 2002:...` on top).
    const inside = (h: Hop): boolean => trustedHost(h.by, trustedOrgs) || (!h.unparsed && h.from === undefined && h.ip === undefined);
    for (let i = 0; i < hops.length && inside(hops[i]!); i++) {
      if (!trustedHost(hops[i]!.by, trustedOrgs)) continue;
      boundary = i;
      if (!trustedHost(hops[i]!.from, trustedOrgs) && outside(hops[i]!.scope)) break;
    }
    if (boundary !== undefined) route.boundaryBy = 'trusted-authserv-id';
  }
  if (boundary === undefined) {
    const first = hops.findIndex((h) => outside(h.scope));
    if (first >= 0) {
      boundary = first;
      route.boundaryBy = 'first-public-address';
    }
  }
  if (boundary !== undefined) {
    route.boundary = boundary;
    const hop = hops[boundary]!;
    for (let i = 0; i <= boundary; i++) hops[i]!.internal = true;
    if (hop.ip) route.boundaryIp = hop.ip;
    const helo = hop.helo ?? hop.from;
    if (helo) route.boundaryHelo = helo;
  }
  return route;
}
