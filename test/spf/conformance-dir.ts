import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: the nearest directory above this file whose package.json is inkan's. */
export function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'inkan') return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error('inkan repository root not found above ' + fileURLToPath(import.meta.url));
    dir = parent;
  }
}

/** `../shared/conformance` beside the repository (CI puts a copy of shared/ next to its fresh clone). */
export function conformanceDir(): string {
  return resolve(repoRoot(), '..', 'shared', 'conformance');
}
