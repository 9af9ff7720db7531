import { parseTagList } from '../dkim/tag-list.js';
import type {
  AlignmentMode,
  DmarcParseResult,
  DmarcPolicy,
  DmarcRecord,
  DmarcRecordProblem,
  DmarcTag,
  EffectivePolicy,
  FailureOption,
  PsdFlag,
  ReportUri,
} from './types.js';
import { parseUriList } from './uri.js';

/** Longest record text parsed (the TXT character-strings joined); longer is not treated as a DMARC record. */
export const MAX_RECORD_LENGTH = 8192;

/** Tags RFC 9989 §4.7 defines. */
const KNOWN = new Set(['v', 'p', 'sp', 'np', 'psd', 't', 'adkim', 'aspf', 'fo', 'rua', 'ruf']);
/** Tags RFC 7489 had and RFC 9989 removed (§9.3 marks them historic, Appendix C.5.2). */
const REMOVED = new Set(['pct', 'rf', 'ri']);
const POLICIES: ReadonlySet<string> = new Set(['none', 'quarantine', 'reject']);
/** `dmarc-value` (RFC 9989 §4.8): printable ASCII except ";". */
const PRINTABLE = /^[\x20-\x3a\x3c-\x7e]*$/;

interface Segment {
  name: string;
  value: string;
  /** Offset of the tag name. */
  position: number;
  /** Offset of the value. */
  valuePosition: number;
}

/** Cut the text at ";" and read each piece with the RFC 6376 §3.2 tag-list parser, so one bad tag spoils only itself. */
function segments(text: string, problems: DmarcRecordProblem[]): Array<Segment | undefined> {
  const out: Array<Segment | undefined> = [];
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf(';', start);
    if (end === -1) end = text.length;
    const piece = text.slice(start, end);
    if (piece.trim() !== '') {
      const parsed = parseTagList(piece, { maxTags: 1 });
      const lead = piece.length - piece.trimStart().length;
      if (parsed.ok) {
        const name = parsed.list.order[0]!;
        const tag = parsed.list.tags.get(name)!;
        const valueLead = piece.slice(tag.valueStart).length - piece.slice(tag.valueStart).trimStart().length;
        out.push({ name, value: tag.value, position: start + lead, valuePosition: start + tag.valueStart + valueLead });
      } else {
        problems.push({ code: 'tag-syntax', severity: 'error', position: start + parsed.error.position, detail: piece.trim() });
        out.push(undefined);
      }
    }
    start = end + 1;
  }
  return out;
}

/** The obvious misspelling a tag name may be of (`P` for `p`), for the `unknown-tag` hint. */
function knownSpelling(name: string): string | undefined {
  const lower = name.toLowerCase();
  return lower !== name && (KNOWN.has(lower) || REMOVED.has(lower)) ? lower : undefined;
}

function parseFo(value: string): FailureOption[] | undefined {
  const parts = value.split(':').map((p) => p.trim().toLowerCase());
  const seen = new Set<string>();
  for (const part of parts) {
    if (part !== '0' && part !== '1' && part !== 'd' && part !== 's') return undefined;
    if (seen.has(part)) return undefined;
    seen.add(part);
  }
  if (seen.has('0') && seen.has('1')) return undefined;
  return parts as FailureOption[];
}

/**
 * Parse a DMARC Policy Record (RFC 9989 §4.7, §4.8). The first tag must be `v=DMARC1` (case-sensitive value),
 * otherwise the text is not a DMARC record. Everything after is lenient as §4.8 asks: an invalid value is
 * discarded for its default and reported, unknown tags are ignored and reported, and `pct`, `rf` and `ri`
 * are read but reported as removed by RFC 9989. Duplicate tags are reported and both values discarded.
 */
export function parseDmarcRecord(text: string): DmarcParseResult {
  if (text.length > MAX_RECORD_LENGTH) return { ok: false, error: { code: 'too-long', position: MAX_RECORD_LENGTH, detail: String(text.length) } };
  const problems: DmarcRecordProblem[] = [];
  const all = segments(text, problems);
  const first = all[0];
  if (!first || first.name !== 'v') {
    const position = first ? first.position : text.length - text.trimStart().length;
    return { ok: false, error: { code: 'no-version', position, ...(first ? { detail: first.name } : {}) } };
  }
  if (first.value !== 'DMARC1') return { ok: false, error: { code: 'bad-version', position: first.valuePosition, detail: first.value } };

  const counts = new Map<string, number>();
  for (const s of all) if (s) counts.set(s.name, (counts.get(s.name) ?? 0) + 1);
  const record: DmarcRecord = {
    text,
    invalidPolicyTags: [],
    psd: 'u',
    t: 'n',
    adkim: 'r',
    aspf: 'r',
    fo: ['0'],
    rua: [],
    ruf: [],
    tags: [{ name: 'v', value: 'DMARC1', position: first.position, status: 'valid' }],
    problems,
  };
  let foTag: Segment | undefined;
  for (const s of all.slice(1)) {
    if (!s) continue;
    const tag: DmarcTag = { name: s.name, value: s.value, position: s.position, status: 'valid' };
    record.tags.push(tag);
    const invalid = (): void => {
      tag.status = 'invalid';
      problems.push({ code: 'invalid-value', severity: 'error', position: s.valuePosition, tag: s.name, detail: s.value });
      if (s.name === 'p' || s.name === 'sp' || s.name === 'np') addInvalidPolicy(record, s.name);
    };
    if (!KNOWN.has(s.name) && !REMOVED.has(s.name)) {
      tag.status = 'unknown';
      const hint = knownSpelling(s.name);
      problems.push({ code: 'unknown-tag', severity: 'info', position: s.position, tag: s.name, ...(hint ? { detail: hint } : {}) });
      continue;
    }
    if ((counts.get(s.name) ?? 0) > 1) {
      tag.status = 'duplicate';
      problems.push({ code: 'duplicate-tag', severity: 'error', position: s.position, tag: s.name });
      if (s.name === 'p' || s.name === 'sp' || s.name === 'np') addInvalidPolicy(record, s.name);
      continue;
    }
    if (!PRINTABLE.test(s.value) || s.value === '') {
      invalid();
      continue;
    }
    const lower = s.value.toLowerCase();
    switch (s.name) {
      case 'v':
        invalid();
        break;
      case 'p':
      case 'sp':
      case 'np':
        if (POLICIES.has(lower)) record[s.name] = lower as DmarcPolicy;
        else invalid();
        break;
      case 'psd':
        if (lower === 'y' || lower === 'n' || lower === 'u') record.psd = lower as PsdFlag;
        else invalid();
        break;
      case 't':
        if (lower === 'y' || lower === 'n') record.t = lower;
        else invalid();
        break;
      case 'adkim':
      case 'aspf':
        if (lower === 'r' || lower === 's') record[s.name] = lower as AlignmentMode;
        else invalid();
        break;
      case 'fo': {
        foTag = s;
        const fo = parseFo(s.value);
        if (fo) record.fo = fo;
        else invalid();
        break;
      }
      case 'rua':
      case 'ruf': {
        const list = parseUriList(s.value, s.valuePosition, s.name);
        problems.push(...list.problems);
        record[s.name] = list.uris as ReportUri[];
        if (list.uris.length === 0) tag.status = 'invalid';
        break;
      }
      case 'pct':
        tag.status = 'removed';
        problems.push({ code: 'removed-tag', severity: 'warning', position: s.position, tag: s.name, detail: s.value });
        if (/^\d{1,3}$/.test(s.value) && Number(s.value) <= 100) record.pct = Number(s.value);
        else invalid();
        break;
      case 'rf':
        tag.status = 'removed';
        problems.push({ code: 'removed-tag', severity: 'warning', position: s.position, tag: s.name, detail: s.value });
        if (/^[A-Za-z0-9-]+(?:\s*:\s*[A-Za-z0-9-]+)*$/.test(s.value)) record.rf = s.value.split(':').map((f) => f.trim().toLowerCase());
        else invalid();
        break;
      case 'ri':
        tag.status = 'removed';
        problems.push({ code: 'removed-tag', severity: 'warning', position: s.position, tag: s.name, detail: s.value });
        if (/^\d{1,10}$/.test(s.value) && Number(s.value) <= 0xffffffff) record.ri = Number(s.value);
        else invalid();
        break;
    }
  }
  if (!counts.has('p')) problems.push({ code: 'missing-p', severity: 'warning', position: text.length });
  if (foTag && !counts.has('ruf')) problems.push({ code: 'fo-without-ruf', severity: 'warning', position: foTag.position, tag: 'fo' });
  problems.sort((a, b) => a.position - b.position);
  return { ok: true, record };
}

/** Parsed records kept by {@link parseDmarcRecordCached} per generation (so at most twice this many). */
const CACHE_GENERATION = 1000;
/** Records parsed or used since the last generation began, and those of the generation before. */
let recentRecords = new Map<string, DmarcParseResult>();
let olderRecords = new Map<string, DmarcParseResult>();

/**
 * {@link parseDmarcRecord} through a bounded cache keyed by the record text: a busy verifier meets the same
 * few records for every message. The parse is shared between callers and never mutated. Two generations
 * instead of a strict LRU: a hit on a recent record costs one lookup, not a delete and re-insert per message;
 * a record unused for a whole generation is dropped with the older map.
 */
export function parseDmarcRecordCached(text: string): DmarcParseResult {
  const recent = recentRecords.get(text);
  if (recent) return recent;
  const result = olderRecords.get(text) ?? parseDmarcRecord(text);
  if (recentRecords.size >= CACHE_GENERATION) {
    olderRecords = recentRecords;
    recentRecords = new Map();
  }
  recentRecords.set(text, result);
  return result;
}

function addInvalidPolicy(record: DmarcRecord, tag: 'p' | 'sp' | 'np'): void {
  delete record[tag];
  if (!record.invalidPolicyTags.includes(tag)) record.invalidPolicyTags.push(tag);
}

/**
 * The policies a record asks for (RFC 9989 §4.7, §4.10.1): a missing `p` is `none`, `sp` defaults to `p`
 * and `np` to `sp`. When `p`, `sp` or `np` is invalid, a record with at least one syntactically valid
 * `rua` URI is treated as `p=none`; without one, no DMARC processing applies (`ok: false`).
 */
export function effectivePolicy(record: DmarcRecord): EffectivePolicy {
  if (record.invalidPolicyTags.length > 0) {
    if (record.rua.length === 0) return { ok: false, invalid: [...record.invalidPolicyTags] };
    return { ok: true, p: 'none', sp: 'none', np: 'none', replacedInvalid: [...record.invalidPolicyTags] };
  }
  const p = record.p ?? 'none';
  const sp = record.sp ?? p;
  return { ok: true, p, sp, np: record.np ?? sp };
}

/** Whether a TXT string starts like a DMARC record (`v=DMARC1`), the test RFC 9989 §4.10 step 2 applies before anything else. */
export function isDmarcRecord(text: string): boolean {
  return /^[ \t\r\n]*v[ \t\r\n]*=[ \t\r\n]*DMARC1[ \t\r\n]*(?:;|$)/.test(text);
}
