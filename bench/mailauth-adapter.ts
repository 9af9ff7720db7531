import type { MemoryResolver } from '../src/dns/memory.js';
import type { RrType } from '../src/dns/types.js';

/** A resolver in the shape mailauth expects (`dns.promises.resolve`), answering from the same MemoryResolver. */
export function mailauthResolver(memory: MemoryResolver): (name: string, type: string) => Promise<unknown[]> {
  return async (name, type) => {
    const answer = memory.answer(name, type as RrType);
    switch (answer.status) {
      case 'records':
        if (type === 'MX') return (answer.records as Array<{ preference: number; exchange: string }>).map((mx) => ({ exchange: mx.exchange, priority: mx.preference }));
        return answer.records;
      case 'nxdomain':
        throw Object.assign(new Error(`queryTxt ENOTFOUND ${name}`), { code: 'ENOTFOUND' });
      case 'nodata':
        throw Object.assign(new Error(`queryTxt ENODATA ${name}`), { code: 'ENODATA' });
      case 'timeout':
        throw Object.assign(new Error(`queryTxt ETIMEOUT ${name}`), { code: 'ETIMEOUT' });
      default:
        throw Object.assign(new Error(`queryTxt ESERVFAIL ${name}`), { code: 'ESERVFAIL' });
    }
  };
}

