import { hostname } from 'node:os';
import { quoteTxt } from '../audit/finding.js';
import { buildSpfRecord, countIncludeLookups, type SpfBuildResult } from '../spf/build.js';
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

const BUILD_OPTIONS = {
  ...COMMON_OPTIONS,
  ...DNS_OPTIONS,
  include: { type: 'string', multiple: true },
  ip4: { type: 'string', multiple: true },
  ip6: { type: 'string', multiple: true },
  a: { type: 'string', multiple: true },
  mx: { type: 'boolean' },
  all: { type: 'string' },
  domain: { type: 'string' },
} as const;

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

/** The text of `inkan spf build`: the record and its lookups, or why it was refused and what to change. */
export function renderSpfBuild(result: Extract<SpfBuildResult, { record: string }>, domain: string | undefined, ctx: CliContext): string {
  const lines: string[] = [];
  if (!result.ok) {
    lines.push(result.reason === 'too-many-lookups' ? ctx.t('audit.build.spf.too-many', { lookups: result.lookups }) : ctx.t('audit.build.spf.too-long', { bytes: result.bytes }));
  } else lines.push(ctx.t('audit.build.spf.record', { lookups: result.lookups, bytes: result.bytes }));
  lines.push(`  ${result.record}`);
  for (const c of result.includes) lines.push(ctx.t('audit.build.spf.include-cost', { include: `include:${c.include}`, lookups: c.lookups }));
  if (!result.ok && result.replace.length) lines.push('', ctx.t('audit.build.spf.suggest', { includes: result.replace.join(', ') }));
  if (result.ok) lines.push('', ctx.t('audit.build.spf.zone'), `  ${domain ? `${domain}.` : '@'} 3600 IN TXT ${quoteTxt(result.record)}`);
  return lines.join('\n');
}

async function build(argv: string[], ctx: CliContext): Promise<number> {
  const { values, positionals } = parseCommandArgs(ctx, 'spf', argv, BUILD_OPTIONS);
  if (values.help) {
    ctx.out(ctx.t('audit.build.spf.help'));
    return EXIT.ok;
  }
  if (positionals.length) throw new UsageError(ctx.t('cli.error.extra-arguments', { args: positionals.join(' ') }), 'spf');
  const all = values.all ?? '-';
  if (all !== '-' && all !== '~') throw new UsageError(ctx.t('audit.build.spf.bad-value', { option: 'all', value: all }), 'spf');
  const includes = values.include ?? [];
  const input = {
    includes,
    ip4: values.ip4 ?? [],
    ip6: values.ip6 ?? [],
    a: (values.a ?? []).map((d) => (d === '@' ? '' : d)),
    mx: Boolean(values.mx),
    all: all as '-' | '~',
  };
  const checked = buildSpfRecord(input);
  if (!checked.ok && checked.reason === 'invalid') throw new UsageError(ctx.t('audit.build.spf.bad-value', { option: checked.option, value: checked.value }), 'spf');
  if (!checked.ok && checked.reason === 'empty') throw new UsageError(ctx.t('audit.build.spf.empty'), 'spf');
  const timeout = parseMilliseconds(ctx, 'spf', 'timeout', values.timeout);
  const resolver = await resolverFromOptions(ctx, 'spf', { zone: values.zone, dns: values.dns, timeout });
  const nested = includes.length ? await countIncludeLookups(includes, resolver) : {};
  const result = buildSpfRecord({ ...input, nested }) as Extract<SpfBuildResult, { record: string }>;
  const uncounted = result.includes.filter((c) => !c.counted).map((c) => c.include);
  if (values.json) ctx.out(toJson({ ...result, ...(values.domain ? { domain: values.domain } : {}), uncounted }));
  else {
    ctx.out(renderSpfBuild(result, values.domain, ctx));
    for (const include of uncounted) ctx.err(ctx.t('audit.build.spf.unchecked', { include }));
  }
  if (!result.ok) return EXIT.notPass;
  return uncounted.length ? EXIT.tempFail : EXIT.ok;
}

/** `inkan spf` (check an IP for a sender) and `inkan spf lint DOMAIN`. */
export const spfCommand: Command = {
  name: 'spf',
  help: (ctx) => ctx.t('cli.help.spf'),
  run: (argv, ctx) => (argv[0] === 'lint' ? lint(argv.slice(1), ctx) : argv[0] === 'build' ? build(argv.slice(1), ctx) : check(argv, ctx)),
};
