import type { DnsAnswer, Resolver, RrType, TxtRecord } from '../dns/types.js';

/** Which specification the evaluator follows: RFC 9989 (DMARCbis, the default) or the older RFC 7489. */
export type DmarcMode = 'rfc9989' | 'rfc7489';

/** How Organizational Domains are found: the RFC 9989 §4.10 DNS Tree Walk, or the RFC 7489 §3.2 public suffix list. */
export type OrgDomainMethod = 'tree-walk' | 'psl';

/** A Domain Owner Assessment Policy (RFC 9989 §4.7, `dmarc-request`). */
export type DmarcPolicy = 'none' | 'quarantine' | 'reject';

/** Identifier Alignment mode (RFC 9989 §4.7 `adkim`, `aspf`): relaxed or strict. */
export type AlignmentMode = 'r' | 's';

/** The `psd` flag (RFC 9989 §4.7): a Public Suffix Domain, not one, or unknown. */
export type PsdFlag = 'y' | 'n' | 'u';

/** One failure-reporting option of `fo` (RFC 9989 §4.7). */
export type FailureOption = '0' | '1' | 'd' | 's';

/** One destination of `rua` or `ruf` (RFC 9989 §4.6, §4.8 `dmarc-uri`). */
export interface ReportUri {
  /** The URI as written, without the obsolete size suffix. */
  uri: string;
  /** Offset of the URI in the record text. */
  position: number;
  /** The scheme, lower case (`mailto`, `https`, ...). */
  scheme: string;
  /** For `mailto:`, the address (percent-decoded), else absent. */
  address?: string;
  /** For `mailto:`, the address's domain in lower case. */
  domain?: string;
  /** The obsolete `!size` suffix (RFC 7489 §6.2), which RFC 9989 §4.8 says reporters ignore. */
  maxSize?: { text: string; bytes: number };
  /** Whether inkan (and every reporter, RFC 9989 §4.7) can send to it: `mailto:` only. */
  supported: boolean;
}

/** How a tag of the record was treated. */
export type DmarcTagStatus = 'valid' | 'invalid' | 'removed' | 'unknown' | 'duplicate';

/** One `tag=value` of a record, in order, as written. */
export interface DmarcTag {
  name: string;
  value: string;
  /** Offset of the tag name in the record text. */
  position: number;
  status: DmarcTagStatus;
}

/** What can be wrong with a record that is still a DMARC record (`v=DMARC1` first). */
export type DmarcRecordProblemCode =
  | 'tag-syntax'
  | 'duplicate-tag'
  | 'invalid-value'
  | 'missing-p'
  | 'removed-tag'
  | 'unknown-tag'
  | 'bad-uri'
  | 'unsupported-uri-scheme'
  | 'obsolete-size-limit'
  | 'too-many-uris'
  | 'fo-without-ruf';

/** How serious a record problem is: `error` (the value was discarded for its default), `warning` or `info`. */
export type DmarcProblemSeverity = 'error' | 'warning' | 'info';

/** One problem of a record, with the tag and offset it concerns; rendered by the `dmarc.problem.<code>` messages. */
export interface DmarcRecordProblem {
  code: DmarcRecordProblemCode;
  severity: DmarcProblemSeverity;
  /** Offset in the record text. */
  position: number;
  tag?: string;
  /** The offending value or URI. */
  detail?: string;
}

/** A parsed DMARC Policy Record: valid values, RFC 9989 defaults for the rest, and every problem met. */
export interface DmarcRecord {
  /** The record text (character-strings joined, RFC 9989 §4.5). */
  text: string;
  /** `p`, when present and valid. Absent `p` is treated as `none` (RFC 9989 §4.7); see {@link effectivePolicy}. */
  p?: DmarcPolicy;
  sp?: DmarcPolicy;
  np?: DmarcPolicy;
  /** Policy tags present with a value that is not `none`, `quarantine` or `reject` (RFC 9989 §4.10.1). */
  invalidPolicyTags: Array<'p' | 'sp' | 'np'>;
  psd: PsdFlag;
  /** Testing mode (RFC 9989 §4.7 `t`). Default `n`. */
  t: 'y' | 'n';
  adkim: AlignmentMode;
  aspf: AlignmentMode;
  /** Failure reporting options; default `['0']`. */
  fo: FailureOption[];
  rua: ReportUri[];
  ruf: ReportUri[];
  /** RFC 7489 `pct` (0–100), removed by RFC 9989 (Appendix A.6); honoured only in `rfc7489` mode. */
  pct?: number;
  /** RFC 7489 `rf`, removed by RFC 9989. */
  rf?: string[];
  /** RFC 7489 `ri` (seconds), removed by RFC 9989. */
  ri?: number;
  tags: DmarcTag[];
  problems: DmarcRecordProblem[];
}

/** Why a TXT string is not a DMARC record at all (RFC 9989 §4.7 `v`): such records are discarded. */
export type DmarcNotRecordCode = 'no-version' | 'bad-version' | 'too-long';

/** What {@link parseDmarcRecord} returns. */
export type DmarcParseResult =
  | { ok: true; record: DmarcRecord }
  | { ok: false; error: { code: DmarcNotRecordCode; position: number; detail?: string } };

/** The policies a record asks for once RFC 9989 §4.10.1 is applied, or why it asks for none. */
export type EffectivePolicy =
  | { ok: true; p: DmarcPolicy; sp: DmarcPolicy; np: DmarcPolicy; /** Set when an invalid p/sp/np was replaced by `none` because `rua` is usable. */ replacedInvalid?: Array<'p' | 'sp' | 'np'> }
  | { ok: false; invalid: Array<'p' | 'sp' | 'np'> };

/** What the TXT query at one `_dmarc` name gave (RFC 9989 §4.10 steps 1–2). */
export type DmarcLookup =
  | { status: 'record'; record: DmarcRecord; /** TXT records that were not DMARC records and were discarded. */ discarded: number }
  | { status: 'none'; why: 'nxdomain' | 'nodata' | 'no-dmarc-record'; discarded: number }
  | { status: 'multiple'; count: number }
  | { status: 'error'; answer: DnsAnswer<TxtRecord> };

/** One query of a DNS Tree Walk: the domain, the name asked, the DNS answer and what it means. */
export interface WalkStep {
  domain: string;
  name: string;
  answer: DnsAnswer<TxtRecord>;
  lookup: DmarcLookup;
}

/** How an Organizational Domain was chosen (RFC 9989 §4.10.2, or RFC 7489 §3.2). */
export type OrgDomainRule = 'psd=n' | 'psd=y' | 'fewest-labels' | 'no-record' | 'psl' | 'psl-suffix';

/** The Organizational Domain of one domain. */
export type OrgDomainResult =
  | { ok: true; domain: string; orgDomain: string; rule: OrgDomainRule; method: OrgDomainMethod; steps: WalkStep[] }
  | { ok: false; domain: string; method: OrgDomainMethod; steps: WalkStep[]; error: DnsFailure };

/** A DNS query that did not complete: its name, type and what happened. */
export interface DnsFailure {
  name: string;
  type: RrType;
  /** `timeout`, an rcode such as `SERVFAIL`, or `deadline` when the evaluation's own time ran out. */
  what: string;
}

/** Where the applicable DMARC Policy Record was found (RFC 9989 §4.10.1). */
export type PolicySource = 'author' | 'organizational' | 'psd';

/** The DMARC Policy Record that applies to an Author Domain, and where it came from. */
export interface DiscoveredPolicy {
  /** The Author Domain (A-labels, lower case). */
  authorDomain: string;
  record: DmarcRecord;
  /** The DMARC Policy Domain: where the record was found. */
  domain: string;
  source: PolicySource;
  /** The Organizational Domain of the Author Domain, when it was needed and could be determined. */
  orgDomain?: string;
  orgDomainRule?: OrgDomainRule;
  method: OrgDomainMethod;
}

/** What policy discovery gave (RFC 9989 §4.10.1). */
export type PolicyDiscovery =
  | { status: 'found'; policy: DiscoveredPolicy; steps: WalkStep[] }
  | { status: 'none'; authorDomain: string; steps: WalkStep[] }
  | { status: 'temperror'; authorDomain: string; steps: WalkStep[]; error: DnsFailure };

/** Why an author domain cannot be had from `From` (RFC 9989 §4.4, §5.3.1). */
export type DmarcFromProblem = 'missing-from' | 'multiple-from' | 'multiple-addresses' | 'no-domain' | 'unparseable-from' | 'invalid-domain';

/** The RFC5322.From as the evaluator needs it: one Author Domain, or why there is none. */
export type DmarcFrom = { ok: true; domain: string } | { ok: false; reason: DmarcFromProblem };

/** SPF result words (RFC 7208 §2.6). */
export type DmarcSpfResultWord = 'none' | 'neutral' | 'pass' | 'fail' | 'softfail' | 'temperror' | 'permerror';

/** DKIM result words (RFC 8601 §2.7.1). */
export type DmarcDkimResultWord = 'none' | 'pass' | 'fail' | 'policy' | 'neutral' | 'temperror' | 'permerror';

/** The SPF check of the message, as DMARC needs it. */
export interface DmarcSpfInput {
  result: DmarcSpfResultWord;
  /** The domain SPF checked: the MAIL FROM domain, or the HELO name when MAIL FROM was null. */
  domain: string;
  identity: 'mailfrom' | 'helo';
  /** A short human reason, copied into the report row (`human_result`). */
  human?: string;
}

/** One DKIM signature's verification, as DMARC needs it. */
export interface DmarcDkimInput {
  result: DmarcDkimResultWord;
  /** The `d=` tag. */
  domain: string;
  /** The `s=` tag. */
  selector: string;
  /** A short human reason, copied into the report row (`human_result`). */
  human?: string;
}

/** Everything `evaluateDmarc` needs about one message: plain data, so the pipeline and the report generator can both call it. */
export interface DmarcInput {
  from: DmarcFrom;
  spf?: DmarcSpfInput;
  dkim?: DmarcDkimInput[];
  /** The connecting client's IP (for the report row's `source_ip`). */
  sourceIp?: string;
  /** The RFC5321.MailFrom address or domain; `''` or `<>` for the null reverse-path. */
  envelopeFrom?: string;
  /** The HELO/EHLO name (the report's `envelope_from` when MAIL FROM is null). */
  helo?: string;
  /** The envelope recipient domain (the report's optional `envelope_to`). */
  envelopeTo?: string;
}

/** Why a receiver deviates from the policy (RFC 9990 `PolicyOverrideType`, plus RFC 7489's `sampled_out` and `forwarded`). */
export type PolicyOverrideType = 'local_policy' | 'mailing_list' | 'trusted_forwarder' | 'policy_test_mode' | 'sampled_out' | 'forwarded' | 'other';

/** A deviation from the policy: the override type and a comment for the report. */
export interface PolicyOverride {
  type: PolicyOverrideType;
  comment?: string;
}

/** What a local-policy hook sees when DMARC fails and a policy would be applied. */
export interface OverrideFacts {
  input: DmarcInput;
  policy: DiscoveredPolicy;
  /** The policy the Domain Owner asks for, after testing mode and sampling. */
  disposition: DmarcPolicy;
}

/** A local override (a trusted forwarder list, and in issue 4 an ARC chain): the disposition to use instead and why. */
export type OverrideHook = (facts: OverrideFacts) => (PolicyOverride & { disposition: DmarcPolicy }) | undefined | Promise<(PolicyOverride & { disposition: DmarcPolicy }) | undefined>;

/** How an evaluation may use DNS and time. */
export interface DmarcOptions {
  resolver: Resolver;
  /** Default `rfc9989`. */
  mode?: DmarcMode;
  /** Default: `tree-walk` in `rfc9989` mode, `psl` in `rfc7489` mode. */
  orgDomainMethod?: OrgDomainMethod;
  /** Distinct passing DKIM signing domains checked for alignment (each may need a tree walk). Default 10. */
  maxDkimDomains?: number;
  /** DKIM results copied into the report row (RFC 9990 §3.1.3 caps this at 100). Default 100. */
  maxReportedSignatures?: number;
  /** Deadline for the whole evaluation in milliseconds; running out is `temperror`. */
  timeout?: number;
  /** Abandon the evaluation when this aborts (`temperror`). */
  signal?: AbortSignal;
  /** Record the trace. Default true. */
  trace?: boolean;
  /** Local policy: may change the disposition of a failing message (reported as a PolicyOverride). */
  override?: OverrideHook;
  /** Random numbers in [0, 1) for `pct` sampling in `rfc7489` mode. Default `Math.random`. */
  random?: () => number;
  /** RFC 7489 method: use the private section of the Public Suffix List too. Default true. */
  pslPrivateDomains?: boolean;
}

/** What DMARC says about one identifier (RFC 9989 §4.4). */
export type AlignmentStatus = 'aligned' | 'not-aligned' | 'not-authenticated' | 'helo-not-used' | 'not-evaluated' | 'temperror';

/** The alignment of one Authenticated Identifier candidate with the Author Domain. */
export interface IdentifierAlignment {
  identifier: 'spf' | 'dkim';
  /** The identifier's domain (A-labels, lower case, no trailing dot). */
  domain: string;
  selector?: string;
  /** The underlying SPF or DKIM result word. */
  result: string;
  mode: AlignmentMode;
  status: AlignmentStatus;
  /** How it aligned: the same name (strict), or the same Organizational Domain (relaxed). */
  how?: 'identical' | 'same-org-domain';
  /** The identifier's Organizational Domain, when it was determined. */
  orgDomain?: string;
  error?: DnsFailure;
}

/** The policy tag that applies to the message (RFC 9989 §4.10.1) and the facts that chose it. */
export interface AppliedPolicy {
  tag: 'p' | 'sp' | 'np';
  policy: DmarcPolicy;
  /** Whether the Author Domain exists (asked only when `np` could apply). */
  authorDomainExists?: boolean;
  /** Set when an invalid p/sp/np was replaced by `none` (RFC 9989 §4.10.1: `rua` present). */
  replacedInvalid?: Array<'p' | 'sp' | 'np'>;
}

/** Why the disposition differs from the applied policy. */
export type DispositionReason = PolicyOverride;

/** One row of an RFC 9990 aggregate report, as this evaluation would report it. */
export interface AggregateReportRow {
  sourceIp?: string;
  count: number;
  policyEvaluated: {
    /** RFC 9990 `ActionDispositionType`: `pass` when DMARC passed under an enforcing policy. */
    disposition: 'none' | 'pass' | 'quarantine' | 'reject';
    dkim: 'pass' | 'fail';
    spf: 'pass' | 'fail';
    reasons: PolicyOverride[];
  };
  identifiers: { headerFrom: string; envelopeFrom?: string; envelopeTo?: string };
  authResults: {
    dkim: Array<{ domain: string; selector: string; result: DmarcDkimResultWord; humanResult?: string }>;
    spf: Array<{ domain: string; scope: 'mfrom' | 'helo'; result: DmarcSpfResultWord; humanResult?: string }>;
  };
  /** The record as RFC 9990 `policy_published` shows it; absent when no record applied. */
  policyPublished?: {
    domain: string;
    discoveryMethod: 'psl' | 'treewalk';
    p: DmarcPolicy;
    sp: DmarcPolicy;
    np: DmarcPolicy;
    adkim: AlignmentMode;
    aspf: AlignmentMode;
    testing: 'y' | 'n';
    psd: PsdFlag;
    fo: string;
  };
}

/** One thing the evaluator did, in order: what `--explain` prints. */
export type DmarcStep =
  | { kind: 'query'; purpose: 'policy' | 'org-domain' | 'existence'; name: string; type: RrType; answer: DnsAnswer<unknown>; queriesSoFar: number }
  | { kind: 'lookup'; domain: string; lookup: DmarcLookup['status']; text?: string; count?: number }
  | { kind: 'org-domain'; domain: string; orgDomain: string; rule: OrgDomainRule }
  | { kind: 'policy'; domain: string; source: PolicySource }
  | { kind: 'alignment'; identifier: 'spf' | 'dkim'; domain: string; status: AlignmentStatus; mode: AlignmentMode; how?: 'identical' | 'same-org-domain'; result: string }
  | { kind: 'applied'; tag: 'p' | 'sp' | 'np'; policy: DmarcPolicy }
  | { kind: 'existence'; domain: string; exists: boolean | 'unknown' }
  | { kind: 'limit'; which: 'dkim-domains'; count: number; limit: number };

/** Why a result is `none`, `permerror` or `temperror`, or what decided `pass` / `fail`. */
export type DmarcReason =
  | { code: 'aligned'; by: Array<'spf' | 'dkim'> }
  | { code: 'not-aligned' }
  | { code: 'no-policy'; domain: string }
  | { code: 'no-author-domain'; problem: DmarcFromProblem }
  | { code: 'invalid-author-domain'; domain: string }
  | { code: 'invalid-policy'; domain: string; tags: Array<'p' | 'sp' | 'np'> }
  | { code: 'dns'; failure: DnsFailure };

/** The DMARC result words (RFC 9989 §9.2, RFC 8601). */
export type DmarcResultWord = 'pass' | 'fail' | 'none' | 'temperror' | 'permerror';

/** Outcome of one DMARC evaluation. Switch on `result`; everything a report row needs is in `report`. */
export interface DmarcResult {
  result: DmarcResultWord;
  reason: DmarcReason;
  mode: DmarcMode;
  /** The Author Domain (A-labels), when there is one. */
  authorDomain?: string;
  /** The policy record that applies, where it was found, and the Organizational Domain. */
  policy?: DiscoveredPolicy;
  /** The policy tag applied to a failing message (also filled on pass, for reports). */
  applied?: AppliedPolicy;
  /** What to do with the message: the applied policy, stepped down by testing mode, sampling or a local override. */
  disposition: DmarcPolicy;
  /** Why `disposition` differs from `applied.policy` (empty when it does not). */
  dispositionReasons: DispositionReason[];
  /** SPF first (when given), then every DKIM signature in input order. */
  alignment: IdentifierAlignment[];
  report: AggregateReportRow;
  /** DNS queries sent. */
  queries: number;
  trace: DmarcStep[];
}
