import type { Resolver } from '../../dns/types.js';
import type { ReportStore } from '../store/store.js';
import { advise, DEFAULT_ADVICE_THRESHOLDS, type AdviceThresholds, type PolicyAdvice } from './advise.js';
import { lookupPtrs, type PtrInfo } from './enrich.js';
import { loadRows, type AnalysisScope } from './rows.js';
import { buildSources, type Source } from './sources.js';
import { summarize, type ReportSummary } from './summary.js';

/** Everything the analyse commands show about a domain. */
export interface DomainAnalysis {
  summary: ReportSummary;
  sources: Source[];
  advice: PolicyAdvice;
}

/** Summarize, enrich (reverse DNS when a resolver is given), classify sources and advise, for one domain. */
export async function analyseDomain(store: ReportStore, scope: AnalysisScope, options: { resolver?: Resolver; now: number; thresholds?: AdviceThresholds }): Promise<DomainAnalysis> {
  const rows = await loadRows(store, scope);
  const summary = summarize(rows, scope);
  const ptrs = options.resolver ? await lookupPtrs(store, options.resolver, rows.map((r) => r.sourceIp), options.now) : new Map<string, PtrInfo>();
  const sources = buildSources(rows, scope.domain, ptrs);
  let latest: { end: number; p: string | undefined } | undefined;
  for (const row of rows) if (!latest || row.dateEnd > latest.end) latest = { end: row.dateEnd, p: row.policy };
  const advice = advise(scope.domain, sources, { current: latest?.p, days: summary.byDay.length }, options.thresholds ?? DEFAULT_ADVICE_THRESHOLDS);
  return { summary, sources, advice };
}
