import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { UsageError, type CliContext } from './context.js';

/** A message named on the command line: a file streamed from disk, or standard input for `-`. */
export async function messageInput(ctx: CliContext, command: string, path: string | undefined): Promise<AsyncIterable<Uint8Array>> {
  if (path === undefined) throw new UsageError(ctx.t('cli.error.missing-file'), command);
  if (path === '-') return ctx.stdin as AsyncIterable<Uint8Array>;
  try {
    if (!(await stat(path)).isFile()) throw new Error('not a file');
  } catch {
    throw new UsageError(ctx.t('cli.error.unreadable-file', { file: path }), command);
  }
  return createReadStream(path);
}

/** Parse `--now` (an ISO 8601 time, for mail that waited in a queue). */
export function parseNow(ctx: CliContext, command: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const ms = Date.parse(value);
  if (!Number.isFinite(ms)) throw new UsageError(ctx.t('cli.error.bad-time', { value }), command);
  return ms;
}
