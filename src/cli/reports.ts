import { stat } from 'node:fs/promises';
import { tDynamic } from '../i18n/index.js';
import { analyseDomain } from '../reports/analyse/domain.js';
import { collectFiles } from '../reports/files.js';
import { ingestMany, type FileInput, type IngestSummary, type StreamInput } from '../reports/ingest.js';
import { renderAdvice, renderSources, renderSummary } from '../reports/render.js';
import { listQuarantine, retryQuarantine } from '../reports/retry.js';
import { openReportStore } from '../reports/store/open.js';
import type { ReportStore } from '../reports/store/store.js';
import { COMMON_OPTIONS, DNS_OPTIONS, parseCommandArgs, parseMilliseconds } from './args.js';
import { EXIT, UsageError, type CliContext } from './context.js';
import { parseNow } from './input.js';
import { toJson } from './json.js';
import { jsonLine, reportsFetch, stopOnSignals } from './reports-fetch.js';
import { reportsReceive } from './reports-receive.js';
import { resolverFromOptions } from './resolver.js';
import type { Command } from './run.js';
import { defaultStoreLocation } from '../reports/store/location.js';
import { reportsGenerate, reportsSend } from './reports-generate.js';
import { reportsFailure } from './reports-failure.js';

export { defaultStoreLocation };

const OPTIONS = {
  ...COMMON_OPTIONS,
  ...DNS_OPTIONS,
  db: { type: 'string' },
  domain: { type: 'string' },
  since: { type: 'string' },
  until: { type: 'string' },
  'no-dns': { type: 'boolean' },
  watch: { type: 'boolean' },
  interval: { type: 'string' },
} as const;

async function withStore<T>(ctx: CliContext, location: string, json: boolean, body: (store: ReportStore) => Promise<T>): Promise<T | number> {
  let store: ReportStore;
  try {
    store = await openReportStore(location);
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    if (json) ctx.out(toJson({ error: 'store', message: reason }));
    ctx.err(`inkan reports: ${ctx.t('reports.cli.store-failed', { location: location.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@'), reason })}`);
    return EXIT.tempFail;
  }
  try {
    return await body(store);
  } finally {
    await store.close();
  }
}

async function* stdinChunks(ctx: CliContext): AsyncIterable<Uint8Array> {
  for await (const chunk of ctx.stdin) yield typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
}

/** A progress line on stderr, only when both streams are terminals. */
function progress(ctx: CliContext): ((text: string | undefined) => void) | undefined {
  if (!ctx.isTty || !process.stderr.isTTY) return undefined;
  return (text) => void process.stderr.write(text === undefined ? '\r\x1b[K' : `\r\x1b[K${text}`);
}

function describeReports(ctx: CliContext, input: string, s: IngestSummary): string[] {
  return s.reports.map((r) => {
    const kind = tDynamic(ctx.lang, `reports.kind.${r.kind}`);
    const ids = { kind, org: r.orgName ?? '?', id: r.reportId ?? '?', domain: r.domain ?? '?' };
    if (r.status === 'stored') return ctx.t('reports.import.stored', { ...ids, ...(r.records !== undefined ? { records: r.records } : {}) });
    if (r.status === 'duplicate') return ctx.t('reports.import.duplicate', ids);
    return ctx.t('reports.import.quarantined', { path: input, reason: tDynamic(ctx.lang, `reports.reason.${r.reason ?? 'unrecognized'}`) });
  });
}

/** What one import pass did, over all its inputs. */
interface ImportPass {
  totals: { stored: number; duplicates: number; quarantined: number };
  perInput: Array<{ input: string } & IngestSummary>;
  lines: string[];
  unreadable: string[];
}

/** Ingest the inputs (file paths, or "-" for stdin), several at a time so that their reports share commits, with the progress bar on a terminal. */
async function importPass(ctx: CliContext, store: ReportStore, inputs: readonly string[]): Promise<ImportPass> {
  const pass: ImportPass = { totals: { stored: 0, duplicates: 0, quarantined: 0 }, perInput: [], lines: [], unreadable: [] };
  const bar = progress(ctx);
  let records = 0;
  let done = 0;
  const show = (): void => bar?.(ctx.t('reports.import.progress', { done, total: inputs.length, records }));
  // Each file is opened when ingestMany takes it, so only its window of inputs is open at once.
  function* opened(): Generator<(FileInput | StreamInput) & { label: string }> {
    for (const input of inputs) yield input === '-' ? { label: input, chunks: stdinChunks(ctx), origin: 'stdin:' } : { label: input, path: input };
  }
  for await (const outcome of ingestMany(store, opened(), { onRecords: (n) => ((records += n), show()) })) {
    const input = outcome.input.label;
    if ('error' in outcome) {
      const code = (outcome.error as { code?: string }).code;
      if (code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR') {
        ctx.err(`inkan reports import: ${ctx.t('reports.cli.unreadable', { path: input })}`);
        pass.unreadable.push(input);
        continue;
      }
      throw outcome.error;
    }
    const summary: IngestSummary = outcome.summary;
    done++;
    show();
    pass.totals.stored += summary.stored;
    pass.totals.duplicates += summary.duplicates;
    pass.totals.quarantined += summary.quarantined;
    pass.perInput.push({ input, ...summary });
    pass.lines.push(...describeReports(ctx, input, summary));
  }
  bar?.(undefined);
  return pass;
}

/** Print a pass: text, or JSON (one line per pass when watching, so a reader can take them as JSON Lines). */
function printPass(ctx: CliContext, pass: ImportPass, missing: readonly string[], json: boolean, watching: boolean): void {
  if (json) ctx.out((watching ? jsonLine : toJson)({ ...pass.totals, inputs: pass.perInput, missing }));
  else {
    const hint = pass.totals.quarantined ? ['', ctx.t('reports.import.retry-hint')] : [];
    ctx.out([ctx.t('reports.import.summary', { inputs: pass.perInput.length, ...pass.totals }), ...pass.lines, ...hint].join('\n'));
  }
}

/** A file as last seen: a file is imported again only when its size or modification time changed. */
async function fileStamp(path: string): Promise<string | undefined> {
  const s = await stat(path).catch(() => undefined);
  return s?.isFile() ? `${s.size}:${s.mtimeMs}` : undefined;
}

async function runImport(ctx: CliContext, paths: string[], location: string, json: boolean, watch: { seconds: number } | undefined): Promise<number> {
  if (!paths.length) throw new UsageError(ctx.t('reports.cli.missing-path'), 'reports import');
  if (watch && paths.includes('-')) throw new UsageError(ctx.t('reports.cli.watch-stdin'), 'reports import');
  const { files, missing } = await collectFiles(paths.filter((p) => p !== '-'));
  const inputs: string[] = [...(paths.includes('-') ? ['-'] : []), ...files];
  for (const path of missing) ctx.err(`inkan reports import: ${ctx.t('reports.cli.not-found', { path })}`);
  if (!inputs.length && !watch) return EXIT.notPass;
  return withStore(ctx, location, json, async (store) => {
    const seen = new Map<string, string | undefined>();
    for (const f of files) seen.set(f, await fileStamp(f));
    const first = await importPass(ctx, store, inputs);
    printPass(ctx, first, missing, json, watch !== undefined);
    if (!watch) return first.totals.quarantined || missing.length || first.unreadable.length ? EXIT.notPass : EXIT.ok;
    // Watch: look again every few seconds and import what is new or changed (the store drops repeats anyway).
    if (!json) ctx.err(ctx.t('reports.import.watching', { seconds: watch.seconds }));
    const stop = stopOnSignals();
    try {
      while (!stop.signal.aborted) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, watch.seconds * 1000);
          stop.signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
        });
        if (stop.signal.aborted) break;
        const now = await collectFiles(paths);
        const fresh: string[] = [];
        for (const f of now.files) {
          const stamp = await fileStamp(f);
          if (stamp !== undefined && seen.get(f) !== stamp) fresh.push(f);
          seen.set(f, stamp);
        }
        if (fresh.length) printPass(ctx, await importPass(ctx, store, fresh), [], json, true);
      }
    } finally {
      stop.done();
    }
    return EXIT.ok;
  });
}

async function runRetry(ctx: CliContext, location: string, json: boolean): Promise<number> {
  return withStore(ctx, location, json, async (store) => {
    const summary = await retryQuarantine(store);
    const remaining = await listQuarantine(store);
    if (json) ctx.out(toJson({ ...summary, quarantine: remaining }));
    else {
      const lines = [ctx.t('reports.retry.summary', summary)];
      if (summary.withoutBytes) lines.push(ctx.t('reports.retry.without-bytes', { count: summary.withoutBytes }));
      for (const q of remaining) {
        const reason = q.reason.split(', ').map((code) => tDynamic(ctx.lang, `reports.reason.${code}`)).join('; ');
        lines.push(ctx.t('reports.retry.entry', { id: q.id, name: q.origin ?? q.name ?? '-', reason }));
      }
      ctx.out(lines.join('\n'));
    }
    return summary.remaining ? EXIT.notPass : EXIT.ok;
  });
}

type Values = ReturnType<typeof parseCommandArgs<typeof OPTIONS>>['values'];

async function runAnalysis(ctx: CliContext, sub: 'summary' | 'sources' | 'advise', values: Values, location: string): Promise<number> {
  const command = `reports ${sub}`;
  const domain = values.domain?.toLowerCase().replace(/\.$/, '');
  if (!domain) throw new UsageError(ctx.t('reports.cli.missing-domain'), command);
  const since = parseNow(ctx, command, values.since);
  const until = parseNow(ctx, command, values.until);
  const timeout = parseMilliseconds(ctx, command, 'timeout', values.timeout);
  const resolver = sub !== 'summary' && !values['no-dns'] ? await resolverFromOptions(ctx, command, { zone: values.zone, dns: values.dns, timeout }) : undefined;
  const scope = { domain, ...(since !== undefined ? { since: Math.floor(since / 1000) } : {}), ...(until !== undefined ? { until: Math.floor(until / 1000) } : {}) };
  return withStore(ctx, location, values.json ?? false, async (store) => {
    const analysis = await analyseDomain(store, scope, { now: Math.floor(Date.now() / 1000), ...(resolver ? { resolver } : {}) });
    const empty = analysis.summary.total.messages === 0 && analysis.summary.reports === 0;
    if (sub === 'summary') {
      ctx.out(values.json ? toJson(analysis.summary) : renderSummary(analysis.summary, ctx.lang));
      return empty ? EXIT.notPass : EXIT.ok;
    }
    if (sub === 'sources') {
      ctx.out(values.json ? toJson({ domain, sources: analysis.sources }) : renderSources(domain, analysis.sources, ctx.lang));
      const bad = analysis.sources.some((s) => s.classification === 'ours-failing' || s.classification === 'unknown');
      return empty || bad ? EXIT.notPass : EXIT.ok;
    }
    ctx.out(values.json ? toJson(analysis.advice) : renderAdvice(analysis.advice, ctx.lang));
    return analysis.advice.verdict === 'safe' || analysis.advice.verdict === 'at-reject' ? EXIT.ok : EXIT.notPass;
  });
}

async function run(argv: string[], ctx: CliContext): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === 'fetch') return reportsFetch(rest, ctx);
  if (sub === 'receive') return reportsReceive(rest, ctx);
  if (sub === 'generate') return reportsGenerate(rest, ctx);
  if (sub === 'send') return reportsSend(rest, ctx);
  if (sub === 'failure') return reportsFailure(rest, ctx);
  if (sub === undefined || sub === '--help' || sub === '-h' || sub === 'help') {
    ctx.out(ctx.t('reports.cli.help'));
    return sub === undefined ? EXIT.usage : EXIT.ok;
  }
  const { values, positionals } = parseCommandArgs(ctx, `reports ${sub}`, rest, OPTIONS);
  if (values.help) {
    ctx.out(ctx.t('reports.cli.help'));
    return EXIT.ok;
  }
  const location = defaultStoreLocation(ctx.env, values.db);
  const json = values.json ?? false;
  switch (sub) {
    case 'import':
      return runImport(ctx, positionals, location, json, values.watch ? { seconds: watchInterval(ctx, values.interval) } : undefined);
    case 'retry':
      if (positionals.length) throw new UsageError(ctx.t('cli.error.extra-arguments', { args: positionals.join(' ') }), 'reports retry');
      return runRetry(ctx, location, json);
    case 'summary':
    case 'sources':
    case 'advise':
      if (positionals.length) throw new UsageError(ctx.t('cli.error.extra-arguments', { args: positionals.join(' ') }), `reports ${sub}`);
      return runAnalysis(ctx, sub, values, location);
    default:
      throw new UsageError(sub.startsWith('-') ? ctx.t('reports.cli.missing-sub') : ctx.t('reports.cli.unknown-sub', { sub }), 'reports');
  }
}

/** Seconds between looks in watch mode (`--interval`, default 10). */
function watchInterval(ctx: CliContext, value: string | undefined): number {
  if (value === undefined) return 10;
  const seconds = Number(value);
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > 86_400) throw new UsageError(ctx.t('cli.error.bad-number', { option: 'interval', value }), 'reports import');
  return seconds;
}

/** `inkan reports`: import, store and analyse DMARC aggregate/failure and TLS reports. */
export const reportsCommand: Command = {
  name: 'reports',
  help: (ctx) => ctx.t('reports.cli.help'),
  run,
};
