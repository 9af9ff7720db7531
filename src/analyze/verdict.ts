import type { Analysis, Diagnosis, Verdict, VerdictReason } from './types.js';

/** Most reasons given with a verdict. */
const MAX_REASONS = 3;

/** Diagnoses that show the message was changed on the way (not forged). */
const TRANSIT: ReadonlySet<Diagnosis['code']> = new Set(['footer-appended', 'subject-tag', 'mime-restructured', 'transfer-encoding-converted', 'line-endings-changed', 'trailing-whitespace-changed', 'header-added']);

/** DKIM reasons that mean the key is no longer published as it was: the failure may be a rotation, not a forgery. */
const KEY_GONE: ReadonlySet<string> = new Set(['no-key', 'key-error']);

/** The evidence believed: the topmost trusted Authentication-Results (made on arrival), else the checks done again now. */
export function evidence(a: Pick<Analysis, 'reverify' | 'recorded' | 'identities'>): { dmarc?: string; source?: 'reverify' | 'trusted'; alignedDkimPass: boolean; keyGone?: string } {
  const author = a.identities.authorDomain;
  const aligned = (d: string | undefined): boolean => d !== undefined && a.identities.dkim.some((k) => k.domain === d && k.alignment !== 'different');
  const t = a.recorded.trusted;
  if (t?.dmarc || (t && !a.reverify)) {
    const alignedDkimPass = t.dkim.some((d) => d.result === 'pass' && (d.domain === undefined ? false : aligned(d.domain) || d.domain === author));
    return { ...(t.dmarc ? { dmarc: t.dmarc } : {}), source: 'trusted', alignedDkimPass };
  }
  if (a.reverify) {
    const gone = a.reverify.dkim.find((d) => d.result !== 'pass' && d.reason && KEY_GONE.has(d.reason.code) && aligned(d.domain));
    return {
      dmarc: a.reverify.dmarc.result,
      source: 'reverify',
      alignedDkimPass: a.reverify.dkim.some((d) => d.result === 'pass' && aligned(d.domain)),
      ...(gone?.domain ? { keyGone: `${gone.selector ?? ''}._domainkey.${gone.domain}` } : {}),
    };
  }
  return { alignedDkimPass: false };
}

/**
 * The verdict and the reasons that decided it (issue 6 §1): spoofed when a strong spoofing sign or a forged
 * Authentication-Results is found, or DMARC fails with nothing to explain it; suspicious when DMARC fails
 * because the message was changed or forwarded on the way, or the domain has no DMARC and nothing aligned
 * passed; authentic when DMARC (or, without a policy, aligned DKIM) passes; cannot tell without evidence.
 */
export function decide(a: Omit<Analysis, 'verdict' | 'reasons'>): { verdict: Verdict; reasons: VerdictReason[] } {
  const reasons: VerdictReason[] = [];
  const done = (verdict: Verdict): { verdict: Verdict; reasons: VerdictReason[] } => ({ verdict, reasons: reasons.slice(0, MAX_REASONS) });
  if (!a.message.ok) {
    reasons.push({ code: 'unreadable', params: { limit: a.message.error.limit, max: a.message.error.max } });
    return done('cannot-tell');
  }
  const ev = evidence(a);
  const high = a.spoofing.filter((s) => s.severity === 'high');
  const medium = a.spoofing.filter((s) => s.severity === 'medium');
  const forged = a.recorded.authResults.filter((r) => r.trust === 'misplaced');
  const claimsPass = ev.keyGone ? [] : a.recorded.authResults.filter((r) => r.trust === 'untrusted' && r.results.some((x) => (x.method === 'dmarc' || x.method === 'dkim') && x.result === 'pass'));
  const transit = a.diagnosis.filter((d) => TRANSIT.has(d.code) && d.confirmed);
  const guessedTransit = a.diagnosis.filter((d) => TRANSIT.has(d.code));
  const forwarded = a.diagnosis.find((d) => d.code === 'spf-forwarded');
  const arc = a.diagnosis.find((d) => d.code === 'arc-explains');
  const unsigned = a.diagnosis.find((d) => d.code === 'unsigned-appended-content');
  const dmarcParams = { domain: a.identities.authorDomain ?? '', source: ev.source ?? '' };

  if (a.identities.fromFields === 0) reasons.push({ code: 'no-from', params: {} });
  else if (a.identities.fromFields > 1) reasons.push({ code: 'multiple-from', params: { count: a.identities.fromFields } });
  for (const f of forged) reasons.push({ code: 'forged-authres', params: { authservId: f.authservId, why: 'below-boundary' } });
  if (ev.dmarc === 'fail') for (const c of claimsPass) reasons.push({ code: 'forged-authres', params: { authservId: c.authservId, why: 'claims-pass' } });
  for (const s of high) reasons.push({ code: 'spoof-sign', params: { sign: s.code, ...s.params } });
  if (forged.length || high.length || (ev.dmarc === 'fail' && claimsPass.length)) {
    if (ev.dmarc === 'fail') reasons.splice(Math.min(reasons.length, 1), 0, { code: 'dmarc-fail', params: dmarcParams });
    return done('spoofed');
  }
  if (a.identities.fromFields !== 1) return done('suspicious');

  switch (ev.dmarc) {
    case 'pass': {
      reasons.push({ code: 'dmarc-pass', params: dmarcParams });
      if (unsigned) {
        reasons.unshift({ code: 'unsigned-content', params: unsigned.params });
        return done('suspicious');
      }
      if (medium.length) {
        for (const s of medium) reasons.push({ code: 'spoof-sign', params: { sign: s.code, ...s.params } });
        return done('suspicious');
      }
      const envelope = a.spoofing.find((s) => s.code === 'envelope-mismatch');
      if (envelope) reasons.push({ code: 'spoof-sign', params: { sign: envelope.code, ...envelope.params } });
      return done('authentic');
    }
    case 'fail': {
      if (ev.keyGone && !ev.alignedDkimPass) {
        reasons.push({ code: 'key-unavailable', params: { name: ev.keyGone } });
        return done('cannot-tell');
      }
      const changed = transit[0] ?? guessedTransit[0];
      if (arc?.confirmed && (changed || forwarded)) {
        reasons.push({ code: 'arc-explains', params: arc.params });
        reasons.push(changed ? { code: 'modified-in-transit', params: { how: changed.code, ...changed.params } } : { code: 'forwarded', params: forwarded!.params });
        return done('authentic');
      }
      reasons.push({ code: 'dmarc-fail', params: dmarcParams });
      if (changed) {
        reasons.push({ code: 'modified-in-transit', params: { how: changed.code, ...changed.params } });
        if (arc) reasons.push({ code: 'arc-explains', params: arc.params });
        return done('suspicious');
      }
      if (forwarded && a.diagnosis.some((d) => d.code === 'body-intact')) {
        reasons.push({ code: 'forwarded', params: forwarded.params });
        if (arc) reasons.push({ code: 'arc-explains', params: arc.params });
        return done('suspicious');
      }
      return done('spoofed');
    }
    case 'none':
      if (ev.alignedDkimPass) {
        reasons.push({ code: 'dkim-aligned-pass', params: dmarcParams });
        return done(medium.length ? 'suspicious' : 'authentic');
      }
      reasons.push({ code: 'dmarc-none', params: dmarcParams });
      return done('suspicious');
    case 'temperror':
      reasons.push({ code: 'dmarc-temperror', params: dmarcParams });
      return done('cannot-tell');
    default:
      break;
  }
  if (medium.length) {
    for (const s of medium) reasons.push({ code: 'spoof-sign', params: { sign: s.code, ...s.params } });
    reasons.push({ code: 'no-evidence', params: { claims: a.recorded.authResults.length } });
    return done('suspicious');
  }
  reasons.push({ code: 'no-evidence', params: { claims: a.recorded.authResults.length } });
  return done('cannot-tell');
}
