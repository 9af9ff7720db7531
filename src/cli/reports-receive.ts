import { ingest } from '../reports/ingest.js';
import { DEFAULT_MAX_RECEIVED_BYTES, startReceiver, type ReceivedMessage, type Receiver } from '../reports/receive/server.js';
import { COMMON_OPTIONS, parseCommandArgs } from './args.js';
import { EXIT, UsageError, type CliContext } from './context.js';
import { jsonLine, openStoreForCli, parseByteCount, readOptionFile, reportStoreLocation, stopOnSignals } from './reports-fetch.js';

const OPTIONS = {
  ...COMMON_OPTIONS,
  listen: { type: 'string' },
  lmtp: { type: 'boolean' },
  rcpt: { type: 'string', multiple: true },
  'tls-cert': { type: 'string' },
  'tls-key': { type: 'string' },
  'max-size': { type: 'string' },
  db: { type: 'string' },
} as const;

/** Parse `HOST:PORT` or `[IPv6]:PORT`. */
export function parseListen(value: string): { host: string; port: number } | undefined {
  const m = /^(?:\[([0-9A-Fa-f:.]+)\]|([A-Za-z0-9.-]+)):(\d{1,5})$/.exec(value);
  if (!m) return undefined;
  const port = Number(m[3]);
  if (port > 65535) return undefined;
  return { host: m[1] ?? m[2]!, port };
}

function render(event: ReceivedMessage, ctx: CliContext): string {
  if (event.status === 'accepted') {
    const s = event.summary!;
    return ctx.t('reportsIo.receive.accepted', { origin: event.origin, stored: s.stored, duplicates: s.duplicates, quarantined: s.quarantined });
  }
  if (event.status === 'deferred') return ctx.t('reportsIo.receive.deferred', { origin: event.origin, reason: event.reason ?? '' });
  return ctx.t('reportsIo.receive.too-large', { origin: event.origin });
}

/** `inkan reports receive`: an SMTP/LMTP endpoint that answers 250 only after a message's reports are committed. Runs until SIGINT/SIGTERM. */
export async function reportsReceive(argv: string[], ctx: CliContext): Promise<number> {
  const { values, positionals } = parseCommandArgs(ctx, 'reports receive', argv, OPTIONS);
  if (values.help) {
    ctx.out(ctx.t('reportsIo.receive.help'));
    return EXIT.ok;
  }
  if (positionals.length) throw new UsageError(ctx.t('cli.error.extra-arguments', { args: positionals.join(' ') }), 'reports receive');
  if (!values.listen) throw new UsageError(ctx.t('reportsIo.receive.missing-listen'), 'reports receive');
  const listen = parseListen(values.listen);
  if (!listen) throw new UsageError(ctx.t('reportsIo.receive.bad-listen', { value: values.listen }), 'reports receive');
  if (Boolean(values['tls-cert']) !== Boolean(values['tls-key'])) throw new UsageError(ctx.t('reportsIo.receive.tls-pair'), 'reports receive');
  const tls = values['tls-cert'] && values['tls-key']
    ? { cert: readOptionFile(ctx, 'reports receive', values['tls-cert']), key: readOptionFile(ctx, 'reports receive', values['tls-key']) }
    : undefined;
  const maxMessageBytes = parseByteCount(ctx, 'reports receive', values['max-size'], DEFAULT_MAX_RECEIVED_BYTES);
  const store = await openStoreForCli(ctx, reportStoreLocation(values.db, ctx.env));
  if (!store) return EXIT.tempFail;
  const stop = stopOnSignals();
  let receiver: Receiver | undefined;
  try {
    try {
      receiver = await startReceiver({
        host: listen.host,
        port: listen.port,
        lmtp: values.lmtp ?? false,
        maxMessageBytes,
        ingest: (input) => ingest(store, input),
        ...(values.rcpt ? { recipients: values.rcpt } : {}),
        ...(tls ? { tls } : {}),
        onMessage: (event) => ctx.out(values.json ? jsonLine({ event: 'message', ...event }) : render(event, ctx)),
      });
    } catch (e) {
      ctx.err(ctx.t('reportsIo.receive.listen-failed', { address: values.listen, error: e instanceof Error ? e.message : String(e) }));
      return EXIT.tempFail;
    }
    const protocol = values.lmtp ? 'LMTP' : 'SMTP';
    if (values.json) ctx.out(jsonLine({ event: 'listening', protocol, host: receiver.host, port: receiver.port }));
    else ctx.err(ctx.t('reportsIo.receive.listening', { protocol, host: receiver.host, port: receiver.port }));
    if (!stop.signal.aborted) await new Promise((resolve) => stop.signal.addEventListener('abort', resolve, { once: true }));
    await receiver.close();
    if (values.json) ctx.out(jsonLine({ event: 'stopped' }));
    else ctx.err(ctx.t('reportsIo.receive.stopped'));
    return EXIT.ok;
  } finally {
    stop.done();
    await store.close();
  }
}
