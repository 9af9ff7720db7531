/** inkan: email sender authentication. Everything public, by protocol; also at `inkan/dns`, `inkan/message`, `inkan/spf`, `inkan/i18n`. */
export * from './dns/index.js';
export * from './message/index.js';
export * from './spf/index.js';
export { t, detectLang, parseLang, type Lang, type MessageId } from './i18n/index.js';
