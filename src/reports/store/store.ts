import type { Kysely } from 'kysely';
import type { ReportDatabase } from './schema.js';
import type { ReportWriter } from './writer.js';

/** A place where reports are kept: SQLite or PostgreSQL behind one query layer (kysely). */
export interface ReportStore {
  /** The query layer; both dialects share the schema in schema.ts. */
  readonly db: Kysely<ReportDatabase>;
  readonly dialect: 'sqlite' | 'postgres';
  /** Where it is: a file path, ':memory:' or the URL (password removed). */
  readonly location: string;
  /** Ingest's writes, each report atomic (on SQLite: statements compiled by kysely once, run directly; group commit). */
  readonly writer: ReportWriter;
  /** Close the connection(s). */
  close(): Promise<void>;
}
