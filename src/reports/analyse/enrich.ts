import { parseIp, reverseName } from '../../dns/ip.js';
import type { Resolver } from '../../dns/types.js';
import { pslOrgDomain } from '../../dmarc/psl.js';
import type { ReportStore } from '../store/store.js';

/** What reverse DNS says about one source address. */
export interface PtrInfo {
  ip: string;
  /** The first PTR name, when there is one. */
  ptr?: string;
  /** Organizational Domain of the PTR name (public suffix list). */
  orgDomain?: string;
  /** `records`, `nxdomain`, `nodata`, `error`, `timeout` or `invalid-ip`. */
  status: string;
}

/** How long a cached PTR answer is used (seconds). */
export const PTR_CACHE_SECONDS = 7 * 86_400;
/** Lookups in flight at once. */
const PARALLEL = 16;
/** Most addresses looked up in one analysis; the rest are shown without a PTR name. */
export const MAX_PTR_LOOKUPS = 5000;

function info(ip: string, ptr: string | null | undefined, status: string): PtrInfo {
  if (!ptr) return { ip, status };
  return { ip, ptr, orgDomain: pslOrgDomain(ptr).orgDomain, status };
}

/** Reverse DNS of each address through the inkan Resolver, cached in the store (ip_info) between runs. */
export async function lookupPtrs(store: ReportStore, resolver: Resolver, ips: readonly string[], now: number): Promise<Map<string, PtrInfo>> {
  const out = new Map<string, PtrInfo>();
  const unique = [...new Set(ips)];
  const cached = new Map<string, { ptr: string | null; status: string; looked_up_at: number }>();
  for (let i = 0; i < unique.length; i += 500) {
    const rows = await store.db.selectFrom('ip_info').selectAll().where('ip', 'in', unique.slice(i, i + 500)).execute();
    for (const row of rows) cached.set(row.ip, row);
  }
  const todo: string[] = [];
  for (const ip of unique) {
    const hit = cached.get(ip);
    if (hit && now - Number(hit.looked_up_at) < PTR_CACHE_SECONDS) out.set(ip, info(ip, hit.ptr, hit.status));
    else if (todo.length < MAX_PTR_LOOKUPS) todo.push(ip);
    else out.set(ip, { ip, status: 'skipped' });
  }
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < todo.length) {
      const ip = todo[next++]!;
      const parsed = parseIp(ip);
      if (!parsed) {
        out.set(ip, { ip, status: 'invalid-ip' });
        continue;
      }
      const answer = await resolver.query(reverseName(parsed), 'PTR');
      const ptr = answer.status === 'records' ? answer.records[0]?.toLowerCase().replace(/\.$/, '') : undefined;
      out.set(ip, info(ip, ptr, answer.status));
      if (answer.status === 'records' || answer.status === 'nxdomain' || answer.status === 'nodata') {
        await store.db
          .insertInto('ip_info')
          .values({ ip, ptr: ptr ?? null, status: answer.status, looked_up_at: now })
          .onConflict((oc) => oc.column('ip').doUpdateSet({ ptr: ptr ?? null, status: answer.status, looked_up_at: now }))
          .execute();
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, todo.length) }, worker));
  return out;
}
