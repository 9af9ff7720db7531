import { detectLang, parseLang, translator, type Lang, type Translate } from '../i18n/index.js';

/** Exit codes shared by every command (documented in the README). */
export const EXIT = {
  /** The check passed / nothing wrong was found. */
  ok: 0,
  /** The check ran and the answer is not a pass (fail, softfail, neutral, none, permerror, or error findings). */
  notPass: 1,
  /** The command line was wrong. */
  usage: 2,
  /** A temporary failure (DNS timeout, SERVFAIL): try again later. */
  tempFail: 3,
} as const;

/** What a command may touch: its output streams, the environment and the language. */
export interface CliContext {
  lang: Lang;
  t: Translate;
  out: (text: string) => void;
  err: (text: string) => void;
  /** Write octets to standard output exactly (a signed message must not pass through a text decoder). */
  outBytes: (bytes: Uint8Array) => void;
  /** Standard input, for `-`. */
  stdin: AsyncIterable<Uint8Array | string>;
  env: Record<string, string | undefined>;
  /** Whether stdout is a terminal (progress bars, colour). */
  isTty: boolean;
}

/** The process's streams and environment, as a command sees them. */
export type CliIo = Omit<CliContext, 'lang' | 't'>;

/** A mistake on the command line: printed with a hint, exit code 2. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly command?: string,
  ) {
    super(message);
  }
}

/** Find `--lang X` / `--lang=X` anywhere in argv, else the environment's language. */
export function langFromArgv(argv: readonly string[], env: Record<string, string | undefined>): Lang {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = arg === '--lang' ? argv[i + 1] : arg.startsWith('--lang=') ? arg.slice(7) : undefined;
    if (value !== undefined) return parseLang(value) ?? detectLang(env);
  }
  return detectLang(env);
}

/** Build a context for `lang`. */
export function makeContext(lang: Lang, io: CliIo): CliContext {
  return { lang, t: translator(lang), ...io };
}
