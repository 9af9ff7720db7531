import { SPF_LINT_CHECKS } from './lint-types.js';
import type { SpfLintEvidence, SpfLintFinding, SpfLintFix, SpfLintId, SpfLintParams } from './lint-types.js';
import type { SpfRecord } from './types.js';

/** Longest DNS character-string, in bytes (RFC 1035 §3.3). */
export const MAX_STRING_BYTES = 255;

/** Build a finding with the severity of its check. */
export function finding<K extends SpfLintId>(id: K, params: SpfLintParams[K], evidence: SpfLintEvidence, fix?: SpfLintFix): SpfLintFinding {
  const built = { id, severity: SPF_LINT_CHECKS[id].severity, params, evidence, ...(fix ? { fix } : {}) };
  return built as SpfLintFinding;
}

/** Changes to a record's terms, keyed by term position: new text, or null to remove the term. */
export type TermEdits = Map<number, string | null>;

/** The record rebuilt with `edits` applied and `append` added at the end, terms separated by one space. */
export function rebuildRecord(record: SpfRecord, edits: TermEdits, append: string[] = []): string {
  const terms: string[] = [];
  for (const term of record.terms) {
    const edit = edits.get(term.position);
    if (edit === null) continue;
    terms.push(edit ?? term.text);
  }
  const version = record.text.slice(0, 6);
  return [version, ...terms, ...append].join(' ');
}

/**
 * Split text into character-strings of at most 255 bytes. Receivers concatenate them without
 * a separator (RFC 7208 §3.3), so a cut may fall anywhere; we cut after a space when one is near.
 */
export function splitStrings(text: string): string[] {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length <= MAX_STRING_BYTES) return [text];
  const out: string[] = [];
  let start = 0;
  while (bytes.length - start > MAX_STRING_BYTES) {
    let end = start + MAX_STRING_BYTES;
    const space = bytes.lastIndexOf(0x20, end - 1);
    if (space > start + MAX_STRING_BYTES / 2) end = space + 1;
    else while (end > start && (bytes[end]! & 0xc0) === 0x80) end--; // never cut inside a UTF-8 sequence
    out.push(bytes.subarray(start, end).toString('utf8'));
    start = end;
  }
  out.push(bytes.subarray(start).toString('utf8'));
  return out;
}

/** A TXT fix: publish `record` (replacing `current` when given), with its strings when it needs splitting. */
export function txtFix(name: string, record: string, current?: string): SpfLintFix {
  const strings = splitStrings(record);
  return {
    action: current === undefined ? 'publish' : 'replace',
    name,
    type: 'TXT',
    ...(current !== undefined ? { current } : {}),
    record,
    ...(strings.length > 1 ? { strings } : {}),
  };
}

/** A fix that deletes one record. */
export function deleteFix(name: string, type: 'TXT' | 'SPF', current: string): SpfLintFix {
  return { action: 'delete', name, type, current };
}

/** Apply every edit list to the record at once (later lists do not override earlier removals). */
export function mergeEdits(lists: TermEdits[]): TermEdits {
  const merged: TermEdits = new Map();
  for (const list of lists) {
    for (const [position, text] of list) if (merged.get(position) !== null) merged.set(position, text);
  }
  return merged;
}
