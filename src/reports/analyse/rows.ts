import type { ReportStore } from '../store/store.js';
import type { DkimAuthResult, SpfAuthResult } from '../types.js';

/** Which mail to analyse: a domain (and its subdomains) over a period. */
export interface AnalysisScope {
  domain: string;
  /** Start of the period, seconds since the epoch (inclusive); reports that end before it are left out. */
  since?: number;
  /** End of the period, seconds since the epoch (exclusive). */
  until?: number;
}

/** One aggregate-report row with its report's facts, ready to analyse. */
export interface AnalysisRow {
  orgName: string;
  reportId: string;
  dateBegin: number;
  dateEnd: number;
  /** policy_published/p of its report. */
  policy: string | undefined;
  sourceIp: string;
  count: number;
  disposition: string;
  dkim: string;
  spf: string;
  headerFrom: string;
  dkimResults: DkimAuthResult[];
  spfResults: SpfAuthResult[];
}

/** Most rows read for one analysis (a bound on memory; the rest are counted as left out). */
export const MAX_ANALYSIS_ROWS = 2_000_000;

function parseList<T>(text: string | null): T[] {
  if (!text) return [];
  try {
    const v = JSON.parse(text) as unknown;
    return Array.isArray(v) ? (v as T[]) : [];
  } catch {
    return [];
  }
}

/** The rows about a domain (policy domain, or From at or below it) in the scope. */
export async function loadRows(store: ReportStore, scope: AnalysisScope): Promise<AnalysisRow[]> {
  const domain = scope.domain.toLowerCase().replace(/\.$/, '');
  let q = store.db
    .selectFrom('records as rec')
    .innerJoin('reports as r', 'r.id', 'rec.report_ref')
    .select(['r.org_name', 'r.report_id', 'r.date_begin', 'r.date_end', 'r.policy', 'rec.source_ip', 'rec.count', 'rec.disposition', 'rec.dkim', 'rec.spf', 'rec.header_from', 'rec.dkim_auth', 'rec.spf_auth'])
    .where('r.kind', '=', 'aggregate')
    .where((eb) => eb.or([eb('r.domain', '=', domain), eb('rec.header_from', '=', domain), eb('rec.header_from', 'like', `%.${domain.replace(/[%_]/g, '')}`)]));
  if (scope.since !== undefined) q = q.where('r.date_end', '>=', scope.since);
  if (scope.until !== undefined) q = q.where('r.date_begin', '<', scope.until);
  const rows = await q.orderBy('r.date_begin').limit(MAX_ANALYSIS_ROWS).execute();
  const policies = new Map<string, string | undefined>();
  return rows.map((row) => {
    let policy = policies.get(row.policy ?? '');
    if (!policies.has(row.policy ?? '')) {
      try {
        policy = (JSON.parse(row.policy ?? '{}') as { p?: string }).p;
      } catch {
        policy = undefined;
      }
      policies.set(row.policy ?? '', policy);
    }
    return {
      orgName: row.org_name,
      reportId: row.report_id,
      dateBegin: Number(row.date_begin),
      dateEnd: Number(row.date_end),
      policy,
      sourceIp: row.source_ip,
      count: Number(row.count),
      disposition: row.disposition,
      dkim: row.dkim,
      spf: row.spf,
      headerFrom: row.header_from,
      dkimResults: parseList<DkimAuthResult>(row.dkim_auth),
      spfResults: parseList<SpfAuthResult>(row.spf_auth),
    };
  });
}
