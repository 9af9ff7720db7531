import { parseTagList } from '../dkim/tag-list.js';
import { pslOrgDomain } from '../dmarc/psl.js';
import { getFields } from '../message/header.js';
import type { Mailbox, ParsedMessage } from '../message/types.js';
import type { AlignedIdentity, Alignment, IdentityAddress, Identities, Recorded } from './types.js';

/** DKIM-Signature fields read for identities (the verifier's own bound is 10; these are only names). */
const MAX_SIGNATURES = 50;

/** The Organizational Domain of `domain` by the Public Suffix List (offline: no DNS). */
export function orgDomainOf(domain: string): string {
  const d = domain.toLowerCase().replace(/\.$/, '');
  if (d === '' || d.startsWith('[')) return d;
  return pslOrgDomain(d).orgDomain;
}

/** How `domain` aligns with the author domain: the same name, the same Organizational Domain, or neither. */
export function alignmentWith(domain: string, authorDomain: string | undefined): Alignment {
  if (!authorDomain) return 'different';
  const d = domain.toLowerCase();
  if (d === authorDomain) return 'identical';
  return orgDomainOf(d) === orgDomainOf(authorDomain) ? 'same-org' : 'different';
}

function address(m: Mailbox): IdentityAddress {
  const out: IdentityAddress = { address: m.address, domain: m.domainAscii, domainUnicode: m.domainUnicode, orgDomain: orgDomainOf(m.domainAscii) };
  if (m.name !== undefined && m.name !== '') out.name = m.name;
  return out;
}

function aligned(domain: string, authorDomain: string | undefined): AlignedIdentity {
  return { domain, orgDomain: orgDomainOf(domain), alignment: alignmentWith(domain, authorDomain) };
}

/** The domain of `local@domain`, lower case, or the text itself when it is a bare domain. */
export function domainOfAddress(text: string): string {
  const at = text.lastIndexOf('@');
  return (at >= 0 ? text.slice(at + 1) : text).replace(/[<>\s]/g, '').toLowerCase();
}

/** Every identity of the message side by side, and which align with From (issue 6 §2). */
export function readIdentities(message: ParsedMessage, recorded: Recorded): Identities {
  const from = message.from;
  const authorDomain = from.ok ? from.domain : undefined;
  const out: Identities = {
    from: from.authors.map(address),
    fromFields: from.ok ? 1 : from.fromFields,
    replyTo: [],
    dkim: [],
  };
  if (authorDomain) out.authorDomain = authorDomain;
  const sender = message.sender[0]?.result;
  if (sender?.ok) out.sender = { ...address(sender.mailbox), alignment: alignmentWith(sender.mailbox.domainAscii, authorDomain) };
  for (const r of message.replyTo) {
    if (!r.result.ok) continue;
    for (const m of r.result.mailboxes.slice(0, 20)) out.replyTo.push({ ...address(m), alignment: alignmentWith(m.domainAscii, authorDomain) });
  }
  // The topmost Return-Path is the one the final delivery wrote.
  const rp = message.returnPath[0]?.result;
  if (rp?.ok) out.returnPath = rp.null ? null : { ...address(rp.mailbox), alignment: alignmentWith(rp.mailbox.domainAscii, authorDomain) };
  for (const field of getFields(message.fields, 'DKIM-Signature').slice(0, MAX_SIGNATURES)) {
    const parsed = parseTagList(field.value);
    if (!parsed.ok) continue;
    const d = parsed.list.tags.get('d')?.value.toLowerCase();
    if (!d) continue;
    out.dkim.push({ ...aligned(d, authorDomain), selector: parsed.list.tags.get('s')?.value ?? '' });
  }
  const spfDomain = recorded.trusted?.spf !== undefined ? trustedSpfDomain(recorded) : undefined;
  if (spfDomain) out.spf = { ...aligned(spfDomain, authorDomain), source: 'authres' };
  else if (out.returnPath) out.spf = { ...aligned(out.returnPath.domain, authorDomain), source: 'return-path' };
  else {
    const receivedSpf = getFields(message.fields, 'Received-SPF')[0];
    const envelope = receivedSpf && /envelope-from=("?)([^";\s]+)\1/i.exec(receivedSpf.value)?.[2];
    if (envelope) out.spf = { ...aligned(domainOfAddress(envelope), authorDomain), source: 'received-spf' };
  }
  return out;
}

function trustedSpfDomain(recorded: Recorded): string | undefined {
  const field = recorded.authResults.find((a) => a.field === recorded.trusted?.field);
  const spf = field?.results.find((r) => r.method === 'spf');
  const value = spf?.properties['smtp.mailfrom'] ?? spf?.properties['smtp.helo'];
  return value ? domainOfAddress(value) : undefined;
}
