import type { BimiParseResult, BimiRecord, BimiRecordProblem, BimiSelectorResult, BimiTag } from './types.js';

/** Longest record text accepted (the draft sets no limit; real records are a few hundred octets). */
export const MAX_BIMI_RECORD_LENGTH = 4096;
/** Most `l=` locations read (the draft allows a comma-separated list; receivers use the first usable one). */
export const MAX_LOCATIONS = 4;
/** Longest URL accepted in `l=` or `a=`. */
export const MAX_URL_LENGTH = 2048;

const TAG_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;
const KNOWN = new Set(['v', 'l', 'a', 'avp']);
/** Selectors are dot-separated DNS labels (draft §4.3, like DKIM selectors). */
const SELECTOR = /^(?!-)[A-Za-z0-9_-]{1,63}(?<!-)(\.(?!-)[A-Za-z0-9_-]{1,63}(?<!-))*$/;

/** Whether `text` is the start of a BIMI record (`v=BIMI1` first, draft §4.2). */
export function isBimiRecord(text: string): boolean {
  return /^\s*v\s*=\s*BIMI1\s*(;|$)/i.test(text);
}

/** Split `tag=value; ...` into tags with their offsets; pieces without `=` become problems. */
function splitTags(text: string, problems: BimiRecordProblem[]): BimiTag[] {
  const tags: BimiTag[] = [];
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf(';', start);
    if (end < 0) end = text.length;
    const piece = text.slice(start, end);
    const trimmed = piece.trim();
    if (trimmed) {
      const lead = start + piece.indexOf(trimmed[0]!);
      const eq = trimmed.indexOf('=');
      const name = eq < 0 ? '' : trimmed.slice(0, eq).trim();
      if (eq < 0 || !TAG_NAME.test(name)) problems.push({ code: 'tag-syntax', severity: 'error', position: lead, detail: trimmed.slice(0, 64) });
      else tags.push({ name, value: trimmed.slice(eq + 1).trim(), position: lead });
    }
    start = end + 1;
  }
  return tags;
}

/** Check one HTTPS URL of `l=` or `a=`; returns the problem code, or undefined when it is usable. */
function urlProblem(value: string): 'bad' | 'not-https' | undefined {
  if (value.length > MAX_URL_LENGTH || /[\s<>"]/.test(value)) return 'bad';
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'bad';
  }
  if (url.protocol !== 'https:') return 'not-https';
  if (!url.hostname || url.username || url.password) return 'bad';
  return undefined;
}

/**
 * Parse a BIMI Assertion Record (draft-brand-indicators-for-message-identification §4.2): `v=BIMI1` first,
 * `l=` a comma-separated list of HTTPS URLs of the SVG (may be empty), `a=` the HTTPS URL of the PEM evidence
 * document (may be empty), `avp=` the avatar preference. Unknown tags are ignored with a note.
 */
export function parseBimiRecord(text: string): BimiParseResult {
  if (text.length > MAX_BIMI_RECORD_LENGTH) return { ok: false, error: { code: 'too-long', position: MAX_BIMI_RECORD_LENGTH } };
  if (!isBimiRecord(text)) return { ok: false, error: { code: 'no-version', position: 0 } };
  const problems: BimiRecordProblem[] = [];
  const tags = splitTags(text, problems);
  const record: BimiRecord = { text, locations: [], declined: false, tags, problems };
  const seen = new Set<string>();
  let hasL = false;
  for (const [i, tag] of tags.entries()) {
    const name = tag.name;
    if (i === 0 && name.toLowerCase() === 'v') {
      if (name !== 'v' || tag.value !== 'BIMI1') problems.push({ code: 'version-case', severity: 'warning', position: tag.position, detail: `${name}=${tag.value}` });
      seen.add('v');
      continue;
    }
    if (!KNOWN.has(name)) {
      problems.push({ code: 'unknown-tag', severity: 'info', position: tag.position, tag: name });
      continue;
    }
    if (seen.has(name)) {
      problems.push({ code: 'duplicate-tag', severity: 'error', position: tag.position, tag: name });
      continue;
    }
    seen.add(name);
    if (name === 'l') {
      hasL = true;
      if (tag.value === '') continue;
      const parts = tag.value.split(',').map((s) => s.trim());
      for (const [n, part] of parts.entries()) {
        if (n >= MAX_LOCATIONS) {
          problems.push({ code: 'too-many-locations', severity: 'warning', position: tag.position, tag: 'l', detail: String(MAX_LOCATIONS) });
          break;
        }
        const bad = urlProblem(part);
        if (bad === 'not-https') problems.push({ code: 'location-not-https', severity: 'error', position: tag.position, tag: 'l', detail: part.slice(0, 200) });
        else if (bad) problems.push({ code: 'bad-location', severity: 'error', position: tag.position, tag: 'l', detail: part.slice(0, 200) });
        else record.locations.push(part);
      }
    } else if (name === 'a') {
      if (tag.value === '') continue;
      const bad = urlProblem(tag.value);
      if (bad === 'not-https') problems.push({ code: 'evidence-not-https', severity: 'error', position: tag.position, tag: 'a', detail: tag.value.slice(0, 200) });
      else if (bad) problems.push({ code: 'bad-evidence', severity: 'error', position: tag.position, tag: 'a', detail: tag.value.slice(0, 200) });
      else record.evidence = tag.value;
    } else if (name === 'avp') {
      const v = tag.value.toLowerCase();
      if (v === 'brand' || v === 'personal') record.avp = v;
      else problems.push({ code: 'bad-avp', severity: 'warning', position: tag.position, tag: 'avp', detail: tag.value.slice(0, 64) });
    }
  }
  const lValue = tags.find((t) => t.name === 'l')?.value;
  const aValue = tags.find((t) => t.name === 'a')?.value;
  record.declined = lValue === '' && (aValue === undefined || aValue === '') && !problems.some((p) => p.code === 'duplicate-tag');
  if (!hasL && !record.evidence) problems.push({ code: 'missing-location', severity: 'error', position: text.length });
  return { ok: true, record };
}

/** Whether a selector is usable as DNS labels under `_bimi`. */
export function isBimiSelector(selector: string): boolean {
  return selector.length <= 200 && SELECTOR.test(selector);
}

/** Parse a `BIMI-Selector` header field value (draft §4.3): `v=BIMI1; s=selector`. */
export function parseBimiSelector(value: string): BimiSelectorResult {
  if (value.length > 1024) return { ok: false, reason: 'tag-syntax' };
  const problems: BimiRecordProblem[] = [];
  const tags = splitTags(value, problems);
  if (problems.length) return { ok: false, reason: 'tag-syntax' };
  const first = tags[0];
  if (!first || first.name.toLowerCase() !== 'v' || first.value.toUpperCase() !== 'BIMI1') return { ok: false, reason: 'no-version' };
  const s = tags.find((t) => t.name.toLowerCase() === 's');
  if (!s || s.value === '') return { ok: false, reason: 'no-selector' };
  if (!isBimiSelector(s.value)) return { ok: false, reason: 'bad-selector' };
  return { ok: true, selector: s.value.toLowerCase() };
}
