/** inkan: email sender authentication. Everything public; also by protocol at `inkan/dns`, `inkan/message`, `inkan/spf`, `inkan/dkim`, `inkan/dmarc`, `inkan/authres`, `inkan/verify`, `inkan/i18n`. */
export * from './dns/index.js';
export * from './message/index.js';
export * from './spf/index.js';
export * from './dkim/index.js';
export * from './dmarc/index.js';
export * from './authres/index.js';
export * from './verify.js';
export { t, detectLang, parseLang, type Lang, type MessageId } from './i18n/index.js';
