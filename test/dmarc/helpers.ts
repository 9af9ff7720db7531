import { MemoryResolver } from '../../src/dns/memory.js';

/** A resolver holding `_dmarc` TXT records (name -> one record or several) and any extra A records. */
export function dmarcZone(txt: Record<string, string | string[]>, a: string[] = []): MemoryResolver {
  const r = new MemoryResolver();
  for (const [name, value] of Object.entries(txt)) {
    for (const record of Array.isArray(value) ? value : [value]) r.add(name, 'TXT', [record]);
  }
  for (const name of a) r.add(name, 'A', '192.0.2.1');
  return r;
}

/** A resolver that counts the queries it answers, per name. */
export class CountingResolver extends MemoryResolver {
  readonly asked: string[] = [];
  override async query<T extends Parameters<MemoryResolver['query']>[1]>(name: string, type: T) {
    this.asked.push(`${type} ${name}`);
    return super.query(name, type);
  }
}
