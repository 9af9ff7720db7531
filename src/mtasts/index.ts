/** Public types: records, policies, fetch results, MX coverage, findings, the check and its trace. */
export type * from './types.js';
/** `_mta-sts` TXT record (RFC 8461 §3.1): parse, select among several, look up, format. */
export { formatStsRecord, lookupStsRecord, parseStsRecord, policyIdAt, selectStsRecord, stsRecordName } from './record.js';
/** Policy files (RFC 8461 §3.2): parse with line-numbered problems, format, decode a body. */
export { decodePolicyBody, formatStsPolicy, MAX_AGE_LIMIT, MAX_AGE_RECOMMENDED, MAX_POLICY_LINES, parseStsPolicy } from './policy.js';
/** MX patterns and matching (RFC 8461 §4.1). */
export { coverMxHosts, matchingPattern, mxPatternMatches, parseMxPattern } from './mx.js';
/** isHostName: RFC 5321 `Domain`, the rule of `mx:` patterns (from the message module). */
export { isHostName } from '../message/domain.js';
/** TLS-RPT `_smtp._tls` record (RFC 8460 §3): parse, select, look up, format. */
export { formatTlsRptRecord, lookupTlsRptRecord, MAX_RUA_URIS, parseTlsRptRecord, selectTlsRptRecord, tlsRptRecordName } from './tlsrpt.js';
/** Policy URL and response rules (RFC 8461 §3.3). */
export { isTextPlain, MAX_POLICY_BYTES, policyHost, policyUrl, responseProblem } from './fetch.js';
/** The default fetcher over HTTPS (host lookup through an inkan Resolver: `resolverLookup` in `src/net`). */
export { httpsPolicyFetcher, type MtaStsHttpsOptions } from './https.js';
/** checkMtaSts: the whole check with findings, fixes and trace. */
export { checkMtaSts, MAX_MX_HOSTS, mtaStsVerdict, type MtaStsCheckOptions } from './check.js';
/** Findings and the fixes they suggest. */
export { deriveFindings, SUGGESTED_MAX_AGE, suggestedPolicy, type FindingInput } from './findings.js';
/** Text for people: findings, fixes and the trace in en/ja. */
export { describeFinding, describeFix, explainMtaSts, zoneLine } from './explain.js';
