import { readdir, stat } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';

/** Most files one import collects (a bound on a mistyped glob such as `/**`). */
export const MAX_IMPORT_FILES = 1_000_000;

function globToRegExp(segment: string): RegExp {
  const body = segment.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]');
  return new RegExp(`^${body}$`);
}

async function walk(dir: string, out: string[]): Promise<void> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return;
  }
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const e of entries) {
    if (out.length >= MAX_IMPORT_FILES) return;
    if (e.name.startsWith('.')) continue;
    const path = join(dir, e.name);
    if (e.isDirectory()) await walk(path, out);
    else if (e.isFile()) out.push(path);
  }
}

async function expandGlob(pattern: string, out: string[]): Promise<void> {
  const absolute = pattern.startsWith('/');
  const segments = pattern.split(/[\\/]+/).filter(Boolean);
  const expand = async (base: string, index: number): Promise<void> => {
    if (out.length >= MAX_IMPORT_FILES) return;
    if (index === segments.length) {
      const s = await stat(base).catch(() => undefined);
      if (s?.isFile()) out.push(base);
      else if (s?.isDirectory()) await walk(base, out);
      return;
    }
    const segment = segments[index]!;
    if (segment === '**') {
      await expand(base, index + 1);
      const entries = await readdir(base, { withFileTypes: true }).catch(() => []);
      for (const e of entries) if (e.isDirectory() && !e.name.startsWith('.')) await expand(join(base, e.name), index);
      return;
    }
    if (!/[*?]/.test(segment)) return expand(join(base, segment), index + 1);
    const re = globToRegExp(segment);
    const entries = await readdir(base, { withFileTypes: true }).catch(() => []);
    for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) if (re.test(e.name)) await expand(join(base, e.name), index + 1);
  };
  await expand(absolute ? sep : '.', 0);
}

/**
 * The files named by import arguments: files, directories (recursively, hidden files skipped), globs (`*`, `?`,
 * `**`), and named pipes or devices (`<(zcat r.xml.gz)`, `/dev/stdin`). Missing names are returned apart.
 */
export async function collectFiles(args: readonly string[]): Promise<{ files: string[]; missing: string[] }> {
  const files: string[] = [];
  const missing: string[] = [];
  for (const arg of args) {
    const before = files.length;
    if (/[*?]/.test(arg)) await expandGlob(arg, files);
    else {
      const s = await stat(arg).catch(() => undefined);
      if (s?.isDirectory()) await walk(arg, files);
      else if (s?.isFile() || s?.isFIFO() || s?.isCharacterDevice()) files.push(arg);
    }
    if (files.length === before) missing.push(arg);
  }
  return { files: [...new Set(files.map((f) => resolve(f)))], missing };
}
