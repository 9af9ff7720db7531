import { parseAddressList } from './address.js';
import { getFields } from './header.js';
import type { AddressListResult, FromAnalysis, HeaderField, Mailbox, MessageLimits } from './types.js';

/**
 * Find the author domain DMARC evaluates (RFC 7489 §6.6.1, RFC 5322 §3.6.2): exactly one `From`
 * field whose mailboxes all share one domain. Groups (RFC 6854) contribute their members.
 */
export function analyzeFrom(fields: readonly HeaderField[], limits?: Partial<MessageLimits>, parsed?: AddressListResult[]): FromAnalysis {
  const from = getFields(fields, 'From');
  if (from.length === 0) return { ok: false, reason: 'no-from', fromFields: 0, authors: [] };
  const results = parsed ?? from.map((f) => parseAddressList(f.value, limits));
  // Loops, not flatMap or some(): this runs for every verified message.
  const authors: Mailbox[] = [];
  for (const r of results) if (r.ok) for (const m of r.mailboxes) authors.push(m);
  if (from.length > 1) return { ok: false, reason: 'multiple-from-fields', fromFields: from.length, authors };
  const result = results[0]!;
  if (!result.ok) return { ok: false, reason: 'unparseable-from', fromFields: 1, authors, error: result.error };
  const first = authors[0];
  if (!first) return { ok: false, reason: 'no-mailbox', fromFields: 1, authors };
  let literal = false;
  let otherDomain = false;
  for (const a of authors) {
    if (a.domainLiteral !== undefined || a.domain.startsWith('[')) literal = true;
    if (a.domainAscii !== first.domainAscii) otherDomain = true;
  }
  if (literal) return { ok: false, reason: 'domain-literal', fromFields: 1, authors };
  if (otherDomain) return { ok: false, reason: 'multiple-author-domains', fromFields: 1, authors };
  return {
    ok: true,
    domain: first.domainAscii,
    domainUnicode: first.domainUnicode,
    authors,
    senderMissing: authors.length > 1 && getFields(fields, 'Sender').length === 0,
  };
}
