import { describeAnswer } from '../dns/describe.js';
import type { DnsAnswer, TxtRecord } from '../dns/types.js';
import { t, type Lang } from '../i18n/index.js';
import type { TagListError } from './tag-list.js';
import type { DkimKeyError, DkimReason, DkimResult, DkimResultCode, DkimSignatureError, DkimStep } from './types.js';

/** What a result word means for a reader. */
export function describeDkimResult(result: DkimResultCode, lang: Lang): string {
  return t(lang, `dkim.meaning.${result}`);
}

function tagListProblem(error: TagListError, lang: Lang): string {
  return t(lang, `dkim.tag-list.${error.code}`, { position: error.position });
}

/** One phrase for a DKIM-Signature problem. */
export function describeSignatureError(error: DkimSignatureError, lang: Lang): string {
  switch (error.code) {
    case 'tag-list':
      return t(lang, 'dkim.signature.tag-list', { detail: error.tagList ? tagListProblem(error.tagList, lang) : '' });
    case 'missing-tag':
    case 'bad-base64':
      return t(lang, `dkim.signature.${error.code}`, { tag: error.tag ?? '' });
    case 'too-many-signed-headers':
      return t(lang, 'dkim.signature.too-many-signed-headers', { limit: error.limit ?? 0 });
    default:
      return t(lang, `dkim.signature.${error.code}`);
  }
}

/** One phrase for a key record problem. */
export function describeKeyError(error: DkimKeyError, lang: Lang): string {
  switch (error.code) {
    case 'tag-list':
      return t(lang, 'dkim.key.tag-list', { detail: error.tagList ? tagListProblem(error.tagList, lang) : '' });
    case 'key-too-small':
      return t(lang, 'dkim.key.key-too-small', { bits: error.bits ?? 0, minimum: error.minimum ?? 1024 });
    default:
      return t(lang, `dkim.key.${error.code}`);
  }
}

const iso = (seconds: number): string => {
  const d = new Date(seconds * 1000);
  return Number.isNaN(d.getTime()) ? String(seconds) : d.toISOString();
};

/** One sentence for why a signature did not pass. */
export function describeDkimReason(reason: DkimReason, lang: Lang): string {
  switch (reason.code) {
    case 'signature-syntax':
      return t(lang, 'dkim.reason.signature-syntax', { problem: describeSignatureError(reason.error, lang) });
    case 'sha1':
    case 'body-hash-mismatch':
    case 'signature-mismatch':
      return t(lang, `dkim.reason.${reason.code}`);
    case 'expired':
      return t(lang, 'dkim.reason.expired', { expiration: iso(reason.expiration), skew: reason.skew });
    case 'future-timestamp':
      return t(lang, 'dkim.reason.future-timestamp', { timestamp: iso(reason.timestamp), skew: reason.skew });
    case 'no-key':
      return t(lang, 'dkim.reason.no-key', { name: reason.name, status: reason.status.toUpperCase() });
    case 'dns-timeout':
      return t(lang, 'dkim.reason.dns-timeout', reason);
    case 'dns-error':
      return t(lang, 'dkim.reason.dns-error', reason);
    case 'key-error':
      return t(lang, 'dkim.reason.key-error', { name: reason.name, problem: describeKeyError(reason.error, lang) });
    case 'key-type-mismatch':
      return t(lang, 'dkim.reason.key-type-mismatch', reason);
    case 'key-hash-not-allowed':
      return t(lang, 'dkim.reason.key-hash-not-allowed', { name: reason.name, hash: reason.hash, allowed: reason.allowed.join(', ') });
    case 'key-not-email':
      return t(lang, 'dkim.reason.key-not-email', { name: reason.name, services: reason.services.join(':') });
    case 'strict-identity':
      return t(lang, 'dkim.reason.strict-identity', reason);
    case 'body-length-exceeds-body':
      return t(lang, 'dkim.reason.body-length-exceeds-body', reason);
    case 'body-length-policy':
      return t(lang, 'dkim.reason.body-length-policy', reason);
  }
}

const RECORD_SHOWN = 60;
const short = (text: string): string => (text.length > RECORD_SHOWN ? `${text.slice(0, RECORD_SHOWN - 3)}...` : text);

/** A TXT answer in a few words (the shared DNS wording). */
export function describeKeyAnswer(answer: DnsAnswer<TxtRecord>, lang: Lang): string {
  return describeAnswer('TXT', answer, lang);
}

/** One trace step as a line of text. */
export function describeDkimStep(step: DkimStep, lang: Lang): string {
  switch (step.kind) {
    case 'parse':
      return step.ok || !step.error
        ? t(lang, 'dkim.step.parse-ok')
        : t(lang, 'dkim.step.parse-error', { problem: describeSignatureError(step.error, lang) });
    case 'check':
      return t(lang, 'dkim.step.check', step);
    case 'key-lookup':
      return t(lang, 'dkim.step.key-lookup', { name: step.name, answer: describeKeyAnswer(step.answer, lang), cached: step.cached });
    case 'key':
      return step.ok
        ? t(lang, 'dkim.step.key-ok', { record: short(step.record), keyType: step.keyType ?? '', bits: step.bits ?? 0, records: step.records })
        : t(lang, 'dkim.step.key-error', { record: short(step.record), problem: step.error ? describeKeyError(step.error, lang) : '' });
    case 'body-hash':
      return t(lang, 'dkim.step.body-hash', step);
    case 'header-hash': {
      const absent = t(lang, 'dkim.step.absent');
      const fields = step.fields.map((f) => (f.present ? f.name : `${f.name} (${absent})`)).join(', ');
      return t(lang, 'dkim.step.header-hash', { canonicalization: step.canonicalization, fields });
    }
    case 'signature':
      return t(lang, 'dkim.step.signature', step);
  }
}

/** A result as lines of text: the verdict, what it means, why, the flags, then the steps (what `--explain` prints). */
export function explainDkim(result: DkimResult, lang: Lang, options: { steps?: boolean } = {}): string[] {
  const lines =
    result.domain !== undefined && result.selector !== undefined
      ? [t(lang, 'dkim.explain.headline', { result: result.result, domain: result.domain, selector: result.selector, algorithm: result.algorithm ?? '?' })]
      : [t(lang, 'dkim.explain.unreadable', { result: result.result })];
  lines.push(`  ${describeDkimResult(result.result, lang)}`);
  if ('reason' in result) lines.push(`  ${describeDkimReason(result.reason, lang)}`);
  if (result.testing) lines.push(`  ${t(lang, 'dkim.explain.testing')}`);
  if (result.bodyLength !== undefined && result.unsignedBodyOctets !== undefined) {
    lines.push(`  ${t(lang, 'dkim.explain.body-length', { bodyLength: result.bodyLength, unsigned: result.unsignedBodyOctets })}`);
  }
  if (options.steps === false || result.trace.length === 0) return lines;
  lines.push(t(lang, 'dkim.explain.steps'));
  for (const step of result.trace) lines.push(`  ${describeDkimStep(step, lang)}`);
  return lines;
}
