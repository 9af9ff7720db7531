import { formatIp, type IpAddress } from '../dns/ip.js';
import type { MacroPart, MacroString } from './types.js';

/** The values the macro letters expand to (RFC 7208 §7.2), fixed for one check_host() run. */
export interface MacroVariables {
  /** `s`: <sender>, local-part@domain with "postmaster" for an empty local-part (§4.3). */
  sender: string;
  /** `l`: local-part of <sender>. */
  localPart: string;
  /** `o`: domain of <sender>. */
  senderDomain: string;
  /** `i`, `c`, `v`: the client IP, IPv4-mapped addresses already turned into IPv4 (§5). */
  ip: IpAddress;
  /** `h`: HELO/EHLO domain ("unknown" when not given). */
  helo: string;
  /** `r`: the receiving host (exp only). */
  receiver: string;
  /** `t`: seconds since the epoch (exp only). */
  timestamp: number;
}

const HEX = '0123456789abcdef';

/** `%{i}`: dotted quad for IPv4, 32 dot-separated nibbles for IPv6 (RFC 7208 §7.3). */
export function ipMacroValue(ip: IpAddress): string {
  if (ip.family === 4) return formatIp(ip);
  let out = '';
  for (const byte of ip.bytes) out += `${HEX[byte >> 4]}.${HEX[byte & 15]}.`;
  return out.slice(0, -1);
}

/** Whether expanding this macro-string needs the validated domain name (`%{p}`), which costs DNS lookups. */
export function usesValidatedDomain(spec: MacroString): boolean {
  if (!spec.hasMacros) return false;
  for (const part of spec.parts) if (part.kind === 'macro' && part.letter === 'p') return true;
  return false;
}

function letterValue(letter: string, vars: MacroVariables, domain: string, validated: string | undefined): string {
  switch (letter) {
    case 's':
      return vars.sender;
    case 'l':
      return vars.localPart;
    case 'o':
      return vars.senderDomain;
    case 'd':
      return domain;
    case 'i':
      return ipMacroValue(vars.ip);
    case 'p':
      return validated ?? 'unknown';
    case 'v':
      return vars.ip.family === 4 ? 'in-addr' : 'ip6';
    case 'h':
      return vars.helo;
    case 'c':
      return formatIp(vars.ip);
    case 'r':
      return vars.receiver;
    case 't':
      return String(vars.timestamp);
    default:
      return '';
  }
}

function splitOn(value: string, delimiters: string): string[] {
  if (delimiters.length <= 1) return value.split(delimiters || '.');
  const parts: string[] = [];
  let start = 0;
  for (let i = 0; i < value.length; i++) {
    if (delimiters.includes(value[i]!)) {
      parts.push(value.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(value.slice(start));
  return parts;
}

/** Apply the transformers (RFC 7208 §7.3): split on the delimiters, optionally reverse, keep the right-most N parts, join with ".". */
export function transform(value: string, digits: number | undefined, reverse: boolean, delimiters: string): string {
  if (digits === undefined && !reverse && (delimiters === '' || delimiters === '.')) return value;
  const parts = splitOn(value, delimiters);
  if (reverse) parts.reverse();
  const kept = digits !== undefined && digits < parts.length ? parts.slice(parts.length - digits) : parts;
  return kept.join('.');
}

const UNRESERVED = /^[A-Za-z0-9\-._~]*$/;

/** URL-escape as RFC 7208 §7.3 asks for upper-case macro letters: everything outside the RFC 3986 unreserved set. */
export function urlEscape(value: string): string {
  if (UNRESERVED.test(value)) return value;
  let out = '';
  for (const ch of value) {
    if (UNRESERVED.test(ch)) out += ch;
    else for (const byte of Buffer.from(ch, 'utf8')) out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

function expandPart(part: MacroPart, vars: MacroVariables, domain: string, validated: string | undefined): string {
  if (part.kind === 'literal') return part.text;
  const value = transform(letterValue(part.letter, vars, domain, validated), part.digits, part.reverse, part.delimiters);
  return part.urlEscape ? urlEscape(value) : value;
}

/**
 * Expand a macro-string (RFC 7208 §7.3). `domain` is the current <domain> (`%{d}`); `validated` is the
 * already-resolved `%{p}` value (see {@link usesValidatedDomain}), "unknown" when absent.
 */
export function expandMacroString(spec: MacroString, vars: MacroVariables, domain: string, validated?: string): string {
  const parts = spec.parts;
  if (parts.length === 1) return expandPart(parts[0]!, vars, domain, validated);
  let out = '';
  for (const part of parts) out += expandPart(part, vars, domain, validated);
  return out;
}

/** Drop left-hand labels until the name is at most 253 characters (RFC 7208 §7.3); a trailing dot is removed. */
export function truncateDomain(name: string): string {
  let n = name.charCodeAt(name.length - 1) === 0x2e /* . */ ? name.slice(0, -1) : name;
  while (n.length > 253) {
    const dot = n.indexOf('.');
    if (dot === -1) break;
    n = n.slice(dot + 1);
  }
  return n;
}

/** Expand a domain-spec to the <target-name> to query: macro expansion, then truncation to 253 characters (§7.3, §4.8). */
export function expandDomainSpec(spec: MacroString, vars: MacroVariables, domain: string, validated?: string): string {
  return truncateDomain(expandMacroString(spec, vars, domain, validated));
}

/**
 * Whether a name can be sent to DNS: no empty label (except a final dot), labels of at most 63 characters,
 * at most 253 characters. Any other octet is legal in DNS, so names such as "foo:bar/baz.example.com" pass.
 */
export function isQueryableName(name: string): boolean {
  const n = name.charCodeAt(name.length - 1) === 0x2e /* . */ ? name.slice(0, -1) : name;
  if (n.length === 0 || n.length > 253) return false;
  let start = 0;
  for (;;) {
    const dot = n.indexOf('.', start);
    const end = dot === -1 ? n.length : dot;
    if (end === start || end - start > 63) return false;
    if (dot === -1) return true;
    start = dot + 1;
  }
}
