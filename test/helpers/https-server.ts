/** Loopback servers for HTTPS fetch tests: a real HTTPS server with a test certificate, a silent TCP server, a closed port. */
import * as https from 'node:https';
import * as net from 'node:net';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TestCertificate } from './test-ca.js';

/** A running test server on 127.0.0.1. */
export interface TestServer {
  readonly host: '127.0.0.1';
  readonly port: number;
  /** Requests received (method and path). */
  readonly requests: string[];
  close(): Promise<void>;
}

/** Answers one request; may leave the response open (to test timeouts). */
export type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** A handler that answers with a status, headers and a body. */
export function respond(status: number, headers: Record<string, string>, body: string | Buffer = ''): Handler {
  return (_req, res) => {
    res.writeHead(status, headers);
    res.end(body);
  };
}

/** What one path answers in {@link routes}. */
export interface Route {
  status?: number;
  body?: Buffer | string;
  headers?: Record<string, string>;
  /** Never answer (for timeouts). */
  hang?: boolean;
}

/** A handler that answers by path (the query ignored) from a table; other paths are 404. */
export function routes(table: Record<string, Route>): Handler {
  return (req, res) => {
    const route = table[(req.url ?? '/').split('?')[0]!];
    if (route?.hang) return;
    if (!route) return respond(404, { 'content-type': 'text/plain' }, 'not found')(req, res);
    respond(route.status ?? 200, route.headers ?? {}, route.body ?? '')(req, res);
  };
}

/** A real HTTPS server on 127.0.0.1 with the given certificate, on a random port. */
export async function startHttpsServer(certificate: TestCertificate, handler: Handler): Promise<TestServer> {
  const requests: string[] = [];
  const server = https.createServer({ cert: certificate.cert, key: certificate.key }, (req, res) => {
    requests.push(`${req.method} ${req.url}`);
    handler(req, res);
  });
  server.on('tlsClientError', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    host: '127.0.0.1',
    port,
    requests,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A TCP server on 127.0.0.1 that accepts connections and never speaks: a TLS handshake to it never completes. */
export async function startSilentServer(): Promise<TestServer> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    host: '127.0.0.1',
    port,
    requests: [],
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A port on 127.0.0.1 where nothing listens (bound, then released). */
export async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
