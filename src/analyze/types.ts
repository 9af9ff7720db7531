import type { ArcReason } from '../arc/types.js';
import type { AuthResMethodResult } from '../authres/types.js';
import type { DkimReason, DkimResult, DkimResultCode } from '../dkim/types.js';
import type { Resolver } from '../dns/types.js';
import type { DmarcPolicy, DmarcReason, DmarcResult } from '../dmarc/types.js';
import type { SpfErrorReason, SpfNoneReason, SpfResult } from '../spf/types.js';
import type { LineEnding, MessageError, MessageLimits } from '../message/types.js';

/** The analyser's answer to "is this really from who it claims?". */
export type Verdict = 'authentic' | 'suspicious' | 'spoofed' | 'cannot-tell';

/** Parameters of a catalogue message: plain data, the same in every language. */
export type Params = Record<string, string | number>;

/** One reason that decided the verdict; catalogue id `analyze.reason.<code>`. */
export interface VerdictReason {
  code:
    | 'unreadable'
    | 'no-from'
    | 'multiple-from'
    | 'dmarc-pass'
    | 'dmarc-fail'
    | 'dmarc-none'
    | 'dmarc-temperror'
    | 'no-evidence'
    | 'forged-authres'
    | 'spoof-sign'
    | 'modified-in-transit'
    | 'forwarded'
    | 'arc-explains'
    | 'dkim-aligned-pass'
    | 'unsigned-content'
    | 'key-unavailable';
  params: Params;
}

/** One mailbox as a reader sees it. */
export interface IdentityAddress {
  /** The display name, RFC 2047 decoded, when there is one. */
  name?: string;
  address: string;
  /** The domain in ASCII (A-labels), lower case. */
  domain: string;
  /** The domain in Unicode. */
  domainUnicode: string;
  /** The Organizational Domain (Public Suffix List). */
  orgDomain: string;
}

/** How an identity's domain relates to the From domain (DMARC identifier alignment, RFC 9989 §3.2.9). */
export type Alignment = 'identical' | 'same-org' | 'different';

/** An identity that may align with From: its domain, Organizational Domain and alignment. */
export interface AlignedIdentity {
  domain: string;
  orgDomain: string;
  alignment: Alignment;
}

/** Every identity of the message side by side (issue 6 §2). */
export interface Identities {
  /** The From mailboxes (normally one). */
  from: IdentityAddress[];
  /** How many From fields there are. */
  fromFields: number;
  /** The author domain DMARC uses, when there is a single one. */
  authorDomain?: string;
  sender?: IdentityAddress & { alignment: Alignment };
  replyTo: Array<IdentityAddress & { alignment: Alignment }>;
  /** The envelope sender from `Return-Path`; `null` for the null path `<>`. */
  returnPath?: (IdentityAddress & { alignment: Alignment }) | null;
  /** Each DKIM-Signature's `d=` and `s=`, top first. */
  dkim: Array<AlignedIdentity & { selector: string }>;
  /** The SPF identity: the domain a trusted server checked, else the Return-Path domain. */
  spf?: AlignedIdentity & { source: 'authres' | 'return-path' | 'received-spf' };
}

/** What kind of network an address belongs to. */
export type AddressScope = 'public' | 'private' | 'loopback' | 'link-local' | 'shared' | 'documentation';

/** One `Received` field read as a hop. */
export interface Hop {
  /** Position among the Received fields, 0 = the newest (top). */
  index: number;
  /** Index of the header field. */
  field: number;
  /** The sending host's name as given (HELO or verified name). */
  from?: string;
  helo?: string;
  reverseName?: string;
  ip?: string;
  scope?: AddressScope;
  by?: string;
  protocol?: string;
  tls: boolean;
  tlsVersion?: string;
  authenticated: boolean;
  /** Envelope recipient, when written. */
  for?: string;
  /** The time the receiving host wrote, ISO 8601 UTC. */
  time?: string;
  /** Milliseconds since the hop below it (the previous hop; for the oldest hop, since `Date`), when both times are known. */
  delayMs?: number;
  /** This hop's time is earlier than the hop before it. */
  backwards: boolean;
  /** This hop's time is later than `now`. */
  future: boolean;
  /** The field could not be parsed at all. */
  unparsed: boolean;
  /** Whether this hop was written inside the recipient's provider. */
  internal: boolean;
}

/** The Received chain (issue 6 §3), oldest hop last as in the header. */
export interface Route {
  hops: Hop[];
  /** Received fields beyond the analysed bound. */
  truncated: number;
  /** The `Date` field's time, ISO 8601 UTC, the start of the journey. */
  date?: string;
  /** From `Date` (or the oldest hop) to the newest hop. */
  totalMs?: number;
  /** Index in `hops` of the hop where the message entered the recipient's provider. */
  boundary?: number;
  /** How the boundary was found. */
  boundaryBy?: 'trusted-authserv-id' | 'first-public-address';
  /** The connecting IP at the boundary: the one SPF is evaluated for. */
  boundaryIp?: string;
  /** The HELO name at the boundary. */
  boundaryHelo?: string;
  /** Hops whose times go backwards. */
  backwards: number[];
}

/** Whether a recorded claim can be believed. */
export type Trust = 'trusted' | 'untrusted' | 'misplaced';

/** One `Authentication-Results` field (issue 6 §4). */
export interface RecordedAuthResults {
  /** Index of the header field. */
  field: number;
  authservId: string;
  /** `trusted`: from a listed authserv-id above the boundary; `misplaced`: a listed id below the boundary (forged); `untrusted`: a claim. */
  trust: Trust;
  results: Array<Pick<AuthResMethodResult, 'method' | 'result' | 'reason'> & { properties: Record<string, string> }>;
  /** Parser problems (counted). */
  problems: number;
}

/** One ARC set as written (RFC 8617), not verified. */
export interface RecordedArcSet {
  instance: number;
  /** The sealer's domain and `cv=`. */
  sealer?: string;
  cv?: string;
  /** The AMS signer's domain. */
  signer?: string;
  /** The ARC-Authentication-Results authserv-id and results. */
  authservId?: string;
  results: Array<{ method: string; result: string; properties: Record<string, string> }>;
  /** Whether the sealer's domain is trusted (its authserv-id or domain was given). */
  trusted: boolean;
  /** Missing members of the set. */
  missing: Array<'seal' | 'message-signature' | 'authentication-results'>;
}

/** Authentication as the servers on the way recorded it. */
export interface Recorded {
  authResults: RecordedAuthResults[];
  arc: RecordedArcSet[];
  /** The ARC instances are 1..n without gaps and every set is complete. */
  arcWellFormed: boolean;
  /** The conclusion of the topmost trusted Authentication-Results, when there is one. */
  trusted?: { spf?: string; dkim: Array<{ result: string; domain?: string }>; dmarc?: string; arc?: string; field: number };
}

/** The checks done again now (issue 6 §5). */
export interface Reverification {
  /** Always true: keys and records may have changed since the message was sent. */
  keysMayHaveRotated: true;
  /** The time DKIM `x=`/`t=` were judged at (arrival when known), ISO. */
  at: string;
  dkim: Array<{ domain?: string; selector?: string; result: DkimResultCode; reason?: DkimReason; testing: boolean }>;
  spf?: { result: string; domain: string; ip: string; helo?: string; reason?: SpfNoneReason | SpfErrorReason };
  /** Why SPF was not evaluated. */
  spfSkipped?: 'no-boundary-ip' | 'no-envelope';
  dmarc: { result: string; domain?: string; policy?: DmarcPolicy; reason: DmarcReason; aligned: string[] };
  /** The ARC chain (RFC 8617 §5.2), when the message has ARC fields. */
  arc?: { result: 'none' | 'pass' | 'fail' | 'temperror'; instance?: number; oldestPass?: number; reason?: ArcReason };
  /** DNS questions asked. */
  dnsQuestions: number;
  /** With `trace`: the full results and every step (records, keys, hashes, DNS answers) for `--explain`. */
  details?: { dkim: DkimResult[]; spf?: SpfResult; dmarc: DmarcResult };
}

/** How bad a spoofing sign is. */
export type Severity = 'high' | 'medium' | 'info';

/** One spoofing sign (issue 6 §6); catalogue id `analyze.spoof.<code>`. */
export interface SpoofSign {
  code:
    | 'display-name-address'
    | 'display-name-brand'
    | 'lookalike-brand'
    | 'confusable-characters'
    | 'mixed-script'
    | 'punycode'
    | 'lookalike-authenticated'
    | 'reply-to-other-org'
    | 'freemail-company'
    | 'no-dmarc'
    | 'envelope-mismatch'
    | 'sender-differs';
  severity: Severity;
  params: Params;
}

/** One diagnosis of a failure (issue 6 §7); catalogue id `analyze.diagnosis.<code>`. */
export interface Diagnosis {
  code:
    | 'body-intact'
    | 'footer-appended'
    | 'line-endings-changed'
    | 'trailing-whitespace-changed'
    | 'transfer-encoding-converted'
    | 'mime-restructured'
    | 'body-modified'
    | 'unsigned-appended-content'
    | 'subject-tag'
    | 'header-added'
    | 'header-changed'
    | 'header-modified-unknown'
    | 'spf-forwarded'
    | 'arc-explains'
    | 'arc-absent';
  /** The DKIM signature concerned (`d=`, `s=`), for DKIM diagnoses. */
  signature?: { domain: string; selector: string; index: number };
  /** Whether the cause was proven (a recomputed hash matched) or only inferred from headers. */
  confirmed: boolean;
  params: Params;
}

/** One sender-requirement signal (issue 6 §8); catalogue id `analyze.signal.<code>`. */
export interface Signal {
  code: 'one-click-unsubscribe' | 'single-from' | 'message-id' | 'date';
  status: 'ok' | 'warning' | 'missing';
  /** Catalogue id suffix of the detail: `analyze.signal.<code>.<detail>`. */
  detail: string;
  params: Params;
}

/** The whole analysis: what `inkan analyze --json` prints and the web UI renders. */
export interface Analysis {
  verdict: Verdict;
  /** The two or three reasons that decided the verdict, most important first. */
  reasons: VerdictReason[];
  message: { ok: true; lineEnding: LineEnding; headerFields: number; bodyOctets: number } | { ok: false; error: MessageError };
  identities: Identities;
  route: Route;
  recorded: Recorded;
  /** Present with `reverify`. */
  reverify?: Reverification;
  spoofing: SpoofSign[];
  diagnosis: Diagnosis[];
  signals: Signal[];
}

/** A well-known brand: its names and the domains it sends from. */
export interface Brand {
  name: string;
  /** Words a display name may use for it (lower case). */
  words: string[];
  /** Its registrable domains. */
  domains: string[];
}

/** Options of {@link analyze}. */
export interface AnalyzeOptions {
  /** authserv-ids (RFC 8601 §2.5) of the recipient's own servers: only their Authentication-Results are believed. */
  trustedAuthservIds?: readonly string[];
  /** Domains whose ARC seals are believed (RFC 8617 §7.2: a receiver's own list of trusted intermediaries, such as a mailing list it knows). */
  trustedArcSealers?: readonly string[];
  /** Verify again against DNS now (needs `resolver`). */
  reverify?: boolean;
  /** Where DNS answers come from (for `reverify`). */
  resolver?: Resolver;
  /** The present time in ms since the epoch (future-dated hops; the default DKIM time). Required: the core reads no clock. */
  now: number;
  /** Header limits (defaults of src/message). */
  limits?: Partial<MessageLimits>;
  /** Extra brands to compare names and domains with. */
  brands?: readonly Brand[];
  /** Keep the checks' full results and steps in `reverify.details` (for `--explain`). */
  trace?: boolean;
  /** Per-check DNS deadline in ms for `reverify`. */
  timeout?: number;
}
