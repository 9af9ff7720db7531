import { Folder, type FoldOptions } from './fold.js';
import { addressValue, cleanText, commentText, domainValue, encodeCommentText, isToken, lastAt, MAX_TEXT, tokenOrQuoted } from './quote.js';
import type {
  ArcAuthResInput,
  AuthResFieldInput,
  AuthResFormatOptions,
  AuthResInput,
  DkimAuthResInput,
  DmarcAuthResInput,
  GenericAuthResInput,
  SpfAuthResInput,
} from './types.js';

/** The field name RFC 8601 §2.2 defines. */
export const AUTHRES_FIELD = 'Authentication-Results';
/** The field name RFC 8617 §4.1.1 defines. */
export const ARC_AUTHRES_FIELD = 'ARC-Authentication-Results';

/** {@link AuthResFormatOptions} with every default filled in. */
interface Resolved {
  /** Line length, indent and one result per line, as the folder takes them. */
  fold: FoldOptions;
  utf8: boolean;
  signaturePrefixLength: number;
  dmarcPolicyProperty: NonNullable<AuthResFormatOptions['dmarcPolicyProperty']>;
  dmarcComment: boolean;
}

const MAX_VERSION = 999_999_999;
const NOT_BASE64 = /[^A-Za-z0-9+/=]/;

function resolve(options: AuthResFormatOptions): Resolved {
  const indent = options.indent ?? '\t';
  if (!/^[ \t]+$/.test(indent)) throw new TypeError('inkan: the folding indent must be spaces or tabs');
  const lineLength = options.lineLength ?? 78;
  if (!Number.isInteger(lineLength) || lineLength < 0) throw new TypeError('inkan: lineLength must be a non-negative integer');
  const signaturePrefixLength = options.signaturePrefixLength ?? 8;
  if (!Number.isInteger(signaturePrefixLength) || signaturePrefixLength < 1) throw new TypeError('inkan: signaturePrefixLength must be a positive integer');
  const groupPerLine = (options.resultPerLine ?? true) && lineLength > 0;
  return {
    fold: { lineLength, indent, groupPerLine },
    utf8: options.utf8 ?? false,
    signaturePrefixLength,
    dmarcPolicyProperty: options.dmarcPolicyProperty ?? 'policy.published-domain-policy',
    dmarcComment: options.dmarcComment ?? true,
  };
}

/** The defaults, resolved once: the pipeline formats every message with them. */
const DEFAULTS = resolve({});

/** `options` resolved; the shared defaults when none are given. */
function resolved(options: AuthResFormatOptions | undefined): Resolved {
  return options === undefined ? DEFAULTS : resolve(options);
}

/**
 * Whether `value` is a keyword: a letter or digit, then letters, digits, `-` and `_`, and `.` too when `dots`
 * (a property name). A loop rather than a regex: every result of every message passes here twice.
 */
function isKeyword(value: string, dots: boolean): boolean {
  if (value.length === 0) return false;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if ((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39)) continue;
    if (i === 0 || (c !== 0x2d && c !== 0x5f && !(dots && c === 0x2e))) return false;
  }
  return true;
}

function keyword(value: string, what: string, dots = false): string {
  if (typeof value !== 'string' || !isKeyword(value, dots)) throw new TypeError(`inkan: the A-R ${what} must be a keyword (letters, digits, "-", "_"), got ${JSON.stringify(value)}`);
  return value.toLowerCase();
}

function version(value: number | undefined, what: string): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isInteger(value) || value < 0 || value > MAX_VERSION) throw new TypeError(`inkan: the ${what} version must be a non-negative integer`);
  return value;
}

/** Whether a character code is of the base64 alphabet (RFC 4648) or `=`. */
function isBase64Char(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || c === 0x2b || c === 0x2f || c === 0x3d;
}

/** The first `n` base64 characters of `signature` (RFC 4648 alphabet and `=`), folding whitespace and anything else skipped. */
function base64Prefix(signature: string, n: number): string {
  // The usual b= is clean where the prefix is taken: one slice, not a string grown character by character.
  const end = Math.min(n, signature.length);
  let clean = 0;
  while (clean < end && isBase64Char(signature.charCodeAt(clean))) clean++;
  if (clean === end) return signature.slice(0, end);
  let out = '';
  for (let i = 0; i < signature.length && out.length < n; i++) {
    if (isBase64Char(signature.charCodeAt(i))) out += signature[i];
  }
  return out;
}

/** How many base64 characters `a` and `b` share from the start, anything else skipped; -1 when they are the same base64 text. */
function commonBase64(a: string, b: string): number {
  let i = 0;
  let j = 0;
  let n = 0;
  for (;;) {
    while (i < a.length && !isBase64Char(a.charCodeAt(i))) i++;
    while (j < b.length && !isBase64Char(b.charCodeAt(j))) j++;
    if (i === a.length || j === b.length) return i === a.length && j === b.length ? -1 : n;
    if (a.charCodeAt(i) !== b.charCodeAt(j)) return n;
    i++;
    j++;
    n++;
  }
}

/** Signatures of one field compared pair by pair up to this many; beyond, sorted (a field has one or two). */
const PAIRWISE = 8;

/** The `header.b` prefix of each signature (RFC 6008 §4): at least `min` characters, and enough to differ from every other signature of the field. */
export function signaturePrefixes(signatures: readonly string[], min: number): string[] {
  // One signature differs from nothing: its first `min` base64 characters (the common case: no copy of the whole b=, no sort, no maps).
  if (signatures.length === 1) return [base64Prefix(signatures[0]!, Math.min(Math.max(min, 1), 200))];
  if (signatures.length > PAIRWISE) return sortedPrefixes(signatures, min);
  // A few: each needs one character more than it shares with the closest other (identical ones cannot differ),
  // found without cleaning copies of the whole b= values: they usually differ within the first characters.
  return signatures.map((sig, i) => {
    let shared = 0;
    for (let j = 0; j < signatures.length; j++) if (j !== i) shared = Math.max(shared, commonBase64(sig, signatures[j]!));
    return base64Prefix(sig, Math.min(Math.max(min, shared + 1), 200));
  });
}

/** {@link signaturePrefixes} for many signatures: cleaned, sorted, each compared with its neighbours. */
function sortedPrefixes(signatures: readonly string[], min: number): string[] {
  const clean = signatures.map((s) => (NOT_BASE64.test(s) ? s.replace(/[^A-Za-z0-9+/=]/g, '') : s));
  const sorted = [...new Set(clean)].sort();
  const needed = new Map<string, number>();
  const common = (a: string, b: string): number => {
    let i = 0;
    while (i < a.length && i < b.length && a.charCodeAt(i) === b.charCodeAt(i)) i++;
    return i;
  };
  sorted.forEach((sig, i) => {
    const before = i > 0 ? common(sig, sorted[i - 1]!) : 0;
    const after = i + 1 < sorted.length ? common(sig, sorted[i + 1]!) : 0;
    needed.set(sig, Math.min(sig.length, Math.max(min, before + 1, after + 1)));
  });
  return clean.map((sig) => sig.slice(0, Math.min(needed.get(sig) ?? min, 200)));
}

/** The comments the caller gave, cleaned (and 7-bit unless `utf8`), as units. */
function writeComments(folder: Folder, comment: string | readonly string[] | undefined, utf8: boolean): void {
  if (comment === undefined) return;
  const list = typeof comment === 'string' ? [comment] : comment;
  for (const c of list) {
    const clean = cleanText(String(c), true);
    const text = utf8 ? clean : encodeCommentText(clean);
    if (text !== '') folder.unit(commentText(text), true);
  }
}

/** `key=value` as one unit, where `value` is a token or a quoted-string (only the latter may hold spaces). */
function property(folder: Folder, key: string, value: string): void {
  folder.unit(`${key}=${value}`, value.charCodeAt(0) === 0x22);
}

/** {@link property}, or nothing when the value encodes to empty (the property is then left out). */
function push(folder: Folder, key: string, encoded: string): void {
  if (encoded !== '') property(folder, key, encoded);
}

/** A typed property's text as a token or quoted-string; nothing when it cleans to empty (the property is then left out). */
function word(value: string, utf8: boolean): string {
  if (typeof value === 'string' && value.length <= MAX_TEXT && isToken(value)) return value; // clean already, and a token
  const clean = cleanText(String(value), utf8);
  return clean === '' ? '' : tokenOrQuoted(clean);
}

type KnownInput = SpfAuthResInput | DkimAuthResInput | DmarcAuthResInput | ArcAuthResInput;

/** Whether the input is one of the typed methods (a generic input with explicit `properties` is written as given). */
function isKnown(input: AuthResInput): input is KnownInput {
  const m = input.method;
  return (m === 'spf' || m === 'dkim' || m === 'dmarc' || m === 'arc') && !('properties' in input);
}

/** The `(p=... sp=... dis=...)` comment of a DMARC result, cleaned. */
function dmarcComment(input: DmarcAuthResInput): string {
  let text = `p=${input.policy}`;
  if (input.subdomainPolicy !== undefined) text += ` sp=${input.subdomainPolicy}`;
  if (input.appliedDisposition !== undefined) text += ` dis=${input.appliedDisposition}`;
  return cleanText(text, false);
}

/** A DMARC policy word as a property value; nothing when absent. */
function policyWord(value: string | undefined): string {
  return value === undefined ? '' : word(value, false);
}

/**
 * What each method writes (RFC 8601 §2.7, RFC 7489 §11.2, RFC 9989, RFC 8617 §4.4): the result, comments, reason
 * and properties, in that order, straight into the folder (no per-call lists or closures: this runs per result per message).
 */
function writeResult(folder: Folder, input: AuthResInput, known: boolean, prefix: string | undefined, o: Resolved): void {
  const method = keyword(input.method, 'method');
  const result = keyword(input.result, 'result');
  const u = o.utf8;
  const typed = known ? (input as KnownInput) : undefined;
  const v = typed ? undefined : version((input as GenericAuthResInput).version, 'method');
  folder.unit(v === undefined ? `${method}=${result}` : `${method}/${v}=${result}`, false);
  if (typed?.method === 'dmarc' && o.dmarcComment && typed.policy !== undefined) folder.unit(commentText(dmarcComment(typed)), true);
  writeComments(folder, input.comment, u);
  if (input.reason !== undefined) property(folder, 'reason', tokenOrQuoted(cleanText(String(input.reason), u)));
  if (typed === undefined) {
    for (const p of (input as GenericAuthResInput).properties ?? []) {
      // An empty value is written as "" here: the caller asked for this property.
      property(folder, `${keyword(p.ptype, 'ptype')}.${keyword(p.property, 'property', true)}`, tokenOrQuoted(cleanText(String(p.value), u)));
    }
    return;
  }
  switch (typed.method) {
    case 'spf':
      if (typed.mailFrom !== undefined) push(folder, 'smtp.mailfrom', addressValue(typed.mailFrom, u));
      if (typed.helo !== undefined) push(folder, 'smtp.helo', domainValue(typed.helo, u));
      break;
    case 'dkim':
      if (typed.domain !== undefined) push(folder, 'header.d', domainValue(typed.domain, u));
      if (typed.identity !== undefined) push(folder, 'header.i', addressValue(typed.identity, u));
      if (typed.selector !== undefined) push(folder, 'header.s', word(typed.selector, u));
      if (typed.algorithm !== undefined) push(folder, 'header.a', word(typed.algorithm, u));
      if (prefix !== undefined && prefix !== '') push(folder, 'header.b', tokenOrQuoted(prefix));
      break;
    case 'dmarc': {
      const from = typed.headerFrom;
      const at = from === undefined ? -1 : lastAt(from);
      const fromDomain = from === undefined ? '' : at < 0 ? from : from.slice(at + 1);
      if (from !== undefined) push(folder, 'header.from', at >= 0 ? addressValue(from, u) : domainValue(from, u));
      push(folder, o.dmarcPolicyProperty, policyWord(typed.policy));
      push(folder, 'policy.published-subdomain-policy', policyWord(typed.subdomainPolicy));
      // The usual policy domain is the From domain itself: the same text needs no second encoding to compare.
      if (typed.policyDomain !== undefined && typed.policyDomain !== fromDomain) {
        const domain = domainValue(typed.policyDomain, u);
        if (domain !== (from === undefined ? '' : domainValue(fromDomain, u))) push(folder, 'polrec.domain', domain);
      }
      push(folder, 'policy.applied-disposition', policyWord(typed.appliedDisposition));
      push(folder, 'policy.evaluated-disposition', policyWord(typed.evaluatedDisposition));
      break;
    }
    case 'arc':
      if (typed.remoteIp !== undefined) push(folder, 'smtp.remote-ip', word(typed.remoteIp, false));
      if (typed.oldestPass !== undefined) push(folder, 'header.oldest-pass', String(version(typed.oldestPass, 'oldest-pass')));
      break;
  }
}

/** A whole field value into `folder`: ARC instance when given, authserv-id, version, then one group per result, `;` between. */
function writeValue(folder: Folder, input: AuthResFieldInput, o: Resolved, instance: number | undefined): string {
  if (input === null || typeof input !== 'object') throw new TypeError('inkan: formatAuthResults takes an object');
  if (typeof input.authservId !== 'string') throw new TypeError('inkan: authservId must be a string');
  const id = cleanText(input.authservId, o.utf8);
  if (id === '') throw new TypeError('inkan: authservId must not be empty');
  // The first group is written whole: a quoted authserv-id never breaks.
  if (instance !== undefined) folder.unit(`i=${instance};`, false);
  const v = version(input.version, 'authres');
  if (v === undefined) folder.unit(`${tokenOrQuoted(id)};`, false);
  else {
    folder.unit(tokenOrQuoted(id), false);
    folder.unit(`${v};`, false);
  }
  const results = input.results ?? [];
  if (results.length === 0) folder.unit('none', false);
  // Each result's kind, asked once; and the DKIM signatures, whose prefixes depend on one another.
  const known: boolean[] = [];
  let signatures: string[] | undefined;
  for (const r of results) {
    if (r === null || typeof r !== 'object') throw new TypeError('inkan: each A-R result must be an object');
    const typed = isKnown(r);
    known.push(typed);
    if (typed && r.method === 'dkim') (signatures ??= []).push(typeof r.signature === 'string' ? r.signature : '');
  }
  const prefixes = signatures === undefined ? undefined : signaturePrefixes(signatures, o.signaturePrefixLength);
  let nextPrefix = 0;
  for (let i = 0; i < results.length; i++) {
    const r = results[i]!;
    folder.group();
    writeResult(folder, r, known[i]!, known[i] && r.method === 'dkim' ? prefixes![nextPrefix++] : undefined, o);
    if (i < results.length - 1) folder.semicolon();
  }
  return folder.end();
}

/**
 * The value of an `Authentication-Results` field (RFC 8601 §2.2), folded as if it follows `Authentication-Results: `,
 * without the final CRLF. Every piece of input text is cleaned of controls and quoted as RFC 2045 requires; method,
 * result, ptype and property names must be keywords (a `TypeError` otherwise: they come from code, not from mail).
 */
export function formatAuthResults(input: AuthResFieldInput, options?: AuthResFormatOptions): string {
  const o = resolved(options);
  return writeValue(new Folder(AUTHRES_FIELD.length + 2, o.fold), input, o, undefined);
}

/** The whole `Authentication-Results: ...` field, folded, without the final CRLF. */
export function authResultsField(input: AuthResFieldInput, options?: AuthResFormatOptions): string {
  return `${AUTHRES_FIELD}: ${formatAuthResults(input, options)}`;
}

function arcInstance(instance: number): number {
  if (!Number.isInteger(instance) || instance < 1 || instance > 50) throw new TypeError('inkan: the ARC instance must be an integer from 1 to 50 (RFC 8617 §4.2.1)');
  return instance;
}

/** The value of an `ARC-Authentication-Results` field (RFC 8617 §4.1.1): `i=N; ` and then what {@link formatAuthResults} writes. */
export function formatArcAuthResults(instance: number, input: AuthResFieldInput, options?: AuthResFormatOptions): string {
  const o = resolved(options);
  return writeValue(new Folder(ARC_AUTHRES_FIELD.length + 2, o.fold), input, o, arcInstance(instance));
}

/** The whole `ARC-Authentication-Results: i=N; ...` field, folded, without the final CRLF. */
export function arcAuthResultsField(instance: number, input: AuthResFieldInput, options?: AuthResFormatOptions): string {
  return `${ARC_AUTHRES_FIELD}: ${formatArcAuthResults(instance, input, options)}`;
}
