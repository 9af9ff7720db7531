import { createHash } from 'node:crypto';
import type { AggregateReportRow } from '../../dmarc/types.js';
import { isSchemaIp } from './schema.js';

/** Who is reporting: the Mail Receiver (RFC 9990 §3 `report_metadata`). */
export interface Reporter {
  /** `org_name`. */
  orgName: string;
  /** `email`: where Domain Owners can write to the reporter; also the From of report messages. */
  email: string;
  extraContactInfo?: string;
  /** The receiver's domain: first part of the file name and `Submitter:` of the subject. */
  domain: string;
  /** `generator`: the software (RFC 9990). Default `inkan`. */
  generator?: string;
}

/** One DMARC evaluation, as the verify pipeline produced it, with the time the message arrived. */
export interface TimedRow {
  /** Arrival time, ms since the epoch. */
  time: number;
  row: AggregateReportRow;
}

/** One `<record>`: messages with the same source, results and identifiers, counted. */
export interface AggregateRecordOut {
  sourceIp: string;
  count: number;
  policyEvaluated: AggregateReportRow['policyEvaluated'];
  identifiers: AggregateReportRow['identifiers'];
  authResults: AggregateReportRow['authResults'];
}

/** One aggregate report to write: one policy domain, one period. */
export interface AggregateReportOut {
  reporter: Reporter;
  reportId: string;
  /** Period, seconds since the epoch (UTC), `begin` inclusive. */
  begin: number;
  end: number;
  policyPublished: NonNullable<AggregateReportRow['policyPublished']>;
  records: AggregateRecordOut[];
  errors: string[];
}

/** Rows that could not go into a report, by reason. */
export interface SkippedRows {
  /** No DMARC policy applied (no `policy_published`): nothing to report to. */
  noPolicy: number;
  /** No usable source IP (the schema requires `source_ip`). */
  noSourceIp: number;
  /** Outside the period. */
  outOfPeriod: number;
}

/** What {@link buildAggregateReports} returns. */
export interface BuildResult {
  reports: AggregateReportOut[];
  skipped: SkippedRows;
}

/** Most distinct records in one report; rows beyond it are counted in `errors` (hostile traffic must not grow a report without bound). */
export const MAX_RECORDS_PER_REPORT = 100_000;

/**
 * A stable report id for (receiver, policy domain, period): re-generating the same report gives the same
 * id and file name, as RFC 9990 §3 asks for a re-sent report. Letters and digits only (`unique-id`).
 */
export function reportIdFor(receiver: string, policyDomain: string, begin: number, end: number): string {
  return createHash('sha256').update(`${receiver.toLowerCase()}!${policyDomain.toLowerCase()}!${begin}!${end}`).digest('hex').slice(0, 24);
}

function recordKey(sourceIp: string, row: AggregateReportRow): string {
  return JSON.stringify([sourceIp, row.policyEvaluated, row.identifiers, row.authResults]);
}

/** The source address as the schema's `IPAddress` accepts it: an IPv4-mapped IPv6 address becomes IPv4; anything unusable is undefined. */
export function schemaSourceIp(ip: string | undefined): string | undefined {
  if (!ip) return undefined;
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(ip);
  const text = mapped ? mapped[1]! : ip.toLowerCase();
  return isSchemaIp(text) ? text : undefined;
}

/** Adds rows one at a time (a rows file can be larger than memory allows as an array), then builds the reports. */
export interface AggregateBuilder {
  add(row: TimedRow): void;
  finish(): BuildResult;
}

/**
 * Group evaluation rows into RFC 9990 aggregate reports: one per policy domain (the domain where the
 * record was found) for the period [begin, end); identical rows are merged and counted. The
 * `policy_published` is the latest one seen in the period (RFC 9990 §3.1.5 allows this for mid-period changes).
 */
export function aggregateBuilder(options: { reporter: Reporter; begin: Date; end: Date }): AggregateBuilder {
  const begin = Math.floor(options.begin.getTime() / 1000);
  const end = Math.floor(options.end.getTime() / 1000);
  const skipped: SkippedRows = { noPolicy: 0, noSourceIp: 0, outOfPeriod: 0 };
  const byDomain = new Map<string, { latest: number; policy: NonNullable<AggregateReportRow['policyPublished']>; records: Map<string, AggregateRecordOut>; dropped: number }>();
  function add({ time, row }: TimedRow): void {
    if (!(time >= options.begin.getTime() && time < options.end.getTime())) {
      skipped.outOfPeriod++;
      return;
    }
    const policy = row.policyPublished;
    if (!policy) {
      skipped.noPolicy++;
      return;
    }
    const sourceIp = schemaSourceIp(row.sourceIp);
    if (!sourceIp) {
      skipped.noSourceIp++;
      return;
    }
    const domain = policy.domain.toLowerCase();
    let group = byDomain.get(domain);
    if (!group) byDomain.set(domain, (group = { latest: time, policy, records: new Map(), dropped: 0 }));
    if (time >= group.latest) {
      group.latest = time;
      group.policy = policy;
    }
    const key = recordKey(sourceIp, row);
    const existing = group.records.get(key);
    if (existing) existing.count += row.count;
    else if (group.records.size >= MAX_RECORDS_PER_REPORT) group.dropped += row.count;
    else group.records.set(key, { sourceIp, count: row.count, policyEvaluated: row.policyEvaluated, identifiers: row.identifiers, authResults: row.authResults });
  }
  function finish(): BuildResult {
    const reports: AggregateReportOut[] = [];
    for (const [domain, group] of [...byDomain].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      reports.push({
        reporter: options.reporter,
        reportId: reportIdFor(options.reporter.domain, domain, begin, end),
        begin,
        end,
        policyPublished: { ...group.policy, domain },
        records: [...group.records.values()],
        errors: group.dropped ? [`${group.dropped} messages not listed: more than ${MAX_RECORDS_PER_REPORT} distinct records`] : [],
      });
    }
    return { reports, skipped: { ...skipped } };
  }
  return { add, finish };
}

/** {@link aggregateBuilder} over rows held in memory. */
export function buildAggregateReports(rows: Iterable<TimedRow>, options: { reporter: Reporter; begin: Date; end: Date }): BuildResult {
  const builder = aggregateBuilder(options);
  for (const row of rows) builder.add(row);
  return builder.finish();
}
