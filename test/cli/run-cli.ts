import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { run } from '../../src/cli/run.js';

/** What one CLI run printed and returned. */
export interface CliRun {
  code: number;
  stdout: string;
  /** Standard output exactly as written. */
  stdoutBytes: Buffer;
  stderr: string;
}

/** Run the CLI in this process, capturing its output. */
export async function runCli(
  argv: string[],
  env: Record<string, string | undefined> = { LANG: 'C.UTF-8' },
  stdin: Uint8Array | string = '',
): Promise<CliRun> {
  const out: Buffer[] = [];
  let stderr = '';
  const code = await run(argv, {
    out: (text) => void out.push(Buffer.from(text.endsWith('\n') ? text : `${text}\n`)),
    err: (text) => (stderr += text.endsWith('\n') ? text : `${text}\n`),
    outBytes: (bytes) => void out.push(Buffer.from(bytes)),
    stdin: (async function* () {
      yield typeof stdin === 'string' ? Buffer.from(stdin) : stdin;
    })(),
    env,
    isTty: false,
  });
  const bytes = Buffer.concat(out);
  return { code, stdout: bytes.toString('utf8'), stdoutBytes: bytes, stderr };
}

/** A CLI started as its own process (`inkan ... --json`) whose standard output is read one JSON line at a time. */
export interface SpawnedCli<T> {
  /** The next line of standard output, parsed; fails the test when the process ended first. */
  next(): Promise<T>;
  /** Send SIGTERM and resolve to the exit code. */
  stop(): Promise<number | null>;
  /** Everything written to standard error so far. */
  stderr(): string;
}

/** Start `inkan ARGS` (the built CLI) in a child process, in English. */
export function spawnCli<T>(argv: string[]): SpawnedCli<T> {
  const main = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));
  const child = spawn(process.execPath, [main, ...argv], { env: { ...process.env, LANG: 'C.UTF-8' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  return {
    next: async () => {
      const line = await lines.next();
      assert.ok(!line.done, `inkan ${argv.slice(0, 2).join(' ')} stopped: ${stderr}`);
      return JSON.parse(line.value as string) as T;
    },
    stop: async () => {
      child.kill('SIGTERM');
      return exited;
    },
    stderr: () => stderr,
  };
}
