import type { MacroLetter, MacroPart, MacroString } from './types.js';

const LETTERS = new Set('slodiphcrtv');
const DELIMITERS = '.-+,/_=';
/** Letters that RFC 7208 §7.1 allows only in explanation text. */
export const EXP_ONLY_LETTERS: ReadonlySet<string> = new Set(['c', 'r', 't']);

/** Why a macro-string is malformed: the offset inside it and what was wrong. */
export interface MacroSyntaxError {
  offset: number;
  detail: string;
}

/** Parse a macro-string (RFC 7208 §7.1). */
export function parseMacroString(text: string): MacroString | MacroSyntaxError {
  const parts: MacroPart[] = [];
  let literal = '';
  let hasMacros = false;
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch !== '%') {
      literal += ch;
      i++;
      continue;
    }
    const next = text[i + 1];
    if (next === '%' || next === '_' || next === '-') {
      literal += next === '%' ? '%' : next === '_' ? ' ' : '%20';
      i += 2;
      continue;
    }
    if (next !== '{') return { offset: i, detail: text.slice(i, i + 2) };
    const close = text.indexOf('}', i + 2);
    if (close === -1) return { offset: i, detail: text.slice(i) };
    const body = text.slice(i + 2, close);
    const m = /^([A-Za-z])(\d*)(r?)(.*)$/i.exec(body);
    const letter = m?.[1]?.toLowerCase();
    const digits = m?.[2] ?? '';
    const delimiters = m?.[4] ?? '';
    if (!m || !letter || !LETTERS.has(letter) || [...delimiters].some((d) => !DELIMITERS.includes(d))) {
      return { offset: i, detail: text.slice(i, close + 1) };
    }
    if (digits !== '' && (Number(digits) === 0 || digits.length > 3)) return { offset: i, detail: text.slice(i, close + 1) };
    if (literal) parts.push({ kind: 'literal', text: literal });
    literal = '';
    parts.push({
      kind: 'macro',
      letter: letter as MacroLetter,
      urlEscape: m[1] !== letter,
      ...(digits ? { digits: Number(digits) } : {}),
      reverse: m[3] !== '',
      delimiters,
    });
    hasMacros = true;
    i = close + 1;
  }
  if (literal) parts.push({ kind: 'literal', text: literal });
  return { text, parts, hasMacros };
}

/** Whether a parse result is an error. */
export function isMacroError(value: MacroString | MacroSyntaxError): value is MacroSyntaxError {
  return 'offset' in value;
}

const TOPLABEL = /^(?:[A-Za-z0-9]*[A-Za-z][A-Za-z0-9]*|[A-Za-z0-9]+-[A-Za-z0-9-]*[A-Za-z0-9])$/;

/**
 * Check `domain-end` (RFC 7208 §7.1): a domain-spec ends in a macro expansion or in "." toplabel ["."].
 * The check is on the text as written, before expansion.
 */
export function hasValidDomainEnd(spec: MacroString): boolean {
  const last = spec.parts[spec.parts.length - 1];
  if (!last) return false;
  if (last.kind === 'macro') return true;
  let text = last.text;
  if (text.endsWith('.')) text = text.slice(0, -1);
  const dot = text.lastIndexOf('.');
  if (dot === -1) return false; // "museum" and "%{d}com" both lack the "." before the toplabel
  return TOPLABEL.test(text.slice(dot + 1));
}

/** Whether `label` is a valid toplabel (RFC 7208 §7.1). */
export function isTopLabel(label: string): boolean {
  return TOPLABEL.test(label);
}
