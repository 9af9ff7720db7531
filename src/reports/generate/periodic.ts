import type { Authorization } from './authorize.js';
import { aggregateBuilder, type AggregateBuilder, type Reporter, type TimedRow } from './aggregate.js';
import { aggregateFilename, aggregateReportFile, type AggregateReportFile } from './file.js';
import { validateAggregateXml } from './schema.js';
import { deliverAggregateReport, reportDestinations, type ReportDelivery, type SendOptions, type SendOutcome } from './send.js';

/** One reporting period, ms since the epoch, `begin` inclusive, `end` exclusive. */
export interface Period {
  begin: number;
  end: number;
}

/** What became of one destination address of one report. `retry` is temporary; the others are final. */
export interface AddressState {
  status: 'sent' | 'failed' | 'retry' | 'given-up';
  attempts: number;
  /** When the last attempt was made (ISO 8601). */
  at: string;
  /** The server's reply, or the error. */
  response: string;
}

/** The sending record of one report (policy domain + period). */
export interface ReportSendState {
  policyDomain: string;
  /** The period, seconds since the epoch (as in the report). */
  begin: number;
  end: number;
  reportId: string;
  /** Why no address was tried at the last attempt. */
  problem?: ReportDelivery['problem'];
  /** A DNS failure (the policy record, or an authorization) left destinations to find at the next cycle. */
  dnsPending: boolean;
  /** Cycles that worked on this report. */
  attempts: number;
  addresses: Record<string, AddressState>;
}

/** What the periodic sender remembers between cycles and across restarts. */
export interface SendState {
  /** End (ms) of the latest period already built: later cycles start after it. */
  scheduledThrough?: number;
  /** By `policy-domain!begin!end` (seconds). */
  reports: Record<string, ReportSendState>;
}

/** A new, empty {@link SendState}. */
export function emptySendState(): SendState {
  return { reports: {} };
}

/** Whether a value read from a state file has the shape of a {@link SendState}. */
export function isSendState(v: unknown): v is SendState {
  if (typeof v !== 'object' || v === null) return false;
  const s = v as { scheduledThrough?: unknown; reports?: unknown };
  if (s.scheduledThrough !== undefined && typeof s.scheduledThrough !== 'number') return false;
  if (typeof s.reports !== 'object' || s.reports === null) return false;
  return Object.values(s.reports).every((r: unknown) => {
    const e = r as Partial<ReportSendState> | null;
    return typeof e === 'object' && e !== null && typeof e.policyDomain === 'string' && typeof e.begin === 'number' && typeof e.end === 'number' && typeof e.attempts === 'number' && typeof e.addresses === 'object' && e.addresses !== null;
  });
}

/** Cycles a report is worked on before what is still temporary is given up. */
export const DEFAULT_MAX_ATTEMPTS = 20;

/** Most missed periods built at once after a pause (the rest are left: their rows are likely gone anyway). */
export const MAX_CATCH_UP = 31;

/** How long a report's record is kept after the last attempt on it (a re-run of an older period is not caught). */
export const KEEP_STATE_MS = 40 * 86_400_000;

/**
 * The periods a cycle at `now` builds: periods of length `every`, aligned to the Unix epoch (so `1d` is a UTC
 * day and `1h` a clock hour), that ended at least `delay` ago and begin at or after `scheduledThrough`.
 * The first run (no `scheduledThrough`) takes only the latest one; after a pause, at most {@link MAX_CATCH_UP}.
 */
export function duePeriods(now: number, every: number, delay: number, scheduledThrough: number | undefined): Period[] {
  const lastEnd = Math.floor((now - delay) / every) * every;
  const first = scheduledThrough === undefined ? lastEnd - every : Math.max(Math.ceil(scheduledThrough / every) * every, lastEnd - MAX_CATCH_UP * every);
  const periods: Period[] = [];
  for (let begin = first; begin + every <= lastEnd; begin += every) periods.push({ begin, end: begin + every });
  return periods;
}

/** When the next period ends and its delay has passed: the time of the next regular cycle. */
export function nextCycleAt(now: number, every: number, delay: number): number {
  return (Math.floor((now - delay) / every) + 1) * every + delay;
}

/** One report as a cycle handled it. */
export interface CycleReport {
  policyDomain: string;
  /** Seconds since the epoch. */
  begin: number;
  end: number;
  filename: string;
  reportId: string;
  records: number;
  messages: number;
  problem?: ReportDelivery['problem'];
  authorizations: Authorization[];
  /** Attempts made in this cycle. */
  sends: SendOutcome[];
  /** Addresses that had it already (an earlier cycle or run). */
  alreadySent: string[];
  /** Addresses whose temporary failures were given up in this cycle. */
  givenUp: string[];
  /** Whether something is left for a later cycle. */
  pending: boolean;
}

/** What one cycle did. */
export interface SendCycle {
  /** The cycle's time (ms). */
  at: number;
  /** The periods built for the first time. */
  periods: Period[];
  /** Periods built again to retry temporary failures. */
  retried: Period[];
  reports: CycleReport[];
  /** Reports that broke a schema rule (not sent). */
  invalid: Array<{ filename: string; problems: string[] }>;
  /** Reports with something left for a later cycle, after this one. */
  pending: number;
}

/** Options of {@link runSendCycle}. */
export interface CycleOptions {
  reporter: Reporter;
  /** The evaluation rows, read afresh each cycle (late rows are included). */
  rows: () => AsyncIterable<TimedRow>;
  send: SendOptions;
  /** Persist the state; called after every attempt, so a crash never leads to a re-send. */
  save: (state: SendState) => Promise<void>;
  /** Periodic mode: `every` and `delay` (ms) choose the periods. */
  schedule?: { every: number; delay: number };
  /** One-shot mode: build these periods (when their reports are not done yet). */
  periods?: Period[];
  maxAttempts?: number;
  /** Called with each report before it is sent (to keep a copy). */
  keep?: (file: AggregateReportFile) => Promise<void>;
  /** Stop between reports when aborted (what was done is saved). */
  signal?: AbortSignal;
}

function stateKey(policyDomain: string, begin: number, end: number): string {
  return `${policyDomain}!${begin}!${end}`;
}

function isPending(entry: ReportSendState): boolean {
  return entry.dnsPending || Object.values(entry.addresses).some((a) => a.status === 'retry');
}

function samePeriod(a: Period, b: Period): boolean {
  return a.begin === b.begin && a.end === b.end;
}

/** The last attempt on a report (its period's end when none was made). */
function lastTouched(entry: ReportSendState): number {
  return Math.max(entry.end * 1000, ...Object.values(entry.addresses).map((a) => Date.parse(a.at) || 0));
}

/** A report that needs nothing more, as a cycle shows it. */
function doneReport(entry: ReportSendState): Omit<CycleReport, 'filename' | 'records' | 'messages'> {
  const sent = Object.entries(entry.addresses).filter(([, a]) => a.status === 'sent').map(([address]) => address);
  return { policyDomain: entry.policyDomain, begin: entry.begin, end: entry.end, reportId: entry.reportId, ...(entry.problem ? { problem: entry.problem } : {}), authorizations: [], sends: [], alreadySent: sent, givenUp: [], pending: false };
}

/** Give up what is still temporary: the report has had its attempts, or can no longer be built. */
function giveUp(entry: ReportSendState, at: string, why: string): string[] {
  const given: string[] = [];
  for (const [address, a] of Object.entries(entry.addresses)) {
    if (a.status !== 'retry') continue;
    entry.addresses[address] = { ...a, status: 'given-up', at, response: `${a.response} (${why})` };
    given.push(address);
  }
  entry.dnsPending = false;
  return given;
}

/**
 * One cycle of the periodic sender: build the due periods' reports (and rebuild those with temporary failures)
 * from the rows, send each to the authorized `rua` addresses that do not have it yet, and record every
 * outcome in `state`: `sent` and `failed` (a 5xx refusal) are final, `retry` (4xx, no connection) is tried at
 * the next cycle until `maxAttempts` cycles, then `given-up`. Records older than {@link KEEP_STATE_MS} are dropped.
 */
export async function runSendCycle(state: SendState, now: number, options: CycleOptions): Promise<SendCycle> {
  const at = new Date(now).toISOString();
  const maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  const fresh = options.schedule ? duePeriods(now, options.schedule.every, options.schedule.delay, state.scheduledThrough) : [...(options.periods ?? [])];
  const retried: Period[] = [];
  for (const entry of Object.values(state.reports)) {
    const period = { begin: entry.begin * 1000, end: entry.end * 1000 };
    if (isPending(entry) && !fresh.some((p) => samePeriod(p, period)) && !retried.some((p) => samePeriod(p, period))) retried.push(period);
  }
  const cycle: SendCycle = { at: now, periods: fresh, retried, reports: [], invalid: [], pending: 0 };
  const periods = [...fresh, ...retried];
  if (periods.length) {
    const builders: Array<{ period: Period; builder: AggregateBuilder; isFresh: boolean }> = periods.map((period, i) => ({
      period,
      builder: aggregateBuilder({ reporter: options.reporter, begin: new Date(period.begin), end: new Date(period.end) }),
      isFresh: i < fresh.length,
    }));
    for await (const row of options.rows()) for (const b of builders) if (row.time >= b.period.begin && row.time < b.period.end) b.builder.add(row);
    for (const { period, builder, isFresh } of builders) {
      const built = new Set<string>();
      for (const report of builder.finish().reports) {
        if (options.signal?.aborted) break;
        const key = stateKey(report.policyPublished.domain, report.begin, report.end);
        built.add(key);
        const known = state.reports[key];
        const counts = { records: report.records.length, messages: report.records.reduce((n, r) => n + r.count, 0) };
        if (known && !isPending(known)) {
          // Done in an earlier cycle or run: said so for a period asked for again, never sent again.
          if (isFresh) cycle.reports.push({ ...doneReport(known), filename: aggregateFilename(report), ...counts });
          continue;
        }
        if (!known && !isFresh) continue;
        const file = aggregateReportFile(report);
        const problems = validateAggregateXml(file.xml);
        if (problems.length) {
          cycle.invalid.push({ filename: file.filename, problems: problems.map((p) => `${p.path}: ${p.rule}${p.detail ? ` (${p.detail})` : ''}`) });
          continue;
        }
        await options.keep?.(file);
        const entry: ReportSendState = known ?? { policyDomain: report.policyPublished.domain, begin: report.begin, end: report.end, reportId: report.reportId, dnsPending: false, attempts: 0, addresses: {} };
        state.reports[key] = entry;
        entry.attempts++;
        const found = await reportDestinations(entry.policyDomain, 'rua', options.send.resolver);
        if (found.problem) entry.problem = found.problem;
        else delete entry.problem;
        const out: CycleReport = {
          policyDomain: entry.policyDomain, begin: report.begin, end: report.end, filename: file.filename, reportId: report.reportId,
          ...counts,
          ...(found.problem ? { problem: found.problem } : {}), authorizations: found.authorizations, sends: [], alreadySent: [], givenUp: [], pending: false,
        };
        for (const address of found.addresses) {
          const before = entry.addresses[address];
          if (before && before.status !== 'retry') {
            if (before.status === 'sent') out.alreadySent.push(address);
            continue;
          }
          const outcome = await deliverAggregateReport(file, address, { ...options.send, now: new Date(now) });
          const attempts = (before?.attempts ?? 0) + 1;
          entry.addresses[address] = { status: outcome.status === 'sent' ? 'sent' : outcome.temporary ? 'retry' : 'failed', attempts, at, response: outcome.response };
          out.sends.push(outcome);
          await options.save(state);
        }
        entry.dnsPending = found.problem === 'temperror' || found.authorizations.some((a) => a.status === 'temperror');
        if (isPending(entry) && entry.attempts >= maxAttempts) out.givenUp.push(...giveUp(entry, at, `after ${entry.attempts} attempts`));
        out.pending = isPending(entry);
        cycle.reports.push(out);
        await options.save(state);
      }
      if (isFresh || options.signal?.aborted) continue;
      // A pending report whose rows are gone (the file was rotated) cannot be sent again.
      for (const entry of Object.values(state.reports)) {
        if (!isPending(entry) || entry.begin * 1000 !== period.begin || entry.end * 1000 !== period.end || built.has(stateKey(entry.policyDomain, entry.begin, entry.end))) continue;
        giveUp(entry, at, 'its rows are no longer in the rows file');
        await options.save(state);
      }
    }
  }
  if (options.schedule && fresh.length && !options.signal?.aborted) state.scheduledThrough = Math.max(state.scheduledThrough ?? 0, ...fresh.map((p) => p.end));
  for (const [key, entry] of Object.entries(state.reports)) if (lastTouched(entry) < now - KEEP_STATE_MS && !isPending(entry)) delete state.reports[key];
  cycle.pending = Object.values(state.reports).filter(isPending).length;
  await options.save(state);
  return cycle;
}
