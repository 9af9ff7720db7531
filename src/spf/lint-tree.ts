import type { DnsAnswer, RecordTypes, Resolver, RrType } from '../dns/types.js';
import { finding, txtFix } from './lint-fix.js';
import { checkRecord, effectiveDirectives } from './lint-record.js';
import type { RecordCheck } from './lint-record.js';
import { classifyTxt, lookalikeCorrection, txtFindings } from './lint-txt.js';
import type { SpfLintFinding, SpfLintNode, SpfLintQuery, SpfLintTxt, SpfLintVia, SpfNoRecordReason } from './lint-types.js';
import { parseSpf } from './parse.js';
import { SPF_LIMITS } from './limits.js';
import type { SpfRecord, Term } from './types.js';

/** Most names an `mx` term may look up (RFC 7208 §4.6.4). */
export const MX_NAME_LIMIT = SPF_LIMITS.namesPerLookup;

/** What the walk keeps beside the public tree. */
export interface WalkState {
  resolver: Resolver;
  maxDepth: number;
  maxNodes: number;
  nodes: number;
  /** One answer per (type, name): a name asked twice in the tree is asked of DNS once. */
  cache: Map<string, Promise<DnsAnswer<unknown>>>;
  /** Findings of each node, gathered in tree order at the end. */
  findings: Map<SpfLintNode, SpfLintFinding[]>;
  /** The include/redirect query in the parent that leads to each node. */
  via: Map<SpfLintNode, SpfLintQuery>;
  /** The parsed record and its record-level check, by node. */
  records: Map<SpfLintNode, { record: SpfRecord; check: RecordCheck }>;
  /** The TXT records at the checked domain. */
  rootTxt: SpfLintTxt[];
  truncated: Set<'depth' | 'nodes'>;
  incomplete: boolean;
}

/** Normalize a domain as DNS compares it: lower case, no trailing dot. */
export function normalizeDomain(name: string): string {
  const lower = name.toLowerCase();
  return lower.endsWith('.') ? lower.slice(0, -1) : lower;
}

function ask<T extends RrType>(state: WalkState, name: string, type: T): Promise<DnsAnswer<RecordTypes[T]>> {
  const key = `${type} ${name}`;
  let answer = state.cache.get(key);
  if (!answer) {
    answer = state.resolver.query(name, type).catch(
      (e: unknown): DnsAnswer<unknown> => ({ status: 'error', rcode: 'EXCEPTION', message: String(e) }),
    );
    state.cache.set(key, answer);
  }
  return answer as Promise<DnsAnswer<RecordTypes[T]>>;
}

/** A fresh tree node. */
export function newNode(domain: string, via: SpfLintVia, path: string[], term?: Term): SpfLintNode {
  return {
    domain,
    via,
    ...(term ? { term: { text: term.text, position: term.position } } : {}),
    depth: path.length - 1,
    path,
    queries: [],
    lookups: 0,
    totalLookups: 0,
    voidLookups: 0,
    totalVoidLookups: 0,
    children: [],
    errors: [],
  };
}

function report(state: WalkState, node: SpfLintNode, ...found: SpfLintFinding[]): void {
  const list = state.findings.get(node);
  if (list) list.push(...found);
  else state.findings.set(node, [...found]);
}

function incomplete(state: WalkState, node: SpfLintNode, name: string, type: RrType, answer: DnsAnswer<unknown>, term?: Term): void {
  if (answer.status !== 'error' && answer.status !== 'timeout') return;
  state.incomplete = true;
  const status = answer.status === 'error' ? answer.rcode : 'timeout';
  const evidence = { path: node.path, domain: node.domain, ...(node.record ? { record: node.record } : {}), ...(term ? { term: term.text, position: term.position } : {}) };
  report(state, node, finding('spf.dns.incomplete', { domain: node.domain, name, type, status }, evidence));
}

/** A child to create once its level is done: the term that names it and the query it belongs to. */
interface PendingChild {
  parent: SpfLintNode;
  query: SpfLintQuery;
  term: Term;
  via: 'include' | 'redirect';
  target: string;
  hasMacros: boolean;
}

/** Walk the include tree breadth first: each level's records and terms are asked in parallel, children are added in record order. */
export async function walkTree(state: WalkState, root: SpfLintNode): Promise<void> {
  state.nodes = 1;
  let level = [root];
  while (level.length) {
    const pending = await Promise.all(level.map((node) => visit(state, node)));
    const next: SpfLintNode[] = [];
    for (const child of pending.flat()) {
      const node = adopt(state, child);
      if (node) next.push(node);
    }
    level = next;
  }
}

function adopt(state: WalkState, p: PendingChild): SpfLintNode | undefined {
  const { parent, term, via } = p;
  const node = newNode(p.target, via, [...parent.path, p.target], term);
  parent.children.push(node);
  state.via.set(node, p.query);
  const at = { path: node.path, domain: parent.domain, ...(parent.record ? { record: parent.record } : {}), term: term.text, position: term.position };
  if (p.hasMacros) {
    node.errors.push({ kind: 'macro' });
    return undefined;
  }
  const loopAt = parent.path.indexOf(p.target);
  if (loopAt !== -1) {
    const cycle = [...parent.path.slice(loopAt), p.target];
    node.errors.push({ kind: 'loop', cycle });
    if (p.target === parent.domain) report(state, parent, finding('spf.include.self', { domain: parent.domain, term: term.text, via }, at));
    else report(state, parent, finding('spf.include.loop', { domain: parent.domain, term: term.text, via, cycle: cycle.join(' → ') }, at));
    return undefined;
  }
  const which = node.depth > state.maxDepth ? 'depth' : state.nodes >= state.maxNodes ? 'nodes' : undefined;
  if (which) {
    node.errors.push({ kind: 'limit', which });
    if (!state.truncated.has(which)) {
      state.truncated.add(which);
      const limit = which === 'depth' ? state.maxDepth : state.maxNodes;
      report(state, parent, finding('spf.walk.truncated', { domain: parent.domain, which, limit }, at));
    }
    return undefined;
  }
  state.nodes++;
  return node;
}

/** Fetch one node's TXT, check it, and ask for its terms; return the children to add. */
async function visit(state: WalkState, node: SpfLintNode): Promise<PendingChild[]> {
  const answer = await ask(state, node.domain, 'TXT');
  const viaQuery = state.via.get(node);
  if (answer.status === 'error' || answer.status === 'timeout') {
    node.errors.push({ kind: 'dns', name: node.domain, type: 'TXT', status: answer.status, ...(answer.status === 'error' ? { rcode: answer.rcode } : {}) });
    if (viaQuery) Object.assign(viaQuery, { outcome: 'error', status: answer.status === 'error' ? answer.rcode : 'timeout' });
    incomplete(state, node, node.domain, 'TXT', answer);
    return [];
  }
  if (answer.status !== 'records') {
    if (viaQuery) Object.assign(viaQuery, { outcome: 'void', status: answer.status });
    noRecord(state, node, answer.status === 'nxdomain' ? 'nxdomain' : 'no-txt', []);
    return [];
  }
  if (viaQuery) viaQuery.outcome = 'records';
  const txts = answer.records.map(classifyTxt);
  if (node.via === 'root') state.rootTxt = txts;
  report(state, node, ...txtFindings(node.domain, node.path, txts));
  const spf = txts.filter((t) => t.kind === 'spf');
  if (spf.length === 0) {
    noRecord(state, node, txts.some((t) => t.kind === 'lookalike') ? 'lookalike' : 'no-spf', txts);
    return [];
  }
  if (spf.length > 1) {
    node.errors.push({ kind: 'multiple-records', count: spf.length });
    return [];
  }
  node.record = spf[0]!.text;
  const parsed = parseSpf(node.record);
  if (!parsed.ok) {
    const e = parsed.error;
    node.errors.push({ kind: 'syntax', ...e });
    const evidence = { path: node.path, domain: node.domain, record: node.record, position: e.position, ...(e.term !== undefined ? { term: e.term } : {}) };
    report(state, node, finding('spf.record.syntax', { domain: node.domain, ...e }, evidence));
    return [];
  }
  const check = checkRecord({ domain: node.domain, path: node.path, via: node.via, record: parsed.record });
  state.records.set(node, { record: parsed.record, check });
  report(state, node, ...check.findings);
  return queryTerms(state, node, parsed.record);
}

function noRecord(state: WalkState, node: SpfLintNode, reason: SpfNoRecordReason, txts: SpfLintTxt[]): void {
  node.errors.push({ kind: 'no-record', reason });
  if (node.via === 'root') {
    const lookalike = txts.find((t) => t.kind === 'lookalike');
    const fix = lookalike ? txtFix(node.domain, lookalikeCorrection(lookalike.text)!, lookalike.text) : reason === 'nxdomain' ? undefined : txtFix(node.domain, 'v=spf1 -all');
    report(state, node, finding('spf.record.none', { domain: node.domain, reason }, { path: node.path, domain: node.domain }, fix));
    return;
  }
  const parent = node.path[node.path.length - 2]!;
  const params = { domain: parent, target: node.domain, reason };
  const evidence = { path: node.path, domain: parent, ...(node.term ? { term: node.term.text, position: node.term.position } : {}) };
  report(state, node, node.via === 'include' ? finding('spf.include.no-record', params, evidence) : finding('spf.redirect.no-record', params, evidence));
}

/** Ask DNS for every DNS-querying term this record can reach (in parallel), in record order. */
async function queryTerms(state: WalkState, node: SpfLintNode, record: SpfRecord): Promise<PendingChild[]> {
  const children: PendingChild[] = [];
  const tasks: Promise<void>[] = [];
  const terms: Term[] = [...effectiveDirectives(record)];
  const hasAll = terms.some((t) => t.type === 'directive' && t.mechanism.kind === 'all');
  if (record.redirect && !hasAll) terms.push(record.redirect);
  for (const term of terms) {
    const mechanism = term.type === 'modifier' ? 'redirect' : term.mechanism.kind;
    if (mechanism === 'all' || mechanism === 'ip4' || mechanism === 'ip6') continue;
    const spec = term.type === 'modifier' ? term.value : 'domain' in term.mechanism ? term.mechanism.domain : undefined;
    const name = spec ? normalizeDomain(spec.text) : node.domain;
    const query: SpfLintQuery = { term: term.text, position: term.position, mechanism, outcome: 'not-queried' };
    node.queries.push(query);
    if (mechanism === 'ptr' || spec?.hasMacros) {
      if (mechanism === 'include' || mechanism === 'redirect') {
        children.push({ parent: node, query, term, via: mechanism, target: spec!.text, hasMacros: true });
      }
      continue;
    }
    query.name = name;
    if (mechanism === 'include' || mechanism === 'redirect') {
      children.push({ parent: node, query, term, via: mechanism, target: name, hasMacros: false });
    } else {
      tasks.push(queryAddresses(state, node, query, term, mechanism));
    }
  }
  await Promise.all(tasks);
  return children;
}

async function queryAddresses(state: WalkState, node: SpfLintNode, query: SpfLintQuery, term: Term, mechanism: 'a' | 'mx' | 'exists'): Promise<void> {
  const name = query.name!;
  const [primary, aaaa] = await Promise.all([
    mechanism === 'mx' ? ask(state, name, 'MX') : ask(state, name, 'A'),
    mechanism === 'a' ? ask(state, name, 'AAAA') : undefined,
  ]);
  const answers: DnsAnswer<unknown>[] = aaaa ? [primary, aaaa] : [primary];
  const failed = answers.find((a) => a.status === 'error' || a.status === 'timeout');
  if (failed && !answers.some((a) => a.status === 'records')) {
    Object.assign(query, { outcome: 'error', status: failed.status === 'error' ? failed.rcode : 'timeout' });
    incomplete(state, node, name, mechanism === 'mx' ? 'MX' : 'A', failed, term);
    return;
  }
  if (!answers.some((a) => a.status === 'records')) {
    const status = answers.every((a) => a.status === 'nxdomain') ? 'nxdomain' : 'nodata';
    Object.assign(query, { outcome: 'void', status });
    const evidence = { path: node.path, domain: node.domain, record: node.record!, term: term.text, position: term.position };
    report(state, node, finding('spf.void.lookup', { domain: node.domain, term: term.text, name, status }, evidence));
    return;
  }
  query.outcome = 'records';
  if (mechanism === 'exists') return;
  if (mechanism === 'a') {
    query.addresses = answers.flatMap((a) => (a.status === 'records' ? (a.records as string[]) : []));
    return;
  }
  const exchanges = primary.status === 'records' ? (primary.records as RecordTypes['MX'][]) : [];
  query.mxNames = exchanges.length;
  if (exchanges.length > MX_NAME_LIMIT) {
    const evidence = { path: node.path, domain: node.domain, record: node.record!, term: term.text, position: term.position };
    report(state, node, finding('spf.mx.too-many-names', { domain: node.domain, term: term.text, count: exchanges.length, limit: MX_NAME_LIMIT }, evidence));
  }
  const hosts = [...exchanges].sort((x, y) => x.preference - y.preference).slice(0, MX_NAME_LIMIT);
  const names = hosts.map((mx) => normalizeDomain(mx.exchange)).filter((host) => host !== '');
  const found = await Promise.all(names.flatMap((host) => [ask(state, host, 'A'), ask(state, host, 'AAAA')]));
  query.addresses = [...new Set(found.flatMap((a) => (a.status === 'records' ? (a.records as string[]) : [])))];
}

/** The node an include or redirect query leads to. */
export function childOf(node: SpfLintNode, query: SpfLintQuery): SpfLintNode | undefined {
  return node.children.find((c) => c.term?.position === query.position);
}

/** The DNS-querying terms in evaluation order (record order, descending into includes and redirects), with their node. */
export function* evaluationOrder(node: SpfLintNode): Generator<{ node: SpfLintNode; query: SpfLintQuery }> {
  for (const query of node.queries) {
    yield { node, query };
    const child = childOf(node, query);
    if (child) yield* evaluationOrder(child);
  }
}
