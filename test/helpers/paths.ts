import { resolve } from 'node:path';
import { findPackage } from '../../src/cli/package.js';

/** The repository root. */
export function repoRoot(): string {
  const pkg = findPackage(import.meta.url);
  if (!pkg) throw new Error('inkan repository root not found');
  return pkg.root;
}

/** `../shared/conformance` beside the repository (CI puts a copy of shared/ next to its fresh clone). */
export function conformanceDir(): string {
  return resolve(repoRoot(), '..', 'shared', 'conformance');
}
