import * as packet from 'dns-packet';
import { normalizeName } from './memory.js';
import type { DnsAnswer, RecordTypes, RrType } from './types.js';

/** A decoded DNS message, with the fields dns-packet sets but does not declare. */
export type DnsMessage = packet.DecodedPacket & { opcode?: string };

/** EDNS0 UDP payload size to advertise: 1232 avoids IP fragmentation (DNS Flag Day 2020). */
export const DEFAULT_UDP_PAYLOAD_SIZE = 1232;

/** RCODE names (RFC 1035 §4.1.1, RFC 2136, RFC 6891 §9 for the extended BADVERS). */
const RCODE_NAMES: Record<number, string> = {
  0: 'NOERROR', 1: 'FORMERR', 2: 'SERVFAIL', 3: 'NXDOMAIN', 4: 'NOTIMP', 5: 'REFUSED',
  6: 'YXDOMAIN', 7: 'YXRRSET', 8: 'NXRRSET', 9: 'NOTAUTH', 10: 'NOTZONE', 16: 'BADVERS',
};

/** The name of an RCODE number (`RCODE<n>` for unassigned ones). */
export function rcodeName(rcode: number): string {
  return RCODE_NAMES[rcode] ?? `RCODE${rcode}`;
}

/** A query for `name`/`type` with RD and AD set (RFC 6840 §5.7) and an EDNS0 OPT record (RFC 6891). */
export function encodeQuery(id: number, name: string, type: RrType, udpPayloadSize = DEFAULT_UDP_PAYLOAD_SIZE): Buffer {
  return packet.encode({
    type: 'query',
    id,
    flags: packet.RECURSION_DESIRED | packet.AUTHENTIC_DATA,
    questions: [{ type: type as packet.RecordType, name, class: 'IN' }],
    additionals: [
      { type: 'OPT', name: '.', udpPayloadSize, extendedRcode: 0, ednsVersion: 0, flags: 0, flag_do: false, options: [] },
    ],
  });
}

/** Decode a message; undefined when it is malformed (hostile input is an answer to ignore, not a crash). */
export function decodeMessage(buffer: Buffer): DnsMessage | undefined {
  try {
    return packet.decode(buffer) as DnsMessage;
  } catch {
    return undefined;
  }
}

/** Whether `message` answers our query: same id, QR set, and the same single question (RFC 5452 §9.1). */
export function answersQuery(message: DnsMessage, id: number, name: string, type: RrType): boolean {
  const question = message.questions?.length === 1 ? message.questions[0] : undefined;
  return (
    message.id === id &&
    message.flag_qr &&
    question !== undefined &&
    (question.type as string) === type &&
    (question.class ?? 'IN') === 'IN' &&
    normalizeName(question.name) === normalizeName(name)
  );
}

/** The full RCODE: the header's 4 bits plus the OPT record's upper 8 (RFC 6891 §6.1.3). */
export function messageRcode(message: DnsMessage): number {
  const opt = message.additionals?.find((rr): rr is packet.OptAnswer => rr.type === 'OPT');
  return ((opt?.extendedRcode ?? 0) << 4) | ((message.flags ?? 0) & 0xf);
}

/** The character-strings of TXT-format RDATA (RFC 1035 §3.3.14); undefined when lengths overrun. */
export function decodeCharacterStrings(rdata: Buffer): string[] | undefined {
  const strings: string[] = [];
  for (let offset = 0; offset < rdata.length; ) {
    const length = rdata[offset]!;
    if (offset + 1 + length > rdata.length) return undefined;
    strings.push(rdata.toString('utf8', offset + 1, offset + 1 + length));
    offset += 1 + length;
  }
  return strings;
}

/** TXT-format RDATA for these strings (each must be at most 255 bytes). */
export function encodeCharacterStrings(strings: readonly string[]): Buffer {
  return Buffer.concat(
    strings.flatMap((s) => {
      const bytes = Buffer.from(s, 'utf8');
      return [Buffer.from([bytes.length]), bytes];
    }),
  );
}

/** One resource record's data as inkan's type, or undefined when it is not what the type promises. */
function recordData<T extends RrType>(type: T, rr: packet.Answer): RecordTypes[T] | undefined {
  const data = (rr as { data?: unknown }).data;
  switch (type) {
    case 'A':
    case 'AAAA':
    case 'CNAME':
    case 'PTR':
    case 'NS':
      return (typeof data === 'string' ? data : undefined) as RecordTypes[T] | undefined;
    case 'MX': {
      const mx = data as packet.MxData | undefined;
      if (!mx || typeof mx.exchange !== 'string') return undefined;
      return { preference: mx.preference ?? 0, exchange: mx.exchange } as RecordTypes[T];
    }
    case 'TXT': {
      const parts = Array.isArray(data) ? data : [data];
      if (!parts.every((p) => Buffer.isBuffer(p))) return undefined;
      return (parts as Buffer[]).map((p) => p.toString('utf8')) as RecordTypes[T];
    }
    case 'SPF':
      return (Buffer.isBuffer(data) ? decodeCharacterStrings(data) : undefined) as RecordTypes[T] | undefined;
  }
  return undefined;
}

/**
 * Turn a response into an answer: RCODE mapping, the CNAME chain from the question name (RFC 1034 §3.6.2;
 * records off the chain are ignored, RFC 5452 §6), the smallest TTL, the negative TTL from the
 * authority SOA (RFC 2308 §5), and the AD bit.
 */
export function interpretResponse<T extends RrType>(
  message: DnsMessage,
  name: string,
  type: T,
  maxCnameChain = 16,
): DnsAnswer<RecordTypes[T]> {
  const rcode = messageRcode(message);
  if (rcode !== 0 && rcode !== 3) return { status: 'error', rcode: rcodeName(rcode) };
  const answers = (message.answers ?? []).filter((rr) => rr.type !== 'OPT' && (rr.class ?? 'IN') === 'IN');
  const authenticated = message.flag_ad;
  let current = normalizeName(name);
  const cnames: string[] = [];
  let ttl = Infinity;
  for (;;) {
    const here = answers.filter((rr) => normalizeName(rr.name) === current);
    const records: RecordTypes[T][] = [];
    for (const rr of here) {
      if ((rr.type as string) !== type) continue;
      const data = recordData(type, rr);
      if (data === undefined) return { status: 'error', rcode: 'FORMERR', message: `malformed ${type} record at ${current}` };
      records.push(data);
      ttl = Math.min(ttl, (rr as { ttl?: number }).ttl ?? 0);
    }
    if (records.length > 0 && rcode === 0) {
      return { status: 'records', records, ttl, ...(cnames.length ? { cnames } : {}), authenticated };
    }
    const cname = type === 'CNAME' ? undefined : here.find((rr): rr is packet.StringAnswer => rr.type === 'CNAME');
    if (!cname || typeof cname.data !== 'string') break;
    const target = normalizeName(cname.data);
    cnames.push(current);
    if (cnames.length > maxCnameChain || cnames.includes(target)) {
      return { status: 'error', rcode: 'SERVFAIL', message: `CNAME chain too long or looping at ${current}` };
    }
    ttl = Math.min(ttl, cname.ttl ?? 0);
    current = target;
  }
  const soa = (message.authorities ?? []).find((rr): rr is packet.SoaAnswer => rr.type === 'SOA');
  const negative: Extract<DnsAnswer<never>, { status: 'nxdomain' | 'nodata' }> = { status: rcode === 3 ? 'nxdomain' : 'nodata', authenticated };
  if (cnames.length) negative.cnames = cnames;
  // Without an SOA the negative answer has no TTL and must not be cached (RFC 2308 §5).
  if (soa) negative.ttl = Math.min(ttl, soa.ttl ?? 0, soa.data.minimum ?? 0);
  return negative;
}
