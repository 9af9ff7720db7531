import type { DnsAnswer, RrType } from '../dns/types.js';

/** How bad a problem is: `error` breaks MTA-STS or TLS-RPT, `warning` weakens it, `info` is worth knowing. */
export type Severity = 'error' | 'warning' | 'info';

/** One `name=value` field of a TXT record (`_mta-sts` or `_smtp._tls`), as written. */
export interface TxtField {
  name: string;
  value: string;
  /** Offset of the field name in the record text. */
  position: number;
}

/** What can be wrong with an `_mta-sts` TXT record (RFC 8461 §3.1). */
export type StsRecordProblemCode =
  | 'field-syntax'
  | 'duplicate-field'
  | 'missing-id'
  | 'bad-id'
  | 'bad-extension'
  | 'too-long';

/** One problem of an `_mta-sts` record, with its offset in the record text. */
export interface StsRecordProblem {
  code: StsRecordProblemCode;
  severity: Severity;
  position: number;
  /** The field name or the offending text. */
  detail?: string;
}

/** A parsed `_mta-sts` TXT record: `v=STSv1; id=...;` (RFC 8461 §3.1). */
export interface StsRecord {
  /** The record text (the TXT strings joined). */
  text: string;
  version: 'STSv1';
  /** The policy instance id (1 to 32 letters and digits); absent when missing or invalid. */
  id?: string;
  /** Fields other than `v` and `id`, which receivers ignore (RFC 8461 §3.1 `sts-extension`). */
  extensions: TxtField[];
  problems: StsRecordProblem[];
  /** Whether a sender can use the record: a valid `id` and no syntax errors. */
  valid: boolean;
}

/** The result of parsing one TXT string as an `_mta-sts` record: not one at all (no `v=STSv1` first), or a record with problems. */
export type StsRecordParse = { ok: true; record: StsRecord } | { ok: false; reason: 'no-version' | 'bad-version' };

/** The lookup of a version-tagged TXT record (`_mta-sts`, `_smtp._tls`): one usable record, none, several, an invalid one, or a DNS failure. */
export type TxtRecordLookup<R> =
  | { status: 'found'; name: string; record: R }
  | { status: 'invalid'; name: string; record: R }
  | { status: 'multiple'; name: string; texts: string[] }
  | { status: 'none'; name: string; dns: 'nxdomain' | 'nodata' | 'records'; ignored: string[] }
  | { status: 'temperror'; name: string; dns: 'error' | 'timeout'; rcode?: string };

/** The `_mta-sts.DOMAIN` lookup (RFC 8461 §3.1): one usable record, none, several, an invalid one, or a DNS failure. */
export type StsRecordLookup = TxtRecordLookup<StsRecord>;

/** Policy modes (RFC 8461 §5): what a sender does when TLS to a listed MX fails. */
export type StsMode = 'enforce' | 'testing' | 'none';

/** What can be wrong with a policy file (RFC 8461 §3.2). */
export type StsPolicyProblemCode =
  | 'line-syntax'
  | 'missing-version'
  | 'bad-version'
  | 'missing-mode'
  | 'bad-mode'
  | 'missing-max-age'
  | 'bad-max-age'
  | 'max-age-too-large'
  | 'max-age-short'
  | 'missing-mx'
  | 'bad-mx'
  | 'duplicate-field'
  | 'unknown-field'
  | 'too-many-lines'
  | 'not-text';

/** One problem of a policy file, with its line number (1-based; 0 for the whole file). */
export interface StsPolicyProblem {
  code: StsPolicyProblemCode;
  severity: Severity;
  line: number;
  detail?: string;
}

/** One `mx:` pattern: a host name, or `*.` and a domain matching exactly one more label (RFC 8461 §4.1). */
export interface MxPattern {
  /** As written, lower-cased. */
  pattern: string;
  wildcard: boolean;
  line: number;
}

/** A parsed MTA-STS policy (RFC 8461 §3.2). Fields the file lacked or got wrong are absent; `problems` says why. */
export interface StsPolicy {
  version?: 'STSv1';
  mode?: StsMode;
  /** Seconds a sender may cache the policy (0 to 31557600). */
  maxAge?: number;
  mx: MxPattern[];
  /** Fields RFC 8461 does not define, which senders ignore. */
  extensions: Array<{ name: string; value: string; line: number }>;
  problems: StsPolicyProblem[];
  /** Whether a sender can apply it: version, mode and max_age valid, and mx patterns unless mode is none. */
  valid: boolean;
}

/** What an HTTPS policy fetch ended with, before the response is judged. Every way it can fail is named. */
export type PolicyFetchResult =
  | {
      status: 'response';
      /** The HTTP status code. */
      httpStatus: number;
      /** The Content-Type header as sent (absent when missing). */
      contentType?: string;
      /** The Location header of a redirect (never followed). */
      location?: string;
      /** The body (at most the size cap); empty for redirects and errors. */
      body: Uint8Array;
      /** Where the body came from when not HTTPS (`--policy FILE`). */
      source?: string;
    }
  | { status: 'dns'; host: string; answer: 'nxdomain' | 'nodata' | 'error' | 'timeout' }
  | { status: 'timeout'; phase: 'connect' | 'total'; ms: number }
  | { status: 'refused'; address: string; message: string }
  | { status: 'tls'; code: string; message: string }
  | { status: 'too-big'; limit: number }
  | { status: 'network'; code: string; message: string };

/** What a policy fetcher is asked for: the domain, the host `mta-sts.DOMAIN` and the URL. */
export interface PolicyFetchRequest {
  domain: string;
  host: string;
  url: string;
}

/** Fetches a policy file; the default is {@link httpsPolicyFetcher}. Never throws: every failure is a result. */
export type PolicyFetcher = (request: PolicyFetchRequest) => Promise<PolicyFetchResult>;

/** Why a fetched response is not a usable policy file (RFC 8461 §3.3). */
export type PolicyResponseProblem =
  | { code: 'redirect'; httpStatus: number; location?: string }
  | { code: 'http-status'; httpStatus: number }
  | { code: 'content-type'; contentType: string };

/** The policy part of a check: not fetched (and why), a failed fetch, or a parsed policy. */
export type StsPolicyOutcome =
  | { status: 'not-fetched'; reason: 'no-record' | 'dns-temperror' | 'no-fetcher' }
  | { status: 'fetch-failed'; url: string; fetch: Exclude<PolicyFetchResult, { status: 'response' }> }
  | { status: 'bad-response'; url: string; problem: PolicyResponseProblem }
  | { status: 'fetched'; url: string; source?: string; text: string; policy: StsPolicy };

/** One MX host and the policy pattern that covers it, if any (RFC 8461 §4.1). */
export interface MxHostMatch {
  exchange: string;
  preference: number;
  /** The first `mx:` pattern matching the host; absent when none does. */
  matchedBy?: string;
}

/** The MX side of a check: which MX hosts the policy covers. */
export type MxCoverage =
  | { status: 'checked'; implicit: boolean; hosts: MxHostMatch[]; unusedPatterns: string[] }
  | { status: 'null-mx' }
  | { status: 'no-mail'; dns: 'nxdomain' }
  | { status: 'temperror'; dns: 'error' | 'timeout'; rcode?: string }
  | { status: 'not-checked' };

/** What can be wrong with a `_smtp._tls` TLS-RPT record (RFC 8460 §3). */
export type TlsRptProblemCode =
  | 'field-syntax'
  | 'duplicate-field'
  | 'missing-rua'
  | 'empty-rua'
  | 'bad-uri'
  | 'bad-scheme'
  | 'too-many-uris'
  | 'bad-extension'
  | 'too-long';

/** One problem of a TLS-RPT record, with its offset in the record text. */
export interface TlsRptProblem {
  code: TlsRptProblemCode;
  severity: Severity;
  position: number;
  detail?: string;
}

/** One report destination of `rua=` (RFC 8460 §3): `mailto:` or `https:`. */
export interface TlsRptUri {
  uri: string;
  scheme: 'mailto' | 'https';
  /** For `mailto:`, the address. */
  address?: string;
  position: number;
}

/** A parsed TLS-RPT record: `v=TLSRPTv1; rua=...` (RFC 8460 §3). */
export interface TlsRptRecord {
  text: string;
  version: 'TLSRPTv1';
  /** The usable report URIs, in order. */
  rua: TlsRptUri[];
  extensions: TxtField[];
  problems: TlsRptProblem[];
  /** Whether reporters can use it: at least one usable URI and no syntax errors. */
  valid: boolean;
}

/** The result of parsing one TXT string as a TLS-RPT record. */
export type TlsRptRecordParse = { ok: true; record: TlsRptRecord } | { ok: false; reason: 'no-version' | 'bad-version' };

/** The `_smtp._tls.DOMAIN` lookup (RFC 8460 §3). */
export type TlsRptLookup = TxtRecordLookup<TlsRptRecord>;

/** A change that fixes a finding: a TXT record to publish, a record to delete, or the policy file to serve. */
export type MtaStsFix =
  | { kind: 'publish-txt'; name: string; value: string }
  | { kind: 'delete-txt'; name: string; value: string }
  | { kind: 'policy-file'; url: string; body: string }
  | { kind: 'https-server'; host: string };

/** Stable identifiers of findings; the text is `mtasts.finding.<id>` in the catalogues. */
export type MtaStsFindingId =
  | 'no-record'
  | 'multiple-records'
  | 'invalid-record'
  | 'record-problem'
  | 'record-dns'
  | 'policy-dns'
  | 'policy-timeout'
  | 'policy-refused'
  | 'policy-tls'
  | 'policy-too-big'
  | 'policy-network'
  | 'policy-redirect'
  | 'policy-http-status'
  | 'policy-content-type'
  | 'policy-invalid'
  | 'policy-problem'
  | 'mode-testing'
  | 'mode-none'
  | 'mx-not-covered'
  | 'mx-pattern-unused'
  | 'mx-dns'
  | 'null-mx'
  | 'no-tlsrpt'
  | 'multiple-tlsrpt'
  | 'invalid-tlsrpt'
  | 'tlsrpt-problem'
  | 'tlsrpt-dns';

/** One thing found, with what to change. `params` fill the message `mtasts.finding.<id>`. */
export interface MtaStsFinding {
  id: MtaStsFindingId;
  severity: Severity;
  params: Record<string, string | number>;
  fixes: MtaStsFix[];
}

/** One thing the check did, in order: what `--explain` prints. */
export type MtaStsStep =
  | { kind: 'lookup'; name: string; type: RrType; answer: DnsAnswer<unknown> }
  | { kind: 'fetch'; url: string; result: PolicyFetchResult['status']; httpStatus?: number; source?: string; detail?: string }
  | { kind: 'match'; exchange: string; pattern?: string };

/** The verdict: `pass` (MTA-STS in place, no errors), `fail` (errors), `none` (no MTA-STS record), `temperror` (could not check). */
export type MtaStsVerdict = 'pass' | 'fail' | 'none' | 'temperror';

/** Everything `checkMtaSts` learnt about one domain. */
export interface MtaStsCheck {
  domain: string;
  verdict: MtaStsVerdict;
  record: StsRecordLookup;
  policy: StsPolicyOutcome;
  mx: MxCoverage;
  tlsRpt: TlsRptLookup;
  /** Until when a sender may cache this policy (`now` + max_age), ISO 8601; absent without a valid policy. */
  policyExpires?: string;
  findings: MtaStsFinding[];
  trace: MtaStsStep[];
}
