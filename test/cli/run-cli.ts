import { run } from '../../src/cli/run.js';

/** What one CLI run printed and returned. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run the CLI in this process, capturing its output. */
export async function runCli(argv: string[], env: Record<string, string | undefined> = { LANG: 'C.UTF-8' }): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await run(argv, {
    out: (text) => (stdout += text.endsWith('\n') ? text : `${text}\n`),
    err: (text) => (stderr += text.endsWith('\n') ? text : `${text}\n`),
    env,
    isTty: false,
  });
  return { code, stdout, stderr };
}
