import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseIp } from '../dns/ip.js';
import { splitMessage } from '../message/split.js';
import { failureDecision, takeFailureSlot, type FailureCounts, type FailureDecision, type RateLimitOutcome } from '../reports/generate/failure-due.js';
import { buildFailureReport, checkFailureReport, failureReportFilename, MAX_REPORTED_HEADER, type FailureReportMessage } from '../reports/generate/failure.js';
import { reportDestinations, sendFailureReport, type Destinations, type ReportDelivery } from '../reports/generate/send.js';
import { readStateFile, StateFileError, withStateLock, writeStateFile } from '../reports/generate/state.js';
import { verify, type VerifyResult } from '../verify.js';
import { COMMON_OPTIONS, DNS_OPTIONS, parseCommandArgs, parseMilliseconds, SMTP_OPTIONS } from './args.js';
import { EXIT, UsageError, type CliContext } from './context.js';
import { messageInput, parseNow } from './input.js';
import { toJson } from './json.js';
import { deliveryFromOptions, renderDelivery, reporterFromOptions, sendExitCode } from './reports-generate.js';
import { resolverFromOptions } from './resolver.js';

const COMMAND = 'reports failure';

const OPTIONS = {
  ...COMMON_OPTIONS,
  ...DNS_OPTIONS,
  ...SMTP_OPTIONS,
  'org-name': { type: 'string' },
  email: { type: 'string' },
  receiver: { type: 'string' },
  out: { type: 'string' },
  send: { type: 'boolean' },
  smtp: { type: 'string' },
  'smtp-ca': { type: 'string' },
  state: { type: 'string' },
  'max-per-hour': { type: 'string' },
} as const;

/** Largest message read (the report keeps only the header, but DKIM needs the body). */
const MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

/** Failure reports per policy domain per hour when `--state` is given without `--max-per-hour`. */
const DEFAULT_MAX_PER_HOUR = 10;

async function readMessage(ctx: CliContext, file: string | undefined): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of await messageInput(ctx, COMMAND, file)) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'latin1') : Buffer.from(chunk);
    size += bytes.length;
    if (size > MAX_MESSAGE_BYTES) throw new UsageError(ctx.t('reportsIo.failure.too-large', { max: MAX_MESSAGE_BYTES }), COMMAND);
    chunks.push(bytes);
  }
  return Buffer.concat(chunks);
}

/** The header section of the message, up to and including the blank line (or a bounded prefix when it cannot be split). */
function headerOf(message: Buffer): Buffer {
  const split = splitMessage(message);
  return split.ok ? message.subarray(0, split.bodyOffset) : message.subarray(0, MAX_REPORTED_HEADER);
}

/** RFC 6591 `Delivery-Result` from the DMARC disposition. */
function deliveryResult(result: VerifyResult): 'delivered' | 'spam' | 'reject' {
  return result.dmarc.disposition === 'reject' ? 'reject' : result.dmarc.disposition === 'quarantine' ? 'spam' : 'delivered';
}

/** Count this report against the hourly limit in the state file (locked, so parallel runs count correctly). */
async function takeSlot(file: string, policyDomain: string, now: number, max: number): Promise<RateLimitOutcome> {
  return withStateLock(file, async () => {
    const data = await readStateFile(file, 'failure-counts');
    const counts: FailureCounts = {};
    for (const [domain, entry] of Object.entries((data ?? {}) as Record<string, unknown>)) {
      const e = entry as { hour?: unknown; count?: unknown } | null;
      if (e && typeof e.hour === 'number' && typeof e.count === 'number') counts[domain] = { hour: e.hour, count: e.count };
    }
    const outcome = takeFailureSlot(counts, policyDomain, now, max);
    if (outcome.allowed) await writeStateFile(file, 'failure-counts', counts);
    return outcome;
  });
}

/** What the command found and did: the body of `--json`. */
interface FailureRun {
  dmarc: { result: string; authorDomain?: string; disposition: string };
  decision: FailureDecision;
  destinations?: Destinations;
  report?: { messageId: string; subject: string; selfCheck: string[]; file?: string };
  rateLimit?: RateLimitOutcome;
  delivery?: ReportDelivery;
}

function renderRun(ctx: CliContext, run: FailureRun, dryRun: boolean): string {
  const d = run.decision;
  const lines = [ctx.t('reportsIo.failure.dmarc', { result: run.dmarc.result, domain: run.dmarc.authorDomain ?? '-', policy: d.policyDomain ?? '-', fo: d.fo.join(':') || '-' })];
  const triggers = d.triggers.map((tr) => ctx.t(`reportsIo.failure.trigger.${tr}`));
  if (d.due) lines.push(ctx.t('reportsIo.failure.due'), ...triggers.map((t) => `  ${t}`));
  else {
    lines.push(ctx.t(`reportsIo.failure.not-due.${d.reason}`, { domain: d.policyDomain ?? run.dmarc.authorDomain ?? '-', fo: d.fo.join(':') }));
    if (d.reason === 'no-ruf' && triggers.length) lines.push(ctx.t('reportsIo.failure.would-trigger'), ...triggers.map((t) => `  ${t}`));
  }
  if (run.report) {
    if (run.report.selfCheck.length) lines.push(ctx.t('reportsIo.failure.check-failed', { problems: run.report.selfCheck.join('; ') }));
    else lines.push(ctx.t('reportsIo.failure.checked', { id: run.report.messageId }));
  }
  if (run.rateLimit) {
    const params = { domain: d.policyDomain ?? '-', count: run.rateLimit.count, max: run.rateLimit.max };
    lines.push(ctx.t(run.rateLimit.allowed ? 'reportsIo.failure.rate' : 'reportsIo.failure.rate-limited', params));
  }
  if (run.report?.file) lines.push(ctx.t('reportsIo.failure.wrote', { file: run.report.file }));
  if (d.due && dryRun && !run.report?.selfCheck.length) lines.push(ctx.t('reportsIo.failure.dry-run'));
  if (run.delivery) lines.push(...renderDelivery(ctx, run.delivery, 'ruf'));
  else if (run.destinations && d.policyDomain) {
    lines.push(...renderDelivery(ctx, { filename: run.report?.messageId ?? '-', policyDomain: d.policyDomain, authorizations: run.destinations.authorizations, sends: [], ...(run.destinations.problem ? { problem: run.destinations.problem } : {}) }, 'ruf'));
  }
  return lines.join('\n');
}

/** Exit code: 0 nothing due or done; 1 self-check failed, or (--send) a destination refused or not authorized; 3 temporary. */
function exitCode(run: FailureRun, sending: boolean): number {
  if (!run.decision.due) return run.decision.reason === 'temperror' ? EXIT.tempFail : EXIT.ok;
  if (run.report?.selfCheck.length) return EXIT.notPass;
  if (run.destinations?.problem === 'temperror') return EXIT.tempFail;
  if (!sending || (run.rateLimit && !run.rateLimit.allowed)) return EXIT.ok;
  if (run.delivery) return sendExitCode([run.delivery]);
  // --send with no address to send to: every ruf destination was refused authorization (or a lookup failed).
  const d = run.destinations;
  return d && sendExitCode([{ ...d, sends: [] }]) === EXIT.tempFail ? EXIT.tempFail : EXIT.notPass;
}

/**
 * `inkan reports failure FILE|-`: verify one message as `inkan verify` does and, when its policy's `fo` asks for
 * it and a `ruf` exists, build the RFC 9991 failure report, read it back, and write it (`--out`) and/or mail it
 * to each authorized `ruf` address (`--send`), within an hourly limit per policy domain (`--state`).
 */
export async function reportsFailure(argv: string[], ctx: CliContext): Promise<number> {
  const { values, positionals } = parseCommandArgs(ctx, COMMAND, argv, OPTIONS);
  if (values.help) {
    ctx.out(ctx.t('reportsIo.failure.help'));
    return EXIT.ok;
  }
  const [file, ...extra] = positionals;
  if (extra.length) throw new UsageError(ctx.t('cli.error.extra-arguments', { args: extra.join(' ') }), COMMAND);
  if (values.ip === undefined) throw new UsageError(ctx.t('cli.error.missing-option', { option: 'ip' }), COMMAND);
  if (!parseIp(values.ip)) throw new UsageError(ctx.t('cli.error.bad-ip', { value: values.ip }), COMMAND);
  const reporter = reporterFromOptions(ctx, COMMAND, values);
  if (values['max-per-hour'] !== undefined && values.state === undefined) throw new UsageError(ctx.t('reportsIo.failure.max-needs-state'), COMMAND);
  const maxPerHour = values['max-per-hour'] !== undefined ? parseMilliseconds(ctx, COMMAND, 'max-per-hour', values['max-per-hour'])! : DEFAULT_MAX_PER_HOUR;
  if ((values.smtp || values['smtp-ca']) && !values.send) throw new UsageError(ctx.t('reportsIo.failure.smtp-needs-send'), COMMAND);
  const delivery = deliveryFromOptions(ctx, COMMAND, values);
  const now = parseNow(ctx, COMMAND, values.now) ?? Date.now();
  const timeout = parseMilliseconds(ctx, COMMAND, 'timeout', values.timeout);
  const resolver = await resolverFromOptions(ctx, COMMAND, { zone: values.zone, dns: values.dns, timeout });
  const message = await readMessage(ctx, file);
  const result = await verify(message, {
    ip: values.ip,
    ...(values.helo !== undefined ? { helo: values.helo } : {}),
    ...(values['mail-from'] !== undefined ? { mailFrom: values['mail-from'] } : {}),
    authservId: values['authserv-id'] ?? reporter.domain,
    resolver,
    now,
  });
  const decision = failureDecision(result.dmarc);
  const run: FailureRun = {
    dmarc: { result: result.dmarc.result, disposition: result.dmarc.disposition, ...(result.dmarc.authorDomain ? { authorDomain: result.dmarc.authorDomain } : {}) },
    decision,
  };
  if (decision.due) {
    const arrivalDate = new Date(now);
    const report: FailureReportMessage = buildFailureReport({
      reporter,
      row: result.dmarc.report,
      originalHeader: headerOf(message),
      authenticationResults: result.authenticationResults.replace(/^Authentication-Results:\s*/i, ''),
      ...(values['mail-from'] !== undefined ? { originalMailFrom: values['mail-from'] } : {}),
      arrivalDate,
      deliveryResult: deliveryResult(result),
      now: new Date(),
    });
    const selfCheck = checkFailureReport(report, result.dmarc.report);
    run.report = { messageId: report.messageId, subject: report.subject, selfCheck };
    const found = await reportDestinations(decision.policyDomain, 'ruf', resolver);
    run.destinations = found;
    const produce = !selfCheck.length && (values.out !== undefined || (values.send && found.addresses.length > 0));
    if (produce && values.state !== undefined) {
      try {
        run.rateLimit = await takeSlot(values.state, decision.policyDomain, now, maxPerHour);
      } catch (e) {
        ctx.err(ctx.t('reportsIo.send.state-error', { error: e instanceof Error ? e.message : String(e) }));
        if (values.json) ctx.out(toJson({ ...run, error: 'state' }));
        return e instanceof StateFileError && (e.reason === 'corrupt' || e.reason === 'wrong-kind') ? EXIT.notPass : EXIT.tempFail;
      }
    }
    if (produce && (!run.rateLimit || run.rateLimit.allowed)) {
      if (values.out !== undefined) {
        await mkdir(values.out, { recursive: true });
        const path = join(values.out, failureReportFilename(reporter, decision.policyDomain, arrivalDate, report.messageId));
        await writeFile(path, report.raw, 'latin1');
        run.report.file = path;
      }
      if (values.send) run.delivery = await sendFailureReport(report, decision.policyDomain, reporter.email, { resolver, delivery, heloName: reporter.domain }, found);
    }
  }
  ctx.out(values.json ? toJson(run) : renderRun(ctx, run, values.out === undefined && !values.send));
  return exitCode(run, Boolean(values.send));
}
