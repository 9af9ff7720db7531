import { lookupDmarcPolicy } from '../dmarc/discover.js';
import type { DmarcMode, DmarcResultWord } from '../dmarc/types.js';
import type { DnsAnswer, Resolver } from '../dns/types.js';
import { getFields } from '../message/header.js';
import type { HeaderField } from '../message/types.js';
import { checkMarkCertificate, type MarkCertificateCheck } from './cert.js';
import { DEFAULT_SELECTOR, discoverBimiRecord } from './discover.js';
import type { BimiFetcher, FetchErrorCode } from './fetch.js';
import { bimiIndicatorField, bimiLocationField } from './headers.js';
import { checkDmarcPrerequisites } from './prerequisites.js';
import { parseBimiSelector } from './record.js';
import { checkSvg, type SvgCheck } from './svg.js';
import type { BimiDiscovery, BimiDmarcCheck, BimiSelectorResult, BimiSeverity, BimiSource } from './types.js';

/** The overall answer: logos can be shown, something is wrong, the domain declines or has no record, or it could not be checked. */
export type BimiVerdict = 'ready' | 'problems' | 'declined' | 'none' | 'temperror';

/** Which part of BIMI a problem belongs to. */
export type BimiArea = 'discovery' | 'record' | 'dmarc' | 'svg' | 'cert' | 'fetch';

/** One problem of the whole check, flattened for reports: `bimi.<area>.<code>` says what, `bimi.fix.<area>.<code>` how to fix it. */
export interface BimiProblem {
  area: BimiArea;
  code: string;
  severity: BimiSeverity;
  detail?: string;
  /** For SVG problems: where, and whether in the published SVG or the one embedded in the certificate. */
  line?: number;
  column?: number;
  element?: string;
  attribute?: string;
  logo?: 'published' | 'embedded';
  tag?: string;
  domain?: string;
  url?: string;
  index?: number;
}

/** One document fetch as the report shows it (no body). */
export interface FetchStep {
  kind: 'location' | 'evidence';
  url: string;
  ok: boolean;
  status?: number;
  contentType?: string;
  bytes?: number;
  error?: FetchErrorCode;
  detail?: string;
}

/** Options of {@link checkBimi}. */
export interface BimiCheckOptions {
  resolver: Resolver;
  /** The time certificates are checked at. */
  now: Date;
  /** Selector (from a BIMI-Selector header or the user); default `default`. */
  selector?: string;
  /** Gets `l=` and `a=` documents; without one, only local documents are checked. */
  fetcher?: BimiFetcher;
  /** Trusted mark-certificate roots (PEM). */
  trustStore?: Array<string | Uint8Array>;
  /** A local SVG to check instead of fetching `l=`. */
  svg?: { bytes: Uint8Array; path: string };
  /** A local PEM evidence document to check instead of fetching `a=`. */
  evidence?: { pem: Uint8Array; path: string };
  dmarcMode?: DmarcMode;
  /** The message's DMARC result, for a receiver deciding whether to show the logo. */
  messageDmarc?: DmarcResultWord;
  signal?: AbortSignal;
}

/** Everything `inkan bimi` reports about a domain. */
export interface BimiCheck {
  domain: string;
  verdict: BimiVerdict;
  selector: string;
  discovery: BimiDiscovery;
  dmarc: BimiDmarcCheck;
  svg?: SvgCheck & { source: BimiSource };
  certificate?: MarkCertificateCheck & { source: BimiSource };
  fetches: FetchStep[];
  /** The DNS queries of the DMARC policy lookup (for `--explain`). */
  dmarcQueries: Array<{ name: string; answer: DnsAnswer<unknown> }>;
  problems: BimiProblem[];
  /** The header fields a receiver adds, when DMARC passed on the message and every check succeeded. */
  headers?: { location: string; indicator: string };
}

/** The selector of a message's `BIMI-Selector` field (the topmost), or undefined when there is none. */
export function selectorFromHeader(fields: readonly HeaderField[]): BimiSelectorResult | undefined {
  const field = getFields(fields, 'BIMI-Selector')[0];
  return field ? parseBimiSelector(field.value) : undefined;
}

/**
 * The whole BIMI check of a domain: record discovery, the record's problems, the DMARC prerequisites, the SVG
 * (fetched from `l=` or given), and the mark certificate (fetched from `a=` or given) with its embedded logo
 * compared with the SVG. I/O only through the resolver and the fetcher.
 */
export async function checkBimi(domain: string, options: BimiCheckOptions): Promise<BimiCheck> {
  const selector = (options.selector ?? DEFAULT_SELECTOR).toLowerCase();
  const signal = options.signal ? { signal: options.signal } : {};
  const mode = options.dmarcMode ?? 'rfc9989';
  const lookup = await lookupDmarcPolicy(domain, { resolver: options.resolver, mode, ...signal });
  const orgDomain = lookup.orgDomain?.ok ? lookup.orgDomain.orgDomain : undefined;
  const [discovery, dmarc] = await Promise.all([
    discoverBimiRecord(domain, { resolver: options.resolver, selector, ...(orgDomain ? { orgDomain } : {}), ...signal }),
    checkDmarcPrerequisites(domain, { resolver: options.resolver, mode, lookup, ...(options.messageDmarc ? { messageResult: options.messageDmarc } : {}), ...signal }),
  ]);
  const problems: BimiProblem[] = [];
  const fetches: FetchStep[] = [];
  const dmarcQueries = lookup.trace.flatMap((s) => (s.kind === 'query' ? [{ name: s.name, answer: s.answer }] : []));
  const out: BimiCheck = { domain, verdict: 'none', selector, discovery, dmarc, fetches, dmarcQueries, problems };
  for (const p of dmarc.problems) problems.push({ area: 'dmarc', code: p.code, severity: p.code === 'dmarc-temperror' ? 'warning' : 'error', ...(p.domain ? { domain: p.domain } : {}), ...(p.detail ? { detail: p.detail } : {}) });
  for (const step of discovery.steps) if (step.outcome === 'multiple') problems.push({ area: 'discovery', code: 'multiple-records', severity: 'warning', detail: step.name });

  if (discovery.status === 'temperror') {
    problems.push({ area: 'discovery', code: 'temperror', severity: 'error', detail: `${discovery.failure.name} ${discovery.failure.what}` });
    out.verdict = 'temperror';
    return out;
  }
  if (discovery.status !== 'found') {
    problems.push({ area: 'discovery', code: discovery.status === 'none' ? 'no-record' : discovery.status, severity: 'error', detail: discovery.status === 'invalid-selector' ? selector : domain });
    out.verdict = 'none';
    return out;
  }
  const record = discovery.record;
  for (const p of record.problems) problems.push({ area: 'record', code: p.code, severity: p.severity, ...(p.tag ? { tag: p.tag } : {}), ...(p.detail ? { detail: p.detail } : {}) });
  if (record.declined) {
    problems.push({ area: 'discovery', code: 'declined', severity: 'info', detail: discovery.name });
    out.verdict = 'declined';
    return out;
  }

  // The SVG: a local file, or the first location.
  let published: Uint8Array | undefined;
  let fetchFailed = false;
  const location = record.locations[0];
  if (options.svg) {
    published = options.svg.bytes;
    out.svg = { ...checkSvg(published), source: { kind: 'file', path: options.svg.path } };
  } else if (location && options.fetcher) {
    const got = await options.fetcher(location, 'location');
    fetches.push(got.ok ? { kind: 'location', url: location, ok: true, status: got.status, bytes: got.body.length, ...(got.contentType ? { contentType: got.contentType } : {}) } : { kind: 'location', url: location, ok: false, error: got.error, ...(got.detail ? { detail: got.detail } : {}) });
    if (got.ok) {
      published = got.body;
      out.svg = { ...checkSvg(published), source: { kind: 'url', url: location } };
    } else {
      fetchFailed = true;
      problems.push({ area: 'fetch', code: got.error, severity: 'error', url: location, detail: `l= ${got.detail ?? ''}`.trim() });
    }
  }
  if (out.svg) pushSvgProblems(out.svg, 'published', problems);

  // The evidence: a local file, or a=.
  let pem: Uint8Array | undefined;
  let pemSource: BimiSource | undefined;
  if (options.evidence) {
    pem = options.evidence.pem;
    pemSource = { kind: 'file', path: options.evidence.path };
  } else if (record.evidence && options.fetcher) {
    const got = await options.fetcher(record.evidence, 'evidence');
    fetches.push(got.ok ? { kind: 'evidence', url: record.evidence, ok: true, status: got.status, bytes: got.body.length, ...(got.contentType ? { contentType: got.contentType } : {}) } : { kind: 'evidence', url: record.evidence, ok: false, error: got.error, ...(got.detail ? { detail: got.detail } : {}) });
    if (got.ok) {
      pem = got.body;
      pemSource = { kind: 'url', url: record.evidence };
    } else {
      fetchFailed = true;
      problems.push({ area: 'fetch', code: got.error, severity: 'error', url: record.evidence, detail: `a= ${got.detail ?? ''}`.trim() });
    }
  } else if (!record.evidence) {
    problems.push({ area: 'record', code: 'no-evidence', severity: 'warning' });
  }
  if (pem && pemSource) {
    const domains = [...new Set([domain.toLowerCase(), discovery.domain, ...(orgDomain ? [orgDomain] : [])])];
    const cert = checkMarkCertificate(pem, { now: options.now, domains, ...(options.trustStore ? { trustStore: options.trustStore } : {}), ...(published ? { svg: published } : {}) });
    out.certificate = { ...cert, source: pemSource };
    for (const p of cert.problems) problems.push({ area: 'cert', code: p.code, severity: p.severity, ...(p.index !== undefined ? { index: p.index } : {}), ...(p.detail ? { detail: p.detail } : {}) });
    if (cert.logo && !cert.logo.check.ok) pushSvgProblems(cert.logo.check, 'embedded', problems);
  }
  // With l= empty (or not fetched), the logo is the one embedded in the certificate: shown as the SVG verdict, its problems already listed.
  if (!out.svg && out.certificate?.logo) out.svg = { ...out.certificate.logo.check, source: { kind: 'certificate' } };
  if (!out.svg && !fetchFailed) problems.push({ area: 'svg', code: 'not-checked', severity: 'warning' });

  const errors = problems.some((p) => p.severity === 'error' && p.area !== 'fetch');
  out.verdict = errors ? 'problems' : fetchFailed || dmarc.status === 'temperror' ? 'temperror' : 'ready';
  // A validated evidence document's embedded logo is the one to show (draft §7.6); it equals the published SVG here.
  const indicator = (out.certificate?.ok ? out.certificate.logo?.svg : undefined) ?? published;
  if (out.verdict === 'ready' && options.messageDmarc === 'pass' && indicator) {
    out.headers = {
      location: bimiLocationField({ ...(location ? { location } : {}), ...(out.certificate?.ok && record.evidence ? { evidence: record.evidence } : {}) }),
      indicator: bimiIndicatorField(indicator),
    };
  }
  return out;
}

function pushSvgProblems(check: SvgCheck, logo: 'published' | 'embedded', problems: BimiProblem[]): void {
  for (const p of check.problems) {
    problems.push({
      area: 'svg',
      code: p.code,
      severity: p.severity,
      logo,
      ...(p.line ? { line: p.line, column: p.column } : {}),
      ...(p.element ? { element: p.element } : {}),
      ...(p.attribute ? { attribute: p.attribute } : {}),
      ...(p.detail ? { detail: p.detail } : {}),
    });
  }
}
