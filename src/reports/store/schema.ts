import { sql, type ColumnType, type Generated, type Kysely, type Migration } from 'kysely';

/** `reports`: one row per stored report of any kind; the idempotency key is (kind, org_name, report_id, domain). */
export interface ReportsTable {
  id: Generated<number>;
  kind: string;
  org_name: string;
  report_id: string;
  domain: string;
  email: string | null;
  date_begin: number;
  date_end: number;
  /** policy_published (aggregate) as JSON. */
  policy: string | null;
  /** Everything else read from the report (metadata, failure fields, TLS policies) as JSON. */
  meta: string;
  record_count: number;
  message_count: number;
  origin: string | null;
  stored_at: number;
}

/** `records`: the rows of aggregate reports. */
export interface RecordsTable {
  id: Generated<number>;
  report_ref: number;
  source_ip: string;
  count: number;
  disposition: string;
  dkim: string;
  spf: string;
  header_from: string;
  envelope_from: string | null;
  envelope_to: string | null;
  /** policy_evaluated/reason entries as JSON, or null. */
  reasons: string | null;
  /** auth_results/dkim entries as JSON. */
  dkim_auth: string;
  /** auth_results/spf entries as JSON. */
  spf_auth: string;
}

/** `report_raw`: the report's own octets (gzip), so nothing read is lost. */
export interface ReportRawTable {
  report_ref: number;
  raw: ColumnType<Uint8Array, Uint8Array, Uint8Array>;
}

/** `quarantine`: inputs that could not be stored, with their octets and the reason, for `inkan reports retry`. */
export interface QuarantineTable {
  id: Generated<number>;
  sha256: string;
  received_at: number;
  origin: string | null;
  name: string | null;
  reason: string;
  raw: ColumnType<Uint8Array | null, Uint8Array | null, Uint8Array | null>;
  raw_size: number;
  attempts: number;
}

/** `ip_info`: the reverse DNS of source addresses, cached between runs. */
export interface IpInfoTable {
  ip: string;
  ptr: string | null;
  status: string;
  looked_up_at: number;
}

/** The whole schema as kysely sees it. */
export interface ReportDatabase {
  reports: ReportsTable;
  records: RecordsTable;
  report_raw: ReportRawTable;
  quarantine: QuarantineTable;
  ip_info: IpInfoTable;
}

/** The migrations, in order; one set for SQLite and PostgreSQL. */
export function migrations(dialect: 'sqlite' | 'postgres'): Record<string, Migration> {
  const id = dialect === 'postgres' ? 'bigserial' : 'integer';
  const big = dialect === 'postgres' ? 'bigint' : 'integer';
  const blob = dialect === 'postgres' ? 'bytea' : 'blob';
  return {
    '0001-reports': {
      async up(db: Kysely<unknown>): Promise<void> {
        // On SQLite `integer primary key` (the rowid) without AUTOINCREMENT: one page fewer written per report
        // (sqlite_sequence); an id freed by a deletion may be given again, and its rows went with it (cascade).
        await db.schema
          .createTable('reports')
          .addColumn('id', id, (c) => c.primaryKey())
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('org_name', 'text', (c) => c.notNull())
          .addColumn('report_id', 'text', (c) => c.notNull())
          .addColumn('domain', 'text', (c) => c.notNull())
          .addColumn('email', 'text')
          .addColumn('date_begin', big, (c) => c.notNull())
          .addColumn('date_end', big, (c) => c.notNull())
          .addColumn('policy', 'text')
          .addColumn('meta', 'text', (c) => c.notNull())
          .addColumn('record_count', big, (c) => c.notNull().defaultTo(0))
          .addColumn('message_count', big, (c) => c.notNull().defaultTo(0))
          .addColumn('origin', 'text')
          .addColumn('stored_at', big, (c) => c.notNull())
          .addUniqueConstraint('reports_key', ['kind', 'org_name', 'report_id', 'domain'])
          .execute();
        await db.schema.createIndex('reports_domain_date').on('reports').columns(['domain', 'date_begin']).execute();
        await db.schema
          .createTable('records')
          .addColumn('id', id, (c) => c.primaryKey())
          .addColumn('report_ref', big, (c) => c.notNull().references('reports.id').onDelete('cascade'))
          .addColumn('source_ip', 'text', (c) => c.notNull())
          .addColumn('count', big, (c) => c.notNull())
          .addColumn('disposition', 'text', (c) => c.notNull())
          .addColumn('dkim', 'text', (c) => c.notNull())
          .addColumn('spf', 'text', (c) => c.notNull())
          .addColumn('header_from', 'text', (c) => c.notNull())
          .addColumn('envelope_from', 'text')
          .addColumn('envelope_to', 'text')
          .addColumn('reasons', 'text')
          .addColumn('dkim_auth', 'text', (c) => c.notNull())
          .addColumn('spf_auth', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('records_report').on('records').column('report_ref').execute();
        await db.schema
          .createTable('report_raw')
          .addColumn('report_ref', big, (c) => c.primaryKey().references('reports.id').onDelete('cascade'))
          .addColumn('raw', blob, (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('quarantine')
          .addColumn('id', id, (c) => (dialect === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey()))
          .addColumn('sha256', 'text', (c) => c.notNull().unique())
          .addColumn('received_at', big, (c) => c.notNull())
          .addColumn('origin', 'text')
          .addColumn('name', 'text')
          .addColumn('reason', 'text', (c) => c.notNull())
          .addColumn('raw', blob)
          .addColumn('raw_size', big, (c) => c.notNull())
          .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(1))
          .execute();
        await db.schema
          .createTable('ip_info')
          .addColumn('ip', 'text', (c) => c.primaryKey())
          .addColumn('ptr', 'text')
          .addColumn('status', 'text', (c) => c.notNull())
          .addColumn('looked_up_at', big, (c) => c.notNull())
          .execute();
      },
      async down(db: Kysely<unknown>): Promise<void> {
        for (const table of ['ip_info', 'quarantine', 'report_raw', 'records', 'reports']) await db.schema.dropTable(table).ifExists().execute();
        void sql;
      },
    },
  };
}
