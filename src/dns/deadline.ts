/** When a piece of DNS work must stop: an optional time limit and an optional caller's signal. */
export interface DeadlineOptions {
  /** Milliseconds from now. */
  timeout?: number | undefined;
  /** The caller's signal (it may outlive many evaluations: listening to it is released by `close`). */
  signal?: AbortSignal | undefined;
}

/**
 * A time limit and a caller's signal joined into one AbortSignal, with a promise that resolves to
 * `value` when either fires, to race queries against. Without either, there is nothing to wait for.
 */
export class Deadline<T> {
  /** Aborts when the time is up or the caller aborts; undefined when there is no deadline. */
  readonly signal: AbortSignal | undefined;
  /** Resolves to the given value when the deadline fires; undefined when there is no deadline. */
  readonly fired: Promise<T> | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private detach: (() => void) | undefined;

  constructor(options: DeadlineOptions, value: T) {
    if (options.timeout === undefined && !options.signal) return;
    const controller = new AbortController();
    const external = options.signal;
    if (external?.aborted) controller.abort();
    else if (external) {
      const forward = (): void => controller.abort();
      external.addEventListener('abort', forward, { once: true });
      this.detach = () => external.removeEventListener('abort', forward);
    }
    if (options.timeout !== undefined) this.timer = setTimeout(() => controller.abort(), options.timeout);
    this.signal = controller.signal;
    this.fired = new Promise((resolve) => {
      if (controller.signal.aborted) resolve(value);
      else controller.signal.addEventListener('abort', () => resolve(value), { once: true });
    });
  }

  /** Release the timer and stop listening to the caller's signal. */
  close(): void {
    if (this.timer) clearTimeout(this.timer);
    this.detach?.();
  }
}
