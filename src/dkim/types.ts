import type { DnsAnswer, Resolver, TxtRecord } from '../dns/types.js';
import type { HeaderField, MessageError, MessageLimits } from '../message/types.js';
import type { KeyObject } from 'node:crypto';
import type { Canonicalization } from './canonicalize.js';
import type { DkimHashAlgorithm } from './body-hash.js';
import type { TagListError } from './tag-list.js';

/** Signing algorithms (RFC 6376 §3.3, RFC 8463 §3). `rsa-sha1` is parsed but never passes (RFC 8301 §3.1). */
export type DkimAlgorithm = 'rsa-sha256' | 'rsa-sha1' | 'ed25519-sha256';

/** Key types of a key record's `k=` (RFC 6376 §3.6.1, RFC 8463 §4). */
export type DkimKeyType = 'rsa' | 'ed25519';

/** The Agent or User Identifier of `i=` (RFC 6376 §3.5), dkim-quoted-printable decoded. */
export interface DkimIdentity {
  /** `local@domain` as decoded (the local part may be empty). */
  text: string;
  /** The part before the last `@`. */
  localPart: string;
  /** The domain, lower case. */
  domain: string;
}

/** A parsed, valid DKIM-Signature field (RFC 6376 §3.5). */
export interface DkimSignature {
  /** The field as it appears in the message. */
  field: HeaderField;
  /** `a=` */
  algorithm: DkimAlgorithm;
  /** The key type `a=` asks for. */
  keyType: DkimKeyType;
  /** The hash `a=` asks for. */
  hash: DkimHashAlgorithm;
  /** `b=` decoded. */
  signature: Buffer;
  /** `b=` as written, whitespace removed (`header.b` uses its first characters, RFC 6008). */
  signatureText: string;
  /** `bh=` decoded. */
  bodyHash: Buffer;
  /** `c=` header algorithm. */
  headerCanonicalization: Canonicalization;
  /** `c=` body algorithm. */
  bodyCanonicalization: Canonicalization;
  /** `d=`, lower case: the SDID. */
  domain: string;
  /** `s=` as written (DNS compares it case-insensitively). */
  selector: string;
  /** `h=`: the signed header field names in order, as written. */
  signedHeaders: string[];
  /** `i=`, or `@d` when absent. */
  identity: DkimIdentity;
  /** Whether `i=` was present. */
  identityGiven: boolean;
  /** `l=`: canonical body octets signed, when given. */
  bodyLength?: number;
  /** `t=`: signing time, seconds since the epoch. */
  timestamp?: number;
  /** `x=`: expiration, seconds since the epoch. */
  expiration?: number;
  /** `z=` as written (copied header fields, diagnostic only). */
  copiedHeaders?: string;
  /** Offsets in `field.raw` of the `b=` value (from after "=" to the next ";" or the end), blanked for hashing. */
  bValueStart: number;
  bValueEnd: number;
}

/** Why a DKIM-Signature field is not valid (RFC 6376 §6.1.1); catalogue id `dkim.signature.<code>`. */
export type DkimSignatureErrorCode =
  | 'tag-list'
  | 'missing-tag'
  | 'bad-version'
  | 'unknown-algorithm'
  | 'bad-base64'
  | 'bad-canonicalization'
  | 'bad-header-list'
  | 'too-many-signed-headers'
  | 'from-not-signed'
  | 'bad-domain'
  | 'bad-selector'
  | 'bad-identity'
  | 'identity-mismatch'
  | 'bad-length'
  | 'bad-timestamp'
  | 'bad-expiration'
  | 'expiration-before-timestamp'
  | 'unknown-query-method';

/** A signature syntax or validity error, with the tag concerned. */
export interface DkimSignatureError {
  code: DkimSignatureErrorCode;
  /** The tag at fault, when there is one. */
  tag?: string;
  /** The tag-list error, for `tag-list`. */
  tagList?: TagListError;
  /** Limit exceeded, for `too-many-signed-headers`. */
  limit?: number;
}

/** Outcome of {@link parseDkimSignature}. */
export type DkimSignatureParseResult =
  | { ok: true; signature: DkimSignature }
  | { ok: false; error: DkimSignatureError; info: DkimSignatureInfo };

/** A parsed key record (RFC 6376 §3.6.1) with its public key ready for verification. */
export interface DkimKey {
  /** The record text the key came from. */
  record: string;
  /** `k=` (default rsa). */
  keyType: DkimKeyType;
  /** The public key. */
  publicKey: KeyObject;
  /** RSA modulus size in bits; 256 for Ed25519. */
  bits: number;
  /** `h=`: acceptable hashes, when restricted. */
  hashes?: string[];
  /** `s=`: service types (default `*`). */
  services: string[];
  /** `t=y`: the domain is testing DKIM. */
  testing: boolean;
  /** `t=s`: `i=` must use exactly the `d=` domain. */
  strict: boolean;
  /** How `p=` was encoded. */
  encoding: 'spki' | 'pkcs1' | 'raw-ed25519';
}

/** Why a key record is unusable; catalogue id `dkim.key.<code>`. */
export type DkimKeyErrorCode =
  | 'tag-list'
  | 'bad-version'
  | 'unknown-key-type'
  | 'missing-key'
  | 'revoked'
  | 'bad-base64'
  | 'invalid-key'
  | 'key-too-small';

/** A key record error. */
export interface DkimKeyError {
  code: DkimKeyErrorCode;
  /** The tag at fault. */
  tag?: string;
  /** RSA key size, for `key-too-small`. */
  bits?: number;
  /** Minimum accepted size, for `key-too-small`. */
  minimum?: number;
  /** The tag-list error, for `tag-list`. */
  tagList?: TagListError;
}

/** Outcome of {@link parseDkimKey}. */
export type DkimKeyParseResult = { ok: true; key: DkimKey } | { ok: false; error: DkimKeyError };

/** The RFC 8601 result words for one signature. */
export type DkimResultCode = 'pass' | 'fail' | 'neutral' | 'policy' | 'temperror' | 'permerror';

/** Why a signature did not pass: a code with its parameters; catalogue id `dkim.reason.<code>`. */
export type DkimReason =
  | { code: 'signature-syntax'; error: DkimSignatureError }
  | { code: 'sha1' }
  | { code: 'expired'; expiration: number; now: number; skew: number }
  | { code: 'future-timestamp'; timestamp: number; now: number; skew: number }
  | { code: 'no-key'; name: string; status: 'nxdomain' | 'nodata' | 'no-txt' }
  | { code: 'dns-timeout'; name: string }
  | { code: 'dns-error'; name: string; rcode: string }
  | { code: 'key-error'; name: string; error: DkimKeyError }
  | { code: 'key-type-mismatch'; name: string; keyType: DkimKeyType; algorithm: DkimAlgorithm }
  | { code: 'key-hash-not-allowed'; name: string; hash: DkimHashAlgorithm; allowed: string[] }
  | { code: 'key-not-email'; name: string; services: string[] }
  | { code: 'strict-identity'; identityDomain: string; domain: string }
  | { code: 'body-length-exceeds-body'; bodyLength: number; canonicalLength: number }
  | { code: 'body-length-policy'; unsignedOctets: number }
  | { code: 'body-hash-mismatch'; expected: string; computed: string }
  | { code: 'signature-mismatch' };

/** Reason codes. */
export type DkimReasonCode = DkimReason['code'];

/** What a signature says about itself, as far as it could be read (Authentication-Results properties, RFC 8601 §2.7.1). */
export interface DkimSignatureInfo {
  /** `d=`, lower case (`header.d`). */
  domain?: string;
  /** `s=` (`header.s`). */
  selector?: string;
  /** `i=` as written (`header.i`). */
  identity?: string;
  /** `a=` as written (`header.a`). */
  algorithm?: string;
  /** `c=` as `header/body`. */
  canonicalization?: string;
  /** `h=` names. */
  signedHeaders?: string[];
  /** `l=`. */
  bodyLength?: number;
  /** `t=`. */
  timestamp?: number;
  /** `x=`. */
  expiration?: number;
  /** The first 8 characters of `b=` (`header.b`, RFC 6008 §4), or fewer when more are needed to tell signatures apart. */
  headerB?: string;
}

/** One thing the verifier did for a signature, in order: what `--explain` prints. */
export type DkimStep =
  | { kind: 'parse'; ok: boolean; error?: DkimSignatureError }
  | { kind: 'check'; check: 'algorithm' | 'expiration' | 'timestamp' | 'identity' | 'body-length'; ok: boolean }
  | { kind: 'key-lookup'; name: string; answer: DnsAnswer<TxtRecord>; cached: boolean }
  | { kind: 'key'; record: string; ok: boolean; keyType?: DkimKeyType; bits?: number; error?: DkimKeyError; records: number }
  | { kind: 'body-hash'; canonicalization: Canonicalization; hash: DkimHashAlgorithm; expected: string; computed: string; length: number; totalLength: number; ok: boolean }
  | { kind: 'header-hash'; canonicalization: Canonicalization; fields: Array<{ name: string; present: boolean }> }
  | { kind: 'signature'; ok: boolean };

/** What every per-signature result carries besides its verdict. */
export interface DkimResultBase extends DkimSignatureInfo {
  /** Position of the field among the message's DKIM-Signature fields, top first (0-based). */
  index: number;
  /** The parsed signature, when it is valid. */
  signature?: DkimSignature;
  /** The key used, when one was found. */
  key?: DkimKey;
  /** Key `t=y`: the signer is testing; receivers should not treat the result differently from unsigned mail (RFC 6376 §3.6.1). */
  testing: boolean;
  /** `l=` is present: the signature covers only part of the body. */
  bodyLengthLimited: boolean;
  /** Canonical body octets after the `l=` limit (not covered by the signature), when known. */
  unsignedBodyOctets?: number;
  /** Steps, in order (empty when tracing is off). */
  trace: DkimStep[];
}

/** Outcome for one DKIM-Signature (RFC 6376 §6, RFC 8601 §2.7.1 words). Switch on `result`. */
export type DkimResult =
  | (DkimResultBase & { result: 'pass'; signature: DkimSignature; key: DkimKey })
  | (DkimResultBase & { result: 'fail'; reason: Extract<DkimReason, { code: 'body-hash-mismatch' | 'signature-mismatch' }>; signature: DkimSignature; key: DkimKey })
  | (DkimResultBase & { result: 'policy'; reason: DkimReason; signature: DkimSignature })
  | (DkimResultBase & { result: 'neutral' | 'permerror' | 'temperror'; reason: DkimReason });

/** A signature beyond `maxSignatures`, left unevaluated. */
export interface DkimNotEvaluated extends DkimSignatureInfo {
  index: number;
  reason: 'too-many-signatures';
  /** The cap in force. */
  limit: number;
}

/** Outcome of {@link verifyDkim}: one result per evaluated signature, top first (empty when the message is unsigned). */
export type DkimVerifyResult =
  | { ok: true; results: DkimResult[]; notEvaluated: DkimNotEvaluated[] }
  | { ok: false; error: MessageError; results: []; notEvaluated: [] };

/** Options of {@link verifyDkim}. */
export interface DkimVerifyOptions {
  /** Where key records come from. */
  resolver: Resolver;
  /** The verification time in milliseconds since the epoch (or a Date), e.g. when the message arrived. Default: the clock. */
  now?: number | Date;
  /** Seconds of clock difference tolerated for `x=` and `t=` (default 300). */
  clockSkew?: number;
  /** Treat a `t=` more than `clockSkew` in the future as a permerror (default true; RFC 6376 §3.5 makes this a MAY). */
  rejectFutureTimestamp?: boolean;
  /** Signatures evaluated per message, top first (default 10); the rest are reported in `notEvaluated`. */
  maxSignatures?: number;
  /** Names allowed in one `h=` (default 1000); more is a permerror. */
  maxSignedHeaders?: number;
  /** Smallest RSA key accepted, in bits (default and minimum 1024, RFC 8301 §3.2). */
  minRsaBits?: number;
  /** What to do with a passing signature that has `l=` and unsigned body octets: `accept` (default, flagged) or `policy`. */
  bodyLengthLimited?: 'accept' | 'policy';
  /** Cache of parsed keys; default one shared by the process; `false` turns caching off. */
  keyCache?: DkimKeyCache | false;
  /** Message size limits. */
  limits?: Partial<MessageLimits>;
  /** Record the trace (default true). */
  trace?: boolean;
  /** Passed to every DNS query. */
  signal?: AbortSignal;
}

/** A bounded cache of parsed key records, keyed by (selector, domain, record text). */
export interface DkimKeyCache {
  /** The cached parse of `record` published at `selector._domainkey.domain`, if any. */
  get(selector: string, domain: string, record: string): DkimKeyParseResult | undefined;
  /** Remember a parse. */
  set(selector: string, domain: string, record: string, result: DkimKeyParseResult): void;
  /** Entries held. */
  readonly size: number;
}
