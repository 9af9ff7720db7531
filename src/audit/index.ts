import type { SpfLintResult } from '../spf/lint-types.js';
import { normalizeDomain } from '../dmarc/domain.js';
import type { Resolver } from '../dns/types.js';
import { AuditDns } from './context.js';
import { auditDkim } from './dkim.js';
import { auditDmarc } from './dmarc.js';
import { auditDnssec } from './dnssec.js';
import { AREAS, finding, type Finding, type Severity } from './finding.js';
import { auditMessage, type MessageFacts } from './message.js';
import { auditMx } from './mx.js';
import { auditBimi } from './bimi.js';
import type { BimiFetcher } from '../bimi/fetch.js';
import { auditMtaStsAndTlsRpt } from './mtasts.js';
import type { PolicyFetcher } from '../mtasts/types.js';
import { auditPtr, type PtrTarget } from './ptr.js';
import { assessReadiness, type Readiness } from './readiness.js';
import { auditMailFrom, auditSpf } from './spf.js';
import { parseMessage } from '../message/parse.js';

export * from './finding.js';
export type { Readiness, ReadinessItem, ReadinessItemId, ReadinessStatus, ReadinessVerdict, Provider, Tier } from './readiness.js';
export { REQUIREMENTS, READINESS_ITEMS } from './readiness.js';
export { SENDING_SERVICES, discoverySelectors, serviceOfDkimTarget, serviceOfSpfTarget, type SendingService } from './providers.js';
export type { PolicyFetcher } from '../mtasts/types.js';
export { isGenericPtr } from './ptr.js';
export { renderAuditText, renderAuditCsv, auditJson, summaryLine, type RenderOptions } from './render.js';

/** Options of {@link auditDomain}. */
export interface AuditOptions {
  resolver: Resolver;
  /** DKIM selectors to check besides the ones discovery probes. */
  selectors?: string[];
  /** Probe the selectors common providers use. Default true. */
  discoverSelectors?: boolean;
  /** DKIM selectors seen in the domain's DMARC aggregate reports (from the report store): probed too. */
  reportSelectors?: string[];
  /** IP addresses the domain sends from: PTR and FCrDNS are checked for each. */
  sendingIps?: string[];
  /** Envelope (MAIL FROM) domains the domain sends with, e.g. a custom MAIL FROM subdomain: their SPF is checked too. */
  mailFrom?: string[];
  /** A message the domain sent (raw octets): answers the readiness items DNS cannot. */
  message?: Uint8Array;
  /** Fetches the MTA-STS policy over HTTPS (`httpsPolicyFetcher` from `inkan/mta-sts`); without it the policy file is not checked. */
  fetch?: PolicyFetcher;
  /** Fetches the BIMI logo and mark certificate (`httpsFetcher` from the bimi module); without it they are not checked. */
  bimiFetch?: BimiFetcher;
  /** The time (ms since the epoch), for the sample message's DKIM signatures. Default: the clock. */
  now?: number;
  signal?: AbortSignal;
}

/** Counts of findings by severity, and of checks that could not be done. */
export interface AuditSummary {
  errors: number;
  warnings: number;
  infos: number;
  oks: number;
  unchecked: number;
}

/**
 * The audit of one domain: every finding (grouped by area, in a stable order), the readiness matrix and the summary.
 * This is the `--json` schema `inkan.check/1` (one of these per domain under `domains`): ids, areas, severities,
 * parameters and fix lines are language-neutral and stable; new ids and fields may be added, none removed or renamed.
 */
export interface DomainAudit {
  domain: string;
  findings: Finding[];
  readiness: Readiness;
  summary: AuditSummary;
  /** Distinct DNS questions asked. */
  queries: number;
  /** The SPF lint behind the SPF findings, for the include tree in the text report (left out of `--json`, whose findings carry its facts). */
  spfLint?: SpfLintResult;
}

/** Count findings by severity. */
export function summarize(findings: readonly Finding[]): AuditSummary {
  const count = (s: Severity): number => findings.filter((f) => f.severity === s && !f.unchecked).length;
  return { errors: count('error'), warnings: count('warning'), infos: count('info'), oks: count('ok'), unchecked: findings.filter((f) => f.unchecked).length };
}

/**
 * Audit a domain's mail setup: MX, SPF (with the include tree and sending services), DKIM (with selector
 * discovery), DMARC (with report authorization), BIMI, MTA-STS, TLS-RPT, reverse DNS, DNSSEC, and the
 * Gmail / Yahoo / Outlook.com readiness matrix. Independent lookups run in parallel, so the wall time
 * follows the longest chain of dependent lookups. DNS failures are findings that say so, never "not found".
 */
export async function auditDomain(domain: string, options: AuditOptions): Promise<DomainAudit> {
  const name = normalizeDomain(domain);
  if (name === undefined) {
    const findings = [finding('mx', 'domain.invalid', 'error', { domain })];
    const empty = assessReadiness({ spf: { domain, state: 'none', lookups: 0, voidLookups: 0, services: [] }, dkim: { state: 'none', keys: [], selectors: [] }, dmarc: { state: 'none' }, ptr: [], weakDkim: false });
    return { domain, findings, readiness: empty.readiness, summary: summarize(findings), queries: 0 };
  }
  const dns = new AuditDns(options.resolver, options.signal);
  const mx = auditMx(name, dns);
  const dmarc = auditDmarc(name, dns);
  const message = options.message
    ? auditMessage(options.message, name, dns, { now: options.now ?? Date.now(), ...(options.sendingIps?.[0] ? { sendingIp: options.sendingIps[0] } : {}), ...(options.signal ? { signal: options.signal } : {}) })
    : undefined;
  const sendingPtr = (async () => {
    const facts: MessageFacts | undefined = options.sendingIps?.length ? undefined : (await message)?.facts;
    const ips = options.sendingIps?.length ? options.sendingIps : facts?.sendingIp ? [facts.sendingIp] : [];
    return auditPtr(ips.map((ip): PtrTarget => ({ ip, source: 'sending', suggest: `mail.${name}` })), dns);
  })();
  const mxPtr = mx.then(({ facts }) => auditPtr(facts.exchanges.flatMap((e) => e.addresses.map((ip): PtrTarget => ({ ip, source: 'mx', host: e.exchange }))), dns));
  const envelopes = new Set((options.mailFrom ?? []).map((d) => normalizeDomain(d)).filter((d): d is string => d !== undefined && d !== name));
  const returnPath = options.message ? returnPathDomain(options.message) : undefined;
  if (returnPath && returnPath !== name) envelopes.add(returnPath);
  const mailFromP = Promise.all([...envelopes].slice(0, 4).map((d) => auditMailFrom(d, name, dns)));
  const [mxR, spfR, dkimR, dmarcR, bimi, mtaSts, sendPtrR, mxPtrR, messageR, mailFromR] = await Promise.all([
    mx,
    auditSpf(name, dns),
    auditDkim(name, dns, { ...(options.selectors ? { selectors: options.selectors } : {}), discover: options.discoverSelectors !== false, ...(options.reportSelectors ? { reported: options.reportSelectors } : {}) }),
    dmarc,
    contained('bimi', auditBimi(name, dns, options.bimiFetch, options.now ?? Date.now(), options.signal)),
    contained('mta-sts', auditMtaStsAndTlsRpt(name, dns, options.fetch, options.now ?? Date.now())),
    sendingPtr,
    mxPtr,
    message,
    mailFromP,
  ]);
  const { readiness, findings: readinessFindings } = assessReadiness({
    spf: spfR.facts,
    mailFrom: mailFromR.map((r) => r.facts),
    dkim: dkimR.facts,
    dmarc: dmarcR.facts,
    ptr: [...sendPtrR.facts, ...mxPtrR.facts],
    weakDkim: dkimR.findings.some((f) => f.id === 'dkim.key.weak'),
    ...(messageR ? { message: messageR.facts } : {}),
  });
  const all = [
    ...mxR.findings,
    ...spfR.findings,
    ...mailFromR.flatMap((r) => r.findings),
    ...dkimR.findings,
    ...dmarcR.findings,
    ...bimi,
    ...mtaSts,
    ...sendPtrR.findings,
    ...mxPtrR.findings,
    ...auditDnssec(name, dns.asked),
    ...(messageR?.findings ?? []),
    ...readinessFindings,
  ];
  const order = new Map<string, number>(AREAS.map((a, i) => [a, i]));
  const findings = all.map((f, i) => ({ f, i })).sort((a, b) => order.get(a.f.area)! - order.get(b.f.area)! || a.i - b.i).map(({ f }) => f);
  return { domain: name, findings, readiness, summary: summarize(findings), queries: dns.questions, spfLint: spfR.lint };
}

/** An area's findings, or one "could not check" finding if its check threw (a bug must not lose the other areas or domains). */
async function contained(area: 'bimi' | 'mta-sts', pending: Promise<Finding[]>): Promise<Finding[]> {
  try {
    return await pending;
  } catch (e) {
    const f = finding(area, `${area}.internal-error`, 'warning', { area, error: e instanceof Error ? e.message : String(e) });
    f.message = 'audit.internal-error';
    f.unchecked = true;
    return [f];
  }
}

/** The domain of a message's Return-Path (its MAIL FROM), if it has one. */
function returnPathDomain(raw: Uint8Array): string | undefined {
  const parsed = parseMessage(raw);
  if (!parsed.ok) return undefined;
  const rp = parsed.returnPath[0]?.result;
  return rp?.ok && !rp.null ? normalizeDomain(rp.mailbox.domainAscii) : undefined;
}
