import type { DnsAnswer, RecordTypes } from '../dns/types.js';
import { deleteFix, finding, mergeEdits, rebuildRecord, txtFix } from './lint-fix.js';
import { reduceLookups } from './lint-reduce.js';
import { childOf, evaluationOrder, newNode, normalizeDomain, walkTree } from './lint-tree.js';
import type { WalkState } from './lint-tree.js';
import { SPF_LINT_CHECKS } from './lint-types.js';
import { SPF_LIMITS } from './limits.js';
import type { SpfLintFinding, SpfLintNode, SpfLintOptions, SpfLintResult, SpfLintSeverity } from './lint-types.js';

const SPF_LOOKUP_LIMIT = SPF_LIMITS.lookups;
const SPF_VOID_LIMIT = SPF_LIMITS.voidLookups;

const SEVERITY_ORDER: Record<SpfLintSeverity, number> = { error: 0, warning: 1, info: 2 };

/** Lint the SPF setup of `domain`: its TXT records, the record, the whole include tree with its real lookup counts, and findings with fixes. */
export async function lintSpf(domain: string, options: SpfLintOptions): Promise<SpfLintResult> {
  const name = normalizeDomain(domain.trim());
  const state: WalkState = {
    resolver: options.resolver,
    maxDepth: options.maxDepth ?? 12,
    maxNodes: options.maxNodes ?? 200,
    nodes: 0,
    cache: new Map(),
    findings: new Map(),
    via: new Map(),
    records: new Map(),
    rootTxt: [],
    truncated: new Set(),
    incomplete: false,
  };
  const tree = newNode(name, 'root', [name]);
  const spfRrQuery = options.checkSpfRr === false ? undefined : safeQuery(options, name);
  const [, spfRrAnswer] = await Promise.all([walkTree(state, tree), spfRrQuery]);
  sumCounts(tree);

  const findings = collect(state, tree);
  const rootRecord = state.records.get(tree);
  findings.push(...duplicateIncludes(tree));
  findings.push(...limitFindings(tree, state, options.nearLimit ?? 8));
  const spfRr = spfRrAnswer?.status === 'records' ? spfRrAnswer.records.map((strings) => strings.join('')) : [];
  findings.push(...spfRrFindings(name, spfRr, state));

  const ordered = findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) => SEVERITY_ORDER[a.f.severity] - SEVERITY_ORDER[b.f.severity] || a.i - b.i)
    .map(({ f }) => f);
  const result: SpfLintResult = {
    domain: name,
    txt: state.rootTxt,
    spfRr,
    ...(rootRecord ? { record: rootRecord.record } : {}),
    tree,
    lookups: tree.totalLookups,
    voidLookups: tree.totalVoidLookups,
    complete: !state.incomplete && state.truncated.size === 0,
    receiverOutcome: receiverOutcome(ordered),
    findings: ordered,
  };
  if (rootRecord) {
    const { record, check } = rootRecord;
    const suggested = rebuildRecord(record, mergeEdits(check.edits), check.append);
    if (suggested !== record.text) result.suggestedRecord = suggested;
  }
  return result;
}

async function safeQuery(options: SpfLintOptions, name: string): Promise<DnsAnswer<RecordTypes['SPF']> | undefined> {
  try {
    return await options.resolver.query(name, 'SPF');
  } catch {
    return undefined; // servers that mishandle type 99 must not spoil the lint
  }
}

function sumCounts(node: SpfLintNode): void {
  node.lookups = node.queries.length;
  node.voidLookups = node.queries.filter((q) => q.outcome === 'void').length;
  node.totalLookups = node.lookups;
  node.totalVoidLookups = node.voidLookups;
  for (const child of node.children) {
    sumCounts(child);
    node.totalLookups += child.totalLookups;
    node.totalVoidLookups += child.totalVoidLookups;
  }
}

/** Each node's findings, in tree order (a node, then its children in record order). */
function collect(state: WalkState, node: SpfLintNode): SpfLintFinding[] {
  return [...(state.findings.get(node) ?? []), ...node.children.flatMap((c) => collect(state, c))];
}

function duplicateIncludes(tree: SpfLintNode): SpfLintFinding[] {
  const seen = new Map<string, { count: number; node?: SpfLintNode }>();
  const walk = (node: SpfLintNode): void => {
    for (const child of node.children) {
      if (child.errors.some((e) => e.kind === 'loop' || e.kind === 'macro')) continue;
      const entry = seen.get(child.domain) ?? { count: 0 };
      entry.count++;
      if (entry.count === 2) entry.node = child;
      seen.set(child.domain, entry);
      walk(child);
    }
  };
  walk(tree);
  return [...seen].flatMap(([target, { count, node }]) => {
    if (count < 2 || !node) return [];
    const evidence = { path: node.path, domain: node.path[node.path.length - 2]!, ...(node.term ? { term: node.term.text, position: node.term.position } : {}) };
    return [finding('spf.include.duplicate', { domain: tree.domain, target, count }, evidence)];
  });
}

function limitFindings(tree: SpfLintNode, state: WalkState, nearLimit: number): SpfLintFinding[] {
  const out: SpfLintFinding[] = [];
  const domain = tree.domain;
  const count = tree.totalLookups;
  const branches = tree.children.map((c) => `${c.term?.text ?? c.domain} ${c.totalLookups + 1}`);
  const own = tree.queries.filter((q) => !childOf(tree, q)).length;
  if (own) branches.unshift(`${domain} ${own}`);
  if (count > SPF_LOOKUP_LIMIT) {
    const eleventh = [...evaluationOrder(tree)][SPF_LOOKUP_LIMIT];
    const at = eleventh?.node ?? tree;
    const evidence = {
      path: at.path,
      domain: at.domain,
      ...(at.record ? { record: at.record } : {}),
      ...(eleventh ? { term: eleventh.query.term, position: eleventh.query.position } : {}),
    };
    const root = state.records.get(tree);
    const reduced = root ? reduceLookups(tree, root.record, mergeEdits(root.check.sameMeaning), (n) => state.records.get(n)?.record) : undefined;
    const fix = reduced && reduced.lookups <= SPF_LOOKUP_LIMIT ? txtFix(domain, reduced.record, root!.record.text) : undefined;
    out.push(finding('spf.lookups.too-many', { domain, count, limit: SPF_LOOKUP_LIMIT, branches: branches.join(', ') }, evidence, fix));
  } else if (count >= nearLimit) {
    out.push(finding('spf.lookups.near-limit', { domain, count, limit: SPF_LOOKUP_LIMIT }, { path: tree.path, domain, ...(tree.record ? { record: tree.record } : {}) }));
  }
  if (tree.totalVoidLookups > SPF_VOID_LIMIT) {
    const third = [...evaluationOrder(tree)].filter((e) => e.query.outcome === 'void')[SPF_VOID_LIMIT];
    const at = third?.node ?? tree;
    const evidence = { path: at.path, domain: at.domain, ...(at.record ? { record: at.record } : {}), ...(third ? { term: third.query.term, position: third.query.position } : {}) };
    out.push(finding('spf.void.too-many', { domain, count: tree.totalVoidLookups, limit: SPF_VOID_LIMIT }, evidence));
  }
  return out;
}

function spfRrFindings(domain: string, spfRr: string[], state: WalkState): SpfLintFinding[] {
  const out: SpfLintFinding[] = [];
  const txt = state.rootTxt.filter((t) => t.kind === 'spf').map((t) => t.text);
  for (const text of spfRr) {
    const evidence = { path: [domain], domain, record: text, records: txt };
    out.push(finding('spf.rr-spf.obsolete', { domain }, evidence, deleteFix(domain, 'SPF', text)));
    if (!txt.includes(text)) {
      out.push(finding('spf.rr-spf.differs', { domain, spf: text, txt: txt.join(' | ') }, evidence, deleteFix(domain, 'SPF', text)));
    }
  }
  return out;
}

function receiverOutcome(findings: SpfLintFinding[]): SpfLintResult['receiverOutcome'] {
  const effects = new Set(findings.map((f) => (SPF_LINT_CHECKS[f.id] as { effect?: string }).effect));
  if (effects.has('none')) return 'none';
  if (effects.has('permerror')) return 'permerror';
  if (effects.has('temperror')) return 'temperror';
  return 'ok';
}
