import type { Resolver } from '../dns/types.js';
import { httpsGet, resolverLookup, type HostLookup } from '../net/https-get.js';
import { MAX_POLICY_BYTES } from './fetch.js';
import type { PolicyFetcher } from './types.js';

/** Options of {@link httpsPolicyFetcher}. */
export interface MtaStsHttpsOptions {
  /** Resolve `mta-sts.DOMAIN` through this resolver (A, then AAAA); without it and `lookup`, the system's resolver is used. */
  resolver?: Resolver;
  /** Resolve the host this way instead (tests map names to 127.0.0.1). */
  lookup?: HostLookup;
  /** Trust only these CA certificates (PEM) instead of Node's bundled roots (a test CA, a private CA). */
  ca?: string | Buffer | Array<string | Buffer>;
  /** Connect to this port instead of 443 (a staging or test server). */
  port?: number;
  /** Milliseconds to wait for the TCP and TLS handshakes. Default 10000. */
  connectTimeout?: number;
  /** Milliseconds for the whole fetch, DNS to last byte. Default 30000. */
  timeout?: number;
  /** Largest body read. Default 64 KiB. */
  maxBytes?: number;
}

/**
 * The default policy fetcher (RFC 8461 §3.3): GET over HTTPS with the certificate checked for
 * `mta-sts.DOMAIN`, redirects never followed, the body capped, a connect and a total timeout.
 */
export function httpsPolicyFetcher(options: MtaStsHttpsOptions = {}): PolicyFetcher {
  const lookup = options.lookup ?? (options.resolver ? resolverLookup(options.resolver) : undefined);
  return async (request) => {
    const result = await httpsGet(new URL(request.url), {
      ...(lookup ? { lookup } : {}),
      ...(options.ca !== undefined ? { ca: options.ca } : {}),
      ...(options.port !== undefined ? { port: options.port } : {}),
      connectTimeout: options.connectTimeout ?? 10_000,
      timeout: options.timeout ?? 30_000,
      maxBytes: options.maxBytes ?? MAX_POLICY_BYTES,
      headers: { 'user-agent': 'inkan-mta-sts', accept: 'text/plain' },
    });
    return result.status === 'too-big' ? { status: 'too-big', limit: result.limit } : result;
  };
}
