/**
 * Worker threads that prepare inputs (prepare.ts) while the main thread writes: on two cores or more, parsing
 * and SQLite's inserts run side by side. Used by ingestMany, where other inputs keep the main thread busy.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { AggregateErrorCode } from './aggregate.js';
import type { Prepared, PrepareOptions } from './prepare.js';
import type { RowsBegun, RowsEnded } from './rows.js';
import type { Leaf, UnpackErrorCode } from './unpack.js';
import type { RecordRows } from './store/writer.js';

/**
 * One input sent to a worker: octets (copied: the caller keeps them for the quarantine), or a file the worker
 * reads itself when it is a regular file of at most `maxFile` octets. `stream`: read it in pieces and give its
 * reports as StreamEvents, one each time the caller asks (a large input).
 */
export type PrepareTask = { id: number; name: string | undefined; options: PrepareOptions; stream?: boolean } & ({ bytes: Uint8Array } | { path: string; maxFile: number });

/** What the caller tells a worker of a stream: send the next event, or skip the rest of the report being sent (a duplicate). */
export type StreamControl = { id: number; next: true } | { id: number; skip: true };

/**
 * What a streamed input gives, in order: for each report a `leaf` (not aggregate), or `begin`, then (unless it
 * was whole) `rows`... `rowsEnd` and `end`; an aggregate report that cannot be stored gives `aggregateError`
 * where it fails; `report` counts the aggregate reports of the input. `unpackError` when unpacking stops; `done`
 * at the end; `fault` when the worker failed.
 */
export type StreamEvent =
  | { kind: 'leaf'; leaf: Exclude<Leaf, { kind: 'aggregate' }> }
  | { kind: 'begin'; report: number; begun: RowsBegun }
  | { kind: 'rows'; report: number; rows: RecordRows }
  | { kind: 'rowsEnd'; report: number }
  | { kind: 'end'; report: number; ended: RowsEnded }
  | { kind: 'aggregateError'; report: number; code: AggregateErrorCode }
  | { kind: 'unpackError'; code: UnpackErrorCode }
  | { kind: 'done' }
  | { kind: 'fault' };

/**
 * A worker's answer; without `prepared` when the caller must do it itself (a fault, or a file that is not small
 * and regular; `large` when it is a regular file over `maxFile`). `bytes`: a file's octets, when the quarantine
 * needs them. `event`: the next event of a stream.
 */
export interface PrepareReply {
  id: number;
  prepared?: Prepared;
  bytes?: Uint8Array;
  large?: true;
  event?: StreamEvent;
}

/** What a worker gave for an input: prepared, or `large`, a regular file too large to read whole (stream it). */
export type PreparedInput = { prepared: Prepared; bytes?: Uint8Array } | { large: true };

/** A large input read and parsed on a worker, its events one at a time (the worker works one event ahead). */
export interface RemoteStream {
  next(): Promise<StreamEvent>;
  /** Skip the rest of the report being read (its rows, rowsEnd and end are not sent). */
  skip(): void;
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
  waiting: Map<number, (reply: PrepareReply | undefined) => void>;
  /** Streams open on this worker, each with the caller waiting for its next event, if one is. */
  streams: Map<number, ((event: StreamEvent) => void) | undefined>;
}

/** A pool of prepare workers; `prepare` says undefined when the caller should do it itself. */
export class PreparePool {
  private readonly slots: Slot[] = [];
  private nextId = 0;
  private restarts = 0;

  constructor(private readonly size: number) {}

  /** Prepare octets on a worker, or undefined when every worker is busy, still starting, or gone. */
  prepare(bytes: Uint8Array, name: string | undefined, options: PrepareOptions): Promise<PreparedInput | undefined> | undefined {
    return this.ask({ id: 0, bytes, name, options });
  }

  /**
   * Read and prepare a file on a worker: undefined as for prepare, or when it cannot be read or is not a regular
   * file; `large` when it is one over `maxFile` octets.
   */
  prepareFile(path: string, maxFile: number, name: string | undefined, options: PrepareOptions): Promise<PreparedInput | undefined> | undefined {
    return this.ask({ id: 0, path, maxFile, name, options });
  }

  /** Read and parse a large input (a file, or octets) on a worker, in pieces; undefined as for prepare. */
  stream(input: { path: string } | { bytes: Uint8Array }, name: string | undefined, options: PrepareOptions): RemoteStream | undefined {
    const slot = this.pick();
    if (!slot) return undefined;
    const id = this.nextId++;
    if (this.load(slot) === 0) slot.worker.ref();
    slot.streams.set(id, undefined);
    slot.worker.postMessage({ id, name, options, stream: true, ...('path' in input ? { path: input.path, maxFile: 0 } : { bytes: input.bytes }) } satisfies PrepareTask);
    // The event that ended the stream (done, or a fault), given again to any later call.
    let ended: StreamEvent | undefined;
    return {
      next: () => {
        if (ended || !slot.streams.has(id)) return Promise.resolve(ended ?? { kind: 'fault' });
        return new Promise<StreamEvent>((resolve) => {
          slot.streams.set(id, (event) => {
            if (event.kind === 'done' || event.kind === 'fault') {
              ended = event;
              slot.streams.delete(id);
              if (this.load(slot) === 0) slot.worker.unref();
            }
            resolve(event);
          });
          slot.worker.postMessage({ id, next: true } satisfies StreamControl);
        });
      },
      skip: () => {
        if (!ended && slot.streams.has(id)) slot.worker.postMessage({ id, skip: true } satisfies StreamControl);
      },
    };
  }

  /** Stop the workers; what they had not prepared resolves to undefined, open streams to a fault (the pool starts new workers when used again). */
  async close(): Promise<void> {
    const slots = this.slots.splice(0);
    for (const s of slots) this.abandon(s);
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }

  private ask(task: PrepareTask): Promise<PreparedInput | undefined> | undefined {
    const slot = this.pick();
    if (!slot) return undefined;
    task.id = this.nextId++;
    return new Promise((resolve) => {
      if (this.load(slot) === 0) slot.worker.ref();
      slot.waiting.set(task.id, (reply) => resolve(answer(reply)));
      slot.worker.postMessage(task);
    });
  }

  private load(slot: Slot): number {
    return slot.waiting.size + slot.streams.size;
  }

  /** The ready worker with the least work, if it has room. */
  private pick(): Slot | undefined {
    while (this.slots.length < this.size && this.restarts <= MAX_RESTARTS) {
      try {
        this.slots.push(this.start());
      } catch {
        // No thread to be had (a resource limit): the caller prepares the input itself.
        this.restarts++;
      }
    }
    let best: Slot | undefined;
    for (const s of this.slots) if (s.ready && this.load(s) < MAX_QUEUED && (!best || this.load(s) < this.load(best))) best = s;
    return best;
  }

  private abandon(slot: Slot): void {
    for (const resolve of slot.waiting.values()) resolve(undefined);
    slot.waiting.clear();
    for (const resolve of slot.streams.values()) resolve?.({ kind: 'fault' });
    slot.streams.clear();
  }

  private start(): Slot {
    const worker = new Worker(new URL('./prepare-worker.js', import.meta.url));
    const slot: Slot = { worker, ready: false, waiting: new Map(), streams: new Map() };
    worker.on('message', (m: PrepareReply | { ready: true }) => {
      if ('ready' in m) {
        slot.ready = true;
        return;
      }
      if (m.event) {
        const resolve = slot.streams.get(m.id);
        slot.streams.set(m.id, undefined);
        resolve?.(m.event);
        return;
      }
      const resolve = slot.waiting.get(m.id);
      slot.waiting.delete(m.id);
      if (this.load(slot) === 0) worker.unref();
      resolve?.(m);
    });
    const gone = (): void => {
      const at = this.slots.indexOf(slot);
      if (at < 0) return;
      this.slots.splice(at, 1);
      this.restarts++;
      this.abandon(slot);
    };
    worker.on('error', gone);
    worker.on('exit', gone);
    // An idle worker does not keep the process alive; one with work does (see ask). After the listeners: adding a
    // 'message' listener refs the worker again.
    worker.unref();
    return slot;
  }
}

/** What a reply gives the caller. */
function answer(reply: PrepareReply | undefined): PreparedInput | undefined {
  if (reply?.large) return { large: true };
  if (!reply?.prepared) return undefined;
  return reply.bytes ? { prepared: reply.prepared, bytes: reply.bytes } : { prepared: reply.prepared };
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
