// Group commit: reports ingested together share one SQLite transaction, each under its own savepoint, and a
// report is "stored" only once the commit that holds it is done.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { ingest, ingestMany } from '../../src/reports/ingest.js';
import { openReportStore } from '../../src/reports/store/open.js';
import type { ReportStore } from '../../src/reports/store/store.js';
import type { NewReport, ReportWriter } from '../../src/reports/store/writer.js';
import { crashReports } from './group-commit-child.js';
import { backends } from './helpers.js';
import { aggregateXml, passingRow } from './make.js';

const CHILD = fileURLToPath(new URL('./group-commit-child.js', import.meta.url));

function report(id: string, rows: number): Buffer {
  return Buffer.from(aggregateXml({ orgName: 'batch.example', reportId: id, begin: 1764460800, end: 1764547199, domain: 'batch.example', rows: Array.from({ length: rows }, (_, i) => passingRow(`10.9.${i >> 8}.${i & 255}`, 1 + (i % 3), 'batch.example')) }));
}

function row(id: string): NewReport {
  return { kind: 'aggregate', org_name: 'writer.example', report_id: id, domain: 'writer.example', email: null, date_begin: 1, date_end: 2, policy: null, meta: '{}', record_count: 0, message_count: 0, origin: null, stored_at: 3 };
}

/** A second connection to the store's file: it sees only what is committed. */
function reader(path: string): { visible(id: string): boolean; close(): void } {
  const db = new Database(path, { readonly: true });
  const find = db.prepare<[string], { n: number }>('select count(*) as n from reports where report_id = ?');
  return { visible: (id) => find.get(id)!.n === 1, close: () => db.close() };
}

describe('group commit on SQLite', () => {
  test('three reports written together: one transaction, a failing one rolls back only itself, none resolves before the commit', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'inkan-group-'));
    const path = join(dir, 'inkan.db');
    const store = await openReportStore(path);
    const other = reader(path);
    try {
      const resolved: string[] = [];
      const write = (id: string, check?: () => void): Promise<void> =>
        store.writer
          .transaction(async (tx) => {
            await tx.insertReport(row(id));
            check?.();
          })
          .then(() => void resolved.push(id));
      const a = write('a');
      const b = write('b', () => {
        // a is written and not yet committed: b runs inside the same transaction.
        assert.equal(other.visible('a'), false);
        assert.deepEqual(resolved, []);
        throw new Error('b breaks');
      });
      const c = write('c');
      const [ra, rb, rc] = await Promise.allSettled([a, b, c]);
      assert.equal(ra.status, 'fulfilled');
      assert.equal(rb.status, 'rejected');
      assert.equal((rb as PromiseRejectedResult).reason.message, 'b breaks');
      assert.equal(rc.status, 'fulfilled');
      assert.deepEqual([other.visible('a'), other.visible('b'), other.visible('c')], [true, false, true]);
    } finally {
      other.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a caller awaiting each report gets one commit each: it is visible to another connection when ingest returns', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'inkan-group-'));
    const path = join(dir, 'inkan.db');
    const store = await openReportStore(path);
    const other = reader(path);
    try {
      for (let i = 0; i < 5; i++) {
        const s = await ingest(store, { bytes: report(`one-${i}`, 10) });
        assert.equal(s.stored, 1);
        assert.equal(other.visible(`one-${i}`), true);
      }
    } finally {
      other.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('concurrent ingests share commits, and each is visible to another connection the moment it resolves', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'inkan-group-'));
    const path = join(dir, 'inkan.db');
    const store = await openReportStore(path, { groupCommit: { maxReports: 8 } });
    const other = reader(path);
    // Count the reports whose transaction began while an earlier one was written and not yet committed.
    let shared = 0;
    let written: string | undefined;
    const watched: ReportStore = {
      ...store,
      writer: {
        flush: () => store.writer.flush(),
        willWrite: () => store.writer.willWrite(),
        transaction: (body) =>
          store.writer.transaction(async (tx) => {
            if (written !== undefined && !other.visible(written)) shared++;
            const result = await body({ ...tx, insertReport: (r) => ((written = r.report_id), tx.insertReport(r)) });
            return result;
          }),
      } satisfies ReportWriter,
    };
    try {
      const ids = Array.from({ length: 40 }, (_, i) => `many-${i}`);
      const results = await Promise.all(
        ids.map((id, i) =>
          ingest(watched, { bytes: report(id, 5 + i) }).then((s) => {
            assert.equal(other.visible(id), true, `${id} resolved before its commit`);
            return s;
          }),
        ),
      );
      assert.equal(results.reduce((n, s) => n + s.stored, 0), 40);
      assert.ok(shared >= 20, `only ${shared} of 40 reports shared a transaction`);
    } finally {
      other.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

for (const backend of await backends()) {
  describe(`ingestMany on ${backend.name}`, { ...(backend.skip ? { skip: backend.skip } : {}) }, () => {
    test('a report that breaks after 1,000 rows in the middle of a batch is quarantined with its bytes; its neighbours and a duplicate are right', async () => {
      const place = await backend.create();
      const store = await openReportStore(place.location);
      try {
        const text = report('broken', 1200).toString();
        const broken = Buffer.from(text.slice(0, Math.floor(text.length * 0.85)));
        const inputs = [
          ...Array.from({ length: 10 }, (_, i) => ({ bytes: report(`before-${i}`, 20 + i), name: `before-${i}.xml` })),
          { bytes: broken, name: 'broken.xml' },
          { bytes: report('before-3', 23), name: 'again.xml' },
          ...Array.from({ length: 10 }, (_, i) => ({ bytes: report(`after-${i}`, 30 + i), name: `after-${i}.xml` })),
        ];
        const names: string[] = [];
        const statuses: string[] = [];
        for await (const outcome of ingestMany(store, inputs)) {
          assert.ok('summary' in outcome);
          names.push(outcome.input.name);
          statuses.push(outcome.summary.reports.map((r) => r.status + (r.reason ? `:${r.reason}` : '')).join());
        }
        assert.deepEqual(names, inputs.map((i) => i.name), 'outcomes in input order');
        assert.deepEqual(statuses, [...Array(10).fill('stored'), 'quarantined:xml-unclosed', 'duplicate', ...Array(10).fill('stored')]);
        const reports = await store.db.selectFrom('reports').select(['id', 'report_id', 'record_count']).execute();
        assert.equal(reports.length, 20);
        assert.equal(reports.find((r) => r.report_id === 'broken'), undefined);
        const rows = await store.db.selectFrom('records').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
        assert.equal(Number(rows.n), reports.reduce((n, r) => n + Number(r.record_count), 0), 'no row of the broken report is left');
        assert.equal(Number(rows.n), 10 * 20 + 45 + 10 * 30 + 45);
        const q = await store.db.selectFrom('quarantine').select(['name', 'reason', 'raw']).execute();
        assert.deepEqual(q.map((r) => [r.name, r.reason]), [['broken.xml', 'xml-unclosed']]);
        assert.deepEqual(Buffer.from(q[0]!.raw!), broken);
      } finally {
        await store.close();
        await place.cleanup();
      }
    });

    test('SIGKILL between commits: every report the child was told is stored is there; a re-run stores the rest exactly once', async (t) => {
      const place = await backend.create();
      const COUNT = 300;
      const expected = crashReports(COUNT);
      const run = (killAfter?: number): Promise<string[]> =>
        new Promise((resolve) => {
          const child = spawn(process.execPath, [CHILD, place.location, String(COUNT), '8'], { stdio: ['ignore', 'pipe', 'inherit'] });
          let out = '';
          child.stdout.on('data', (d: Buffer) => {
            out += d.toString();
            if (killAfter !== undefined && out.split('\n').length > killAfter) child.kill('SIGKILL');
          });
          child.on('exit', () => resolve(out.split('\n').filter((l) => l.startsWith('stored '))));
        });
      try {
        const promised = new Map<string, number>();
        const seen: string[] = [];
        for (const killAfter of [1, 10, 30, 60]) {
          const lines = await run(killAfter);
          for (const l of lines) {
            const [, id, records] = l.split(' ');
            assert.equal(promised.has(id!), false, `${id} stored twice`);
            promised.set(id!, Number(records));
          }
          const store = await openReportStore(place.location);
          try {
            const stored = new Map((await store.db.selectFrom('reports').select(['report_id', 'record_count']).execute()).map((r) => [r.report_id, Number(r.record_count)]));
            for (const [id, records] of promised) assert.equal(stored.get(id), records, `${id} was reported stored and is not (whole) in the store`);
            seen.push(`${lines.length} reported, ${stored.size - promised.size} committed unreported`);
          } finally {
            await store.close();
          }
        }
        t.diagnostic(`each killed run: ${seen.join('; ')}`);
        await run();
        const store = await openReportStore(place.location);
        try {
          const reports = await store.db.selectFrom('reports').select(['id', 'report_id', 'record_count']).execute();
          assert.deepEqual(reports.map((r) => r.report_id).sort(), expected.map((e) => e.id).sort(), 'every report exactly once');
          for (const r of reports) assert.equal(Number(r.record_count), expected.find((e) => e.id === r.report_id)!.rows);
          const rows = await store.db.selectFrom('records').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
          assert.equal(Number(rows.n), expected.reduce((n, e) => n + e.rows, 0));
        } finally {
          await store.close();
        }
      } finally {
        await place.cleanup();
      }
    });
  });
}
