import { parseMxPattern } from './mx.js';
import type { StsMode, StsPolicy, StsPolicyProblem } from './types.js';

/** Largest `max_age` RFC 8461 §3.2 allows: 31557600 seconds (one year). */
export const MAX_AGE_LIMIT = 31_557_600;

/** Below this `max_age` a warning is given: RFC 8461 §3.2 recommends weeks or more; one day is the floor checkers use. */
export const MAX_AGE_RECOMMENDED = 86_400;

/** Lines read from one policy file (a real one has a handful; the 64 KiB cap already bounds the rest). */
export const MAX_POLICY_LINES = 1000;

const MODES: readonly StsMode[] = ['enforce', 'testing', 'none'];

/** `field-name *WSP ":" *WSP value`: the name is letters, digits, `_`, `-`, `.` (RFC 8461 §3.2 `sts-policy-ext-name`). */
const LINE = /^([A-Za-z0-9][A-Za-z0-9_.-]{0,31})[ \t]*:[ \t]*(.*?)[ \t]*$/;

/** Printable ASCII, space and tab: what a policy value may hold (`sts-policy-ext-value`). */
const TEXT = /^[\x20-\x7e\t]*$/;

/** Decode a policy body as text: it must be UTF-8 without NUL or other control characters (except CR, LF, tab). */
export function decodePolicyBody(body: Uint8Array): string | undefined {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(body);
    return /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/.test(text) ? undefined : text;
  } catch {
    return undefined;
  }
}

/**
 * Parse an MTA-STS policy file (RFC 8461 §3.2): `key: value` lines separated by CRLF or LF.
 * Unknown keys are ignored, a repeated key other than `mx` keeps its first value; every problem has its line.
 */
export function parseStsPolicy(text: string): StsPolicy {
  const problems: StsPolicyProblem[] = [];
  const policy: StsPolicy = { mx: [], extensions: [], problems, valid: false };
  const lines = text.split('\n');
  if (lines.length > MAX_POLICY_LINES) problems.push({ code: 'too-many-lines', severity: 'error', line: MAX_POLICY_LINES + 1, detail: String(MAX_POLICY_LINES) });
  const seen = new Set<string>();
  lines.slice(0, MAX_POLICY_LINES).forEach((raw, index) => {
    const line = index + 1;
    const content = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (content.trim() === '') return;
    const m = LINE.exec(content);
    if (!m || !TEXT.test(content)) {
      problems.push({ code: 'line-syntax', severity: 'error', line, detail: content.slice(0, 80) });
      return;
    }
    const key = m[1]!.toLowerCase();
    const value = m[2]!;
    if (key !== 'mx' && seen.has(key)) {
      problems.push({ code: 'duplicate-field', severity: 'warning', line, detail: key });
      return;
    }
    seen.add(key);
    readField(policy, key, m[1]!, value, line);
  });
  if (policy.version === undefined && !seen.has('version')) problems.push({ code: 'missing-version', severity: 'error', line: 0 });
  if (policy.mode === undefined && !seen.has('mode')) problems.push({ code: 'missing-mode', severity: 'error', line: 0 });
  if (policy.maxAge === undefined && !seen.has('max_age')) problems.push({ code: 'missing-max-age', severity: 'error', line: 0 });
  if (policy.mx.length === 0 && policy.mode !== undefined && policy.mode !== 'none' && !problems.some((p) => p.code === 'bad-mx')) {
    problems.push({ code: 'missing-mx', severity: 'error', line: 0, detail: policy.mode });
  }
  policy.valid =
    policy.version !== undefined &&
    policy.mode !== undefined &&
    policy.maxAge !== undefined &&
    (policy.mode === 'none' || policy.mx.length > 0) &&
    !problems.some((p) => p.severity === 'error');
  return policy;
}

function readField(policy: StsPolicy, key: string, name: string, value: string, line: number): void {
  const problems = policy.problems;
  switch (key) {
    case 'version':
      if (value.toLowerCase() === 'stsv1') policy.version = 'STSv1';
      else problems.push({ code: 'bad-version', severity: 'error', line, detail: value });
      return;
    case 'mode': {
      const mode = MODES.find((m) => m === value.toLowerCase());
      if (mode) policy.mode = mode;
      else problems.push({ code: 'bad-mode', severity: 'error', line, detail: value });
      return;
    }
    case 'max_age': {
      if (!/^\d{1,10}$/.test(value)) {
        problems.push({ code: 'bad-max-age', severity: 'error', line, detail: value });
        return;
      }
      const seconds = Number(value);
      if (seconds > MAX_AGE_LIMIT) {
        problems.push({ code: 'max-age-too-large', severity: 'error', line, detail: value });
        return;
      }
      policy.maxAge = seconds;
      if (seconds < MAX_AGE_RECOMMENDED) problems.push({ code: 'max-age-short', severity: 'warning', line, detail: value });
      return;
    }
    case 'mx': {
      const pattern = parseMxPattern(value, line);
      if (pattern) policy.mx.push(pattern);
      else problems.push({ code: 'bad-mx', severity: 'error', line, detail: value });
      return;
    }
    default:
      policy.extensions.push({ name, value, line });
      problems.push({ code: 'unknown-field', severity: 'info', line, detail: name });
  }
}

/** The text of a policy file (RFC 8461 §3.2), LF line ends; what a fix tells the domain owner to serve. */
export function formatStsPolicy(policy: { mode: StsMode; mx: readonly string[]; maxAge: number }): string {
  const lines = ['version: STSv1', `mode: ${policy.mode}`, ...policy.mx.map((mx) => `mx: ${mx}`), `max_age: ${policy.maxAge}`];
  return `${lines.join('\n')}\n`;
}
