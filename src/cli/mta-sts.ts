import { open, readFile } from 'node:fs/promises';
import { checkMtaSts } from '../mtasts/check.js';
import { explainMtaSts } from '../mtasts/explain.js';
import { MAX_POLICY_BYTES } from '../mtasts/fetch.js';
import { httpsPolicyFetcher } from '../mtasts/https.js';
import { isHostName } from '../message/domain.js';
import type { MtaStsVerdict, PolicyFetcher, PolicyFetchResult } from '../mtasts/types.js';
import { COMMON_OPTIONS, DNS_OPTIONS, parseCommandArgs, parseMilliseconds } from './args.js';
import { EXIT, UsageError, type CliContext } from './context.js';
import { toJson } from './json.js';
import { resolverFromOptions } from './resolver.js';
import type { Command } from './run.js';

const OPTIONS = {
  ...COMMON_OPTIONS,
  ...DNS_OPTIONS,
  policy: { type: 'string' },
  ca: { type: 'string' },
  port: { type: 'string' },
  explain: { type: 'boolean' },
} as const;

/** Exit code of `inkan mta-sts`: 0 pass, 1 fail or no record, 3 could not check. */
export function mtaStsExitCode(verdict: MtaStsVerdict): number {
  if (verdict === 'pass') return EXIT.ok;
  if (verdict === 'temperror') return EXIT.tempFail;
  return EXIT.notPass;
}

function reason(e: unknown): string {
  return (e as NodeJS.ErrnoException).code ?? (e instanceof Error ? e.message : String(e));
}

/** Read at most the policy size cap (and one byte more, to tell a file that is too big) from `file`. */
async function readPolicyFile(ctx: CliContext, file: string): Promise<PolicyFetchResult> {
  try {
    const handle = await open(file, 'r');
    try {
      const buffer = Buffer.alloc(MAX_POLICY_BYTES + 1);
      let size = 0;
      for (;;) {
        const { bytesRead } = await handle.read(buffer, size, buffer.length - size, null);
        if (bytesRead === 0) break;
        size += bytesRead;
        if (size > MAX_POLICY_BYTES) return { status: 'too-big', limit: MAX_POLICY_BYTES };
      }
      return { status: 'response', httpStatus: 200, contentType: 'text/plain', body: buffer.subarray(0, size), source: file };
    } finally {
      await handle.close();
    }
  } catch (e) {
    throw new UsageError(ctx.t('mtasts.cli.file', { file, reason: reason(e) }), 'mta-sts');
  }
}

async function run(argv: string[], ctx: CliContext): Promise<number> {
  const { values, positionals } = parseCommandArgs(ctx, 'mta-sts', argv, OPTIONS);
  if (values.help) {
    ctx.out(ctx.t('mtasts.cli.help'));
    return EXIT.ok;
  }
  const [given, ...extra] = positionals;
  if (given === undefined) throw new UsageError(ctx.t('mtasts.cli.missing-domain'), 'mta-sts');
  if (extra.length) throw new UsageError(ctx.t('cli.error.extra-arguments', { args: extra.join(' ') }), 'mta-sts');
  const domain = given.toLowerCase().replace(/\.$/, '');
  if (!isHostName(domain) || !domain.includes('.')) throw new UsageError(ctx.t('mtasts.cli.bad-domain', { domain: given }), 'mta-sts');
  if (values.policy !== undefined && (values.ca !== undefined || values.port !== undefined)) throw new UsageError(ctx.t('mtasts.cli.policy-and-https'), 'mta-sts');
  const timeout = parseMilliseconds(ctx, 'mta-sts', 'timeout', values.timeout);
  const port = values.port === undefined ? undefined : Number(values.port);
  if (port !== undefined && (!/^\d{1,5}$/.test(values.port!) || port < 1 || port > 65535)) {
    throw new UsageError(ctx.t('cli.error.bad-number', { option: 'port', value: values.port! }), 'mta-sts');
  }
  const resolver = await resolverFromOptions(ctx, 'mta-sts', { zone: values.zone, dns: values.dns, timeout });
  let fetch: PolicyFetcher;
  if (values.policy !== undefined) {
    const result = await readPolicyFile(ctx, values.policy);
    fetch = async () => result;
  } else {
    let ca: Buffer | undefined;
    if (values.ca !== undefined) {
      try {
        ca = await readFile(values.ca);
      } catch (e) {
        throw new UsageError(ctx.t('mtasts.cli.file', { file: values.ca, reason: reason(e) }), 'mta-sts');
      }
    }
    fetch = httpsPolicyFetcher({
      resolver,
      ...(ca ? { ca } : {}),
      ...(port !== undefined ? { port } : {}),
      ...(timeout !== undefined ? { timeout, connectTimeout: timeout } : {}),
    });
  }
  const check = await checkMtaSts(domain, { resolver, fetch, now: new Date() });
  if (values.json) ctx.out(toJson(check));
  else ctx.out(explainMtaSts(check, ctx.lang, { trace: Boolean(values.explain) }).join('\n'));
  return mtaStsExitCode(check.verdict);
}

/** `inkan mta-sts DOMAIN`: the MTA-STS record, policy and MX coverage, and the TLS-RPT record, each problem with its fix. */
export const mtaStsCommand: Command = {
  name: 'mta-sts',
  help: (ctx) => ctx.t('mtasts.cli.help'),
  run,
};
