import { existsSync } from 'node:fs';
import { reportedSelectors } from '../reports/analyse/selectors.js';
import { defaultStoreLocation } from '../reports/store/location.js';
import { openReportStore } from '../reports/store/open.js';
import type { ReportStore } from '../reports/store/store.js';
import { readFile, stat } from 'node:fs/promises';
import { auditDomain, auditJson, renderAuditCsv, renderAuditText, summaryLine, type DomainAudit } from '../audit/index.js';
import { httpsPolicyFetcher } from '../mtasts/https.js';
import { httpsFetcher as bimiHttpsFetcher } from '../bimi/fetch.js';
import { checkSelector } from '../dkim/sign-names.js';
import { parseIp } from '../dns/ip.js';
import { COMMON_OPTIONS, DNS_OPTIONS, parseCommandArgs, parseMilliseconds } from './args.js';
import { parseNow } from './input.js';
import { EXIT, UsageError, type CliContext } from './context.js';
import { toJson } from './json.js';
import { resolverFromOptions } from './resolver.js';
import type { Command } from './run.js';

const OPTIONS = {
  ...COMMON_OPTIONS,
  ...DNS_OPTIONS,
  selector: { type: 'string', multiple: true },
  'sending-ip': { type: 'string', multiple: true },
  'mail-from': { type: 'string', multiple: true },
  message: { type: 'string' },
  file: { type: 'string' },
  csv: { type: 'boolean' },
  'no-discovery': { type: 'boolean' },
  concurrency: { type: 'string' },
  verbose: { type: 'boolean' },
  db: { type: 'string' },
  now: { type: 'string' },
} as const;

/** Largest sample message or domain list read. */
const MAX_INPUT_BYTES = 50 * 1024 * 1024;
/** Most domains in one run. */
const MAX_DOMAINS = 10_000;
/** Longest one domain's audit may take: after this every query still open answers `timeout` ("could not check"). */
const DOMAIN_DEADLINE_MS = 60_000;

/**
 * The DKIM selectors seen in each domain's stored DMARC reports: from `--db`, else `$INKAN_DB`, else the
 * default store when that file exists (no store: none). An explicit store that cannot be opened is exit 3.
 */
async function selectorsFromReports(ctx: CliContext, db: string | undefined, domains: readonly string[]): Promise<Map<string, string[]> | number> {
  const found = new Map<string, string[]>();
  const explicit = db ?? ctx.env['INKAN_DB'];
  const location = defaultStoreLocation(ctx.env, explicit);
  if (explicit === undefined && !existsSync(location)) return found;
  let store: ReportStore;
  try {
    store = await openReportStore(location);
  } catch (e) {
    if (explicit === undefined) return found;
    ctx.err(`inkan check: ${ctx.t('audit.cli.store-failed', { location, reason: e instanceof Error ? e.message : String(e) })}`);
    return EXIT.tempFail;
  }
  try {
    for (const domain of domains) found.set(domain, (await reportedSelectors(store, domain)).filter((s) => checkSelector(s).ok));
  } finally {
    await store.close();
  }
  return found;
}

/** Exit code of a run: 1 when any domain has an error finding, else 3 when a check could not be done, else 0. */
export function checkExitCode(audits: readonly DomainAudit[]): number {
  if (audits.some((a) => a.summary.errors > 0)) return EXIT.notPass;
  if (audits.some((a) => a.summary.unchecked > 0)) return EXIT.tempFail;
  return EXIT.ok;
}

async function readInput(ctx: CliContext, path: string): Promise<Buffer> {
  if (path === '-') {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of ctx.stdin) {
      const b = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk);
      size += b.length;
      if (size > MAX_INPUT_BYTES) throw new UsageError(ctx.t('audit.cli.unreadable-file', { file: path }), 'check');
      chunks.push(b);
    }
    return Buffer.concat(chunks);
  }
  try {
    const info = await stat(path);
    if (!info.isFile() || info.size > MAX_INPUT_BYTES) throw new Error('not a readable file');
    return await readFile(path);
  } catch {
    throw new UsageError(ctx.t('audit.cli.unreadable-file', { file: path }), 'check');
  }
}

/** A 20-cell bar for `done` of `total`. */
export function progressBar(done: number, total: number): string {
  const filled = Math.round((20 * done) / Math.max(1, total));
  return `[${'#'.repeat(filled)}${'.'.repeat(20 - filled)}]`;
}

/** Run `task` over `items` with at most `limit` at once; results in input order. */
async function pool<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>, onDone: () => void): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      results[i] = await task(items[i]!);
      onDone();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

async function run(argv: string[], ctx: CliContext): Promise<number> {
  const { values, positionals } = parseCommandArgs(ctx, 'check', argv, OPTIONS);
  if (values.help) {
    ctx.out(ctx.t('audit.cli.help'));
    return EXIT.ok;
  }
  if (values.json && values.csv) throw new UsageError(ctx.t('audit.cli.json-and-csv'), 'check');
  const domains = [...positionals];
  if (values.file !== undefined) {
    const text = (await readInput(ctx, values.file)).toString('utf8');
    for (const line of text.split(/\r?\n/)) {
      const d = line.replace(/#.*/, '').trim();
      if (d) domains.push(d);
    }
  }
  if (domains.length === 0) throw new UsageError(ctx.t('audit.cli.missing-domain'), 'check');
  if (domains.length > MAX_DOMAINS) throw new UsageError(ctx.t('cli.error.extra-arguments', { args: `${domains.length}` }), 'check');
  const sendingIps = values['sending-ip'] ?? [];
  for (const ip of sendingIps) if (!parseIp(ip)) throw new UsageError(ctx.t('audit.cli.bad-ip', { value: ip }), 'check');
  const selectors = (values.selector ?? []).flatMap((s) => s.split(',')).map((s) => s.trim()).filter((s) => s !== '');
  for (const s of selectors) if (!checkSelector(s).ok) throw new UsageError(ctx.t('audit.cli.bad-selector', { value: s }), 'check');
  const concurrency = values.concurrency === undefined ? 4 : Number(values.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) {
    throw new UsageError(ctx.t('cli.error.bad-number', { option: 'concurrency', value: values.concurrency ?? '' }), 'check');
  }
  const timeout = parseMilliseconds(ctx, 'check', 'timeout', values.timeout);
  const now = parseNow(ctx, 'check', values.now) ?? Date.now();
  const resolver = await resolverFromOptions(ctx, 'check', { zone: values.zone, dns: values.dns, timeout });
  const message = values.message !== undefined ? await readInput(ctx, values.message) : undefined;
  const fetch = httpsPolicyFetcher({ resolver, ...(timeout ? { timeout: Math.max(timeout * 3, 5000), connectTimeout: Math.max(timeout * 2, 3000) } : {}) });
  const bimiFetch = bimiHttpsFetcher({ resolver, ...(timeout ? { timeout: Math.max(timeout * 3, 5000) } : {}) });
  const reported = await selectorsFromReports(ctx, values.db, domains);
  if (typeof reported === 'number') return reported;
  const progress = ctx.isTty && domains.length > 1;
  let done = 0;
  const audits = await pool(
    domains,
    concurrency,
    (domain) =>
      auditDomain(domain, {
        resolver,
        fetch,
        bimiFetch,
        now,
        ...(selectors.length ? { selectors } : {}),
        ...(reported.get(domain)?.length ? { reportSelectors: reported.get(domain) } : {}),
        ...(sendingIps.length ? { sendingIps } : {}),
        ...(values['mail-from']?.length ? { mailFrom: values['mail-from'] } : {}),
        ...(message ? { message } : {}),
        discoverSelectors: !values['no-discovery'],
        signal: AbortSignal.timeout(DOMAIN_DEADLINE_MS),
      }),
    () => {
      done++;
      // Each line of stderr ends with a newline: go up one line and clear it, so the bar redraws in place.
      if (progress) ctx.err(`${done > 1 ? '\x1b[1A\x1b[2K' : ''}${progressBar(done, domains.length)} ${ctx.t('audit.cli.progress', { done, total: domains.length })}`);
    },
  );
  if (values.json) ctx.out(toJson(auditJson(audits)));
  else if (values.csv) ctx.outBytes(Buffer.from(renderAuditCsv(audits, ctx.lang), 'utf8'));
  else {
    const color = ctx.isTty && !ctx.env['NO_COLOR'];
    ctx.out(audits.map((a) => renderAuditText(a, { lang: ctx.lang, color, verbose: Boolean(values.verbose) })).join('\n\n'));
    if (audits.length > 1) ctx.out(['', ...audits.map((a) => summaryLine(a, ctx.lang))].join('\n'));
  }
  return checkExitCode(audits);
}

/** `inkan check DOMAIN...`: audit domains' mail setup (MX, SPF, DKIM, DMARC, BIMI, MTA-STS, TLS-RPT, PTR, DNSSEC, readiness) with fixes. */
export const checkCommand: Command = {
  name: 'check',
  help: (ctx) => ctx.t('audit.cli.help'),
  run,
};
