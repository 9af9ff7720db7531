import { createReadStream } from 'node:fs';
import { mkdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { aggregateBuilder, type BuildResult, type Reporter } from '../reports/generate/aggregate.js';
import { aggregateReportFile, type AggregateReportFile } from '../reports/generate/file.js';
import { readRows } from '../reports/generate/rows.js';
import { validateAggregateXml } from '../reports/generate/schema.js';
import { sendAggregateReport, type ReportDelivery } from '../reports/generate/send.js';
import { COMMON_OPTIONS, DNS_OPTIONS, parseCommandArgs, parseMilliseconds } from './args.js';
import { EXIT, UsageError, type CliContext } from './context.js';
import { toJson } from './json.js';
import { readOptionFile } from './reports-fetch.js';
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
} as const;

const DAY = 86_400_000;

type GenerateValues = { [K in keyof typeof GENERATE_OPTIONS]?: (typeof GENERATE_OPTIONS)[K] extends { type: 'boolean' } ? boolean : string };

function parseTime(ctx: CliContext, command: string, option: string, value: string): Date {
  const ms = Date.parse(value);
  if (!Number.isFinite(ms)) throw new UsageError(ctx.t('reportsIo.generate.bad-time', { option, value }), command);
  return new Date(ms);
}

/** Reporter and period from the options (yesterday, UTC, by default). */
function reportSetup(ctx: CliContext, command: string, values: GenerateValues, now: number): { reporter: Reporter; begin: Date; end: Date } {
  for (const option of ['rows', 'org-name', 'email', 'receiver'] as const) {
    if (!values[option]) throw new UsageError(ctx.t('reportsIo.generate.missing-option', { option }), command);
  }
  const begin = values.begin ? parseTime(ctx, command, 'begin', values.begin) : new Date(Math.floor(now / DAY) * DAY - DAY);
  const end = values.end ? parseTime(ctx, command, 'end', values.end) : new Date(begin.getTime() + DAY);
  if (end.getTime() <= begin.getTime()) throw new UsageError(ctx.t('reportsIo.generate.bad-period'), command);
  const reporter: Reporter = {
    orgName: values['org-name']!,
    email: values.email!,
    domain: values.receiver!.toLowerCase(),
    ...(values['extra-contact-info'] ? { extraContactInfo: values['extra-contact-info'] } : {}),
  };
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

function renderDelivery(ctx: CliContext, d: ReportDelivery): string[] {
  const lines = [ctx.t('reportsIo.send.report', { file: d.filename, domain: d.policyDomain })];
  if (d.problem) lines.push(ctx.t(`reportsIo.send.problem.${d.problem}`, { domain: d.policyDomain }));
  for (const a of d.authorizations) {
    if (a.status === 'internal') lines.push(ctx.t('reportsIo.send.internal', { uri: a.uri }));
    else if (a.status === 'authorized') lines.push(ctx.t('reportsIo.send.authorized', { uri: a.uri, name: a.name }));
    else if (a.status === 'unauthorized') lines.push(ctx.t('reportsIo.send.unauthorized', { uri: a.uri, name: a.name ?? '', reason: a.reason }));
    else lines.push(ctx.t('reportsIo.send.temperror', { uri: a.uri, name: a.name }));
  }
  for (const s of d.sends) {
    lines.push(s.status === 'sent' ? ctx.t('reportsIo.send.sent', { address: s.address, response: s.response }) : ctx.t('reportsIo.send.failed', { address: s.address, reason: s.response }));
  }
  return lines;
}

/** Exit code of a send: 3 for anything temporary, 1 for a refusal or a destination left out, else 0. */
function sendExitCode(deliveries: ReportDelivery[]): number {
  const temp = deliveries.some((d) => d.problem === 'temperror' || d.authorizations.some((a) => a.status === 'temperror') || d.sends.some((s) => s.status === 'failed' && s.temporary));
  if (temp) return EXIT.tempFail;
  const partial = deliveries.some((d) => d.problem || d.authorizations.some((a) => a.status === 'unauthorized') || d.sends.some((s) => s.status === 'failed'));
  return partial ? EXIT.notPass : EXIT.ok;
}

/** `inkan reports send`: generate the period's aggregate reports and mail each to its policy's authorized `rua` destinations. */
export async function reportsSend(argv: string[], ctx: CliContext): Promise<number> {
  const { values, positionals } = parseCommandArgs(ctx, 'reports send', argv, SEND_OPTIONS);
  if (values.help) {
    ctx.out(ctx.t('reportsIo.send.help'));
    return EXIT.ok;
  }
  if (positionals.length) throw new UsageError(ctx.t('cli.error.extra-arguments', { args: positionals.join(' ') }), 'reports send');
  let relay: { host: string; port: number } | undefined;
  if (values.smtp) {
    relay = parseListen(values.smtp);
    if (!relay) throw new UsageError(ctx.t('reportsIo.generate.bad-smtp', { value: values.smtp }), 'reports send');
  }
  const ca = values['smtp-ca'] ? readOptionFile(ctx, 'reports send', values['smtp-ca']) : undefined;
  const timeout = parseMilliseconds(ctx, 'reports send', 'timeout', values.timeout);
  const resolver = await resolverFromOptions(ctx, 'reports send', { zone: values.zone, dns: values.dns, timeout });
  const b = await buildFiles(ctx, 'reports send', values, Date.now());
  if (values.out && b.files.length) {
    await mkdir(values.out, { recursive: true });
    for (const file of b.files) await writeFile(join(values.out, file.filename), file.gzip);
  }
  const deliveries: ReportDelivery[] = [];
  for (const file of b.files) {
    deliveries.push(
      await sendAggregateReport(file, {
        resolver,
        delivery: relay ? { via: 'relay', ...relay, ...(ca ? { ca } : {}) } : { via: 'mx' },
        heloName: values.helo ?? b.setup.reporter.domain,
      }),
    );
  }
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
