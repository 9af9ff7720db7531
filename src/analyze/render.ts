import { describeArcReason } from '../arc/index.js';
import { describeDkimReason, explainDkim } from '../dkim/explain.js';
import { describeReason as describeDmarcReason, explainDmarc } from '../dmarc/explain.js';
import { tDynamic, translator, type Lang } from '../i18n/index.js';
import { describeReason as describeSpfReason, explainSpf } from '../spf/explain.js';
import type { Analysis, Diagnosis, Params, VerdictReason } from './types.js';

/** Exit codes of `inkan analyze`: 0 authentic, 1 suspicious or spoofed, 3 DNS failed, 4 not enough trusted evidence. */
export const ANALYZE_EXIT = { authentic: 0, notAuthentic: 1, dnsFailed: 3, noEvidence: 4 } as const;

/** The exit code for an analysis. */
export function analyzeExitCode(a: Analysis): number {
  if (a.verdict === 'authentic') return ANALYZE_EXIT.authentic;
  if (a.verdict !== 'cannot-tell') return ANALYZE_EXIT.notAuthentic;
  return a.reasons.some((r) => r.code === 'dmarc-temperror') ? ANALYZE_EXIT.dnsFailed : ANALYZE_EXIT.noEvidence;
}

function diagnosisText(lang: Lang, code: string, params: Params): string {
  return tDynamic(lang, `analyze.diagnosis.${code}`, params);
}

/** One verdict reason in words; spoofing signs and transit changes are described by their own messages. */
export function reasonText(lang: Lang, r: VerdictReason): string {
  if (r.code === 'spoof-sign') return tDynamic(lang, `analyze.spoof.${String(r.params['sign'])}`, r.params);
  if (r.code === 'modified-in-transit') {
    return tDynamic(lang, 'analyze.reason.modified-in-transit', { how: diagnosisText(lang, String(r.params['how']), r.params) });
  }
  return tDynamic(lang, `analyze.reason.${r.code}`, r.params);
}

function diagnosisLine(lang: Lang, d: Diagnosis): string {
  const t = translator(lang);
  const head = d.signature ? `${t('analyze.diag.signature', { domain: d.signature.domain, selector: d.signature.selector })}: ` : '';
  return `  [${t(d.confirmed ? 'analyze.diag.confirmed' : 'analyze.diag.inferred')}] ${head}${diagnosisText(lang, d.code, d.params)}`;
}

/** The text report (issue 6 order): verdict, identities, route, recorded, now, spoofing, diagnosis, signals. */
export function renderAnalysis(a: Analysis, lang: Lang, explain = false): string {
  const t = translator(lang);
  const lines: string[] = [tDynamic(lang, `analyze.verdict.${a.verdict}`), t('analyze.verdict.because')];
  for (const r of a.reasons) lines.push(`  - ${reasonText(lang, r)}`);

  const ids = a.identities;
  lines.push('', t('analyze.section.identities'));
  const align = (x: string): string => tDynamic(lang, `analyze.align.${x}`);
  const row = (label: string, value: string, extra = ''): void => void lines.push(`  ${label.padEnd(22)} ${value}${extra ? `  ${extra}` : ''}`);
  const named = (n: { name?: string; address: string }): string => (n.name ? `"${n.name}" <${n.address}>` : `<${n.address}>`);
  if (ids.from.length === 0) row(t('analyze.id.from'), t('analyze.id.none'));
  for (const f of ids.from) row(t('analyze.id.from'), named(f), t('analyze.id.org', { org: f.orgDomain }));
  if (ids.sender) row(t('analyze.id.sender'), named(ids.sender), align(ids.sender.alignment));
  for (const r of ids.replyTo) row(t('analyze.id.reply-to'), named(r), align(r.alignment));
  if (ids.returnPath === null) row(t('analyze.id.return-path'), t('analyze.id.null-path'));
  else if (ids.returnPath) row(t('analyze.id.return-path'), `<${ids.returnPath.address}>`, align(ids.returnPath.alignment));
  for (const d of ids.dkim) row(t('analyze.id.dkim', { selector: d.selector }), d.domain, align(d.alignment));
  if (ids.spf) row(t('analyze.id.spf', { source: ids.spf.source }), ids.spf.domain, align(ids.spf.alignment));
  lines.push(ids.authorDomain ? `  ${t('analyze.id.author', { domain: ids.authorDomain })}` : `  ${t('analyze.id.no-author')}`);

  const route = a.route;
  lines.push('', t('analyze.section.route'));
  if (route.hops.length === 0) lines.push(t('analyze.none'));
  for (const h of route.hops) {
    const n = h.index + 1;
    if (h.unparsed) {
      lines.push(`  ${t('analyze.route.unparsed', { n })}`);
      continue;
    }
    const from = [h.from ?? h.helo ?? t('analyze.route.unknown'), h.ip ? `[${h.ip}] ${tDynamic(lang, `analyze.route.scope.${h.scope}`)}` : ''].filter(Boolean).join(' ');
    lines.push(`  ${t('analyze.route.hop', { n, from, by: h.by ?? t('analyze.route.unknown') })}${route.boundary === h.index ? `  ${t('analyze.route.boundary')}` : ''}`);
    const facts: string[] = [];
    if (h.protocol) facts.push(t('analyze.route.with', { protocol: h.protocol }));
    facts.push(h.tls ? t('analyze.route.tls', { version: h.tlsVersion ?? '' }) : t('analyze.route.no-tls'));
    if (h.authenticated) facts.push(t('analyze.route.auth'));
    if (h.time) facts.push(t('analyze.route.at', { time: h.time }));
    if (h.delayMs !== undefined) facts.push(h.backwards ? t('analyze.route.backwards', { ms: h.delayMs }) : t('analyze.route.delay', { ms: h.delayMs }));
    if (h.future) facts.push(t('analyze.route.future'));
    lines.push(`       ${facts.join(', ')}`);
    if (explain) lines.push(t('analyze.cli.explain.field', { field: h.field, text: [h.helo ? `helo=${h.helo}` : '', h.reverseName ? `rdns=${h.reverseName}` : '', h.for ? `for=${h.for}` : ''].filter(Boolean).join(' ') }));
  }
  if (route.truncated) lines.push(`  ${t('analyze.route.truncated', { count: route.truncated })}`);
  if (route.date) lines.push(`  ${t('analyze.route.date', { date: route.date })}`);
  if (route.totalMs !== undefined) lines.push(`  ${t('analyze.route.total', { ms: route.totalMs })}`);
  if (route.boundary !== undefined && route.boundaryBy) lines.push(`  ${tDynamic(lang, `analyze.route.boundary-by.${route.boundaryBy}`, { n: route.boundary + 1, ip: route.boundaryIp ?? '?' })}`);
  else if (route.hops.length) lines.push(`  ${t('analyze.route.no-boundary')}`);

  const rec = a.recorded;
  lines.push('', t('analyze.section.recorded'));
  if (rec.authResults.length === 0 && rec.arc.length === 0) lines.push(t('analyze.none'));
  for (const r of rec.authResults) {
    lines.push(`  ${t('analyze.recorded.field', { id: r.authservId || '?', trust: tDynamic(lang, `analyze.recorded.${r.trust}`) })}`);
    lines.push(`    ${r.results.map((x) => `${x.method}=${x.result}${x.properties['header.d'] ? ` (${x.properties['header.d']})` : x.properties['header.from'] ? ` (${x.properties['header.from']})` : x.properties['smtp.mailfrom'] ? ` (${x.properties['smtp.mailfrom']})` : ''}`).join(', ') || 'none'}`);
    if (explain) lines.push(t('analyze.cli.explain.field', { field: r.field, text: r.results.map((x) => `${x.method}=${x.result} ${Object.entries(x.properties).map(([k, v]) => `${k}=${v}`).join(' ')}${x.reason ? ` reason="${x.reason}"` : ''}`).join('; ') }));
  }
  for (const s of rec.arc) {
    lines.push(`  ${t('analyze.recorded.arc', { i: s.instance, sealer: s.sealer ?? '?', cv: s.cv ?? '?', signer: s.signer ?? '?', trust: t(s.trusted ? 'analyze.recorded.trusted' : 'analyze.recorded.untrusted') })}`);
    if (s.results.length) lines.push(t('analyze.recorded.arc-saw', { id: s.authservId ?? '?', results: s.results.map((x) => `${x.method}=${x.result}`).join(', ') }));
    if (s.missing.length) lines.push(t('analyze.recorded.arc-missing', { missing: s.missing.join(', ') }));
  }
  if (!rec.arcWellFormed) lines.push(`  ${t('analyze.recorded.arc-broken')}`);
  if (!rec.authResults.some((r) => r.trust !== 'untrusted') && rec.authResults.length) lines.push(`  ${t('analyze.recorded.no-trust')}`);

  lines.push('', t('analyze.section.reverify'));
  const rv = a.reverify;
  if (!rv) lines.push(`  ${t('analyze.reverify.not-run')}`);
  else {
    lines.push(`  ${t('analyze.reverify.warning', { at: rv.at })}`);
    if (rv.dkim.length === 0) lines.push(`  ${t('analyze.reverify.no-dkim')}`);
    for (const d of rv.dkim) lines.push(`  ${t('analyze.reverify.dkim', { domain: d.domain ?? '?', selector: d.selector ?? '?', result: d.result, reason: d.reason ? describeDkimReason(d.reason, lang) : '' })}`);
    if (rv.spf) lines.push(`  ${t('analyze.reverify.spf', { ip: rv.spf.ip, domain: rv.spf.domain, result: rv.spf.result, reason: rv.spf.reason ? describeSpfReason(rv.spf.reason, lang) : '' })}`);
    else if (rv.spfSkipped) lines.push(`  ${tDynamic(lang, `analyze.reverify.spf-skipped.${rv.spfSkipped}`)}`);
    lines.push(`  ${t('analyze.reverify.dmarc', { domain: rv.dmarc.domain ?? '?', result: rv.dmarc.result, policy: rv.dmarc.policy ?? '', reason: describeDmarcReason(rv.dmarc.reason, lang) })}`);
    if (rv.arc) lines.push(`  ${t('analyze.reverify.arc', { result: rv.arc.result, instance: rv.arc.instance ?? 0, reason: rv.arc.reason ? describeArcReason(rv.arc.reason, lang) : '' })}`);
    lines.push(`  ${t('analyze.reverify.questions', { count: rv.dnsQuestions })}`);
    const d = explain ? rv.details : undefined;
    if (d) {
      const indent = (list: string[]): string[] => list.map((l) => `    ${l}`);
      for (const r of d.dkim) lines.push(...indent(explainDkim(r, lang, { steps: true })));
      if (d.spf) lines.push(...indent(explainSpf(d.spf, lang, { steps: true })));
      lines.push(...indent(explainDmarc(d.dmarc, lang, { steps: true })));
    }
  }

  lines.push('', t('analyze.section.spoofing'));
  if (a.spoofing.length === 0) lines.push(t('analyze.none'));
  for (const s of a.spoofing) lines.push(`  [${tDynamic(lang, `analyze.severity.${s.severity}`)}] ${tDynamic(lang, `analyze.spoof.${s.code}`, s.params)}`);

  lines.push('', t('analyze.section.diagnosis'));
  if (a.diagnosis.length === 0) lines.push(t('analyze.none'));
  for (const d of a.diagnosis) lines.push(diagnosisLine(lang, d));

  lines.push('', t('analyze.section.signals'));
  for (const s of a.signals) lines.push(`  [${tDynamic(lang, `analyze.signal.status.${s.status}`)}] ${tDynamic(lang, `analyze.signal.${s.code}.${s.detail}`, s.params)}`);
  return lines.join('\n');
}
