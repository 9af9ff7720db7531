import type Database from 'better-sqlite3';
import type { DatabaseConnection, Driver, Insertable, Kysely } from 'kysely';
import type { RecordsTable, ReportDatabase, ReportsTable } from './schema.js';
import { RECORD_COLUMNS, REPORT_COLUMNS, REPORT_KEY, ROW_WIDTH, type GroupCommit, type RecordRows, type ReportTransaction, type ReportWriter } from './writer.js';

/**
 * Rows per multi-row INSERT: fewer statement runs, one parameter array (12 values a row) reused. A shorter tail
 * is written in runs of 32, 16, ... 1 rows, so a store prepares at most seven statements, not one per size.
 */
const ROWS_PER_STATEMENT = 64;
const WIDTH = RECORD_COLUMNS.length;

/** A multi-row INSERT prepared once, with its parameter array. */
interface RecordStatement {
  statement: Database.Statement<unknown[]>;
  params: unknown[];
}

const blob = (raw: Uint8Array): Buffer => (Buffer.isBuffer(raw) ? raw : Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength));

/** One open transaction holding the reports of several `transaction()` calls, each under its own savepoint. */
interface Batch {
  connection: DatabaseConnection;
  opened: number;
  reports: number;
  records: number;
  /** Settled when the batch is committed (or lost): each report's call resolves only then. */
  waiters: Array<{ resolve(): void; reject(e: unknown): void }>;
}

/**
 * The ingest writer of a SQLite store: the SQL comes from kysely (the one query layer), compiled and prepared
 * once per store, then run directly on the connection, while holding the lock of kysely's driver on its one
 * connection, so queries of the same process never join a transaction.
 *
 * Group commit: reports written one after another by concurrent callers share one `BEGIN IMMEDIATE … COMMIT`,
 * each inside its own SAVEPOINT (a report that fails rolls back only itself). The batch is committed as soon as
 * no report is queued or announced (willWrite), or when it is full (`limits`); a call resolves only after the
 * commit that holds its report, so "stored" always means committed. A caller that awaits each report gets one
 * commit each.
 */
export function sqliteWriter(db: Kysely<ReportDatabase>, sqlite: Database.Database, driver: Driver, limits: GroupCommit): ReportWriter {
  const prepare = (sql: string): Database.Statement<unknown[]> => sqlite.prepare<unknown[]>(sql);
  const begin = prepare('begin immediate');
  const commit = prepare('commit');
  const rollback = prepare('rollback');
  const savepoint = prepare('savepoint report');
  const releaseSavepoint = prepare('release report');
  const rollbackSavepoint = prepare('rollback to report');
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

  const insertRecords = (ref: number, rows: RecordRows): void => {
    const { values } = rows;
    for (let at = 0; at < rows.count; ) {
      const left = rows.count - at;
      const n = left >= ROWS_PER_STATEMENT ? ROWS_PER_STATEMENT : 2 ** Math.floor(Math.log2(left));
      const { statement, params } = recordStatement(n);
      for (let k = 0, o = 0, v = at * ROW_WIDTH; k < n; k++) {
        params[o++] = ref;
        for (let c = 0; c < ROW_WIDTH; c++) params[o++] = values[v++];
      }
      statement.run(params);
      at += n;
    }
    if (batch) batch.records += rows.count;
  };

  const tx: ReportTransaction = {
    insertReport: (row) => {
      const { changes, lastInsertRowid } = insertReport.run(REPORT_COLUMNS.map((c) => row[c] ?? null));
      return Promise.resolve(changes ? Number(lastInsertRowid) : undefined);
    },
    insertRecords: (ref, rows) => Promise.resolve(insertRecords(ref, rows)),
    finishReport: (ref, t) => Promise.resolve(void finish.run([t.record_count, t.message_count, t.meta, t.policy, ref])),
    insertRaw: (ref, raw) => Promise.resolve(void insertRaw.run([ref, blob(raw)])),
  };

  // One report is written at a time; the others wait here, in order.
  let busy = false;
  const queue: Array<() => void> = [];
  const acquire = (): Promise<void> => {
    if (!busy) {
      busy = true;
      return Promise.resolve();
    }
    return new Promise((resolve) => queue.push(resolve));
  };
  const release = (): void => {
    const next = queue.shift();
    if (next) next();
    else busy = false;
  };

  let batch: Batch | undefined;
  // Reports announced by willWrite and not yet handed to transaction(): an idle batch waits for them, up to maxMs.
  let coming = 0;
  let timer: NodeJS.Timeout | undefined;
  const open = async (): Promise<Batch> => {
    const connection = await driver.acquireConnection();
    try {
      begin.run();
    } catch (e) {
      await driver.releaseConnection(connection);
      throw e;
    }
    return { connection, opened: Date.now(), reports: 0, records: 0, waiters: [] };
  };
  /** End the batch: committed, or (after an error) rolled back with every report in it. */
  const close = (b: Batch, error?: unknown): void => {
    batch = undefined;
    clearTimeout(timer);
    timer = undefined;
    let failure = error;
    if (failure === undefined) {
      try {
        commit.run();
      } catch (e) {
        failure = e;
      }
    }
    if (failure !== undefined && sqlite.inTransaction) {
      try {
        rollback.run();
      } catch {
        // The connection is unusable; the failure is what the callers hear of.
      }
    }
    void driver.releaseConnection(b.connection);
    for (const w of b.waiters) failure === undefined ? w.resolve() : w.reject(failure);
  };
  const full = (b: Batch): boolean => b.reports >= limits.maxReports || b.records >= limits.maxRecords || Date.now() - b.opened >= limits.maxMs;

  // Nothing queued: commit now, unless reports announced by willWrite are on their way (then by maxMs at the latest).
  const commitIfIdle = (): void => {
    if (!batch || busy || queue.length) return;
    if (!coming) close(batch);
    else
      timer ??= setTimeout(() => {
        timer = undefined;
        if (batch && !busy) close(batch);
      }, Math.max(0, batch.opened + limits.maxMs - Date.now()));
  };

  return {
    async transaction<T>(body: (tx: ReportTransaction) => Promise<T>): Promise<T> {
      await acquire();
      let committed: Promise<void>;
      let result: T;
      try {
        const b = (batch ??= await open());
        // The first report of a batch needs no savepoint: if it fails, the transaction holds nothing else.
        const alone = b.reports === 0;
        if (!alone) savepoint.run();
        try {
          result = await body(tx);
          if (!alone) releaseSavepoint.run();
        } catch (e) {
          let undone = false;
          if (!alone) {
            try {
              rollbackSavepoint.run();
              releaseSavepoint.run();
              undone = true;
            } catch {
              // SQLite ended the transaction itself (a full disk, an I/O error): every report of the batch is lost.
            }
          }
          if (!undone || !sqlite.inTransaction) close(b, e);
          throw e;
        }
        b.reports++;
        committed = new Promise((resolve, reject) => b.waiters.push({ resolve, reject }));
        if (full(b)) close(b);
      } finally {
        release();
        commitIfIdle();
      }
      await committed;
      return result;
    },
    willWrite() {
      coming++;
      let done = false;
      return () => {
        if (done) return;
        done = true;
        if (--coming === 0) commitIfIdle();
      };
    },
    async flush() {
      await acquire();
      try {
        if (batch) close(batch);
      } finally {
        release();
      }
    },
  };
}
