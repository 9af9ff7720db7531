import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { runCli } from '../cli/run-cli.js';
import { ingest } from '../../src/reports/ingest.js';
import { reportedSelectors } from '../../src/reports/analyse/selectors.js';
import { openReportStore } from '../../src/reports/store/open.js';
import { dkimTxt, zone } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'inkan-check-reports-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** An aggregate report in which mail from example.com was signed with the given (domain, selector) pairs. */
function report(id: string, signatures: Array<[domain: string, selector: string, count: number]>): Uint8Array {
  const records = signatures
    .map(
      ([d, s, count]) => `<record><row><source_ip>192.0.2.50</source_ip><count>${count}</count><policy_evaluated><disposition>none</disposition><dkim>pass</dkim><spf>pass</spf></policy_evaluated></row>
<identifiers><header_from>example.com</header_from></identifiers><auth_results><dkim><domain>${d}</domain><selector>${s}</selector><result>pass</result></dkim><spf><domain>example.com</domain><result>pass</result></spf></auth_results></record>`,
    )
    .join('\n');
  return Buffer.from(`<?xml version="1.0"?><feedback><report_metadata><org_name>reporter.example</org_name><email>r@reporter.example</email><report_id>${id}</report_id>
<date_range><begin>1764460800</begin><end>1764547199</end></date_range></report_metadata><policy_published><domain>example.com</domain><p>none</p></policy_published>${records}</feedback>`);
}

test('the DKIM selectors seen in stored reports are collected for the domain, most used first, other signers left out', async () => {
  const store = await openReportStore(':memory:');
  try {
    const s = await ingest(store, { bytes: report('r1', [['example.com', 'rep2025', 40], ['mail.example.com', 'sub1', 5], ['sendgrid.net', 's1', 90], ['example.com', 'Old2019', 2]]) });
    assert.equal(s.stored, 1, JSON.stringify(s));
    assert.deepEqual(await reportedSelectors(store, 'example.com'), ['rep2025', 'sub1', 'old2019']);
    assert.deepEqual(await reportedSelectors(store, 'other.example'), []);
  } finally {
    await store.close();
  }
});

test('inkan check --db probes the selectors seen in the reports (here a revoked key nobody listed)', async () => {
  const db = join(dir, 'inkan.db');
  const store = await openReportStore(db);
  await ingest(store, { bytes: report('r2', [['example.com', 'rep2025', 40]]) });
  await store.close();
  const zoneFile = join(dir, 'example.zone');
  writeFileSync(zoneFile, zone('example.com', `@ IN MX 10 mx.example.com.\nmx IN A 192.0.2.25\n@ IN TXT "v=spf1 mx -all"\nrep2025._domainkey IN TXT "v=DKIM1; p="\nlive._domainkey IN TXT ${dkimTxt(2048)}\n_dmarc IN TXT "v=DMARC1; p=none"`));
  const args = ['check', 'example.com', '--zone', zoneFile, '--selector', 'live', '--no-discovery', '--json'];
  const without = await runCli(args, { HOME: dir });
  assert.doesNotMatch(without.stdout, /rep2025/, 'no store: the reported selector is not known');
  const withDb = await runCli([...args, '--db', db], { HOME: dir });
  assert.match(withDb.stdout, /rep2025\._domainkey\.example\.com/);
  const fromEnv = await runCli(args, { HOME: dir, INKAN_DB: db });
  assert.equal(fromEnv.stdout, withDb.stdout, 'INKAN_DB names the same store as --db');
  const broken = await runCli([...args, '--db', dir], { HOME: dir }); // a directory is no SQLite file
  assert.equal(broken.code, 3, broken.stderr);
  assert.match(broken.stderr, /cannot open the report store/);
});
