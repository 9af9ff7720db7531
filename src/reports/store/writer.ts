import type { Insertable, Kysely, Transaction } from 'kysely';
import type { AggregateRecord, DkimAuthResult, PolicyOverrideReason, ReportKind, SpfAuthResult } from '../types.js';
import type { RecordsTable, ReportDatabase, ReportsTable } from './schema.js';

/** The idempotency key of a stored report: reporter, report id and domain, not the id alone. */
export interface ReportKey {
  kind: ReportKind;
  orgName: string;
  reportId: string;
  domain: string;
}

/** A new `reports` row. */
export type NewReport = Omit<Insertable<ReportsTable>, 'id'>;

/** What is set on a report once its last record is in. */
export interface ReportTotals {
  record_count: number;
  message_count: number;
  meta: string;
  policy: string | null;
}

/** The writes of one report, all kept or none (one transaction, or one savepoint of a shared one). */
export interface ReportTransaction {
  /** Insert the report's row; resolves to its id, or undefined when a report with its key is already stored (a duplicate). */
  insertReport(row: NewReport): Promise<number | undefined>;
  /** Insert aggregate records of the report `ref`. */
  insertRecords(ref: number, rows: RecordRows): Promise<void>;
  /** Set the counts and the metadata read after the records. */
  finishReport(ref: number, totals: ReportTotals): Promise<void>;
  /** Keep the report's own octets (already compressed). */
  insertRaw(ref: number, raw: Uint8Array): Promise<void>;
}

/**
 * Writes reports, each atomically: when `body` throws, nothing of it is kept; when it resolves, the call
 * resolves once the report is committed (on SQLite, reports written concurrently may share one commit).
 */
export interface ReportWriter {
  transaction<T>(body: (tx: ReportTransaction) => Promise<T>): Promise<T>;
  /**
   * A report is on its way (its input being read, parsed or compressed): until the returned function is called
   * (once `transaction` has been called for it, or it was given up), an open batch is not committed for being
   * idle, only when full. Calling the function again does nothing.
   */
  willWrite(): () => void;
  /** Commit what is written and not yet committed (before the store is closed). */
  flush(): Promise<void>;
}

/** When a SQLite batch of reports (group commit) is committed at the latest. */
export interface GroupCommit {
  maxReports: number;
  /** Aggregate records in the batch. */
  maxRecords: number;
  /** Milliseconds since the batch began. */
  maxMs: number;
}

/** Defaults: small reports share a commit; a large one (≥ 20,000 rows) is committed on its own. */
export const DEFAULT_GROUP_COMMIT: GroupCommit = { maxReports: 64, maxRecords: 20_000, maxMs: 100 };

/** The columns of `reports` in the order writers bind them. */
export const REPORT_COLUMNS = ['kind', 'org_name', 'report_id', 'domain', 'email', 'date_begin', 'date_end', 'policy', 'meta', 'record_count', 'message_count', 'origin', 'stored_at'] as const;

/** The columns of the idempotency key (the unique constraint `reports_key`). */
export const REPORT_KEY = ['kind', 'org_name', 'report_id', 'domain'] as const;

/** The columns of `records` in the order writers bind them. */
export const RECORD_COLUMNS = ['report_ref', 'source_ip', 'count', 'disposition', 'dkim', 'spf', 'header_from', 'envelope_from', 'envelope_to', 'reasons', 'dkim_auth', 'spf_auth'] as const;

/** Text that JSON writes without escapes: no quote, backslash, control character or lone surrogate half. */
const PLAIN = /^[^"\\\u0000-\u001f\ud800-\udfff]*$/;

function str(s: string): string {
  return PLAIN.test(s) ? `"${s}"` : JSON.stringify(s);
}

/** `auth_results/dkim` entries as JSON (the same value JSON.stringify gives, written without its generic walk). */
export function dkimJson(list: readonly DkimAuthResult[]): string {
  let out = '[';
  for (let i = 0; i < list.length; i++) {
    const d = list[i]!;
    out += `${i ? ',' : ''}{"domain":${str(d.domain)},"result":${str(d.result)}`;
    if (d.selector !== undefined) out += `,"selector":${str(d.selector)}`;
    if (d.humanResult !== undefined) out += `,"humanResult":${str(d.humanResult)}`;
    out += '}';
  }
  return `${out}]`;
}

/** `auth_results/spf` entries as JSON. */
export function spfJson(list: readonly SpfAuthResult[]): string {
  let out = '[';
  for (let i = 0; i < list.length; i++) {
    const s = list[i]!;
    out += `${i ? ',' : ''}{"domain":${str(s.domain)},"result":${str(s.result)}`;
    if (s.scope !== undefined) out += `,"scope":${str(s.scope)}`;
    if (s.humanResult !== undefined) out += `,"humanResult":${str(s.humanResult)}`;
    out += '}';
  }
  return `${out}]`;
}

/** `policy_evaluated/reason` entries as JSON, or null when there are none. */
export function reasonsJson(list: readonly PolicyOverrideReason[]): string | null {
  if (!list.length) return null;
  let out = '[';
  for (let i = 0; i < list.length; i++) {
    const r = list[i]!;
    out += `${i ? ',' : ''}{"type":${str(r.type)}`;
    if (r.comment !== undefined) out += `,"comment":${str(r.comment)}`;
    out += '}';
  }
  return `${out}]`;
}

/** Values of a `records` row after `report_ref`, in RECORD_COLUMNS order. */
export const ROW_WIDTH = RECORD_COLUMNS.length - 1;

/**
 * Aggregate records as `records` rows without their report: ROW_WIDTH values a row, one flat array. Built where the
 * report is parsed (a worker thread, see prepare.ts): a flat array of strings and numbers crosses threads at a
 * quarter of the cost of the records' objects.
 */
export interface RecordRows {
  values: Array<string | number | null>;
  count: number;
  /** The sum of the rows' message counts. */
  messages: number;
}

/** Aggregate records as `records` rows. */
export function recordRows(records: readonly AggregateRecord[]): RecordRows {
  const values = new Array<string | number | null>(records.length * ROW_WIDTH);
  let messages = 0;
  for (let i = 0, o = 0; i < records.length; i++, o += ROW_WIDTH) {
    const r = records[i]!;
    values[o] = r.sourceIp;
    values[o + 1] = r.count;
    values[o + 2] = r.disposition;
    values[o + 3] = r.dkim;
    values[o + 4] = r.spf;
    values[o + 5] = r.headerFrom;
    values[o + 6] = r.envelopeFrom ?? null;
    values[o + 7] = r.envelopeTo ?? null;
    values[o + 8] = reasonsJson(r.reasons);
    values[o + 9] = dkimJson(r.dkimResults);
    values[o + 10] = spfJson(r.spfResults);
    messages += r.count;
  }
  return { values, count: records.length, messages };
}

/** Row `i` of `rows` as a `records` row of the report `ref`. */
function recordRow(ref: number, rows: RecordRows, i: number): Insertable<RecordsTable> {
  const row = { report_ref: ref } as Record<string, unknown>;
  for (let k = 0; k < ROW_WIDTH; k++) row[RECORD_COLUMNS[k + 1]!] = rows.values[i * ROW_WIDTH + k];
  return row as unknown as Insertable<RecordsTable>;
}

/** Rows per INSERT statement through kysely (PostgreSQL allows 65,535 parameters; 12 a row). */
const KYSELY_BATCH = 1000;

function kyselyTransaction(trx: Transaction<ReportDatabase>): ReportTransaction {
  return {
    async insertReport(row) {
      const inserted = await trx
        .insertInto('reports')
        .values(row)
        .onConflict((oc) => oc.columns(REPORT_KEY).doNothing())
        .returning('id')
        .executeTakeFirst();
      return inserted === undefined ? undefined : Number(inserted.id);
    },
    async insertRecords(ref, rows) {
      for (let at = 0; at < rows.count; at += KYSELY_BATCH) {
        const batch = Array.from({ length: Math.min(KYSELY_BATCH, rows.count - at) }, (_, k) => recordRow(ref, rows, at + k));
        await trx.insertInto('records').values(batch).execute();
      }
    },
    async finishReport(ref, totals) {
      await trx.updateTable('reports').set(totals).where('id', '=', ref).execute();
    },
    async insertRaw(ref, raw) {
      await trx.insertInto('report_raw').values({ report_ref: ref, raw }).execute();
    },
  };
}

/** The writer of any kysely database (PostgreSQL): each report in `db.transaction()`. */
export function kyselyWriter(db: Kysely<ReportDatabase>): ReportWriter {
  return { transaction: (body) => db.transaction().execute((trx) => body(kyselyTransaction(trx))), willWrite: () => () => undefined, flush: () => Promise.resolve() };
}
