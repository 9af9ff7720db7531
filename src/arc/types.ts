import type { KeyObject } from 'node:crypto';
import type { AuthenticationResults } from '../authres/types.js';
import type { DkimHashAlgorithm } from '../dkim/body-hash.js';
import type { Canonicalization } from '../dkim/canonicalize.js';
import type { DkimPrivateKey } from '../dkim/sign-key.js';
import type { DkimKeyCache, DkimKeyError, DkimKeyType } from '../dkim/types.js';
import type { DnsAnswer, Resolver, TxtRecord } from '../dns/types.js';
import type { HeaderField, MessageError, MessageLimits } from '../message/types.js';

/** The three header fields of an ARC Set (RFC 8617 §4.1). */
export type ArcFieldKind = 'seal' | 'message-signature' | 'authentication-results';

/** The `cv=` values (RFC 8617 §4.4). */
export type ArcChainValidation = 'none' | 'pass' | 'fail';

/** Algorithms an ARC field may name; `rsa-sha1` is parsed but never passes (RFC 8301 §3.1). */
export type ArcAlgorithm = 'rsa-sha256' | 'rsa-sha1' | 'ed25519-sha256';

/** Why an ARC-Seal or ARC-Message-Signature field cannot be used; catalogue id `arc.tag.<code>`. */
export type ArcTagErrorCode =
  | 'tag-list'
  | 'missing-tag'
  | 'bad-instance'
  | 'unknown-algorithm'
  | 'bad-base64'
  | 'bad-canonicalization'
  | 'bad-header-list'
  | 'bad-domain'
  | 'bad-selector'
  | 'bad-timestamp'
  | 'bad-cv'
  | 'forbidden-tag'
  | 'signs-arc-seal';

/** A field syntax error, with the tag at fault. */
export interface ArcTagError {
  code: ArcTagErrorCode;
  tag?: string;
}

/** What both signing fields share (RFC 8617 §4.1.2, §4.1.3). */
export interface ArcSignatureFields {
  /** The field as it appears in the message. */
  field: HeaderField;
  /** `i=`: the ARC Set instance. */
  instance: number;
  /** `a=`. */
  algorithm: ArcAlgorithm;
  keyType: DkimKeyType;
  hash: DkimHashAlgorithm;
  /** `b=` decoded. */
  signature: Buffer;
  /** `b=` as written, whitespace removed. */
  signatureText: string;
  /** `d=`, lower case. */
  domain: string;
  /** `s=`. */
  selector: string;
  /** `t=`, seconds since the epoch. */
  timestamp?: number;
  /** Byte offsets in `field.raw` of the `b=` value, blanked for hashing. */
  bValueStart: number;
  bValueEnd: number;
}

/** A parsed ARC-Seal (RFC 8617 §4.1.3). */
export interface ArcSeal extends ArcSignatureFields {
  /** `cv=`: what this sealer found of the chain before it. */
  chainValidation: ArcChainValidation;
}

/** A parsed ARC-Message-Signature (RFC 8617 §4.1.2): a DKIM signature with `i=` in place of `v=`. */
export interface ArcMessageSignature extends ArcSignatureFields {
  /** `bh=` decoded. */
  bodyHash: Buffer;
  headerCanonicalization: Canonicalization;
  bodyCanonicalization: Canonicalization;
  /** `h=`, as written. */
  signedHeaders: string[];
}

/** Outcome of parsing an ARC-Seal or ARC-Message-Signature. */
export type ArcFieldParse<T> = { ok: true; value: T } | { ok: false; error: ArcTagError; instance?: number };

/** Why a signature (AMS or AS) did not verify; catalogue id `arc.check.<code>`. */
export type ArcCheckFailure =
  | { code: 'sha1' }
  | { code: 'no-key'; name: string; status: 'nxdomain' | 'nodata' | 'no-txt' }
  | { code: 'dns-timeout'; name: string }
  | { code: 'dns-error'; name: string; rcode: string }
  | { code: 'key-error'; name: string; error: DkimKeyError }
  | { code: 'key-type-mismatch'; name: string }
  | { code: 'key-hash-not-allowed'; name: string }
  | { code: 'key-not-email'; name: string }
  | { code: 'body-hash-mismatch'; expected: string; computed: string }
  | { code: 'signature-mismatch' };

/** Why a chain is not `pass`; catalogue id `arc.reason.<code>`. */
export type ArcReason =
  | { code: 'unreadable-message'; error: MessageError }
  | { code: 'too-many-fields'; count: number; limit: number }
  | { code: 'bad-field'; kind: ArcFieldKind; instance?: number; error: ArcTagError }
  | { code: 'instance-out-of-range'; kind: ArcFieldKind; instance: number }
  | { code: 'duplicate-instance'; kind: ArcFieldKind; instance: number }
  | { code: 'missing-field'; kind: ArcFieldKind; instance: number }
  | { code: 'sealed-as-failed'; instance: number }
  | { code: 'wrong-cv'; instance: number; cv: ArcChainValidation; expected: ArcChainValidation }
  | { code: 'ams-failed'; instance: number; failure: ArcCheckFailure }
  | { code: 'as-failed'; instance: number; failure: ArcCheckFailure };

/** One ARC Set as a reader sees it: who sealed it, what it claimed, what it said it saw, and how it verified. */
export interface ArcSetInfo {
  instance: number;
  /** The sealer's `d=` and `s=`, from the ARC-Seal. */
  sealer?: { domain: string; selector: string; algorithm: string; timestamp?: number };
  /** The `cv=` the sealer wrote. */
  cv?: ArcChainValidation;
  /** The AMS signer's `d=` and `s=`. */
  signer?: { domain: string; selector: string; algorithm: string; signedHeaders: string[] };
  /** The ARC-Seal's verification: `pass`, `fail`, or `not-checked` (the chain was decided before it). */
  sealResult: 'pass' | 'fail' | 'temperror' | 'not-checked';
  /** The AMS's verification (only the newest must pass; older ones are checked for oldest-pass). */
  messageSignatureResult: 'pass' | 'fail' | 'temperror' | 'not-checked';
  /** The ARC-Authentication-Results text, unfolded. */
  authResultsText?: string;
  /** The ARC-Authentication-Results parsed: what this intermediary said it saw. */
  authResults?: AuthenticationResults;
}

/** One thing the verifier did, in order: what `--explain` prints. */
export type ArcStep =
  | { kind: 'collect'; seals: number; messageSignatures: number; authResults: number }
  | { kind: 'structure'; ok: boolean; instances: number }
  | { kind: 'cv'; instance: number; cv: ArcChainValidation; ok: boolean }
  | { kind: 'key-lookup'; instance: number; field: 'ams' | 'as'; name: string; answer: DnsAnswer<TxtRecord> }
  | { kind: 'body-hash'; instance: number; ok: boolean; expected: string; computed: string }
  | { kind: 'signature'; instance: number; field: 'ams' | 'as'; ok: boolean; failure?: ArcCheckFailure }
  | { kind: 'oldest-pass'; instance: number };

/** Outcome of an ARC chain validation (RFC 8617 §5.2). Switch on `result`. */
export type ArcResult =
  | { result: 'none'; sets: ArcSetInfo[]; trace: ArcStep[] }
  | {
      result: 'pass';
      /** The highest instance (the number of ARC Sets). */
      instance: number;
      /** The lowest instance whose AMS still verifies, every newer one verifying too (RFC 8617 §7.2, `header.oldest-pass`). */
      oldestPass: number;
      sets: ArcSetInfo[];
      trace: ArcStep[];
    }
  | {
      result: 'fail' | 'temperror';
      /** The highest instance found (0 when none could be read). */
      instance: number;
      reason: ArcReason;
      sets: ArcSetInfo[];
      trace: ArcStep[];
    };

/** Options of {@link verifyArc}. */
export interface ArcVerifyOptions {
  /** Where key records come from. */
  resolver: Resolver;
  /** Smallest RSA key accepted, in bits (default and minimum 1024, RFC 8301 §3.2). */
  minRsaBits?: number;
  /** Cache of parsed keys (shared with DKIM by default); `false` turns caching off. */
  keyCache?: DkimKeyCache | false;
  /** Check every older AMS to find the oldest-pass (default true; one extra body hash per canonicalization). */
  oldestPass?: boolean;
  /** Most ARC header fields looked at (default 150: 50 sets of 3, RFC 8617 §4.2.1); more is a `fail`. */
  maxFields?: number;
  /** Message size limits. */
  limits?: Partial<MessageLimits>;
  /** Record the trace (default true). */
  trace?: boolean;
  /** Passed to every DNS query. */
  signal?: AbortSignal;
}

/** Options of {@link sealArc}. */
export interface ArcSealOptions {
  /** The sealer's signing domain (`d=`). */
  domain: string;
  /** The selector (`s=`). */
  selector: string;
  /** RSA (at least 1024 bits) or Ed25519 private key. */
  privateKey: DkimPrivateKey | KeyObject;
  /** `rsa-sha256` or `ed25519-sha256`; inferred from the key when absent. */
  algorithm?: 'rsa-sha256' | 'ed25519-sha256';
  /** Signing time (ms since the epoch, or a Date): `t=`. Default: the clock. */
  now?: number | Date;
  /** This ADMD's authserv-id: the `Authentication-Results` fields with it are gathered into the AAR. */
  authservId?: string;
  /** The AAR payload to use instead: an `Authentication-Results` value (`authserv-id; results`), or a field with its name. */
  authResults?: string;
  /** Header fields the AMS signs (default: {@link ARC_SIGNED_HEADERS} present in the message). ARC and Authentication-Results fields are refused. */
  headers?: readonly string[];
  /** Where key records of the existing chain come from (it is verified to compute `cv=`). */
  resolver: Resolver;
  /** The existing chain's validation, when the caller already has it (skips verifying it again). */
  chain?: ArcResult;
  /** Key cache for verifying the existing chain. */
  keyCache?: DkimKeyCache | false;
  /** Message size limits. */
  limits?: Partial<MessageLimits>;
  /** Fold the fields at tag boundaries (default true). Folding never changes the relaxed canonical form. */
  fold?: boolean;
}

/** Why a message was not sealed; catalogue id `arc.seal.<code>`. */
export type ArcSealErrorCode =
  | 'message'
  | 'bad-private-key'
  | 'unsupported-key-type'
  | 'rsa-key-too-small'
  | 'unsupported-algorithm'
  | 'algorithm-mismatch'
  | 'bad-domain'
  | 'bad-selector'
  | 'bad-header-name'
  | 'forbidden-header'
  | 'chain-failed'
  | 'chain-temperror'
  | 'chain-full'
  | 'no-auth-results';

/** A sealing failure with what it concerns. */
export interface ArcSealError {
  code: ArcSealErrorCode;
  /** The header name, the value or the instance concerned. */
  detail?: string;
}

/** The new ARC Set: the three fields (names included, no final CRLF) and the header block to prepend. */
export interface ArcSealed {
  ok: true;
  instance: number;
  cv: ArcChainValidation;
  /** `ARC-Seal: ...` */
  seal: string;
  /** `ARC-Message-Signature: ...` */
  messageSignature: string;
  /** `ARC-Authentication-Results: ...` */
  authResults: string;
  /** The three fields in the order to prepend (AS, AMS, AAR), each ending with CRLF. */
  header: string;
  /** The chain validation that decided `cv=`. */
  chain: ArcResult;
}

/** Outcome of {@link sealArc}. */
export type ArcSealResult = ArcSealed | { ok: false; error: ArcSealError; chain?: ArcResult };
