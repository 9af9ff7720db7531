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
/** Signing (RFC 6376 §5, RFC 8463 §3): several signatures per call, oversigning, streamed body hashing. */
export { signDkim, computeHeaderSignature } from './sign.js';
export type { CanonicalizationSetting, DkimSignatureOptions, DkimSignOptions, NewDkimSignature, DkimSignOptionErrorCode, DkimSignError, DkimSignResult } from './sign-types.js';
export { loadSigningKey, type DkimSigningAlgorithm, type DkimPrivateKey, type SigningKeyErrorCode, type SigningKeyResult } from './sign-key.js';
export { DEFAULT_SIGNED_HEADERS, MAX_SIGNED_HEADERS, signedHeaderList, type SignedHeaderListResult } from './sign-headers.js';
export { formatSignatureTemplate, completeSignatureField, type SignatureTags } from './sign-format.js';
export { checkSigningDomain, checkSelector, checkIdentity, keyRecordName, type SigningNameResult } from './sign-names.js';
export { describeDkimSignError } from './sign-explain.js';
/** Key generation (RFC 6376 §3.6.1, RFC 8463 §4): key pairs and their TXT records. */
export {
  generateDkimKey,
  dkimKeyRecord,
  publicKeyValue,
  splitCharacterStrings,
  DEFAULT_RSA_BITS,
  MAX_RSA_BITS,
  MAX_CHARACTER_STRING,
  type DkimKeygenOptions,
  type DkimKeyRecordOptions,
  type DkimKeyRecord,
  type DkimKeyPair,
} from './keygen.js';
