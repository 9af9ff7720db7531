import { defaultStoreLocation } from '../reports/store/location.js';
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { tDynamic } from '../i18n/index.js';
import { ingest } from '../reports/ingest.js';
import { openReportStore } from '../reports/store/open.js';
import type { ReportStore } from '../reports/store/store.js';
import { parseImapUrl } from '../reports/fetch/imap-url.js';
import { DEFAULT_MAX_MESSAGE_BYTES, fetchReports, type AfterIngest, type FetchRun } from '../reports/fetch/imap.js';
import { watchReports } from '../reports/fetch/watch.js';
import { COMMON_OPTIONS, parseCommandArgs } from './args.js';
import { EXIT, UsageError, type CliContext } from './context.js';
import { toJson } from './json.js';

const OPTIONS = {
  ...COMMON_OPTIONS,
  imap: { type: 'string' },
  'password-env': { type: 'string' },
  ca: { type: 'string' },
  'move-to': { type: 'string' },
  delete: { type: 'boolean' },
  watch: { type: 'boolean' },
  'max-size': { type: 'string' },
  db: { type: 'string' },
} as const;

/** Where the report store is (see {@link defaultStoreLocation}), argument order kept for the fetch and receive commands. */
export function reportStoreLocation(db: string | undefined, env: Record<string, string | undefined>): string {
  return defaultStoreLocation(env, db);
}

/** Open the store (creating the directory of a SQLite file); a failure is printed and becomes undefined (exit 3). */
export async function openStoreForCli(ctx: CliContext, location: string): Promise<ReportStore | undefined> {
  try {
    if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(location) && location !== ':memory:') mkdirSync(dirname(location), { recursive: true });
    // fetch and receive acknowledge each commit upstream (a moved message, a 250): make the commit durable first.
    return await openReportStore(location, { durable: true });
  } catch (e) {
    ctx.err(ctx.t('reportsIo.store.open-failed', { location: location.replace(/\/\/[^@/]*@/, '//***@'), error: e instanceof Error ? e.message : String(e) }));
    return undefined;
  }
}

/** Parse `--max-size`. */
export function parseByteCount(ctx: CliContext, command: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!/^\d{1,12}$/.test(value) || Number(value) === 0) throw new UsageError(ctx.t('reportsIo.fetch.bad-size', { value }), command);
  return Number(value);
}

/** One compact JSON line (for streams of events: watch passes, received messages). */
export function jsonLine(value: unknown): string {
  return JSON.stringify(JSON.parse(toJson(value)));
}

/** Read a file named on the command line, or a usage error. */
export function readOptionFile(ctx: CliContext, command: string, file: string): Buffer {
  try {
    return readFileSync(file);
  } catch {
    throw new UsageError(ctx.t('reportsIo.fetch.unreadable-file', { file }), command);
  }
}

/** SIGINT / SIGTERM as an AbortSignal (listeners removed by `done`). */
export function stopOnSignals(): { signal: AbortSignal; done: () => void } {
  const controller = new AbortController();
  const stop = (): void => controller.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return {
    signal: controller.signal,
    done: () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
    },
  };
}

function renderRun(run: FetchRun, ctx: CliContext): string {
  const lines: string[] = [];
  for (const item of run.items) {
    if (item.status === 'processed') lines.push(ctx.t('reportsIo.fetch.item.processed', { uid: item.uid, stored: item.summary?.stored ?? 0, duplicates: item.summary?.duplicates ?? 0 }));
    else if (item.status === 'kept') lines.push(ctx.t('reportsIo.fetch.item.kept', { uid: item.uid, reason: item.reason ?? '' }));
    else lines.push(ctx.t('reportsIo.fetch.item.failed', { uid: item.uid, reason: item.reason ?? '' }));
  }
  lines.push(ctx.t('reportsIo.fetch.summary', run));
  lines.push(ctx.t('reportsIo.fetch.reports', run));
  if (run.stoppedOnFailure) lines.push(ctx.t('reportsIo.fetch.stopped'));
  return lines.join('\n');
}

function runExitCode(run: FetchRun): number {
  if (run.failed > 0) return EXIT.tempFail;
  return run.kept > 0 ? EXIT.notPass : EXIT.ok;
}

function runJson(run: FetchRun, compact = false): string {
  const { items, ...counts } = run;
  return (compact ? jsonLine : toJson)({ ...counts, items: items.map(({ summary, ...rest }) => ({ ...rest, ...(summary ? { stored: summary.stored, duplicates: summary.duplicates, quarantined: summary.quarantined, reports: summary.reports } : {}) })) });
}

/** `inkan reports fetch`: store the reports of an IMAP mailbox, marking each message processed only after its commit. */
export async function reportsFetch(argv: string[], ctx: CliContext): Promise<number> {
  const { values, positionals } = parseCommandArgs(ctx, 'reports fetch', argv, OPTIONS);
  if (values.help) {
    ctx.out(ctx.t('reportsIo.fetch.help'));
    return EXIT.ok;
  }
  if (positionals.length) throw new UsageError(ctx.t('cli.error.extra-arguments', { args: positionals.join(' ') }), 'reports fetch');
  if (!values.imap) throw new UsageError(ctx.t('reportsIo.fetch.missing-imap'), 'reports fetch');
  const parsed = parseImapUrl(values.imap);
  if (!parsed.ok) {
    throw new UsageError(ctx.t('reportsIo.fetch.bad-url', { url: values.imap, reason: tDynamic(ctx.lang, `reportsIo.fetch.url.${parsed.error}`) }), 'reports fetch');
  }
  const target = parsed.target;
  const variable = values['password-env'] ?? 'INKAN_IMAP_PASSWORD';
  const password = target.password ?? ctx.env[variable];
  if (!password) throw new UsageError(ctx.t('reportsIo.fetch.no-password', { variable }), 'reports fetch');
  if (values['move-to'] && values.delete) throw new UsageError(ctx.t('reportsIo.fetch.move-and-delete'), 'reports fetch');
  const after: AfterIngest = values['move-to'] ? { action: 'move', mailbox: values['move-to'] } : values.delete ? { action: 'delete' } : { action: 'flag' };
  const ca = values.ca ? readOptionFile(ctx, 'reports fetch', values.ca) : undefined;
  const maxMessageBytes = parseByteCount(ctx, 'reports fetch', values['max-size'], DEFAULT_MAX_MESSAGE_BYTES);
  const store = await openStoreForCli(ctx, reportStoreLocation(values.db, ctx.env));
  if (!store) return EXIT.tempFail;
  const options = { target, password, after, maxMessageBytes, ingest: (input: Parameters<typeof ingest>[1]) => ingest(store, input), ...(ca ? { ca } : {}) };
  const server = `${target.host}:${target.port}`;
  try {
    if (values.watch) {
      const stop = stopOnSignals();
      if (!values.json) ctx.err(ctx.t('reportsIo.fetch.watching', { mailbox: `${server}/${target.mailbox}` }));
      try {
        await watchReports({
          ...options,
          signal: stop.signal,
          onPass: (run) => {
            if (values.json) ctx.out(runJson(run, true));
            else if (run.messages) ctx.out(renderRun(run, ctx));
          },
          onError: (e) => ctx.err(ctx.t('reportsIo.fetch.retrying', { error: e instanceof Error ? e.message : String(e) })),
        });
      } finally {
        stop.done();
      }
      return EXIT.ok;
    }
    let run: FetchRun;
    try {
      run = await fetchReports(options);
    } catch (e) {
      ctx.err(ctx.t('reportsIo.fetch.connect-failed', { server, error: e instanceof Error ? e.message : String(e) }));
      if (values.json) ctx.out(toJson({ error: 'connect', message: e instanceof Error ? e.message : String(e) }));
      return EXIT.tempFail;
    }
    ctx.out(values.json ? runJson(run) : renderRun(run, ctx));
    return runExitCode(run);
  } finally {
    await store.close();
  }
}
