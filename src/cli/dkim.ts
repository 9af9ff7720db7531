import { writeFile } from 'node:fs/promises';
import { DEFAULT_RSA_BITS, generateDkimKey, MAX_RSA_BITS, type DkimKeyPair } from '../dkim/keygen.js';
import { MIN_RSA_BITS } from '../dkim/key.js';
import { checkSelector, checkSigningDomain } from '../dkim/sign-names.js';
import { COMMON_OPTIONS, parseCommandArgs } from './args.js';
import { EXIT, UsageError, type CliContext } from './context.js';
import { toJson } from './json.js';
import type { Command } from './run.js';

const KEYGEN_OPTIONS = {
  ...COMMON_OPTIONS,
  domain: { type: 'string' },
  selector: { type: 'string' },
  type: { type: 'string' },
  bits: { type: 'string' },
  testing: { type: 'boolean' },
  out: { type: 'string' },
} as const;

/** The record as a DNS provider's form wants it: the name relative to the domain's zone, and the value. */
function publishLines(ctx: CliContext, key: DkimKeyPair): string[] {
  return [
    ctx.t('dkim-sign.cli.publish', { name: key.name, domain: key.domain }),
    '',
    `  ${key.zoneLine}`,
    '',
    ctx.t('dkim-sign.cli.publish-fields', { host: `${key.selector}._domainkey`, value: key.record }),
    '',
    ctx.t('dkim-sign.cli.then', { domain: key.domain, selector: key.selector }),
  ];
}

/** Write a file that must not exist yet; `mode` for the private key. Returns an error sentence, or undefined. */
async function writeNew(ctx: CliContext, file: string, data: string, mode: number): Promise<string | undefined> {
  try {
    await writeFile(file, data, { flag: 'wx', mode });
    return undefined;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return ctx.t('dkim-sign.cli.exists', { file });
    return ctx.t('dkim-sign.cli.cannot-write', { file, reason: code ?? String(e) });
  }
}

async function keygen(argv: string[], ctx: CliContext): Promise<number> {
  const { values, positionals } = parseCommandArgs(ctx, 'dkim', argv, KEYGEN_OPTIONS);
  if (values.help) {
    ctx.out(ctx.t('dkim-sign.help.dkim'));
    return EXIT.ok;
  }
  if (positionals.length) throw new UsageError(ctx.t('cli.error.extra-arguments', { args: positionals.join(' ') }), 'dkim');
  for (const option of ['domain', 'selector'] as const) {
    if (values[option] === undefined) throw new UsageError(ctx.t('cli.error.missing-option', { option }), 'dkim');
  }
  if (!checkSigningDomain(values.domain!).ok) throw new UsageError(ctx.t('dkim-sign.error.bad-domain', { value: values.domain! }), 'dkim');
  if (!checkSelector(values.selector!).ok) throw new UsageError(ctx.t('dkim-sign.error.bad-selector', { value: values.selector! }), 'dkim');
  const type = values.type ?? 'rsa';
  if (type !== 'rsa' && type !== 'ed25519') throw new UsageError(ctx.t('dkim-sign.cli.bad-type', { value: type }), 'dkim');
  let bits: number | undefined;
  if (values.bits !== undefined) {
    if (type !== 'rsa') throw new UsageError(ctx.t('dkim-sign.cli.bits-for-rsa'), 'dkim');
    bits = /^\d{1,5}$/.test(values.bits) ? Number(values.bits) : NaN;
    if (!(bits >= MIN_RSA_BITS && bits <= MAX_RSA_BITS)) throw new UsageError(ctx.t('dkim-sign.cli.bad-bits', { value: values.bits }), 'dkim');
  }
  const key = await generateDkimKey({
    type,
    domain: values.domain!,
    selector: values.selector!,
    ...(type === 'rsa' ? { bits: bits ?? DEFAULT_RSA_BITS } : {}),
    ...(values.testing ? { testing: true } : {}),
  });
  const files = values.out !== undefined ? { privateKey: `${values.out}.private`, zoneLine: `${values.out}.txt` } : undefined;
  if (files) {
    const problem =
      (await writeNew(ctx, files.privateKey, key.privateKeyPem, 0o600)) ?? (await writeNew(ctx, files.zoneLine, `${key.zoneLine}\n`, 0o644));
    if (problem) {
      ctx.err(`inkan: ${problem}`);
      return EXIT.notPass;
    }
  }
  const { privateKey: _object, privateKeyPem, ...publicPart } = key;
  if (values.json) {
    ctx.out(toJson({ ...publicPart, ...(files ? { files } : { privateKeyPem }) }));
    return EXIT.ok;
  }
  const lines: string[] = files
    ? [ctx.t('dkim-sign.cli.private-key-written', { file: files.privateKey }), ctx.t('dkim-sign.cli.zone-written', { file: files.zoneLine }), '']
    : [ctx.t('dkim-sign.cli.private-key'), '', privateKeyPem.trimEnd(), ''];
  ctx.out([...lines, ...publishLines(ctx, key)].join('\n'));
  return EXIT.ok;
}

/** `inkan dkim keygen`: make a DKIM key pair and print the DNS record that publishes it. */
export const dkimCommand: Command = {
  name: 'dkim',
  help: (ctx) => ctx.t('dkim-sign.help.dkim'),
  run: async (argv, ctx) => {
    const [sub, ...rest] = argv;
    if (sub === 'keygen') return keygen(rest, ctx);
    if (sub === '--help' || sub === '-h') {
      ctx.out(ctx.t('dkim-sign.help.dkim'));
      return EXIT.ok;
    }
    if (sub === undefined) throw new UsageError(ctx.t('dkim-sign.cli.missing-subcommand'), 'dkim');
    throw new UsageError(ctx.t('dkim-sign.cli.unknown-subcommand', { command: sub }), 'dkim');
  },
};
