import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, type Driver, type Migration } from 'kysely';
import pg from 'pg';
import { migrations, type ReportDatabase } from './schema.js';
import { sqliteWriter } from './sqlite-writer.js';
import type { ReportStore } from './store.js';
import { DEFAULT_GROUP_COMMIT, kyselyWriter, type GroupCommit } from './writer.js';

/** Whether a store location is a PostgreSQL URL. */
export function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location);
}

/** A URL without its password, for messages. */
function redact(location: string): string {
  return location.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
}

/** int8 and numeric as numbers (counts and epoch seconds fit in a double). */
const pgTypes = {
  getTypeParser: (oid: number, format?: unknown) => (oid === 20 || oid === 1700 ? (v: string) => Number(v) : (pg.types.getTypeParser as (o: number, f?: unknown) => unknown)(oid, format)),
};

/** kysely's SQLite dialect, keeping its driver: the ingest writer takes the driver's one-connection lock directly. */
class LockingSqliteDialect extends SqliteDialect {
  driver: Driver | undefined;
  override createDriver(): Driver {
    this.driver = super.createDriver();
    return this.driver;
  }
}

/** How to open a store. */
export interface OpenStoreOptions {
  /**
   * SQLite: sync every commit to disk before it returns (`synchronous = FULL`). Use it when a commit is
   * acknowledged to someone else (an IMAP message moved, an SMTP 250), so a power loss cannot lose what was
   * acknowledged; file imports can be re-run, so they keep the faster `NORMAL`.
   */
  durable?: boolean;
  /** SQLite: when a batch of reports written concurrently is committed at the latest (default DEFAULT_GROUP_COMMIT; `maxReports: 1` commits each alone). */
  groupCommit?: Partial<GroupCommit>;
}

/** Opens the store (SQLite file path, ':memory:', or postgres:// URL), running migrations. */
export async function openReportStore(location: string, options: OpenStoreOptions = {}): Promise<ReportStore> {
  const dialect = isPostgresUrl(location) ? 'postgres' : 'sqlite';
  let db: Kysely<ReportDatabase>;
  let sqlite: Database.Database | undefined;
  let dialect_: LockingSqliteDialect | undefined;
  if (dialect === 'postgres') {
    const pool = new pg.Pool({ connectionString: location, max: 4, types: pgTypes as never });
    db = new Kysely<ReportDatabase>({ dialect: new PostgresDialect({ pool }) });
  } else {
    if (location !== ':memory:') mkdirSync(dirname(location), { recursive: true });
    sqlite = new Database(location);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma(options.durable ? 'synchronous = FULL' : 'synchronous = NORMAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 10000');
    // Ingest writes many small transactions: checkpoint (and sync) the WAL every ~40 MB instead of every 4 MB,
    // keep the file from growing past 64 MB afterwards, and give large reports a 32 MB page cache.
    sqlite.pragma('wal_autocheckpoint = 10000');
    sqlite.pragma('journal_size_limit = 67108864');
    sqlite.pragma('cache_size = -32768');
    // Statement journals and the savepoint journal of group commit (the pages a report changed, to roll back only
    // that report) in memory instead of temporary files: a 50-row report wrote ~30 pages there, ~3 to the WAL.
    sqlite.pragma('temp_store = MEMORY');
    dialect_ = new LockingSqliteDialect({ database: sqlite });
    db = new Kysely<ReportDatabase>({ dialect: dialect_ });
  }
  const all = migrations(dialect);
  const migrator = new Migrator({ db, provider: { getMigrations: async (): Promise<Record<string, Migration>> => all } });
  const { error } = await migrator.migrateToLatest();
  if (error) {
    await db.destroy();
    throw error instanceof Error ? error : new Error(String(error));
  }
  const driver = dialect_?.driver;
  const writer = sqlite && driver ? sqliteWriter(db, sqlite, driver, { ...DEFAULT_GROUP_COMMIT, ...options.groupCommit }) : kyselyWriter(db);
  return {
    db,
    dialect,
    location: redact(location),
    writer,
    close: async () => {
      await writer.flush();
      await db.destroy();
    },
  };
}
