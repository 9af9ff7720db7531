import { randomInt } from 'node:crypto';
import { getServers } from 'node:dns';
import { isIP } from 'node:net';
import { DnsCache, type DnsCacheOptions } from './cache.js';
import { normalizeName } from './memory.js';
import { tcpExchange, udpExchange, type Exchange, type ExchangeResult, type ServerAddress } from './transport.js';
import type { DnsAnswer, QueryOptions, RecordTypes, Resolver, RrType } from './types.js';
import { answersQuery, DEFAULT_UDP_PAYLOAD_SIZE, encodeQuery, interpretResponse } from './wire.js';

/** Options for {@link SystemResolver}. */
export interface SystemResolverOptions {
  /** Servers to ask, in order (`{host, port}` or `'127.0.0.1:5353'`, `'[::1]:53'`, `'::1'`). Default: `node:dns` getServers(). */
  servers?: Array<ServerAddress | string>;
  /** How long to wait for each attempt, in milliseconds. Default 2000. */
  timeout?: number;
  /** How many rounds over the server list before answering `timeout`. Default 2. */
  attempts?: number;
  /** EDNS0 UDP payload size to advertise (RFC 6891 §6.2.5). Default 1232. */
  udpPayloadSize?: number;
  /** Most CNAMEs followed inside one answer. Default 16. */
  maxCnameChain?: number;
  /** Cache bounds, or false for no cache. */
  cache?: DnsCacheOptions | false;
  /** The clock, in milliseconds, for the cache. Default `Date.now`. */
  now?: () => number;
}

/** What a {@link SystemResolver} has done: for tests, benchmarks and `--explain`. */
export interface ResolverStats {
  /** Calls to `query`. */
  lookups: number;
  /** Answered from the cache. */
  cacheHits: number;
  /** Joined an identical query already in flight. */
  coalesced: number;
  /** DNS messages sent (UDP and TCP). */
  queriesSent: number;
  udpSent: number;
  tcpSent: number;
  /** UDP answers with the TC bit, retried over TCP. */
  truncated: number;
  /** Attempts that got no answer in time. */
  timeouts: number;
  /** Datagrams dropped because they were malformed or did not match the query. */
  ignored: number;
}

/** Rcodes after which the next server is worth asking (a broken or unwilling server, not an answer about the name). */
const TRY_NEXT_SERVER = new Set(['SERVFAIL', 'REFUSED', 'NOTIMP', 'FORMERR']);

/** Parse `host`, `host:port`, `a.b.c.d:port`, `[v6]:port` or a bare IPv6 address; undefined when malformed. */
export function parseServerAddress(text: string, defaultPort = 53): ServerAddress | undefined {
  const value = text.trim();
  let host = value;
  let port: string | undefined;
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(value);
  if (bracketed) {
    host = bracketed[1]!;
    port = bracketed[2];
    if (isIP(host) !== 6) return undefined;
  } else if (isIP(value) === 6) {
    host = value;
  } else {
    const colon = value.lastIndexOf(':');
    if (colon !== -1) {
      host = value.slice(0, colon);
      port = value.slice(colon + 1);
    }
    if (!isIP(host) && !/^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?$/.test(host)) {
      return undefined;
    }
  }
  if (port === undefined) return { host, port: defaultPort };
  if (!/^\d{1,5}$/.test(port) || Number(port) < 1 || Number(port) > 65535) return undefined;
  return { host, port: Number(port) };
}

/** The system's configured servers (`node:dns` getServers()), or 127.0.0.1:53 when there are none. */
export function defaultServers(): ServerAddress[] {
  const servers = getServers()
    .map((s) => parseServerAddress(s))
    .filter((s): s is ServerAddress => s !== undefined);
  return servers.length ? servers : [{ host: '127.0.0.1', port: 53 }];
}

/** A query on the wire, shared by every caller asking the same thing meanwhile. */
interface Flight {
  key: string;
  promise: Promise<DnsAnswer<unknown>>;
  /** Callers still waiting; when every one of them has aborted, the network query is abandoned. */
  waiters: number;
  controller: AbortController;
}

const ABORTED = { status: 'timeout', message: 'aborted' } as const;

/**
 * A stub resolver speaking DNS to recursive servers: UDP with EDNS0, TCP when truncated (RFC 7766 §5),
 * per-attempt timeout and retries over the server list, a TTL cache, and coalescing of identical
 * in-flight queries. Never throws for DNS outcomes.
 */
export class SystemResolver implements Resolver {
  /** The servers asked, in order. */
  readonly servers: readonly ServerAddress[];
  /** Counters since construction. */
  readonly stats: ResolverStats = {
    lookups: 0, cacheHits: 0, coalesced: 0, queriesSent: 0, udpSent: 0, tcpSent: 0, truncated: 0, timeouts: 0, ignored: 0,
  };
  private readonly timeout: number;
  private readonly attempts: number;
  private readonly udpPayloadSize: number;
  private readonly maxCnameChain: number;
  private readonly cache: DnsCache | undefined;
  private readonly inFlight = new Map<string, Flight>();

  constructor(options: SystemResolverOptions = {}) {
    this.servers = (options.servers ?? defaultServers()).map((server) => {
      if (typeof server !== 'string') return server;
      const parsed = parseServerAddress(server);
      if (!parsed) throw new TypeError(`invalid DNS server address: ${server}`);
      return parsed;
    });
    if (this.servers.length === 0) throw new TypeError('at least one DNS server is needed');
    this.timeout = options.timeout ?? 2000;
    this.attempts = Math.max(1, options.attempts ?? 2);
    this.udpPayloadSize = options.udpPayloadSize ?? DEFAULT_UDP_PAYLOAD_SIZE;
    this.maxCnameChain = options.maxCnameChain ?? 16;
    this.cache = options.cache === false ? undefined : new DnsCache({ now: options.now, ...options.cache });
  }

  /** Forget every cached answer. */
  clearCache(): void {
    this.cache?.clear();
  }

  async query<T extends RrType>(name: string, type: T, options: QueryOptions = {}): Promise<DnsAnswer<RecordTypes[T]>> {
    this.stats.lookups++;
    const signal = options.signal;
    if (signal?.aborted) return ABORTED;
    const qname = normalizeName(name);
    const key = `${type} ${qname}`;
    const cached = this.cache?.get<DnsAnswer<RecordTypes[T]>>(key);
    if (cached) {
      this.stats.cacheHits++;
      return cached;
    }
    let flight = this.inFlight.get(key);
    if (flight) this.stats.coalesced++;
    else flight = this.launch(key, qname, type);
    return this.wait(flight, signal) as Promise<DnsAnswer<RecordTypes[T]>>;
  }

  /** Start the network query for `key`, caching its answer when it lands. */
  private launch(key: string, qname: string, type: RrType): Flight {
    const controller = new AbortController();
    const promise = this.resolve(qname, type, controller.signal).then((answer) => {
      if (this.inFlight.get(key) === flight) this.inFlight.delete(key);
      if (!controller.signal.aborted) this.cache?.set(key, answer);
      return answer;
    });
    const flight: Flight = { key, promise, waiters: 0, controller };
    this.inFlight.set(key, flight);
    return flight;
  }

  /** Wait for a flight's answer, or answer `timeout` as soon as this caller's signal aborts. */
  private wait(flight: Flight, signal: AbortSignal | undefined): Promise<DnsAnswer<unknown>> {
    flight.waiters++;
    if (!signal) return flight.promise;
    return new Promise((resolve) => {
      const onAbort = (): void => {
        flight.waiters--;
        if (flight.waiters === 0) {
          flight.controller.abort();
          // A later caller must start afresh, not join the abandoned query.
          if (this.inFlight.get(flight.key) === flight) this.inFlight.delete(flight.key);
        }
        resolve(ABORTED);
      };
      signal.addEventListener('abort', onAbort, { once: true });
      void flight.promise.then((answer) => {
        signal.removeEventListener('abort', onAbort);
        resolve(answer);
      });
    });
  }

  /** Ask the servers in turn, `attempts` rounds, until one answers (RFC 1035 §7.2). */
  private async resolve<T extends RrType>(qname: string, type: T, signal: AbortSignal): Promise<DnsAnswer<RecordTypes[T]>> {
    const failures: string[] = [];
    for (let round = 0; round < this.attempts; round++) {
      let serverError: DnsAnswer<RecordTypes[T]> | undefined;
      for (const server of this.servers) {
        const result = await this.exchange(server, qname, type, signal);
        if (result.kind === 'aborted') return ABORTED;
        if (result.kind !== 'response') {
          failures.push(`${server.host}:${server.port} ${result.kind === 'timeout' ? 'timed out' : result.message}`);
          continue;
        }
        const answer = interpretResponse(result.message, qname, type, this.maxCnameChain);
        if (answer.status === 'error' && TRY_NEXT_SERVER.has(answer.rcode)) {
          serverError ??= answer;
          continue;
        }
        return answer;
      }
      // A server did answer, with a failure rcode: asking the same servers again is unlikely to help.
      if (serverError) return serverError;
    }
    return { status: 'timeout', message: failures.slice(-this.servers.length).join('; ') };
  }

  /** One attempt at one server: UDP, then TCP with the same id if the answer is truncated. */
  private async exchange(server: ServerAddress, qname: string, type: RrType, signal: AbortSignal): Promise<ExchangeResult> {
    const id = randomInt(0, 0x10000);
    const exchange: Exchange = {
      server,
      query: encodeQuery(id, qname, type, this.udpPayloadSize),
      accept: (message) => answersQuery(message, id, qname, type),
      timeout: this.timeout,
      signal,
      onIgnored: () => void this.stats.ignored++,
    };
    this.stats.queriesSent++;
    this.stats.udpSent++;
    let result = await udpExchange(exchange);
    if (result.kind === 'response' && result.message.flag_tc) {
      this.stats.truncated++;
      this.stats.queriesSent++;
      this.stats.tcpSent++;
      result = await tcpExchange(exchange);
    }
    if (result.kind === 'timeout') this.stats.timeouts++;
    return result;
  }
}
