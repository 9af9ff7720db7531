import { tDynamic } from '../i18n/index.js';
import { quoteTxt } from '../audit/finding.js';
import { buildDmarcRecord, type DmarcBuildInput } from '../dmarc/build.js';
import { lookupVerdict, policyWarnings, type LookupVerdict } from '../dmarc/advice.js';
import { lookupDmarcPolicy, type PolicyLookup } from '../dmarc/discover.js';
import { describeRecordProblem, describeTag, explainPolicyLookup } from '../dmarc/explain.js';
import { COMMON_OPTIONS, DNS_OPTIONS, parseCommandArgs, parseMilliseconds } from './args.js';
import { EXIT, UsageError, type CliContext } from './context.js';
import { toJson } from './json.js';
import { resolverFromOptions } from './resolver.js';
import type { Command } from './run.js';

const OPTIONS = {
  ...COMMON_OPTIONS,
  ...DNS_OPTIONS,
  psl: { type: 'boolean' },
  rfc7489: { type: 'boolean' },
} as const;

/** Widest tag=value shown beside its meaning; longer ones get a line of their own. */
const TAG_COLUMN = 24;

/** Exit code of `inkan dmarc`: 0 a valid policy, 3 a DNS failure, 1 for none, an unusable or a repaired record. */
export function dmarcExitCode(verdict: LookupVerdict): number {
  if (verdict === 'valid') return EXIT.ok;
  if (verdict === 'temperror') return EXIT.tempFail;
  return EXIT.notPass;
}

/** The text report: the record, each query of the walk, where it was found, the Organizational Domain, each tag's meaning, problems and warnings. */
export function renderDmarcLookup(lookup: PolicyLookup, ctx: CliContext): string {
  const lines = explainPolicyLookup(lookup, ctx.lang);
  lines.push(
    lookup.method === 'psl'
      ? ctx.t('dmarc.cli.method', { method: ctx.t('dmarc.cli.method.psl', { version: lookup.pslVersion ?? 'tldts' }) })
      : ctx.t('dmarc.cli.method', { method: ctx.t('dmarc.cli.method.tree-walk') }),
  );
  const d = lookup.discovery;
  if (d.status !== 'found') return lines.join('\n');
  const { record } = d.policy;
  const effective = lookup.effective;
  if (effective && !effective.ok) lines.push('', ctx.t('dmarc.cli.unusable', { tags: effective.invalid.map((x) => `${x}=`).join(', ') }));
  if (effective?.ok && effective.replacedInvalid) lines.push('', ctx.t('dmarc.cli.replaced', { tags: effective.replacedInvalid.map((x) => `${x}=`).join(', ') }));
  if (lookup.applied) {
    lines.push('', ctx.t('dmarc.cli.applies', { domain: d.policy.authorDomain, tag: lookup.applied.tag, policy: lookup.applied.policy }));
    if (effective?.ok && lookup.applied.tag === 'sp' && record.np !== undefined && effective.np !== effective.sp && lookup.applied.authorDomainExists === undefined) {
      lines.push(ctx.t('dmarc.cli.applies-np', { domain: d.policy.authorDomain, np: effective.np }));
    }
  }
  lines.push('', ctx.t('dmarc.cli.tags'));
  const shown = record.tags.map((tag) => `${tag.name}=${tag.value}`);
  const width = Math.min(TAG_COLUMN, Math.max(...shown.map((s) => s.length)));
  record.tags.forEach((tag, i) => {
    const text = shown[i]!;
    const meaning = describeTag(tag, record, ctx.lang);
    if (text.length > width) lines.push(`  ${text}`, `  ${' '.repeat(width)}  ${meaning}`);
    else lines.push(`  ${text.padEnd(width)}  ${meaning}`);
  });
  if (record.problems.length) {
    lines.push('', ctx.t('dmarc.cli.problems'));
    for (const problem of record.problems) lines.push(`  ${describeRecordProblem(problem, ctx.lang)}`);
  }
  const warnings = policyWarnings(lookup);
  if (warnings.length) {
    lines.push('', ctx.t('dmarc.cli.warnings'));
    for (const w of warnings) lines.push(`  - ${tDynamic(ctx.lang, `dmarc.warn.${w.code}`, w)}`);
  }
  return lines.join('\n');
}

const BUILD_OPTIONS = {
  ...COMMON_OPTIONS,
  domain: { type: 'string' },
  p: { type: 'string' },
  sp: { type: 'string' },
  np: { type: 'string' },
  rua: { type: 'string', multiple: true },
  ruf: { type: 'string', multiple: true },
  adkim: { type: 'string' },
  aspf: { type: 'string' },
  fo: { type: 'string' },
  t: { type: 'string' },
  psd: { type: 'string' },
} as const;

/** `inkan dmarc build`: a valid RFC 9989 record, its zone line, and the authorization records external report destinations need. */
async function build(argv: string[], ctx: CliContext): Promise<number> {
  const { values, positionals } = parseCommandArgs(ctx, 'dmarc', argv, BUILD_OPTIONS);
  if (values.help) {
    ctx.out(ctx.t('audit.build.dmarc.help'));
    return EXIT.ok;
  }
  if (positionals.length) throw new UsageError(ctx.t('cli.error.extra-arguments', { args: positionals.join(' ') }), 'dmarc');
  if (values.domain === undefined) throw new UsageError(ctx.t('audit.build.dmarc.missing-domain'), 'dmarc');
  const input: DmarcBuildInput = { domain: values.domain };
  for (const key of ['p', 'sp', 'np', 'adkim', 'aspf', 'fo', 't', 'psd'] as const) if (values[key] !== undefined) input[key] = values[key];
  if (values.rua) input.rua = values.rua.flatMap((u) => u.split(','));
  if (values.ruf) input.ruf = values.ruf.flatMap((u) => u.split(','));
  const result = buildDmarcRecord(input);
  if (!result.ok) throw new UsageError(ctx.t('audit.build.dmarc.bad-value', { option: result.option, value: result.value }), 'dmarc');
  const zoneLine = `${result.name}. 3600 IN TXT ${quoteTxt(result.record)}`;
  if (values.json) {
    ctx.out(toJson({ ...result, zoneLine, external: result.external.map((e) => ({ ...e, zoneLine: `${e.name}. 3600 IN TXT ${quoteTxt(e.record)}` })) }));
    return EXIT.ok;
  }
  const lines = [ctx.t('audit.build.dmarc.record'), `  ${result.record}`, '', ctx.t('audit.build.dmarc.zone'), `  ${zoneLine}`];
  for (const e of result.external) lines.push('', ctx.t('audit.build.dmarc.external', { destination: e.destination }), `  ${e.name}. 3600 IN TXT ${quoteTxt(e.record)}`);
  if ((input.p ?? 'none') === 'none') lines.push('', ctx.t('audit.build.dmarc.p-none-note'));
  ctx.out(lines.join('\n'));
  return EXIT.ok;
}

async function run(argv: string[], ctx: CliContext): Promise<number> {
  if (argv[0] === 'build') return build(argv.slice(1), ctx);
  const { values, positionals } = parseCommandArgs(ctx, 'dmarc', argv, OPTIONS);
  if (values.help) {
    ctx.out(ctx.t('dmarc.cli.help'));
    return EXIT.ok;
  }
  const [domain, ...extra] = positionals;
  if (domain === undefined) throw new UsageError(ctx.t('dmarc.cli.missing-domain'), 'dmarc');
  if (extra.length) throw new UsageError(ctx.t('cli.error.extra-arguments', { args: extra.join(' ') }), 'dmarc');
  const timeout = parseMilliseconds(ctx, 'dmarc', 'timeout', values.timeout);
  const resolver = await resolverFromOptions(ctx, 'dmarc', { zone: values.zone, dns: values.dns, timeout });
  const mode = values.rfc7489 ? 'rfc7489' : 'rfc9989';
  const lookup = await lookupDmarcPolicy(domain, { resolver, mode, ...(values.psl ? { orgDomainMethod: 'psl' as const } : {}) });
  const verdict = lookupVerdict(lookup);
  if (values.json) ctx.out(toJson({ domain, verdict, ...lookup, warnings: policyWarnings(lookup) }));
  else ctx.out(renderDmarcLookup(lookup, ctx));
  return dmarcExitCode(verdict);
}

/** `inkan dmarc DOMAIN`: the DMARC policy that applies to a domain, where the tree walk found it, and what it means. */
export const dmarcCommand: Command = {
  name: 'dmarc',
  help: (ctx) => ctx.t('dmarc.cli.help'),
  run,
};
