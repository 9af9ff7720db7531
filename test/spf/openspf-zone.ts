import { MemoryResolver } from '../../src/dns/memory.js';
import type { RrType } from '../../src/dns/types.js';

/** One `zonedata` entry of the OpenSPF suite: `{ TYPE: value }`, or the bare word `TIMEOUT`. */
export type ZoneEntry = string | Record<string, unknown>;

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : [String(value)];
}

/**
 * Serve one scenario's `zonedata` the way the reference harness (pyspf's testspf.py) does, as the
 * conformance README describes:
 * - a name missing from the data is NXDOMAIN (MemoryResolver with `emptyNonTerminals: false`);
 * - an `SPF:` entry is served as TXT unless the name has an explicit `TXT:` entry;
 * - a value `NONE` means no record; `SPF: []` / a TXT list is one TXT record of that many strings;
 * - `TIMEOUT` makes lookups of the name time out, except for a type that has records listed before it
 *   (pyspf stops at TIMEOUT once it has yielded records of the queried type: that is what `spftimeout` needs).
 *   TXT records generated from SPF entries come after TIMEOUT, so they are never served for such a name.
 */
export function zoneResolver(zonedata: Record<string, ZoneEntry[]>): MemoryResolver {
  const memory = new MemoryResolver({ emptyNonTerminals: false });
  for (const [name, entries] of Object.entries(zonedata)) {
    const hasTxt = entries.some((e) => typeof e === 'object' && e !== null && 'TXT' in e);
    const timeoutAt = entries.indexOf('TIMEOUT');
    const served = timeoutAt === -1 ? entries : entries.slice(0, timeoutAt);
    const generated: string[][] = [];
    const typesBefore = new Set<RrType>();
    for (const entry of served) {
      if (typeof entry !== 'object' || entry === null) continue;
      for (const [type, value] of Object.entries(entry)) {
        if (value === 'NONE') continue;
        typesBefore.add(type as RrType);
        switch (type) {
          case 'TXT':
            memory.add(name, 'TXT', strings(value));
            break;
          case 'SPF':
            if (!hasTxt) generated.push(strings(value));
            break;
          case 'MX': {
            const [preference, exchange] = value as [number, string];
            memory.add(name, 'MX', { preference: Number(preference), exchange: String(exchange) });
            break;
          }
          case 'A':
          case 'AAAA':
          case 'PTR':
          case 'CNAME':
            memory.add(name, type, String(value));
            break;
          default:
            throw new Error(`unknown zonedata type ${type} at ${name}`);
        }
      }
    }
    if (timeoutAt === -1) for (const txt of generated) memory.add(name, 'TXT', txt);
    else memory.setFault(name, 'timeout', typesBefore);
  }
  return memory;
}
