import { parseArgs, type ParseArgsConfig } from 'node:util';

/** What parseArgs returns for a command's options. */
export type ParsedArgs<O extends Options> = ReturnType<typeof parseArgs<{ options: O; allowPositionals: true; strict: true }>>;
import type { CliContext } from './context.js';
import { UsageError } from './context.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/** Options every command accepts. */
export const COMMON_OPTIONS = {
  lang: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies Options;

/** Options of every command that resolves names. */
export const DNS_OPTIONS = {
  zone: { type: 'string', multiple: true },
  dns: { type: 'string', multiple: true },
  timeout: { type: 'string' },
} as const satisfies Options;

/** The SMTP facts of a received message, for the commands that verify one as a receiving server would. */
export const SMTP_OPTIONS = {
  ip: { type: 'string' },
  helo: { type: 'string' },
  'mail-from': { type: 'string' },
  'authserv-id': { type: 'string' },
  now: { type: 'string' },
} as const satisfies Options;

/** Parse a command's arguments; unknown options and missing values become a UsageError in the user's language. */
export function parseCommandArgs<O extends Options>(ctx: CliContext, command: string, argv: string[], options: O): ParsedArgs<O> {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const option = /'(-[^'\s]+)/.exec(message)?.[1] ?? message;
    const code = (e as { code?: string }).code;
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') throw new UsageError(ctx.t('cli.error.unknown-option', { option }), command);
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') throw new UsageError(ctx.t('cli.error.option-value', { option }), command);
    throw new UsageError(message, command);
  }
}

/** Parse a positive whole number of milliseconds. */
export function parseMilliseconds(ctx: CliContext, command: string, option: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{1,7}$/.test(value) || Number(value) === 0) throw new UsageError(ctx.t('cli.error.bad-number', { option, value }), command);
  return Number(value);
}
