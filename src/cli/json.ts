import { KeyObject } from 'node:crypto';
import { formatIp } from '../dns/ip.js';

function isBufferJson(v: unknown): v is { type: 'Buffer'; data: number[] } {
  return typeof v === 'object' && v !== null && (v as { type?: unknown }).type === 'Buffer' && Array.isArray((v as { data?: unknown }).data);
}

function isHeaderField(v: unknown): v is { name: string; value: string; offset: number } {
  return typeof v === 'object' && v !== null && 'raw' in v && 'rawValue' in v && 'name' in v && 'value' in v;
}

/**
 * JSON for `--json`: address bytes become their text, other bytes base64, keys a short description,
 * header fields their name, value and offset (the raw bytes are in the message the user already has).
 */
export function toJson(value: unknown): string {
  return JSON.stringify(
    value,
    (_key, v: unknown) => {
      if (v instanceof Uint8Array) {
        if (v.length === 4) return formatIp({ family: 4, bytes: v });
        if (v.length === 16) return formatIp({ family: 6, bytes: v });
        return Buffer.from(v).toString('base64');
      }
      if (isBufferJson(v)) return Buffer.from(v.data).toString('base64');
      if (v instanceof KeyObject) {
        const details = v.asymmetricKeyDetails;
        return { keyType: v.asymmetricKeyType, ...(details?.modulusLength ? { bits: details.modulusLength } : {}) };
      }
      if (isHeaderField(v)) return { name: v.name, value: v.value, offset: v.offset };
      if (v instanceof Map) return Object.fromEntries(v);
      if (v instanceof Set) return [...v];
      if (typeof v === 'bigint') return v.toString();
      return v;
    },
    2,
  );
}
