import type { DkimFacts } from './dkim.js';
import type { DmarcFacts } from './dmarc.js';
import { finding, type Finding } from './finding.js';
import type { MessageFacts } from './message.js';
import type { PtrFact } from './ptr.js';
import type { SpfFacts } from './spf.js';

/** One requirement of the mailbox providers' sender rules. */
export type ReadinessItemId = 'spf-or-dkim' | 'spf-and-dkim' | 'dmarc-policy' | 'from-aligned' | 'ptr-fcrdns' | 'tls' | 'rfc5322' | 'one-click-unsubscribe' | 'dkim-1024';

/** Whether the domain meets one item: `needs-message` when DNS alone cannot tell, `unknown` when DNS failed. */
export type ReadinessStatus = 'pass' | 'fail' | 'needs-message' | 'unknown';

/** A mailbox provider whose sender requirements the matrix covers. */
export type Provider = 'gmail' | 'yahoo' | 'outlook';

/** Everyone sending to the provider, or bulk senders (5,000+ messages a day). */
export type Tier = 'all' | 'bulk';

/**
 * Which items each provider requires of each tier, from their published sender guidelines (Gmail and Yahoo,
 * February 2024; Outlook.com high-volume senders, May 2025). Bulk senders must also meet the all-senders items.
 */
export const REQUIREMENTS: Record<Provider, Record<Tier, ReadinessItemId[]>> = {
  gmail: {
    all: ['spf-or-dkim', 'ptr-fcrdns', 'tls', 'rfc5322', 'dkim-1024'],
    bulk: ['spf-and-dkim', 'dmarc-policy', 'from-aligned', 'one-click-unsubscribe'],
  },
  yahoo: {
    all: ['spf-or-dkim', 'ptr-fcrdns', 'rfc5322', 'dkim-1024'],
    bulk: ['spf-and-dkim', 'dmarc-policy', 'from-aligned', 'one-click-unsubscribe'],
  },
  outlook: {
    all: [],
    bulk: ['spf-and-dkim', 'dmarc-policy', 'from-aligned'],
  },
};

/** Every item, in the order the matrix shows them. */
export const READINESS_ITEMS: ReadinessItemId[] = ['spf-or-dkim', 'spf-and-dkim', 'dkim-1024', 'dmarc-policy', 'from-aligned', 'ptr-fcrdns', 'tls', 'rfc5322', 'one-click-unsubscribe'];

/** One row of the matrix. */
export interface ReadinessItem {
  id: ReadinessItemId;
  status: ReadinessStatus;
  /** Which provider/tier columns require it (`gmail/all`, ...). */
  requiredBy: string[];
}

/** The verdict of one provider and tier. */
export interface ReadinessVerdict {
  provider: Provider;
  tier: Tier;
  /** `ready`, `not-ready` (an item fails), `incomplete` (items need a sample message or could not be checked). */
  verdict: 'ready' | 'not-ready' | 'incomplete';
  failed: ReadinessItemId[];
  pending: ReadinessItemId[];
}

/** The provider readiness matrix. */
export interface Readiness {
  items: ReadinessItem[];
  verdicts: ReadinessVerdict[];
}

/** The facts the matrix is computed from. */
export interface ReadinessFacts {
  spf: SpfFacts;
  /** SPF of the envelope (MAIL FROM) domains checked besides the domain itself. */
  mailFrom?: SpfFacts[];
  dkim: DkimFacts;
  dmarc: DmarcFacts;
  ptr: PtrFact[];
  /** Whether a DKIM key shorter than 1024 bits was found. */
  weakDkim: boolean;
  message?: MessageFacts;
}

function both(a: ReadinessStatus, b: ReadinessStatus, op: 'or' | 'and'): ReadinessStatus {
  if (op === 'or' ? a === 'pass' || b === 'pass' : a === 'pass' && b === 'pass') return 'pass';
  if (a === 'unknown' || b === 'unknown') return 'unknown';
  return 'fail';
}

function itemStatus(id: ReadinessItemId, f: ReadinessFacts): ReadinessStatus {
  const m = f.message;
  const spfStates = [f.spf.state, ...(f.mailFrom ?? []).map((x) => x.state)];
  const spf: ReadinessStatus = m?.spf !== undefined ? (m.spf === 'pass' ? 'pass' : 'fail') : spfStates.includes('valid') ? 'pass' : spfStates.includes('unchecked') ? 'unknown' : 'fail';
  const dkim: ReadinessStatus = m ? (m.dkim.some((d) => d.startsWith('pass:')) ? 'pass' : 'fail') : f.dkim.state === 'found' ? 'pass' : f.dkim.state === 'unchecked' ? 'unknown' : 'fail';
  switch (id) {
    case 'spf-or-dkim':
      return both(spf, dkim, 'or');
    case 'spf-and-dkim':
      return both(spf, dkim, 'and');
    case 'dkim-1024':
      // Only keys that exist can be too short: no key at all is the DKIM items' concern.
      return f.weakDkim ? 'fail' : 'pass';
    case 'dmarc-policy':
      return f.dmarc.state === 'found' ? 'pass' : f.dmarc.state === 'unchecked' ? 'unknown' : 'fail';
    case 'from-aligned':
      return !m ? 'needs-message' : m.aligned === undefined ? 'unknown' : m.aligned ? 'pass' : 'fail';
    case 'ptr-fcrdns': {
      const sending = f.ptr.filter((p) => p.source === 'sending');
      if (sending.length === 0) return 'needs-message';
      if (sending.some((p) => p.fcrdns === 'fail')) return 'fail';
      return sending.some((p) => p.fcrdns === 'unchecked') ? 'unknown' : 'pass';
    }
    case 'tls':
      return !m ? 'needs-message' : m.tls === undefined ? 'unknown' : m.tls ? 'pass' : 'fail';
    case 'rfc5322':
      return !m ? 'needs-message' : m.rfc5322 ? 'pass' : 'fail';
    case 'one-click-unsubscribe':
      return !m ? 'needs-message' : m.oneClick ? 'pass' : 'fail';
  }
}

/** The matrix for Gmail, Yahoo and Outlook.com, all senders and bulk senders, item by item, and one finding per column. */
export function assessReadiness(facts: ReadinessFacts): { readiness: Readiness; findings: Finding[] } {
  const providers = Object.keys(REQUIREMENTS) as Provider[];
  const statuses = new Map(READINESS_ITEMS.map((id) => [id, itemStatus(id, facts)]));
  const items: ReadinessItem[] = READINESS_ITEMS.map((id) => ({
    id,
    status: statuses.get(id)!,
    requiredBy: providers.flatMap((p) => (['all', 'bulk'] as Tier[]).filter((t) => required(p, t).includes(id)).map((t) => `${p}/${t}`)),
  }));
  const verdicts: ReadinessVerdict[] = [];
  const findings: Finding[] = [];
  for (const provider of providers) {
    for (const tier of ['all', 'bulk'] as Tier[]) {
      const needed = required(provider, tier);
      const failed = needed.filter((id) => statuses.get(id) === 'fail');
      const pending = needed.filter((id) => statuses.get(id) === 'needs-message' || statuses.get(id) === 'unknown');
      const verdict = failed.length ? 'not-ready' : pending.length ? 'incomplete' : 'ready';
      verdicts.push({ provider, tier, verdict, failed, pending });
      const severity = failed.length ? (tier === 'all' ? 'error' : 'warning') : pending.length ? 'info' : 'ok';
      const f = finding('readiness', `readiness.${provider}.${tier}`, severity, { provider, tier, verdict, failed: failed.join(', '), pending: pending.join(', '), count: needed.length });
      f.message = 'audit.readiness';
      findings.push(f);
    }
  }
  return { readiness: { items, verdicts }, findings };
}

function required(provider: Provider, tier: Tier): ReadinessItemId[] {
  const r = REQUIREMENTS[provider];
  return tier === 'all' ? r.all : [...r.all, ...r.bulk];
}
