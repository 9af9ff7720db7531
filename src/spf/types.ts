import type { DnsAnswer, Resolver, RrType } from '../dns/types.js';

/** Directive qualifier (RFC 7208 §4.6.2). */
export type Qualifier = '+' | '-' | '~' | '?';

/** Macro letters (RFC 7208 §7.2). `c`, `r` and `t` are allowed only in `exp` text. */
export type MacroLetter = 's' | 'l' | 'o' | 'd' | 'i' | 'p' | 'h' | 'c' | 'r' | 't' | 'v';

/** One piece of a macro-string (RFC 7208 §7.1). */
export type MacroPart =
  | { kind: 'literal'; text: string }
  | {
      kind: 'macro';
      letter: MacroLetter;
      /** The letter was upper case: URL-escape the expansion (§7.3). */
      urlEscape: boolean;
      /** Keep this many right-hand parts (the transformer digits); undefined keeps all. */
      digits?: number;
      /** The `r` transformer: reverse the parts. */
      reverse: boolean;
      /** Delimiters to split on; empty means ".". */
      delimiters: string;
    };

/** A macro-string with its source text. */
export interface MacroString {
  text: string;
  parts: MacroPart[];
  /** True when the string contains at least one `%{...}` expansion. */
  hasMacros: boolean;
}

/** A mechanism (RFC 7208 §5). CIDR lengths are filled with their defaults (32 and 128). */
export type Mechanism =
  | { kind: 'all' }
  | { kind: 'include'; domain: MacroString }
  | { kind: 'exists'; domain: MacroString }
  | { kind: 'a' | 'mx'; domain?: MacroString; cidr4: number; cidr6: number }
  | { kind: 'ptr'; domain?: MacroString }
  | { kind: 'ip4'; network: Uint8Array; prefix: number }
  | { kind: 'ip6'; network: Uint8Array; prefix: number };

/** Kind of mechanism. */
export type MechanismKind = Mechanism['kind'];

/** A qualifier with a mechanism, in record order. */
export interface Directive {
  type: 'directive';
  qualifier: Qualifier;
  /** Whether the qualifier was written (`+a`) or implied (`a`). */
  explicitQualifier: boolean;
  mechanism: Mechanism;
  /** The term exactly as written. */
  text: string;
  /** Offset of the term in the record text. */
  position: number;
}

/** A `name=value` modifier (RFC 7208 §6); unknown names are kept for lint. */
export interface Modifier {
  type: 'modifier';
  name: string;
  value: MacroString;
  text: string;
  position: number;
}

/** A term of the record. */
export type Term = Directive | Modifier;

/** A parsed SPF record. */
export interface SpfRecord {
  /** The record text as published. */
  text: string;
  terms: Term[];
  directives: Directive[];
  redirect?: Modifier;
  exp?: Modifier;
  /** Modifiers other than redirect and exp: ignored by evaluation (§6), reported by lint. */
  unknownModifiers: Modifier[];
}

/** Why a record does not parse. */
export type SpfSyntaxCode =
  | 'not-spf'
  | 'non-ascii'
  | 'control-char'
  | 'unknown-mechanism'
  | 'missing-argument'
  | 'unexpected-argument'
  | 'bad-cidr'
  | 'bad-ip4'
  | 'bad-ip6'
  | 'bad-domain-spec'
  | 'bad-macro'
  | 'exp-only-macro'
  | 'duplicate-modifier'
  | 'bad-modifier-name';

/** A syntax error, with the offset in the record and the term it was found in. */
export interface SpfSyntaxError {
  code: SpfSyntaxCode;
  /** Offset (0-based, in characters) of the offending character. */
  position: number;
  /** The term in which it happened, if any. */
  term?: string;
  /** Extra detail (the bad token, the bad letter, ...). */
  detail?: string;
}

/** What `parseSpf` returns. */
export type SpfParseResult = { ok: true; record: SpfRecord } | { ok: false; error: SpfSyntaxError };

/** The SPF result words (RFC 7208 §2.6). */
export type SpfResultCode = 'none' | 'neutral' | 'pass' | 'fail' | 'softfail' | 'temperror' | 'permerror';

/** Which identity was checked (RFC 7208 §2.3, §2.4). */
export type SpfIdentity = 'mailfrom' | 'helo';

/** One thing the evaluator did, in order: what `--explain` prints. */
export type Step =
  | { kind: 'lookup'; name: string; type: RrType; answer: DnsAnswer<unknown>; lookupsSoFar: number; voidSoFar: number; depth: number }
  | { kind: 'record'; domain: string; text: string; depth: number }
  | { kind: 'term'; domain: string; term: string; matched: boolean; depth: number; detail?: string }
  | { kind: 'include'; domain: string; target: string; result: SpfResultCode; depth: number }
  | { kind: 'redirect'; domain: string; target: string; depth: number }
  | { kind: 'limit'; which: 'dns' | 'void' | 'mx-names' | 'ptr-names'; count: number; depth: number }
  | { kind: 'error'; domain: string; reason: string; depth: number };

/** The directive that decided a result: the record it is in and the term as written. */
export interface SpfMatch {
  /** Domain whose record holds the directive (after any redirect). */
  domain: string;
  mechanism: MechanismKind;
  qualifier: Qualifier;
  /** The term exactly as written, e.g. `-include:_spf.example.com`. */
  term: string;
}

/** Why check_host() returned `none` (RFC 7208 §4.3, §4.5). */
export type SpfNoneReason =
  | { code: 'invalid-domain'; domain: string }
  | { code: 'nxdomain'; domain: string }
  | { code: 'no-record'; domain: string };

/** Why check_host() returned `permerror` or `temperror`: a code with its parameters, rendered by the catalogue. */
export type SpfErrorReason =
  | { code: 'syntax'; domain: string; record: string; error: SpfSyntaxError }
  | { code: 'multiple-records'; domain: string; count: number }
  | { code: 'too-many-lookups'; domain: string; term: string; limit: number }
  | { code: 'too-many-void-lookups'; domain: string; term: string; limit: number }
  | { code: 'too-many-mx'; domain: string; target: string; count: number; limit: number }
  | { code: 'include-none'; domain: string; target: string }
  | { code: 'redirect-none'; domain: string; target: string }
  | { code: 'dns-timeout'; name: string; type: RrType }
  | { code: 'dns-error'; name: string; type: RrType; rcode: string }
  | { code: 'deadline'; timeout?: number };

/** Reason codes of `none`, `permerror` and `temperror`. */
export type SpfReasonCode = SpfNoneReason['code'] | SpfErrorReason['code'];

/** What every SPF result carries besides its verdict. */
export interface SpfResultBase {
  /** The domain check_host() started from: the MAIL FROM domain or the HELO name. */
  domain: string;
  identity: SpfIdentity;
  /** The client IP in canonical text (an IPv4-mapped IPv6 address is shown as IPv4). */
  ip: string;
  /** `<sender>` as used by the macros: local-part@domain, with "postmaster" filled in. */
  sender: string;
  /** The HELO/EHLO name, when known. */
  helo?: string;
  /** DNS-querying terms evaluated (RFC 7208 §4.6.4: at most 10). */
  lookups: number;
  /** Lookups that answered NXDOMAIN or no records (RFC 7208 §4.6.4: at most 2). */
  voidLookups: number;
  /** Every DNS query issued, including MX/PTR address lookups, %{p} and exp= (not limited by the RFC). */
  queries: number;
  /** What the evaluator did, in order (empty when tracing is off). */
  trace: Step[];
}

/** Outcome of one SPF check (RFC 7208 §2.6). Switch on `result` to see which fields exist. */
export type SpfResult =
  | (SpfResultBase & {
      result: 'pass' | 'fail' | 'softfail' | 'neutral';
      /** The directive that matched; absent when nothing matched (the default `neutral`, §4.7). */
      matched?: SpfMatch;
      /** Explanation string for a `fail` (RFC 7208 §6.2), or the default explanation. */
      explanation?: string;
    })
  | (SpfResultBase & { result: 'none'; reason: SpfNoneReason })
  | (SpfResultBase & { result: 'permerror' | 'temperror'; reason: SpfErrorReason });

/** How an SPF check may use DNS and time. */
export interface SpfOptions {
  resolver: Resolver;
  /** DNS-querying terms allowed (RFC 7208 §4.6.4). Default 10. */
  maxLookups?: number;
  /** Void lookups allowed (RFC 7208 §4.6.4). Default 2; `Infinity` turns the check off. */
  maxVoidLookups?: number;
  /** Names looked at per `mx` or `ptr` term, and per %{p} (RFC 7208 §4.6.4). Default 10. */
  maxNamesPerLookup?: number;
  /** Overall deadline for the whole check in milliseconds; exceeding it is `temperror` (RFC 7208 §4.6.4 asks for at least 20 s). */
  timeout?: number;
  /** Abandon the check when this aborts (result `temperror`, reason `deadline`). */
  signal?: AbortSignal;
  /** Fetch the `exp=` explanation on `fail` (RFC 7208 §6.2). Default true. */
  explanation?: boolean;
  /** Explanation to use when a `fail` has no usable `exp=`; a macro-string. Default: none. */
  defaultExplanation?: string;
  /** Record the trace. Default true; turn off on hot paths that never print it. */
  trace?: boolean;
}

/** The connection facts `checkSpf` needs. */
export interface SpfInput {
  /** Client IP address (IPv4, IPv6 or IPv4-mapped IPv6). */
  ip: string;
  /** MAIL FROM address; empty or `<>` for the null reverse-path (then postmaster@helo is checked). */
  mailFrom?: string;
  /** HELO/EHLO name. */
  helo?: string;
  /** Which identity to check. Default `mailfrom`. */
  identity?: SpfIdentity;
  /** Name of the receiving host, for %{r}. Default "unknown". */
  receiver?: string;
  /** Current time for %{t}: a Date or milliseconds since the epoch. Default: the clock. */
  now?: Date | number;
}

/** The facts `checkHost` takes besides <ip>, <domain> and <sender>. */
export interface CheckHostFacts {
  helo?: string;
  receiver?: string;
  now?: Date | number;
  /** Reported in the result. Default `mailfrom`. */
  identity?: SpfIdentity;
}
