// `npm run example`: run inkan on the shipped examples, offline (answers come from examples/example.zone).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const cli = new URL('../dist/cli/main.js', import.meta.url).pathname;
if (!existsSync(cli)) {
  console.error('dist/ is missing: run "npm install" (or "npm run build") first.');
  process.exit(2);
}

const zone = ['--zone', 'examples/example.zone'];
// The report store is the embedded default, SQLite, in a scratch file here so the example leaves nothing behind.
const scratch = mkdtempSync(join(tmpdir(), 'inkan-example-'));
const db = ['--db', join(scratch, 'inkan.db')];
const runs = [
  ['spf', '--ip', '192.0.2.10', '--mail-from', 'alice@example.com', '--helo', 'mail.example.com', ...zone],
  ['spf', '--ip', '198.51.100.7', '--mail-from', 'news@example.com', '--helo', 'out.mailer.example.net', '--explain', ...zone],
  ['spf', '--ip', '192.0.2.200', '--mail-from', 'ceo@example.com', '--helo', 'unknown.example', '--received-spf', ...zone],
  ['spf', 'lint', 'example.com', ...zone],
  ['spf', 'lint', 'example.org', ...zone],
  ['verify', 'examples/message.eml', '--ip', '192.0.2.10', '--helo', 'mail.example.com', '--mail-from', 'hanako@example.com', '--authserv-id', 'mx.example.org', ...zone],
  ['verify', 'examples/unsigned.eml', '--ip', '203.0.113.99', '--helo', 'bulk.example.net', '--mail-from', 'hanako@example.com', '--authserv-id', 'mx.example.org', ...zone],
  ['check', 'example.com', '--selector', 'inkan2026,inkan2026e', ...zone],
  ['analyze', 'examples/message.eml', '--reverify', ...zone],
  ['reports', 'import', 'examples/reports', ...db],
  ['reports', 'import', 'examples/reports', ...db],
  ['reports', 'summary', '--domain', 'example.com', ...db],
  ['reports', 'sources', '--domain', 'example.com', ...db, ...zone],
  ['reports', 'advise', '--domain', 'example.com', ...db, ...zone],
];

for (const args of runs) {
  console.log(`\n$ inkan ${args.map((a) => (/[\s"]/.test(a) || a === '' ? JSON.stringify(a) : a)).join(' ')}`);
  const result = spawnSync(process.execPath, [cli, ...args], { stdio: 'inherit' });
  console.log(`(exit code ${result.status})`);
}
rmSync(scratch, { recursive: true, force: true });
