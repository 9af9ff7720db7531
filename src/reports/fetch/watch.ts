import { fetchPass, imapClient, type FetchOptions, type FetchRun } from './imap.js';

/** How to watch a mailbox. */
export interface WatchOptions extends FetchOptions {
  /** Called after every pass (the first one runs at once). */
  onPass: (run: FetchRun) => void;
  /** Called when the connection fails; watching goes on after `retryMs`. */
  onError?: (error: unknown) => void;
  /** Look again after this long even without a new-mail notification (ms). Default 5 minutes. */
  pollMs?: number;
  /** Wait this long before reconnecting after an error (ms). Default 30 s. */
  retryMs?: number;
}

/** Resolve after `ms`, when `signal` aborts, or when `wake` is called (whichever comes first), leaving no timer behind. */
function pause(ms: number, signal: AbortSignal | undefined, onWake?: (wake: () => void) => void): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
    onWake?.(done);
  });
}

/**
 * Watch mode: a pass at once, then IMAP IDLE; each new-message notification (or every `pollMs`)
 * runs another pass. Reconnects after errors. Resolves when `signal` aborts.
 */
export async function watchReports(options: WatchOptions): Promise<void> {
  const { signal } = options;
  const pollMs = options.pollMs ?? 5 * 60_000;
  const retryMs = options.retryMs ?? 30_000;
  while (!signal?.aborted) {
    const client = imapClient(options);
    let wake: (() => void) | undefined;
    client.on('exists', () => wake?.());
    client.on('close', () => wake?.());
    client.on('error', () => wake?.());
    try {
      await client.connect();
      while (!signal?.aborted && client.usable) {
        options.onPass(await fetchPass(client, options));
        if (signal?.aborted) break;
        const waiting = pause(pollMs, signal, (done) => (wake = done));
        void client.idle().catch(() => undefined);
        await waiting;
        wake = undefined;
      }
    } catch (e) {
      if (!signal?.aborted) options.onError?.(e);
    } finally {
      await client.logout().catch(() => undefined);
      client.close();
    }
    if (!signal?.aborted) await pause(retryMs, signal);
  }
}
