import { formatIp, ipInNetwork, parseIp, unmapIpv4, type IpAddress } from '../dns/ip.js';
import { EvalContext, SpfAbort } from './context.js';
import { expandMacroString, isQueryableName, usesValidatedDomain, type MacroVariables } from './macro.js';
import { isMacroError, parseMacroString } from './macro-parse.js';
import { inMappedNetwork, matchA, matchExists, matchMx, matchPtr, targetName } from './mechanisms.js';
import { validatedDomain } from './ptr.js';
import { isCheckableDomain, selectRecord } from './record.js';
import type {
  CheckHostFacts,
  Directive,
  MacroString,
  Mechanism,
  Qualifier,
  SpfErrorReason,
  SpfIdentity,
  SpfInput,
  SpfMatch,
  SpfNoneReason,
  SpfOptions,
  SpfResult,
  SpfResultBase,
} from './types.js';

type Verdict = 'pass' | 'fail' | 'softfail' | 'neutral';

const VERDICT: Record<Qualifier, Verdict> = { '+': 'pass', '-': 'fail', '~': 'softfail', '?': 'neutral' };

/** The record whose `exp=` explains a fail: the one holding the matched directive (after redirects, never inside includes). */
interface ExpSource {
  spec: MacroString;
  domain: string;
}

interface Decided {
  verdict: Verdict;
  matched?: SpfMatch;
  exp?: ExpSource;
}

type DomainOutcome = Decided | { none: 'nxdomain' | 'no-record' };

function stripDot(name: string): string {
  // A character test, not `endsWith('.')`: that builtin costs more than the rest of this per-name work.
  return name.charCodeAt(name.length - 1) === 0x2e ? name.slice(0, -1) : name;
}

/**
 * check_host() on one domain (RFC 7208 §4): its record, then its terms, then redirect=. `voidTerm` is the
 * include/redirect that led here. Address terms are matched without awaiting anything, and only DNS terms await:
 * every async layer costs microtask turns on every message.
 */
async function evaluateDomain(ctx: EvalContext, domain: string, depth: number, voidTerm?: string): Promise<DomainOutcome> {
  const answer = ctx.settle(await ctx.start(domain, 'TXT'), domain, 'TXT', domain, depth, voidTerm);
  const found = selectRecord(ctx, answer, domain, depth);
  if (found.kind === 'none') return { none: found.reason };
  const record = found.record;
  for (const directive of record.directives) {
    const mechanism = directive.mechanism;
    const matched = isAddressTerm(mechanism) ? matchAddress(ctx, directive, mechanism, domain, depth) : await matchDns(ctx, directive.text, mechanism, domain, depth);
    if (!matched) continue;
    const { qualifier, text } = directive;
    const decided: Decided = { verdict: VERDICT[qualifier], matched: { domain, mechanism: mechanism.kind, qualifier, term: text } };
    if (record.exp) decided.exp = { spec: record.exp.value, domain };
    return decided;
  }
  // An `all` always matches, so reaching this point means there is none: redirect= applies (§6.1).
  const redirect = record.redirect;
  if (!redirect) return { verdict: 'neutral' };
  ctx.countTerm(domain, redirect.text, depth);
  const target = stripDot(await targetName(ctx, redirect.value, domain, depth));
  ctx.trace?.push({ kind: 'redirect', domain, target, depth });
  const sub = isQueryableName(target) ? await evaluateDomain(ctx, target, depth, redirect.text) : undefined;
  if (!sub || 'none' in sub) return ctx.fail('permerror', { code: 'redirect-none', domain, target }, domain, depth);
  return sub;
}

type AddressMechanism = Extract<Mechanism, { kind: 'all' | 'ip4' | 'ip6' }>;
type DnsMechanism = Exclude<Mechanism, AddressMechanism>;

/** `all`, `ip4` and `ip6`: the mechanisms that need no DNS. */
function isAddressTerm(mechanism: Mechanism): mechanism is AddressMechanism {
  return mechanism.kind === 'all' || mechanism.kind === 'ip4' || mechanism.kind === 'ip6';
}

/** `all`, `ip4` and `ip6` (RFC 7208 §5.1, §5.6). */
function matchAddress(ctx: EvalContext, directive: Directive, mechanism: AddressMechanism, domain: string, depth: number): boolean {
  const ip = ctx.vars.ip;
  let matched: boolean;
  if (mechanism.kind === 'ip4') matched = ip.family === 4 && ipInNetwork(ip, mechanism.network, mechanism.prefix);
  else if (mechanism.kind === 'ip6') matched = ip.family === 6 ? ipInNetwork(ip, mechanism.network, mechanism.prefix) : inMappedNetwork(ip, mechanism.network, mechanism.prefix);
  else matched = true;
  ctx.trace?.push({ kind: 'term', domain, term: directive.text, matched, depth });
  return matched;
}

/** The DNS-querying terms: include, a, mx, ptr, exists (RFC 7208 §5.2 to §5.7), each counted toward the limit (§4.6.4). */
async function matchDns(ctx: EvalContext, term: string, mechanism: DnsMechanism, domain: string, depth: number): Promise<boolean> {
  ctx.countTerm(domain, term, depth);
  // A ready target is not awaited: only %{p} makes it a promise.
  const expanding = targetName(ctx, mechanism.domain, domain, depth);
  const target = typeof expanding === 'string' ? expanding : await expanding;
  let matched: boolean;
  if (mechanism.kind === 'include') {
    // `include` (§5.2): pass matches; fail, softfail and neutral do not; none is a permerror; errors propagate.
    const name = stripDot(target);
    const sub = isQueryableName(name) ? await evaluateDomain(ctx, name, depth + 1, term) : undefined;
    if (!sub || 'none' in sub) return ctx.fail('permerror', { code: 'include-none', domain, target: name }, domain, depth);
    ctx.trace?.push({ kind: 'include', domain, target: name, result: sub.verdict, depth });
    matched = sub.verdict === 'pass';
  } else if (!isQueryableName(target)) matched = false; // not a possible DNS name: treated as non-existent (§4.3, §4.8)
  else if (mechanism.kind === 'a') matched = await matchA(ctx, target, mechanism.cidr4, mechanism.cidr6, domain, depth, term);
  else if (mechanism.kind === 'mx') matched = await matchMx(ctx, target, mechanism.cidr4, mechanism.cidr6, domain, depth, term);
  else if (mechanism.kind === 'ptr') matched = await matchPtr(ctx, target, domain, depth, term);
  else matched = await matchExists(ctx, target, domain, depth, term);
  ctx.trace?.push({ kind: 'term', domain, term, matched, depth, detail: target });
  return matched;
}

const PRINTABLE = /^[\x20-\x7e]*$/;

/** Expand explanation text (c, r and t allowed); undefined when it is not 7-bit text or not a valid macro-string (§6.2). */
async function expandExplanation(ctx: EvalContext, text: string, domain: string): Promise<string | undefined> {
  if (!PRINTABLE.test(text)) return undefined;
  const parsed = parseMacroString(text);
  if (isMacroError(parsed)) return undefined;
  const validated = usesValidatedDomain(parsed) ? await validatedDomain(ctx, domain, 0) : undefined;
  return expandMacroString(parsed, ctx.vars, domain, validated);
}

/**
 * The explanation of a fail (RFC 7208 §6.2): one TXT record at the expanded exp= target, itself a macro-string.
 * Any DNS problem, zero or several records, or bad text means "as if there were no exp=": the default is used.
 * These lookups count toward no limit.
 */
async function explanation(ctx: EvalContext, source: ExpSource | undefined, fallback: string | undefined, domain: string): Promise<string | undefined> {
  try {
    if (source) {
      const target = await targetName(ctx, source.spec, source.domain, 0);
      const answer = isQueryableName(target) ? await ctx.query(target, 'TXT', source.domain, 0) : undefined;
      if (answer?.status === 'records' && answer.records.length === 1) {
        const text = await expandExplanation(ctx, answer.records[0]!.join(''), source.domain);
        if (text !== undefined) return text;
      }
    }
    if (fallback === undefined) return undefined;
    return (await expandExplanation(ctx, fallback, domain)) ?? fallback;
  } catch (e) {
    if (e instanceof SpfAbort) return fallback;
    throw e;
  }
}

interface Sender {
  sender: string;
  localPart: string;
  senderDomain: string;
}

/** Split <sender> at its last "@"; an empty local-part becomes "postmaster" (§4.3). */
function splitSender(mailbox: string): Sender {
  // The last "@" found by `indexOf` steps: V8 runs `lastIndexOf` as a much slower runtime call.
  let at = -1;
  for (let next = mailbox.indexOf('@'); next >= 0; next = mailbox.indexOf('@', next + 1)) at = next;
  const local = at === -1 ? '' : mailbox.slice(0, at);
  const senderDomain = at === -1 ? mailbox : mailbox.slice(at + 1);
  // With a local-part, <sender> is the mailbox as given.
  if (local !== '') return { sender: mailbox, localPart: local, senderDomain };
  return { sender: `postmaster@${senderDomain}`, localPart: 'postmaster', senderDomain };
}

function clientIp(ip: string | IpAddress): IpAddress {
  const parsed = typeof ip === 'string' ? parseIp(ip.startsWith('[') && ip.endsWith(']') ? ip.slice(1, -1) : ip) : ip;
  if (!parsed) throw new TypeError(`not an IP address: ${String(ip)}`);
  return unmapIpv4(parsed);
}

async function run(ip: IpAddress, domain: string, who: Sender, facts: CheckHostFacts, options: SpfOptions): Promise<SpfResult> {
  const now = facts.now ?? Date.now();
  const vars: MacroVariables = {
    sender: who.sender,
    localPart: who.localPart,
    senderDomain: who.senderDomain,
    ip,
    helo: facts.helo || 'unknown',
    receiver: facts.receiver || 'unknown',
    timestamp: Math.floor((typeof now === 'number' ? now : now.getTime()) / 1000),
  };
  const ctx = new EvalContext(options, vars);
  const identity: SpfIdentity = facts.identity ?? 'mailfrom';
  try {
    if (!isCheckableDomain(domain)) return finish(resultFields(ctx, domain, identity, facts.helo, 'none'), { code: 'invalid-domain', domain });
    const name = stripDot(domain);
    const outcome = await evaluateDomain(ctx, name, 0);
    if ('none' in outcome) return finish(resultFields(ctx, domain, identity, facts.helo, 'none'), { code: outcome.none, domain });
    const text =
      outcome.verdict === 'fail' && options.explanation !== false ? await explanation(ctx, outcome.exp, options.defaultExplanation, name) : undefined;
    const out = resultFields(ctx, domain, identity, facts.helo, outcome.verdict);
    if (outcome.matched) out.matched = outcome.matched;
    if (text !== undefined) out.explanation = text;
    return out as SpfResult;
  } catch (e) {
    if (e instanceof SpfAbort) return finish(resultFields(ctx, domain, identity, facts.helo, e.result), e.reason);
    throw e;
  } finally {
    ctx.close();
  }
}

/** Every field a result may have, in the order they are written (JSON output and tests read that order). */
interface ResultFields extends SpfResultBase {
  result: SpfResult['result'];
  matched?: SpfMatch;
  explanation?: string;
  reason?: SpfNoneReason | SpfErrorReason;
}

/**
 * The common fields, then `result`, assigned one by one: V8 gives every object built with spreads
 * (`{ ...base, result }`, conditional `...(x ? { x } : {})`) or `Object.assign` a hidden class of its own.
 */
function resultFields(ctx: EvalContext, domain: string, identity: SpfIdentity, helo: string | undefined, verdict: SpfResult['result']): ResultFields {
  const out = { domain, identity, ip: formatIp(ctx.vars.ip), sender: ctx.vars.sender } as ResultFields;
  if (helo !== undefined) out.helo = helo;
  out.lookups = ctx.lookups;
  out.voidLookups = ctx.voidLookups;
  out.queries = ctx.queries;
  out.trace = ctx.trace ?? [];
  out.result = verdict;
  return out;
}

/** A `none` or error result with its reason. */
function finish(out: ResultFields, reason: SpfNoneReason | SpfErrorReason): SpfResult {
  out.reason = reason;
  return out as SpfResult;
}

/**
 * RFC 7208 §4 check_host(<ip>, <domain>, <sender>). `ip` may be IPv4, IPv6 or IPv4-mapped IPv6 (treated as IPv4);
 * an invalid address is a programmer error (TypeError). Never throws for DNS or record problems: they are results.
 */
export function checkHost(ip: string | IpAddress, domain: string, sender: string, options: SpfOptions, facts: CheckHostFacts = {}): Promise<SpfResult> {
  return run(clientIp(ip), domain, splitSender(sender), facts, options);
}

/**
 * Check the MAIL FROM identity (default) or the HELO identity of a connection (RFC 7208 §2.3, §2.4).
 * A null MAIL FROM (empty or `<>`) checks postmaster@<helo> instead.
 */
export function checkSpf(input: SpfInput, options: SpfOptions): Promise<SpfResult> {
  const identity = input.identity ?? 'mailfrom';
  let mailbox = identity === 'helo' ? '' : (input.mailFrom ?? '').trim();
  if (mailbox.startsWith('<') && mailbox.endsWith('>')) mailbox = mailbox.slice(1, -1);
  if (mailbox === '') mailbox = `postmaster@${input.helo ?? ''}`;
  const who = splitSender(mailbox);
  const facts: CheckHostFacts = { identity };
  if (input.helo !== undefined) facts.helo = input.helo;
  if (input.receiver !== undefined) facts.receiver = input.receiver;
  if (input.now !== undefined) facts.now = input.now;
  return run(clientIp(input.ip), who.senderDomain, who, facts, options);
}
