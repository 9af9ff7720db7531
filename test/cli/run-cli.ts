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
