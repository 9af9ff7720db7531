import type { MessageError, MessageLimits } from '../message/types.js';
import type { Canonicalization, CanonicalizationPair } from './canonicalize.js';
import type { DkimPrivateKey, DkimSigningAlgorithm, SigningKeyErrorCode } from './sign-key.js';

/** A `c=` setting as written: `header/body`, or one word for the header with a simple body (RFC 6376 §3.5). */
export type CanonicalizationSetting = Canonicalization | `${Canonicalization}/${Canonicalization}`;

/** One signature to add (RFC 6376 §5). */
export interface DkimSignatureOptions {
  /** The signing domain, `d=` (U-labels are written as A-labels). */
  domain: string;
  /** The selector, `s=`: the key record is at `selector._domainkey.domain`. */
  selector: string;
  /** The private key: PEM, DER, a base64 Ed25519 seed or a KeyObject (pass a KeyObject on hot paths). */
  privateKey: DkimPrivateKey;
  /** `a=`; inferred from the key when absent. rsa-sha1 is refused (RFC 8301). */
  algorithm?: DkimSigningAlgorithm;
  /** `c=`; default `relaxed/relaxed`. */
  canonicalization?: CanonicalizationSetting;
  /** Header fields to sign when present; default {@link DEFAULT_SIGNED_HEADERS}. From is always signed. */
  headers?: readonly string[];
  /** Sign each present field of `headers` once more than it occurs, so none can be added (default true). */
  oversign?: boolean;
  /** The exact `h=` list instead of `headers` and `oversign`: no counting, absent names sign a null field. Must name From. */
  signedHeaders?: readonly string[];
  /** `i=`, the agent or user identifier: `[local-part]@domain`, the domain `d=` or a subdomain of it. */
  identity?: string;
  /** `x=` as seconds after the signing time. */
  expiresIn?: number;
  /** `x=` as seconds since the epoch; must be after the signing time. */
  expiration?: number;
  /** Write `t=` (default true). */
  timestamp?: boolean;
  /** `l=`: true signs the whole body and says how long it is; a number signs at most that many canonical octets. Off by default (RFC 6376 §8.2). */
  bodyLength?: boolean | number;
}

/** Options for `signDkim`. */
export interface DkimSignOptions {
  /** The signatures to add, in the order they will appear, top first. */
  signatures: readonly DkimSignatureOptions[];
  /** The signing time in milliseconds since the epoch, for `t=` and `x=`; default now. */
  now?: number;
  /** Bounds on the header section read. */
  limits?: Partial<MessageLimits>;
}

/** One signature made. */
export interface NewDkimSignature {
  /** The `DKIM-Signature` field to prepend, folded and ending with a line break: CRLF, or LF when the message's header uses bare LF throughout. */
  field: string;
  domain: string;
  selector: string;
  algorithm: DkimSigningAlgorithm;
  canonicalization: CanonicalizationPair;
  /** `h=`, in order. */
  headers: string[];
  /** `bh=`, base64. */
  bodyHash: string;
  /** `b=`, base64 (unfolded). */
  signature: string;
  identity?: string;
  timestamp?: number;
  expiration?: number;
  bodyLength?: number;
}

/** Why a signature option cannot be used; catalogue id `dkim-sign.error.<code>`. */
export type DkimSignOptionErrorCode =
  | SigningKeyErrorCode
  | 'bad-domain'
  | 'bad-selector'
  | 'bad-identity'
  | 'identity-not-in-domain'
  | 'bad-canonicalization'
  | 'bad-expiration'
  | 'bad-body-length'
  | 'bad-header-name'
  | 'too-many-headers'
  | 'from-not-signed';

/** Why nothing was signed. */
export type DkimSignError =
  /** The message has no From field, which every signature must cover (RFC 6376 §5.4). */
  | { code: 'no-from' }
  /** The header section could not be read within the limits. */
  | { code: 'unreadable-message'; error: MessageError }
  /** Signature number `signature` (0-based) has an option or key that cannot be used. */
  | { code: DkimSignOptionErrorCode; signature: number; value?: string; bits?: number; keyType?: string };

/** Outcome of `signDkim`. */
export type DkimSignResult =
  | {
      ok: true;
      /** One per requested signature, top first. */
      signatures: NewDkimSignature[];
      /** Every field, concatenated in order: prepend this to the message. */
      header: string;
    }
  | { ok: false; error: DkimSignError };
