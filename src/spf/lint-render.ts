import { t, tDynamic } from '../i18n/index.js';
import { SPF_LIMITS } from './limits.js';
import type { Lang } from '../i18n/index.js';
import { childOf, evaluationOrder } from './lint-tree.js';
import type { SpfLintFinding, SpfLintNode, SpfLintNodeError, SpfLintQuery, SpfLintResult } from './lint-types.js';

const LOOKUP_LIMIT = SPF_LIMITS.lookups;
const VOID_LIMIT = SPF_LIMITS.voidLookups;

/** A finding's sentences in one language: its severity word, the problem and the fix. */
export interface SpfFindingText {
  severity: string;
  problem: string;
  fix: string;
}

/** Render a finding's problem and fix sentences from the catalogue. */
export function describeSpfFinding(finding: SpfLintFinding, lang: Lang): SpfFindingText {
  return {
    severity: tDynamic(lang, `lint.spf.severity.${finding.severity}`),
    problem: tDynamic(lang, `lint.${finding.id}`, finding.params),
    fix: tDynamic(lang, `lint.${finding.id}.fix`, finding.params),
  };
}

function errorText(error: SpfLintNodeError, lang: Lang): string {
  switch (error.kind) {
    case 'no-record':
      return t(lang, 'lint.spf.tree.no-record', { reason: error.reason });
    case 'multiple-records':
      return t(lang, 'lint.spf.tree.multiple', { count: error.count });
    case 'syntax':
      return t(lang, 'lint.spf.tree.syntax', { position: error.position });
    case 'loop':
      return t(lang, 'lint.spf.tree.loop', { cycle: error.cycle.join(' → ') });
    case 'dns':
      return t(lang, 'lint.spf.tree.dns', { type: error.type, status: error.rcode ?? error.status });
    case 'macro':
      return t(lang, 'lint.spf.tree.macro');
    case 'limit':
      return t(lang, 'lint.spf.tree.limit');
  }
}

/**
 * The include tree as indented text lines: the domain with its totals, then every DNS-querying
 * term in record order with what it costs, includes and redirects opened below their term.
 */
export function renderSpfTree(result: SpfLintResult, lang: Lang): string[] {
  const tree = result.tree;
  const overLimit = [...evaluationOrder(tree)][LOOKUP_LIMIT]?.query;
  const mark = (q: SpfLintQuery): string => (q === overLimit ? `  ← ${t(lang, 'lint.spf.tree.over-limit', { limit: LOOKUP_LIMIT })}` : '');
  const lines = [t(lang, 'lint.spf.tree.root', { domain: tree.domain, lookups: result.lookups, limit: LOOKUP_LIMIT, void: result.voidLookups, voidLimit: VOID_LIMIT })];
  for (const error of tree.errors) lines.push(`  ! ${errorText(error, lang)}`);
  const walk = (node: SpfLintNode, indent: string): void => {
    node.queries.forEach((q, i) => {
      const last = i === node.queries.length - 1;
      const branch = indent + (last ? '└─ ' : '├─ ');
      const child = childOf(node, q);
      if (!child) {
        const params = { term: q.term, outcome: q.outcome, ...(q.mxNames !== undefined ? { mxNames: q.mxNames } : {}) };
        lines.push(branch + t(lang, 'lint.spf.tree.term', params) + mark(q));
        return;
      }
      const cost = 1 + child.totalLookups;
      const voids = (q.outcome === 'void' ? 1 : 0) + child.totalVoidLookups;
      const errors = child.errors.map((e) => `  ! ${errorText(e, lang)}`).join('');
      lines.push(branch + t(lang, 'lint.spf.tree.branch', { term: q.term, cost, void: voids }) + errors + mark(q));
      walk(child, indent + (last ? '   ' : '│  '));
    });
  };
  walk(tree, '');
  return lines;
}
