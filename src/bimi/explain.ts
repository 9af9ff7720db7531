import { describeAnswer } from '../dns/describe.js';
import { t, tDynamic, type Lang } from '../i18n/index.js';
import type { BimiCheck, BimiProblem } from './check.js';

/** One problem in plain words (en/ja), with where it is for SVG problems. */
export function describeBimiProblem(problem: BimiProblem, lang: Lang): string {
  const message = tDynamic(lang, `bimi.${problem.area}.${problem.code}`, problem);
  const at = problem.line ? ` [${t(lang, 'bimi.problem.at', { line: problem.line, column: problem.column ?? 0, logo: t(lang, `bimi.problem.logo.${problem.logo ?? 'published'}`) })}]` : '';
  return t(lang, 'bimi.problem.line', { severity: t(lang, `bimi.severity.${problem.severity}`), message: message + at });
}

/** How to fix one problem (en/ja). */
export function fixForBimiProblem(problem: BimiProblem, lang: Lang): string {
  return tDynamic(lang, `bimi.fix.${problem.area}.${problem.code}`, problem);
}

/** The text report of `inkan bimi`: the verdict, the record, DMARC, the logo, the certificate, each problem with its fix. */
export function renderBimiCheck(check: BimiCheck, lang: Lang, options: { explain?: boolean } = {}): string[] {
  const lines = [t(lang, `bimi.verdict.${check.verdict}`, { domain: check.domain })];
  const d = check.discovery;
  lines.push('', t(lang, 'bimi.section.record'), `  ${t(lang, 'bimi.record.selector', { selector: check.selector })}`);
  for (const step of d.steps) {
    if (d.status === 'found' && step.name === d.name) lines.push(`  ${t(lang, 'bimi.record.found', { name: step.name, text: d.record.text })}`);
    else lines.push(`  ${t(lang, 'bimi.record.none-at', { name: step.name, outcome: step.outcome === 'none' ? describeAnswer('TXT', step.answer, lang) : t(lang, `bimi.outcome.${step.outcome}`) })}`);
  }
  const dm = check.dmarc;
  lines.push('', t(lang, 'bimi.section.dmarc'));
  if (dm.status === 'met' && dm.applied && dm.policyDomain) lines.push(`  ${t(lang, 'bimi.dmarc.status.met', { domain: dm.policyDomain, tag: dm.applied.tag, policy: dm.applied.policy })}`);
  else if (dm.status === 'not-met' && dm.applied && dm.policyDomain) lines.push(`  ${t(lang, 'bimi.dmarc.status.not-met-applied', { domain: dm.policyDomain, tag: dm.applied.tag, policy: dm.applied.policy })}`);
  else lines.push(`  ${t(lang, `bimi.dmarc.status.${dm.status}`)}`);
  lines.push('', t(lang, 'bimi.section.svg'));
  if (check.svg) {
    const source = check.svg.source.kind === 'url' ? check.svg.source.url : check.svg.source.kind === 'file' ? check.svg.source.path : t(lang, 'bimi.svg.from-certificate');
    lines.push(`  ${t(lang, 'bimi.svg.summary', { source, bytes: check.svg.bytes, sha256: check.svg.sha256.slice(0, 16), verdict: t(lang, check.svg.ok ? 'bimi.verdict.word.ok' : 'bimi.verdict.word.bad') })}`);
    if (check.svg.title) lines.push(`  ${t(lang, 'bimi.svg.title', { title: check.svg.title.slice(0, 120) })}`);
  } else lines.push(`  ${t(lang, 'bimi.not-checked')}`);
  lines.push('', t(lang, 'bimi.section.cert'));
  const c = check.certificate;
  if (c) {
    const source = c.source.kind === 'url' ? c.source.url : c.source.kind === 'file' ? c.source.path : '-';
    lines.push(`  ${t(lang, 'bimi.cert.summary', { source, kind: t(lang, `bimi.cert.kind.${c.kind}`), verdict: t(lang, c.ok ? 'bimi.verdict.word.ok' : 'bimi.verdict.word.bad') })}`);
    c.chain.forEach((s, index) => lines.push(`  ${t(lang, 'bimi.cert.subject', { index, subject: s.subject.replace(/\n/g, ', '), validTo: s.validTo })}`));
    if (c.trustAnchor) lines.push(`  ${t(lang, 'bimi.cert.anchor', { subject: c.trustAnchor.subject.replace(/\n/g, ', ') })}`);
    if (c.dnsNames.length) lines.push(`  ${t(lang, 'bimi.cert.names', { names: c.dnsNames.join(', ') })}`);
    if (c.logo) {
      const match = c.logo.matchesPublished === undefined ? '' : t(lang, c.logo.matchesPublished ? 'bimi.cert.logo.matches' : 'bimi.cert.logo.differs');
      lines.push(`  ${t(lang, 'bimi.cert.logo', { sha256: c.logo.sha256.slice(0, 16), match })}`);
    }
  } else lines.push(`  ${t(lang, 'bimi.not-checked')}`);
  if (options.explain) {
    lines.push('', t(lang, 'bimi.section.trace'));
    for (const f of check.fetches) {
      const result = f.ok ? `HTTP ${f.status} ${f.contentType ?? ''} ${f.bytes} B`.replace(/\s+/g, ' ') : tDynamic(lang, `bimi.fetch.${f.error}`, { url: f.url, detail: f.detail });
      lines.push(`  ${t(lang, 'bimi.fetch.step', { kind: f.kind === 'location' ? 'l=' : 'a=', url: f.url, result })}`);
    }
    for (const step of d.steps) lines.push(`  ${step.name} TXT: ${describeAnswer('TXT', step.answer, lang)}`);
    for (const q of check.dmarcQueries) lines.push(`  ${q.name} TXT: ${describeAnswer('TXT', q.answer, lang)}`);
  }
  if (check.problems.length) {
    lines.push('', t(lang, 'bimi.section.problems'));
    for (const p of check.problems) {
      lines.push(`  - ${describeBimiProblem(p, lang)}`);
      lines.push(`    ${t(lang, 'bimi.problem.fix', { fix: fixForBimiProblem(p, lang) })}`);
    }
  }
  if (check.headers) lines.push('', t(lang, 'bimi.section.headers'), check.headers.location.replace(/\r\n/g, '\n'), check.headers.indicator.replace(/\r\n/g, '\n'));
  return lines;
}
