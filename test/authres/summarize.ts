import type { AuthResMethodResult, AuthResProblem, AuthenticationResults } from '../../src/authres/index.js';

/** One result on one line: `method[/v]=result reason="..." (comment)... ptype.property=value...`. */
export function summarizeResult(r: AuthResMethodResult): string {
  let out = `${r.method}${r.version === undefined ? '' : `/${r.version}`}=${r.result}`;
  if (r.reason !== undefined) out += ` reason="${r.reason}"`;
  for (const c of r.comments) out += ` (${c})`;
  for (const p of r.properties) out += ` ${p.ptype === '' ? '' : `${p.ptype}.`}${p.property}=${p.value}`;
  return out;
}

/** A problem as `code:text`, or `code@position` when it has no text. */
export function summarizeProblem(p: AuthResProblem): string {
  if (p.code === 'limit') return `limit:${p.limit}`;
  return p.text !== undefined ? `${p.code}:${p.text}` : `${p.code}@${p.position}`;
}

/** The parse in the shape the tables use. */
export function summarize(parsed: AuthenticationResults): { results: string[]; problems: string[] } {
  return { results: parsed.results.map(summarizeResult), problems: parsed.problems.map(summarizeProblem) };
}
