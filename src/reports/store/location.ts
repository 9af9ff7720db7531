import { homedir } from 'node:os';
import { join } from 'node:path';

/** Where the report store is: `--db`, else `$INKAN_DB`, else `inkan.db` under `$XDG_DATA_HOME/inkan` (or `~/.local/share/inkan`). */
export function defaultStoreLocation(env: Record<string, string | undefined>, db?: string): string {
  if (db) return db;
  if (env['INKAN_DB']) return env['INKAN_DB'];
  const data = env['XDG_DATA_HOME'] || join(env['HOME'] || homedir(), '.local', 'share');
  return join(data, 'inkan', 'inkan.db');
}
