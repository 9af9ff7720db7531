import * as dgram from 'node:dgram';
import * as net from 'node:net';
import * as packet from 'dns-packet';
import { MemoryResolver, normalizeName } from '../../src/dns/memory.js';
import type { RecordTypes, RrType } from '../../src/dns/types.js';
import { encodeCharacterStrings } from '../../src/dns/wire.js';
import { parseZone } from '../../src/dns/zone.js';
import { zoneToResolver } from '../../src/dns/zone-load.js';
import type { SoaRecord } from '../../src/dns/zone-types.js';

/** Misbehaviour to inject for one name (or `'*'`, every name). */
export interface ServerFault {
  /** Wait this long (ms) before answering. */
  latency?: number;
  /** Never answer, over UDP or TCP. */
  timeout?: boolean;
  /** Answer with this RCODE (SERVFAIL, REFUSED, ...) and no records. */
  rcode?: string;
  /** Over UDP answer with TC set and no records; answer in full over TCP. */
  truncate?: boolean;
  /** Before the real UDP answer, send forgeries: one with a wrong id, one for another question. */
  spoof?: boolean;
}

/** Where the server's data comes from: master-file text (with an origin) or a resolver. */
export interface TestDnsServerOptions {
  zone?: string;
  origin?: string;
  resolver?: MemoryResolver;
}

/** One query the server received. */
export interface LoggedQuery {
  transport: 'udp' | 'tcp';
  name: string;
  type: string;
  id: number;
  /** The query's AD bit (RFC 6840 §5.7) and RD bit. */
  ad: boolean;
  rd: boolean;
  /** The EDNS0 UDP payload size advertised, if any. */
  udpPayloadSize?: number;
}

const SERVED: ReadonlySet<string> = new Set<RrType>(['TXT', 'SPF', 'A', 'AAAA', 'MX', 'PTR', 'CNAME', 'NS']);
const RCODES: Record<string, number> = { NOERROR: 0, FORMERR: 1, SERVFAIL: 2, NXDOMAIN: 3, NOTIMP: 4, REFUSED: 5 };

/** An authoritative DNS server on 127.0.0.1 (UDP and TCP on one random port) for tests. */
export class TestDnsServer {
  readonly host = '127.0.0.1';
  /** Queries received, by transport. */
  readonly counts = { udp: 0, tcp: 0 };
  readonly log: LoggedQuery[] = [];
  /** Set the AD bit in answers, as a validating resolver would. */
  authenticated = false;
  private readonly faults = new Map<string, ServerFault>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly connections = new Set<net.Socket>();

  private constructor(
    private readonly resolver: MemoryResolver,
    private readonly soas: Map<string, SoaRecord>,
    private readonly udp: dgram.Socket,
    private readonly tcp: net.Server,
    readonly port: number,
  ) {
    udp.on('message', (datagram, from) => this.onDatagram(datagram, from));
    tcp.on('connection', (socket) => this.onConnection(socket));
  }

  /** Start serving; throws if the zone text does not parse (a broken test). */
  static async start(options: TestDnsServerOptions = {}): Promise<TestDnsServer> {
    let resolver = options.resolver ?? new MemoryResolver();
    const soas = new Map<string, SoaRecord>();
    if (options.zone !== undefined) {
      const parsed = parseZone(options.zone, options.origin === undefined ? {} : { origin: options.origin });
      if (!parsed.ok) throw new Error(`test zone does not parse: ${JSON.stringify(parsed.error)}`);
      resolver = zoneToResolver(parsed.zone);
      for (const record of parsed.zone.records) if (record.type === 'SOA') soas.set(record.name, record.data);
    }
    for (let attempt = 0; ; attempt++) {
      const tcp = net.createServer();
      await new Promise<void>((resolve) => tcp.listen(0, '127.0.0.1', resolve));
      const port = (tcp.address() as net.AddressInfo).port;
      const udp = dgram.createSocket('udp4');
      const bound = await new Promise<boolean>((resolve) => {
        udp.once('error', () => resolve(false));
        udp.bind(port, '127.0.0.1', () => resolve(true));
      });
      if (bound) return new TestDnsServer(resolver, soas, udp, tcp, port);
      await new Promise((resolve) => tcp.close(resolve));
      if (attempt >= 20) throw new Error('could not bind UDP and TCP on one port');
    }
  }

  /** `127.0.0.1:port`, as `--dns` takes it. */
  get address(): string {
    return `${this.host}:${this.port}`;
  }

  /** Misbehave for `name` (or `'*'` for every name). */
  fault(name: string, fault: ServerFault): this {
    this.faults.set(name === '*' ? '*' : normalizeName(name), fault);
    return this;
  }

  clearFaults(): void {
    this.faults.clear();
  }

  resetCounts(): void {
    this.counts.udp = 0;
    this.counts.tcp = 0;
    this.log.length = 0;
  }

  /** Stop serving and release the sockets and timers. */
  async close(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    for (const socket of this.connections) socket.destroy();
    await Promise.all([
      new Promise<void>((resolve) => this.udp.close(() => resolve())),
      new Promise<void>((resolve) => this.tcp.close(() => resolve())),
    ]);
  }

  private later(ms: number, action: () => void): void {
    if (ms <= 0) return action();
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      action();
    }, ms);
    this.timers.add(timer);
  }

  private onDatagram(datagram: Buffer, from: dgram.RemoteInfo): void {
    const query = decode(datagram);
    if (!query) return;
    this.counts.udp++;
    const send = (message: Buffer): void => this.udp.send(message, from.port, from.address);
    const fault = this.faultFor(query);
    this.logQuery(query, 'udp');
    if (fault.timeout) return;
    this.later(fault.latency ?? 0, () => {
      if (fault.spoof) for (const forged of this.forgeries(query)) send(forged);
      const opt = query.additionals?.find((rr): rr is packet.OptAnswer => rr.type === 'OPT');
      const limit = Math.max(512, opt?.udpPayloadSize ?? 512);
      const full = this.respond(query, fault, false);
      if (!full) return;
      send(fault.truncate || full.length > limit ? this.respond(query, fault, true)! : full);
    });
  }

  private onConnection(socket: net.Socket): void {
    this.connections.add(socket);
    socket.on('close', () => this.connections.delete(socket));
    socket.on('error', () => socket.destroy());
    let buffered = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      while (buffered.length >= 2 && buffered.length >= 2 + buffered.readUInt16BE(0)) {
        const size = buffered.readUInt16BE(0);
        const query = decode(buffered.subarray(2, 2 + size));
        buffered = buffered.subarray(2 + size);
        if (!query) return void socket.destroy();
        this.counts.tcp++;
        this.logQuery(query, 'tcp');
        const fault = this.faultFor(query);
        if (fault.timeout) continue;
        this.later(fault.latency ?? 0, () => {
          const answer = this.respond(query, fault, false);
          if (!answer) return;
          const length = Buffer.alloc(2);
          length.writeUInt16BE(answer.length);
          if (!socket.destroyed) socket.write(Buffer.concat([length, answer]));
        });
      }
    });
  }

  private faultFor(query: packet.DecodedPacket): ServerFault {
    const name = query.questions?.[0]?.name;
    return (name === undefined ? undefined : this.faults.get(normalizeName(name))) ?? this.faults.get('*') ?? {};
  }

  private logQuery(query: packet.DecodedPacket, transport: 'udp' | 'tcp'): void {
    const question = query.questions?.[0];
    if (!question) return;
    const opt = query.additionals?.find((rr): rr is packet.OptAnswer => rr.type === 'OPT');
    const flags = query.flags ?? 0;
    this.log.push({
      transport,
      name: normalizeName(question.name),
      type: question.type,
      id: query.id ?? 0,
      ad: (flags & packet.AUTHENTIC_DATA) !== 0,
      rd: (flags & packet.RECURSION_DESIRED) !== 0,
      ...(opt ? { udpPayloadSize: opt.udpPayloadSize } : {}),
    });
  }

  /**
   * The authoritative answer (AA set): CNAME chain plus target records, or NXDOMAIN/NODATA with the SOA.
   * Undefined (no answer at all) where the resolver's own fault says `timeout`.
   */
  private respond(query: packet.DecodedPacket, fault: ServerFault, truncated: boolean): Buffer | undefined {
    const question = query.questions?.[0];
    const edns = query.additionals?.some((rr) => rr.type === 'OPT');
    const additionals: packet.Answer[] = edns
      ? [{ type: 'OPT', name: '.', udpPayloadSize: 1232, extendedRcode: 0, ednsVersion: 0, flags: 0, flag_do: false, options: [] }]
      : [];
    const base = { type: 'response' as const, id: query.id ?? 0, questions: query.questions ?? [], additionals };
    const rd = (query.flags ?? 0) & packet.RECURSION_DESIRED;
    const ad = this.authenticated ? packet.AUTHENTIC_DATA : 0;
    const header = (rcode: number): number => packet.AUTHORITATIVE_ANSWER | rd | ad | rcode;
    if (!question || query.questions?.length !== 1) return packet.encode({ ...base, flags: header(RCODES['FORMERR']!) });
    if (fault.rcode) return packet.encode({ ...base, flags: header(RCODES[fault.rcode] ?? 2) });
    if (truncated) return packet.encode({ ...base, flags: header(0) | packet.TRUNCATED_RESPONSE });
    const name = normalizeName(question.name);
    const type = (SERVED.has(question.type) ? question.type : 'TXT') as RrType;
    let answer = this.resolver.answer(name, type);
    if (!SERVED.has(question.type) && answer.status === 'records') answer = { status: 'nodata', ttl: this.resolver.negativeTtlOf(name) };
    if (answer.status === 'error') return packet.encode({ ...base, flags: header(RCODES[answer.rcode] ?? 2) });
    if (answer.status === 'timeout') return undefined;
    const answers: packet.Answer[] = [];
    let owner = name;
    for (const cname of answer.cnames ?? []) {
      const target = this.resolver.answer(cname, 'CNAME');
      if (target.status !== 'records') break;
      answers.push({ type: 'CNAME', name: cname, ttl: this.resolver.ttlOf(cname, 'CNAME'), data: target.records[0]! });
      owner = normalizeName(target.records[0]!);
    }
    if (answer.status === 'records') {
      const ttl = this.resolver.ttlOf(owner, type);
      for (const data of answer.records) answers.push(wireRecord(owner, type, ttl, data));
      return packet.encode({ ...base, flags: header(0), answers });
    }
    const authorities: packet.Answer[] = [this.soaFor(owner, answer.ttl ?? 3600)];
    return packet.encode({ ...base, flags: header(answer.status === 'nxdomain' ? 3 : 0), answers, authorities });
  }

  /** The SOA of the closest enclosing zone, with its TTL and minimum set to the negative TTL. */
  private soaFor(name: string, ttl: number): packet.Answer {
    let apex = name;
    while (apex !== '' && !this.soas.has(apex)) apex = apex.includes('.') ? apex.slice(apex.indexOf('.') + 1) : '';
    const soa = this.soas.get(apex);
    const owner = soa ? apex : name.split('.').pop() ?? '';
    const data = soa ?? { mname: `ns.${owner}`, rname: `hostmaster.${owner}`, serial: 1, refresh: 3600, retry: 600, expire: 86400, minimum: ttl };
    return { type: 'SOA', name: owner, ttl, data: { ...data, minimum: ttl } };
  }

  /** A datagram with the wrong id and one for another name, both carrying a forged record. */
  private forgeries(query: packet.DecodedPacket): Buffer[] {
    const question = query.questions?.[0];
    if (!question) return [];
    const forged = { type: 'A' as const, name: question.name, ttl: 3600, data: '192.0.2.66' };
    const flags = packet.AUTHORITATIVE_ANSWER;
    return [
      packet.encode({ type: 'response', id: ((query.id ?? 0) + 1) & 0xffff, flags, questions: [question], answers: [forged] }),
      packet.encode({
        type: 'response', id: query.id ?? 0, flags, questions: [{ ...question, name: `forged.${question.name}` }], answers: [forged],
      }),
    ];
  }
}

function decode(buffer: Buffer): packet.DecodedPacket | undefined {
  try {
    const message = packet.decode(buffer);
    return message.type === 'query' ? message : undefined;
  } catch {
    return undefined;
  }
}

function wireRecord(name: string, type: RrType, ttl: number, data: RecordTypes[RrType]): packet.Answer {
  switch (type) {
    case 'TXT':
      return { type, name, ttl, data: (data as string[]).map((s) => Buffer.from(s, 'utf8')) };
    case 'SPF':
      return { type: 'SPF' as 'NULL', name, ttl, data: encodeCharacterStrings(data as string[]) };
    case 'MX':
      return { type, name, ttl, data: data as RecordTypes['MX'] };
    default:
      return { type, name, ttl, data: data as string };
  }
}

/** Start a test server (shorthand for {@link TestDnsServer.start}). */
export function startDnsServer(options: TestDnsServerOptions = {}): Promise<TestDnsServer> {
  return TestDnsServer.start(options);
}
