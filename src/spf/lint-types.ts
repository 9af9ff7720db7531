import type { DnsStatus, Resolver } from '../dns/types.js';
import type { SpfRecord, SpfSyntaxCode } from './types.js';

/** How serious a finding is: `error` breaks SPF at receivers, `warning` weakens it, `info` is worth knowing. */
export type SpfLintSeverity = 'error' | 'warning' | 'info';

/** Why a domain has no usable SPF record. */
export type SpfNoRecordReason = 'nxdomain' | 'no-txt' | 'no-spf' | 'lookalike';

/** How a node of the include tree was reached. */
export type SpfLintVia = 'root' | 'include' | 'redirect';

/** The parameters of each finding, by id: the catalogue's sentences take exactly these. */
export interface SpfLintParams {
  'spf.record.none': { domain: string; reason: SpfNoRecordReason };
  'spf.record.multiple': { domain: string; count: number };
  'spf.record.syntax': { domain: string; code: SpfSyntaxCode; position: number; term?: string; detail?: string };
  'spf.record.lookalike': { domain: string; text: string; corrected: string };
  'spf.record.sender-id': { domain: string; text: string };
  'spf.record.too-long': { domain: string; bytes: number; limit: number };
  'spf.string.too-long': { domain: string; index: number; bytes: number; limit: number };
  'spf.string.missing-space': { domain: string; index: number; before: string; after: string };
  'spf.rr-spf.obsolete': { domain: string };
  'spf.rr-spf.differs': { domain: string; spf: string; txt: string };
  'spf.lookups.too-many': { domain: string; count: number; limit: number; branches: string };
  'spf.lookups.near-limit': { domain: string; count: number; limit: number };
  'spf.mx.too-many-names': { domain: string; term: string; count: number; limit: number };
  'spf.void.too-many': { domain: string; count: number; limit: number };
  'spf.void.lookup': { domain: string; term: string; name: string; status: 'nxdomain' | 'nodata' };
  'spf.ptr.used': { domain: string; term: string };
  'spf.all.pass': { domain: string; term: string };
  'spf.all.neutral': { domain: string; term: string };
  'spf.all.missing': { domain: string };
  'spf.all.not-last': { domain: string; terms: string; count: number };
  'spf.redirect.ignored': { domain: string; term: string };
  'spf.include.self': { domain: string; term: string; via: 'include' | 'redirect' };
  'spf.include.loop': { domain: string; term: string; via: 'include' | 'redirect'; cycle: string };
  'spf.include.no-record': { domain: string; target: string; reason: SpfNoRecordReason };
  'spf.redirect.no-record': { domain: string; target: string; reason: SpfNoRecordReason };
  'spf.include.duplicate': { domain: string; target: string; count: number };
  'spf.dns.incomplete': { domain: string; name: string; type: string; status: string };
  'spf.walk.truncated': { domain: string; which: 'depth' | 'nodes'; limit: number };
  'spf.modifier.unknown': { domain: string; term: string; name: string };
  'spf.exp.present': { domain: string; term: string };
  'spf.macro.used': { domain: string; term: string };
  'spf.term.duplicate': { domain: string; term: string };
  'spf.ip.shadowed': { domain: string; term: string; by: string };
  'spf.ip.host-bits': { domain: string; term: string; network: string };
}

/** Stable identifier of a finding (`spf.lookups.too-many`, ...). */
export type SpfLintId = keyof SpfLintParams;

/** What a receiver would conclude because of a finding, when it changes the SPF result. */
export type SpfReceiverEffect = 'none' | 'permerror' | 'temperror';

/** The fixed facts of each check: its severity and what receivers do about it. */
export interface SpfLintCheck {
  severity: SpfLintSeverity;
  /** The SPF result receivers reach because of this problem (RFC 7208 §2.6), if any. */
  effect?: SpfReceiverEffect;
}

/** Every check lint can report, by id (the list the catalogue and the audit rely on). */
export const SPF_LINT_CHECKS = {
  'spf.record.none': { severity: 'error', effect: 'none' },
  'spf.record.multiple': { severity: 'error', effect: 'permerror' },
  'spf.record.syntax': { severity: 'error', effect: 'permerror' },
  'spf.record.lookalike': { severity: 'warning' },
  'spf.record.sender-id': { severity: 'info' },
  'spf.record.too-long': { severity: 'warning' },
  'spf.string.too-long': { severity: 'error' },
  'spf.string.missing-space': { severity: 'warning' },
  'spf.rr-spf.obsolete': { severity: 'info' },
  'spf.rr-spf.differs': { severity: 'warning' },
  'spf.lookups.too-many': { severity: 'error', effect: 'permerror' },
  'spf.lookups.near-limit': { severity: 'warning' },
  'spf.mx.too-many-names': { severity: 'error', effect: 'permerror' },
  'spf.void.too-many': { severity: 'error', effect: 'permerror' },
  'spf.void.lookup': { severity: 'warning' },
  'spf.ptr.used': { severity: 'warning' },
  'spf.all.pass': { severity: 'error' },
  'spf.all.neutral': { severity: 'warning' },
  'spf.all.missing': { severity: 'warning' },
  'spf.all.not-last': { severity: 'warning' },
  'spf.redirect.ignored': { severity: 'warning' },
  'spf.include.self': { severity: 'error', effect: 'permerror' },
  'spf.include.loop': { severity: 'error', effect: 'permerror' },
  'spf.include.no-record': { severity: 'error', effect: 'permerror' },
  'spf.redirect.no-record': { severity: 'error', effect: 'permerror' },
  'spf.include.duplicate': { severity: 'info' },
  'spf.dns.incomplete': { severity: 'warning', effect: 'temperror' },
  'spf.walk.truncated': { severity: 'warning' },
  'spf.modifier.unknown': { severity: 'info' },
  'spf.exp.present': { severity: 'info' },
  'spf.macro.used': { severity: 'info' },
  'spf.term.duplicate': { severity: 'info' },
  'spf.ip.shadowed': { severity: 'info' },
  'spf.ip.host-bits': { severity: 'info' },
} as const satisfies Record<SpfLintId, SpfLintCheck>;

/** Where a finding was seen: which record, which term, and the path to it through the include tree. */
export interface SpfLintEvidence {
  /** Domains from the checked domain down to the record concerned (one element for the domain itself). */
  path: string[];
  /** The domain whose DNS holds the problem. */
  domain: string;
  /** The record text concerned, as published. */
  record?: string;
  /** The term concerned, exactly as written. */
  term?: string;
  /** Offset (0-based) of `term` (or of the error) in `record`. */
  position?: number;
  /** Other records involved: all SPF records when there are several, the character-strings of one record, ... */
  records?: string[];
}

/** The change in DNS that fixes a finding; the sentence saying it is the catalogue's `<id>.fix`. */
export interface SpfLintFix {
  /** Replace `current` with `record`, publish `record` where none is, or delete `current`. */
  action: 'replace' | 'publish' | 'delete';
  /** Owner name of the DNS record. */
  name: string;
  /** Record type (`SPF` is type 99). */
  type: 'TXT' | 'SPF';
  /** The record to replace or delete, as published. */
  current?: string;
  /** The record text to publish. */
  record?: string;
  /** `record` as DNS character-strings of at most 255 bytes, when it is longer than one string may be. */
  strings?: string[];
}

/** One problem found, with its stable id, severity, sentence parameters, evidence and fix. */
export type SpfLintFinding = {
  [K in SpfLintId]: {
    id: K;
    severity: SpfLintSeverity;
    params: SpfLintParams[K];
    evidence: SpfLintEvidence;
    fix?: SpfLintFix;
  };
}[SpfLintId];

/** One DNS-querying term of a record (RFC 7208 §4.6.4) and what asking DNS for it gave. */
export interface SpfLintQuery {
  term: string;
  position: number;
  mechanism: 'include' | 'redirect' | 'a' | 'mx' | 'ptr' | 'exists';
  /** The name asked; absent when the term has macros or is `ptr` (both depend on the message). */
  name?: string;
  /** `void` is NXDOMAIN or no answer (RFC 7208 §4.6.4); `not-queried` when the name depends on the message. */
  outcome: 'records' | 'void' | 'error' | 'not-queried';
  /** For a void outcome: which kind. For an error: the status or rcode. */
  status?: string;
  /** For `mx`: how many exchange names the MX set holds. */
  mxNames?: number;
  /** For `a` and `mx`: the addresses found (used to suggest a reduced record). */
  addresses?: string[];
}

/** Why a node of the tree could not be evaluated as a whole. */
export type SpfLintNodeError =
  | { kind: 'no-record'; reason: SpfNoRecordReason }
  | { kind: 'multiple-records'; count: number }
  | { kind: 'syntax'; code: SpfSyntaxCode; position: number; term?: string; detail?: string }
  | { kind: 'loop'; cycle: string[] }
  | { kind: 'dns'; name: string; type: string; status: DnsStatus; rcode?: string }
  | { kind: 'macro' }
  | { kind: 'limit'; which: 'depth' | 'nodes' };

/** One record of the include tree: the checked domain, or a domain reached by include or redirect. */
export interface SpfLintNode {
  /** The domain (lower case); for a target with macros, the domain-spec as written. */
  domain: string;
  via: SpfLintVia;
  /** The term in the parent record that leads here. */
  term?: { text: string; position: number };
  /** 0 for the checked domain. */
  depth: number;
  /** Domains from the checked domain to this one. */
  path: string[];
  /** The SPF record text, when there is exactly one. */
  record?: string;
  /** The DNS-querying terms this record contains itself, in record order (terms after `all` excluded). */
  queries: SpfLintQuery[];
  /** DNS-querying terms in this record itself. */
  lookups: number;
  /** DNS-querying terms in this record and every record below it. */
  totalLookups: number;
  /** Void lookups caused by this record's own terms. */
  voidLookups: number;
  /** Void lookups in this record and every record below it. */
  totalVoidLookups: number;
  children: SpfLintNode[];
  errors: SpfLintNodeError[];
}

/** One TXT record at the checked domain and whether it is SPF. */
export interface SpfLintTxt {
  /** Its character-strings, as published. */
  strings: string[];
  /** The strings concatenated (RFC 7208 §3.3). */
  text: string;
  kind: 'spf' | 'lookalike' | 'sender-id' | 'other';
}

/** Everything lint learned about one domain's SPF. */
export interface SpfLintResult {
  domain: string;
  /** The TXT records seen at the domain. */
  txt: SpfLintTxt[];
  /** SPF-type (99) records seen at the domain, joined. */
  spfRr: string[];
  /** The parsed record, when there is exactly one valid one. */
  record?: SpfRecord;
  tree: SpfLintNode;
  /** Total DNS-querying terms of the whole tree, even beyond the limit of 10. */
  lookups: number;
  /** Total void lookups of the whole tree. */
  voidLookups: number;
  /** False when a DNS failure left part of the tree unknown. */
  complete: boolean;
  /** What receivers would conclude regardless of the sender: `ok` when nothing forces none/permerror/temperror. */
  receiverOutcome: 'ok' | SpfReceiverEffect;
  /** Findings, errors first, then warnings, then info, each group in tree order. */
  findings: SpfLintFinding[];
  /** The domain's record with every safe record-level fix applied, when that differs from the record. */
  suggestedRecord?: string;
}

/** Options of `lintSpf`. */
export interface SpfLintOptions {
  resolver: Resolver;
  /** Report `spf.lookups.near-limit` from this many lookups. Default 8. */
  nearLimit?: number;
  /** Deepest include/redirect level walked. Default 12. */
  maxDepth?: number;
  /** Most records walked in the tree. Default 200. */
  maxNodes?: number;
  /** Look for the obsolete SPF (type 99) record. Default true. */
  checkSpfRr?: boolean;
}
