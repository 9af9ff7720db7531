import { XmlError, XmlTokenizer, type XmlLimits } from '../xml.js';
import { DMARC_NAMESPACE, OVERRIDE_TYPES } from './xml.js';

/** One way a document breaks the RFC 9990 schema: where (an element path) and what rule. */
export interface SchemaProblem {
  path: string;
  rule: 'xml' | 'namespace' | 'required' | 'unexpected' | 'order' | 'repeated' | 'enumeration' | 'integer' | 'ip-address' | 'not-empty' | 'date-range';
  detail?: string;
}

interface Node {
  /** Qualified name as written (`ext:foo` keeps its prefix). */
  name: string;
  tag: string;
  text: string;
  children: Node[];
}

/** Bounds for checking one generated report (it is ours, but the checker is a parser too). */
const LIMITS: XmlLimits = { maxDepth: 16, maxElements: 5_000_000, maxToken: 1 << 20 };

function buildTree(xml: string): Node | XmlError {
  const root: Node = { name: '', tag: '', text: '', children: [] };
  const stack: Node[] = [root];
  const tokenizer = new XmlTokenizer(
    {
      open(_local, _depth, tag) {
        const node: Node = { name: /^[^\s/>]+/.exec(tag)?.[0] ?? '', tag, text: '', children: [] };
        stack[stack.length - 1]!.children.push(node);
        stack.push(node);
      },
      text(text) {
        stack[stack.length - 1]!.text += text;
      },
      close() {
        stack.pop();
      },
    },
    LIMITS,
  );
  try {
    tokenizer.write(xml);
    tokenizer.end();
  } catch (e) {
    if (e instanceof XmlError) return e;
    throw e;
  }
  return root.children[0]!;
}

const IPV4 = /^((1?\d?\d|2[0-4]\d|25[0-5])\.){3}(1?\d?\d|2[0-4]\d|25[0-5])$/;

/** The schema's `IPAddress`: dotted IPv4 or IPv6 (full or with `::`). */
export function isSchemaIp(text: string): boolean {
  if (IPV4.test(text)) return true;
  if (!/^[0-9A-Fa-f:]+$/.test(text) || text.length > 39) return false;
  const halves = text.split('::');
  if (halves.length > 2) return false;
  const groups = halves.flatMap((h) => (h === '' ? [] : h.split(':')));
  if (groups.some((g) => !/^[0-9A-Fa-f]{1,4}$/.test(g))) return false;
  return halves.length === 2 ? groups.length <= 7 : groups.length === 8;
}

type Kind = { enum: readonly string[] } | 'integer' | 'string' | 'ip' | 'complex';

interface Child {
  name: string;
  min: number;
  max: number;
  kind: Kind;
}

const one = (name: string, kind: Kind): Child => ({ name, min: 1, max: 1, kind });
const opt = (name: string, kind: Kind): Child => ({ name, min: 0, max: 1, kind });
const many = (name: string, min: number, kind: Kind): Child => ({ name, min, max: Infinity, kind });

const POLICY = { enum: ['none', 'quarantine', 'reject'] } as const;
const ALIGNMENT = { enum: ['r', 's'] } as const;
const PASS_FAIL = { enum: ['pass', 'fail'] } as const;

/** Content models: `all` (any order) or `sequence` (this order), RFC 9990 Appendix A. */
const MODELS: Record<string, { order: 'all' | 'sequence'; children: Child[]; extensions?: boolean }> = {
  feedback: { order: 'sequence', children: [opt('version', 'string'), one('report_metadata', 'complex'), one('policy_published', 'complex'), opt('extension', 'complex'), many('record', 1, 'complex')] },
  report_metadata: {
    order: 'all',
    children: [one('org_name', 'string'), one('email', 'string'), opt('extra_contact_info', 'string'), one('report_id', 'string'), one('date_range', 'complex'), opt('generator', 'string'), many('error', 0, 'string')],
  },
  date_range: { order: 'all', children: [one('begin', 'integer'), one('end', 'integer')] },
  policy_published: {
    order: 'all',
    children: [
      one('domain', 'string'), opt('discovery_method', { enum: ['psl', 'treewalk'] }), one('p', POLICY), opt('sp', POLICY), opt('np', POLICY),
      opt('adkim', ALIGNMENT), opt('aspf', ALIGNMENT), opt('testing', { enum: ['n', 'y'] }), opt('fo', 'string'),
    ],
  },
  record: { order: 'sequence', children: [one('row', 'complex'), one('identifiers', 'complex'), one('auth_results', 'complex')], extensions: true },
  row: { order: 'sequence', children: [one('source_ip', 'ip'), one('count', 'integer'), one('policy_evaluated', 'complex')] },
  policy_evaluated: { order: 'sequence', children: [one('disposition', { enum: ['none', 'pass', 'quarantine', 'reject'] }), one('dkim', PASS_FAIL), one('spf', PASS_FAIL), many('reason', 0, 'complex')] },
  reason: { order: 'all', children: [one('type', { enum: OVERRIDE_TYPES }), opt('comment', 'string')] },
  identifiers: { order: 'all', children: [opt('envelope_to', 'string'), opt('envelope_from', 'string'), one('header_from', 'string')] },
  auth_results: { order: 'sequence', children: [many('dkim', 0, 'complex'), many('spf', 1, 'complex')] },
  'auth_results/dkim': {
    order: 'all',
    children: [one('domain', 'string'), one('selector', 'string'), one('result', { enum: ['none', 'pass', 'fail', 'policy', 'neutral', 'temperror', 'permerror'] }), opt('human_result', 'string')],
  },
  'auth_results/spf': {
    order: 'all',
    children: [one('domain', 'string'), opt('scope', { enum: ['helo', 'mfrom'] }), one('result', { enum: ['none', 'neutral', 'pass', 'fail', 'softfail', 'temperror', 'permerror'] }), opt('human_result', 'string')],
  },
};

function checkLeaf(node: Node, kind: Kind, path: string, problems: SchemaProblem[]): void {
  if (node.children.length) problems.push({ path, rule: 'unexpected', detail: node.children[0]!.name });
  const text = node.text.trim();
  if (kind === 'integer' && !/^-?\d{1,18}$/.test(text)) problems.push({ path, rule: 'integer', detail: text });
  else if (kind === 'ip' && !isSchemaIp(text)) problems.push({ path, rule: 'ip-address', detail: text });
  else if (typeof kind === 'object' && !kind.enum.includes(text)) problems.push({ path, rule: 'enumeration', detail: text });
}

function checkNode(node: Node, modelName: string, path: string, problems: SchemaProblem[]): void {
  const model = MODELS[modelName];
  if (!model) return;
  if (node.text.trim()) problems.push({ path, rule: 'unexpected', detail: 'text' });
  const counts = new Map<string, number>();
  let position = 0;
  for (const child of node.children) {
    const childPath = `${path}/${child.name}`;
    const index = model.children.findIndex((c) => c.name === child.name);
    if (index === -1) {
      if (!(model.extensions && child.name.includes(':'))) problems.push({ path: childPath, rule: 'unexpected' });
      continue;
    }
    if (model.order === 'sequence') {
      if (index < position) problems.push({ path: childPath, rule: 'order' });
      position = Math.max(position, index);
    }
    const spec = model.children[index]!;
    const count = (counts.get(child.name) ?? 0) + 1;
    counts.set(child.name, count);
    if (count > spec.max) problems.push({ path: childPath, rule: 'repeated' });
    if (spec.kind === 'complex') {
      const sub = MODELS[`${modelName}/${child.name}`] ? `${modelName}/${child.name}` : child.name;
      if (child.name !== 'extension') checkNode(child, sub, childPath, problems);
    } else {
      checkLeaf(child, spec.kind, childPath, problems);
    }
  }
  for (const spec of model.children) if ((counts.get(spec.name) ?? 0) < spec.min) problems.push({ path: `${path}/${spec.name}`, rule: 'required' });
}

/**
 * Check an aggregate report against the rules of the RFC 9990 schema (Appendix A) that matter to a reader:
 * the namespace, required elements, element order in sequences, repetition, enumerations, integers,
 * the `IPAddress` pattern, and `begin <= end`. Returns the problems; empty means valid.
 */
export function validateAggregateXml(xml: string): SchemaProblem[] {
  const root = buildTree(xml);
  if (root instanceof XmlError) return [{ path: '/', rule: 'xml', detail: root.code }];
  const problems: SchemaProblem[] = [];
  if (root.name !== 'feedback') return [{ path: `/${root.name}`, rule: 'unexpected' }];
  const ns = /\sxmlns\s*=\s*(["'])([^"']*)\1/.exec(root.tag)?.[2];
  if (ns !== DMARC_NAMESPACE) problems.push({ path: '/feedback', rule: 'namespace', detail: ns ?? '' });
  checkNode(root, 'feedback', '/feedback', problems);
  const metadata = root.children.find((c) => c.name === 'report_metadata');
  const range = metadata?.children.find((c) => c.name === 'date_range');
  const begin = Number(range?.children.find((c) => c.name === 'begin')?.text.trim());
  const end = Number(range?.children.find((c) => c.name === 'end')?.text.trim());
  if (Number.isFinite(begin) && Number.isFinite(end) && begin > end) problems.push({ path: '/feedback/report_metadata/date_range', rule: 'date-range', detail: `${begin} > ${end}` });
  for (const leaf of ['org_name', 'email', 'report_id']) {
    const node = metadata?.children.find((c) => c.name === leaf);
    if (node && !node.text.trim()) problems.push({ path: `/feedback/report_metadata/${leaf}`, rule: 'not-empty' });
  }
  return problems;
}
