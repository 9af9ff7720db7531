import { BRANDS, COMPANY_WORDS, ESP_ENVELOPES, FREEMAIL, brandOfDomain } from './brands.js';
import { orgDomainOf } from './identities.js';
import { confusableCharacters, imitation, scriptsOf, skeleton, unicodeDomain } from './lookalike.js';
import type { Brand, Identities, SpoofSign } from './types.js';

/** An address inside a display name: `"security@bank.example" <x@evil.example>`. */
const ADDRESS_IN_NAME = /[\p{L}\p{N}._%+-]{1,64}@((?:[\p{L}\p{N}-]{1,63}\.){1,10}[\p{L}\p{N}-]{2,63})/u;
/** Longest display name examined. */
const MAX_NAME = 256;

/** What the spoofing check knows besides the identities. */
export interface SpoofFacts {
  brands: readonly Brand[];
  /** The From domain's DMARC record: found, none, or not known (no DNS, no trusted result). */
  dmarc: 'found' | 'none' | 'unknown';
  /** A DKIM signature aligned with From passed (trusted result or reverify). */
  alignedDkimPass: boolean;
  /** The `List-Id` (RFC 2919), when a mailing list delivered the message. */
  listId?: string;
}

function brandIn(name: string, brands: readonly Brand[]): Brand | undefined {
  const lower = name.toLowerCase().normalize('NFKC');
  const folded = skeleton(lower);
  return brands.find((b) => b.words.some((w) => (/^[a-z ]+$/.test(w) ? new RegExp(`(^|[^a-z])${w}([^a-z]|$)`).test(folded) : lower.includes(w))));
}

/**
 * Signs of spoofing among the identities (issue 6 §6): an address or a brand in the display name that is
 * not the real domain, look-alike domains (confusable Unicode, punycode, mixed scripts, one edit from a
 * brand or from the message's own DKIM/SPF domains), Reply-To to another organization, a free-mail From
 * that claims a company, a From domain without DMARC, and an envelope that differs from From.
 */
export function spoofingSigns(ids: Identities, facts: SpoofFacts): SpoofSign[] {
  const out: SpoofSign[] = [];
  const from = ids.from[0];
  if (!from) return out;
  const org = from.orgDomain;
  const name = (from.name ?? '').slice(0, MAX_NAME);
  const inName = ADDRESS_IN_NAME.exec(name);
  if (inName) {
    const shown = orgDomainOf(inName[1]!.toLowerCase());
    if (shown !== org) out.push({ code: 'display-name-address', severity: 'high', params: { shown: inName[0], actual: from.address } });
  }
  const ownBrand = brandOfDomain(org, facts.brands);
  const named = name ? brandIn(name, facts.brands) : undefined;
  if (named && named !== ownBrand) out.push({ code: 'display-name-brand', severity: 'high', params: { brand: named.name, domain: from.domainUnicode, expected: named.domains.slice(0, 3).join(', ') } });

  const checked = new Set<string>();
  const lookalikes = (domain: string, role: string): void => {
    if (checked.has(domain)) return;
    checked.add(domain);
    const dOrg = orgDomainOf(domain);
    const unicode = unicodeDomain(domain);
    if (brandOfDomain(dOrg, facts.brands)) return;
    if (domain.split('.').some((l) => l.startsWith('xn--'))) out.push({ code: 'punycode', severity: 'info', params: { role, domain, unicode } });
    const chars = confusableCharacters(unicode);
    const scripts = [...scriptsOf(unicode.split('.')[0] ?? '')];
    if (scripts.length > 1) out.push({ code: 'mixed-script', severity: 'high', params: { role, domain: unicode, scripts: scripts.join('+') } });
    // The imitated domain: one with the same suffix (amazom.co.jp imitates amazon.co.jp, not amazon.com) first.
    const suffix = dOrg.slice(dOrg.indexOf('.') + 1);
    let best: { brand: Brand; target: string; how: string } | undefined;
    for (const brand of facts.brands) {
      for (const target of brand.domains) {
        const how = imitation(dOrg, target);
        if (how && (!best || (target.endsWith(`.${suffix}`) && !best.target.endsWith(`.${suffix}`)))) best = { brand, target, how };
      }
    }
    if (best) {
      out.push({ code: 'lookalike-brand', severity: 'high', params: { role, domain: unicode, brand: best.brand.name, target: best.target, how: best.how } });
      if (chars.length) out.push({ code: 'confusable-characters', severity: 'high', params: { role, domain: unicode, characters: chars.join(' '), reads: skeleton(unicode) } });
      return;
    }
    if (chars.length && scripts.length <= 1 && /[^\x00-\x7f]/.test(unicode)) {
      out.push({ code: 'confusable-characters', severity: 'medium', params: { role, domain: unicode, characters: chars.join(' '), reads: skeleton(unicode) } });
    }
  };
  lookalikes(from.domain, 'from');
  for (const r of ids.replyTo) lookalikes(r.domain, 'reply-to');
  if (ids.returnPath) lookalikes(ids.returnPath.domain, 'return-path');
  // A From domain one edit away from a domain that did sign or send the message.
  const authenticated = [...ids.dkim.map((d) => d.orgDomain), ...(ids.spf ? [ids.spf.orgDomain] : [])];
  for (const other of new Set(authenticated)) {
    if (other === org) continue;
    const how = imitation(org, other);
    if (how && how !== 'same-name') out.push({ code: 'lookalike-authenticated', severity: 'high', params: { domain: from.domainUnicode, other, how } });
  }
  for (const r of ids.replyTo) {
    if (r.orgDomain !== org) out.push({ code: 'reply-to-other-org', severity: FREEMAIL.has(r.orgDomain) ? 'high' : 'medium', params: { replyTo: r.address, from: from.address } });
  }
  if (FREEMAIL.has(org) && name) {
    const claims = named?.name ?? COMPANY_WORDS.find((w) => name.toLowerCase().includes(w));
    if (claims && !(named && named === ownBrand)) out.push({ code: 'freemail-company', severity: 'medium', params: { name, domain: org, claims } });
  }
  if (facts.dmarc === 'none') out.push({ code: 'no-dmarc', severity: 'medium', params: { domain: ids.authorDomain ?? from.domain } });
  const rp = ids.returnPath;
  if (rp && rp.alignment === 'different') {
    const esp = ESP_ENVELOPES.find((e) => rp.orgDomain === e || rp.domain.endsWith(`.${e}`));
    const explained = facts.alignedDkimPass ? (esp ? 'esp-aligned-dkim' : 'aligned-dkim') : esp ? 'esp-unverified' : facts.listId ? 'mailing-list' : 'unexplained';
    out.push({ code: 'envelope-mismatch', severity: explained === 'unexplained' ? 'medium' : 'info', params: { envelope: rp.domain, from: from.domain, explained } });
  }
  if (ids.sender && ids.sender.alignment === 'different') out.push({ code: 'sender-differs', severity: 'info', params: { sender: ids.sender.address, from: from.address } });
  return out;
}

/** The default brand table with the caller's additions. */
export function brandTable(extra: readonly Brand[] | undefined): readonly Brand[] {
  return extra?.length ? [...extra, ...BRANDS] : BRANDS;
}
