import type { HeaderField } from '../message/types.js';
import { Scanner, endsAuthservId, endsKeyword, squeeze } from './scanner.js';
import type { AuthResMethodResult, AuthResParseLimits, AuthResProblem, AuthenticationResults } from './types.js';

/** Default parser bounds. */
export const DEFAULT_AUTHRES_LIMITS: Readonly<AuthResParseLimits> = Object.freeze({
  maxLength: 65536,
  maxResults: 256,
  maxProperties: 64,
  maxComments: 64,
});

/** Methods in the IANA "Email Authentication Methods" registry (and Microsoft's `compauth`): a bare `spf=pass` inside a result means a `;` is missing. */
const KNOWN_METHODS = new Set([
  'auth', 'dkim', 'dkim-adsp', 'dkim-atps', 'domainkeys', 'iprev', 'rrvs', 'sender-id', 'smime', 'spf', 'vbr', 'dmarc', 'arc', 'bimi', 'dnswl', 'compauth',
]);

/** Result words of the registry (plus `hardfail` and `softpass`, seen in the wild). */
const KNOWN_RESULTS = new Set([
  'none', 'pass', 'fail', 'softfail', 'hardfail', 'neutral', 'policy', 'temperror', 'permerror', 'declined', 'skipped', 'softpass', 'nxdomain', 'signed', 'unknown',
]);

const KEYWORD = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;
const PROPERTY = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
const VERSION = /^[0-9]{1,9}$/;
const FIELD_NAME = /^[ \t]*(?:arc-)?authentication-results[ \t]*:/i;
const ARC_INSTANCE = /i[ \t\r\n]*=[ \t\r\n]*([0-9]{1,9})[ \t\r\n]*;/iy;

/** Raised inside the parser when a count bound is reached; it ends parsing, never leaves it. */
class Stop {}

/**
 * Read an `Authentication-Results` value (RFC 8601 §2.2) or an `ARC-Authentication-Results` value (RFC 8617 §4.1.1,
 * starting `i=N;`) as real servers write them. Tolerant: never throws; keeps every result it can read (unknown methods
 * and ptypes included) and lists in `problems` what it skipped or guessed, with positions. A leading field name is ignored.
 */
export function parseAuthResults(value: string, limits?: Partial<AuthResParseLimits>): AuthenticationResults {
  if (typeof value !== 'string') throw new TypeError('inkan: parseAuthResults takes the field value as a string');
  const bounds = { ...DEFAULT_AUTHRES_LIMITS, ...limits };
  const problems: AuthResProblem[] = [];
  let text = value;
  if (text.length > bounds.maxLength) {
    problems.push({ code: 'limit', limit: 'maxLength', max: bounds.maxLength, position: bounds.maxLength });
    text = text.slice(0, bounds.maxLength);
  }
  const named = FIELD_NAME.exec(text);
  const sc = new Scanner(text, named ? named[0].length : 0, problems, bounds.maxComments);
  const out: AuthenticationResults = { authservId: '', results: [], comments: [], problems };
  try {
    readHeader(sc, out);
    readResults(sc, out, bounds);
  } catch (e) {
    if (!(e instanceof Stop)) throw e;
  }
  return out;
}

/** Parse a header field (from `splitMessage`/`getFields`) with {@link parseAuthResults}. */
export function parseAuthResultsField(field: HeaderField, limits?: Partial<AuthResParseLimits>): AuthenticationResults {
  return parseAuthResults(field.value, limits);
}

/** The ARC instance, the authserv-id and its version, and the `;` that ends them. */
function readHeader(sc: Scanner, out: AuthenticationResults): void {
  sc.skipCfws(out.comments);
  if (sc.atEnd()) {
    out.problems.push({ code: 'empty', position: sc.pos });
    return;
  }
  ARC_INSTANCE.lastIndex = sc.pos;
  const arc = ARC_INSTANCE.exec(sc.text);
  if (arc) {
    out.instance = Number(arc[1]);
    sc.pos = ARC_INSTANCE.lastIndex;
    sc.skipCfws(out.comments);
  }
  const idStart = sc.pos;
  const commentsBefore = out.comments.length;
  let id: string;
  let quoted = false;
  if (sc.peek() === 0x22) {
    id = sc.readQuoted().content.trim();
    quoted = true;
  } else id = sc.readWord(endsAuthservId);
  sc.skipCfws(out.comments);
  if (!quoted && sc.peek() === 0x3d) {
    // `spf=pass ...`: the field starts with a result (Microsoft 365 writes no authserv-id).
    sc.pos = idStart;
    out.comments.length = commentsBefore;
    out.problems.push({ code: 'missing-authserv-id', position: idStart });
    return;
  }
  if (id === '') {
    out.problems.push({ code: 'missing-authserv-id', position: idStart });
  } else {
    const slash = quoted ? -1 : id.indexOf('/');
    if (slash >= 0) {
      const suffix = id.slice(slash + 1);
      id = id.slice(0, slash);
      if (VERSION.test(suffix)) out.version = Number(suffix);
      else if (suffix !== '') out.jobId = suffix;
    }
    out.authservId = id;
    const c = sc.peek();
    if (c >= 0x30 && c <= 0x39) {
      const at = sc.pos;
      const word = sc.readWord(endsKeyword);
      if (VERSION.test(word)) out.version = Number(word);
      else out.problems.push({ code: 'bad-version', position: at, text: word });
      sc.skipCfws(out.comments);
    }
  }
  if (sc.peek() === 0x3b) sc.pos++;
  else if (sc.atEnd()) out.problems.push({ code: 'missing-results', position: sc.pos });
  else out.problems.push({ code: 'missing-semicolon', position: sc.pos });
}

/** Every `; resinfo` or `; none` after the authserv-id. */
function readResults(sc: Scanner, out: AuthenticationResults, bounds: AuthResParseLimits): void {
  let pending: string[] = [];
  let sawNone = false;
  for (;;) {
    sc.skipCfws(pending);
    const c = sc.peek();
    if (c === -1) break;
    if (c === 0x3b) {
      sc.pos++;
      continue;
    }
    if (endsKeyword(c)) {
      unexpected(sc, out.problems);
      continue;
    }
    const position = sc.pos;
    const method = sc.readWord(endsKeyword);
    sc.skipCfws(pending);
    const next = sc.peek();
    if (method.toLowerCase() === 'none' && next !== 0x3d && next !== 0x2f) {
      sawNone = true;
      if (out.results.length > 0) out.problems.push({ code: 'none-with-results', position });
      out.comments.push(...pending.splice(0).slice(0, Math.max(0, bounds.maxComments - out.comments.length)));
      if (next !== 0x3b && next !== -1) out.problems.push({ code: 'missing-semicolon', position: sc.pos });
      continue;
    }
    if (sawNone) out.problems.push({ code: 'none-with-results', position });
    readResinfo(sc, out, bounds, method, position, pending);
    pending = [];
  }
  if (pending.length > 0) out.comments.push(...pending.slice(0, Math.max(0, bounds.maxComments - out.comments.length)));
}

function addResult(out: AuthenticationResults, bounds: AuthResParseLimits, result: AuthResMethodResult): void {
  if (out.results.length >= bounds.maxResults) {
    out.problems.push({ code: 'limit', limit: 'maxResults', max: bounds.maxResults, position: result.position });
    throw new Stop();
  }
  out.results.push(result);
}

/** `method[/version] = result`, then reason, properties and comments up to the next `;`. */
function readResinfo(sc: Scanner, out: AuthenticationResults, bounds: AuthResParseLimits, method: string, position: number, comments: string[]): void {
  const problems = out.problems;
  let current: AuthResMethodResult = { method: method.toLowerCase(), result: '', comments, properties: [], position };
  if (!KEYWORD.test(method)) problems.push({ code: 'bad-keyword', position, text: method });
  if (sc.peek() === 0x2f) {
    sc.pos++;
    sc.skipCfws(comments);
    const at = sc.pos;
    const version = sc.readWord(endsKeyword);
    if (VERSION.test(version)) current.version = Number(version);
    else problems.push({ code: 'bad-version', position: at, text: version });
    sc.skipCfws(comments);
  }
  if (sc.peek() !== 0x3d) {
    problems.push({ code: 'missing-result', position: sc.pos, text: method });
    sc.skipToSemicolon();
    return;
  }
  sc.pos++;
  sc.skipCfws(comments);
  const resultAt = sc.pos;
  const result = sc.readWord(endsKeyword);
  if (result === '') {
    problems.push({ code: 'missing-result', position: resultAt, text: method });
    sc.skipToSemicolon();
    return;
  }
  if (!KEYWORD.test(result)) problems.push({ code: 'bad-keyword', position: resultAt, text: result });
  current.result = result.toLowerCase();
  addResult(out, bounds, current);

  for (;;) {
    sc.skipCfws(current.comments);
    const c = sc.peek();
    if (c === -1 || c === 0x3b) return;
    if (endsKeyword(c)) {
      unexpected(sc, problems);
      continue;
    }
    const keyAt = sc.pos;
    let key = sc.readWord(endsKeyword);
    sc.skipCfws(current.comments);
    if (sc.peek() === 0x2e || key.endsWith('.')) {
      // RFC 8601 allows CFWS around the dot: `policy (c) . (c) expired`.
      if (sc.peek() === 0x2e) sc.pos++;
      sc.skipCfws(current.comments);
      key = `${key.replace(/\.$/, '')}.${sc.readWord(endsKeyword)}`;
      sc.skipCfws(current.comments);
    }
    if (sc.peek() !== 0x3d) {
      problems.push({ code: 'unexpected-text', position: keyAt, text: key });
      continue;
    }
    sc.pos++;
    sc.skipCfws(current.comments);
    const valueAt = sc.pos;
    const { value, quoted } = sc.readValue();
    const lower = key.toLowerCase();
    const dot = lower.indexOf('.');
    if (dot < 0) {
      if (lower === 'reason') {
        if (current.reason !== undefined) problems.push({ code: 'duplicate-reason', position: keyAt });
        else current.reason = value;
        if (value === '' && !quoted) problems.push({ code: 'missing-value', position: valueAt, text: key });
        continue;
      }
      if (KNOWN_METHODS.has(lower) && KNOWN_RESULTS.has(value.toLowerCase())) {
        problems.push({ code: 'missing-semicolon', position: keyAt });
        current = { method: lower, result: value.toLowerCase(), comments: [], properties: [], position: keyAt };
        addResult(out, bounds, current);
        continue;
      }
      if (!KEYWORD.test(key)) problems.push({ code: 'bad-keyword', position: keyAt, text: key });
      else problems.push({ code: 'property-without-ptype', position: keyAt, text: key });
    } else if (!KEYWORD.test(key.slice(0, dot)) || !PROPERTY.test(key.slice(dot + 1))) {
      problems.push({ code: 'bad-keyword', position: keyAt, text: key });
    }
    if (value === '' && !quoted) problems.push({ code: 'missing-value', position: valueAt, text: key });
    if (current.properties.length >= bounds.maxProperties) {
      problems.push({ code: 'limit', limit: 'maxProperties', max: bounds.maxProperties, position: keyAt });
      throw new Stop();
    }
    current.properties.push({
      ptype: dot < 0 ? '' : lower.slice(0, dot),
      property: dot < 0 ? lower : lower.slice(dot + 1),
      value,
      position: keyAt,
    });
  }
}

/** Skip one character (or a whole quoted-string) that cannot start anything here, and say so. */
function unexpected(sc: Scanner, problems: AuthResProblem[]): void {
  const at = sc.pos;
  if (sc.peek() === 0x22) {
    const q = sc.readQuoted();
    problems.push({ code: 'unexpected-text', position: at, text: squeeze(q.raw) });
    return;
  }
  problems.push({ code: 'unexpected-text', position: at, text: sc.text[at] ?? '' });
  sc.pos++;
}
