/** DKIM (RFC 6376, RFC 8301, RFC 8463): tag lists, canonicalization, body hashing, message sources, verification. */
export { parseTagList, stripWhitespace, type Tag, type TagList, type TagListError, type TagListErrorCode, type TagListOptions, type TagListResult } from './tag-list.js';
export {
  canonicalizeHeaderField,
  createBodyCanonicalizer,
  parseCanonicalization,
  type BodyCanonicalizer,
  type BodySink,
  type Canonicalization,
  type CanonicalizationPair,
  type CanonicalizationResult,
} from './canonicalize.js';
export { bodyHash, createBodyHasher, createBodyHashTarget, type BodyHasher, type BodyHashResult, type BodyHashTarget, type DkimHashAlgorithm } from './body-hash.js';
export { readHeader, type MessageHead, type MessageSource, type ReadHeaderResult } from './source.js';
export type * from './types.js';
export { parseDkimSignature, blankedSignatureField, decodeBase64, decodeDkimQuotedPrintable, dkimDomain, isSameOrSubdomain, parseHeaderList, type DkimSignatureParseOptions } from './signature.js';
export { parseDkimKey, fetchDkimKey, createKeyCache, defaultKeyCache, MIN_RSA_BITS, type DkimKeyLookup, type DkimKeyParseOptions, type FetchKeyOptions, type KeyCacheOptions } from './key.js';
export { verifyDkim, verifyDkimHead, infoOf, DKIM_VERIFY_DEFAULTS } from './verify.js';
export { explainDkim, describeDkimResult, describeDkimReason, describeDkimStep, describeSignatureError, describeKeyError, describeKeyAnswer } from './explain.js';
