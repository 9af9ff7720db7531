import { t, tDynamic, type Lang } from '../i18n/index.js';
import type { PolicyAdvice } from './analyse/advise.js';
import { DEFAULT_ADVICE_THRESHOLDS, type AdviceThresholds } from './analyse/advise.js';
import type { Source, SourceFix } from './analyse/sources.js';
import type { ReportSummary } from './analyse/summary.js';

/** A share as a percentage with one decimal. */
export function percent(share: number): string {
  return `${(Math.round(share * 1000) / 10).toFixed(1)}%`;
}

function rate(part: number, whole: number): string {
  return percent(whole > 0 ? part / whole : 0);
}

function day(seconds: number): string {
  return new Date(seconds * 1000).toISOString().slice(0, 10);
}

/** Text of `inkan reports summary`. */
export function renderSummary(s: ReportSummary, lang: Lang): string {
  if (!s.total.messages && !s.reports) return t(lang, 'reports.summary.none', { domain: s.domain });
  const period = s.since !== undefined || s.until !== undefined ? t(lang, 'reports.summary.period', { since: s.since !== undefined ? day(s.since) : '…', until: s.until !== undefined ? day(s.until) : '…' }) : '';
  const lines = [
    t(lang, 'reports.summary.head', { domain: s.domain, reports: s.reports, reporters: s.reporters, period }),
    t(lang, 'reports.summary.volume', { messages: s.total.messages }),
    t(lang, 'reports.summary.dmarc', { rate: percent(s.rates.dmarcPass), count: s.total.dmarcPass }),
    t(lang, 'reports.summary.spf', { rate: percent(s.rates.spfAligned), count: s.total.spfAligned }),
    t(lang, 'reports.summary.dkim', { rate: percent(s.rates.dkimAligned), count: s.total.dkimAligned }),
    t(lang, 'reports.summary.dispositions', { list: Object.entries(s.dispositions).map(([k, v]) => `${k} ${v}`).join(', ') }),
    '',
    t(lang, 'reports.summary.by-reporter'),
  ];
  const width = Math.min(40, Math.max(...s.byReporter.map((r) => r.orgName.length)));
  for (const r of s.byReporter) lines.push(`  ${r.orgName.padEnd(width)}  ${String(r.messages).padStart(9)}  ${rate(r.dmarcPass, r.messages).padStart(6)}`);
  lines.push('', t(lang, 'reports.summary.by-day'));
  for (const d of s.byDay) lines.push(`  ${d.day}  ${String(d.messages).padStart(9)}  ${rate(d.dmarcPass, d.messages).padStart(6)}`);
  return lines.join('\n');
}

/** One fix in words. */
export function describeFix(fix: SourceFix, lang: Lang): string {
  return tDynamic(lang, `reports.fix.${fix.code}`, fix);
}

/** Text of `inkan reports sources`. */
export function renderSources(domain: string, sources: readonly Source[], lang: Lang): string {
  if (!sources.length) return t(lang, 'reports.sources.none', { domain });
  const lines = [t(lang, 'reports.sources.head', { domain, count: sources.length })];
  const order = ['ours-failing', 'unknown', 'forwarded', 'ours-aligned'] as const;
  for (const cls of order) {
    const group = sources.filter((s) => s.classification === cls);
    if (!group.length) continue;
    lines.push('', `${tDynamic(lang, `reports.class.${cls}`)} (${group.reduce((n, s) => n + s.messages, 0)}):`);
    for (const s of group) {
      lines.push(
        t(lang, 'reports.sources.line', {
          ip: s.ip,
          ptr: s.ptr ?? t(lang, 'reports.sources.no-ptr'),
          service: s.service ? ` [${s.service.name}]` : '',
          messages: s.messages,
          dmarc: rate(s.dmarcPass, s.messages),
          spf: rate(s.spfAligned, s.messages),
          dkim: rate(s.dkimAligned, s.messages),
        }),
      );
      const dkim = s.dkimDomains.slice(0, 4).map((d) => `${d.domain} ${d.pass}/${d.pass + d.fail}`).join(', ') || '-';
      const spf = s.spfDomains.slice(0, 4).map((d) => `${d.domain} ${d.pass}/${d.pass + d.fail}`).join(', ') || '-';
      lines.push(t(lang, 'reports.sources.auth', { dkim, spf }));
      for (const fix of s.fixes) lines.push(t(lang, 'reports.sources.fix', { fix: describeFix(fix, lang) }));
    }
  }
  return lines.join('\n');
}

/** Text of `inkan reports advise`. */
export function renderAdvice(a: PolicyAdvice, lang: Lang, thresholds: AdviceThresholds = DEFAULT_ADVICE_THRESHOLDS): string {
  if (a.verdict === 'no-data') return t(lang, 'reports.advise.no-data', { domain: a.domain });
  const next = a.next ?? 'reject';
  const lines = [
    t(lang, 'reports.advise.head', { domain: a.domain, current: a.current ?? t(lang, 'reports.advise.unknown-policy'), days: a.days, messages: a.messages }),
    t(lang, 'reports.advise.classes', { aligned: a.byClass['ours-aligned'], failing: a.byClass['ours-failing'], forwarded: a.byClass.forwarded, unknown: a.byClass.unknown }),
  ];
  if (a.verdict !== 'at-reject') lines.push(t(lang, 'reports.advise.affected', { affected: a.affected, legitimate: a.legitimate, share: percent(a.affectedShare), next }));
  lines.push('');
  if (a.verdict === 'safe') lines.push(t(lang, 'reports.advise.safe', { next }));
  else if (a.verdict === 'at-reject') lines.push(t(lang, 'reports.advise.at-reject'));
  else {
    lines.push(t(lang, 'reports.advise.not-yet', { next }));
    for (const reason of a.reasons) {
      if (reason === 'too-few-days') lines.push(t(lang, 'reports.advise.reason.too-few-days', { days: a.days, min: thresholds.minDays }));
      else if (reason === 'too-few-messages') lines.push(t(lang, 'reports.advise.reason.too-few-messages', { messages: a.messages, min: thresholds.minMessages }));
      else lines.push(t(lang, 'reports.advise.reason.legitimate-mail-fails', { share: percent(a.affectedShare), max: percent(thresholds.maxAffectedShare) }));
    }
  }
  if (a.fixFirst.length) {
    lines.push('', t(lang, 'reports.advise.fix-first'));
    for (const f of a.fixFirst) {
      const who = f.ptr || f.service ? ` (${[f.ptr, f.service].filter(Boolean).join(', ')})` : '';
      lines.push(t(lang, 'reports.advise.fix-line', { ip: f.ip, who, failing: f.failing }));
      for (const fix of f.fixes) lines.push(`      ${describeFix(fix, lang)}`);
    }
  }
  return lines.join('\n');
}
