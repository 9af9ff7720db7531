import assert from 'node:assert/strict';
import { test } from 'node:test';
import { join } from 'node:path';
import { runCli } from '../cli/run-cli.js';
import { repoRoot } from '../helpers/paths.js';
import { renderAuditCsv, renderAuditText, summaryLine } from '../../src/audit/render.js';
import { finding, fixLine, txtLine, type DomainAudit } from '../../src/audit/index.js';
import { summarize } from '../../src/audit/index.js';
import { assessReadiness } from '../../src/audit/readiness.js';
import { progressBar } from '../../src/cli/check.js';

function sample(): DomainAudit {
  const findings = [
    finding('mx', 'mx.ip-address', 'error', { domain: 'example.com', exchange: '192.0.2.1', ip: '192.0.2.1', host: 'mail.example.com' }, [{ name: 'example.com', type: 'MX', status: 'records', records: ['10 192.0.2.1.'] }], [
      fixLine('remove', 'example.com', 'MX', '10 192.0.2.1.'),
      fixLine('add', 'mail.example.com', 'A', '192.0.2.1'),
    ]),
    finding('dmarc', 'dmarc.none', 'error', { domain: 'example.com', name: '_dmarc.example.com' }, [], [txtLine('add', '_dmarc.example.com', 'v=DMARC1; p=none, "quoted"')]),
    finding('dmarc', 'dmarc.multiple', 'error', { name: '_dmarc.example.com', count: 2 }, [], [txtLine('add', '_dmarc.example.com', 'v=DMARC1; p=none, "quoted"')]),
  ];
  const { readiness } = assessReadiness({ spf: { domain: 'example.com', state: 'valid', lookups: 0, voidLookups: 0, services: [] }, dkim: { state: 'none', keys: [], selectors: [] }, dmarc: { state: 'none' }, ptr: [], weakDkim: false });
  return { domain: 'example.com', findings, readiness, summary: summarize(findings), queries: 3 };
}

test('text: colours only when asked, the summary first, fixes last without repeats', () => {
  const audit = sample();
  const plain = renderAuditText(audit, { lang: 'en' });
  assert.ok(!plain.includes('\x1b['));
  assert.ok(plain.startsWith(summaryLine(audit, 'en')));
  const coloured = renderAuditText(audit, { lang: 'en', color: true });
  assert.ok(coloured.includes('\x1b[31m✗ [error]\x1b[0m'));
  const fixes = plain.slice(plain.indexOf('Fixes for example.com'));
  assert.equal(fixes.split('_dmarc.example.com. 3600 IN TXT').length, 2, 'one line for the same fix of two findings');
  assert.ok(fixes.includes('; dmarc.none, dmarc.multiple'));
  assert.ok(plain.lastIndexOf('Fixes for') > plain.lastIndexOf('(dmarc.multiple)'));
});

test('CSV: RFC 4180 quoting of commas, quotes and the sentence', () => {
  const csv = renderAuditCsv([sample()], 'en');
  const rows = csv.split('\r\n');
  assert.equal(rows.length, 5);
  const dmarc = rows[2]!;
  assert.ok(dmarc.startsWith('example.com,dmarc,dmarc.none,error,no,'));
  assert.ok(dmarc.includes('"+ _dmarc.example.com. 3600 IN TXT ""v=DMARC1; p=none, \\""quoted\\"""""'));
});

test('the progress bar', () => {
  assert.equal(progressBar(0, 4), '[....................]');
  assert.equal(progressBar(1, 4), '[#####...............]');
  assert.equal(progressBar(4, 4), '[####################]');
});

test('the text report draws the SPF include tree under SPF; --json leaves the lint tree out', async () => {
  const args = ['check', 'example.com', '--zone', join(repoRoot(), 'examples/example.zone'), '--selector', 'inkan2026', '--no-discovery'];
  const text = await runCli(args);
  assert.match(text.stdout, /SPF\n {2}example\.com: 4\/10 DNS lookups, 0\/2 void\n {2}├─ mx: 1 lookup, 2 MX names\n(.*\n)* {2}└─ include:helpdesk\.example\.org: 2 lookups\n {5}└─ a:out\.helpdesk\.example\.org: 1 lookup\n/);
  const json = await runCli([...args, '--json']);
  assert.doesNotMatch(json.stdout, /spfLint/);
  assert.equal((JSON.parse(json.stdout) as { schema: string }).schema, 'inkan.check/1');
});
