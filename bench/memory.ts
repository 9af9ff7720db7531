// Memory: verify a 100 MiB message fed as a stream, in a child process so the baseline is clean.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Who reads the stream: a verifier, or `drain` (reads and drops it: the cost of the chunks themselves). */
export type Verifier = 'inkan' | 'mailauth' | 'drain';

/** What one child measured. */
export interface MemoryFigure {
  verifier: string;
  size: number;
  baseline: number;
  peak: number;
  growth: number;
  seconds: number;
  results: string[];
}

/** RSS growth allowed by the issue's target. */
export const GROWTH_TARGET = 32 * 1024 * 1024;

/** Measure one verifier in a fresh process. */
export async function measureMemory(verifier: Verifier, megabytes: number): Promise<MemoryFigure> {
  const child = fileURLToPath(new URL('./memory-child.js', import.meta.url));
  const { stdout } = await run(process.execPath, ['--expose-gc', child, `--verifier=${verifier}`, `--mb=${megabytes}`], { timeout: 120_000, maxBuffer: 1 << 20 });
  return JSON.parse(stdout.trim().split('\n').pop()!) as MemoryFigure;
}

const mib = (n: number): string => `${(n / 1024 / 1024).toFixed(1)} MiB`;

/** Run the memory benchmark for each verifier and print the figures. */
export async function benchMemory(megabytes: number, verifiers: Verifier[]): Promise<MemoryFigure[]> {
  console.log(`\nMemory: DKIM verification of one ${megabytes} MiB message fed as a stream of 64 KiB chunks (RSS growth over a clean baseline, target < ${mib(GROWTH_TARGET)})`);
  const figures: MemoryFigure[] = [];
  for (const v of verifiers) {
    try {
      const f = await measureMemory(v, megabytes);
      figures.push(f);
      const verdict = v === 'inkan' ? (f.growth < GROWTH_TARGET ? '  ok' : '  over target') : '';
      console.log(`  ${v.padEnd(10)} RSS +${mib(f.growth).padStart(10)} (baseline ${mib(f.baseline)}, peak ${mib(f.peak)}), ${(f.size / 1024 / 1024 / f.seconds).toFixed(0)} MiB/s, ${v === 'drain' ? 'no verification (the stream alone)' : `dkim=${f.results.join(',') || 'none'}`}${verdict}`);
    } catch (err) {
      console.log(`  ${v.padEnd(10)} failed: ${(err as Error).message.split('\n')[0]}`);
    }
  }
  return figures;
}
