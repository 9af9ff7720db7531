import type { Resolver } from '../dns/types.js';
import { httpsGet, resolverLookup, type HostLookup, type HttpsGetResult } from '../net/https-get.js';

/** What is being fetched: the SVG of `l=` or the PEM evidence of `a=`. */
export type BimiFetchKind = 'location' | 'evidence';

/** Why a fetch gave no document. */
export type FetchErrorCode = 'bad-url' | 'not-https' | 'dns' | 'timeout' | 'tls' | 'http-status' | 'redirect' | 'too-large' | 'network';

/** The outcome of one fetch: the body, or why not. */
export type FetchOutcome =
  | { ok: true; url: string; status: number; contentType?: string; body: Buffer }
  | { ok: false; url: string; error: FetchErrorCode; detail?: string };

/** How the BIMI check gets documents: injectable, so the core does no I/O of its own and tests can serve files. */
export type BimiFetcher = (url: string, kind: BimiFetchKind) => Promise<FetchOutcome>;

/** Options of {@link httpsFetcher}. */
export interface BimiHttpsOptions {
  /** Resolve host names through this resolver (A, then AAAA) instead of the system's. */
  resolver?: Resolver;
  /** Resolve host names this way instead (tests map names to 127.0.0.1). */
  lookup?: HostLookup;
  /** Trusted CAs for the TLS connection (PEM); default Node's bundled roots. */
  ca?: string | Buffer | Array<string | Buffer>;
  /** Milliseconds for the whole fetch. Default 10000. */
  timeout?: number;
  /** Largest body accepted for an SVG. Default 64 KiB (receivers commonly refuse more). */
  maxSvgBytes?: number;
  /** Largest body accepted for a PEM evidence document. Default 256 KiB. */
  maxPemBytes?: number;
}

/** The BIMI outcome of one HTTPS GET: a 200 is the document; a 3xx is a `redirect`, any other status `http-status`. */
function toOutcome(url: string, got: HttpsGetResult): FetchOutcome {
  switch (got.status) {
    case 'response': {
      const { httpStatus: status, contentType, location, body } = got;
      if (status >= 300 && status < 400) return { ok: false, url, error: 'redirect', detail: `${status} ${location ?? ''}`.trim() };
      if (status !== 200) return { ok: false, url, error: 'http-status', detail: String(status) };
      return { ok: true, url, status, ...(contentType ? { contentType } : {}), body };
    }
    case 'dns':
      return { ok: false, url, error: 'dns', detail: `${got.host} ${got.answer}` };
    case 'timeout':
      return { ok: false, url, error: 'timeout', detail: `${got.ms} ms` };
    case 'too-big':
      return { ok: false, url, error: 'too-large', detail: got.declared !== undefined ? `${got.declared} > ${got.limit}` : `> ${got.limit}` };
    case 'tls':
      return { ok: false, url, error: 'tls', detail: got.code.slice(0, 160) };
    case 'refused':
      return { ok: false, url, error: 'network', detail: `ECONNREFUSED ${got.address}` };
    case 'network':
      return { ok: false, url, error: 'network', detail: got.code === 'ERROR' ? got.message.slice(0, 160) : got.code };
  }
}

/**
 * The default fetcher: one HTTPS GET, no redirects followed (a 3xx is a `redirect` failure), a deadline for the
 * whole exchange, and a size cap checked while reading (the body is dropped as soon as it is too large).
 */
export function httpsFetcher(options: BimiHttpsOptions = {}): BimiFetcher {
  const timeout = options.timeout ?? 10_000;
  const lookup = options.lookup ?? (options.resolver ? resolverLookup(options.resolver) : undefined);
  return async (url, kind) => {
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      return { ok: false, url, error: 'bad-url' };
    }
    if (target.protocol !== 'https:') return { ok: false, url, error: 'not-https' };
    const got = await httpsGet(target, {
      ...(lookup ? { lookup } : {}),
      ...(options.ca ? { ca: options.ca } : {}),
      connectTimeout: timeout,
      timeout,
      maxBytes: kind === 'location' ? (options.maxSvgBytes ?? 64 * 1024) : (options.maxPemBytes ?? 256 * 1024),
      headers: { accept: kind === 'location' ? 'image/svg+xml' : 'application/pem-certificate-chain, */*', 'user-agent': 'inkan-bimi' },
    });
    return toOutcome(url, got);
  };
}
