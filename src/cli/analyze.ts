import { analyze } from '../analyze/index.js';
import { analyzeExitCode, renderAnalysis } from '../analyze/render.js';
import { COMMON_OPTIONS, DNS_OPTIONS, parseCommandArgs, parseMilliseconds } from './args.js';
import { EXIT, UsageError, type CliContext } from './context.js';
import { messageInput, parseNow } from './input.js';
import { toJson } from './json.js';
import { resolverFromOptions } from './resolver.js';
import type { Command } from './run.js';

const OPTIONS = {
  ...COMMON_OPTIONS,
  ...DNS_OPTIONS,
  'trust-authserv-id': { type: 'string', multiple: true },
  'trust-arc-sealer': { type: 'string', multiple: true },
  reverify: { type: 'boolean' },
  now: { type: 'string' },
  explain: { type: 'boolean' },
} as const;

/** Largest message read (a pasted message is far smaller; this keeps hostile input bounded). */
const MAX_MESSAGE = 64 * 1024 * 1024;

async function readAll(ctx: CliContext, input: AsyncIterable<Uint8Array | string>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of input) {
    const b = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length);
    size += b.length;
    if (size > MAX_MESSAGE) throw new UsageError(ctx.t('analyze.cli.too-large', { max: MAX_MESSAGE }), 'analyze');
    chunks.push(b);
  }
  return Buffer.concat(chunks);
}

async function run(argv: string[], ctx: CliContext): Promise<number> {
  const { values, positionals } = parseCommandArgs(ctx, 'analyze', argv, OPTIONS);
  if (values.help) {
    ctx.out(ctx.t('analyze.cli.help'));
    return EXIT.ok;
  }
  const [file, ...extra] = positionals;
  if (extra.length) throw new UsageError(ctx.t('cli.error.extra-arguments', { args: extra.join(' ') }), 'analyze');
  const now = parseNow(ctx, 'analyze', values.now) ?? Date.now();
  const timeout = parseMilliseconds(ctx, 'analyze', 'timeout', values.timeout);
  const resolver = values.reverify ? await resolverFromOptions(ctx, 'analyze', { zone: values.zone, dns: values.dns, timeout }) : undefined;
  const raw = await readAll(ctx, await messageInput(ctx, 'analyze', file));
  const result = await analyze(raw, {
    now,
    trustedAuthservIds: values['trust-authserv-id'] ?? [],
    trustedArcSealers: values['trust-arc-sealer'] ?? [],
    ...(resolver ? { reverify: true, resolver } : {}),
    ...(timeout !== undefined ? { timeout } : {}),
    trace: Boolean(values.explain),
  });
  ctx.out(values.json ? toJson(result) : renderAnalysis(result, ctx.lang, Boolean(values.explain)));
  return analyzeExitCode(result);
}

/** `inkan analyze FILE|-`: is this message really from who it claims, where did it travel, and why did a check fail. */
export const analyzeCommand: Command = {
  name: 'analyze',
  help: (ctx) => ctx.t('analyze.cli.help'),
  run,
};
