import { formatIp } from '../dns/ip.js';

/** JSON for `--json`: byte arrays that hold addresses become their text, other bytes base64. */
export function toJson(value: unknown): string {
  return JSON.stringify(
    value,
    (_key, v: unknown) => {
      if (v instanceof Uint8Array) {
        if (v.length === 4) return formatIp({ family: 4, bytes: v });
        if (v.length === 16) return formatIp({ family: 6, bytes: v });
        return Buffer.from(v).toString('base64');
      }
      if (v instanceof Map) return Object.fromEntries(v);
      if (v instanceof Set) return [...v];
      if (typeof v === 'bigint') return v.toString();
      return v;
    },
    2,
  );
}
