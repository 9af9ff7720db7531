import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { repoRoot } from '../helpers/paths.js';
import { runCli, spawnCli } from './run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'inkan-import-watch-'));
after(() => rmSync(dir, { recursive: true, force: true }));

interface PassJson {
  stored: number;
  duplicates: number;
  quarantined: number;
  inputs: Array<{ input: string }>;
}

test('inkan reports import --watch imports files that appear later, once each, and stops cleanly on SIGTERM', async () => {
  const inbox = join(dir, 'inbox');
  mkdirSync(inbox);
  const examples = join(repoRoot(), 'examples/reports');
  copyFileSync(join(examples, 'yahoo.xml'), join(inbox, 'yahoo.xml'));
  const watcher = spawnCli<PassJson>(['reports', 'import', inbox, '--watch', '--interval', '1', '--json', '--db', join(dir, 'watch.db')]);
  const next = watcher.next;
  const stderr = watcher.stderr;
  try {
    const first = await next();
    assert.deepEqual([first.stored, first.duplicates, first.inputs.length], [1, 0, 1], stderr());
    copyFileSync(join(examples, 'rfc9990.xml'), join(inbox, 'rfc9990.xml'));
    const second = await next();
    assert.deepEqual([second.stored, second.duplicates], [1, 0], 'only the new file is read');
    assert.match(second.inputs[0]!.input, /rfc9990\.xml$/);
    // The same report under another name is read (it is a new file) and recognised as a duplicate.
    copyFileSync(join(examples, 'rfc9990.xml'), join(inbox, 'again.xml'));
    const third = await next();
    assert.deepEqual([third.stored, third.duplicates], [0, 1]);
  } finally {
    assert.equal(await watcher.stop(), 0, stderr());
  }
});

test('inkan reports import --watch refuses standard input and a bad --interval', async () => {
  const stdin = await runCli(['reports', 'import', '-', '--watch', '--db', join(dir, 'x.db')]);
  assert.equal(stdin.code, 2);
  assert.match(stdin.stderr, /--watch needs files or directories/);
  const bad = await runCli(['reports', 'import', dir, '--watch', '--interval', '0', '--db', join(dir, 'x.db')]);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--interval/);
});
