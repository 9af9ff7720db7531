import type { AnalysisRow, AnalysisScope } from './rows.js';

/** Counts of one slice of mail. */
export interface Tally {
  messages: number;
  /** DMARC passed: aligned DKIM or aligned SPF passed (policy_evaluated). */
  dmarcPass: number;
  spfAligned: number;
  dkimAligned: number;
}

/** `inkan reports summary`: volume, pass rates and dispositions, by reporter and by day. */
export interface ReportSummary {
  domain: string;
  since?: number;
  until?: number;
  reports: number;
  reporters: number;
  total: Tally;
  /** Shares of `total.messages`, 0..1 (0 when there is no mail). */
  rates: { dmarcPass: number; spfAligned: number; dkimAligned: number };
  dispositions: Record<string, number>;
  byReporter: Array<{ orgName: string; reports: number } & Tally>;
  /** UTC days; a report covering several days is spread over them in proportion to the time it covers. */
  byDay: Array<{ day: string } & Tally>;
}

const DAY = 86_400;

function tally(): Tally {
  return { messages: 0, dmarcPass: 0, spfAligned: 0, dkimAligned: 0 };
}

function add(t: Tally, row: AnalysisRow, weight = 1): void {
  const n = row.count * weight;
  t.messages += n;
  if (row.dkim === 'pass' || row.spf === 'pass') t.dmarcPass += n;
  if (row.spf === 'pass') t.spfAligned += n;
  if (row.dkim === 'pass') t.dkimAligned += n;
}

/** The share of each UTC day in [begin, end] (end inclusive, as reports write it), within the scope. */
export function daysCovered(begin: number, end: number, scope: Pick<AnalysisScope, 'since' | 'until'> = {}): Array<{ day: string; share: number }> {
  const stop = Math.max(begin + 1, end + (end % 60 === 59 ? 1 : 0));
  const length = stop - begin;
  const out: Array<{ day: string; share: number }> = [];
  for (let day = Math.floor(begin / DAY) * DAY; day < stop && out.length < 366; day += DAY) {
    const from = Math.max(begin, day, scope.since ?? -Infinity);
    const to = Math.min(stop, day + DAY, scope.until ?? Infinity);
    if (to > from) out.push({ day: new Date(day * 1000).toISOString().slice(0, 10), share: (to - from) / length });
  }
  return out;
}

function round(t: Tally): Tally {
  return { messages: Math.round(t.messages), dmarcPass: Math.round(t.dmarcPass), spfAligned: Math.round(t.spfAligned), dkimAligned: Math.round(t.dkimAligned) };
}

function share(part: number, whole: number): number {
  return whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : 0;
}

/** Summarize rows: totals and rates, dispositions, per reporter, per day (multi-day reports spread). */
export function summarize(rows: readonly AnalysisRow[], scope: AnalysisScope): ReportSummary {
  const total = tally();
  const dispositions: Record<string, number> = {};
  const reporters = new Map<string, { reports: Set<string>; t: Tally }>();
  const days = new Map<string, Tally>();
  const reports = new Set<string>();
  for (const row of rows) {
    add(total, row);
    const disposition = row.disposition || 'none';
    dispositions[disposition] = (dispositions[disposition] ?? 0) + row.count;
    const key = `${row.orgName}\u0000${row.reportId}`;
    reports.add(key);
    let reporter = reporters.get(row.orgName);
    if (!reporter) reporters.set(row.orgName, (reporter = { reports: new Set(), t: tally() }));
    reporter.reports.add(row.reportId);
    add(reporter.t, row);
    for (const { day, share: weight } of daysCovered(row.dateBegin, row.dateEnd, scope)) {
      let t = days.get(day);
      if (!t) days.set(day, (t = tally()));
      add(t, row, weight);
    }
  }
  return {
    domain: scope.domain,
    ...(scope.since !== undefined ? { since: scope.since } : {}),
    ...(scope.until !== undefined ? { until: scope.until } : {}),
    reports: reports.size,
    reporters: reporters.size,
    total,
    rates: { dmarcPass: share(total.dmarcPass, total.messages), spfAligned: share(total.spfAligned, total.messages), dkimAligned: share(total.dkimAligned, total.messages) },
    dispositions,
    byReporter: [...reporters]
      .map(([orgName, r]) => ({ orgName, reports: r.reports.size, ...r.t }))
      .sort((a, b) => b.messages - a.messages || a.orgName.localeCompare(b.orgName)),
    byDay: [...days].sort(([a], [b]) => a.localeCompare(b)).map(([day, t]) => ({ day, ...round(t) })),
  };
}
