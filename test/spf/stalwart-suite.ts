import { reverseName, parseIp } from '../../src/dns/ip.js';
import { MemoryResolver, normalizeName } from '../../src/dns/memory.js';
import type { DnsAnswer, MxRecord, RecordTypes, Resolver, RrType } from '../../src/dns/types.js';

/** One `expect:` line of Stalwart's SPF corpus, with the DNS as it stood at that line. */
export interface StalwartCheck {
  file: string;
  group: string;
  /** 1-based position of the check in its group. */
  index: number;
  helo: string;
  mailFrom: string;
  ip: string;
  result: string;
  explanation?: string;
  resolver: Resolver;
}

type Zone = Map<string, { TXT?: string[][]; A?: string[]; AAAA?: string[]; MX?: MxRecord[]; PTR?: string[] }>;

function list(value: string): string[] {
  return value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

function splitNameValue(rest: string): [string, string] {
  const trimmed = rest.trim();
  const space = trimmed.indexOf(' ');
  return space === -1 ? [trimmed, ''] : [trimmed.slice(0, space), trimmed.slice(space + 1).trim()];
}

function snapshot(zone: Zone): Resolver {
  const memory = new MemoryResolver({ emptyNonTerminals: false });
  for (const [name, node] of zone) {
    for (const txt of node.TXT ?? []) memory.add(name, 'TXT', txt);
    for (const a of node.A ?? []) memory.add(name, 'A', a);
    for (const aaaa of node.AAAA ?? []) memory.add(name, 'AAAA', aaaa);
    for (const mx of node.MX ?? []) memory.add(name, 'MX', mx);
    for (const ptr of node.PTR ?? []) memory.add(name, 'PTR', ptr);
  }
  return {
    // Stalwart's harness resolves unknown names over live DNS; its `_dns_error.*` names stand for a failing
    // server (the "DNS Temp Error" and include-temperror checks). Here they answer SERVFAIL, everything else unknown is NXDOMAIN.
    async query<T extends RrType>(name: string, type: T): Promise<DnsAnswer<RecordTypes[T]>> {
      if (normalizeName(name).startsWith('_dns_error.')) return { status: 'error', rcode: 'SERVFAIL' };
      return memory.answer(name, type);
    },
  };
}

/**
 * Parse one file of `conformance/spf/stalwart/` line by line, as its README says: keys repeat, so no YAML
 * loader. Records accumulate over the whole file and a later line for the same name and type replaces the
 * earlier one (Stalwart's harness fills one cache per file). `domain`/`sender`/`ip` carry over within a group
 * (groups are separated by `---`); the default ip is 127.0.0.1. `mx:` makes one synthetic exchange per IP with
 * preference = position + 1.
 */
export function parseStalwartFile(file: string, text: string): StalwartCheck[] {
  const zone: Zone = new Map();
  const node = (name: string) => {
    const key = normalizeName(name);
    let entry = zone.get(key);
    if (!entry) zone.set(key, (entry = {}));
    return entry;
  };
  const checks: StalwartCheck[] = [];
  for (const groupText of text.split('---\n')) {
    let group = '';
    let helo = '';
    let mailFrom = '';
    let ip = '127.0.0.1';
    let index = 0;
    for (const raw of groupText.split('\n')) {
      let line = raw.trim();
      if (line.startsWith('-')) line = line.slice(1).trim();
      const colon = line.indexOf(':');
      if (colon === -1) continue;
      const key = line.slice(0, colon);
      const rest = line.slice(colon + 1);
      switch (key) {
        case 'name':
          group = rest.trim();
          break;
        case 'spf':
        case 'exp': {
          const [name, value] = splitNameValue(rest);
          node(name).TXT = [[value]];
          break;
        }
        case 'a':
        case 'aaaa': {
          const [name, value] = splitNameValue(rest);
          node(name)[key === 'a' ? 'A' : 'AAAA'] = list(value);
          break;
        }
        case 'ptr': {
          const [address, value] = splitNameValue(rest);
          const parsed = parseIp(address);
          if (!parsed) throw new Error(`${file}: bad ptr address ${address}`);
          node(reverseName(parsed)).PTR = list(value);
          break;
        }
        case 'mx': {
          const [name, value] = splitNameValue(rest);
          node(name).MX = list(value).map((address, pos) => {
            const exchange = `mx${pos + 1}.${address.replace(/[^0-9A-Za-z]/g, '-')}.synthetic.test`;
            node(exchange)[address.includes(':') ? 'AAAA' : 'A'] = [address];
            return { preference: pos + 1, exchange };
          });
          break;
        }
        case 'domain':
          helo = rest.trim();
          break;
        case 'sender':
          mailFrom = rest.trim();
          break;
        case 'ip':
          ip = rest.trim();
          break;
        case 'expect': {
          const value = rest.trim();
          const space = value.indexOf(' ');
          const result = space === -1 ? value : value.slice(0, space);
          const check: StalwartCheck = { file, group, index: ++index, helo, mailFrom, ip, result, resolver: snapshot(zone) };
          if (space !== -1) check.explanation = value.slice(space + 1).trim();
          checks.push(check);
          break;
        }
      }
    }
  }
  return checks;
}
