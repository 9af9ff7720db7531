import { hostname } from 'node:os';
import { parseIp } from '../dns/ip.js';
import { checkSpf } from '../spf/evaluate.js';
import { explainSpf } from '../spf/explain.js';
import { describeSpfFinding, renderSpfTree } from '../spf/lint-render.js';
import { lintSpf } from '../spf/lint.js';
import type { SpfLintResult } from '../spf/lint-types.js';
import { receivedSpf } from '../spf/received-spf.js';
import type { SpfIdentity, SpfResult } from '../spf/types.js';
import { COMMON_OPTIONS, DNS_OPTIONS, parseCommandArgs, parseMilliseconds } from './args.js';
import { EXIT, UsageError, type CliContext } from './context.js';
import { toJson } from './json.js';
import { resolverFromOptions } from './resolver.js';
import type { Command } from './run.js';

const CHECK_OPTIONS = {
  ...COMMON_OPTIONS,
  ...DNS_OPTIONS,
  ip: { type: 'string' },
  'mail-from': { type: 'string' },
  helo: { type: 'string' },
  identity: { type: 'string' },
  receiver: { type: 'string' },
  explain: { type: 'boolean' },
  'received-spf': { type: 'boolean' },
} as const;

const LINT_OPTIONS = { ...COMMON_OPTIONS, ...DNS_OPTIONS } as const;

/** Exit code of a check: 0 pass, 3 temperror, 1 for every other result. */
export function spfExitCode(result: SpfResult['result']): number {
  if (result === 'pass') return EXIT.ok;
  if (result === 'temperror') return EXIT.tempFail;
  return EXIT.notPass;
}

/** Exit code of a lint: 3 when DNS failed, 1 with an error finding, else 0. */
export function lintExitCode(result: SpfLintResult): number {
  if (!result.complete) return EXIT.tempFail;
  return result.findings.some((f) => f.severity === 'error') ? EXIT.notPass : EXIT.ok;
}

async function check(argv: string[], ctx: CliContext): Promise<number> {
  const { values, positionals } = parseCommandArgs(ctx, 'spf', argv, CHECK_OPTIONS);
  if (values.help) {
    ctx.out(ctx.t('cli.help.spf'));
    return EXIT.ok;
  }
  if (positionals.length) throw new UsageError(ctx.t('cli.error.extra-arguments', { args: positionals.join(' ') }), 'spf');
  if (values.ip === undefined) throw new UsageError(ctx.t('cli.error.missing-option', { option: 'ip' }), 'spf');
  if (!parseIp(values.ip)) throw new UsageError(ctx.t('cli.error.bad-ip', { value: values.ip }), 'spf');
  const identity = values.identity ?? 'mailfrom';
  if (identity !== 'mailfrom' && identity !== 'helo') throw new UsageError(ctx.t('cli.error.bad-identity', { value: identity }), 'spf');
  if (values['mail-from'] === undefined && values.helo === undefined) {
    throw new UsageError(ctx.t('cli.error.missing-option', { option: 'mail-from' }), 'spf');
  }
  const timeout = parseMilliseconds(ctx, 'spf', 'timeout', values.timeout);
  const resolver = await resolverFromOptions(ctx, 'spf', { zone: values.zone, dns: values.dns, timeout });
  const input = {
    ip: values.ip,
    mailFrom: values['mail-from'] ?? '',
    ...(values.helo !== undefined ? { helo: values.helo } : {}),
    receiver: values.receiver ?? hostname(),
    identity: identity as SpfIdentity,
    now: Date.now(),
  };
  const result = await checkSpf(input, { resolver, trace: Boolean(values.explain || values.json) });
  const header = values['received-spf'] ? receivedSpf(result, { receiver: input.receiver, mailFrom: input.mailFrom }) : undefined;
  if (values.json) {
    ctx.out(toJson({ ...result, ...(header ? { receivedSpf: header } : {}) }));
  } else {
    ctx.out(explainSpf(result, ctx.lang, { steps: Boolean(values.explain) }).join('\n'));
    if (header) ctx.out(`\n${header}`);
  }
  return spfExitCode(result.result);
}

/** The text report of a lint: the include tree, then each finding with its fix. */
export function renderLint(result: SpfLintResult, ctx: CliContext): string {
  const lines = renderSpfTree(result, ctx.lang);
  lines.push('');
  if (result.findings.length === 0) lines.push(ctx.t('cli.lint.clean'));
  for (const finding of result.findings) {
    const text = describeSpfFinding(finding, ctx.lang);
    lines.push(`[${text.severity}] ${text.problem}`);
    if (text.fix) lines.push(`    ${ctx.t('cli.lint.fix')} ${text.fix}`);
    const record = finding.fix?.record;
    if (record) lines.push(`      ${finding.fix!.name}. IN ${finding.fix!.type} ${(finding.fix!.strings ?? [record]).map((s) => JSON.stringify(s)).join(' ')}`);
  }
  if (result.suggestedRecord) lines.push('', ctx.t('cli.lint.suggested', { domain: result.domain }), `  ${result.domain}. IN TXT ${JSON.stringify(result.suggestedRecord)}`);
  const count = (severity: string) => result.findings.filter((f) => f.severity === severity).length;
  lines.push('', ctx.t('cli.lint.summary', { errors: count('error'), warnings: count('warning'), infos: count('info') }));
  return lines.join('\n');
}

async function lint(argv: string[], ctx: CliContext): Promise<number> {
  const { values, positionals } = parseCommandArgs(ctx, 'spf', argv, LINT_OPTIONS);
  if (values.help) {
    ctx.out(ctx.t('cli.help.spf'));
    return EXIT.ok;
  }
  const [domain, ...extra] = positionals;
  if (domain === undefined) throw new UsageError(ctx.t('cli.error.missing-domain'), 'spf');
  if (extra.length) throw new UsageError(ctx.t('cli.error.extra-arguments', { args: extra.join(' ') }), 'spf');
  const timeout = parseMilliseconds(ctx, 'spf', 'timeout', values.timeout);
  const resolver = await resolverFromOptions(ctx, 'spf', { zone: values.zone, dns: values.dns, timeout });
  const result = await lintSpf(domain, { resolver });
  ctx.out(values.json ? toJson(result) : renderLint(result, ctx));
  return lintExitCode(result);
}

/** `inkan spf` (check an IP for a sender) and `inkan spf lint DOMAIN`. */
export const spfCommand: Command = {
  name: 'spf',
  help: (ctx) => ctx.t('cli.help.spf'),
  run: (argv, ctx) => (argv[0] === 'lint' ? lint(argv.slice(1), ctx) : check(argv, ctx)),
};
