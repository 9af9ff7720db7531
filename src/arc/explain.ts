import { describeKeyError } from '../dkim/explain.js';
import { describeAnswer } from '../dns/describe.js';
import { t, tDynamic, type Lang } from '../i18n/index.js';
import type { ArcCheckFailure, ArcReason, ArcResult, ArcSealError, ArcStep, ArcTagError } from './types.js';

const KIND_IDS = {
  seal: 'arc.kind.seal',
  'message-signature': 'arc.kind.message-signature',
  'authentication-results': 'arc.kind.authentication-results',
} as const;

/** A field syntax problem as a phrase. */
export function describeArcTagError(error: ArcTagError, lang: Lang): string {
  return tDynamic(lang, `arc.tag.${error.code}`, { tag: error.tag ?? '' });
}

/** Why a signature did not verify, as a phrase. */
export function describeArcCheck(failure: ArcCheckFailure, lang: Lang): string {
  switch (failure.code) {
    case 'key-error':
      return t(lang, 'arc.check.key-error', { name: failure.name, problem: describeKeyError(failure.error, lang) });
    case 'dns-error':
      return t(lang, 'arc.check.dns-error', failure);
    case 'sha1':
    case 'body-hash-mismatch':
    case 'signature-mismatch':
      return t(lang, `arc.check.${failure.code}`);
    default:
      return tDynamic(lang, `arc.check.${failure.code}`, failure);
  }
}

/** Why a chain is not `pass`, as one sentence. */
export function describeArcReason(reason: ArcReason, lang: Lang): string {
  switch (reason.code) {
    case 'unreadable-message':
      return t(lang, 'arc.reason.unreadable-message', { limit: reason.error.limit });
    case 'too-many-fields':
      return t(lang, 'arc.reason.too-many-fields', reason);
    case 'bad-field':
      return t(lang, 'arc.reason.bad-field', {
        kind: t(lang, KIND_IDS[reason.kind]),
        instance: reason.instance === undefined ? '' : ` i=${reason.instance}`,
        problem: describeArcTagError(reason.error, lang),
      });
    case 'instance-out-of-range':
    case 'duplicate-instance':
    case 'missing-field':
      return t(lang, `arc.reason.${reason.code}`, { kind: t(lang, KIND_IDS[reason.kind]), instance: reason.instance });
    case 'sealed-as-failed':
      return t(lang, 'arc.reason.sealed-as-failed', reason);
    case 'wrong-cv':
      return t(lang, 'arc.reason.wrong-cv', reason);
    case 'ams-failed':
    case 'as-failed':
      return t(lang, `arc.reason.${reason.code}`, { instance: reason.instance, problem: describeArcCheck(reason.failure, lang) });
  }
}

/** A sealing failure as one sentence. */
export function describeArcSealError(error: ArcSealError, lang: Lang): string {
  return tDynamic(lang, `arc.seal.${error.code}`, { detail: error.detail ?? '' });
}

/** One trace step as a line of text. */
export function describeArcStep(step: ArcStep, lang: Lang): string {
  switch (step.kind) {
    case 'collect':
      return t(lang, 'arc.step.collect', { seals: step.seals, ams: step.messageSignatures, aar: step.authResults });
    case 'structure':
      return t(lang, 'arc.step.structure', step);
    case 'cv':
      return t(lang, 'arc.step.cv', step);
    case 'key-lookup':
      return t(lang, 'arc.step.key-lookup', { instance: step.instance, field: step.field.toUpperCase(), name: step.name, answer: describeAnswer('TXT', step.answer, lang) });
    case 'body-hash':
      return t(lang, 'arc.step.body-hash', step);
    case 'signature':
      return t(lang, 'arc.step.signature', {
        instance: step.instance,
        field: step.field.toUpperCase(),
        ok: step.ok,
        problem: step.failure ? describeArcCheck(step.failure, lang) : '',
      });
    case 'oldest-pass':
      return t(lang, 'arc.step.oldest-pass', step);
  }
}

/** The headline of a result. */
export function arcHeadline(result: ArcResult, lang: Lang): string {
  switch (result.result) {
    case 'none':
      return t(lang, 'arc.headline.none');
    case 'pass':
      return t(lang, 'arc.headline.pass', { count: result.instance, oldestPass: result.oldestPass });
    default:
      return t(lang, `arc.headline.${result.result}`, { count: Math.max(result.instance, result.sets.length) });
  }
}

/**
 * A chain as lines of text: the verdict, why, each ARC Set (sealer, cv=, the seal's and the message signature's
 * verdicts, and what that intermediary said it saw), then the steps when asked (what `--explain` prints).
 */
export function explainArc(result: ArcResult, lang: Lang, options: { steps?: boolean } = {}): string[] {
  const lines = [arcHeadline(result, lang)];
  if (result.result === 'none') return lines;
  lines.push(`  ${tDynamic(lang, `arc.meaning.${result.result}`)}`);
  if (result.result === 'fail' || result.result === 'temperror') lines.push(t(lang, 'arc.reason-line', { reason: describeArcReason(result.reason, lang) }));
  for (const set of result.sets) {
    if (set.sealer && set.cv) {
      lines.push(
        t(lang, 'arc.set', {
          instance: set.instance,
          domain: set.sealer.domain,
          selector: set.sealer.selector,
          cv: set.cv,
          seal: tDynamic(lang, `arc.check-result.${set.sealResult}`),
          ams: tDynamic(lang, `arc.check-result.${set.messageSignatureResult}`),
        }),
      );
    } else lines.push(t(lang, 'arc.set.unknown', { instance: set.instance }));
    if (set.authResultsText !== undefined) lines.push(t(lang, 'arc.set.said', { text: set.authResultsText }));
  }
  if (options.steps === false || result.trace.length === 0) return lines;
  lines.push(t(lang, 'arc.steps'));
  for (const step of result.trace) lines.push(describeArcStep(step, lang));
  return lines;
}
