// A child for group-commit.test.ts: ingests `count` generated reports with ingestMany and writes one line per
// report the moment ingest says it is stored (`stored <report id> <records>`), so a parent that kills it knows
// what was promised.   node group-commit-child.js DB COUNT [MAX-REPORTS-PER-COMMIT]
import { writeSync } from 'node:fs';
import { ingestMany } from '../../src/reports/ingest.js';
import { openReportStore } from '../../src/reports/store/open.js';
import { aggregateXml, passingRow } from './make.js';

/** The generated reports: small ones of 5–80 rows, and every 13th one of 1,500 rows (it streams into its batch). */
export function crashReports(count: number): Array<{ id: string; rows: number; bytes: Buffer }> {
  return Array.from({ length: count }, (_, i) => {
    const rows = i % 13 === 12 ? 1500 : 5 + ((i * 37) % 76);
    const id = `crash-${i}`;
    const xml = aggregateXml({ orgName: 'crash.example', reportId: id, begin: 1764460800, end: 1764547199, domain: 'crash.example', rows: Array.from({ length: rows }, (_, k) => passingRow(`10.${i & 255}.${k >> 8}.${k & 255}`, 1 + (k % 4), 'crash.example')) });
    return { id, rows, bytes: Buffer.from(xml) };
  });
}

if (process.argv[1]?.endsWith('group-commit-child.js')) {
  const [location, count, perCommit] = process.argv.slice(2);
  const store = await openReportStore(location!, perCommit ? { groupCommit: { maxReports: Number(perCommit) } } : {});
  const inputs = crashReports(Number(count)).map((r) => ({ bytes: r.bytes, origin: `test:${r.id}` }));
  for await (const outcome of ingestMany(store, inputs)) {
    if ('error' in outcome) throw outcome.error;
    for (const r of outcome.summary.reports) if (r.status === 'stored') writeSync(1, `stored ${r.reportId} ${r.records}\n`);
  }
  await store.close();
}
