import { domainToASCII } from 'node:url';

/** Most queries one DNS Tree Walk may send (RFC 9989 §4.10). */
export const TREE_WALK_MAX_QUERIES = 8;

/** Longest domain name accepted (RFC 1035 §2.3.4: 255 octets on the wire, 253 as text). */
const MAX_NAME = 253;

/**
 * A domain as DMARC compares and queries it (RFC 9989 §4.4, §5.3.1): lower case (RFC 4343), without a
 * trailing dot, U-labels converted to A-labels (RFC 5890 §2.3). Undefined when it is not a usable name.
 */
export function normalizeDomain(domain: string): string | undefined {
  // trim() and toLowerCase() copy the name even when there is nothing to change, and most names need neither.
  let name = printableAt(domain, 0) && printableAt(domain, domain.length - 1) ? domain : domain.trim();
  if (name.charCodeAt(name.length - 1) === DOT) name = name.slice(0, -1);
  if (name === '' || name.length > 1000) return undefined;
  // The usual name, ASCII labels already valid, is checked and its case known in one pass.
  const labels = labelsOf(name);
  if (labels !== 'invalid') return name.length > MAX_NAME ? undefined : labels === 'upper' ? name.toLowerCase() : name;
  if (caseOf(name) !== 'non-ascii') return undefined;
  const ascii = domainToASCII(name);
  if (ascii === '') return undefined;
  name = ascii.toLowerCase();
  if (name.length > MAX_NAME) return undefined;
  return labelsOf(name) === 'invalid' ? undefined : name;
}

/** Whether the character at `i` is printable ASCII other than space (so not something trim() removes). */
function printableAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return c > 0x20 && c < 0x7f;
}

/** Whether `text` is ASCII with no upper-case letter, ASCII with one, or not ASCII. */
function caseOf(text: string): 'lower' | 'upper' | 'non-ascii' {
  let upper = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c > 0x7f) return 'non-ascii';
    if (c >= 0x41 && c <= 0x5a) upper = true;
  }
  return upper ? 'upper' : 'lower';
}

/** `text.toLowerCase()`, without the copy when `text` is ASCII with no upper-case letter (per-message names nearly always are). */
export function lowerCase(text: string): string {
  return caseOf(text) === 'lower' ? text : text.toLowerCase();
}

const DOT = 0x2e;
const HYPHEN = 0x2d;
const LESS_THAN = 0x3c;
const GREATER_THAN = 0x3e;

/**
 * Whether every dot-separated label is 1–63 letters, digits, `_` and `-`, with no `-` at either end, and whether
 * an upper-case letter is among them (one pass, no split or regex).
 */
function labelsOf(name: string): 'lower' | 'upper' | 'invalid' {
  let upper = false;
  let start = 0;
  for (let i = 0; i <= name.length; i++) {
    const c = i === name.length ? DOT : name.charCodeAt(i);
    if (c === DOT) {
      const length = i - start;
      if (length < 1 || length > 63 || name.charCodeAt(start) === HYPHEN || name.charCodeAt(i - 1) === HYPHEN) return 'invalid';
      start = i + 1;
    } else if (c >= 0x41 && c <= 0x5a) {
      upper = true;
    } else if (!((c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || c === 0x5f || c === HYPHEN)) {
      return 'invalid';
    }
  }
  return upper ? 'upper' : 'lower';
}

/** The domain of an address or domain given as the envelope sender: `''` for the null reverse-path. */
export function envelopeDomain(value: string): string {
  let v = printableAt(value, 0) && printableAt(value, value.length - 1) ? value : value.trim();
  if (v.charCodeAt(0) === LESS_THAN && v.charCodeAt(v.length - 1) === GREATER_THAN) v = v.slice(1, -1).trim();
  const at = v.lastIndexOf('@');
  return at === -1 ? v : v.slice(at + 1);
}

/**
 * The names a DNS Tree Walk queries, in order (RFC 9989 §4.10): the domain itself, then — for eight or more
 * labels — straight to the last seven labels, then one label fewer at a time down to the top-level domain.
 * Never more than eight names.
 */
export function treeWalkTargets(domain: string): string[] {
  const labels = domain.split('.');
  const targets = [domain];
  let count = labels.length >= TREE_WALK_MAX_QUERIES ? TREE_WALK_MAX_QUERIES - 1 : labels.length - 1;
  for (; count >= 1; count--) targets.push(labels.slice(labels.length - count).join('.'));
  return targets;
}

/** Whether `child` is `parent` or a name below it. */
export function isAtOrBelow(child: string, parent: string): boolean {
  return child === parent || child.endsWith(`.${parent}`);
}

/** The name one label below `ancestor` on the way to `domain` (`mail.example.com` for `a.mail.example.com` under `example.com`). */
export function oneLabelBelow(domain: string, ancestor: string): string {
  const labels = domain.split('.');
  const keep = ancestor.split('.').length + 1;
  return labels.slice(Math.max(0, labels.length - keep)).join('.');
}
