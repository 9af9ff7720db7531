/**
 * Worker threads that prepare inputs (prepare.ts) while the main thread writes: on two cores or more, parsing
 * and SQLite's inserts run side by side. Used by ingestMany, where other inputs keep the main thread busy.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Prepared, PrepareOptions } from './prepare.js';

/**
 * One input sent to a worker: octets (copied: the caller keeps them for the quarantine), or a file the worker
 * reads itself when it is a regular file of at most `maxFile` octets.
 */
export type PrepareTask = { id: number; name: string | undefined; options: PrepareOptions } & ({ bytes: Uint8Array } | { path: string; maxFile: number });

/**
 * A worker's answer; without `prepared` when the caller must do it itself (a fault, or a file that is not small
 * and regular). `bytes`: a file's octets, when the quarantine needs them.
 */
export interface PrepareReply {
  id: number;
  prepared?: Prepared;
  bytes?: Uint8Array;
}

/** What a worker gave for an input. */
export interface PreparedInput {
  prepared: Prepared;
  bytes?: Uint8Array;
}

/**
 * Inputs queued at one worker before the next is prepared on the calling thread instead: the main thread parses
 * only when the worker is well behind (8 was faster than 2, 4 or 16 on two cores, with ingestMany's 16 inputs).
 */
const MAX_QUEUED = 8;
/** Workers at most: one already keeps the main thread's writes busy on the machines measured. */
const MAX_WORKERS = 2;
/** Workers started again after a fault, at most, in one process. */
const MAX_RESTARTS = 3;

interface Slot {
  worker: Worker;
  ready: boolean;
  waiting: Map<number, (reply: PreparedInput | undefined) => void>;
}

/** A pool of prepare workers; `prepare` says undefined when the caller should do it itself. */
export class PreparePool {
  private readonly slots: Slot[] = [];
  private nextId = 0;
  private restarts = 0;

  constructor(private readonly size: number) {}

  /** Prepare octets on a worker, or undefined when every worker is busy, still starting, or gone. */
  prepare(bytes: Uint8Array, name: string | undefined, options: PrepareOptions): Promise<PreparedInput | undefined> | undefined {
    return this.send({ id: 0, bytes, name, options });
  }

  /** Read and prepare a file on a worker (resolves to undefined when it is not a small regular file); undefined as for prepare. */
  prepareFile(path: string, maxFile: number, name: string | undefined, options: PrepareOptions): Promise<PreparedInput | undefined> | undefined {
    return this.send({ id: 0, path, maxFile, name, options });
  }

  private send(task: PrepareTask): Promise<PreparedInput | undefined> | undefined {
    while (this.slots.length < this.size && this.restarts <= MAX_RESTARTS) {
      try {
        this.slots.push(this.start());
      } catch {
        // No thread to be had (a resource limit): the caller prepares the input itself.
        this.restarts++;
      }
    }
    let best: Slot | undefined;
    for (const s of this.slots) if (s.ready && s.waiting.size < MAX_QUEUED && (!best || s.waiting.size < best.waiting.size)) best = s;
    if (!best) return undefined;
    const slot = best;
    task.id = this.nextId++;
    return new Promise((resolve) => {
      if (slot.waiting.size === 0) slot.worker.ref();
      slot.waiting.set(task.id, resolve);
      slot.worker.postMessage(task);
    });
  }

  /** Stop the workers; what they had not prepared resolves to undefined (the pool starts new ones when used again). */
  async close(): Promise<void> {
    const slots = this.slots.splice(0);
    for (const s of slots) for (const resolve of s.waiting.values()) resolve(undefined);
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }

  private start(): Slot {
    const worker = new Worker(new URL('./prepare-worker.js', import.meta.url));
    const slot: Slot = { worker, ready: false, waiting: new Map() };
    worker.on('message', (m: PrepareReply | { ready: true }) => {
      if ('ready' in m) {
        slot.ready = true;
        return;
      }
      const resolve = slot.waiting.get(m.id);
      slot.waiting.delete(m.id);
      if (slot.waiting.size === 0) worker.unref();
      resolve?.(m.prepared ? (m.bytes ? { prepared: m.prepared, bytes: m.bytes } : { prepared: m.prepared }) : undefined);
    });
    const gone = (): void => {
      const at = this.slots.indexOf(slot);
      if (at < 0) return;
      this.slots.splice(at, 1);
      this.restarts++;
      for (const resolve of slot.waiting.values()) resolve(undefined);
      slot.waiting.clear();
    };
    worker.on('error', gone);
    worker.on('exit', gone);
    // An idle worker does not keep the process alive; one with work does (see send). After the listeners: adding a
    // 'message' listener refs the worker again.
    worker.unref();
    return slot;
  }
}

let shared: PreparePool | null | undefined;

/**
 * The process's pool: one worker per core beyond the first, at most MAX_WORKERS; none on one core.
 * `INKAN_WORKERS` sets the number (0: prepare everything on the calling thread).
 */
export function preparePool(): PreparePool | undefined {
  if (shared === undefined) {
    const set = process.env['INKAN_WORKERS'];
    const size = set !== undefined && /^\d+$/.test(set) ? Number(set) : Math.min(MAX_WORKERS, availableParallelism() - 1);
    shared = size > 0 ? new PreparePool(size) : null;
  }
  return shared ?? undefined;
}
