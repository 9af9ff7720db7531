// DKIM-only verification: inkan, mailauth's dkimVerify and the limit, on the same signed corpus.
import { bodyScanSimd } from '../src/dkim/body-scan.js';
import { stratifiedBatches, type Corpus, type CorpusMessage } from './corpus.js';
import { compare, report, type CompareOptions, type Contender, type Measurement } from './harness.js';
import { inkanDkim, limit, mailauthDkim, type Target } from './targets.js';

/** Options for the corpus benchmarks: the harness's, and how many messages one timed operation verifies. */
export interface CorpusBenchOptions extends CompareOptions {
  batchSize: number;
  /** Check agreement on every n-th message only (1: all). */
  checkEvery: number;
}

/** Count of DKIM-Signature fields in a raw message. */
export function signatureCount(raw: Buffer): number {
  let n = 0;
  for (let i = raw.indexOf('DKIM-Signature:'); i !== -1; i = raw.indexOf('DKIM-Signature:', i + 1)) if (i === 0 || raw[i - 1] === 0x0a) n++;
  return n;
}

/** Print at most a few disagreements, then how many there were. */
export function printDisagreements(what: string, notes: string[]): void {
  for (const n of notes.slice(0, 10)) console.warn(`  note: ${n}`);
  if (notes.length > 10) console.warn(`  note: … ${notes.length - 10} more`);
  console.log(`  ${what}: ${notes.length === 0 ? 'all agree' : `${notes.length} disagreement(s)`}`);
}

/** A contender that verifies the next stratified batch with `target` on each run. */
export function batchContender(name: string, target: Target, batches: CorpusMessage[][]): Contender {
  let b = 0;
  return {
    name,
    run: async () => {
      for (const m of batches[b++ % batches.length]!) await target(m);
    },
  };
}

/** A one-line description of the corpus: sizes, signatures. */
export function describe(corpus: Corpus): string {
  const sizes = corpus.messages.map((m) => m.raw.length).sort((a, b) => a - b);
  const sigs = corpus.messages.reduce((n, m) => n + m.signatures.length, 0);
  const kib = (n: number): string => `${(n / 1024).toFixed(1)} KiB`;
  return `${kib(sizes[0]!)}–${kib(sizes[sizes.length - 1]!)}, median ${kib(sizes[sizes.length >> 1]!)}, ${sigs} signatures`;
}

/** Time DKIM verification of the corpus; prints the table and returns the measurements. */
export async function benchDkim(corpus: Corpus, options: CorpusBenchOptions): Promise<Measurement[]> {
  const inkan = inkanDkim(corpus);
  const mailauth = mailauthDkim(corpus);
  const theLimit = limit(corpus);

  // Every signature must pass everywhere before anything is timed.
  const notes: string[] = [];
  let checked = 0;
  for (const m of corpus.messages) {
    if (m.index % options.checkEvery !== 0) continue;
    checked++;
    const problems: string[] = [];
    const want = signatureCount(m.raw);
    const ours = await inkan(m);
    if (!ours.ok) problems.push(`inkan: message error ${ours.error.code}`);
    else if (ours.results.length !== want || ours.results.some((x) => x.result !== 'pass')) {
      problems.push(`inkan ${ours.results.map((x) => `${x.domain}:${x.result}${'reason' in x ? ` (${x.reason.code})` : ''}`).join(', ')}`);
    }
    const theirs = (await mailauth(m)).results ?? [];
    if (theirs.length !== want || theirs.some((x) => x.status.result !== 'pass')) {
      problems.push(`mailauth ${theirs.map((x) => `${x.signingDomain}:${x.status.result}${x.status.comment ? ` (${x.status.comment})` : ''}`).join(', ')}`);
    }
    if (!(await theLimit(m))) problems.push('limit: a hash or signature does not check');
    if (problems.length) notes.push(`message ${m.index} (${m.kind}, ${m.plan}, ${m.raw.length} octets): ${problems.join('; ')}`);
  }
  printDisagreements(`every DKIM signature passes in ${checked} messages (inkan, mailauth, limit)`, notes);

  const batches = stratifiedBatches(corpus.messages, options.batchSize);
  const contenders = [batchContender('inkan', inkan, batches), batchContender('mailauth', mailauth, batches), batchContender('limit', theLimit, batches)];
  const results = await compare(contenders, { ...options, itemsPerRun: batches[0]!.length });
  console.log(report(`DKIM verification only (${corpus.messages.length} messages, ${describe(corpus)})`, 'msgs', results, [['inkan', 'mailauth'], ['inkan', 'limit']]));
  console.log(`  inkan's body scan: ${bodyScanSimd ? 'WebAssembly SIMD' : 'plain loop (no WebAssembly SIMD here)'}`);
  return results;
}
