// `npm run bench`: inkan side by side with mailauth (the best JavaScript peer) and the limit, same data, same process.
// `npm run bench -- --quick` is a short run (half the corpus, fewer and shorter rounds); `--only=spf,dkim,verify,memory,audit,reports` picks sections.
import { performance } from 'node:perf_hooks';
import { buildCorpus } from './corpus.js';
import { benchDkim, describe } from './dkim.bench.js';
import { pairedRatio, type Measurement } from './harness.js';
import { benchMemory, GROWTH_TARGET, type MemoryFigure } from './memory.js';
import { benchSpf } from './spf.bench.js';
import { benchVerify } from './verify.bench.js';
import { benchAudit } from './audit.bench.js';
import { benchReports, REPORT_TARGETS, type ReportBenchFigures } from './reports.bench.js';

const quick = process.argv.includes('--quick');
const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length).split(',');
const wants = (section: string): boolean => !only || only.includes(section);

const spfOptions = { rounds: quick ? 3 : 9, roundMs: quick ? 200 : 700, warmup: 300 };
const corpusOptions = { rounds: quick ? 3 : 7, roundMs: quick ? 500 : 1200, warmup: 2, batchSize: 40, checkEvery: quick ? 8 : 1 };
/** The targets. */
const TARGET = { overMailauth: 10, ofLimit: 0.7 };

const started = performance.now();
console.log(`node ${process.version}, ${spfOptions.rounds} rounds of ${spfOptions.roundMs} ms per contender (SPF), ${corpusOptions.rounds} of ${corpusOptions.roundMs} ms (DKIM, verify), median reported`);
if (wants('spf')) await benchSpf(spfOptions);

let dkim: Measurement[] = [];
let full: Measurement[] = [];
if (wants('dkim') || wants('verify')) {
  const start = performance.now();
  const corpus = await buildCorpus({ count: quick ? 1000 : 2000, seed: 0x1a7ca4 });
  console.log(`\ncorpus: ${corpus.messages.length} messages (${describe(corpus)}), generated and signed by mailauth in ${((performance.now() - start) / 1000).toFixed(1)} s`);
  if (wants('dkim')) dkim = await benchDkim(corpus, corpusOptions);
  if (wants('verify')) full = await benchVerify(corpus, corpusOptions);
}
let memory: MemoryFigure[] = [];
if (wants('memory')) memory = await benchMemory(100, quick ? ['inkan'] : ['inkan', 'mailauth', 'drain']);
let audit: Awaited<ReturnType<typeof benchAudit>> | undefined;
if (wants('audit')) audit = await benchAudit();
let reports: ReportBenchFigures | undefined;
if (wants('reports')) reports = await benchReports({ quick });

// One block with every figure the issue asks for, against its targets.
const rate = (list: Measurement[], name: string): number | undefined => list.find((m) => m.name === name)?.opsPerSecond;
const n = (x: number | undefined): string => (x === undefined ? '–' : Math.round(x).toLocaleString('en-US'));
const mark = (ok: boolean): string => (ok ? 'met' : 'NOT met');
console.log('\nSummary (msgs/s, one core)');
const paired = (list: Measurement[], a: string, b: string): number => pairedRatio(list.find((m) => m.name === a)!, list.find((m) => m.name === b)!);
if (dkim.length) {
  const [ink, mail, lim] = [rate(dkim, 'inkan')!, rate(dkim, 'mailauth')!, rate(dkim, 'limit')!];
  console.log(`  DKIM only    inkan ${n(ink)}, mailauth ${n(mail)}, limit ${n(lim)}: inkan/mailauth ${(ink / mail).toFixed(2)}× (target ≥ ${TARGET.overMailauth}×, ${mark(ink / mail >= TARGET.overMailauth)}), inkan/limit ${((ink / lim) * 100).toFixed(0)} % (target ≥ ${TARGET.ofLimit * 100} %, ${mark(ink / lim >= TARGET.ofLimit)})`);
  console.log(`               round by round: inkan/mailauth ${paired(dkim, 'inkan', 'mailauth').toFixed(2)}×, inkan/limit ${(paired(dkim, 'inkan', 'limit') * 100).toFixed(0)} %`);
}
if (full.length) {
  const [ink, mail] = [rate(full, 'inkan')!, rate(full, 'mailauth')!];
  console.log(`  full verify  inkan ${n(ink)}, mailauth ${n(mail)}: inkan/mailauth ${(ink / mail).toFixed(2)}× (target ≥ ${TARGET.overMailauth}×, ${mark(ink / mail >= TARGET.overMailauth)})`);
  console.log(`               round by round: inkan/mailauth ${paired(full, 'inkan', 'mailauth').toFixed(2)}×`);
}
const ours = memory.find((m) => m.verifier === 'inkan');
if (ours) console.log(`  memory       inkan +${(ours.growth / 1024 / 1024).toFixed(1)} MiB RSS for a 100 MiB streamed message (target < ${GROWTH_TARGET / 1024 / 1024} MiB, ${mark(ours.growth < GROWTH_TARGET)})`);
if (audit) console.log(`  check        wall time ÷ (50 ms × ${audit.longestChain} dependent steps) = ${audit.ratio.toFixed(2)} (target ≤ 1.5, ${mark(audit.ratio <= 1.5)})`);
if (reports) {
  const target = REPORT_TARGETS.recordsPerSecond;
  const fig = (x: number): string => `${n(x)} (${mark(x >= target)})`;
  console.log(`  reports      ingest into SQLite, target ≥ ${n(target)} records/s: small report files ${fig(reports.small.recordsPerSecond)}, large files ${fig(reports.large.recordsPerSecond)}`);
  const m = reports.memory;
  if (m) console.log(`               one ${m.megabytes} MB report streamed: peak RSS ${(m.peakRss / 1024 / 1024).toFixed(0)} MiB (target < ${(REPORT_TARGETS.peakRss / 1024 / 1024).toFixed(0)} MiB, ${mark(m.peakRss < REPORT_TARGETS.peakRss)})`);
}
console.log(`  (bench ran ${((performance.now() - started) / 1000).toFixed(0)} s)`);
