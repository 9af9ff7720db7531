import { fold, type Unit } from './fold.js';
import { addressValue, cleanText, commentText, domainValue, encodeCommentText, tokenOrQuoted } from './quote.js';
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
  lineLength: number;
  indent: string;
  resultPerLine: boolean;
  utf8: boolean;
  signaturePrefixLength: number;
  dmarcPolicyProperty: NonNullable<AuthResFormatOptions['dmarcPolicyProperty']>;
  dmarcComment: boolean;
}

const KEYWORD = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;
const PROPERTY = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
const MAX_VERSION = 999_999_999;
const NOT_BASE64 = /[^A-Za-z0-9+/=]/;

function resolve(options: AuthResFormatOptions): Resolved {
  const indent = options.indent ?? '\t';
  if (!/^[ \t]+$/.test(indent)) throw new TypeError('inkan: the folding indent must be spaces or tabs');
  const lineLength = options.lineLength ?? 78;
  if (!Number.isInteger(lineLength) || lineLength < 0) throw new TypeError('inkan: lineLength must be a non-negative integer');
  const signaturePrefixLength = options.signaturePrefixLength ?? 8;
  if (!Number.isInteger(signaturePrefixLength) || signaturePrefixLength < 1) throw new TypeError('inkan: signaturePrefixLength must be a positive integer');
  return {
    lineLength,
    indent,
    resultPerLine: options.resultPerLine ?? true,
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

function keyword(value: string, what: string, pattern = KEYWORD): string {
  if (typeof value !== 'string' || !pattern.test(value)) throw new TypeError(`inkan: the A-R ${what} must be a keyword (letters, digits, "-", "_"), got ${JSON.stringify(value)}`);
  return value.toLowerCase();
}

function version(value: number | undefined, what: string): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isInteger(value) || value < 0 || value > MAX_VERSION) throw new TypeError(`inkan: the ${what} version must be a non-negative integer`);
  return value;
}

/** The first `n` base64 characters of `signature` (RFC 4648 alphabet and `=`), folding whitespace and anything else skipped. */
function base64Prefix(signature: string, n: number): string {
  let out = '';
  for (let i = 0; i < signature.length && out.length < n; i++) {
    const c = signature.charCodeAt(i);
    const base64 = (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || c === 0x2b || c === 0x2f || c === 0x3d;
    if (base64) out += signature[i];
  }
  return out;
}

/** The `header.b` prefix of each signature (RFC 6008 §4): at least `min` characters, and enough to differ from every other signature of the field. */
export function signaturePrefixes(signatures: readonly string[], min: number): string[] {
  // One signature differs from nothing: its first `min` base64 characters (the common case: no copy of the whole b=, no sort, no maps).
  if (signatures.length === 1) return [base64Prefix(signatures[0]!, Math.min(Math.max(min, 1), 200))];
  // A verified signature's b= is usually clean already: a test scans without building a copy.
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

/** The reason (cleaned) and the comments (cleaned, 7-bit unless `utf8`) the caller gave. */
function notes(input: AuthResInput, utf8: boolean, comments: string[]): string | undefined {
  const list = input.comment === undefined ? [] : typeof input.comment === 'string' ? [input.comment] : input.comment;
  for (const c of list) {
    const clean = cleanText(String(c), true);
    const text = utf8 ? clean : encodeCommentText(clean);
    if (text !== '') comments.push(text);
  }
  return input.reason === undefined ? undefined : cleanText(String(input.reason), utf8);
}

/** `key=value` as one unit; nothing when the value encodes to empty (the property is then left out). */
function push(props: Unit[], key: string, encoded: string): void {
  if (encoded !== '') props.push(`${key}=${encoded}`);
}

/** A typed property's text as a token or quoted-string; nothing when it cleans to empty (the property is then left out). */
function word(value: string, utf8: boolean): string {
  const clean = cleanText(String(value), utf8);
  return clean === '' ? '' : tokenOrQuoted(clean);
}

type KnownInput = SpfAuthResInput | DkimAuthResInput | DmarcAuthResInput | ArcAuthResInput;

/** Whether the input is one of the typed methods (a generic input with explicit `properties` is written as given). */
function isKnown(input: AuthResInput): input is KnownInput {
  const m = input.method;
  return (m === 'spf' || m === 'dkim' || m === 'dmarc' || m === 'arc') && !('properties' in input);
}

/** What each method writes (RFC 8601 §2.7, RFC 7489 §11.2, RFC 9989, RFC 8617 §4.4). */
function toUnits(input: AuthResInput, prefix: string | undefined, o: Resolved): Unit[] {
  if (input === null || typeof input !== 'object') throw new TypeError('inkan: each A-R result must be an object');
  const method = keyword(input.method, 'method');
  const result = keyword(input.result, 'result');
  const comments: string[] = [];
  const reason = notes(input, o.utf8, comments);
  const u = o.utf8;
  const props: Unit[] = [];
  const units = (v?: number): Unit[] => {
    const out: Unit[] = [v === undefined ? `${method}=${result}` : `${method}/${v}=${result}`];
    for (const comment of comments) out.push(commentText(comment));
    if (reason !== undefined) out.push(`reason=${tokenOrQuoted(reason)}`);
    for (const p of props) out.push(p);
    return out;
  };
  if (!isKnown(input)) {
    const generic = input as GenericAuthResInput;
    const v = version(generic.version, 'method');
    for (const p of generic.properties ?? []) {
      // An empty value is written as "" here: the caller asked for this property.
      props.push(`${keyword(p.ptype, 'ptype')}.${keyword(p.property, 'property', PROPERTY)}=${tokenOrQuoted(cleanText(String(p.value), u))}`);
    }
    return units(v);
  }
  switch (input.method) {
    case 'spf':
      if (input.mailFrom !== undefined) push(props, 'smtp.mailfrom', addressValue(input.mailFrom, u));
      if (input.helo !== undefined) push(props, 'smtp.helo', domainValue(input.helo, u));
      break;
    case 'dkim':
      if (input.domain !== undefined) push(props, 'header.d', domainValue(input.domain, u));
      if (input.identity !== undefined) push(props, 'header.i', addressValue(input.identity, u));
      if (input.selector !== undefined) push(props, 'header.s', word(input.selector, u));
      if (input.algorithm !== undefined) push(props, 'header.a', word(input.algorithm, u));
      if (prefix !== undefined && prefix !== '') push(props, 'header.b', tokenOrQuoted(prefix));
      break;
    case 'dmarc': {
      if (o.dmarcComment && input.policy !== undefined) {
        const parts = [`p=${input.policy}`];
        if (input.subdomainPolicy !== undefined) parts.push(`sp=${input.subdomainPolicy}`);
        if (input.appliedDisposition !== undefined) parts.push(`dis=${input.appliedDisposition}`);
        comments.unshift(cleanText(parts.join(' '), false));
      }
      const from = input.headerFrom;
      if (from !== undefined) push(props, 'header.from', from.includes('@') ? addressValue(from, u) : domainValue(from, u));
      const policy = (w: string | undefined): string => (w === undefined ? '' : word(w, false));
      push(props, o.dmarcPolicyProperty, policy(input.policy));
      push(props, 'policy.published-subdomain-policy', policy(input.subdomainPolicy));
      if (input.policyDomain !== undefined) {
        const domain = domainValue(input.policyDomain, u);
        const fromDomain = from === undefined ? '' : domainValue(from.slice(from.lastIndexOf('@') + 1), u);
        if (domain !== fromDomain) push(props, 'polrec.domain', domain);
      }
      push(props, 'policy.applied-disposition', policy(input.appliedDisposition));
      push(props, 'policy.evaluated-disposition', policy(input.evaluatedDisposition));
      break;
    }
    case 'arc':
      if (input.remoteIp !== undefined) push(props, 'smtp.remote-ip', word(input.remoteIp, false));
      if (input.oldestPass !== undefined) push(props, 'header.oldest-pass', String(version(input.oldestPass, 'oldest-pass')));
      break;
  }
  return units();
}

/** The units of a whole field value, one group per result, `;` placed, ARC instance first when given. */
function valueGroups(input: AuthResFieldInput, o: Resolved, instance: number | undefined): Unit[][] {
  if (input === null || typeof input !== 'object') throw new TypeError('inkan: formatAuthResults takes an object');
  if (typeof input.authservId !== 'string') throw new TypeError('inkan: authservId must be a string');
  const id = cleanText(input.authservId, o.utf8);
  if (id === '') throw new TypeError('inkan: authservId must not be empty');
  const head: Unit[] = [];
  if (instance !== undefined) head.push(`i=${instance};`);
  head.push(tokenOrQuoted(id));
  const v = version(input.version, 'authres');
  if (v !== undefined) head.push(String(v));
  const results = input.results ?? [];
  const prefixOf = dkimPrefixes(results, o.signaturePrefixLength);
  const groups: Unit[][] = [head];
  head[head.length - 1] += ';';
  if (results.length === 0) head.push('none');
  for (let i = 0; i < results.length; i++) {
    const r = results[i]!;
    const units = toUnits(r, prefixOf?.get(r), o);
    if (i < results.length - 1) units[units.length - 1] += ';';
    groups.push(units);
  }
  return groups;
}

/** The `header.b` prefix of each typed DKIM result, or undefined when there is none (no map for the common field). */
function dkimPrefixes(results: readonly AuthResInput[], min: number): Map<AuthResInput, string> | undefined {
  const dkim = results.filter((r): r is DkimAuthResInput => r.method === 'dkim' && isKnown(r));
  if (dkim.length === 0) return undefined;
  const prefixes = signaturePrefixes(
    dkim.map((r) => (typeof r.signature === 'string' ? r.signature : '')),
    min,
  );
  return new Map(dkim.map((r, i) => [r, prefixes[i]!]));
}

/**
 * The value of an `Authentication-Results` field (RFC 8601 §2.2), folded as if it follows `Authentication-Results: `,
 * without the final CRLF. Every piece of input text is cleaned of controls and quoted as RFC 2045 requires; method,
 * result, ptype and property names must be keywords (a `TypeError` otherwise: they come from code, not from mail).
 */
export function formatAuthResults(input: AuthResFieldInput, options?: AuthResFormatOptions): string {
  const o = resolved(options);
  return fold(valueGroups(input, o, undefined), AUTHRES_FIELD.length + 2, { lineLength: o.lineLength, indent: o.indent, groupPerLine: o.resultPerLine && o.lineLength > 0 });
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
  const groups = valueGroups(input, o, arcInstance(instance));
  return fold(groups, ARC_AUTHRES_FIELD.length + 2, { lineLength: o.lineLength, indent: o.indent, groupPerLine: o.resultPerLine && o.lineLength > 0 });
}

/** The whole `ARC-Authentication-Results: i=N; ...` field, folded, without the final CRLF. */
export function arcAuthResultsField(instance: number, input: AuthResFieldInput, options?: AuthResFormatOptions): string {
  return `${ARC_AUTHRES_FIELD}: ${formatArcAuthResults(instance, input, options)}`;
}
