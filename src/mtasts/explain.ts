import { describeAnswer } from '../dns/describe.js';
import { t, tDynamic, type Lang } from '../i18n/index.js';
import type { MtaStsCheck, MtaStsFinding, MtaStsFix, MtaStsStep } from './types.js';

/** A TXT record as a zone-file line, strings cut at 255 octets (RFC 1035 §3.3.14). */
export function zoneLine(name: string, value: string, ttl = 3600): string {
  const strings: string[] = [];
  for (let i = 0; i < value.length || strings.length === 0; i += 255) strings.push(JSON.stringify(value.slice(i, i + 255)));
  return `${name}. ${ttl} IN TXT ${strings.join(' ')}`;
}

/** A finding in one sentence. */
export function describeFinding(finding: MtaStsFinding, lang: Lang): string {
  const code = String(finding.params['code'] ?? '');
  if (finding.id === 'record-problem') return tDynamic(lang, `mtasts.record.${code}`, finding.params);
  if (finding.id === 'policy-problem') return tDynamic(lang, `mtasts.policy.${code}`, finding.params);
  if (finding.id === 'tlsrpt-problem') return tDynamic(lang, `mtasts.tlsrpt.${code}`, finding.params);
  return tDynamic(lang, `mtasts.finding.${finding.id}`, finding.params);
}

/** A fix as lines: what to do, then the record or the file to publish, indented. */
export function describeFix(fix: MtaStsFix, lang: Lang): string[] {
  switch (fix.kind) {
    case 'publish-txt':
      return [t(lang, 'mtasts.fix.publish-txt'), `    ${zoneLine(fix.name, fix.value)}`];
    case 'delete-txt':
      return [t(lang, 'mtasts.fix.delete-txt'), `    ${zoneLine(fix.name, fix.value)}`];
    case 'policy-file':
      return [t(lang, 'mtasts.fix.policy-file', { url: fix.url }), ...fix.body.trimEnd().split('\n').map((line) => `    ${line}`)];
    case 'https-server':
      return [t(lang, 'mtasts.fix.https-server', { host: fix.host })];
  }
}

function describeStep(step: MtaStsStep, lang: Lang): string {
  switch (step.kind) {
    case 'lookup':
      return t(lang, 'mtasts.trace.lookup', { type: step.type, name: step.name, answer: describeAnswer(step.type, step.answer, lang) });
    case 'fetch':
      if (step.source !== undefined) return t(lang, 'mtasts.trace.file', { source: step.source });
      return t(lang, 'mtasts.trace.fetch', {
        url: step.url,
        result: step.httpStatus !== undefined ? `HTTP ${step.httpStatus}` : `${step.result}${step.detail ? ` (${step.detail})` : ''}`,
      });
    case 'match':
      return step.pattern !== undefined ? t(lang, 'mtasts.trace.match', { exchange: step.exchange, pattern: step.pattern }) : t(lang, 'mtasts.trace.no-match', { exchange: step.exchange });
  }
}

function recordLines(check: MtaStsCheck, lang: Lang): string[] {
  const r = check.record;
  const lines = [t(lang, 'mtasts.section.record', { name: r.name })];
  if (r.status === 'none') lines.push(`  ${t(lang, 'mtasts.record.none')}`);
  else if (r.status === 'multiple') lines.push(`  ${t(lang, 'mtasts.record.multiple', { count: r.texts.length })}`, ...r.texts.map((x) => `  ${JSON.stringify(x)}`));
  else if (r.status === 'temperror') lines.push(`  ${t(lang, 'mtasts.record.temperror', { dns: r.rcode ?? r.dns })}`);
  else {
    lines.push(`  ${JSON.stringify(r.record.text)}`);
    if (r.record.id !== undefined) lines.push(`  ${t(lang, 'mtasts.record.id', { id: r.record.id })}`);
  }
  return lines;
}

function policyLines(check: MtaStsCheck, lang: Lang): string[] {
  const p = check.policy;
  if (p.status === 'not-fetched') return [t(lang, 'mtasts.section.policy', { url: `https://mta-sts.${check.domain}/.well-known/mta-sts.txt` }), `  ${t(lang, `mtasts.policy.not-fetched.${p.reason}`)}`];
  if (p.status !== 'fetched') return [t(lang, 'mtasts.section.policy', { url: p.url }), '  -'];
  const lines = [p.source !== undefined ? t(lang, 'mtasts.section.policy-file', { url: p.url, source: p.source }) : t(lang, 'mtasts.section.policy', { url: p.url })];
  const policy = p.policy;
  if (policy.mode !== undefined) lines.push(`  ${t(lang, `mtasts.policy.mode.${policy.mode}`)}`);
  if (policy.maxAge !== undefined) lines.push(`  ${t(lang, 'mtasts.policy.max-age', { seconds: policy.maxAge, days: String(Number((policy.maxAge / 86_400).toFixed(2))) })}`);
  if (check.policyExpires !== undefined) lines.push(`  ${t(lang, 'mtasts.policy.expires', { when: check.policyExpires })}`);
  if (policy.mx.length) lines.push(`  ${t(lang, 'mtasts.policy.mx', { patterns: policy.mx.map((m) => m.pattern).join(', ') })}`);
  if (!policy.valid) lines.push(`  ${t(lang, 'mtasts.policy.unusable')}`);
  return lines;
}

function mxLines(check: MtaStsCheck, lang: Lang): string[] {
  const mx = check.mx;
  const lines = [t(lang, 'mtasts.section.mx')];
  switch (mx.status) {
    case 'checked': {
      if (mx.implicit) lines.push(`  ${t(lang, 'mtasts.mx.implicit', { domain: check.domain })}`);
      const width = Math.max(...mx.hosts.map((h) => `${h.preference} ${h.exchange}`.length));
      for (const h of mx.hosts) {
        const said = h.matchedBy !== undefined ? t(lang, 'mtasts.mx.covered', { pattern: h.matchedBy }) : t(lang, 'mtasts.mx.not-covered');
        lines.push(`  ${`${h.preference} ${h.exchange}`.padEnd(width)}  ${said}`);
      }
      break;
    }
    case 'null-mx':
      lines.push(`  ${t(lang, 'mtasts.mx.null')}`);
      break;
    case 'no-mail':
      lines.push(`  ${t(lang, 'mtasts.mx.no-mail')}`);
      break;
    case 'temperror':
      lines.push(`  ${t(lang, 'mtasts.mx.temperror', { dns: mx.rcode ?? mx.dns })}`);
      break;
    case 'not-checked':
      lines.push(`  ${t(lang, 'mtasts.mx.not-checked')}`);
  }
  return lines;
}

function tlsRptLines(check: MtaStsCheck, lang: Lang): string[] {
  const r = check.tlsRpt;
  const lines = [t(lang, 'mtasts.section.tlsrpt', { name: r.name })];
  if (r.status === 'none') lines.push(`  ${t(lang, 'mtasts.tlsrpt.none')}`);
  else if (r.status === 'multiple') lines.push(`  ${t(lang, 'mtasts.tlsrpt.multiple', { count: r.texts.length })}`, ...r.texts.map((x) => `  ${JSON.stringify(x)}`));
  else if (r.status === 'temperror') lines.push(`  ${t(lang, 'mtasts.tlsrpt.temperror', { dns: r.rcode ?? r.dns })}`);
  else {
    lines.push(`  ${JSON.stringify(r.record.text)}`);
    if (r.record.rua.length) lines.push(`  ${t(lang, 'mtasts.tlsrpt.rua', { uris: r.record.rua.map((u) => u.uri).join(', ') })}`);
  }
  return lines;
}

/** The whole report as lines: verdict, record, policy, MX coverage, TLS-RPT, problems with fixes, and with `trace` every step. */
export function explainMtaSts(check: MtaStsCheck, lang: Lang, options: { trace?: boolean } = {}): string[] {
  const lines = [t(lang, `mtasts.verdict.${check.verdict}`, { domain: check.domain }), ''];
  lines.push(...recordLines(check, lang), '', ...policyLines(check, lang), '', ...mxLines(check, lang), '', ...tlsRptLines(check, lang), '');
  if (check.findings.length === 0) lines.push(t(lang, 'mtasts.section.no-problems'));
  else {
    lines.push(t(lang, 'mtasts.section.problems'));
    for (const f of check.findings) {
      lines.push(`  [${t(lang, `mtasts.severity.${f.severity}`)}] ${describeFinding(f, lang)}`);
      for (const fix of f.fixes) lines.push(...describeFix(fix, lang).map((line) => `    ${line}`));
    }
  }
  if (options.trace) {
    lines.push('', t(lang, 'mtasts.section.trace'));
    check.trace.forEach((step, i) => lines.push(`  ${i + 1}. ${describeStep(step, lang)}`));
  }
  return lines;
}
