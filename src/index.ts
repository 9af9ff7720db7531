/** inkan: email sender authentication. Everything public; also by protocol at `inkan/dns`, `inkan/message`, `inkan/spf`, `inkan/dkim`, `inkan/dmarc`, `inkan/authres`, `inkan/verify`, `inkan/arc`, `inkan/bimi`, `inkan/mtasts`, `inkan/audit`, `inkan/analyze`, `inkan/reports`, `inkan/i18n`. */
export * from './dns/index.js';
export * from './message/index.js';
export * from './spf/index.js';
export * from './dkim/index.js';
export * from './dmarc/index.js';
export * from './authres/index.js';
export * from './verify.js';
export * from './arc/index.js';
export * from './bimi/index.js';
export * from './mtasts/index.js';
export * from './audit/index.js';
export * from './analyze/index.js';
export * from './reports/index.js';
export { t, detectLang, parseLang, type Lang, type MessageId } from './i18n/index.js';
// Names that several modules export: the audit's at the root, the others under a module prefix.
export { summarize, type Severity } from './audit/index.js';
export { summarize as summarizeReports } from './reports/index.js';
export type { Severity as MtaStsSeverity } from './mtasts/index.js';
export type { Severity as AnalysisSeverity } from './analyze/index.js';
