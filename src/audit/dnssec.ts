import { isAtOrBelow } from '../dmarc/domain.js';
import type { AskedQuestion } from './context.js';
import { evidenceOf, finding, isDnsFailure, type Finding } from './finding.js';

/**
 * Whether the resolver validated the domain's answers with DNSSEC (the AD bit, RFC 4035 §3.2.3), reported
 * as info: inkan trusts the resolver it was given, it does not validate signatures itself.
 */
export function auditDnssec(domain: string, asked: readonly AskedQuestion[]): Finding[] {
  const own = asked.filter((q) => isAtOrBelow(q.name, domain) && !isDnsFailure(q.answer));
  if (own.length === 0) return [];
  const validated = own.filter((q) => 'authenticated' in q.answer && q.answer.authenticated === true);
  const sample = own.slice(0, 3).map((q) => evidenceOf(q.name, q.type, q.answer));
  if (validated.length === own.length) return [finding('dnssec', 'dnssec.validated', 'info', { domain, answers: own.length }, sample)];
  return [finding('dnssec', 'dnssec.not-validated', 'info', { domain, answers: own.length, validated: validated.length }, sample)];
}
