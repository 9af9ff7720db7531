/** The three kinds of report inkan reads. */
export type ReportKind = 'aggregate' | 'failure' | 'tlsrpt';

/** `<report_metadata>` of an aggregate report (RFC 7489 appendix C, RFC 9990 §3). */
export interface ReportMetadata {
  orgName: string;
  email?: string;
  extraContactInfo?: string;
  reportId: string;
  /** Start of the period, seconds since the epoch (UTC). */
  dateBegin: number;
  /** End of the period, seconds since the epoch (UTC). */
  dateEnd: number;
  errors: string[];
  /** RFC 9990: the software that made the report. */
  generator?: string;
}

/** `<policy_published>`: the policy the reporter found (RFC 9990 adds np, testing, discovery_method). */
export interface PolicyPublished {
  domain: string;
  adkim?: string;
  aspf?: string;
  p?: string;
  sp?: string;
  np?: string;
  pct?: string;
  fo?: string;
  testing?: string;
  discoveryMethod?: string;
}

/** One `<reason>` of a policy override. */
export interface PolicyOverrideReason {
  type: string;
  comment?: string;
}

/** One DKIM result in `<auth_results>`. */
export interface DkimAuthResult {
  domain: string;
  selector?: string;
  result: string;
  humanResult?: string;
}

/** One SPF result in `<auth_results>`. */
export interface SpfAuthResult {
  domain: string;
  scope?: string;
  result: string;
  humanResult?: string;
}

/** One `<record>`: messages from one source with the same results. Result words are lower case. */
export interface AggregateRecord {
  sourceIp: string;
  count: number;
  disposition: string;
  /** DMARC-aligned DKIM result (`policy_evaluated/dkim`). */
  dkim: string;
  /** DMARC-aligned SPF result (`policy_evaluated/spf`). */
  spf: string;
  reasons: PolicyOverrideReason[];
  headerFrom: string;
  envelopeFrom?: string;
  envelopeTo?: string;
  dkimResults: DkimAuthResult[];
  spfResults: SpfAuthResult[];
}

/** Everything of an aggregate report before its records. */
export interface AggregateHeader {
  /** `<version>`, when present (RFC 9990 reports say 1.0; drafts may omit it). */
  version?: string;
  /** The XML namespace of the root, when present. */
  namespace?: string;
  metadata: ReportMetadata;
  policy: PolicyPublished;
}

/** A whole aggregate report (what the in-memory parser returns). */
export interface AggregateReport extends AggregateHeader {
  records: AggregateRecord[];
  /** Things that were wrong but did not stop the report being stored (a bad count, an unknown word). */
  warnings: string[];
}

/** A failure report (ARF, RFC 5965 / 6591 / 9991), or a plain-text one. */
export interface FailureReport {
  /** `arf` with a message/feedback-report part; `plain` without one. */
  format: 'arf' | 'plain';
  feedbackType?: string;
  userAgent?: string;
  version?: string;
  reportedDomain?: string;
  sourceIp?: string;
  arrivalDate?: string;
  authFailure?: string;
  deliveryResult?: string;
  originalMailFrom?: string;
  originalRcptTo?: string[];
  reportingMta?: string;
  dkimDomain?: string;
  dkimSelector?: string;
  dkimIdentity?: string;
  spfDns?: string;
  authenticationResults?: string[];
  /** Who sent the report (the From domain of the report message). */
  reporter?: string;
  /** Message-ID of the report message. */
  messageId?: string;
  subject?: string;
  /** Header fields of the reported message, as text (RFC 6591 redaction stays as sent). */
  originalHeaders?: string;
  /** The reported message's From domain, when its headers are there. */
  originalFromDomain?: string;
}

/** An SMTP TLS report (RFC 8460 §4). Kept as sent, with the summary fields read out. */
export interface TlsReport {
  organizationName: string;
  reportId: string;
  contactInfo?: string;
  dateBegin: number;
  dateEnd: number;
  policies: TlsPolicyResult[];
}

/** One `policies[]` entry of a TLS report. */
export interface TlsPolicyResult {
  policyType: string;
  policyDomain: string;
  mxHost?: string[];
  successful: number;
  failed: number;
  failures: Array<{ resultType: string; sendingMtaIp?: string; receivingMxHostname?: string; count: number }>;
}
