import type { FromAnalysis } from '../message/types.js';
import type { DmarcFrom } from './types.js';

/** The DMARC view of the message reader's `From` analysis (RFC 9989 §5.3.1): one Author Domain, or why there is none. */
export function dmarcFromAnalysis(from: FromAnalysis): DmarcFrom {
  if (from.ok) return { ok: true, domain: from.domain };
  switch (from.reason) {
    case 'no-from':
      return { ok: false, reason: 'missing-from' };
    case 'multiple-from-fields':
      return { ok: false, reason: 'multiple-from' };
    case 'multiple-author-domains':
      return { ok: false, reason: 'multiple-addresses' };
    case 'no-mailbox':
      return { ok: false, reason: 'no-domain' };
    case 'domain-literal':
      return { ok: false, reason: 'invalid-domain' };
    case 'unparseable-from':
      return { ok: false, reason: 'unparseable-from' };
  }
}
