/** An IP address as its family and network-order bytes (4 or 16). */
export interface IpAddress {
  family: 4 | 6;
  bytes: Uint8Array;
}

/**
 * Parse dotted-quad IPv4 (no leading zeros, exactly four octets of 0 to 255). One pass over the characters, no
 * split or regex: every SPF check parses the client address, and every `ip4` term and A record an address.
 */
export function parseIpv4(text: string): Uint8Array | undefined {
  if (text.length < 7 || text.length > 15) return undefined;
  const bytes = new Uint8Array(4);
  let part = 0;
  let value = 0;
  let digits = 0;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 0x2e; // the end closes the last octet like a dot
    if (c === 0x2e) {
      if (digits === 0 || part === 4) return undefined;
      bytes[part++] = value;
      value = 0;
      digits = 0;
    } else if (c >= 0x30 && c <= 0x39) {
      if (digits === 1 && value === 0) return undefined; // a leading zero
      value = value * 10 + (c - 0x30);
      if (value > 255) return undefined;
      digits++;
    } else return undefined;
  }
  return part === 4 ? bytes : undefined;
}

/** Parse IPv6 text (RFC 4291 §2.2, including `::` and an embedded dotted quad). */
export function parseIpv6(text: string): Uint8Array | undefined {
  if (text.length < 2 || text.length > 45) return undefined;
  let head = text;
  let tail4: Uint8Array | undefined;
  const lastColon = text.lastIndexOf(':');
  if (text.indexOf('.', lastColon) !== -1) {
    tail4 = parseIpv4(text.slice(lastColon + 1));
    if (!tail4) return undefined;
    head = text.slice(0, lastColon + 1) + '0:0';
  }
  const doubleAt = head.indexOf('::');
  if (doubleAt !== -1 && head.indexOf('::', doubleAt + 1) !== -1) return undefined;
  const groups: number[] = [];
  const parseGroups = (part: string): boolean => {
    if (part === '') return true;
    for (const group of part.split(':')) {
      if (!/^[0-9A-Fa-f]{1,4}$/.test(group)) return false;
      groups.push(parseInt(group, 16));
    }
    return true;
  };
  let words: number[];
  if (doubleAt === -1) {
    if (!parseGroups(head) || groups.length !== 8) return undefined;
    words = groups;
  } else {
    if (!parseGroups(head.slice(0, doubleAt))) return undefined;
    const left = groups.splice(0);
    if (!parseGroups(head.slice(doubleAt + 2))) return undefined;
    const right = groups;
    if (left.length + right.length > 7) return undefined;
    words = [...left, ...new Array<number>(8 - left.length - right.length).fill(0), ...right];
  }
  const bytes = new Uint8Array(16);
  words.forEach((word, i) => {
    bytes[i * 2] = word >> 8;
    bytes[i * 2 + 1] = word & 0xff;
  });
  if (tail4) bytes.set(tail4, 12);
  return bytes;
}

/** Parse an IPv4 or IPv6 address; undefined when it is neither. */
export function parseIp(text: string): IpAddress | undefined {
  const v4 = parseIpv4(text);
  if (v4) return { family: 4, bytes: v4 };
  const v6 = text.includes(':') ? parseIpv6(text) : undefined;
  return v6 ? { family: 6, bytes: v6 } : undefined;
}

/** The IPv4 address inside an IPv4-mapped IPv6 address (`::ffff:a.b.c.d`), if it is one. */
export function unmapIpv4(ip: IpAddress): IpAddress {
  if (ip.family !== 6) return ip;
  const b = ip.bytes;
  for (let i = 0; i < 10; i++) if (b[i] !== 0) return ip;
  if (b[10] !== 0xff || b[11] !== 0xff) return ip;
  return { family: 4, bytes: b.slice(12) };
}

/** Whether `ip` lies in `network/prefix` (same family only). */
export function ipInNetwork(ip: IpAddress, network: Uint8Array, prefix: number): boolean {
  if (ip.bytes.length !== network.length) return false;
  const full = prefix >> 3;
  for (let i = 0; i < full; i++) if (ip.bytes[i] !== network[i]) return false;
  const rest = prefix & 7;
  if (rest === 0) return true;
  const mask = (0xff << (8 - rest)) & 0xff;
  return ((ip.bytes[full]! ^ network[full]!) & mask) === 0;
}

/** Canonical text: dotted quad, or RFC 5952 compressed lowercase IPv6. */
export function formatIp(ip: IpAddress): string {
  const b = ip.bytes;
  if (ip.family === 4) return `${b[0]}.${b[1]}.${b[2]}.${b[3]}`;
  const words: number[] = [];
  for (let i = 0; i < 16; i += 2) words.push((b[i]! << 8) | b[i + 1]!);
  let bestStart = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    if (words[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && words[j] === 0) j++;
    if (j - i > bestLen) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = words.map((w) => w.toString(16));
  if (bestStart === -1) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLen).join(':')}`;
}

/** The reverse-lookup name: `4.3.2.1.in-addr.arpa` or the 32 nibbles under `ip6.arpa` (RFC 1035 §3.5, RFC 3596 §2.5). */
export function reverseName(ip: IpAddress): string {
  const b = ip.bytes;
  if (ip.family === 4) return `${b[3]}.${b[2]}.${b[1]}.${b[0]}.in-addr.arpa`;
  const nibbles: string[] = [];
  for (let i = 15; i >= 0; i--) nibbles.push((b[i]! & 0xf).toString(16), (b[i]! >> 4).toString(16));
  return `${nibbles.join('.')}.ip6.arpa`;
}

/** Whether two addresses are the same (same family and bytes). */
export function ipEquals(a: IpAddress, b: IpAddress): boolean {
  if (a.family !== b.family) return false;
  for (let i = 0; i < a.bytes.length; i++) if (a.bytes[i] !== b.bytes[i]) return false;
  return true;
}
