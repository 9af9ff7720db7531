import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { zipSync } from 'fflate';
import { openReportStore } from '../../src/reports/store/open.js';
import { backends, type TestStore } from './helpers.js';
import { aggregateXml, passingRow } from './make.js';

const MAIN = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));
const KILLS = 8;

/** A small deterministic generator, so a failing run can be repeated (the seed is printed). */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

interface Expected {
  org: string;
  id: string;
  rows: number;
}

/** 16 inputs, 20 reports, ~25,000 rows: plain XML, gzip, zip, and emails carrying two reports. */
function writeInputs(dir: string): Expected[] {
  const expected: Expected[] = [];
  const make = (org: string, id: string, rows: number): Buffer => {
    expected.push({ org, id, rows });
    return Buffer.from(aggregateXml({ orgName: org, reportId: id, begin: 1764460800, end: 1764547199, domain: 'kill.example', rows: Array.from({ length: rows }, (_, i) => passingRow(`10.${i >> 16}.${(i >> 8) & 255}.${i & 255}`, 1 + (i % 5), 'kill.example')) }));
  };
  for (let i = 0; i < 16; i++) {
    const rows = 300 + ((i * 977) % 2500);
    const kind = i % 4;
    if (kind === 0) writeFileSync(join(dir, `r${i}.xml`), make('google.com', `g-${i}`, rows));
    else if (kind === 1) writeFileSync(join(dir, `r${i}.xml.gz`), gzipSync(make('Yahoo', `y-${i}`, rows)));
    else if (kind === 2) writeFileSync(join(dir, `r${i}.zip`), zipSync({ [`r${i}.xml`]: make('Enterprise Outlook', `m-${i}`, rows) }));
    else {
      const a = make('Mimecast', `mc-${i}-a`, rows);
      const b = gzipSync(make('Mimecast', `mc-${i}-b`, 300));
      const part = (name: string, data: Buffer): string => `--b\r\nContent-Type: application/octet-stream\r\nContent-Disposition: attachment; filename="${name}"\r\nContent-Transfer-Encoding: base64\r\n\r\n${data.toString('base64').replace(/.{76}/g, '$&\r\n')}\r\n`;
      writeFileSync(join(dir, `r${i}.eml`), `From: r@mimecast.example\r\nTo: d@kill.example\r\nSubject: reports\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="b"\r\n\r\n${part('a.xml', a)}${part('b.xml.gz', b)}--b--\r\n`);
    }
  }
  return expected;
}

/** Run `inkan reports import`; when `killWhen` says so (polled), kill it with SIGKILL. */
function runImport(dir: string, location: string, killWhen?: () => Promise<boolean>): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [MAIN, 'reports', 'import', dir, '--db', location, '--json'], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    let running = true;
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const poll = async (): Promise<void> => {
      while (running && killWhen) {
        if (await killWhen()) {
          child.kill('SIGKILL');
          return;
        }
        await new Promise((r) => setTimeout(r, 20));
      }
    };
    void poll();
    child.on('exit', (code, signal) => {
      running = false;
      resolve({ code, signal, stderr });
    });
  });
}

for (const backend of await backends()) {
  describe(`kill test on ${backend.name}: SIGKILL at random points, then every report is stored exactly once`, { ...(backend.skip ? { skip: backend.skip } : {}) }, () => {
    let place: TestStore;
    let dir: string;
    let expected: Expected[];
    before(async () => {
      place = await backend.create();
      dir = mkdtempSync(join(tmpdir(), 'inkan-kill-'));
      expected = writeInputs(dir);
    });
    after(async () => {
      rmSync(dir, { recursive: true, force: true });
      await place?.cleanup();
    });

    test(`${KILLS} killed imports, then a full one`, async (t) => {
      const seed = Number(process.env['INKAN_KILL_SEED'] ?? Date.now() % 100000);
      t.diagnostic(`seed ${seed} (INKAN_KILL_SEED=${seed} repeats this run)`);
      const random = rng(seed);
      let killed = 0;
      const seen: number[] = [];
      const watcher = await openReportStore(place.location);
      const stored = async (): Promise<number> => Number((await watcher.db.selectFrom('reports').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
      try {
        for (let i = 0; i < KILLS; i++) {
          // Kill once a random number of further reports has committed, plus a random moment more (often mid-report).
          const target = (await stored()) + Math.floor(random() * 3);
          const extra = Math.floor(random() * 400);
          let reachedAt: number | undefined;
          const result = await runImport(dir, place.location, async () => {
            if (reachedAt === undefined && (await stored()) >= target) reachedAt = Date.now();
            return reachedAt !== undefined && Date.now() - reachedAt >= extra;
          });
          if (result.signal === 'SIGKILL') killed++;
          seen.push(await stored());
        }
      } finally {
        await watcher.close();
      }
      t.diagnostic(`${killed}/${KILLS} runs killed; reports stored after each run: ${seen.join(', ')}`);
      const final = await runImport(dir, place.location);
      assert.equal(final.code, 0, final.stderr);

      const store = await openReportStore(place.location);
      try {
        const reports = await store.db.selectFrom('reports').select(['id', 'org_name', 'report_id', 'record_count']).execute();
        const keys = reports.map((r) => `${r.org_name}/${r.report_id}`).sort();
        assert.deepEqual(keys, expected.map((e) => `${e.org}/${e.id}`).sort(), 'every report exactly once');
        const actual = await store.db.selectFrom('records').select(['report_ref']).select((eb) => eb.fn.countAll().as('n')).groupBy('report_ref').execute();
        const byRef = new Map(actual.map((a) => [Number(a.report_ref), Number(a.n)]));
        for (const r of reports) {
          const want = expected.find((e) => e.org === r.org_name && e.id === r.report_id)!.rows;
          assert.equal(Number(r.record_count), want, `${r.report_id}: record_count`);
          assert.equal(byRef.get(Number(r.id)), want, `${r.report_id}: rows stored`);
        }
        assert.equal(actual.length, reports.length, 'no rows without their report');
        const q = await store.db.selectFrom('quarantine').select('id').execute();
        assert.equal(q.length, 0);
        t.diagnostic(`${reports.length}/${expected.length} reports, ${expected.reduce((n, e) => n + e.rows, 0)} rows, consistent`);
      } finally {
        await store.close();
      }
    });
  });
}
