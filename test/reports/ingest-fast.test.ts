// The fast paths of ingest give the same answers as the plain ones: the tokenizer's leaf and blank-text shortcuts,
// the hand-written JSON of record columns, and the SQLite writer's prepared statements.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { ingest } from '../../src/reports/ingest.js';
import { openReportStore } from '../../src/reports/store/open.js';
import type { ReportStore } from '../../src/reports/store/store.js';
import { dkimJson, kyselyWriter, reasonsJson, spfJson } from '../../src/reports/store/writer.js';
import { XmlError, XmlTokenizer, type XmlListener } from '../../src/reports/xml.js';
import { fixture, FIXTURES } from './helpers.js';
import { aggregateXml, passingRow } from './make.js';

const RUNS = 300;

/** What a listener saw, as comparable lines: text runs merged per element, with spaces, tabs and line breaks removed. */
function events(doc: string[], fast: boolean): string[] | string {
  const out: string[] = [];
  let text = '';
  const flush = (): void => {
    const t = text.replace(/[ \t\r\n]+/g, '');
    if (t) out.push(`=${t}`);
    text = '';
  };
  const listener: XmlListener = {
    open: (name, depth) => (flush(), out.push(`+${name}${depth}`)),
    text: (t) => void (text += t),
    close: (name, depth) => (flush(), out.push(`-${name}${depth}`)),
    ...(fast ? { skipBlankText: true, leaf: (name: string, depth: number, t: string) => (flush(), out.push(`+${name}${depth}`), (text += t), flush(), out.push(`-${name}${depth}`)) } : {}),
  };
  const tok = new XmlTokenizer(listener, { maxDepth: 8, maxElements: 1000, maxToken: 4096 });
  try {
    for (const c of doc) tok.write(c);
    tok.end();
  } catch (e) {
    if (e instanceof XmlError) return e.code;
    throw e;
  }
  flush();
  return out;
}

function cut(doc: string, cuts: number[]): string[] {
  const points = [...new Set(cuts.map((c) => Math.min(c, doc.length)))].sort((a, b) => a - b);
  const chunks: string[] = [];
  let last = 0;
  for (const p of points) {
    chunks.push(doc.slice(last, p));
    last = p;
  }
  chunks.push(doc.slice(last));
  return chunks;
}

const piece = fc.constantFrom('<a>', '</a>', '<b>', '</b>', '<p:a>', '</p:a>', '<a x="1>2">', '<a/>', '<b >', '</b >', 'v', ' ', '\n  ', '&amp;', '<!-- c > d -->', '<![CDATA[ z ]]>', '<?pi?>', '<feedback>', '</feedback>', '<', '>', '"');

test(`property: the tokenizer's leaf and blank-text shortcuts report what open, text and close report, however the text is cut (${RUNS} runs)`, () => {
  const doc = fc.array(piece, { maxLength: 40 }).map((parts) => `<feedback>${parts.join('')}</feedback>`);
  let agreed = 0;
  fc.assert(
    fc.property(doc, fc.array(fc.nat({ max: 400 }), { maxLength: 8 }), (text, cuts) => {
      const chunks = cut(text, cuts);
      assert.deepEqual(events(chunks, true), events([text], false), JSON.stringify(chunks));
      agreed++;
    }),
    { numRuns: RUNS },
  );
  assert.equal(agreed, RUNS);
});

const anyText = fc.string({ unit: 'binary', maxLength: 12 });

test(`property: record columns written as JSON by hand parse back to the same values (${RUNS} runs)`, () => {
  const dkim = fc.array(fc.record({ domain: anyText, result: anyText, selector: anyText, humanResult: anyText }, { requiredKeys: ['domain', 'result'] }), { maxLength: 3 });
  const spf = fc.array(fc.record({ domain: anyText, result: anyText, scope: anyText, humanResult: anyText }, { requiredKeys: ['domain', 'result'] }), { maxLength: 3 });
  const reasons = fc.array(fc.record({ type: anyText, comment: anyText }, { requiredKeys: ['type'] }), { maxLength: 2 });
  fc.assert(
    fc.property(dkim, spf, reasons, (d, s, r) => {
      assert.deepEqual(JSON.parse(dkimJson(d)), JSON.parse(JSON.stringify(d)));
      assert.deepEqual(JSON.parse(spfJson(s)), JSON.parse(JSON.stringify(s)));
      assert.deepEqual(reasonsJson(r) === null ? null : JSON.parse(reasonsJson(r)!), r.length ? JSON.parse(JSON.stringify(r)) : null);
    }),
    { numRuns: RUNS },
  );
});

async function dump(store: ReportStore): Promise<unknown[]> {
  const reports = await store.db.selectFrom('reports').select(['kind', 'org_name', 'report_id', 'domain', 'email', 'date_begin', 'date_end', 'policy', 'meta', 'record_count', 'message_count', 'origin', 'stored_at']).orderBy('id').execute();
  const records = await store.db.selectFrom('records').select(['report_ref', 'source_ip', 'count', 'disposition', 'dkim', 'spf', 'header_from', 'envelope_from', 'envelope_to', 'reasons', 'dkim_auth', 'spf_auth']).orderBy('id').execute();
  const raw = await store.db.selectFrom('report_raw').select(['report_ref', 'raw']).orderBy('report_ref').execute();
  return [reports, records.map((r) => ({ ...r, dkim_auth: JSON.parse(r.dkim_auth), spf_auth: JSON.parse(r.spf_auth), reasons: r.reasons && JSON.parse(r.reasons) })), raw.map((r) => [r.report_ref, Buffer.from(r.raw).length > 0])];
}

test('the SQLite writer (prepared statements) stores exactly what the kysely writer stores, row for row', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'inkan-writer-'));
  const fast = await openReportStore(join(dir, 'fast.db'));
  const opened = await openReportStore(join(dir, 'plain.db'));
  const plain: ReportStore = { ...opened, writer: kyselyWriter(opened.db), close: () => opened.close() };
  try {
    const now = new Date('2025-12-01T00:00:00Z');
    const inputs = readdirSync(FIXTURES).map((name) => ({ name, bytes: fixture(name) }));
    // Sizes around the writer's statement width (64 rows) and the batch (500 rows), and one that streams.
    for (const rows of [0, 1, 63, 64, 65, 130, 499, 500, 501, 1200]) {
      inputs.push({ name: `r${rows}.xml`, bytes: Buffer.from(aggregateXml({ orgName: 'org.example', reportId: `r${rows}`, begin: 1764460800, end: 1764547199, domain: 'writer.example', rows: Array.from({ length: rows }, (_, i) => ({ ...passingRow(`10.1.${i >> 8}.${i & 255}`, 1 + (i % 7), 'writer.example'), ...(i % 9 === 0 ? { reason: { type: 'forwarded', comment: `"q" \\ ${i}` } } : {}) })) })) });
    }
    let stored = 0;
    for (const store of [fast, plain]) {
      for (const input of [...inputs, ...inputs]) {
        const s = await ingest(store, { ...input, origin: `file:${input.name}` }, { now });
        if (store === fast) stored += s.stored;
      }
    }
    const [a, b] = [await dump(fast), await dump(plain)];
    assert.deepEqual(a, b);
    const records = (a[1] as unknown[]).length;
    t.diagnostic(`${stored} reports, ${records} records: identical through both writers`);
    assert.equal(stored, 17 + 10);
    assert.ok(records > 3000);
  } finally {
    await fast.close();
    await plain.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
