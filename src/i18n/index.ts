import { en } from './en/index.js';
import { ja } from './ja/index.js';

/** Languages inkan speaks. */
export type Lang = 'en' | 'ja';

/** The message catalogue: one entry per sentence a person reads. ja has exactly the same shape (a compile-time check). */
export type Catalog = typeof en;

/** Identifier of one message. */
export type MessageId = keyof Catalog;

/** The parameters a message takes (none for a plain string). */
export type MessageParams<K extends MessageId> = Catalog[K] extends (params: infer P) => string ? [params: P] : [];

const catalogs: Record<Lang, Catalog> = { en, ja };

/** Render message `id` in `lang`. */
export function t<K extends MessageId>(lang: Lang, id: K, ...params: MessageParams<K>): string {
  const entry = catalogs[lang][id] as string | ((p: unknown) => string);
  return typeof entry === 'function' ? entry(params[0]) : entry;
}

/** Whether `id` names a message (for ids built at run time, such as `spf.syntax.${code}`). */
export function hasMessage(id: string): id is MessageId {
  return Object.prototype.hasOwnProperty.call(en, id);
}

/** A translator bound to one language. */
export type Translate = <K extends MessageId>(id: K, ...params: MessageParams<K>) => string;

/** Bind `t` to a language. */
export function translator(lang: Lang): Translate {
  return (id, ...params) => t(lang, id, ...params);
}

/** Pick the language from the environment as POSIX does (LC_ALL, then LC_MESSAGES, then LANG): `ja*` means Japanese. */
export function detectLang(env: Record<string, string | undefined>): Lang {
  const value = env['LC_ALL'] || env['LC_MESSAGES'] || env['LANG'] || '';
  return value.toLowerCase().startsWith('ja') ? 'ja' : 'en';
}

/** Parse a `--lang` value. */
export function parseLang(value: string): Lang | undefined {
  const v = value.toLowerCase();
  if (v === 'en' || v.startsWith('en_') || v.startsWith('en-')) return 'en';
  if (v === 'ja' || v.startsWith('ja_') || v.startsWith('ja-')) return 'ja';
  return undefined;
}

/** Render a message whose id is built at run time (e.g. `dns.zone.${code}`); an unknown id renders as itself. */
export function tDynamic(lang: Lang, id: string, params?: object): string {
  if (!hasMessage(id)) return id;
  const entry = catalogs[lang][id] as string | ((p: unknown) => string);
  return typeof entry === 'function' ? entry(params ?? {}) : entry;
}
