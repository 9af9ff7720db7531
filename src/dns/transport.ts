import * as dgram from 'node:dgram';
import * as net from 'node:net';
import { decodeMessage, type DnsMessage } from './wire.js';

/** A DNS server to ask. */
export interface ServerAddress {
  host: string;
  port: number;
}

/** How one exchange with one server ended. */
export type ExchangeResult =
  | { kind: 'response'; message: DnsMessage }
  | { kind: 'timeout' }
  | { kind: 'aborted' }
  | { kind: 'network'; message: string };

/** One exchange: the query bytes, which response to accept, how long to wait. */
export interface Exchange {
  server: ServerAddress;
  query: Buffer;
  /** Whether a decoded message answers this query; others are ignored (RFC 5452 §9.1). */
  accept: (message: DnsMessage) => boolean;
  timeout: number;
  signal?: AbortSignal | undefined;
  /** Told about every datagram that was dropped (malformed or not ours). */
  onIgnored?: () => void;
}

/** Run `body` with a timer and an abort listener, settling exactly once and cleaning up after. */
function bounded(
  exchange: Exchange,
  body: (settle: (result: ExchangeResult) => void) => () => void,
): Promise<ExchangeResult> {
  return new Promise((resolve) => {
    if (exchange.signal?.aborted) return resolve({ kind: 'aborted' });
    let done = false;
    let cleanup = (): void => {};
    const settle = (result: ExchangeResult): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      exchange.signal?.removeEventListener('abort', onAbort);
      cleanup();
      resolve(result);
    };
    const onAbort = (): void => settle({ kind: 'aborted' });
    const timer = setTimeout(() => settle({ kind: 'timeout' }), exchange.timeout);
    exchange.signal?.addEventListener('abort', onAbort, { once: true });
    cleanup = body(settle);
    if (done) cleanup();
  });
}

/**
 * Send the query in one datagram from a fresh socket (a random source port, RFC 5452 §9.2) connected to
 * the server, so the kernel drops datagrams from elsewhere; wait for a matching answer.
 */
export function udpExchange(exchange: Exchange): Promise<ExchangeResult> {
  return bounded(exchange, (settle) => {
    const { host, port } = exchange.server;
    const socket = dgram.createSocket(net.isIPv6(host) ? 'udp6' : 'udp4');
    socket.on('error', (error) => settle({ kind: 'network', message: error.message }));
    socket.on('message', (datagram) => {
      const message = decodeMessage(datagram);
      if (message && exchange.accept(message)) settle({ kind: 'response', message });
      else exchange.onIgnored?.();
    });
    // On failure (an unresolvable host name) the callback gets the error instead of an 'error' event.
    const onConnect = (...args: unknown[]): void => {
      if (args[0] instanceof Error) return settle({ kind: 'network', message: args[0].message });
      try {
        socket.send(exchange.query, (error) => {
          if (error) settle({ kind: 'network', message: error.message });
        });
      } catch (error) {
        settle({ kind: 'network', message: String(error) });
      }
    };
    try {
      socket.connect(port, host, onConnect);
    } catch (error) {
      settle({ kind: 'network', message: String(error) });
    }
    return () => {
      try {
        socket.close();
      } catch {
        // already closed after an error
      }
    };
  });
}

/** Send the query over TCP with its two-octet length prefix (RFC 1035 §4.2.2) and read one answer. */
export function tcpExchange(exchange: Exchange): Promise<ExchangeResult> {
  return bounded(exchange, (settle) => {
    const { host, port } = exchange.server;
    const socket = net.createConnection({ host, port });
    const chunks: Buffer[] = [];
    let received = 0;
    socket.setNoDelay(true);
    socket.on('error', (error) => settle({ kind: 'network', message: error.message }));
    socket.on('close', () => settle({ kind: 'network', message: 'connection closed before an answer' }));
    socket.on('connect', () => {
      const length = Buffer.alloc(2);
      length.writeUInt16BE(exchange.query.length);
      socket.write(Buffer.concat([length, exchange.query]));
    });
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      received += chunk.length;
      if (received < 2) return;
      const buffer = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
      chunks.length = 0;
      chunks.push(buffer);
      const size = buffer.readUInt16BE(0);
      if (received < 2 + size) return;
      const message = decodeMessage(buffer.subarray(2, 2 + size));
      if (message && exchange.accept(message)) settle({ kind: 'response', message });
      else settle({ kind: 'network', message: 'malformed or mismatched answer over TCP' });
    });
    return () => socket.destroy();
  });
}
