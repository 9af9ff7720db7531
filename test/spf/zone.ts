import { MemoryResolver } from '../../src/dns/memory.js';
import type { MxRecord } from '../../src/dns/types.js';

/** Records of one name, compactly: TXT strings are one record each; MX as "10 host". */
export interface Node {
  TXT?: string[];
  A?: string[];
  AAAA?: string[];
  MX?: string[];
  PTR?: string[];
  CNAME?: string;
}

/** A MemoryResolver (missing names are NXDOMAIN) holding `nodes`. */
export function zone(nodes: Record<string, Node>): MemoryResolver {
  const r = new MemoryResolver({ emptyNonTerminals: false });
  for (const [name, node] of Object.entries(nodes)) {
    for (const txt of node.TXT ?? []) r.add(name, 'TXT', [txt]);
    for (const a of node.A ?? []) r.add(name, 'A', a);
    for (const aaaa of node.AAAA ?? []) r.add(name, 'AAAA', aaaa);
    for (const mx of node.MX ?? []) {
      const [preference, exchange] = mx.split(' ');
      r.add(name, 'MX', { preference: Number(preference), exchange: exchange ?? '' } satisfies MxRecord);
    }
    for (const ptr of node.PTR ?? []) r.add(name, 'PTR', ptr);
    if (node.CNAME) r.add(name, 'CNAME', node.CNAME);
  }
  return r;
}
