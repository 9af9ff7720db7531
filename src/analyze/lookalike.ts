import { domainToASCII, domainToUnicode } from 'node:url';

/** Characters that look like ASCII letters or digits (a small part of Unicode's confusables.txt, the ones phishing uses). */
const CONFUSABLES: Record<string, string> = {
  а: 'a', е: 'e', о: 'o', р: 'p', с: 'c', у: 'y', х: 'x', і: 'i', ј: 'j', ѕ: 's', ԁ: 'd', һ: 'h', ӏ: 'l', ԛ: 'q', ԝ: 'w', в: 'b',
  к: 'k', м: 'm', н: 'h', т: 't', ո: 'n', ս: 'u', օ: 'o', α: 'a', ο: 'o', ρ: 'p', ν: 'v', τ: 't', ι: 'i', κ: 'k', χ: 'x', υ: 'u',
  ɡ: 'g', ɑ: 'a', ı: 'i', ł: 'l', ß: 'ss', à: 'a', á: 'a', â: 'a', ä: 'a', å: 'a', é: 'e', è: 'e', ê: 'e', ë: 'e', í: 'i', ì: 'i',
  ï: 'i', ó: 'o', ò: 'o', ô: 'o', ö: 'o', ú: 'u', ù: 'u', ü: 'u', ç: 'c', ñ: 'n', ý: 'y',
};

/** ASCII substitutions that read alike at a glance. */
const ASCII_ALIKE: ReadonlyArray<[RegExp, string]> = [
  [/rn/g, 'm'],
  [/vv/g, 'w'],
  [/0/g, 'o'],
  [/1/g, 'l'],
  [/3/g, 'e'],
  [/5/g, 's'],
];

/** Longest label compared (hostile input stays cheap). */
const MAX_COMPARE = 64;

/** A domain's Unicode form (U-labels), lower case; the input when it cannot be converted. */
export function unicodeDomain(domain: string): string {
  const u = domainToUnicode(domain.toLowerCase());
  return u === '' ? domain.toLowerCase() : u;
}

/** A domain's ASCII form (A-labels), or the lower-case input. */
export function asciiDomain(domain: string): string {
  const a = domainToASCII(domain.toLowerCase());
  return a === '' ? domain.toLowerCase() : a;
}

/** The skeleton of a text: NFKC-folded, confusable characters mapped to the ASCII they imitate, look-alike ASCII runs folded. */
export function skeleton(text: string): string {
  let out = '';
  for (const ch of text.normalize('NFKC').toLowerCase()) out += CONFUSABLES[ch] ?? ch;
  for (const [re, to] of ASCII_ALIKE) out = out.replace(re, to);
  return out;
}

/** The non-ASCII characters of `text` that imitate ASCII ones. */
export function confusableCharacters(text: string): string[] {
  return [...new Set([...text.normalize('NFKC').toLowerCase()].filter((ch) => CONFUSABLES[ch] !== undefined))];
}

/** The scripts (Latin, Cyrillic, Greek, other) the letters of `label` come from. */
export function scriptsOf(label: string): Set<string> {
  const scripts = new Set<string>();
  for (const ch of label) {
    if (/\p{Script=Latin}/u.test(ch)) scripts.add('Latin');
    else if (/\p{Script=Cyrillic}/u.test(ch)) scripts.add('Cyrillic');
    else if (/\p{Script=Greek}/u.test(ch)) scripts.add('Greek');
    else if (/\p{Script=Armenian}/u.test(ch)) scripts.add('Armenian');
    else if (/\p{L}/u.test(ch)) scripts.add('other');
  }
  return scripts;
}

/** Whether `a` and `b` are at most one edit apart (insert, delete, substitute or swap two neighbours; Damerau). */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  if (a.length > MAX_COMPARE || b.length > MAX_COMPARE || Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/** The registrable label of an Organizational Domain (`paypal` of `paypal.co.jp`) and the suffix after it. */
export function splitOrg(orgDomain: string): { label: string; suffix: string } {
  const dot = orgDomain.indexOf('.');
  return dot < 0 ? { label: orgDomain, suffix: '' } : { label: orgDomain.slice(0, dot), suffix: orgDomain.slice(dot + 1) };
}

/** How `candidate` imitates `target` (both Organizational Domains), or undefined when it does not. */
export function imitation(candidate: string, target: string): 'skeleton' | 'one-edit' | 'contains' | 'same-name' | undefined {
  if (candidate === target) return undefined;
  const c = splitOrg(unicodeDomain(candidate));
  const t = splitOrg(target);
  if (c.label.length < 3 || t.label.length < 4) return undefined;
  if (c.label === t.label) return 'same-name';
  const sc = skeleton(c.label);
  if (sc === t.label || sc.replace(/-/g, '') === t.label) return 'skeleton';
  if (t.label.length >= 5 && withinOneEdit(c.label, t.label)) return 'one-edit';
  if (c.label.includes('-') && c.label.split('-').includes(t.label) && t.label.length >= 5) return 'contains';
  return undefined;
}
