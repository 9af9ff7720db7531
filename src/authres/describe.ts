import { hasMessage, t, tDynamic, type Lang } from '../i18n/index.js';
import type { AuthResMethodResult, AuthResProblem } from './types.js';

/** What a method result means to a reader (`dkim=pass`, `spf=softfail`, `dmarc=fail`...), in `lang`; unknown pairs get a generic sentence. */
export function describeAuthResult(result: Pick<AuthResMethodResult, 'method' | 'result'>, lang: Lang = 'en'): string {
  const id = `authres.meaning.${result.method.toLowerCase()}.${result.result.toLowerCase()}`;
  if (hasMessage(id)) return tDynamic(lang, id);
  return t(lang, 'authres.meaning.other', { method: result.method, result: result.result });
}

/** Whether inkan has its own description for this method and result. */
export function hasAuthResultDescription(method: string, result: string): boolean {
  return hasMessage(`authres.meaning.${method.toLowerCase()}.${result.toLowerCase()}`);
}

/** A parser problem as one line: the column, what is wrong and the text concerned. */
export function describeAuthResProblem(problem: AuthResProblem, lang: Lang = 'en'): string {
  const message =
    problem.code === 'limit'
      ? t(lang, 'authres.problem.limit', { limit: problem.limit, max: problem.max })
      : tDynamic(lang, `authres.problem.${problem.code}`);
  const text = problem.code === 'limit' ? undefined : problem.text;
  return t(lang, 'authres.problem.at', text === undefined ? { position: problem.position, message } : { position: problem.position, message, text });
}
