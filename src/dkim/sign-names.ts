import { domainToASCII } from 'node:url';

/** Outcome of checking a signing domain, selector or identity: the ASCII form to write, or why it cannot be used. */
export type SigningNameResult = { ok: true; value: string } | { ok: false; reason: 'bad-domain' | 'bad-selector' | 'bad-identity' | 'identity-not-in-domain' };

/** RFC 5321 sub-domain: Let-dig [Ldh-str], at most 63 octets. */
const SUB_DOMAIN = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;

function toAscii(name: string): string | undefined {
  if (name === '' || /[\s;=:@[\]]/.test(name)) return undefined;
  // eslint-disable-next-line no-control-regex
  const ascii = /^[\x00-\x7f]*$/.test(name) ? name : domainToASCII(name);
  return ascii === '' ? undefined : ascii.toLowerCase();
}

function labelsOk(ascii: string, min: number): boolean {
  const labels = ascii.split('.');
  return labels.length >= min && ascii.length <= 253 && labels.every((l) => SUB_DOMAIN.test(l));
}

/** Check a `d=` value (RFC 6376 §3.5: a domain-name of two or more labels); U-labels become A-labels (RFC 8616). */
export function checkSigningDomain(domain: string): SigningNameResult {
  const ascii = toAscii(domain.endsWith('.') ? domain.slice(0, -1) : domain);
  return ascii !== undefined && labelsOk(ascii, 2) ? { ok: true, value: ascii } : { ok: false, reason: 'bad-domain' };
}

/** Check an `s=` value (RFC 6376 §3.1: sub-domain labels separated by "."). */
export function checkSelector(selector: string): SigningNameResult {
  const ascii = toAscii(selector);
  return ascii !== undefined && labelsOk(ascii, 1) ? { ok: true, value: ascii } : { ok: false, reason: 'bad-selector' };
}

/** dkim-safe-char (RFC 6376 §2.11): printable ASCII except ";" and "=". */
function dkimQuotedPrintable(text: string): string {
  let out = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    const safe = byte >= 0x21 && byte <= 0x7e && byte !== 0x3b && byte !== 0x3d;
    out += safe ? String.fromCharCode(byte) : `=${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/**
 * Check an `i=` value against the `d=` domain (ASCII): `[local-part]@domain` where the domain is
 * `d=` or below it (RFC 6376 §3.5). The local part is written in dkim-quoted-printable.
 */
export function checkIdentity(identity: string, domain: string): SigningNameResult {
  const at = identity.lastIndexOf('@');
  if (at === -1) return { ok: false, reason: 'bad-identity' };
  const host = checkSigningDomain(identity.slice(at + 1));
  if (!host.ok) return { ok: false, reason: 'bad-identity' };
  if (host.value !== domain && !host.value.endsWith(`.${domain}`)) return { ok: false, reason: 'identity-not-in-domain' };
  return { ok: true, value: `${dkimQuotedPrintable(identity.slice(0, at))}@${host.value}` };
}

/** The name a key record is published at: `selector._domainkey.domain` (RFC 6376 §3.6.2.1). */
export function keyRecordName(selector: string, domain: string): string {
  return `${selector}._domainkey.${domain}`;
}
