import { describeAnswer } from '../dns/describe.js';
import { t, type Lang } from '../i18n/index.js';
import type { SpfErrorReason, SpfNoneReason, SpfResult, SpfResultCode, Step } from './types.js';

/** What a result word means for a reader ("softfail": probably not allowed, but do not reject on that alone). */
export function describeResult(result: SpfResultCode, lang: Lang): string {
  return t(lang, `spf.meaning.${result}`);
}

/** One sentence for a `none`, `permerror` or `temperror` reason. */
export function describeReason(reason: SpfNoneReason | SpfErrorReason, lang: Lang): string {
  switch (reason.code) {
    case 'invalid-domain':
    case 'nxdomain':
    case 'no-record':
      return t(lang, `spf.reason.${reason.code}`, { domain: reason.domain });
    case 'syntax': {
      const { code, position, term, detail } = reason.error;
      const at = { position, reason: t(lang, `spf.syntax.${code}`), ...(term !== undefined ? { term } : {}), ...(detail !== undefined ? { detail } : {}) };
      return t(lang, 'spf.reason.syntax', { domain: reason.domain, message: t(lang, 'spf.syntax.at', at) });
    }
    case 'multiple-records':
      return t(lang, 'spf.reason.multiple-records', reason);
    case 'too-many-lookups':
    case 'too-many-void-lookups':
      return t(lang, `spf.reason.${reason.code}`, reason);
    case 'too-many-mx':
      return t(lang, 'spf.reason.too-many-mx', reason);
    case 'include-none':
    case 'redirect-none':
      return t(lang, `spf.reason.${reason.code}`, reason);
    case 'dns-timeout':
      return t(lang, 'spf.reason.dns-timeout', reason);
    case 'dns-error':
      return t(lang, 'spf.reason.dns-error', reason);
    case 'deadline':
      return t(lang, 'spf.reason.deadline', reason.timeout === undefined ? {} : { timeout: reason.timeout });
  }
}

/** One trace step as a line of text (without indentation). */
export function describeStep(step: Step, lang: Lang): string {
  switch (step.kind) {
    case 'lookup':
      return t(lang, 'spf.trace.lookup', {
        type: step.type,
        name: step.name,
        answer: describeAnswer(step.type, step.answer, lang),
        lookups: step.lookupsSoFar,
        voidLookups: step.voidSoFar,
      });
    case 'record':
      return t(lang, 'spf.trace.record', step);
    case 'term':
      return t(lang, 'spf.trace.term', { term: step.term, matched: step.matched, ...(step.detail !== undefined ? { target: step.detail } : {}) });
    case 'include':
      return t(lang, 'spf.trace.include', step);
    case 'redirect':
      return t(lang, 'spf.trace.redirect', step);
    case 'limit':
      return t(lang, `spf.trace.limit.${step.which}`, step);
    case 'error':
      return t(lang, 'spf.trace.error', { domain: step.domain, code: step.reason });
  }
}

/** Options for {@link explainSpf}. */
export interface ExplainOptions {
  /** Include the step-by-step trace. Default true. */
  steps?: boolean;
}

/**
 * A result as lines of human text, in English or Japanese: what was checked and the verdict, what the
 * verdict means, why (the deciding term, or the reason of an error), the explanation, the counts, and then
 * every step indented by include depth. This is what `inkan spf --explain` prints.
 */
export function explainSpf(result: SpfResult, lang: Lang, options: ExplainOptions = {}): string[] {
  const identity = t(lang, `spf.identity.${result.identity}`);
  const lines = [t(lang, 'spf.explain.headline', { result: result.result, domain: result.domain, identity, ip: result.ip })];
  lines.push(`  ${describeResult(result.result, lang)}`);
  if ('reason' in result) {
    lines.push(`  ${describeReason(result.reason, lang)}`);
  } else {
    lines.push(`  ${result.matched ? t(lang, 'spf.explain.matched', result.matched) : t(lang, 'spf.explain.default-neutral')}`);
    if (result.explanation !== undefined) lines.push(`  ${t(lang, 'spf.explain.explanation', { text: result.explanation })}`);
  }
  lines.push(`  ${t(lang, 'spf.explain.counts', result)}`);
  if (options.steps === false || result.trace.length === 0) return lines;
  lines.push(t(lang, 'spf.explain.steps'));
  for (const step of result.trace) lines.push(`${'  '.repeat(step.depth + 1)}${describeStep(step, lang)}`);
  return lines;
}
