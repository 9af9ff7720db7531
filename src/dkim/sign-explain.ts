import { t, tDynamic, type Lang } from '../i18n/index.js';
import type { DkimSignError } from './sign-types.js';

/** A sentence saying why `signDkim` signed nothing, in `lang`; `numbered` names the signature at fault (default true). */
export function describeDkimSignError(error: DkimSignError, lang: Lang, options: { numbered?: boolean } = {}): string {
  if (error.code === 'no-from') return t(lang, 'dkim-sign.error.no-from');
  if (error.code === 'unreadable-message') return t(lang, 'dkim-sign.error.unreadable-message', { limit: error.error.limit, max: error.error.max });
  const { code, signature, ...params } = error;
  const text = tDynamic(lang, `dkim-sign.error.${code}`, params);
  return options.numbered === false ? text : t(lang, 'dkim-sign.error.signature', { index: signature, text });
}
