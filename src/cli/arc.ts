import { readFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { describeArcSealError, explainArc } from '../arc/explain.js';
import { sealArc } from '../arc/seal.js';
import type { ArcResult, ArcSealOptions } from '../arc/types.js';
import { verifyArc } from '../arc/verify.js';
import { parseIp } from '../dns/ip.js';
import { verify } from '../verify.js';
import { COMMON_OPTIONS, DNS_OPTIONS, parseCommandArgs, parseMilliseconds } from './args.js';
import { EXIT, UsageError, type CliContext } from './context.js';
import { messageInput, parseNow } from './input.js';
import { toJson } from './json.js';
import { resolverFromOptions } from './resolver.js';
import type { Command } from './run.js';

const VERIFY_OPTIONS = { ...COMMON_OPTIONS, ...DNS_OPTIONS, explain: { type: 'boolean' } } as const;

const SEAL_OPTIONS = {
  ...COMMON_OPTIONS,
  ...DNS_OPTIONS,
  domain: { type: 'string' },
  selector: { type: 'string' },
  key: { type: 'string' },
  algorithm: { type: 'string' },
  'authserv-id': { type: 'string' },
  'auth-results': { type: 'string' },
  ip: { type: 'string' },
  helo: { type: 'string' },
  'mail-from': { type: 'string' },
  headers: { type: 'string' },
  now: { type: 'string' },
} as const;

/** Largest message `seal` reads (it prints the message back). */
const MAX_MESSAGE = 512 * 1024 * 1024;

/** Exit code of a chain validation: 0 pass, 3 temperror, 1 fail or none. */
export function arcExitCode(result: ArcResult): number {
  if (result.result === 'pass') return EXIT.ok;
  if (result.result === 'temperror') return EXIT.tempFail;
  return EXIT.notPass;
}

/** The chain as text: verdict, reason, each ARC Set and, with `steps`, every step. */
export function renderArc(result: ArcResult, ctx: CliContext, steps: boolean): string {
  return explainArc(result, ctx.lang, { steps }).join('\n');
}

function reason(e: unknown): string {
  return (e as NodeJS.ErrnoException).code ?? (e instanceof Error ? e.message : String(e));
}

async function readAll(ctx: CliContext, file: string): Promise<Buffer> {
  try {
    if (file !== '-') return await readFile(file);
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of ctx.stdin) {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk);
      size += bytes.length;
      if (size > MAX_MESSAGE) throw new Error(`larger than ${MAX_MESSAGE} octets`);
      chunks.push(bytes);
    }
    return Buffer.concat(chunks);
  } catch (e) {
    throw new UsageError(ctx.t('arc.cli.cannot-read', { file: file === '-' ? 'stdin' : file, reason: reason(e) }), 'arc');
  }
}

async function verifyAction(argv: string[], ctx: CliContext): Promise<number> {
  const { values, positionals } = parseCommandArgs(ctx, 'arc', argv, VERIFY_OPTIONS);
  if (values.help) {
    ctx.out(ctx.t('arc.cli.help'));
    return EXIT.ok;
  }
  const [file, ...extra] = positionals;
  if (extra.length) throw new UsageError(ctx.t('cli.error.extra-arguments', { args: extra.join(' ') }), 'arc');
  const timeout = parseMilliseconds(ctx, 'arc', 'timeout', values.timeout);
  const resolver = await resolverFromOptions(ctx, 'arc', { zone: values.zone, dns: values.dns, timeout });
  const message = await messageInput(ctx, 'arc', file);
  const result = await verifyArc(message, { resolver, trace: Boolean(values.explain || values.json) });
  ctx.out(values.json ? toJson(result) : renderArc(result, ctx, Boolean(values.explain)));
  return arcExitCode(result);
}

async function sealAction(argv: string[], ctx: CliContext): Promise<number> {
  const { values, positionals } = parseCommandArgs(ctx, 'arc', argv, SEAL_OPTIONS);
  if (values.help) {
    ctx.out(ctx.t('arc.cli.help'));
    return EXIT.ok;
  }
  const [file, ...extra] = positionals;
  if (file === undefined) throw new UsageError(ctx.t('cli.error.missing-file'), 'arc');
  if (extra.length) throw new UsageError(ctx.t('cli.error.extra-arguments', { args: extra.join(' ') }), 'arc');
  for (const option of ['domain', 'selector', 'key'] as const) {
    if (values[option] === undefined) throw new UsageError(ctx.t('cli.error.missing-option', { option }), 'arc');
  }
  if (values.ip !== undefined && !parseIp(values.ip)) throw new UsageError(ctx.t('cli.error.bad-ip', { value: values.ip }), 'arc');
  const algorithm = values.algorithm;
  if (algorithm !== undefined && algorithm !== 'rsa-sha256' && algorithm !== 'ed25519-sha256') {
    throw new UsageError(describeArcSealError({ code: 'unsupported-algorithm', detail: algorithm }, ctx.lang), 'arc');
  }
  const now = parseNow(ctx, 'arc', values.now) ?? Date.now();
  const timeout = parseMilliseconds(ctx, 'arc', 'timeout', values.timeout);
  const resolver = await resolverFromOptions(ctx, 'arc', { zone: values.zone, dns: values.dns, timeout });
  let key: Buffer;
  try {
    key = await readFile(values.key!);
  } catch (e) {
    throw new UsageError(ctx.t('arc.cli.cannot-read', { file: values.key!, reason: reason(e) }), 'arc');
  }
  const message = await readAll(ctx, file);
  const options: ArcSealOptions = { domain: values.domain!, selector: values.selector!, privateKey: key, now, resolver };
  if (algorithm !== undefined) options.algorithm = algorithm;
  if (values.headers !== undefined) options.headers = values.headers.split(/[,:]/).map((h) => h.trim()).filter(Boolean);
  if (values['auth-results'] !== undefined) options.authResults = values['auth-results'];
  else if (values.ip !== undefined) {
    // Seal as the receiving MTA would: this host's own SPF, DKIM, DMARC and ARC results go into the AAR.
    const checked = await verify(message, {
      ip: values.ip,
      ...(values.helo !== undefined ? { helo: values.helo } : {}),
      ...(values['mail-from'] !== undefined ? { mailFrom: values['mail-from'] } : {}),
      authservId: values['authserv-id'] ?? hostname(),
      resolver,
      now,
      trace: false,
    });
    options.authResults = checked.authenticationResults;
    if (checked.arc.result !== 'none') options.chain = checked.arc;
  } else if (values['authserv-id'] !== undefined) options.authservId = values['authserv-id'];
  const result = await sealArc(message, options);
  if (!result.ok) {
    if (values.json) ctx.out(toJson({ ok: false, error: result.error, chain: result.chain?.result }));
    ctx.err(`inkan: ${describeArcSealError(result.error, ctx.lang)}`);
    ctx.err(ctx.t('arc.cli.not-sealed'));
    return result.error.code === 'chain-temperror' ? EXIT.tempFail : EXIT.notPass;
  }
  if (values.json) {
    ctx.out(toJson({ ok: true, instance: result.instance, cv: result.cv, seal: result.seal, messageSignature: result.messageSignature, authResults: result.authResults, chain: result.chain.result }));
  } else ctx.outBytes(Buffer.concat([Buffer.from(result.header, 'utf8'), message]));
  return EXIT.ok;
}

async function run(argv: string[], ctx: CliContext): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h') || argv[0] === 'help') {
    ctx.out(ctx.t('arc.cli.help'));
    return EXIT.ok;
  }
  // The action is the first word that is not an option (`inkan arc --lang ja verify FILE` works too).
  const at = argv.findIndex((a) => !a.startsWith('-') && (a === 'verify' || a === 'seal' || argv.indexOf(a) === 0));
  const action = at === -1 ? undefined : argv[at];
  if (action === undefined) throw new UsageError(ctx.t('arc.cli.missing-action'), 'arc');
  const rest = [...argv.slice(0, at), ...argv.slice(at + 1)];
  if (action === 'verify') return verifyAction(rest, ctx);
  if (action === 'seal') return sealAction(rest, ctx);
  throw new UsageError(ctx.t('arc.cli.unknown-action', { action }), 'arc');
}

/** `inkan arc verify|seal`: validate an ARC chain, or add an ARC Set as an intermediary (RFC 8617). */
export const arcCommand: Command = {
  name: 'arc',
  help: (ctx) => ctx.t('arc.cli.help'),
  run,
};
