import { lintSpf } from '../spf/lint.js';
import type { SpfLintFinding, SpfLintFix, SpfLintNode, SpfLintResult } from '../spf/lint-types.js';
import { SPF_LIMITS } from '../spf/limits.js';
import type { AuditDns } from './context.js';
import { evidenceOf, finding, fixLine, quoteTxt, txtLine, type Finding, type FindingParams, type FixLine } from './finding.js';
import { serviceOfSpfTarget } from './providers.js';

/** What the SPF check learned, for readiness. */
export interface SpfFacts {
  domain: string;
  /** `valid`: one record receivers can evaluate; `broken`: one that gives permerror; `none`; `unchecked`: DNS failed. */
  state: 'valid' | 'broken' | 'none' | 'unchecked';
  record?: string;
  lookups: number;
  voidLookups: number;
  /** Sending services recognized from the include tree (ids of the provider table). */
  services: string[];
}

function lintFix(fix: SpfLintFix | undefined): FixLine[] | undefined {
  if (!fix) return undefined;
  const out: FixLine[] = [];
  if (fix.current !== undefined && (fix.action === 'replace' || fix.action === 'delete')) out.push(fixLine('remove', fix.name, fix.type, quoteTxt(fix.current)));
  if (fix.record !== undefined && fix.action !== 'delete') out.push(txtLine('add', fix.name, fix.record));
  return out;
}

async function fromLint(f: SpfLintFinding, dns: AuditDns): Promise<Finding> {
  const domain = f.evidence.domain;
  const answer = await dns.query(domain, 'TXT');
  const params: FindingParams = {};
  for (const [key, value] of Object.entries(f.params)) if (value !== undefined) params[key] = value as string | number;
  const out = finding('spf', f.id, f.severity, params, [evidenceOf(domain, 'TXT', answer)], lintFix(f.fix));
  out.message = `lint.${f.id}`;
  if (f.id === 'spf.dns.incomplete') out.unchecked = true;
  return out;
}

/** Every include/redirect target of the tree, depth first, in record order. */
function* targets(node: SpfLintNode): Generator<SpfLintNode> {
  for (const child of node.children) {
    yield child;
    yield* targets(child);
  }
}

function branches(result: SpfLintResult): string {
  return result.tree.children.map((c) => `${c.term?.text ?? c.domain} ${c.totalLookups + 1}`).join(', ');
}

/**
 * The SPF check: everything `inkan spf lint` does (records, syntax, the include tree with per-branch and
 * total lookup and void counts, fixes), plus the sending services the includes belong to.
 */
export async function auditSpf(domain: string, dns: AuditDns): Promise<{ findings: Finding[]; facts: SpfFacts; lint: SpfLintResult }> {
  const lint = await lintSpf(domain, { resolver: dns });
  const findings = await Promise.all(lint.findings.map((f) => fromLint(f, dns)));
  const answer = await dns.query(domain, 'TXT');
  const ev = [evidenceOf(domain, 'TXT', answer)];
  const services: string[] = [];
  const named: string[] = [];
  const mechanisms = [...targets(lint.tree)].map((n) => ({ target: n.domain, term: n.term?.text ?? n.domain }));
  for (const q of lint.tree.queries) if (q.mechanism === 'a' && q.name) mechanisms.push({ target: q.name, term: q.term });
  for (const { target, term } of mechanisms) {
    const service = serviceOfSpfTarget(target);
    if (service && !services.includes(service.id)) {
      services.push(service.id);
      named.push(`${service.name} (${term})`);
    }
  }
  const hasError = findings.some((f) => f.severity === 'error' && !f.unchecked);
  const rootFailed = lint.tree.errors.some((e) => e.kind === 'dns');
  const state: SpfFacts['state'] = rootFailed
    ? 'unchecked'
    : lint.findings.some((f) => f.id === 'spf.record.none')
      ? 'none'
      : lint.record && lint.receiverOutcome !== 'permerror' && lint.receiverOutcome !== 'none'
        ? 'valid'
        : 'broken';
  if (lint.record) {
    const params = { domain, record: lint.record.text, lookups: lint.lookups, limit: SPF_LIMITS.lookups, voidLookups: lint.voidLookups, voidLimit: SPF_LIMITS.voidLookups, branches: branches(lint) };
    findings.unshift(finding('spf', 'spf.record', hasError ? 'info' : 'ok', params, ev));
  }
  if (named.length) findings.push(finding('spf', 'spf.services', 'info', { domain, services: named.join(', ') }, ev));
  const facts: SpfFacts = { domain, state, lookups: lint.lookups, voidLookups: lint.voidLookups, services, ...(lint.record ? { record: lint.record.text } : {}) };
  return { findings, facts, lint };
}

/**
 * The SPF check of an envelope (MAIL FROM) domain the domain sends with, such as Amazon SES's custom
 * MAIL FROM `bounce.example.com`: its SPF as above, an MX so bounces can return, and whether it is in
 * the From domain's organization (relaxed SPF alignment, RFC 9989 §4.4).
 */
export async function auditMailFrom(mailFrom: string, domain: string, dns: AuditDns): Promise<{ findings: Finding[]; facts: SpfFacts }> {
  const [spf, mx] = await Promise.all([auditSpf(mailFrom, dns), dns.query(mailFrom, 'MX')]);
  const findings = [...spf.findings];
  const ev = [evidenceOf(mailFrom, 'MX', mx)];
  if (mx.status === 'nxdomain' || mx.status === 'nodata') findings.push(finding('spf', 'spf.mail-from.no-mx', 'warning', { mailFrom }, ev));
  const related = mailFrom === domain || mailFrom.endsWith(`.${domain}`) || domain.endsWith(`.${mailFrom}`);
  findings.push(related ? finding('spf', 'spf.mail-from.aligned', 'ok', { mailFrom, domain }, ev) : finding('spf', 'spf.mail-from.not-aligned', 'warning', { mailFrom, domain }, ev));
  return { findings, facts: spf.facts };
}
