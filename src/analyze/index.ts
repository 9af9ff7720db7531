/** One message's forensics (issue 6): `analyze()` and the pieces it is made of. */
export { analyze } from './analyze.js';
export type * from './types.js';
export { BRANDS, FREEMAIL, ESP_ENVELOPES } from './brands.js';
export { skeleton, withinOneEdit, imitation, confusableCharacters } from './lookalike.js';
export { addressScope, readRoute, MAX_HOPS } from './route.js';
export { readIdentities, orgDomainOf, alignmentWith } from './identities.js';
export { readRecorded } from './recorded.js';
export { spoofingSigns } from './spoofing.js';
export { diagnoseBody, MAX_DIAGNOSIS_BODY, DIAGNOSIS_BUDGET, type HashBudget } from './diagnosis.js';
export { diagnoseHeaders, diagnoseArc, diagnoseSpf } from './diagnosis-headers.js';
export { readSignals } from './signals.js';
export { decide } from './verdict.js';
export { renderAnalysis, analyzeExitCode, reasonText, ANALYZE_EXIT } from './render.js';
export { reverify, type ReverifyInput, type ReverifyOutcome } from './reverify.js';
