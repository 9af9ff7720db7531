/** The worker thread of prepare-pool.ts: prepares the inputs it is sent and posts back what it found. */
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { AggregateError } from './aggregate.js';
import { prepareBytes, type Prepared } from './prepare.js';
import type { PrepareReply, PrepareTask, StreamControl, StreamEvent } from './prepare-pool.js';
import { parsedRows } from './rows.js';
import { once, UnpackError, unpack } from './unpack.js';

/** The ArrayBuffers wholly held by the kept octets: moved to the main thread, not copied (a part of a shared one is copied). */
function movable(packs: Array<Uint8Array | undefined>): ArrayBuffer[] {
  const out = new Set<ArrayBuffer>();
  for (const packed of packs)
    if (packed && packed.byteOffset === 0 && packed.byteLength === packed.buffer.byteLength && packed.buffer instanceof ArrayBuffer) out.add(packed.buffer);
  return [...out];
}

function packsOf(prepared: Prepared): Array<Uint8Array | undefined> {
  return 'leaves' in prepared ? prepared.leaves.map((leaf) => (leaf.kind === 'prepared' && 'report' in leaf ? leaf.packed : undefined)) : [];
}

/** Whether the main thread needs the input's octets: to keep them in the quarantine. */
function quarantines(prepared: Prepared): boolean {
  return 'leaves' in prepared && (prepared.unpackError !== undefined || prepared.leaves.some((l) => l.kind === 'unknown' || (l.kind === 'prepared' && 'error' in l)));
}

/** A regular file of at most `max` octets, read whole; `large` for a larger one; undefined for anything else (the main thread says why). */
function readSmall(path: string, max: number): Buffer | 'large' | undefined {
  try {
    const stats = statSync(path);
    if (!stats.isFile()) return undefined;
    return stats.size <= max ? readFileSync(path) : 'large';
  } catch {
    return undefined;
  }
}

async function prepare(task: PrepareTask): Promise<PrepareReply> {
  const bytes = 'path' in task ? readSmall(task.path, task.maxFile) : task.bytes;
  if (bytes === 'large') return { id: task.id, large: true };
  if (!bytes) return { id: task.id };
  const prepared = await prepareBytes(bytes, task.name, task.options);
  return 'path' in task && quarantines(prepared) ? { id: task.id, prepared, bytes } : { id: task.id, prepared };
}

/** A streamed input: its events, and whether the caller asked to skip the rest of the report being sent. */
interface Stream {
  events: AsyncIterator<StreamEvent>;
  ahead: Promise<IteratorResult<StreamEvent>>;
  skip: boolean;
}

/** The events of a large input, read in pieces (see StreamEvent). */
async function* streamEvents(task: PrepareTask, state: { skip: boolean }): AsyncGenerator<StreamEvent> {
  const { unpackLimits, aggregateLimits, keepRawUpTo } = task.options;
  const file = 'path' in task ? createReadStream(task.path, { highWaterMark: 256 * 1024 }) : undefined;
  let report = 0;
  try {
    for await (const leaf of unpack(file ?? once('bytes' in task ? task.bytes : undefined), task.name, unpackLimits)) {
      if (leaf.kind !== 'aggregate') {
        yield { kind: 'leaf', leaf };
        continue;
      }
      const source = parsedRows(leaf, aggregateLimits, keepRawUpTo);
      const n = report++;
      state.skip = false;
      try {
        const begun = await source.begin();
        yield { kind: 'begin', report: n, begun };
        if (begun.whole) continue;
        for (let rows = await source.next(); rows && !state.skip; rows = state.skip ? undefined : await source.next()) yield { kind: 'rows', report: n, rows };
        // A skipped report (a duplicate): the rest of it is not read.
        if (state.skip) continue;
        yield { kind: 'rowsEnd', report: n };
        yield { kind: 'end', report: n, ended: await source.end() };
      } catch (e) {
        if (!(e instanceof AggregateError)) throw e;
        yield { kind: 'aggregateError', report: n, code: e.code };
      }
    }
  } catch (e) {
    if (!(e instanceof UnpackError)) throw e;
    yield { kind: 'unpackError', code: e.code };
  } finally {
    file?.destroy();
  }
}

const streams = new Map<number, Stream>();

/** Send a stream's next event (computed while the caller wrote the last one), and start on the one after. */
function sendNext(id: number): void {
  const stream = streams.get(id);
  if (!stream) return void port.postMessage({ id, event: { kind: 'fault' } } satisfies PrepareReply);
  stream.ahead.then(
    (r) => {
      const event: StreamEvent = r.done ? { kind: 'done' } : r.value;
      if (r.done) streams.delete(id);
      port.postMessage({ id, event } satisfies PrepareReply, movable([event.kind === 'begin' ? event.begun.packed : event.kind === 'end' ? event.ended.packed : undefined]));
      if (!r.done) stream.ahead = stream.events.next();
    },
    () => {
      streams.delete(id);
      port.postMessage({ id, event: { kind: 'fault' } } satisfies PrepareReply);
    },
  );
}

const port = parentPort!;
port.on('message', (task: PrepareTask | StreamControl) => {
  if ('next' in task) return sendNext(task.id);
  if ('skip' in task) {
    const stream = streams.get(task.id);
    if (stream) stream.skip = true;
    return;
  }
  if (task.stream) {
    const stream = { skip: false } as Stream;
    stream.events = streamEvents(task, stream);
    stream.ahead = stream.events.next();
    // A rejection is seen when the caller asks for the event.
    stream.ahead.catch(() => undefined);
    streams.set(task.id, stream);
    return;
  }
  prepare(task).then(
    (reply) => port.postMessage(reply, reply.prepared ? movable(packsOf(reply.prepared)) : []),
    // Not bad input (that is a result) but a fault: the main thread prepares it again, and reports what it meets.
    () => port.postMessage({ id: task.id } satisfies PrepareReply),
  );
});
port.postMessage({ ready: true });
