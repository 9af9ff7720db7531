import { readFile } from 'node:fs/promises';
import { checkBimi, type BimiCheck, type BimiVerdict } from '../bimi/check.js';
import { renderBimiCheck } from '../bimi/explain.js';
import { httpsFetcher } from '../bimi/fetch.js';
import { COMMON_OPTIONS, DNS_OPTIONS, parseCommandArgs, parseMilliseconds } from './args.js';
import { EXIT, UsageError, type CliContext } from './context.js';
import { toJson } from './json.js';
import { resolverFromOptions } from './resolver.js';
import type { Command } from './run.js';

const OPTIONS = {
  ...COMMON_OPTIONS,
  ...DNS_OPTIONS,
  selector: { type: 'string' },
  'trust-store': { type: 'string' },
  ca: { type: 'string' },
  now: { type: 'string' },
  svg: { type: 'string' },
  vmc: { type: 'string' },
  explain: { type: 'boolean' },
  rfc7489: { type: 'boolean' },
} as const;

/** Largest local file read for --svg, --vmc, --trust-store or --ca. */
const MAX_FILE = 16 * 1024 * 1024;

/** Exit code of `inkan bimi`: 0 ready, 3 could not check, 1 anything else. */
export function bimiExitCode(verdict: BimiVerdict): number {
  if (verdict === 'ready') return EXIT.ok;
  if (verdict === 'temperror') return EXIT.tempFail;
  return EXIT.notPass;
}

async function readLocal(ctx: CliContext, file: string): Promise<Buffer> {
  try {
    const bytes = await readFile(file);
    if (bytes.length > MAX_FILE) throw Object.assign(new Error('too large'), { code: 'EFBIG' });
    return bytes;
  } catch (e) {
    const reason = (e as NodeJS.ErrnoException).code ?? String(e);
    throw new UsageError(ctx.t('bimi.cli.read-failed', { file, reason }), 'bimi');
  }
}

/** The `--json` view: everything but the embedded logo's octets (its hash is kept). */
function jsonView(check: BimiCheck): unknown {
  if (!check.certificate?.logo) return check;
  const { svg: _svg, ...logo } = check.certificate.logo;
  return { ...check, certificate: { ...check.certificate, logo } };
}

async function run(argv: string[], ctx: CliContext): Promise<number> {
  const { values, positionals } = parseCommandArgs(ctx, 'bimi', argv, OPTIONS);
  if (values.help) {
    ctx.out(ctx.t('bimi.cli.help'));
    return EXIT.ok;
  }
  const [domain, ...extra] = positionals;
  if (domain === undefined) throw new UsageError(ctx.t('bimi.cli.missing-domain'), 'bimi');
  if (extra.length) throw new UsageError(ctx.t('cli.error.extra-arguments', { args: extra.join(' ') }), 'bimi');
  const timeout = parseMilliseconds(ctx, 'bimi', 'timeout', values.timeout);
  let now = new Date();
  if (values.now !== undefined) {
    const parsed = /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(values.now) ? new Date(values.now) : new Date(NaN);
    if (Number.isNaN(parsed.getTime())) throw new UsageError(ctx.t('bimi.cli.bad-now', { value: values.now }), 'bimi');
    now = parsed;
  }
  const resolver = await resolverFromOptions(ctx, 'bimi', { zone: values.zone, dns: values.dns, timeout });
  const svg = values.svg === undefined ? undefined : { bytes: await readLocal(ctx, values.svg), path: values.svg };
  const evidence = values.vmc === undefined ? undefined : { pem: await readLocal(ctx, values.vmc), path: values.vmc };
  const trustStore = values['trust-store'] === undefined ? undefined : [await readLocal(ctx, values['trust-store'])];
  const ca = values.ca === undefined ? undefined : await readLocal(ctx, values.ca);
  const fetcher = httpsFetcher({ resolver, ...(ca ? { ca } : {}), ...(timeout ? { timeout } : {}) });
  const check = await checkBimi(domain, {
    resolver,
    now,
    fetcher,
    ...(values.selector !== undefined ? { selector: values.selector } : {}),
    ...(svg ? { svg } : {}),
    ...(evidence ? { evidence } : {}),
    ...(trustStore ? { trustStore } : {}),
    ...(values.rfc7489 ? { dmarcMode: 'rfc7489' as const } : {}),
  });
  if (values.json) ctx.out(toJson(jsonView(check)));
  else ctx.out(renderBimiCheck(check, ctx.lang, { explain: values.explain === true }).join('\n'));
  return bimiExitCode(check.verdict);
}

/** `inkan bimi DOMAIN`: the BIMI record, DMARC prerequisites, the logo and the mark certificate, each problem with its fix. */
export const bimiCommand: Command = {
  name: 'bimi',
  help: (ctx) => ctx.t('bimi.cli.help'),
  run,
};
