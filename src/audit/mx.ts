import { ipInNetwork, parseIp, parseIpv4, parseIpv6, type IpAddress } from '../dns/ip.js';
import type { MxRecord } from '../dns/types.js';
import type { AuditDns } from './context.js';
import { evidenceOf, finding, fixLine, isDnsFailure, unchecked, type DnsEvidence, type Finding } from './finding.js';

/** Most exchanges looked at (hostile zones). */
const MAX_EXCHANGES = 10;

/** One exchange of the MX set and the addresses it resolves to. */
export interface MxExchange {
  preference: number;
  exchange: string;
  addresses: string[];
}

/** What the MX check learned, for the PTR and MTA-STS checks. */
export interface MxFacts {
  state: 'records' | 'none' | 'null' | 'nxdomain' | 'unchecked';
  exchanges: MxExchange[];
}

const PRIVATE: Array<[Uint8Array, number]> = [
  ...(
    [
      ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12], ['192.168.0.0', 16],
    ] as const
  ).map(([net, prefix]): [Uint8Array, number] => [parseIpv4(net)!, prefix]),
  ...(
    [
      ['::', 127], ['fc00::', 7], ['fe80::', 10],
    ] as const
  ).map(([net, prefix]): [Uint8Array, number] => [parseIpv6(net)!, prefix]),
];

/** Whether an address is private, loopback, link-local or unspecified: unreachable from the Internet. */
export function isPrivateAddress(ip: IpAddress): boolean {
  return PRIVATE.some(([net, prefix]) => ipInNetwork(ip, net, prefix));
}

/** The IPv4 address an MX exchange really is, when someone wrote an address instead of a host name (`192.0.2.1.` or relative `192.0.2.1.example.com`). */
export function exchangeAddress(exchange: string, domain: string): string | undefined {
  if (parseIp(exchange)) return exchange;
  const labels = exchange.split('.');
  const quad = labels.slice(0, 4).join('.');
  if (labels.length > 4 && parseIpv4(quad) && labels.slice(4).join('.') === domain) return quad;
  return undefined;
}

function mxData(mx: MxRecord): string {
  return `${mx.preference} ${mx.exchange === '' ? '.' : `${mx.exchange}.`}`;
}

/**
 * The MX check: an MX set exists (or a null MX, RFC 7505), each exchange is a host name (never an
 * IP address, RFC 5321 §5.1), not an alias, resolving to public A/AAAA addresses.
 */
export async function auditMx(domain: string, dns: AuditDns): Promise<{ findings: Finding[]; facts: MxFacts }> {
  const findings: Finding[] = [];
  const answer = await dns.query(domain, 'MX');
  const ev = [evidenceOf(domain, 'MX', answer)];
  if (isDnsFailure(answer)) return { findings: [unchecked('mx', domain, 'MX', answer)], facts: { state: 'unchecked', exchanges: [] } };
  if (answer.status === 'nxdomain') {
    return { findings: [finding('mx', 'mx.domain-missing', 'error', { domain }, ev)], facts: { state: 'nxdomain', exchanges: [] } };
  }
  if (answer.status === 'nodata' || answer.records.length === 0) {
    return { findings: [finding('mx', 'mx.none', 'warning', { domain }, ev)], facts: { state: 'none', exchanges: [] } };
  }
  const records = answer.records.slice(0, MAX_EXCHANGES);
  const nulls = records.filter((r) => r.exchange === '');
  if (nulls.length) {
    if (nulls.length === records.length) return { findings: [finding('mx', 'mx.null', 'warning', { domain }, ev)], facts: { state: 'null', exchanges: [] } };
    const fix = nulls.map((r) => fixLine('remove', domain, 'MX', mxData(r)));
    findings.push(finding('mx', 'mx.null-mixed', 'error', { domain }, ev, fix));
  }
  const hosts = records.filter((r) => r.exchange !== '').sort((a, b) => a.preference - b.preference);
  const exchanges = await Promise.all(hosts.map((mx) => checkExchange(domain, mx, dns, ev, findings)));
  const byPreference = new Map<number, string[]>();
  for (const mx of hosts) byPreference.set(mx.preference, [...(byPreference.get(mx.preference) ?? []), mx.exchange]);
  for (const [preference, names] of byPreference) {
    if (names.length > 1) findings.push(finding('mx', 'mx.same-preference', 'info', { domain, preference, hosts: names.join(', ') }, ev));
  }
  if (!findings.some((f) => f.severity === 'error' || f.unchecked)) {
    findings.unshift(finding('mx', 'mx.ok', 'ok', { domain, count: hosts.length, hosts: hosts.map((h) => h.exchange).join(', ') }, ev));
  }
  return { findings, facts: { state: 'records', exchanges } };
}

async function checkExchange(domain: string, mx: MxRecord, dns: AuditDns, mxEvidence: DnsEvidence[], findings: Finding[]): Promise<MxExchange> {
  const exchange = mx.exchange;
  const ip = exchangeAddress(exchange, domain);
  if (ip !== undefined) {
    const host = `mail.${domain}`;
    const fix = [
      fixLine('remove', domain, 'MX', mxData(mx)),
      fixLine('add', host, parseIpv4(ip) ? 'A' : 'AAAA', ip),
      fixLine('add', domain, 'MX', `${mx.preference} ${host}.`),
    ];
    findings.push(finding('mx', 'mx.ip-address', 'error', { domain, exchange, ip, host }, mxEvidence, fix));
    return { preference: mx.preference, exchange, addresses: [] };
  }
  const [a, aaaa, cname] = await Promise.all([dns.query(exchange, 'A'), dns.query(exchange, 'AAAA'), dns.query(exchange, 'CNAME')]);
  const ev = [evidenceOf(exchange, 'A', a), evidenceOf(exchange, 'AAAA', aaaa)];
  if (cname.status === 'records' && cname.records[0]) {
    const target = cname.records[0];
    const fix = [fixLine('remove', domain, 'MX', mxData(mx)), fixLine('add', domain, 'MX', `${mx.preference} ${target}.`)];
    findings.push(finding('mx', 'mx.cname', 'warning', { domain, exchange, target }, [evidenceOf(exchange, 'CNAME', cname)], fix));
  }
  const addresses = [a, aaaa].flatMap((x) => (x.status === 'records' ? x.records : []));
  if (addresses.length === 0) {
    const failed = [a, aaaa].find(isDnsFailure);
    if (failed) findings.push(unchecked('mx', exchange, failed === a ? 'A' : 'AAAA', failed));
    else findings.push(finding('mx', 'mx.no-address', 'error', { domain, exchange }, ev));
  }
  for (const address of addresses) {
    const parsed = parseIp(address);
    if (parsed && isPrivateAddress(parsed)) findings.push(finding('mx', 'mx.private-address', 'error', { domain, exchange, address }, ev));
  }
  return { preference: mx.preference, exchange, addresses };
}
