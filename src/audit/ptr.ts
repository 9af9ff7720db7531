import { formatIp, ipEquals, parseIp, reverseName } from '../dns/ip.js';
import type { AuditDns } from './context.js';
import { evidenceOf, finding, fixLine, isDnsFailure, unchecked, type Finding } from './finding.js';

/** An address whose reverse DNS is checked: an MX address or a sending IP. */
export interface PtrTarget {
  ip: string;
  source: 'mx' | 'sending';
  /** The MX host it belongs to. */
  host?: string;
  /** The host name to suggest in a fix when there is none (`mail.<domain>`). */
  suggest?: string;
}

/** The reverse DNS of one address. */
export interface PtrFact {
  ip: string;
  source: PtrTarget['source'];
  /** `pass`: a PTR name resolves back to the address; `fail`; `unchecked`. */
  fcrdns: 'pass' | 'fail' | 'unchecked';
  name?: string;
}

/** Most PTR names followed per address. */
const MAX_PTR_NAMES = 4;

const GENERIC_WORDS = /(^|[.-])(dyn|dynamic|dhcp|dsl|adsl|xdsl|cable|dial|dialup|ppp|pppoe|pool|client|clients|broadband|cust|customer|unassigned|user|nat|host\d|ip\d|static-ip|fttx|ftth|flets|ocn|bbtec|mobile)([.-]|\d|$)/i;

/**
 * Whether a PTR name looks generic (assigned by an access provider, not named for a mail server): it
 * spells the address's octets (`203-0-113-5`, `5.113.0.203`, `cb007105`) or uses words such as dynamic,
 * dsl, pool, ppp or client. Receivers score such names as consumer connections.
 */
export function isGenericPtr(name: string, ip: string): boolean {
  const parsed = parseIp(ip);
  const lower = name.toLowerCase();
  if (parsed?.family === 4) {
    const o = [...parsed.bytes].map(String);
    const hex = [...parsed.bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
    const forms = [o.join('-'), [...o].reverse().join('-'), o.join('.'), [...o].reverse().join('.'), o.join('_'), o.join(''), hex];
    if (forms.some((f) => lower.includes(f))) return true;
    if (lower.includes(`${o[2]}-${o[3]}`) && lower.includes(o[1]!)) return true;
  }
  return GENERIC_WORDS.test(lower);
}

async function checkOne(target: PtrTarget, dns: AuditDns): Promise<{ findings: Finding[]; fact: PtrFact }> {
  const parsed = parseIp(target.ip);
  const ip = parsed ? formatIp(parsed) : target.ip;
  if (!parsed) return { findings: [finding('ptr', 'ptr.bad-ip', 'error', { ip })], fact: { ip, source: target.source, fcrdns: 'fail' } };
  const rev = reverseName(parsed);
  const answer = await dns.query(rev, 'PTR');
  const ev = [evidenceOf(rev, 'PTR', answer)];
  const severity = target.source === 'sending' ? 'error' : 'warning';
  const params = { ip, source: target.source, host: target.host ?? '' };
  if (isDnsFailure(answer)) return { findings: [unchecked('ptr', rev, 'PTR', answer)], fact: { ip, source: target.source, fcrdns: 'unchecked' } };
  const suggested = target.host ?? target.suggest ?? 'mail.example.com';
  if (answer.status !== 'records' || answer.records.length === 0) {
    const fix = [fixLine('add', rev, 'PTR', `${suggested}.`)];
    return { findings: [finding('ptr', 'ptr.missing', severity, { ...params, name: rev }, ev, fix)], fact: { ip, source: target.source, fcrdns: 'fail' } };
  }
  const names = answer.records.slice(0, MAX_PTR_NAMES);
  const type = parsed.family === 4 ? 'A' : 'AAAA';
  const forward = await Promise.all(names.map((n) => dns.query(n, type)));
  ev.push(...names.map((n, i) => evidenceOf(n, type, forward[i]!)));
  const confirmed = names.find((_, i) => {
    const a = forward[i]!;
    return a.status === 'records' && a.records.some((r) => {
      const p = parseIp(r);
      return p !== undefined && ipEquals(p, parsed);
    });
  });
  if (!confirmed) {
    const failed = forward.find(isDnsFailure);
    if (failed) return { findings: [unchecked('ptr', names[forward.indexOf(failed)]!, type, failed)], fact: { ip, source: target.source, fcrdns: 'unchecked' } };
    const fix = [fixLine('add', names[0]!, type, ip)];
    return { findings: [finding('ptr', 'ptr.fcrdns-mismatch', severity, { ...params, ptr: names.join(', ') }, ev, fix)], fact: { ip, source: target.source, fcrdns: 'fail', name: names[0]! } };
  }
  const findings: Finding[] = [];
  if (isGenericPtr(confirmed, ip)) findings.push(finding('ptr', 'ptr.generic', 'warning', { ...params, ptr: confirmed }, ev, [fixLine('remove', rev, 'PTR', `${confirmed}.`), fixLine('add', rev, 'PTR', `${suggested}.`)]));
  else findings.push(finding('ptr', 'ptr.ok', 'ok', { ...params, ptr: confirmed }, ev));
  return { findings, fact: { ip, source: target.source, fcrdns: 'pass', name: confirmed } };
}

/** PTR and forward-confirmed reverse DNS (the PTR name resolves back to the address) for every target, in parallel. */
export async function auditPtr(targets: PtrTarget[], dns: AuditDns): Promise<{ findings: Finding[]; facts: PtrFact[] }> {
  const results = await Promise.all(targets.map((t) => checkOne(t, dns)));
  return { findings: results.flatMap((r) => r.findings), facts: results.map((r) => r.fact) };
}
