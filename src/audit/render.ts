import { hasMessage, t, tDynamic, type Lang } from '../i18n/index.js';
import { renderSpfTree } from '../spf/lint-render.js';
import type { DomainAudit } from './index.js';
import { AREAS, type DnsEvidence, type Finding, type FixLine, type Severity } from './finding.js';
import { REQUIREMENTS, type Provider, type ReadinessStatus, type Tier } from './readiness.js';

/** How to render: the language and whether to colour (a terminal that allows it). */
export interface RenderOptions {
  lang: Lang;
  color?: boolean;
  /** Show the DNS evidence of ok and info findings too. Default false. */
  verbose?: boolean;
}

const COLORS: Record<Severity | 'bold' | 'dim', string> = { error: '\x1b[31m', warning: '\x1b[33m', info: '\x1b[36m', ok: '\x1b[32m', bold: '\x1b[1m', dim: '\x1b[2m' };
const MARK: Record<Severity, string> = { error: '✗', warning: '!', info: 'i', ok: '✓' };
const CELL: Record<ReadinessStatus, string> = { pass: '✓', fail: '✗', 'needs-message': '?', unknown: '…' };

function paint(on: boolean | undefined, style: keyof typeof COLORS, text: string): string {
  return on ? `${COLORS[style]}${text}\x1b[0m` : text;
}

/** The sentence of a finding in `lang`. */
export function findingText(f: Finding, lang: Lang): string {
  return tDynamic(lang, f.message ?? `audit.${f.id}`, f.params);
}

/** The sentence saying how to fix a finding, when the catalogue has one. */
export function fixText(f: Finding, lang: Lang): string | undefined {
  const id = f.fixMessage ?? `${f.message ?? `audit.${f.id}`}.fix`;
  return hasMessage(id) ? tDynamic(lang, id, f.params) : undefined;
}

function evidenceText(e: DnsEvidence, lang: Lang): string {
  const status = e.status === 'records' ? (e.records ?? []).slice(0, 3).join(', ') + ((e.records?.length ?? 0) > 3 ? ', …' : '') : t(lang, 'audit.render.status', { status: e.status });
  return `${e.type} ${e.name} → ${status}`;
}

/** The one-line summary of a domain's audit. */
export function summaryLine(audit: DomainAudit, lang: Lang): string {
  return t(lang, 'audit.render.summary', { domain: audit.domain, ...audit.summary });
}

function matrix(audit: DomainAudit, lang: Lang): string[] {
  const providers = Object.keys(REQUIREMENTS) as Provider[];
  const columns = providers.flatMap((p) => (['all', 'bulk'] as Tier[]).map((tier) => ({ p, tier })));
  const labels = audit.readiness.items.map((i) => t(lang, 'audit.render.item', { id: i.id }));
  const width = Math.max(...labels.map((l) => displayWidth(l)), 10) + 2;
  const cell = Math.max(6, ...columns.map((c) => displayWidth(t(lang, 'audit.render.tier', { tier: c.tier })) + 2));
  const pad = (s: string, w: number): string => s + ' '.repeat(Math.max(0, w - displayWidth(s)));
  const head1 = pad('', width) + providers.map((p) => pad(t(lang, 'audit.render.provider', { provider: p }), cell * 2)).join('');
  const head2 = pad('', width) + columns.map((c) => pad(t(lang, 'audit.render.tier', { tier: c.tier }), cell)).join('');
  const rows = audit.readiness.items.map((item, i) => pad(labels[i]!, width) + columns.map((c) => pad(item.requiredBy.includes(`${c.p}/${c.tier}`) ? CELL[item.status] : '·', cell)).join(''));
  return [head1, head2, ...rows].map((r) => `  ${r.trimEnd()}`).concat(`  ${t(lang, 'audit.render.legend')}`);
}

/** Columns a string takes on a terminal (wide CJK characters count two). */
function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return w;
}

/** Every fix line of a set of findings, without repeats: removals first, then records to publish. */
export function collectFixes(findings: readonly Finding[]): { remove: Array<FixLine & { ids: string[] }>; add: Array<FixLine & { ids: string[] }> } {
  const seen = new Map<string, FixLine & { ids: string[] }>();
  for (const f of findings) {
    for (const line of f.fix ?? []) {
      const key = `${line.action} ${line.line}`;
      const entry = seen.get(key);
      if (entry) {
        if (!entry.ids.includes(f.id)) entry.ids.push(f.id);
      } else seen.set(key, { ...line, ids: [f.id] });
    }
  }
  const all = [...seen.values()];
  return { remove: all.filter((l) => l.action === 'remove'), add: all.filter((l) => l.action === 'add') };
}

/** The text report of one domain: the summary line, findings grouped by area, the readiness matrix, then the fixes. */
export function renderAuditText(audit: DomainAudit, options: RenderOptions): string {
  const { lang, color } = options;
  const lines: string[] = [paint(color, 'bold', summaryLine(audit, lang))];
  for (const area of AREAS) {
    const group = audit.findings.filter((f) => f.area === area);
    if (group.length === 0) continue;
    lines.push('', paint(color, 'bold', t(lang, 'audit.render.area', { area })));
    if (area === 'readiness') lines.push(...matrix(audit, lang), '');
    if (area === 'spf' && audit.spfLint?.record) lines.push(...renderSpfTree(audit.spfLint, lang).map((l) => `  ${l}`), '');
    for (const f of group) {
      const severity = f.unchecked ? t(lang, 'audit.render.unchecked') : t(lang, 'audit.render.severity', { severity: f.severity });
      lines.push(`  ${paint(color, f.severity, `${MARK[f.severity]} [${severity}]`)} ${findingText(f, lang)} ${paint(color, 'dim', `(${f.id})`)}`);
      const fix = fixText(f, lang);
      if (fix && f.severity !== 'ok') lines.push(`      ${t(lang, 'audit.render.fix-hint')} ${fix}`);
      if (options.verbose || f.severity === 'error' || f.severity === 'warning') {
        for (const e of f.evidence) lines.push(paint(color, 'dim', `      ${evidenceText(e, lang)}`));
      }
    }
  }
  // The copyable list holds what must change (errors and warnings); optional improvements keep their fix in --json and --csv.
  const fixes = collectFixes(audit.findings.filter((f) => f.severity === 'error' || f.severity === 'warning'));
  if (fixes.remove.length || fixes.add.length || audit.findings.some((f) => f.file && (f.severity === 'error' || f.severity === 'warning'))) {
    lines.push('', paint(color, 'bold', t(lang, 'audit.render.fixes', { domain: audit.domain })));
    if (fixes.remove.length) {
      lines.push(`  ${t(lang, 'audit.render.fixes-remove')}`);
      for (const l of fixes.remove) lines.push(`    ${l.line}   ; ${l.ids.join(', ')}`);
    }
    if (fixes.add.length) {
      lines.push(`  ${t(lang, 'audit.render.fixes-add')}`);
      for (const l of fixes.add) lines.push(`    ${l.line}   ; ${l.ids.join(', ')}`);
    }
  }
  for (const f of audit.findings) {
    if (!f.file || (f.severity !== 'error' && f.severity !== 'warning')) continue;
    lines.push('', `  ${t(lang, 'audit.render.fixes-file', { url: f.file.url })}`, ...f.file.body.split(/\r?\n/).filter((l) => l !== '').map((l) => `    ${l}`));
  }
  return lines.join('\n');
}

/** The `--json` document: language-neutral, one object per domain, in input order. */
export function auditJson(audits: readonly DomainAudit[]): object {
  return { schema: 'inkan.check/1', domains: audits.map(({ spfLint: _tree, ...audit }) => audit) };
}

function csvCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** The CSV columns, in order. */
export const CSV_COLUMNS = ['domain', 'area', 'id', 'severity', 'unchecked', 'message', 'fix_hint', 'evidence', 'fix', 'params'] as const;

/** `--csv`: a header row, then one row per finding (RFC 4180, CRLF line ends), sentences in `lang`. */
export function renderAuditCsv(audits: readonly DomainAudit[], lang: Lang): string {
  const rows = [CSV_COLUMNS.join(',')];
  for (const audit of audits) {
    for (const f of audit.findings) {
      const cells = [
        audit.domain,
        f.area,
        f.id,
        f.severity,
        f.unchecked ? 'yes' : 'no',
        findingText(f, lang),
        fixText(f, lang) ?? '',
        f.evidence.map((e) => evidenceText(e, lang)).join(' | '),
        (f.fix ?? []).map((l) => `${l.action === 'remove' ? '-' : '+'} ${l.line}`).join(' | '),
        JSON.stringify(f.params),
      ];
      rows.push(cells.map(csvCell).join(','));
    }
  }
  return `${rows.join('\r\n')}\r\n`;
}
