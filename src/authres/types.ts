import type { HeaderField } from '../message/types.js';

// ---------------------------------------------------------------------------
// Parsed Authentication-Results (RFC 8601 §2.2) and ARC-Authentication-Results (RFC 8617 §4.1.1)
// ---------------------------------------------------------------------------

/** One `ptype.property=value` of a result (RFC 8601 §2.2 `propspec`); `ptype` is `''` for the bare `key=value` some servers write (`action=none`). */
export interface AuthResProperty {
  /** The property type, lower case: `smtp`, `header`, `body`, `policy`, `polrec` or an extension. */
  ptype: string;
  /** The property, lower case: `mailfrom`, `d`, `from`... */
  property: string;
  /** The value: quoting removed when the whole value is one quoted-string, otherwise as written (`"john doe"@example.com`). */
  value: string;
  /** UTF-16 index of the property in the parsed text. */
  position: number;
}

/** One method's result (RFC 8601 §2.2 `resinfo`): `dkim=pass (comment) reason="..." header.d=example.com`. */
export interface AuthResMethodResult {
  /** The method, lower case: `spf`, `dkim`, `dmarc`, `arc`, `iprev`, `x-...`; unknown methods are kept. */
  method: string;
  /** The method version (`dkim/1=pass`), when written. */
  version?: number;
  /** The result word, lower case: `pass`, `fail`, `softfail`...; unknown words are kept. */
  result: string;
  /** The `reason=` text, quoting removed. */
  reason?: string;
  /** Every comment inside this result, outer parentheses removed, in order (nested comments kept as text). */
  comments: string[];
  /** The properties in order, unknown ptypes included. */
  properties: AuthResProperty[];
  /** UTF-16 index of the method name in the parsed text. */
  position: number;
}

/** Why part of a field could not be read as RFC 8601 says; the catalogue id is `authres.problem.<code>`. */
export type AuthResProblemCode =
  | 'empty'
  | 'missing-authserv-id'
  | 'bad-version'
  | 'missing-semicolon'
  | 'missing-results'
  | 'missing-result'
  | 'bad-keyword'
  | 'missing-value'
  | 'property-without-ptype'
  | 'duplicate-reason'
  | 'none-with-results'
  | 'unexpected-text'
  | 'unterminated-comment'
  | 'unterminated-quoted-string';

/** Which parser bound was reached. */
export type AuthResLimitName = 'maxLength' | 'maxResults' | 'maxProperties' | 'maxComments';

/** Something the parser skipped, guessed or stopped at, with the UTF-16 index in the parsed text. */
export type AuthResProblem =
  | { code: AuthResProblemCode; position: number; /** The text concerned, when there is one. */ text?: string }
  | { code: 'limit'; limit: AuthResLimitName; max: number; position: number };

/** An `Authentication-Results` (or `ARC-Authentication-Results`) field read tolerantly: what could be parsed, and what could not. */
export interface AuthenticationResults {
  /** The authentication service identifier (RFC 8601 §2.5), quoting removed; `''` when the field has none (Microsoft 365 writes none). */
  authservId: string;
  /** The `authres-version` after the authserv-id (`example.org 1; none`), or the digits after a `/` (`mx.example.org/1`). */
  version?: number;
  /** Non-numeric text after a `/` in the authserv-id: OpenDKIM's and OpenDMARC's `AuthservIDWithJobID` queue id. */
  jobId?: string;
  /** The ARC instance (`i=1; ...`, RFC 8617 §4.1.1), when the value starts with one. */
  instance?: number;
  /** The results in order; empty for `none` (RFC 8601 §2.2 `no-result`). */
  results: AuthResMethodResult[];
  /** Comments outside any result (after the authserv-id or after `none`). */
  comments: string[];
  /** Everything that was not as RFC 8601 says, in order; empty for a well-formed field. */
  problems: AuthResProblem[];
}

/** Bounds on hostile input for {@link AuthenticationResults} parsing. */
export interface AuthResParseLimits {
  /** Longest value read, in UTF-16 units; the rest is ignored with a `limit` problem (default 65536). */
  maxLength: number;
  /** Most results in one field (default 256). */
  maxResults: number;
  /** Most properties in one result (default 64). */
  maxProperties: number;
  /** Most comments kept in one result or at the top level (default 64). */
  maxComments: number;
}

// ---------------------------------------------------------------------------
// Input for generating fields
// ---------------------------------------------------------------------------

/** Text every result may carry: the `reason=` value and comments with the human reason. */
export interface AuthResNotes {
  /** Written as `reason="..."` (RFC 8601 §2.2 `reasonspec`). */
  reason?: string;
  /** Written as parenthesised comments after the result word. */
  comment?: string | readonly string[];
}

/** SPF result words (RFC 8601 §2.7.2, RFC 7208 §2.6). */
export type AuthResSpfResult = 'none' | 'neutral' | 'pass' | 'fail' | 'softfail' | 'temperror' | 'permerror' | 'policy';

/** DKIM result words (RFC 8601 §2.7.1). */
export type AuthResDkimResult = 'none' | 'pass' | 'fail' | 'policy' | 'neutral' | 'temperror' | 'permerror';

/** DMARC result words (RFC 7489 §11.2, RFC 9989). */
export type AuthResDmarcResult = 'none' | 'pass' | 'fail' | 'temperror' | 'permerror';

/** ARC result words (RFC 8617 §4.4; `temperror` when a key could not be fetched, RFC 8601 §2.7's meaning). */
export type AuthResArcResult = 'none' | 'pass' | 'fail' | 'temperror';

/** A DMARC policy or disposition value. */
export type AuthResDmarcPolicy = 'none' | 'quarantine' | 'reject';

/** An SPF result to report: `smtp.mailfrom` and/or `smtp.helo` (RFC 8601 §2.7.2). */
export interface SpfAuthResInput extends AuthResNotes {
  method: 'spf';
  result: AuthResSpfResult;
  /** The MAIL FROM address (or domain) checked: `smtp.mailfrom`. */
  mailFrom?: string;
  /** The HELO/EHLO name: `smtp.helo`. */
  helo?: string;
}

/** One DKIM signature's result (RFC 8601 §2.7.1, RFC 6008): one per signature. */
export interface DkimAuthResInput extends AuthResNotes {
  method: 'dkim';
  result: AuthResDkimResult;
  /** The signing domain `d=`: `header.d`. */
  domain?: string;
  /** The agent or user identifier `i=`: `header.i`. */
  identity?: string;
  /** The selector `s=`: `header.s`. */
  selector?: string;
  /** The algorithm `a=`: `header.a`. */
  algorithm?: string;
  /** The whole `b=` value; only its first characters are written as `header.b` (RFC 6008 §4), enough to tell the field's signatures apart. */
  signature?: string;
}

/** A DMARC result (RFC 7489 §11.2, RFC 9989), with the policy properties mail providers write. */
export interface DmarcAuthResInput extends AuthResNotes {
  method: 'dmarc';
  result: AuthResDmarcResult;
  /** The RFC5322.From domain: `header.from`. */
  headerFrom?: string;
  /** The `p=` of the policy record found (see {@link AuthResFormatOptions.dmarcPolicyProperty}). */
  policy?: AuthResDmarcPolicy;
  /** The `sp=` of the record: `policy.published-subdomain-policy`. */
  subdomainPolicy?: AuthResDmarcPolicy;
  /** Where the policy record was found, when not at the From domain: `polrec.domain` (RFC 9989). */
  policyDomain?: string;
  /** What the receiver did: `policy.applied-disposition`. */
  appliedDisposition?: AuthResDmarcPolicy;
  /** What the policy asked for: `policy.evaluated-disposition`. */
  evaluatedDisposition?: AuthResDmarcPolicy;
}

/** An ARC chain validation result (RFC 8617 §4.4, RFC 8601 registry). */
export interface ArcAuthResInput extends AuthResNotes {
  method: 'arc';
  result: AuthResArcResult;
  /** The connecting client's address: `smtp.remote-ip`. */
  remoteIp?: string;
  /** The oldest ARC set that still validates: `header.oldest-pass` (RFC 8617 §7.2). */
  oldestPass?: number;
}

/** Any other method (iprev, auth, bimi, x-...), written as given. */
export interface GenericAuthResInput extends AuthResNotes {
  /** The method keyword (letters, digits, `-`, `_`). */
  method: string;
  /** Method version, written as `method/version`. */
  version?: number;
  /** The result keyword. */
  result: string;
  /** Properties in order. */
  properties?: ReadonlyArray<{ ptype: string; property: string; value: string }>;
}

/** One result to write. */
export type AuthResInput = SpfAuthResInput | DkimAuthResInput | DmarcAuthResInput | ArcAuthResInput | GenericAuthResInput;

/** What one `Authentication-Results` field reports. */
export interface AuthResFieldInput {
  /** This receiver's authentication service identifier (RFC 8601 §2.5), usually its host name. */
  authservId: string;
  /** The `authres-version`; written only when given (absence means 1). */
  version?: number;
  /** The results; none (or an empty list) writes `none`. */
  results?: readonly AuthResInput[];
}

/** How fields are written. */
export interface AuthResFormatOptions {
  /** Fold lines longer than this many characters (RFC 5322 §2.1.1 recommends 78). Default 78; 0 writes one line. */
  lineLength?: number;
  /** The whitespace after each folding CRLF: one or more spaces or tabs. Default `'\t'`. */
  indent?: string;
  /** Start every result on a new line, as most MTAs do. Default true. */
  resultPerLine?: boolean;
  /** Allow UTF-8 in comments, reasons and local-parts (RFC 6532, for SMTPUTF8 messages). Default false: 7-bit only. */
  utf8?: boolean;
  /** Fewest characters of a DKIM `b=` value written as `header.b` (RFC 6008 §4). Default 8. */
  signaturePrefixLength?: number;
  /** Which property carries the DMARC `p=`: default `policy.published-domain-policy` (Fastmail, Mail::AuthenticationResults). */
  dmarcPolicyProperty?: 'policy.published-domain-policy' | 'policy.dmarc' | 'polrec.p';
  /** Add a `(p=... sp=... dis=...)` comment to DMARC results, as Gmail and OpenDMARC do. Default true. */
  dmarcComment?: boolean;
}

// ---------------------------------------------------------------------------
// Finding and removing fields by authserv-id (RFC 8601 §5)
// ---------------------------------------------------------------------------

/** An `Authentication-Results` field that claims a given authserv-id. */
export interface AuthResMatch {
  /** Index of the field in the header fields. */
  index: number;
  /** The field, raw bytes included. */
  field: HeaderField;
  /** The field read by the parser. */
  parsed: AuthenticationResults;
}

/** Options for finding fields by authserv-id. */
export interface FindAuthResOptions {
  /** Field names to look at (case-insensitive). Default `['Authentication-Results']`. */
  fieldNames?: readonly string[];
  /** Also match authserv-ids below the given ones (`mx1.example.com` for `example.com`). Default false. */
  includeSubdomains?: boolean;
}

/** Options for removing or renaming fields by authserv-id. */
export interface StripAuthResOptions extends FindAuthResOptions {
  /** Delete the fields (default) or rename them so that nothing trusts them any more. */
  action?: 'remove' | 'rename';
  /** The new field name when renaming. Default `X-Untrusted-Authentication-Results`. */
  renameTo?: string;
}
