/** Public BIMI types: records, discovery, DMARC prerequisites. */
export type * from './types.js';
/** parseBimiRecord, parseBimiSelector and the record limits. */
export { parseBimiRecord, parseBimiSelector, isBimiRecord, isBimiSelector, MAX_BIMI_RECORD_LENGTH, MAX_LOCATIONS, MAX_URL_LENGTH } from './record.js';
/** discoverBimiRecord: `<selector>._bimi.<domain>`, then the Organizational Domain. */
export { discoverBimiRecord, bimiRecordName, DEFAULT_SELECTOR, type BimiDiscoveryOptions } from './discover.js';
/** checkDmarcPrerequisites: DMARC at enforcement, and a pass on the message. */
export { checkDmarcPrerequisites, type PrerequisiteOptions } from './prerequisites.js';
/** checkSvg: the SVG Tiny PS profile, bounded. */
export { checkSvg, DEFAULT_SVG_LIMITS, type SvgCheck, type SvgProblem, type SvgProblemCode, type SvgLimits } from './svg.js';
/** tokenizeXml: the bounded XML tokenizer under checkSvg (no DTD, no entity expansion). */
export { tokenizeXml, lineColumn, type XmlToken, type XmlAttribute } from './xml.js';
/** checkMarkCertificate: VMC/CMC chain, dates, EKU, SAN, embedded logotype. */
export { checkMarkCertificate, pemCertificates, MAX_CHAIN, MAX_PEM_BYTES, type MarkCertificateCheck, type MarkCertificateOptions, type CertProblem, type CertProblemCode, type CertificateSummary, type EmbeddedLogo } from './cert.js';
/** readCertificateFields and markKind: what the DER holds beyond Node's X509Certificate. */
export { readCertificateFields, markKind, OID_EKU_BIMI, OID_LOGOTYPE, OID_MARK_TYPE, type CertificateFields, type MarkKind } from './cert-ext.js';
/** decodeLogoDataUri and hashMatches: the RFC 3709 logotype image. */
export { decodeLogoDataUri, hashMatches, type LogotypeImage, type DataUriResult } from './logotype.js';
/** The injectable fetcher and the default HTTPS one. */
export { httpsFetcher, type BimiFetcher, type BimiFetchKind, type FetchOutcome, type FetchErrorCode, type BimiHttpsOptions } from './fetch.js';
/** BIMI-Location and BIMI-Indicator header fields. */
export { bimiLocationField, bimiIndicatorField, BIMI_RECEIVER_FIELDS } from './headers.js';
/** checkBimi: the whole check of a domain, and the selector of a message. */
export { checkBimi, selectorFromHeader, type BimiCheck, type BimiCheckOptions, type BimiProblem, type BimiVerdict, type BimiArea, type FetchStep } from './check.js';
/** Text for people: each problem and its fix, in en or ja. */
export { describeBimiProblem, fixForBimiProblem, renderBimiCheck } from './explain.js';
