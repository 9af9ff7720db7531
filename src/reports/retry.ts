import { ingest, type IngestOptions, type IngestSummary } from './ingest.js';
import type { ReportStore } from './store/store.js';

/** What `inkan reports retry` did to the quarantine. */
export interface RetrySummary {
  /** Quarantined inputs tried again. */
  tried: number;
  /** Inputs now wholly stored (removed from the quarantine). */
  released: number;
  /** Inputs still (partly) unreadable. */
  remaining: number;
  /** Inputs kept by origin only (too large to keep): re-import them from where they came from. */
  withoutBytes: number;
  /** What the re-ingest stored. */
  stored: number;
  duplicates: number;
}

/** Re-ingest every quarantined input (after an upgrade taught the parser something new). */
export async function retryQuarantine(store: ReportStore, options: IngestOptions = {}): Promise<RetrySummary> {
  const summary: RetrySummary = { tried: 0, released: 0, remaining: 0, withoutBytes: 0, stored: 0, duplicates: 0 };
  const ids = await store.db.selectFrom('quarantine').select(['id', 'sha256']).orderBy('id').execute();
  for (const { id } of ids) {
    const row = await store.db.selectFrom('quarantine').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) continue;
    if (!row.raw) {
      summary.withoutBytes++;
      summary.remaining++;
      continue;
    }
    summary.tried++;
    const result: IngestSummary = await ingest(store, { bytes: row.raw, ...(row.name ? { name: row.name } : {}), ...(row.origin ? { origin: row.origin } : {}) }, options);
    summary.stored += result.stored;
    summary.duplicates += result.duplicates;
    if (result.quarantined === 0) {
      await store.db.deleteFrom('quarantine').where('id', '=', id).execute();
      summary.released++;
    } else summary.remaining++;
  }
  return summary;
}

/** One row of the quarantine, without its bytes (for listings). */
export interface QuarantineEntry {
  id: number;
  receivedAt: number;
  origin?: string;
  name?: string;
  reason: string;
  size: number;
  attempts: number;
}

/** The quarantine, newest first. */
export async function listQuarantine(store: ReportStore, limit = 100): Promise<QuarantineEntry[]> {
  const rows = await store.db.selectFrom('quarantine').select(['id', 'received_at', 'origin', 'name', 'reason', 'raw_size', 'attempts']).orderBy('id', 'desc').limit(limit).execute();
  return rows.map((r) => ({ id: Number(r.id), receivedAt: Number(r.received_at), ...(r.origin ? { origin: r.origin } : {}), ...(r.name ? { name: r.name } : {}), reason: r.reason, size: Number(r.raw_size), attempts: Number(r.attempts) }));
}
