import type Database from 'better-sqlite3';
import type { Driver, Insertable, Kysely } from 'kysely';
import type { AggregateRecord } from '../types.js';
import type { RecordsTable, ReportDatabase, ReportsTable } from './schema.js';
import { dkimJson, reasonsJson, RECORD_COLUMNS, REPORT_COLUMNS, REPORT_KEY, spfJson, type ReportTransaction, type ReportWriter } from './writer.js';

/** Rows per multi-row INSERT: fewer statement runs, one parameter array (12 values a row) reused. */
const ROWS_PER_STATEMENT = 64;
const WIDTH = RECORD_COLUMNS.length;

/** A multi-row INSERT prepared once, with its parameter array. */
interface RecordStatement {
  statement: Database.Statement<unknown[]>;
  params: unknown[];
}

const blob = (raw: Uint8Array): Buffer => (Buffer.isBuffer(raw) ? raw : Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength));

/**
 * The ingest writer of a SQLite store: the SQL comes from kysely (the one query layer), compiled and prepared
 * once per store, then run directly on the connection. Each report is one `BEGIN IMMEDIATE … COMMIT`, run while
 * holding the lock of kysely's driver on its one connection, so queries of the same process never join it.
 */
export function sqliteWriter(db: Kysely<ReportDatabase>, sqlite: Database.Database, driver: Driver): ReportWriter {
  const prepare = (sql: string): Database.Statement<unknown[]> => sqlite.prepare<unknown[]>(sql);
  const begin = prepare('begin immediate');
  const commit = prepare('commit');
  const rollback = prepare('rollback');
  const reportSample = Object.fromEntries(REPORT_COLUMNS.map((c) => [c, null])) as unknown as Insertable<ReportsTable>;
  const insertReport = prepare(db.insertInto('reports').values(reportSample).onConflict((oc) => oc.columns(REPORT_KEY).doNothing()).compile().sql);
  const finish = prepare(db.updateTable('reports').set({ record_count: 0, message_count: 0, meta: '', policy: null }).where('id', '=', 0).compile().sql);
  const insertRaw = prepare(db.insertInto('report_raw').values({ report_ref: 0, raw: Buffer.alloc(0) }).compile().sql);
  const recordSample = Object.fromEntries(RECORD_COLUMNS.map((c) => [c, null])) as unknown as Insertable<RecordsTable>;
  const byRows = new Map<number, RecordStatement>();
  const recordStatement = (rows: number): RecordStatement => {
    let s = byRows.get(rows);
    if (!s) {
      s = { statement: prepare(db.insertInto('records').values(Array.from({ length: rows }, () => recordSample)).compile().sql), params: new Array<unknown>(rows * WIDTH) };
      byRows.set(rows, s);
    }
    return s;
  };

  const insertRecords = (ref: number, records: readonly AggregateRecord[]): void => {
    for (let at = 0; at < records.length; ) {
      const rows = Math.min(ROWS_PER_STATEMENT, records.length - at);
      const { statement, params } = recordStatement(rows);
      for (let k = 0, o = 0; k < rows; k++, o += WIDTH) {
        const r = records[at + k]!;
        params[o] = ref;
        params[o + 1] = r.sourceIp;
        params[o + 2] = r.count;
        params[o + 3] = r.disposition;
        params[o + 4] = r.dkim;
        params[o + 5] = r.spf;
        params[o + 6] = r.headerFrom;
        params[o + 7] = r.envelopeFrom ?? null;
        params[o + 8] = r.envelopeTo ?? null;
        params[o + 9] = reasonsJson(r.reasons);
        params[o + 10] = dkimJson(r.dkimResults);
        params[o + 11] = spfJson(r.spfResults);
      }
      statement.run(params);
      at += rows;
    }
  };

  const tx: ReportTransaction = {
    insertReport: (row) => {
      const { changes, lastInsertRowid } = insertReport.run(REPORT_COLUMNS.map((c) => row[c] ?? null));
      return Promise.resolve(changes ? Number(lastInsertRowid) : undefined);
    },
    insertRecords: (ref, records) => Promise.resolve(insertRecords(ref, records)),
    finishReport: (ref, t) => Promise.resolve(void finish.run([t.record_count, t.message_count, t.meta, t.policy, ref])),
    insertRaw: (ref, raw) => Promise.resolve(void insertRaw.run([ref, blob(raw)])),
  };

  return {
    async transaction(body) {
      const connection = await driver.acquireConnection();
      try {
        begin.run();
        try {
          const result = await body(tx);
          commit.run();
          return result;
        } catch (e) {
          if (sqlite.inTransaction) rollback.run();
          throw e;
        }
      } finally {
        await driver.releaseConnection(connection);
      }
    },
  };
}
