import { createHash } from 'node:crypto';
import { ALLOWED_ATTRIBUTES, ALLOWED_ELEMENTS, FORBIDDEN_ELEMENTS, OWN_PREFIXES, SVG_NS } from './svg-profile.js';
import type { BimiSeverity } from './types.js';
import { lineLocator, tokenizeXml, type XmlAttribute, type XmlErrorCode } from './xml.js';

/** Every way a logo can fail the SVG Tiny PS profile or the checker's bounds; rendered by `bimi.svg.<code>` and `bimi.fix.svg.<code>`. */
export type SvgProblemCode =
  | 'too-large'
  | 'over-recommended-size'
  | 'compressed'
  | 'not-utf8'
  | 'xml-malformed'
  | 'xml-unterminated'
  | 'undefined-entity'
  | 'bad-character-reference'
  | 'duplicate-attribute'
  | 'too-many-attributes'
  | 'doctype'
  | 'entity-declaration'
  | 'too-many-elements'
  | 'too-deep'
  | 'mismatched-tag'
  | 'unclosed-element'
  | 'no-root'
  | 'root-not-svg'
  | 'content-after-root'
  | 'missing-namespace'
  | 'version'
  | 'base-profile'
  | 'missing-title'
  | 'empty-title'
  | 'not-square'
  | 'no-dimensions'
  | 'root-xy'
  | 'script'
  | 'animation'
  | 'external-content'
  | 'interactive'
  | 'style-element'
  | 'filter'
  | 'element-not-allowed'
  | 'foreign-element'
  | 'event-handler'
  | 'external-reference'
  | 'style-attribute'
  | 'attribute-not-allowed'
  | 'foreign-attribute'
  | 'processing-instruction'
  | 'too-many-problems';

/** One problem of the logo, with where it is. */
export interface SvgProblem {
  code: SvgProblemCode;
  severity: BimiSeverity;
  /** 1-based line and column in the document (0 when the problem concerns the whole file). */
  line: number;
  column: number;
  element?: string;
  attribute?: string;
  detail?: string;
}

/** The verdict on one SVG document. */
export interface SvgCheck {
  /** No `error` problems: the logo conforms as far as inkan checks. */
  ok: boolean;
  bytes: number;
  /** SHA-256 of the document octets, hex. */
  sha256: string;
  title?: string;
  /** Width and height from the viewBox, or else from width/height. */
  size?: { width: number; height: number; from: 'viewBox' | 'width-height' };
  problems: SvgProblem[];
}

/** Bounds of one check. */
export interface SvgLimits {
  /** Documents larger than this are not parsed at all. Default 1 MiB. */
  maxBytes: number;
  /** Documents larger than this get a warning (the BIMI group recommends 32 KiB). Default 32768. */
  recommendedBytes: number;
  maxElements: number;
  maxDepth: number;
  maxAttributes: number;
  maxProblems: number;
}

/** Default bounds. */
export const DEFAULT_SVG_LIMITS: SvgLimits = { maxBytes: 1024 * 1024, recommendedBytes: 32 * 1024, maxElements: 10_000, maxDepth: 32, maxAttributes: 64, maxProblems: 100 };

const TOKEN_ERRORS: Record<XmlErrorCode, SvgProblemCode> = {
  malformed: 'xml-malformed',
  unterminated: 'xml-unterminated',
  'undefined-entity': 'undefined-entity',
  'bad-character-reference': 'bad-character-reference',
  'duplicate-attribute': 'duplicate-attribute',
  'too-many-attributes': 'too-many-attributes',
};

const WARNINGS: ReadonlySet<SvgProblemCode> = new Set<SvgProblemCode>(['over-recommended-size', 'style-attribute', 'foreign-attribute', 'processing-instruction', 'attribute-not-allowed', 'too-many-problems']);

/** Parse a viewBox: four numbers, the last two positive. */
function parseViewBox(value: string): { width: number; height: number } | undefined {
  const parts = value.trim().split(/[\s,]+/);
  if (parts.length !== 4) return undefined;
  const nums = parts.map(Number);
  if (nums.some((x) => !Number.isFinite(x))) return undefined;
  const [, , width, height] = nums as [number, number, number, number];
  return width > 0 && height > 0 ? { width, height } : undefined;
}

function parseLength(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const m = /^\s*([0-9]*\.?[0-9]+(?:[eE][-+]?\d+)?)\s*(px)?\s*$/.exec(value);
  return m ? Number(m[1]) : undefined;
}

/** A reference that leaves the document: anything but `#fragment`. */
function isExternal(target: string): boolean {
  return !target.trim().startsWith('#');
}

/** Every `url(...)` target in a value. */
function urlTargets(value: string): string[] {
  const out: string[] = [];
  const re = /url\(\s*(['"]?)([^'")]*)\1\s*\)/gi;
  for (let m = re.exec(value); m && out.length < 16; m = re.exec(value)) out.push(m[2] ?? '');
  if (/url\(/i.test(value) && out.length === 0) out.push(value.slice(0, 64));
  return out;
}

/**
 * Check a logo against the SVG Tiny PS profile (draft-svg-tiny-ps-abrotman) and BIMI's expectations: the root
 * `svg` in the SVG namespace with `version="1.2"` and `baseProfile="tiny-ps"`, a `title`, a square aspect, no
 * `x`/`y` on the root, only allowed elements and attributes, no scripts, animation, event handlers or external
 * references; no DTD and no entities. Bounded: a document over `maxBytes` is not parsed, and element count,
 * depth, attributes and problems are capped.
 */
export function checkSvg(input: Uint8Array | string, options: Partial<SvgLimits> = {}): SvgCheck {
  const limits = { ...DEFAULT_SVG_LIMITS, ...options };
  const bytes = typeof input === 'string' ? Buffer.from(input, 'utf8') : input;
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const problems: SvgProblem[] = [];
  const out: SvgCheck = { ok: false, bytes: bytes.length, sha256, problems };
  const whole = (code: SvgProblemCode, detail?: string): SvgCheck => {
    problems.push({ code, severity: 'error', line: 0, column: 0, ...(detail ? { detail } : {}) });
    return out;
  };
  if (bytes.length > limits.maxBytes) return whole('too-large', `${bytes.length} > ${limits.maxBytes}`);
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) return whole('compressed');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return whole('not-utf8');
  }
  if (bytes.length > limits.recommendedBytes) problems.push({ code: 'over-recommended-size', severity: 'warning', line: 0, column: 0, detail: `${bytes.length} > ${limits.recommendedBytes}` });

  let stopped = false;
  const locate = lineLocator(text);
  const report = (code: SvgProblemCode, offset: number, extra: Partial<SvgProblem> = {}): void => {
    if (stopped) return;
    if (problems.length >= limits.maxProblems) {
      problems.push({ code: 'too-many-problems', severity: 'warning', line: 0, column: 0, detail: String(limits.maxProblems) });
      stopped = true;
      return;
    }
    const { line, column } = locate(offset);
    problems.push({ code, severity: WARNINGS.has(code) ? 'warning' : 'error', line, column, ...extra });
  };

  /** Open elements: name as written, and the default namespace and prefixes in scope. */
  const stack: Array<{ name: string; ns: Map<string, string>; local: string }> = [];
  let elements = 0;
  let rootSeen = false;
  let rootClosed = false;
  let titleDepth = -1;
  let titleText = '';
  let sawTitle = false;
  for (const token of tokenizeXml(text, { maxAttributes: limits.maxAttributes })) {
    if (token.kind === 'error') {
      report(TOKEN_ERRORS[token.code], token.offset, token.detail ? { detail: token.detail } : {});
      return finish();
    }
    if (token.kind === 'doctype') {
      report(token.entityDeclaration ? 'entity-declaration' : 'doctype', token.offset);
      continue;
    }
    if (token.kind === 'pi') {
      if (token.target.toLowerCase() === 'xml') continue;
      report(token.target === 'xml-stylesheet' ? 'external-reference' : 'processing-instruction', token.offset, { detail: `<?${token.target}` });
      continue;
    }
    if (token.kind === 'text' || token.kind === 'cdata') {
      if (titleDepth >= 0 && stack.length === titleDepth + 1) titleText += token.text;
      else if (stack.length === 0 && token.text.trim() !== '') report(rootClosed ? 'content-after-root' : 'xml-malformed', token.offset, { detail: token.text.trim().slice(0, 16) });
      continue;
    }
    if (token.kind === 'comment') continue;
    if (token.kind === 'end') {
      const open = stack.pop();
      if (!open || open.name !== token.name) {
        report('mismatched-tag', token.offset, { element: token.name, ...(open ? { detail: open.name } : {}) });
        return finish();
      }
      if (titleDepth === stack.length) {
        out.title = titleText.trim();
        titleDepth = -1;
      }
      if (stack.length === 0) rootClosed = true;
      continue;
    }
    // A start tag.
    if (++elements > limits.maxElements) {
      report('too-many-elements', token.offset, { detail: String(limits.maxElements) });
      return finish();
    }
    if (stack.length >= limits.maxDepth) {
      report('too-deep', token.offset, { detail: String(limits.maxDepth) });
      return finish();
    }
    if (rootClosed) {
      report('content-after-root', token.offset, { element: token.name });
      return finish();
    }
    const parent = stack[stack.length - 1];
    const ns = new Map(parent?.ns ?? []);
    for (const a of token.attributes) {
      if (a.name === 'xmlns') ns.set('', a.value);
      else if (a.name.startsWith('xmlns:')) ns.set(a.name.slice(6), a.value);
    }
    const colon = token.name.indexOf(':');
    const prefix = colon < 0 ? '' : token.name.slice(0, colon);
    const local = colon < 0 ? token.name : token.name.slice(colon + 1);
    const namespace = ns.get(prefix);
    const isRoot = !rootSeen;
    rootSeen = true;
    if (isRoot) checkRoot(token.attributes, local, namespace, token.offset);
    else if (namespace !== SVG_NS) report('foreign-element', token.offset, { element: token.name });
    else checkElement(local, token.offset);
    checkAttributes(local, token.attributes, isRoot);
    if (local === 'title' && namespace === SVG_NS && stack.length === 1) {
      sawTitle = true;
      titleDepth = stack.length;
      titleText = '';
    }
    if (!token.selfClosing) stack.push({ name: token.name, ns, local });
    else if (stack.length === 0) rootClosed = true;
    if (token.selfClosing && local === 'title' && titleDepth === stack.length) {
      out.title = '';
      titleDepth = -1;
    }
  }
  const open = stack[stack.length - 1];
  if (open) report('unclosed-element', text.length, { element: open.name });
  return finish();

  function finish(): SvgCheck {
    if (!rootSeen && !problems.some((p) => p.severity === 'error')) report('no-root', 0);
    if (rootSeen && !sawTitle && !problems.some((p) => p.code === 'root-not-svg')) report('missing-title', 0);
    else if (sawTitle && out.title !== undefined && out.title === '') report('empty-title', 0);
    out.ok = !problems.some((p) => p.severity === 'error');
    return out;
  }

  function checkRoot(attributes: XmlAttribute[], local: string, namespace: string | undefined, offset: number): void {
    if (local !== 'svg') {
      report('root-not-svg', offset, { element: local });
      return;
    }
    if (namespace !== SVG_NS) report('missing-namespace', offset, { ...(namespace ? { detail: namespace } : {}) });
    const get = (name: string): XmlAttribute | undefined => attributes.find((a) => a.name === name);
    const version = get('version');
    if (version?.value !== '1.2') report('version', version?.offset ?? offset, { element: 'svg', attribute: 'version', ...(version ? { detail: version.value } : {}) });
    const profile = get('baseProfile');
    if (profile?.value !== 'tiny-ps') report('base-profile', profile?.offset ?? offset, { element: 'svg', attribute: 'baseProfile', ...(profile ? { detail: profile.value } : {}) });
    for (const name of ['x', 'y']) {
      const a = get(name);
      if (a) report('root-xy', a.offset, { element: 'svg', attribute: name });
    }
    const viewBox = get('viewBox');
    const box = viewBox ? parseViewBox(viewBox.value) : undefined;
    const width = parseLength(get('width')?.value);
    const height = parseLength(get('height')?.value);
    if (box) out.size = { ...box, from: 'viewBox' };
    else if (width !== undefined && height !== undefined && width > 0 && height > 0) out.size = { width, height, from: 'width-height' };
    if (!out.size) report('no-dimensions', viewBox?.offset ?? offset, { element: 'svg', ...(viewBox ? { attribute: 'viewBox', detail: viewBox.value.slice(0, 64) } : {}) });
    else if (Math.abs(out.size.width - out.size.height) > 1e-9 * Math.max(out.size.width, out.size.height)) {
      report('not-square', viewBox?.offset ?? offset, { element: 'svg', detail: `${out.size.width}×${out.size.height}` });
    }
  }

  function checkElement(local: string, offset: number): void {
    if (ALLOWED_ELEMENTS.has(local)) return;
    const why = FORBIDDEN_ELEMENTS.get(local) ?? (local.startsWith('fe') ? 'filter' : 'element-not-allowed');
    report(why, offset, { element: local });
  }

  function checkAttributes(element: string, attributes: XmlAttribute[], isRoot: boolean): void {
    for (const a of attributes) {
      const name = a.name;
      if (name === 'xmlns' || name.startsWith('xmlns:')) continue;
      if (/^on/i.test(name)) {
        report('event-handler', a.offset, { element, attribute: name });
        continue;
      }
      const colon = name.indexOf(':');
      if (colon > 0 && !OWN_PREFIXES.has(name.slice(0, colon))) {
        report('foreign-attribute', a.offset, { element, attribute: name });
        continue;
      }
      if (name === 'href' || name === 'xlink:href') {
        if (isExternal(a.value)) report('external-reference', a.offset, { element, attribute: name, detail: a.value.slice(0, 120) });
        continue;
      }
      if (name === 'style') {
        report('style-attribute', a.offset, { element, attribute: name });
      } else if (name === 'xml:base') {
        report('external-reference', a.offset, { element, attribute: name, detail: a.value.slice(0, 120) });
        continue;
      } else if (!ALLOWED_ATTRIBUTES.has(name) && !(isRoot && name === 'xmlns')) {
        report('attribute-not-allowed', a.offset, { element, attribute: name });
      }
      for (const target of urlTargets(a.value)) {
        if (isExternal(target)) report('external-reference', a.offset, { element, attribute: name, detail: target.slice(0, 120) });
      }
      if (name === 'style' && /@import|expression\s*\(/i.test(a.value)) report('external-reference', a.offset, { element, attribute: name, detail: a.value.slice(0, 120) });
    }
  }
}
