import type { ReportStore } from '../store/store.js';
import type { DkimAuthResult } from '../types.js';

/** Most report rows read to collect selectors (a bound on time and memory). */
const MAX_ROWS = 200_000;

/**
 * The DKIM selectors that reporters saw on mail signed by `domain` (its own `d=`, or a subdomain's),
 * most used first: what `inkan check` probes besides the selectors it was given and the common ones.
 */
export async function reportedSelectors(store: ReportStore, domain: string, limit = 20): Promise<string[]> {
  const d = domain.toLowerCase().replace(/\.$/, '');
  const rows = await store.db
    .selectFrom('records as rec')
    .innerJoin('reports as r', 'r.id', 'rec.report_ref')
    .select(['rec.dkim_auth', 'rec.count'])
    .where('r.kind', '=', 'aggregate')
    .where((eb) => eb.or([eb('r.domain', '=', d), eb('rec.header_from', '=', d)]))
    .limit(MAX_ROWS)
    .execute();
  const seen = new Map<string, number>();
  for (const row of rows) {
    let results: DkimAuthResult[];
    try {
      results = JSON.parse(row.dkim_auth) as DkimAuthResult[];
    } catch {
      continue;
    }
    if (!Array.isArray(results)) continue;
    for (const r of results) {
      const signer = r.domain?.toLowerCase();
      if (!r.selector || !signer || (signer !== d && !signer.endsWith(`.${d}`))) continue;
      const selector = r.selector.toLowerCase();
      seen.set(selector, (seen.get(selector) ?? 0) + Number(row.count));
    }
  }
  return [...seen].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, limit).map(([s]) => s);
}
