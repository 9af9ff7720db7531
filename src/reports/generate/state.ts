import { randomBytes } from 'node:crypto';
import { open, readFile, rename, stat, unlink } from 'node:fs/promises';

/** What a state file holds: the periodic sender's record, or the failure-report counts (one kind per file). */
export type StateKind = 'aggregate-sends' | 'failure-counts';

/** Why a state file could not be used. Sending without it could re-send or flood, so callers stop. */
export class StateFileError extends Error {
  constructor(
    readonly file: string,
    readonly reason: 'unreadable' | 'corrupt' | 'wrong-kind' | 'locked' | 'unwritable',
    detail: string,
  ) {
    super(`${file}: ${reason}: ${detail}`);
  }
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Read a state file written by {@link writeStateFile}; undefined when it does not exist yet. */
export async function readStateFile(file: string, kind: StateKind): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    if ((e as { code?: string }).code === 'ENOENT') return undefined;
    throw new StateFileError(file, 'unreadable', errorText(e));
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new StateFileError(file, 'corrupt', errorText(e));
  }
  const envelope = value as { version?: unknown; kind?: unknown; data?: unknown };
  if (typeof value !== 'object' || value === null || envelope.version !== 1 || typeof envelope.data !== 'object' || envelope.data === null) {
    throw new StateFileError(file, 'corrupt', 'not an inkan state file');
  }
  if (envelope.kind !== kind) throw new StateFileError(file, 'wrong-kind', `holds ${String(envelope.kind)}, not ${kind}`);
  return envelope.data;
}

/**
 * Replace a state file atomically: write a temporary file beside it, flush it to disk, rename it over the
 * old one. A crash leaves either the old state or the new, never half of one.
 */
export async function writeStateFile(file: string, kind: StateKind, data: unknown): Promise<void> {
  const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    const handle = await open(temp, 'w', 0o600);
    try {
      await handle.writeFile(`${JSON.stringify({ version: 1, kind, data })}\n`);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, file);
  } catch (e) {
    await unlink(temp).catch(() => undefined);
    throw new StateFileError(file, 'unwritable', errorText(e));
  }
}

/** A lock older than this is left over from a crashed process and is taken over. */
const STALE_LOCK_MS = 30_000;

/**
 * Run `body` holding `<file>.lock` (created exclusively), so that processes started side by side (an MTA runs
 * one per message) read, change and write the state one after the other. Waits up to `waitMs`.
 */
export async function withStateLock<T>(file: string, body: () => Promise<T>, waitMs = 5_000): Promise<T> {
  const lock = `${file}.lock`;
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      const handle = await open(lock, 'wx', 0o600);
      await handle.close();
      break;
    } catch (e) {
      if ((e as { code?: string }).code !== 'EEXIST') throw new StateFileError(file, 'unwritable', errorText(e));
      const age = await stat(lock).then((s) => Date.now() - s.mtimeMs, () => 0);
      if (age > STALE_LOCK_MS) {
        await unlink(lock).catch(() => undefined);
        continue;
      }
      if (Date.now() >= deadline) throw new StateFileError(file, 'locked', `${lock} is held by another process`);
      await new Promise((resolve) => setTimeout(resolve, 10 + Math.random() * 20));
    }
  }
  try {
    return await body();
  } finally {
    await unlink(lock).catch(() => undefined);
  }
}
