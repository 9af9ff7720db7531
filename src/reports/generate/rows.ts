import type { AggregateReportRow } from '../../dmarc/types.js';
import type { TimedRow } from './aggregate.js';

/** Longest line of a rows file (a row with 100 DKIM results fits easily). */
export const MAX_ROW_LINE = 1024 * 1024;

const isString = (v: unknown): v is string => typeof v === 'string';
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Whether a JSON value has the shape of an `AggregateReportRow` (the fields the report writer reads). */
export function isReportRow(v: unknown): v is AggregateReportRow {
  if (!isObject(v)) return false;
  const pe = v['policyEvaluated'];
  const ids = v['identifiers'];
  const ar = v['authResults'];
  if (!(typeof v['count'] === 'number' && Number.isSafeInteger(v['count']) && v['count'] > 0)) return false;
  if (v['sourceIp'] !== undefined && !isString(v['sourceIp'])) return false;
  if (!isObject(pe) || !isString(pe['disposition']) || !isString(pe['dkim']) || !isString(pe['spf']) || !Array.isArray(pe['reasons'])) return false;
  if (!isObject(ids) || !isString(ids['headerFrom'])) return false;
  if (!isObject(ar) || !Array.isArray(ar['dkim']) || !Array.isArray(ar['spf'])) return false;
  const pp = v['policyPublished'];
  return pp === undefined || (isObject(pp) && isString(pp['domain']) && isString(pp['p']));
}

/** One line of a rows file: `{"time": ISO 8601 or ms, "row": AggregateReportRow}`; undefined when it is not one. */
export function parseRowLine(line: string): TimedRow | undefined {
  if (line.length > MAX_ROW_LINE) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (!isObject(value)) return undefined;
  const t = value['time'];
  const time = typeof t === 'number' ? t : isString(t) ? Date.parse(t) : NaN;
  if (!Number.isFinite(time) || !isReportRow(value['row'])) return undefined;
  return { time, row: value['row'] };
}

/** Read rows from a stream of JSON Lines; lines that are not rows are counted in `bad.count`. */
export async function* readRows(chunks: AsyncIterable<Uint8Array | string>, bad: { count: number }): AsyncGenerator<TimedRow> {
  const decoder = new TextDecoder();
  let pending = '';
  let skipping = false;
  const take = (line: string): TimedRow | undefined => {
    if (!line.trim()) return undefined;
    const row = parseRowLine(line);
    if (!row) bad.count++;
    return row;
  };
  for await (const chunk of chunks) {
    pending += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    let nl: number;
    while ((nl = pending.indexOf('\n')) !== -1) {
      const line = pending.slice(0, nl);
      pending = pending.slice(nl + 1);
      if (skipping) {
        skipping = false;
        continue;
      }
      const row = take(line);
      if (row) yield row;
    }
    if (pending.length > MAX_ROW_LINE) {
      if (!skipping) bad.count++;
      skipping = true;
      pending = '';
    }
  }
  if (!skipping) {
    const row = take(pending + decoder.decode());
    if (row) yield row;
  }
}

/** One line for a rows file: what a receiver appends for each message it evaluated (`verify().dmarc.report` and the arrival time). */
export function rowLine(row: AggregateReportRow, time: Date | number): string {
  return JSON.stringify({ time: new Date(time).toISOString(), row });
}
