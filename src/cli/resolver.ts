import { loadZone, zoneToResolver } from '../dns/zone-load.js';
import { parseServerAddress, SystemResolver } from '../dns/system.js';
import type { Resolver } from '../dns/types.js';
import type { Zone } from '../dns/zone-types.js';
import { tDynamic } from '../i18n/index.js';
import { UsageError, type CliContext } from './context.js';

/** The DNS options a command received. */
export interface DnsOptionValues {
  zone?: string[] | undefined;
  dns?: string[] | undefined;
  timeout?: number | undefined;
}

/** Build the resolver a command asked for: zone files, given servers, or the system's servers. */
export async function resolverFromOptions(ctx: CliContext, command: string, options: DnsOptionValues): Promise<Resolver> {
  const zones = options.zone ?? [];
  const servers = options.dns ?? [];
  if (zones.length && servers.length) throw new UsageError(ctx.t('cli.error.zone-and-dns'), command);
  if (zones.length) {
    const loaded: Zone[] = [];
    for (const file of zones) {
      const result = await loadZone(file);
      if (!result.ok) {
        const { code, line, column, detail } = result.error;
        const reason = tDynamic(ctx.lang, `dns.zone.${code}`);
        throw new UsageError(ctx.t('cli.error.zone-file', { file, reason: ctx.t('dns.zone.at', { line, column, reason, ...(detail ? { detail } : {}) }) }), command);
      }
      loaded.push(result.zone);
    }
    return zoneToResolver(loaded);
  }
  const addresses = servers.map((value) => {
    const address = parseServerAddress(value);
    if (!address) throw new UsageError(ctx.t('cli.error.dns-server', { value }), command);
    return address;
  });
  return new SystemResolver({
    ...(addresses.length ? { servers: addresses } : {}),
    ...(options.timeout ? { timeout: options.timeout } : {}),
  });
}
