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
  /**
   * A round is cut into slices of this many milliseconds that alternate between the contenders, so load
   * that comes and goes within a round falls on every contender of it alike. Default 100 (at most `roundMs`).
   */
  sliceMs?: number;
  /** Operations run before timing, to warm the JIT and caches. */
  warmup: number;
  /** Items one operation handles (messages in a batch): the reported rate is per item. Default 1. */
  itemsPerRun?: number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * Time contenders side by side in one process: each round is cut into short slices that alternate between
 * them (the order reversed every other round), so machine noise falls on all of them alike, and the
 * medians of the rounds are compared.
 */
export async function compare(contenders: Contender[], options: CompareOptions): Promise<Measurement[]> {
  for (const c of contenders) for (let i = 0; i < options.warmup; i++) await c.run();
  const perRound = new Map<string, number[]>(contenders.map((c) => [c.name, []]));
  const sliceMs = Math.min(options.sliceMs ?? 100, options.roundMs);
  const slices = Math.max(1, Math.round(options.roundMs / sliceMs));
  for (let round = 0; round < options.rounds; round++) {
    const order = round % 2 ? [...contenders].reverse() : contenders;
    const ops = new Map<string, number>(contenders.map((c) => [c.name, 0]));
    const time = new Map<string, number>(contenders.map((c) => [c.name, 0]));
    for (let slice = 0; slice < slices; slice++) {
      for (const c of order) {
        let n = 0;
        const start = performance.now();
        let elapsed = 0;
        while (elapsed < sliceMs) {
          await c.run();
          n++;
          elapsed = performance.now() - start;
        }
        ops.set(c.name, ops.get(c.name)! + n);
        time.set(c.name, time.get(c.name)! + elapsed);
      }
    }
    for (const c of contenders) perRound.get(c.name)!.push((ops.get(c.name)! * (options.itemsPerRun ?? 1) * 1000) / time.get(c.name)!);
  }
  return contenders.map((c) => {
    const rounds = perRound.get(c.name)!;
    return { name: c.name, opsPerSecond: median(rounds), rounds };
  });
}

/**
 * The median of the ratios of the two contenders' rates in the same round: rounds run back to back, so
 * load from other processes that comes and goes touches both sides of each ratio alike.
 */
export function pairedRatio(a: Measurement, b: Measurement): number {
  return median(a.rounds.map((r, i) => r / b.rounds[i]!));
}

/** Print a comparison table with each contender's ratio to the first, then the ratios asked for (default: first/second). */
export function report(title: string, unit: string, results: Measurement[], ratios?: Array<[string, string]>): string {
  const base = results[0]!;
  const lines = [`${title}`];
  for (const r of results) {
    const ratio = r.opsPerSecond / base.opsPerSecond;
    lines.push(`  ${r.name.padEnd(10)} ${Math.round(r.opsPerSecond).toLocaleString('en-US').padStart(12)} ${unit}/s  ${ratio === 1 ? '' : `(${ratio.toFixed(2)}× ${base.name})`}`);
  }
  const byName = new Map(results.map((r) => [r.name, r]));
  const pairs = ratios ?? (results.length >= 2 ? [[results[0]!.name, results[1]!.name] as [string, string]] : []);
  for (const [a, b] of pairs) {
    const x = byName.get(a);
    const y = byName.get(b);
    if (x && y) lines.push(`  ratio ${a}/${b}: ${(x.opsPerSecond / y.opsPerSecond).toFixed(2)}× (round by round: median ${pairedRatio(x, y).toFixed(2)}×)`);
  }
  return lines.join('\n');
}
