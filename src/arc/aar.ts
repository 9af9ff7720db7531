import type { HeaderField } from '../message/types.js';

/** An Authentication-Results value cut into its authserv-id and the text of each result, whitespace runs made one space. */
export interface AuthResPieces {
  authservId: string;
  /** Each `method=result ...` in order, without the separating `;`; `none` is left out. */
  results: string[];
}

/** Longest A-R value read for an AAR (hostile input). */
const MAX_VALUE = 65536;
/** Most results carried into one AAR. */
const MAX_RESULTS = 256;

const FIELD_NAME = /^[ \t]*(?:arc-)?authentication-results[ \t]*:/i;

/**
 * Split an `Authentication-Results` value (RFC 8601 §2.2) at its top-level `;` (not inside comments or quoted strings):
 * the authserv-id (with any version after it) first, then one piece per result. Undefined when there is no authserv-id.
 */
export function splitAuthResults(value: string): AuthResPieces | undefined {
  let text = value.length > MAX_VALUE ? value.slice(0, MAX_VALUE) : value;
  const named = FIELD_NAME.exec(text);
  if (named) text = text.slice(named[0].length);
  const pieces: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length && pieces.length <= MAX_RESULTS; i++) {
    const c = text.charCodeAt(i);
    if (quoted) {
      if (c === 0x5c) i++;
      else if (c === 0x22) quoted = false;
    } else if (depth > 0) {
      if (c === 0x5c) i++;
      else if (c === 0x28) depth++;
      else if (c === 0x29) depth--;
    } else if (c === 0x22) quoted = true;
    else if (c === 0x28) depth = 1;
    else if (c === 0x3b) {
      pieces.push(text.slice(start, i));
      start = i + 1;
    }
  }
  pieces.push(text.slice(start));
  const clean = pieces.map((p) => p.replace(/[ \t\r\n]+/g, ' ').trim());
  const head = clean.shift() ?? '';
  // The authserv-id is the first word, without comments; a version may follow it.
  const authservId = head.replace(/\([^)]*\)/g, ' ').trim().split(' ')[0] ?? '';
  if (authservId === '') return undefined;
  return { authservId: authservId.replace(/^"(.*)"$/, '$1'), results: clean.filter((r) => r !== '' && r.toLowerCase() !== 'none').slice(0, MAX_RESULTS) };
}

/**
 * The AAR payload from this ADMD's own `Authentication-Results` fields (as the ValiMail suite consolidates them): every
 * field whose authserv-id is `authservId` (case-insensitive), top first, each of its results in order.
 */
export function gatherAuthResults(fields: readonly HeaderField[], authservId: string): AuthResPieces | undefined {
  const wanted = authservId.toLowerCase();
  const results: string[] = [];
  let found = false;
  for (const field of fields) {
    if (field.name.toLowerCase() !== 'authentication-results') continue;
    const pieces = splitAuthResults(field.value);
    if (!pieces || pieces.authservId.toLowerCase() !== wanted) continue;
    found = true;
    for (const r of pieces.results) if (results.length < MAX_RESULTS) results.push(r);
  }
  return found ? { authservId, results } : undefined;
}

/** The ARC-Authentication-Results field: `i=N; authserv-id; result;` with one result per folded line after the first. */
export function formatAar(instance: number, pieces: AuthResPieces, fold: boolean): string {
  const sep = fold ? ';\r\n\t' : '; ';
  const results = pieces.results.length === 0 ? ['none'] : pieces.results;
  return `ARC-Authentication-Results: i=${instance}; ${pieces.authservId}; ${results.join(sep)}`;
}
