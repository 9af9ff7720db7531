import { domainToASCII, domainToUnicode } from 'node:url';
import { parseIp, parseIpv6, type IpAddress } from '../dns/ip.js';

/** A domain in its three spellings, or the reason it has none. */
export type DomainForms =
  | { ok: true; ascii: string; unicode: string; literal?: IpAddress }
  | { ok: false; code: 'bad-domain' | 'invalid-idn' };

/** An LDH label (RFC 1123 §2.1): letters, digits and hyphens, 1 to 63 octets, no hyphen at either end. */
const LDH_LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;

/**
 * Whether `name` is a host name as RFC 5321 §4.1.2 `Domain` writes it: LDH labels (RFC 1123), at most 253
 * characters, any case, no trailing dot, no wildcard, no underscore. For DNS names with `_` see the DMARC module.
 */
export function isHostName(name: string): boolean {
  if (name.length === 0 || name.length > 253) return false;
  return name.split('.').every((label) => LDH_LABEL.test(label));
}

const DOT_ATOM_ASCII = /^[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~]+(?:\.[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~]+)*$/;

/** The A-label and U-label forms of `domain` as written in an address (RFC 5890; RFC 6532 allows U-labels in mail). */
export function domainForms(domain: string): DomainForms {
  if (domain.startsWith('[')) {
    const inner = domain.slice(1, -1).trim();
    const literal = /^ipv6:/i.test(inner) ? parseIpv6(inner.slice(5)) : parseIp(inner);
    const lower = domain.toLowerCase();
    if (!literal) return { ok: true, ascii: lower, unicode: lower };
    const ip: IpAddress = literal instanceof Uint8Array ? { family: 6, bytes: literal } : literal;
    return { ok: true, ascii: lower, unicode: lower, literal: ip };
  }
  // eslint-disable-next-line no-control-regex
  if (/^[\x00-\x7f]*$/.test(domain)) {
    if (!DOT_ATOM_ASCII.test(domain)) return { ok: false, code: 'bad-domain' };
    return dotAtomDomainForms(domain);
  }
  const ascii = domainToASCII(domain);
  if (ascii === '') return { ok: false, code: 'invalid-idn' };
  return { ok: true, ascii, unicode: domainToUnicode(ascii) };
}

/** {@link domainForms} of a domain already known to be a 7-bit dot-atom (a caller that matched it need not test it again). */
export function dotAtomDomainForms(domain: string): DomainForms {
  const ascii = /[A-Z]/.test(domain) ? domain.toLowerCase() : domain;
  if (!ascii.includes('xn--') || !/(^|\.)xn--/.test(ascii)) return { ok: true, ascii, unicode: ascii };
  const unicode = domainToUnicode(ascii);
  if (unicode === '' || domainToASCII(unicode) !== ascii) return { ok: false, code: 'invalid-idn' };
  return { ok: true, ascii, unicode };
}
