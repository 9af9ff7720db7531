import { parseIpv4, parseIpv6 } from '../dns/ip.js';
import { EXP_ONLY_LETTERS, hasValidDomainEnd, isMacroError, parseMacroString } from './macro-parse.js';
import type {
  Directive,
  MacroString,
  Mechanism,
  Modifier,
  Qualifier,
  SpfParseResult,
  SpfRecord,
  SpfSyntaxCode,
  SpfSyntaxError,
  Term,
} from './types.js';

/** Whether a TXT record's text is an SPF record: "v=spf1" followed by a space or the end (RFC 7208 §4.5). */
export function isSpfRecord(text: string): boolean {
  return text.length >= 6 && text.slice(0, 6).toLowerCase() === 'v=spf1' && (text.length === 6 || text[6] === ' ');
}

class SyntaxFailure {
  constructor(readonly error: SpfSyntaxError) {}
}

function fail(code: SpfSyntaxCode, position: number, term?: string, detail?: string): never {
  throw new SyntaxFailure({ code, position, ...(term !== undefined ? { term } : {}), ...(detail !== undefined ? { detail } : {}) });
}

const MODIFIER_NAME = /^[A-Za-z][A-Za-z0-9\-_.]*$/;
const QUALIFIERS = '+-~?';

/** Parse an SPF record to its AST (RFC 7208 §4.6, §5, §6, §7), or say where and why it is malformed. */
export function parseSpf(text: string): SpfParseResult {
  try {
    return { ok: true, record: parseOrThrow(text) };
  } catch (e) {
    if (e instanceof SyntaxFailure) return { ok: false, error: e.error };
    throw e;
  }
}

function parseOrThrow(text: string): SpfRecord {
  if (!isSpfRecord(text)) fail('not-spf', 0, undefined, text.slice(0, 12));
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code > 0x7e) fail('non-ascii', i, undefined, text[i]);
    if (code < 0x20 || code === 0x7f) fail('control-char', i, undefined, `0x${code.toString(16).padStart(2, '0')}`);
  }
  const record: SpfRecord = { text, terms: [], directives: [], unknownModifiers: [] };
  let i = 6;
  while (i < text.length) {
    if (text[i] === ' ') {
      i++;
      continue;
    }
    let end = text.indexOf(' ', i);
    if (end === -1) end = text.length;
    const term = parseTerm(text.slice(i, end), i);
    record.terms.push(term);
    if (term.type === 'directive') record.directives.push(term);
    else addModifier(record, term);
    i = end;
  }
  return record;
}

function addModifier(record: SpfRecord, modifier: Modifier): void {
  const name = modifier.name.toLowerCase();
  if (name === 'redirect' || name === 'exp') {
    if (record[name]) fail('duplicate-modifier', modifier.position, modifier.text, name);
    record[name] = modifier;
  } else {
    record.unknownModifiers.push(modifier);
  }
}

function parseTerm(term: string, position: number): Term {
  const stop = term.search(/[:/=]/);
  if (stop !== -1 && term[stop] === '=') return parseModifier(term, position, stop);
  return parseDirective(term, position);
}

function parseModifier(term: string, position: number, eq: number): Modifier {
  const name = term.slice(0, eq);
  if (!MODIFIER_NAME.test(name)) fail('bad-modifier-name', position, term, name);
  const lower = name.toLowerCase();
  const isDomainSpec = lower === 'redirect' || lower === 'exp';
  const value = isDomainSpec ? domainSpec(term.slice(eq + 1), position + eq + 1, term) : macroString(term.slice(eq + 1), position + eq + 1, term);
  return { type: 'modifier', name, value, text: term, position };
}

function parseDirective(term: string, position: number): Directive {
  let offset = 0;
  let qualifier: Qualifier = '+';
  const first = term[0]!;
  if (QUALIFIERS.includes(first)) {
    qualifier = first as Qualifier;
    offset = 1;
  }
  const body = term.slice(offset);
  const nameEnd = body.search(/[:/]/);
  const name = (nameEnd === -1 ? body : body.slice(0, nameEnd)).toLowerCase();
  const rest = nameEnd === -1 ? '' : body.slice(nameEnd);
  const restAt = position + offset + name.length;
  const mechanism = parseMechanism(name, rest, restAt, term);
  return { type: 'directive', qualifier, explicitQualifier: offset === 1, mechanism, text: term, position };
}

function parseMechanism(name: string, rest: string, at: number, term: string): Mechanism {
  switch (name) {
    case 'all':
      if (rest !== '') fail('unexpected-argument', at, term, rest);
      return { kind: 'all' };
    case 'include':
    case 'exists':
      return { kind: name, domain: requiredDomain(rest, at, term) };
    case 'ptr':
      if (rest === '') return { kind: 'ptr' };
      return { kind: 'ptr', domain: requiredDomain(rest, at, term) };
    case 'a':
    case 'mx':
      return parseAddressMechanism(name, rest, at, term);
    case 'ip4':
    case 'ip6':
      return parseIpMechanism(name, rest, at, term);
    default:
      return fail('unknown-mechanism', at - name.length, term, name);
  }
}

function requiredDomain(rest: string, at: number, term: string): MacroString {
  if (!rest.startsWith(':')) fail(rest === '' ? 'missing-argument' : 'unexpected-argument', at, term, rest);
  return domainSpec(rest.slice(1), at + 1, term);
}

const DUAL_CIDR = /^(.*?)(?:\/(\d+))?(?:\/\/(\d+))?$/s;

function parseAddressMechanism(kind: 'a' | 'mx', rest: string, at: number, term: string): Mechanism {
  const m = DUAL_CIDR.exec(rest)!;
  const spec = m[1]!;
  const cidrAt = at + spec.length;
  const cidr4 = m[2] === undefined ? 32 : cidrLength(m[2], 32, cidrAt, term);
  const cidr6 = m[3] === undefined ? 128 : cidrLength(m[3], 128, cidrAt, term);
  if (spec === '') return { kind, cidr4, cidr6 };
  if (spec.startsWith('/')) fail('bad-cidr', at, term, rest);
  return { kind, domain: requiredDomain(spec, at, term), cidr4, cidr6 };
}

function parseIpMechanism(kind: 'ip4' | 'ip6', rest: string, at: number, term: string): Mechanism {
  if (!rest.startsWith(':') || rest.length === 1) fail('missing-argument', at, term, rest);
  const slash = rest.indexOf('/');
  const address = slash === -1 ? rest.slice(1) : rest.slice(1, slash);
  const max = kind === 'ip4' ? 32 : 128;
  const prefix = slash === -1 ? max : cidrLength(rest.slice(slash + 1), max, at + slash, term);
  const network = kind === 'ip4' ? parseIpv4(address) : parseIpv6(address);
  if (!network) fail(kind === 'ip4' ? 'bad-ip4' : 'bad-ip6', at + 1, term, address);
  return { kind, network, prefix };
}

function cidrLength(digits: string, max: number, at: number, term: string): number {
  if (!/^(?:0|[1-9]\d{0,2})$/.test(digits) || Number(digits) > max) fail('bad-cidr', at, term, `/${digits}`);
  return Number(digits);
}

function macroString(text: string, at: number, term: string): MacroString {
  const parsed = parseMacroString(text);
  if (isMacroError(parsed)) fail('bad-macro', at + parsed.offset, term, parsed.detail);
  return parsed;
}

function domainSpec(text: string, at: number, term: string): MacroString {
  if (text === '') fail('missing-argument', at, term);
  const spec = macroString(text, at, term);
  for (const part of spec.parts) {
    if (part.kind === 'macro' && EXP_ONLY_LETTERS.has(part.letter)) fail('exp-only-macro', at, term, `%{${part.letter}}`);
  }
  if (!hasValidDomainEnd(spec)) fail('bad-domain-spec', at, term, text);
  return spec;
}
