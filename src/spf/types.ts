import type { DnsAnswer, RrType } from '../dns/types.js';

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
