import { t, tDynamic, type Lang } from '../i18n/index.js';
import { describeAnswer } from '../dns/describe.js';
import type { PolicyLookup } from './discover.js';
import type { DmarcReason, DmarcRecord, DmarcRecordProblem, DmarcResult, DmarcStep, DmarcTag, IdentifierAlignment, PolicyOverride, WalkStep } from './types.js';

/** One record problem as a line: severity, column and what is wrong. */
export function describeRecordProblem(problem: DmarcRecordProblem, lang: Lang): string {
  const message = tDynamic(lang, `dmarc.problem.${problem.code}`, problem);
  return t(lang, 'dmarc.problem.at', { severity: t(lang, `dmarc.severity.${problem.severity}`), column: problem.position + 1, message });
}

/** What one tag of a record means, in plain words (`p=quarantine`: failing mail should go to spam). */
export function describeTag(tag: DmarcTag, record: DmarcRecord, lang: Lang): string {
  if (tag.status === 'unknown') return t(lang, 'dmarc.tag.unknown');
  if (tag.status === 'duplicate') return t(lang, 'dmarc.tag.duplicate');
  if (tag.status === 'invalid') return t(lang, 'dmarc.tag.invalid');
  const value = tag.value.toLowerCase();
  switch (tag.name) {
    case 'v':
      return t(lang, 'dmarc.tag.v');
    case 'p':
    case 'sp':
    case 'np':
    case 'psd':
    case 't':
    case 'adkim':
    case 'aspf':
      return tDynamic(lang, `dmarc.tag.${tag.name}.${value}`);
    case 'fo':
      return t(lang, 'dmarc.tag.fo', { options: record.fo.map((o) => tDynamic(lang, `dmarc.tag.fo.${o}`)).join('; ') });
    case 'rua':
    case 'ruf':
      return t(lang, `dmarc.tag.${tag.name}`, { uris: record[tag.name].map((u) => u.address ?? u.uri).join(', ') });
    case 'pct':
    case 'rf':
    case 'ri':
      return t(lang, `dmarc.tag.${tag.name}`, { value: tag.value });
    default:
      return t(lang, 'dmarc.tag.unknown');
  }
}

/** One sentence for a result's reason. */
export function describeReason(reason: DmarcReason, lang: Lang): string {
  switch (reason.code) {
    case 'aligned':
      return t(lang, 'dmarc.reason.aligned', { by: reason.by.map((id) => t(lang, `dmarc.identifier.${id}`)).join(', ') });
    case 'not-aligned':
      return t(lang, 'dmarc.reason.not-aligned');
    case 'no-policy':
      return t(lang, 'dmarc.reason.no-policy', reason);
    case 'no-author-domain':
      return t(lang, 'dmarc.reason.no-author-domain', { problem: t(lang, `dmarc.from.${reason.problem}`) });
    case 'invalid-author-domain':
      return t(lang, 'dmarc.reason.invalid-author-domain', reason);
    case 'invalid-policy':
      return t(lang, 'dmarc.reason.invalid-policy', { domain: reason.domain, tags: reason.tags.map((x) => `${x}=`).join(', ') });
    case 'dns':
      return t(lang, 'dmarc.reason.dns', reason.failure);
  }
}

/** One alignment as a line. */
export function describeAlignment(a: IdentifierAlignment, lang: Lang): string {
  const p = {
    identifier: t(lang, `dmarc.identifier.${a.identifier}`) + (a.selector !== undefined ? ` (s=${a.selector})` : ''),
    domain: a.domain,
    mode: t(lang, `dmarc.mode.${a.mode}`),
    how: a.how ? t(lang, `dmarc.how.${a.how}`) : '',
    result: a.result,
  };
  return tDynamic(lang, `dmarc.alignment.${a.status}`, p);
}

/** A disposition reason as text. */
export function describeOverride(o: PolicyOverride, lang: Lang): string {
  return tDynamic(lang, `dmarc.override.${o.type}`, o);
}

/** One trace step as a line of text. */
export function describeStep(step: DmarcStep, lang: Lang): string {
  switch (step.kind) {
    case 'query':
      return t(lang, 'dmarc.trace.query', {
        type: step.type,
        name: step.name,
        answer: describeAnswer(step.type, step.answer, lang),
        purpose: t(lang, `dmarc.purpose.${step.purpose}`),
        count: step.queriesSoFar,
      });
    case 'lookup':
      return tDynamic(lang, `dmarc.trace.lookup.${step.lookup}`, step);
    case 'org-domain':
      return t(lang, 'dmarc.org-domain', { domain: step.domain, orgDomain: step.orgDomain, rule: tDynamic(lang, `dmarc.org-rule.${step.rule}`) });
    case 'policy':
      return t(lang, 'dmarc.trace.policy', { domain: step.domain, source: tDynamic(lang, `dmarc.source.${step.source}`, step) });
    case 'alignment':
      return describeAlignment({ ...step, identifier: step.identifier }, lang);
    case 'applied':
      return t(lang, 'dmarc.applied', step);
    case 'existence':
      return t(lang, 'dmarc.trace.existence', { domain: step.domain, exists: t(lang, step.exists === 'unknown' ? 'dmarc.unknown' : step.exists ? 'dmarc.yes' : 'dmarc.no') });
    case 'limit':
      return t(lang, 'dmarc.trace.limit', step);
  }
}

/** Options for {@link explainDmarc}. */
export interface DmarcExplainOptions {
  /** Include the step-by-step trace. Default true. */
  steps?: boolean;
}

/** A DMARC result as lines of text: verdict, meaning, reason, policy and where it came from, each alignment, the disposition, then the steps. */
export function explainDmarc(result: DmarcResult, lang: Lang, options: DmarcExplainOptions = {}): string[] {
  const lines = [
    result.authorDomain !== undefined ? t(lang, 'dmarc.headline', { result: result.result, domain: result.authorDomain }) : t(lang, 'dmarc.headline.no-domain', result),
    `  ${tDynamic(lang, `dmarc.meaning.${result.result}`)}`,
    `  ${describeReason(result.reason, lang)}`,
  ];
  const policy = result.policy;
  if (policy) {
    lines.push(`  ${tDynamic(lang, `dmarc.source.${policy.source}`, policy)}: "${policy.record.text}"`);
    if (policy.orgDomain !== undefined && policy.orgDomainRule !== undefined) {
      lines.push(`  ${t(lang, 'dmarc.org-domain', { domain: policy.authorDomain, orgDomain: policy.orgDomain, rule: tDynamic(lang, `dmarc.org-rule.${policy.orgDomainRule}`) })}`);
    }
  }
  for (const a of result.alignment) lines.push(`  ${describeAlignment(a, lang)}`);
  if (result.applied) lines.push(`  ${t(lang, 'dmarc.applied', result.applied)}`);
  lines.push(`  ${t(lang, 'dmarc.disposition', result)}`);
  for (const o of result.dispositionReasons) lines.push(`    ${describeOverride(o, lang)}`);
  if (options.steps === false || result.trace.length === 0) return lines;
  lines.push(t(lang, 'dmarc.explain.steps'));
  for (const step of result.trace) lines.push(`  ${describeStep(step, lang)}`);
  return lines;
}

/** A walk step in a few words: the record found, none (and why), several, or the DNS failure. */
export function describeWalkStep(step: WalkStep, lang: Lang): string {
  const l = step.lookup;
  if (l.status === 'record') return `"${l.record.text}"`;
  if (l.status === 'multiple') return t(lang, 'dmarc.trace.lookup.multiple', { domain: step.domain, count: l.count });
  return describeAnswer('TXT', step.answer, lang);
}

/** The lookup of `inkan dmarc DOMAIN` as lines: the record, every query of the walk, where it was found and the Organizational Domain. */
export function explainPolicyLookup(lookup: PolicyLookup, lang: Lang): string[] {
  const d = lookup.discovery;
  if (d.status === 'invalid-domain') return [t(lang, 'dmarc.cli.invalid-domain', { domain: d.authorDomain })];
  const lines: string[] = [];
  if (d.status === 'found') lines.push(t(lang, 'dmarc.cli.record', { domain: d.policy.authorDomain, text: d.policy.record.text }));
  else if (d.status === 'none') lines.push(t(lang, 'dmarc.cli.none', { domain: d.authorDomain }));
  else lines.push(t(lang, 'dmarc.cli.temperror', { reason: t(lang, 'dmarc.reason.dns', d.error) }));
  const org = lookup.orgDomain;
  const steps = [...d.steps];
  for (const step of org?.steps ?? []) if (!steps.some((s) => s.name === step.name)) steps.push(step);
  lines.push('', t(lang, 'dmarc.cli.walk', { count: steps.length }));
  for (const step of steps) lines.push(t(lang, 'dmarc.cli.walk.step', { name: step.name, result: describeWalkStep(step, lang) }));
  if (d.status === 'found') lines.push(t(lang, 'dmarc.cli.found-at', { where: tDynamic(lang, `dmarc.source.${d.policy.source}`, d.policy) }));
  if (org?.ok) lines.push(t(lang, 'dmarc.org-domain', { domain: org.domain, orgDomain: org.orgDomain, rule: tDynamic(lang, `dmarc.org-rule.${org.rule}`) }));
  return lines;
}
