import { performance } from 'node:perf_hooks';

/** One implementation under test: `run` performs one operation. */
export interface Contender {
  name: string;
  run: () => Promise<unknown>;
}

/** The measured speed of one contender. */
export interface Measurement {
  name: string;
  /** Median operations per second over the rounds. */
  opsPerSecond: number;
  /** Every round's operations per second. */
  rounds: number[];
}

/** Options for {@link compare}. */
export interface CompareOptions {
  /** Rounds per contender; the median is reported. */
  rounds: number;
  /** Time spent in one round of one contender. */
  roundMs: number;
  /** Operations run before timing, to warm the JIT and caches. */
  warmup: number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * Time contenders side by side in one process: rounds alternate between them, so machine noise
 * falls on all of them alike, and the medians are compared.
 */
export async function compare(contenders: Contender[], options: CompareOptions): Promise<Measurement[]> {
  for (const c of contenders) for (let i = 0; i < options.warmup; i++) await c.run();
  const perRound = new Map<string, number[]>(contenders.map((c) => [c.name, []]));
  for (let round = 0; round < options.rounds; round++) {
    const order = round % 2 ? [...contenders].reverse() : contenders;
    for (const c of order) {
      let ops = 0;
      const start = performance.now();
      let elapsed = 0;
      while (elapsed < options.roundMs) {
        await c.run();
        ops++;
        elapsed = performance.now() - start;
      }
      perRound.get(c.name)!.push((ops * 1000) / elapsed);
    }
  }
  return contenders.map((c) => {
    const rounds = perRound.get(c.name)!;
    return { name: c.name, opsPerSecond: median(rounds), rounds };
  });
}

/** Print a comparison table with each contender's ratio to the first. */
export function report(title: string, unit: string, results: Measurement[]): string {
  const base = results[0]!;
  const lines = [`${title}`];
  for (const r of results) {
    const ratio = r.opsPerSecond / base.opsPerSecond;
    lines.push(`  ${r.name.padEnd(10)} ${Math.round(r.opsPerSecond).toLocaleString('en-US').padStart(12)} ${unit}/s  ${ratio === 1 ? '' : `(${ratio.toFixed(2)}× ${base.name})`}`);
  }
  const [first, second] = results;
  if (first && second) lines.push(`  ratio ${first.name}/${second.name}: ${(first.opsPerSecond / second.opsPerSecond).toFixed(2)}×`);
  return lines.join('\n');
}
