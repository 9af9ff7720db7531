import { finding, MAX_STRING_BYTES, txtFix } from './lint-fix.js';
import type { SpfLintEvidence, SpfLintFinding, SpfLintTxt } from './lint-types.js';
import { isSpfRecord, parseSpf } from './parse.js';
import type { SpfRecord } from './types.js';

/** Recommended upper size of an SPF record, in bytes (RFC 7208 §3.4). */
export const MAX_RECORD_BYTES = 450;

const QUOTES_AND_SPACES = /^[\s"'\u201c\u201d\u2018\u2019]+|[\s"'\u201c\u201d\u2018\u2019]+$/g;
/** `v=spf 1`, `v = spf1`, `v:spf1`, `v=sfp1`, `v=spfl`, `v=spf`: a version tag someone meant to be `v=spf1`. */
const MISSPELT_VERSION = /^v\s*[=:-]?\s*(?:spf|sfp|psf)\s*-?\s*[1l!|]?(?=\s|$)/i;
/** `spf1 ...`, `spf ...`: the `v=` forgotten. */
const MISSING_V = /^spf\s*-?\s*1?(?=\s|$)/i;
/** `v=spf1include:...`: no space after the version. */
const MISSING_SPACE = /^v=spf1(?=[a-z+~?-])/i;
/** The rest of the text has something that reads like SPF terms. */
const SPF_LIKE_REST = /^\s*$|(?:^|\s)[+~?-]?(?:all|include:|ip4:|ip6:|a\b|mx\b|ptr\b|exists:|redirect=)/i;
const SENDER_ID = /^spf2\.0\//i;

/** If `text` looks like a mistyped SPF record, the record it was probably meant to be. */
export function lookalikeCorrection(text: string): string | undefined {
  if (isSpfRecord(text)) return undefined;
  const stripped = text.replace(QUOTES_AND_SPACES, '');
  if (isSpfRecord(stripped)) return stripped;
  for (const [pattern, replacement] of [
    [MISSPELT_VERSION, 'v=spf1'],
    [MISSING_V, 'v=spf1'],
    [MISSING_SPACE, 'v=spf1 '],
  ] as const) {
    const m = pattern.exec(stripped);
    if (!m) continue;
    const rest = stripped.slice(m[0].length);
    if (!SPF_LIKE_REST.test(rest)) continue;
    const corrected = replacement + rest;
    if (isSpfRecord(corrected)) return corrected;
  }
  return undefined;
}

/** Classify one TXT record: SPF, something meant to be SPF, a Sender ID record, or unrelated. */
export function classifyTxt(strings: string[]): SpfLintTxt {
  const text = strings.join('');
  const kind = isSpfRecord(text) ? 'spf' : lookalikeCorrection(text) !== undefined ? 'lookalike' : SENDER_ID.test(text) ? 'sender-id' : 'other';
  return { strings, text, kind };
}

const TERM_START = /^[+~?-]?(?:all|include|a|mx|ptr|ip4|ip6|exists)(?=$|[:/])|^[A-Za-z][A-Za-z0-9\-_.]*=/i;

function isWholeTerm(fragment: string): boolean {
  return TERM_START.test(fragment) && parseSpf(`v=spf1 ${fragment}`).ok;
}

/** Boundaries between character-strings where two whole terms were glued together (a space forgotten). */
function gluedBoundaries(strings: string[]): number[] {
  const glued: number[] = [];
  let offset = 0;
  const text = strings.join('');
  for (let i = 0; i < strings.length - 1; i++) {
    offset += strings[i]!.length;
    if (text[offset - 1] === ' ' || text[offset] === ' ' || offset === 0 || offset === text.length) continue;
    const start = text.lastIndexOf(' ', offset - 1) + 1;
    let end = text.indexOf(' ', offset);
    if (end === -1) end = text.length;
    const left = text.slice(start, offset);
    const right = text.slice(offset, end);
    if ((start === 0 ? left.toLowerCase() === 'v=spf1' : isWholeTerm(left)) && isWholeTerm(right)) glued.push(i);
  }
  return glued;
}

/** Merge several SPF records into one, when that is obvious: no redirect, and the `all` terms agree (else `~all`). */
export function mergeRecords(records: SpfRecord[]): string | undefined {
  if (records.some((r) => r.redirect)) return undefined;
  const seen = new Set<string>();
  const terms: string[] = [];
  const alls = new Set<string>();
  for (const record of records) {
    for (const term of record.terms) {
      if (term.type === 'directive' && term.mechanism.kind === 'all') {
        alls.add(term.qualifier === '+' ? 'all' : `${term.qualifier}all`);
        continue;
      }
      const key = term.text.toLowerCase();
      if (term.type === 'modifier' && term.name.toLowerCase() === 'exp' && [...seen].some((s) => s.startsWith('exp='))) continue;
      if (!seen.has(key)) terms.push(term.text);
      seen.add(key);
    }
  }
  const all = alls.size === 1 ? [...alls][0]! : '~all';
  const directives = terms.filter((t) => !/^[A-Za-z][A-Za-z0-9\-_.]*=/.test(t));
  const modifiers = terms.filter((t) => /^[A-Za-z][A-Za-z0-9\-_.]*=/.test(t));
  return ['v=spf1', ...directives, all, ...modifiers].join(' ');
}

/** Checks on the TXT set of one domain: several SPF records, lookalikes, string and record sizes, glued strings. */
export function txtFindings(domain: string, path: string[], txts: SpfLintTxt[]): SpfLintFinding[] {
  const out: SpfLintFinding[] = [];
  const spf = txts.filter((t) => t.kind === 'spf');
  const where = (text: string, extra: Partial<SpfLintEvidence> = {}): SpfLintEvidence => ({ path, domain, record: text, ...extra });
  if (spf.length > 1) {
    const parsed = spf.map((t) => parseSpf(t.text));
    const records = parsed.flatMap((p) => (p.ok ? [p.record] : []));
    const merged = records.length === spf.length ? mergeRecords(records) : undefined;
    const evidence = { path, domain, records: spf.map((t) => t.text) };
    out.push(finding('spf.record.multiple', { domain, count: spf.length }, evidence, merged ? txtFix(domain, merged) : undefined));
  }
  for (const txt of txts) {
    if (txt.kind === 'lookalike') {
      const corrected = lookalikeCorrection(txt.text)!;
      out.push(finding('spf.record.lookalike', { domain, text: txt.text, corrected }, where(txt.text), txtFix(domain, corrected, txt.text)));
    } else if (txt.kind === 'sender-id') {
      out.push(finding('spf.record.sender-id', { domain, text: txt.text }, where(txt.text)));
    }
    if (txt.kind !== 'spf' && txt.kind !== 'lookalike') continue;
    txt.strings.forEach((s, i) => {
      const bytes = Buffer.byteLength(s, 'utf8');
      if (bytes <= MAX_STRING_BYTES) return;
      const evidence = where(txt.text, { records: txt.strings });
      out.push(finding('spf.string.too-long', { domain, index: i + 1, bytes, limit: MAX_STRING_BYTES }, evidence, txtFix(domain, txt.text, txt.text)));
    });
    const glued = gluedBoundaries(txt.strings);
    if (glued.length) {
      const fixed = txt.strings.map((s, i) => (glued.includes(i) ? `${s} ` : s));
      for (const i of glued) {
        const position = txt.strings.slice(0, i + 1).join('').length;
        const before = txt.strings[i]!;
        const after = txt.strings[i + 1]!;
        const fix = { action: 'replace' as const, name: domain, type: 'TXT' as const, current: txt.text, record: fixed.join(''), strings: fixed };
        out.push(finding('spf.string.missing-space', { domain, index: i + 1, before, after }, where(txt.text, { records: txt.strings, position }), fix));
      }
    }
    const bytes = Buffer.byteLength(txt.text, 'utf8');
    if (txt.kind === 'spf' && bytes > MAX_RECORD_BYTES) {
      out.push(finding('spf.record.too-long', { domain, bytes, limit: MAX_RECORD_BYTES }, where(txt.text)));
    }
  }
  return out;
}
