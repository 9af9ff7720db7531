import * as https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import type { Resolver } from '../dns/types.js';

/** Why a host has no address, in the words of the DNS answer. */
export type HostLookupFailure = 'nxdomain' | 'nodata' | 'error' | 'timeout';

/** The addresses of a host, or why there are none. */
export type HostLookupResult = { ok: true; addresses: string[] } | { ok: false; answer: HostLookupFailure };

/** Resolves a host name to addresses; {@link resolverLookup} asks the inkan {@link Resolver} for A, then AAAA. */
export type HostLookup = (host: string) => Promise<HostLookupResult>;

/** Options of {@link httpsGet}. */
export interface HttpsGetOptions {
  /** Resolve the host this way (usually {@link resolverLookup}); without it the system's resolver is used. */
  lookup?: HostLookup;
  /** Trust only these CA certificates (PEM) instead of Node's bundled roots (a test CA, a private CA). */
  ca?: string | Buffer | Array<string | Buffer>;
  /** Connect to this port instead of the URL's (or 443). */
  port?: number;
  /** Milliseconds for the TCP and TLS handshakes, counted after DNS. Default 10000. */
  connectTimeout?: number;
  /** Milliseconds for the whole fetch, DNS to last byte. Default 30000. */
  timeout?: number;
  /** Largest body read, declared (Content-Length) or streamed. Required: every fetch is bounded. */
  maxBytes: number;
  /** Request header fields (Accept, User-Agent). */
  headers?: Record<string, string>;
}

/** What one HTTPS GET ended with. A non-200 status (a redirect too) is a response with an empty body; every failure is named. */
export type HttpsGetResult =
  | {
      status: 'response';
      /** The HTTP status code. */
      httpStatus: number;
      /** The Content-Type header as sent (absent when missing). */
      contentType?: string;
      /** The Location header (redirects are reported, never followed). */
      location?: string;
      /** The body of a 200 (at most `maxBytes`); empty for any other status. */
      body: Buffer;
    }
  | { status: 'dns'; host: string; answer: HostLookupFailure }
  | { status: 'timeout'; phase: 'connect' | 'total'; ms: number }
  | { status: 'refused'; address: string; message: string }
  | { status: 'tls'; code: string; message: string }
  | { status: 'too-big'; limit: number; /** The Content-Length, when the size was refused before reading. */ declared?: number }
  | { status: 'network'; code: string; message: string };

/** A URL's host without the brackets of an IPv6 literal. */
function bareHost(url: URL): string {
  return url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
}

/** A {@link HostLookup} that asks an inkan Resolver for A records, then AAAA; an IP literal is its own address. */
export function resolverLookup(resolver: Resolver): HostLookup {
  return async (host) => {
    if (isIP(host)) return { ok: true, addresses: [host] };
    const a = await resolver.query(host, 'A');
    if (a.status === 'records' && a.records.length) return { ok: true, addresses: a.records };
    if (a.status === 'error' || a.status === 'timeout') return { ok: false, answer: a.status };
    const aaaa = await resolver.query(host, 'AAAA');
    if (aaaa.status === 'records' && aaaa.records.length) return { ok: true, addresses: aaaa.records };
    if (aaaa.status === 'error' || aaaa.status === 'timeout') return { ok: false, answer: aaaa.status };
    return { ok: false, answer: a.status === 'nxdomain' ? 'nxdomain' : 'nodata' };
  };
}

/** A `lookup` for node:net that answers with one address found beforehand. */
function fixedLookup(address: string): LookupFunction {
  const family = isIP(address) === 6 ? 6 : 4;
  return ((_host: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) => {
    if (options?.all) callback(null, [{ address, family }]);
    else callback(null, address, family);
  }) as LookupFunction;
}

/** TLS failures: certificate checks and handshakes (OpenSSL's verify codes and Node's ERR_TLS / ERR_SSL). */
function isTlsError(code: string, message: string): boolean {
  return /^(ERR_TLS_|ERR_SSL_|EPROTO$)|CERT|SSL|SELF_SIGNED|UNABLE_TO_|HOSTNAME_MISMATCH|ALTNAME/.test(code) || /certificate|altname/i.test(message);
}

function errorResult(error: unknown, host: string, address: string | undefined): HttpsGetResult {
  const e = error as NodeJS.ErrnoException;
  const code = e.code ?? 'ERROR';
  const message = e.message ?? String(error);
  if (code === 'ECONNREFUSED') return { status: 'refused', address: address ?? host, message };
  if (code === 'ENOTFOUND') return { status: 'dns', host, answer: 'nxdomain' };
  if (code === 'EAI_AGAIN') return { status: 'dns', host, answer: 'timeout' };
  if (isTlsError(code, message)) return { status: 'tls', code, message };
  return { status: 'network', code, message };
}

/**
 * One bounded HTTPS GET: the certificate checked for the URL's host, redirects never followed (reported with their
 * Location), the body capped while reading, a connect and a total timeout. Never rejects: every failure is a result.
 * Throws only for programmer misuse (a URL that is not `https:`).
 */
export function httpsGet(url: URL, options: HttpsGetOptions): Promise<HttpsGetResult> {
  if (url.protocol !== 'https:') throw new TypeError(`httpsGet needs an https: URL, got ${url.protocol}`);
  const connectMs = options.connectTimeout ?? 10_000;
  const totalMs = options.timeout ?? 30_000;
  const maxBytes = options.maxBytes;
  const host = bareHost(url);
  return new Promise((resolve) => {
    let done = false;
    let req: ReturnType<typeof https.request> | undefined;
    let connectTimer: NodeJS.Timeout | undefined;
    const finish = (result: HttpsGetResult): void => {
      if (done) return;
      done = true;
      clearTimeout(totalTimer);
      clearTimeout(connectTimer);
      req?.destroy();
      resolve(result);
    };
    const totalTimer = setTimeout(() => finish({ status: 'timeout', phase: 'total', ms: totalMs }), totalMs);
    void (async () => {
      let address: string | undefined;
      if (options.lookup) {
        const found = await options.lookup(host).catch((): HostLookupResult => ({ ok: false, answer: 'error' }));
        if (done) return;
        if (!found.ok || found.addresses[0] === undefined) return finish({ status: 'dns', host, answer: found.ok ? 'nodata' : found.answer });
        address = found.addresses[0];
      }
      connectTimer = setTimeout(() => finish({ status: 'timeout', phase: 'connect', ms: connectMs }), connectMs);
      req = https.request({
        host,
        port: options.port ?? (url.port ? Number(url.port) : 443),
        path: `${url.pathname}${url.search}`,
        method: 'GET',
        ...(isIP(host) ? {} : { servername: host }),
        rejectUnauthorized: true,
        agent: false,
        headers: options.headers ?? {},
        ...(options.ca !== undefined ? { ca: options.ca } : {}),
        ...(address !== undefined ? { lookup: fixedLookup(address) } : {}),
      });
      req.on('socket', (socket) => socket.once('secureConnect', () => clearTimeout(connectTimer)));
      req.on('error', (error) => finish(errorResult(error, host, address)));
      req.on('response', (res) => {
        clearTimeout(connectTimer);
        const httpStatus = res.statusCode ?? 0;
        const contentType = res.headers['content-type'];
        const location = res.headers.location;
        const head = {
          status: 'response' as const,
          httpStatus,
          ...(contentType !== undefined ? { contentType } : {}),
          ...(location !== undefined ? { location } : {}),
        };
        if (httpStatus !== 200) {
          res.resume();
          return finish({ ...head, body: Buffer.alloc(0) });
        }
        const declared = Number(res.headers['content-length'] ?? 0);
        if (declared > maxBytes) return finish({ status: 'too-big', limit: maxBytes, declared });
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > maxBytes) finish({ status: 'too-big', limit: maxBytes });
          else chunks.push(chunk);
        });
        res.on('end', () => finish({ ...head, body: Buffer.concat(chunks) }));
        res.on('error', (error) => finish(errorResult(error, host, address)));
      });
      req.end();
    })();
  });
}
