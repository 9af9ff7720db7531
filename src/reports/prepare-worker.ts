/** The worker thread of prepare-pool.ts: prepares the inputs it is sent and posts back what it found. */
import { readFileSync, statSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { prepareBytes, type Prepared } from './prepare.js';
import type { PrepareReply, PrepareTask } from './prepare-pool.js';

/** The ArrayBuffers wholly held by the kept octets: moved to the main thread, not copied (a part of a shared one is copied). */
function movable(prepared: Prepared): ArrayBuffer[] {
  const out = new Set<ArrayBuffer>();
  if ('leaves' in prepared)
    for (const leaf of prepared.leaves) {
      const packed = leaf.kind === 'prepared' && 'report' in leaf ? leaf.packed : undefined;
      if (packed && packed.byteOffset === 0 && packed.byteLength === packed.buffer.byteLength && packed.buffer instanceof ArrayBuffer) out.add(packed.buffer);
    }
  return [...out];
}

/** Whether the main thread needs the input's octets: to keep them in the quarantine. */
function quarantines(prepared: Prepared): boolean {
  return 'leaves' in prepared && (prepared.unpackError !== undefined || prepared.leaves.some((l) => l.kind === 'unknown' || (l.kind === 'prepared' && 'error' in l)));
}

/** A regular file of at most `max` octets, read whole; undefined for anything else (the main thread streams it, or says why it cannot). */
function readSmall(path: string, max: number): Buffer | undefined {
  try {
    const stats = statSync(path);
    return stats.isFile() && stats.size <= max ? readFileSync(path) : undefined;
  } catch {
    return undefined;
  }
}

async function run(task: PrepareTask): Promise<PrepareReply> {
  const bytes = 'path' in task ? readSmall(task.path, task.maxFile) : task.bytes;
  if (!bytes) return { id: task.id };
  const prepared = await prepareBytes(bytes, task.name, task.options);
  return 'path' in task && quarantines(prepared) ? { id: task.id, prepared, bytes } : { id: task.id, prepared };
}

const port = parentPort!;
port.on('message', (task: PrepareTask) => {
  run(task).then(
    (reply) => port.postMessage(reply, reply.prepared ? movable(reply.prepared) : []),
    // Not bad input (that is a result) but a fault: the main thread prepares it again, and reports what it meets.
    () => port.postMessage({ id: task.id } satisfies PrepareReply),
  );
});
port.postMessage({ ready: true });
