export type * from './types.js';
/** RFC 8617 chain validation. */
export { verifyArc, verifyArcHead } from './verify.js';
/** RFC 8617 §5.1 sealing as an intermediary. */
export { sealArc, ARC_SIGNED_HEADERS } from './seal.js';
/** ARC-Seal / ARC-Message-Signature parsing and the ARC Sets of a header. */
export { parseArcSeal, parseArcMessageSignature, parseInstance, aarInstance, MAX_ARC_INSTANCE } from './parse.js';
export { collectChain, hasArcFields, arcFieldKind, DEFAULT_MAX_ARC_FIELDS, type ArcChain, type ArcSet } from './chain.js';
/** The ARC-Authentication-Results payload from Authentication-Results fields. */
export { splitAuthResults, gatherAuthResults, type AuthResPieces } from './aar.js';
/** Human text (en and ja) for results, reasons, steps and sealing errors. */
export { explainArc, arcHeadline, describeArcReason, describeArcCheck, describeArcStep, describeArcSealError, describeArcTagError } from './explain.js';
