import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { after, test } from 'node:test';
import { parseAggregateXml } from '../../src/reports/aggregate.js';
import { repoRoot } from '../helpers/paths.js';
import { runCli } from './run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'inkan-report-log-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('inkan verify --report-log feeds inkan reports generate: one aggregate report with the rows merged', async () => {
  const log = join(dir, 'rows.jsonl');
  const zone = ['--zone', join(repoRoot(), 'examples/example.zone')];
  const now = ['--now', '2026-11-29T10:00:00Z', '--authserv-id', 'mx.example.org'];
  const signed = join(repoRoot(), 'examples/message.eml');
  const unsigned = join(repoRoot(), 'examples/unsigned.eml');
  for (const [file, ip] of [[signed, '192.0.2.10'], [signed, '192.0.2.10'], [unsigned, '203.0.113.99']] as const) {
    const r = await runCli(['verify', file, '--ip', ip, '--helo', 'mail.example.com', '--mail-from', 'hanako@example.com', '--report-log', log, ...zone, ...now]);
    assert.ok(r.code === 0 || r.code === 1, r.stderr);
  }
  const lines = readFileSync(log, 'utf8').trim().split('\n');
  assert.equal(lines.length, 3, 'one row per verified message');
  const out = join(dir, 'out');
  const g = await runCli(['reports', 'generate', '--rows', log, '--org-name', 'Example Receiver', '--email', 'dmarc@mx.example.org', '--receiver', 'mx.example.org', '--begin', '2026-11-29T00:00:00Z', '--out', out, '--json']);
  assert.equal(g.code, 0, g.stderr + g.stdout);
  const files = readdirSync(out);
  assert.equal(files.length, 1, files.join(', '));
  assert.match(files[0]!, /^mx\.example\.org!example\.com!\d+!\d+!.+\.xml\.gz$/);
  const report = parseAggregateXml(gunzipSync(readFileSync(join(out, files[0]!))).toString('utf8'));
  assert.equal(report.policy.domain, 'example.com');
  const total = report.records.reduce((n, r) => n + r.count, 0);
  assert.equal(total, 3);
  assert.equal(report.records.length, 2, 'the two identical rows are merged');
});
