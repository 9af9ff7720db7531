import { readFile, writeFile } from 'node:fs/promises';
import { describeDkimSignError } from '../dkim/sign-explain.js';
import { checkSelector, checkSigningDomain } from '../dkim/sign-names.js';
import type { CanonicalizationSetting, DkimSignatureOptions } from '../dkim/sign-types.js';
import { signDkim } from '../dkim/sign.js';
import type { DkimSigningAlgorithm } from '../dkim/sign-key.js';
import { COMMON_OPTIONS, parseCommandArgs } from './args.js';
import { EXIT, UsageError, type CliContext } from './context.js';
import { toJson } from './json.js';
import type { Command } from './run.js';

const OPTIONS = {
  ...COMMON_OPTIONS,
  domain: { type: 'string' },
  selector: { type: 'string' },
  key: { type: 'string' },
  algorithm: { type: 'string' },
  canonicalization: { type: 'string' },
  headers: { type: 'string' },
  'no-oversign': { type: 'boolean' },
  identity: { type: 'string' },
  expires: { type: 'string' },
  'body-length': { type: 'boolean' },
  out: { type: 'string' },
} as const;


/** Largest message the command reads (the library streams; the command keeps the message to print it). */
const MAX_MESSAGE = 512 * 1024 * 1024;

function reason(e: unknown): string {
  return (e as NodeJS.ErrnoException).code ?? (e instanceof Error ? e.message : String(e));
}

async function readAll(source: AsyncIterable<Uint8Array | string>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of source) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk);
    size += bytes.length;
    if (size > MAX_MESSAGE) throw new Error(`larger than ${MAX_MESSAGE} octets`);
    chunks.push(bytes);
  }
  return Buffer.concat(chunks);
}

async function readInput(ctx: CliContext, file: string): Promise<Buffer> {
  try {
    return file === '-' ? await readAll(ctx.stdin) : await readFile(file);
  } catch (e) {
    throw new UsageError(ctx.t('dkim-sign.cli.cannot-read', { file: file === '-' ? 'stdin' : file, reason: reason(e) }), 'sign');
  }
}


function signatureOptions(ctx: CliContext, values: Record<string, string | boolean | undefined>, key: Buffer): DkimSignatureOptions {
  const spec: DkimSignatureOptions = { domain: values['domain'] as string, selector: values['selector'] as string, privateKey: key };
  if (values['algorithm'] !== undefined) spec.algorithm = values['algorithm'] as DkimSigningAlgorithm;
  if (values['canonicalization'] !== undefined) spec.canonicalization = values['canonicalization'] as CanonicalizationSetting;
  if (values['headers'] !== undefined) {
    spec.headers = (values['headers'] as string)
      .split(/[,:]/)
      .map((h) => h.trim())
      .filter(Boolean);
  }
  if (values['no-oversign']) spec.oversign = false;
  if (values['identity'] !== undefined) spec.identity = values['identity'] as string;
  if (values['body-length']) spec.bodyLength = true;
  const expires = values['expires'] as string | undefined;
  if (expires !== undefined) {
    if (!/^\d{1,10}$/.test(expires) || Number(expires) === 0) throw new UsageError(ctx.t('dkim-sign.cli.bad-expires', { value: expires }), 'sign');
    spec.expiresIn = Number(expires);
  }
  return spec;
}

async function sign(argv: string[], ctx: CliContext): Promise<number> {
  const { values, positionals } = parseCommandArgs(ctx, 'sign', argv, OPTIONS);
  if (values.help) {
    ctx.out(ctx.t('dkim-sign.help.sign'));
    return EXIT.ok;
  }
  const [file, ...extra] = positionals;
  if (file === undefined) throw new UsageError(ctx.t('dkim-sign.cli.missing-file'), 'sign');
  if (extra.length) throw new UsageError(ctx.t('cli.error.extra-arguments', { args: extra.join(' ') }), 'sign');
  for (const option of ['domain', 'selector', 'key'] as const) {
    if (values[option] === undefined) throw new UsageError(ctx.t('cli.error.missing-option', { option }), 'sign');
  }
  if (!checkSigningDomain(values.domain!).ok) throw new UsageError(ctx.t('dkim-sign.error.bad-domain', { value: values.domain! }), 'sign');
  if (!checkSelector(values.selector!).ok) throw new UsageError(ctx.t('dkim-sign.error.bad-selector', { value: values.selector! }), 'sign');
  let key: Buffer;
  try {
    key = await readFile(values.key!);
  } catch (e) {
    throw new UsageError(ctx.t('dkim-sign.cli.cannot-read', { file: values.key!, reason: reason(e) }), 'sign');
  }
  const spec = signatureOptions(ctx, values, key);
  const message = await readInput(ctx, file);
  const result = await signDkim(message, { signatures: [spec], now: Date.now() });
  if (!result.ok) {
    if (values.json) ctx.out(toJson({ ok: false, error: result.error }));
    ctx.err(`inkan: ${describeDkimSignError(result.error, ctx.lang, { numbered: false })}`);
    ctx.err(ctx.t('dkim-sign.cli.not-signed'));
    return EXIT.notPass;
  }
  const signed = Buffer.concat([Buffer.from(result.header, 'utf8'), message]);
  if (values.out !== undefined) {
    try {
      await writeFile(values.out, signed);
    } catch (e) {
      ctx.err(`inkan: ${ctx.t('dkim-sign.cli.cannot-write', { file: values.out, reason: reason(e) })}`);
      return EXIT.notPass;
    }
  }
  if (values.json) ctx.out(toJson(result));
  else if (values.out !== undefined) ctx.err(ctx.t('dkim-sign.cli.written', { file: values.out, count: result.signatures.length }));
  else ctx.outBytes(signed);
  return EXIT.ok;
}

/** `inkan sign FILE|-`: add a DKIM signature and print the signed message (or, with --json, the signature fields). */
export const signCommand: Command = {
  name: 'sign',
  help: (ctx) => ctx.t('dkim-sign.help.sign'),
  run: (argv, ctx) => sign(argv, ctx),
};
