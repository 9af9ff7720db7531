import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** inkan's package.json. */
export interface PackageInfo {
  root: string;
  version: string;
}

/** Find inkan's package.json above `fromUrl` (dist/ and the test build sit at different depths). */
export function findPackage(fromUrl: string = import.meta.url): PackageInfo | undefined {
  for (let dir = dirname(fileURLToPath(fromUrl)); dir !== dirname(dir); dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (!existsSync(manifest)) continue;
    const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string; version?: string };
    if (pkg.name === 'inkan') return { root: dir, version: pkg.version ?? 'unknown' };
  }
  return undefined;
}
