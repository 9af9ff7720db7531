import { appendFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { rowLine } from '../reports/generate/rows.js';
import { parseIp } from '../dns/ip.js';
import { explainArc } from '../arc/explain.js';
import { explainDkim } from '../dkim/explain.js';
import { explainDmarc } from '../dmarc/explain.js';
import { explainSpf } from '../spf/explain.js';
import { verify, type VerifyResult } from '../verify.js';
import { COMMON_OPTIONS, DNS_OPTIONS, parseCommandArgs, parseMilliseconds, SMTP_OPTIONS } from './args.js';
import { EXIT, UsageError, type CliContext } from './context.js';
import { messageInput, parseNow } from './input.js';
import { toJson } from './json.js';
import { resolverFromOptions } from './resolver.js';
import type { Command } from './run.js';

const OPTIONS = {
  ...COMMON_OPTIONS,
  ...DNS_OPTIONS,
  ...SMTP_OPTIONS,
  'dmarc-mode': { type: 'string' },
  'trusted-arc-sealer': { type: 'string', multiple: true },
  explain: { type: 'boolean' },
  'report-log': { type: 'string' },
} as const;

/** Exit code of a verification: DMARC decides (0 pass, 3 temperror, 1 otherwise). */
export function verifyExitCode(result: VerifyResult): number {
  if (result.dmarc.result === 'pass') return EXIT.ok;
  if (result.dmarc.result === 'temperror') return EXIT.tempFail;
  return EXIT.notPass;
}

/** The readable report: each check (with its steps under --explain), then the exact fields to prepend. */
export function renderVerify(result: VerifyResult, ctx: CliContext, steps: boolean): string {
  const lines: string[] = [];
  if (!result.message.ok) lines.push(ctx.t('verify.unreadable', { limit: result.message.error.limit, max: result.message.error.max }), '');
  lines.push(...explainSpf(result.spf, ctx.lang, { steps }), '');
  if (result.dkim.results.length === 0) lines.push(ctx.t('verify.no-dkim'), '');
  for (const r of result.dkim.results) lines.push(...explainDkim(r, ctx.lang, { steps }), '');
  if (result.dkim.notEvaluated.length) lines.push(ctx.t('verify.dkim-not-evaluated', { count: result.dkim.notEvaluated.length, limit: result.dkim.notEvaluated[0]!.limit }), '');
  lines.push(...explainDmarc(result.dmarc, ctx.lang, { steps }), '');
  if (result.arc.result !== 'none') lines.push(...explainArc(result.arc, ctx.lang, { steps }), '');
  const override = result.arcOverride;
  if (override && !override.applied) lines.push(ctx.t('arc.override.note', { domain: override.domain, instance: override.instance }), '');
  lines.push(ctx.t('verify.headers'), result.authenticationResults, result.receivedSpf);
  return lines.join('\n');
}

async function run(argv: string[], ctx: CliContext): Promise<number> {
  const { values, positionals } = parseCommandArgs(ctx, 'verify', argv, OPTIONS);
  if (values.help) {
    ctx.out(ctx.t('verify.help'));
    return EXIT.ok;
  }
  const [file, ...extra] = positionals;
  if (extra.length) throw new UsageError(ctx.t('cli.error.extra-arguments', { args: extra.join(' ') }), 'verify');
  if (values.ip === undefined) throw new UsageError(ctx.t('cli.error.missing-option', { option: 'ip' }), 'verify');
  if (!parseIp(values.ip)) throw new UsageError(ctx.t('cli.error.bad-ip', { value: values.ip }), 'verify');
  const mode = values['dmarc-mode'];
  if (mode !== undefined && mode !== 'rfc9989' && mode !== 'rfc7489') throw new UsageError(ctx.t('verify.error.dmarc-mode', { value: mode }), 'verify');
  const now = parseNow(ctx, 'verify', values.now);
  const timeout = parseMilliseconds(ctx, 'verify', 'timeout', values.timeout);
  const resolver = await resolverFromOptions(ctx, 'verify', { zone: values.zone, dns: values.dns, timeout });
  const message = await messageInput(ctx, 'verify', file);
  const result = await verify(message, {
    ip: values.ip,
    ...(values.helo !== undefined ? { helo: values.helo } : {}),
    ...(values['mail-from'] !== undefined ? { mailFrom: values['mail-from'] } : {}),
    authservId: values['authserv-id'] ?? hostname(),
    resolver,
    ...(now !== undefined ? { now } : {}),
    ...(mode ? { dmarc: { mode } } : {}),
    ...(values['trusted-arc-sealer'] ? { trustedArcSealers: values['trusted-arc-sealer'] } : {}),
    trace: Boolean(values.explain || values.json),
  });
  ctx.out(values.json ? toJson(result) : renderVerify(result, ctx, Boolean(values.explain)));
  // The DMARC evaluation row, appended for `inkan reports generate` (only mail that had a policy to report on).
  if (values['report-log'] !== undefined && result.dmarc.policy !== undefined) {
    await appendFile(values['report-log'], `${rowLine(result.dmarc.report, now ?? Date.now())}\n`);
  }
  return verifyExitCode(result);
}

/** `inkan verify FILE|-`: SPF, DKIM and DMARC for one message, and the header fields an MTA would add. */
export const verifyCommand: Command = {
  name: 'verify',
  help: (ctx) => ctx.t('verify.help'),
  run,
};
