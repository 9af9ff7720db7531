import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import type { IngestFn } from '../fetch/imap.js';
import type { IngestSummary } from '../ingest.js';

/** Largest message accepted (bytes), announced with SIZE (RFC 1870). */
export const DEFAULT_MAX_RECEIVED_BYTES = 64 * 1024 * 1024;
/** Most simultaneous client connections. */
export const DEFAULT_MAX_CLIENTS = 50;

/** How to listen. */
export interface ReceiveOptions {
  host: string;
  /** 0 picks a free port (see {@link Receiver.port}). */
  port: number;
  /** Speak LMTP (RFC 2033) instead of SMTP: one reply per recipient. */
  lmtp?: boolean;
  ingest: IngestFn;
  maxMessageBytes?: number;
  maxClients?: number;
  /** The name in the greeting. Default: the host. */
  serverName?: string;
  /** Accept only these recipients (lower case addresses); default: any. */
  recipients?: string[];
  /** Certificate and key (PEM) to offer STARTTLS; without them STARTTLS is not offered. */
  tls?: { cert: Buffer | string; key: Buffer | string };
  /** Called after each message's reply is decided. */
  onMessage?: (event: ReceivedMessage) => void;
}

/** What happened to one message. */
export interface ReceivedMessage {
  origin: string;
  /** `accepted`: committed, answered 250; `deferred`: the store failed, answered 451 (the sender retries); `too-large`: 552. */
  status: 'accepted' | 'deferred' | 'too-large';
  summary?: IngestSummary;
  reason?: string;
}

/** A running endpoint. */
export interface Receiver {
  host: string;
  port: number;
  close(): Promise<void>;
}

/** An SMTP error reply for smtp-server. */
function reply(code: number, text: string): Error & { responseCode: number } {
  return Object.assign(new Error(text), { responseCode: code });
}

async function readBounded(stream: SMTPServerDataStream, max: number): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= max) chunks.push(chunk);
  }
  return size > max || stream.sizeExceeded ? undefined : Buffer.concat(chunks, size);
}

/** `smtp:` origin of a message: the client, its HELO, the envelope and the session id. */
function originOf(session: SMTPServerSession, lmtp: boolean): string {
  const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
  const to = session.envelope.rcptTo.map((r) => r.address).join(',');
  return `${lmtp ? 'lmtp' : 'smtp'}:${session.remoteAddress};helo=${session.clientHostname || session.hostNameAppearsAs};from=<${from}>;to=<${to}>;id=${session.id}`;
}

/**
 * Start an SMTP (or LMTP) endpoint to point `rua=` at: each message is ingested, and answered 250 only
 * after its reports are committed; when the store fails the answer is 451, so the sending MTA keeps the
 * message and retries (nothing lost). No AUTH; STARTTLS only with a certificate.
 */
export async function startReceiver(options: ReceiveOptions): Promise<Receiver> {
  const lmtp = options.lmtp ?? false;
  const max = options.maxMessageBytes ?? DEFAULT_MAX_RECEIVED_BYTES;
  const recipients = options.recipients?.map((r) => r.toLowerCase());
  const server = new SMTPServer({
    lmtp,
    name: options.serverName ?? options.host,
    banner: 'inkan DMARC report receiver',
    size: max,
    maxClients: options.maxClients ?? DEFAULT_MAX_CLIENTS,
    authOptional: true,
    disabledCommands: options.tls ? ['AUTH'] : ['AUTH', 'STARTTLS'],
    ...(options.tls ? { key: options.tls.key, cert: options.tls.cert } : {}),
    logger: false,
    onRcptTo(address, _session, callback) {
      if (recipients && !recipients.includes(address.address.toLowerCase())) return callback(reply(550, '5.1.1 no such report mailbox'));
      callback();
    },
    onData(stream, session, callback) {
      const origin = originOf(session, lmtp);
      readBounded(stream, max).then(
        async (bytes) => {
          if (!bytes) {
            options.onMessage?.({ origin, status: 'too-large' });
            return callback(reply(552, `5.3.4 message larger than ${max} bytes`));
          }
          let summary: IngestSummary;
          try {
            summary = await options.ingest({ bytes, name: `${session.id}.eml`, origin });
          } catch (e) {
            options.onMessage?.({ origin, status: 'deferred', reason: e instanceof Error ? e.message : String(e) });
            return callback(reply(451, '4.3.0 report store unavailable, try again later'));
          }
          options.onMessage?.({ origin, status: 'accepted', summary });
          callback(null, `2.6.0 stored ${summary.stored}, duplicates ${summary.duplicates}, quarantined ${summary.quarantined}`);
        },
        (e: unknown) => {
          options.onMessage?.({ origin, status: 'deferred', reason: e instanceof Error ? e.message : String(e) });
          callback(reply(451, '4.3.0 could not read the message, try again later'));
        },
      );
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.on('error', () => undefined);
  const address = server.server.address() as AddressInfo;
  return {
    host: options.host,
    port: address.port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
