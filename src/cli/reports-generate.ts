import { createReadStream } from 'node:fs';
import { mkdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { aggregateBuilder, type BuildResult, type Reporter } from '../reports/generate/aggregate.js';
import { aggregateReportFile, type AggregateReportFile } from '../reports/generate/file.js';
import { readRows } from '../reports/generate/rows.js';
import { validateAggregateXml } from '../reports/generate/schema.js';
import { emptySendState, isSendState, nextCycleAt, runSendCycle, type CycleReport, type SendCycle, type SendState } from '../reports/generate/periodic.js';
import { sendAggregateReport, type Delivery, type ReportDelivery } from '../reports/generate/send.js';
import { readStateFile, StateFileError, writeStateFile } from '../reports/generate/state.js';
import { COMMON_OPTIONS, DNS_OPTIONS, parseCommandArgs, parseMilliseconds } from './args.js';
import { EXIT, UsageError, type CliContext } from './context.js';
import { toJson } from './json.js';
import { jsonLine, readOptionFile, stopOnSignals } from './reports-fetch.js';
import { parseListen } from './reports-receive.js';
import { resolverFromOptions } from './resolver.js';

const GENERATE_OPTIONS = {
  ...COMMON_OPTIONS,
  rows: { type: 'string' },
  'org-name': { type: 'string' },
  email: { type: 'string' },
  'extra-contact-info': { type: 'string' },
  receiver: { type: 'string' },
  begin: { type: 'string' },
  end: { type: 'string' },
  out: { type: 'string' },
} as const;

const SEND_OPTIONS = {
  ...GENERATE_OPTIONS,
  ...DNS_OPTIONS,
  smtp: { type: 'string' },
  'smtp-ca': { type: 'string' },
  helo: { type: 'string' },
  every: { type: 'string' },
  delay: { type: 'string' },
  retry: { type: 'string' },
  state: { type: 'string' },
} as const;

const DAY = 86_400_000;

type GenerateValues = { [K in keyof typeof GENERATE_OPTIONS]?: (typeof GENERATE_OPTIONS)[K] extends { type: 'boolean' } ? boolean : string };

function parseTime(ctx: CliContext, command: string, option: string, value: string): Date {
  const ms = Date.parse(value);
  if (!Number.isFinite(ms)) throw new UsageError(ctx.t('reportsIo.generate.bad-time', { option, value }), command);
  return new Date(ms);
}

/** The reporter from `--org-name`, `--email`, `--receiver` (and `--extra-contact-info`), which are required. */
export function reporterFromOptions(ctx: CliContext, command: string, values: Pick<GenerateValues, 'org-name' | 'email' | 'receiver' | 'extra-contact-info'>): Reporter {
  for (const option of ['org-name', 'email', 'receiver'] as const) {
    if (!values[option]) throw new UsageError(ctx.t('reportsIo.generate.missing-option', { option }), command);
  }
  return {
    orgName: values['org-name']!,
    email: values.email!,
    domain: values.receiver!.toLowerCase(),
    ...(values['extra-contact-info'] ? { extraContactInfo: values['extra-contact-info'] } : {}),
  };
}

/** Reporter and period from the options (yesterday, UTC, by default). */
function reportSetup(ctx: CliContext, command: string, values: GenerateValues, now: number): { reporter: Reporter; begin: Date; end: Date } {
  if (!values.rows) throw new UsageError(ctx.t('reportsIo.generate.missing-option', { option: 'rows' }), command);
  const reporter = reporterFromOptions(ctx, command, values);
  const begin = values.begin ? parseTime(ctx, command, 'begin', values.begin) : new Date(Math.floor(now / DAY) * DAY - DAY);
  const end = values.end ? parseTime(ctx, command, 'end', values.end) : new Date(begin.getTime() + DAY);
  if (end.getTime() <= begin.getTime()) throw new UsageError(ctx.t('reportsIo.generate.bad-period'), command);
  return { reporter, begin, end };
}

/** Build the reports of the period from the rows file (or stdin), validating each against the schema rules. */
async function buildFiles(ctx: CliContext, command: string, values: GenerateValues, now: number) {
  const setup = reportSetup(ctx, command, values, now);
  const rowsFile = values.rows!;
  if (rowsFile !== '-') {
    const info = await stat(rowsFile).catch(() => undefined);
    if (!info?.isFile()) throw new UsageError(ctx.t('reportsIo.fetch.unreadable-file', { file: rowsFile }), command);
  }
  const bad = { count: 0 };
  const builder = aggregateBuilder(setup);
  for await (const row of readRows(rowsFile === '-' ? ctx.stdin : createReadStream(rowsFile), bad)) builder.add(row);
  const built: BuildResult = builder.finish();
  const files: AggregateReportFile[] = [];
  const invalid: Array<{ filename: string; problems: string[] }> = [];
  for (const report of built.reports) {
    const file = aggregateReportFile(report);
    const problems = validateAggregateXml(file.xml);
    if (problems.length) invalid.push({ filename: file.filename, problems: problems.map((p) => `${p.path}: ${p.rule}${p.detail ? ` (${p.detail})` : ''}`) });
    else files.push(file);
  }
  return { setup, built, files, invalid, badLines: bad.count };
}

function summaryOf(file: AggregateReportFile): { filename: string; policyDomain: string; reportId: string; records: number; messages: number; bytes: number } {
  const { report } = file;
  return { filename: file.filename, policyDomain: report.policyPublished.domain, reportId: report.reportId, records: report.records.length, messages: report.records.reduce((n, r) => n + r.count, 0), bytes: file.gzip.length };
}

function renderPreamble(ctx: CliContext, b: Awaited<ReturnType<typeof buildFiles>>): string[] {
  const lines = [ctx.t('reportsIo.generate.period', { begin: b.setup.begin.toISOString(), end: b.setup.end.toISOString() })];
  if (b.badLines) lines.push(ctx.t('reportsIo.generate.bad-lines', { count: b.badLines }));
  const s = b.built.skipped;
  if (s.noPolicy || s.noSourceIp || s.outOfPeriod) lines.push(ctx.t('reportsIo.generate.skipped', s));
  for (const i of b.invalid) lines.push(ctx.t('reportsIo.generate.invalid', { file: i.filename, problems: i.problems.join('; ') }));
  if (!b.built.reports.length) lines.push(ctx.t('reportsIo.generate.none'));
  return lines;
}

/** `inkan reports generate`: RFC 9990 aggregate reports from DMARC evaluation rows, gzipped under the standard names. */
export async function reportsGenerate(argv: string[], ctx: CliContext): Promise<number> {
  const { values, positionals } = parseCommandArgs(ctx, 'reports generate', argv, GENERATE_OPTIONS);
  if (values.help) {
    ctx.out(ctx.t('reportsIo.generate.help'));
    return EXIT.ok;
  }
  if (positionals.length) throw new UsageError(ctx.t('cli.error.extra-arguments', { args: positionals.join(' ') }), 'reports generate');
  const b = await buildFiles(ctx, 'reports generate', values, Date.now());
  const dir = values.out ?? '.';
  if (b.files.length) await mkdir(dir, { recursive: true });
  for (const file of b.files) await writeFile(join(dir, file.filename), file.gzip);
  if (values.json) {
    ctx.out(toJson({ begin: b.setup.begin.toISOString(), end: b.setup.end.toISOString(), reports: b.files.map(summaryOf), invalid: b.invalid, skipped: b.built.skipped, badLines: b.badLines }));
  } else {
    const lines = renderPreamble(ctx, b);
    for (const file of b.files) {
      const s = summaryOf(file);
      lines.push(ctx.t('reportsIo.generate.wrote', { file: join(dir, file.filename), records: s.records, messages: s.messages }));
    }
    ctx.out(lines.join('\n'));
  }
  return b.invalid.length ? EXIT.notPass : EXIT.ok;
}

/** The lines of one report's delivery: each destination's authorization, then each attempt. `ruf` for failure reports. */
export function renderDelivery(ctx: CliContext, d: Pick<ReportDelivery, 'filename' | 'policyDomain' | 'problem' | 'authorizations' | 'sends'>, tag: 'rua' | 'ruf' = 'rua'): string[] {
  const lines = [ctx.t('reportsIo.send.report', { file: d.filename, domain: d.policyDomain })];
  if (d.problem === 'no-destination' && tag === 'ruf') lines.push(ctx.t('reportsIo.failure.no-ruf-now', { domain: d.policyDomain }));
  else if (d.problem) lines.push(ctx.t(`reportsIo.send.problem.${d.problem}`, { domain: d.policyDomain }));
  for (const a of d.authorizations) {
    if (a.status === 'internal') lines.push(ctx.t('reportsIo.send.internal', { uri: a.uri }));
    else if (a.status === 'authorized') lines.push(ctx.t('reportsIo.send.authorized', { uri: a.uri, name: a.name }));
    else if (a.status === 'unauthorized') lines.push(ctx.t('reportsIo.send.unauthorized', { uri: a.uri, name: a.name ?? '', reason: a.reason }));
    else lines.push(ctx.t('reportsIo.send.temperror', { uri: a.uri, name: a.name }));
  }
  for (const s of d.sends) {
    if (s.status === 'sent') lines.push(ctx.t('reportsIo.send.sent', { address: s.address, response: s.response }));
    else lines.push(ctx.t(s.temporary ? 'reportsIo.send.failed-temporary' : 'reportsIo.send.failed', { address: s.address, reason: s.response }));
  }
  return lines;
}

/** Exit code of a send: 3 for anything temporary, 1 for a refusal or a destination left out, else 0. */
export function sendExitCode(deliveries: ReadonlyArray<Pick<ReportDelivery, 'problem' | 'authorizations' | 'sends'>>): number {
  const temp = deliveries.some((d) => d.problem === 'temperror' || d.authorizations.some((a) => a.status === 'temperror') || d.sends.some((s) => s.status === 'failed' && s.temporary));
  if (temp) return EXIT.tempFail;
  const partial = deliveries.some((d) => d.problem || d.authorizations.some((a) => a.status === 'unauthorized') || d.sends.some((s) => s.status === 'failed'));
  return partial ? EXIT.notPass : EXIT.ok;
}

/** `--smtp`: `HOST:PORT`, `smtp://HOST[:PORT]` (STARTTLS when offered, port 25) or `smtps://HOST[:PORT]` (TLS from the start, port 465). */
export function parseSmtpRelay(value: string): { host: string; port: number; secure: boolean } | undefined {
  const url = /^(smtps?):\/\/(?:\[([0-9A-Fa-f:.]+)\]|([A-Za-z0-9.-]+))(?::(\d{1,5}))?\/?$/i.exec(value);
  if (url) {
    const secure = url[1]!.toLowerCase() === 'smtps';
    const port = url[4] ? Number(url[4]) : secure ? 465 : 25;
    return port >= 1 && port <= 65535 ? { host: url[2] ?? url[3]!, port, secure } : undefined;
  }
  const plain = parseListen(value);
  return plain && plain.port >= 1 ? { ...plain, secure: false } : undefined;
}

/** Where report messages go: the `--smtp` relay (with `--smtp-ca`), else the MX of each destination. */
export function deliveryFromOptions(ctx: CliContext, command: string, values: { smtp?: string | undefined; 'smtp-ca'?: string | undefined }): Delivery {
  if (!values.smtp) return { via: 'mx' };
  const relay = parseSmtpRelay(values.smtp);
  if (!relay) throw new UsageError(ctx.t('reportsIo.generate.bad-smtp', { value: values.smtp }), command);
  const ca = values['smtp-ca'] ? readOptionFile(ctx, command, values['smtp-ca']) : undefined;
  return { via: 'relay', ...relay, ...(ca ? { ca } : {}) };
}

const DURATION_UNITS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: DAY };

/** A duration such as `30s`, `15m`, `1h`, `1d` (or `0`), in ms. */
function parseDuration(ctx: CliContext, command: string, option: string, value: string, min: number): number {
  const m = /^(\d{1,6})([smhd])$/.exec(value) ?? (value === '0' ? ['0', '0', 's'] : undefined);
  const ms = m ? Number(m[1]) * DURATION_UNITS[m[2]!]! : NaN;
  if (!(ms >= min) || ms > 366 * DAY) throw new UsageError(ctx.t('reportsIo.send.bad-duration', { option, value }), command);
  return ms;
}

/** A duration in the largest unit that divides it (`1d`, `90m`, `15s`). */
function formatDuration(ms: number): string {
  const [unit, size] = Object.entries(DURATION_UNITS).reverse().find(([, size]) => ms % size === 0) ?? ['s', 1000];
  return `${ms / size}${ms ? unit : 's'}`;
}

/** Load the sender's state (an empty one when the file does not exist yet). */
async function loadSendState(file: string): Promise<SendState> {
  const data = await readStateFile(file, 'aggregate-sends');
  if (data === undefined) return emptySendState();
  if (!isSendState(data)) throw new StateFileError(file, 'corrupt', 'not a report-sending state');
  return data;
}

/** The lines of one cycle (periodic mode, or a one-shot send with --state). */
function renderCycle(ctx: CliContext, cycle: SendCycle, badLines: number): string[] {
  const when = (ms: number): string => new Date(ms).toISOString();
  const lines = [ctx.t('reportsIo.send.cycle', { at: when(cycle.at) })];
  for (const p of cycle.periods) lines.push(ctx.t('reportsIo.generate.period', { begin: when(p.begin), end: when(p.end) }));
  for (const p of cycle.retried) lines.push(ctx.t('reportsIo.send.cycle-retry', { begin: when(p.begin), end: when(p.end) }));
  if (badLines) lines.push(ctx.t('reportsIo.generate.bad-lines', { count: badLines }));
  for (const i of cycle.invalid) lines.push(ctx.t('reportsIo.generate.invalid', { file: i.filename, problems: i.problems.join('; ') }));
  if (!cycle.reports.length) lines.push(ctx.t('reportsIo.send.cycle-nothing'));
  for (const r of cycle.reports) {
    lines.push(...renderDelivery(ctx, r));
    for (const address of r.alreadySent) lines.push(ctx.t('reportsIo.send.already-sent', { address }));
    for (const address of r.givenUp) lines.push(ctx.t('reportsIo.send.given-up', { address }));
  }
  return lines;
}

function cycleJson(cycle: SendCycle, badLines: number, next?: number): Record<string, unknown> {
  const when = (ms: number): string => new Date(ms).toISOString();
  return {
    at: when(cycle.at),
    periods: cycle.periods.map((p) => ({ begin: when(p.begin), end: when(p.end) })),
    retried: cycle.retried.map((p) => ({ begin: when(p.begin), end: when(p.end) })),
    reports: cycle.reports,
    invalid: cycle.invalid,
    badLines,
    pending: cycle.pending,
    ...(next !== undefined ? { next: when(next) } : {}),
  };
}

/** Exit code of a cycle, as for a plain send; what was sent before counts as sent. */
function cycleExitCode(cycle: SendCycle): number {
  if (cycle.invalid.length) return EXIT.notPass;
  return sendExitCode(cycle.reports.map((r: CycleReport) => r));
}

/** Wait `ms`, or less when `signal` aborts. */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise<void>((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, Math.max(0, ms));
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

type SendValues = ReturnType<typeof parseCommandArgs<typeof SEND_OPTIONS>>['values'];

/**
 * `reports send --state FILE [--every D]`: cycles of {@link runSendCycle}, the state saved atomically after
 * each attempt. Without `--every`, one cycle for the `--begin`/`--end` period; with it, a cycle at each period
 * boundary plus `--delay` (and every `--retry` while something temporary is pending) until SIGINT/SIGTERM.
 */
async function sendWithState(ctx: CliContext, values: SendValues, stateFile: string): Promise<number> {
  const command = 'reports send';
  const periodic = values.every !== undefined;
  if (periodic && (values.begin || values.end)) throw new UsageError(ctx.t('reportsIo.send.every-with-period'), command);
  if (!values.rows) throw new UsageError(ctx.t('reportsIo.generate.missing-option', { option: 'rows' }), command);
  if (values.rows === '-') throw new UsageError(ctx.t('reportsIo.send.state-stdin'), command);
  const rowsFile = values.rows;
  const every = periodic ? parseDuration(ctx, command, 'every', values.every!, 1000) : 0;
  const delay = values.delay !== undefined ? parseDuration(ctx, command, 'delay', values.delay, 0) : periodic ? Math.min(every / 4, 3_600_000) : 0;
  const retry = values.retry !== undefined ? parseDuration(ctx, command, 'retry', values.retry, 1000) : Math.min(every || 900_000, 900_000);
  if (!periodic && (values.delay !== undefined || values.retry !== undefined)) throw new UsageError(ctx.t('reportsIo.send.needs-every'), command);
  const setup = periodic ? { reporter: reporterFromOptions(ctx, command, values), begin: new Date(0), end: new Date(0) } : reportSetup(ctx, command, values, Date.now());
  const delivery = deliveryFromOptions(ctx, command, values);
  const timeout = parseMilliseconds(ctx, command, 'timeout', values.timeout);
  const resolver = await resolverFromOptions(ctx, command, { zone: values.zone, dns: values.dns, timeout });
  let state: SendState;
  try {
    state = await loadSendState(stateFile);
  } catch (e) {
    ctx.err(ctx.t('reportsIo.send.state-error', { error: e instanceof Error ? e.message : String(e) }));
    return e instanceof StateFileError && e.reason === 'corrupt' ? EXIT.notPass : EXIT.tempFail;
  }
  try {
    // Written once before anything is sent: a state that cannot be saved must not lead to mail that is sent again.
    await writeStateFile(stateFile, 'aggregate-sends', state);
  } catch (e) {
    ctx.err(ctx.t('reportsIo.send.state-error', { error: e instanceof Error ? e.message : String(e) }));
    return EXIT.tempFail;
  }
  const bad = { count: 0 };
  const out = values.out;
  const options = {
    reporter: setup.reporter,
    rows: () => readRows(createReadStream(rowsFile), bad),
    send: { resolver, delivery, heloName: values.helo ?? setup.reporter.domain },
    save: (s: SendState) => writeStateFile(stateFile, 'aggregate-sends', s),
    ...(out !== undefined ? { keep: async (file: AggregateReportFile) => (await mkdir(out, { recursive: true }), await writeFile(join(out, file.filename), file.gzip)) } : {}),
  };
  if (!periodic) {
    const info = await stat(rowsFile).catch(() => undefined);
    if (!info?.isFile()) throw new UsageError(ctx.t('reportsIo.fetch.unreadable-file', { file: rowsFile }), command);
    let cycle: SendCycle;
    try {
      cycle = await runSendCycle(state, Date.now(), { ...options, periods: [{ begin: setup.begin.getTime(), end: setup.end.getTime() }] });
    } catch (e) {
      if (!(e instanceof StateFileError)) throw e;
      ctx.err(ctx.t('reportsIo.send.state-error', { error: e.message }));
      return EXIT.tempFail;
    }
    ctx.out(values.json ? toJson(cycleJson(cycle, bad.count)) : renderCycle(ctx, cycle, bad.count).join('\n'));
    return cycleExitCode(cycle);
  }
  if (!values.json) ctx.err(ctx.t('reportsIo.send.every-start', { every: formatDuration(every), delay: formatDuration(delay), state: stateFile }));
  const stop = stopOnSignals();
  try {
    while (!stop.signal.aborted) {
      const now = Date.now();
      bad.count = 0;
      let cycle: SendCycle | undefined;
      try {
        cycle = await runSendCycle(state, now, { ...options, schedule: { every, delay }, signal: stop.signal });
      } catch (e) {
        if (e instanceof StateFileError) {
          ctx.err(ctx.t('reportsIo.send.state-error', { error: e.message }));
          return EXIT.tempFail;
        }
        ctx.err(ctx.t('reportsIo.send.cycle-error', { error: e instanceof Error ? e.message : String(e) }));
        // The rows could not be read (a rotation in progress?): nothing was sent; the next look tries again.
        state = await loadSendState(stateFile).catch(() => state);
      }
      const regular = nextCycleAt(Date.now(), every, delay);
      const next = cycle?.pending || !cycle ? Math.min(regular, Date.now() + retry) : regular;
      if (cycle) {
        if (values.json) ctx.out(jsonLine(cycleJson(cycle, bad.count, next)));
        else ctx.err([...renderCycle(ctx, cycle, bad.count), ctx.t('reportsIo.send.next', { at: new Date(next).toISOString(), pending: cycle.pending })].join('\n'));
      }
      await sleep(next - Date.now(), stop.signal);
    }
  } finally {
    stop.done();
  }
  if (!values.json) ctx.err(ctx.t('reportsIo.send.stopped'));
  return EXIT.ok;
}

/** `inkan reports send`: generate the period's aggregate reports and mail each to its policy's authorized `rua` destinations. */
export async function reportsSend(argv: string[], ctx: CliContext): Promise<number> {
  const { values, positionals } = parseCommandArgs(ctx, 'reports send', argv, SEND_OPTIONS);
  if (values.help) {
    ctx.out(ctx.t('reportsIo.send.help'));
    return EXIT.ok;
  }
  if (positionals.length) throw new UsageError(ctx.t('cli.error.extra-arguments', { args: positionals.join(' ') }), 'reports send');
  if (values.state !== undefined) return sendWithState(ctx, values, values.state);
  if (values.every !== undefined) throw new UsageError(ctx.t('reportsIo.send.every-needs-state'), 'reports send');
  if (values.delay !== undefined || values.retry !== undefined) throw new UsageError(ctx.t('reportsIo.send.needs-every'), 'reports send');
  const delivery = deliveryFromOptions(ctx, 'reports send', values);
  const timeout = parseMilliseconds(ctx, 'reports send', 'timeout', values.timeout);
  const resolver = await resolverFromOptions(ctx, 'reports send', { zone: values.zone, dns: values.dns, timeout });
  const b = await buildFiles(ctx, 'reports send', values, Date.now());
  if (values.out && b.files.length) {
    await mkdir(values.out, { recursive: true });
    for (const file of b.files) await writeFile(join(values.out, file.filename), file.gzip);
  }
  const deliveries: ReportDelivery[] = [];
  for (const file of b.files) deliveries.push(await sendAggregateReport(file, { resolver, delivery, heloName: values.helo ?? b.setup.reporter.domain }));
  if (values.json) {
    ctx.out(toJson({ begin: b.setup.begin.toISOString(), end: b.setup.end.toISOString(), reports: b.files.map(summaryOf), invalid: b.invalid, skipped: b.built.skipped, badLines: b.badLines, deliveries }));
  } else {
    const lines = renderPreamble(ctx, b);
    for (const d of deliveries) lines.push(...renderDelivery(ctx, d));
    ctx.out(lines.join('\n'));
  }
  if (b.invalid.length) return EXIT.notPass;
  return sendExitCode(deliveries);
}
