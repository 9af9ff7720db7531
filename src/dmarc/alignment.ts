import type { DmarcContext } from './context.js';
import type { OrgDomains } from './discover.js';
import { envelopeDomain, normalizeDomain } from './domain.js';
import type { AlignmentMode, DmarcDkimInput, DmarcInput, DmarcSpfInput, DnsFailure, IdentifierAlignment } from './types.js';

/** One candidate Authenticated Identifier. */
interface Candidate {
  identifier: 'spf' | 'dkim';
  domain: string;
  selector?: string;
  result: string;
  mode: AlignmentMode;
}

/** Whether two names share at least their last label; names in different top-level domains can never share an Organizational Domain. */
function shareTopLevel(a: string, b: string): boolean {
  return a.slice(a.lastIndexOf('.') + 1) === b.slice(b.lastIndexOf('.') + 1);
}

/** `a` as settled, with its trace step. */
function done(ctx: DmarcContext, a: IdentifierAlignment): IdentifierAlignment {
  if (ctx.trace) ctx.step({ kind: 'alignment', identifier: a.identifier, domain: a.domain, status: a.status, mode: a.mode, result: a.result, ...(a.how ? { how: a.how } : {}) });
  return a;
}

/** `a` settled as a DNS failure. */
function temperror(ctx: DmarcContext, a: IdentifierAlignment, error: DnsFailure): IdentifierAlignment {
  a.status = 'temperror';
  a.error = error;
  return done(ctx, a);
}

/**
 * Identifier Alignment of one candidate with the Author Domain (RFC 9989 §4.4, §4.10.2): only a passing
 * identifier can align; strict alignment is the same name (case-insensitive, no trailing dot, A-labels);
 * relaxed alignment is the same Organizational Domain, found by a tree walk (or the PSL) for each name.
 * Settled at once (no promise) when no Organizational Domain is needed: the common identical-domain case
 * then costs no microtask hop.
 */
export function alignCandidate(ctx: DmarcContext, candidate: Candidate, authorDomain: string, orgs: OrgDomains): IdentifierAlignment | Promise<IdentifierAlignment> {
  // A name written exactly as the Author Domain is already normalized (the usual aligned case): no work.
  const domain = candidate.domain === authorDomain ? authorDomain : normalizeDomain(candidate.domain);
  const shown = domain ?? candidate.domain.toLowerCase();
  const { identifier, selector, result, mode } = candidate;
  // Whole literals rather than keys added one by one (same keys, same order): each added key costs a transition.
  const a: IdentifierAlignment =
    selector === undefined ? { identifier, domain: shown, result, mode, status: 'not-aligned' } : { identifier, domain: shown, selector, result, mode, status: 'not-aligned' };
  // Each outcome below settles `a` in place: status first, then what explains it.
  if (result !== 'pass') {
    a.status = 'not-authenticated';
    return done(ctx, a);
  }
  if (!domain) return done(ctx, a);
  if (domain === authorDomain) {
    a.status = 'aligned';
    a.how = 'identical';
    return done(ctx, a);
  }
  if (mode === 's' || !shareTopLevel(domain, authorDomain)) return done(ctx, a);
  return alignByOrgDomain(ctx, a, domain, authorDomain, orgs);
}

/** Relaxed alignment of two different names: the same Organizational Domain. */
async function alignByOrgDomain(ctx: DmarcContext, a: IdentifierAlignment, domain: string, authorDomain: string, orgs: OrgDomains): Promise<IdentifierAlignment> {
  const [author, other] = await Promise.all([orgs.of(authorDomain), orgs.of(domain)]);
  if (!author.ok) return temperror(ctx, a, author.error);
  if (!other.ok) return temperror(ctx, a, other.error);
  a.orgDomain = other.orgDomain;
  if (author.orgDomain === other.orgDomain) {
    a.status = 'aligned';
    a.how = 'same-org-domain';
  }
  return done(ctx, a);
}

/** The SPF identity DMARC may use (RFC 9989 §3.2.4): the MAIL FROM identity, which is the HELO name only when MAIL FROM is null. */
export function spfUsable(spf: DmarcSpfInput, input: Omit<DmarcInput, 'from'>): boolean {
  if (spf.identity === 'mailfrom') return true;
  return input.envelopeFrom === undefined || envelopeDomain(input.envelopeFrom) === '';
}

/**
 * Align the SPF result (when given) and every DKIM result; at most `maxDkimDomains` distinct passing signing domains
 * are looked at. A plain array when nothing waits for DNS (the common case), otherwise a promise of it.
 */
export function alignAll(
  ctx: DmarcContext,
  input: Omit<DmarcInput, 'from'>,
  authorDomain: string,
  modes: { adkim: AlignmentMode; aspf: AlignmentMode },
  orgs: OrgDomains,
  maxDkimDomains: number,
): IdentifierAlignment[] | Promise<IdentifierAlignment[]> {
  const work: Array<IdentifierAlignment | Promise<IdentifierAlignment>> = [];
  let waiting = false;
  const spf = input.spf;
  if (spf) {
    if (spfUsable(spf, input)) {
      const a = alignCandidate(ctx, { identifier: 'spf', domain: spf.domain, result: spf.result, mode: modes.aspf }, authorDomain, orgs);
      if (a instanceof Promise) waiting = true;
      work.push(a);
    } else {
      const a: IdentifierAlignment = { identifier: 'spf', domain: spf.domain.toLowerCase(), result: spf.result, mode: modes.aspf, status: 'helo-not-used' };
      if (ctx.trace) ctx.step({ kind: 'alignment', identifier: 'spf', domain: a.domain, status: a.status, mode: a.mode, result: a.result });
      work.push(a);
    }
  }
  const dkim = input.dkim ?? [];
  let passing = 0;
  for (const sig of dkim) if (sig.result === 'pass') passing++;
  // The limit on distinct signing domains can only bite with more passing signatures than it allows.
  const seen = passing > maxDkimDomains ? new Set<string>() : undefined;
  let skipped = 0;
  for (const sig of dkim) {
    if (seen && sig.result === 'pass') {
      const key = sig.domain.toLowerCase();
      if (!seen.has(key) && seen.size >= maxDkimDomains) {
        skipped++;
        work.push(notEvaluated(sig, modes.adkim));
        continue;
      }
      seen.add(key);
    }
    const a = alignCandidate(ctx, { identifier: 'dkim', domain: sig.domain, selector: sig.selector, result: sig.result, mode: modes.adkim }, authorDomain, orgs);
    if (a instanceof Promise) waiting = true;
    work.push(a);
  }
  if (skipped) ctx.step({ kind: 'limit', which: 'dkim-domains', count: skipped, limit: maxDkimDomains });
  // Promise.all only when some alignment waits for an Organizational Domain.
  return waiting ? Promise.all(work) : (work as IdentifierAlignment[]);
}

function notEvaluated(sig: DmarcDkimInput, mode: AlignmentMode): IdentifierAlignment {
  return { identifier: 'dkim', domain: sig.domain.toLowerCase(), selector: sig.selector, result: sig.result, mode, status: 'not-evaluated' };
}
