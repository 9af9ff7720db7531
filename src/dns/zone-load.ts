import { readFile, stat } from 'node:fs/promises';
import { MemoryResolver, type MemoryResolverOptions } from './memory.js';
import type { RecordTypes, RrType } from './types.js';
import { parseZone } from './zone.js';
import type { Zone, ZoneParseOptions, ZoneSyntaxError } from './zone-types.js';

/** What `loadZone` returns: the parsed zone and a resolver answering from it, or why not. */
export type ZoneLoadResult = { ok: true; zone: Zone; resolver: MemoryResolver } | { ok: false; error: ZoneSyntaxError };

/**
 * A resolver answering from parsed zones, each record with its own TTL; NXDOMAIN and NODATA carry
 * min(SOA TTL, SOA minimum) of the enclosing zone (RFC 2308 §5).
 */
export function zoneToResolver(zones: Zone | Zone[], options: MemoryResolverOptions = {}): MemoryResolver {
  const resolver = new MemoryResolver(options);
  for (const zone of Array.isArray(zones) ? zones : [zones]) {
    for (const record of zone.records) {
      if (record.type === 'SOA') resolver.setNegativeTtl(record.name, Math.min(record.ttl, record.data.minimum));
      else resolver.add(record.name, record.type as RrType, record.data as RecordTypes[RrType], record.ttl);
    }
  }
  return resolver;
}

/** Read a master file and build its resolver; an unreadable file is a `read-failed` error, not an exception. */
export async function loadZone(
  file: string,
  options: ZoneParseOptions & MemoryResolverOptions = {},
): Promise<ZoneLoadResult> {
  let text: string;
  try {
    const size = (await stat(file)).size;
    const maxLength = options.maxLength ?? 16 * 1024 * 1024;
    if (size > maxLength) return { ok: false, error: { code: 'too-large', line: 1, column: 1, detail: `${size}` } };
    text = await readFile(file, 'utf8');
  } catch (cause) {
    const detail = (cause as NodeJS.ErrnoException).code ?? String(cause);
    return { ok: false, error: { code: 'read-failed', line: 0, column: 0, detail } };
  }
  const parsed = parseZone(text, options);
  if (!parsed.ok) return parsed;
  return { ok: true, zone: parsed.zone, resolver: zoneToResolver(parsed.zone, options) };
}
