import { EXIT, langFromArgv, makeContext, UsageError, type CliContext, type CliIo } from './context.js';
import { spfCommand } from './spf.js';
import { verifyCommand } from './verify.js';
import { dmarcCommand } from './dmarc.js';
import { signCommand } from './sign.js';
import { dkimCommand } from './dkim.js';
import { arcCommand } from './arc.js';
import { bimiCommand } from './bimi.js';
import { mtaStsCommand } from './mta-sts.js';
import { checkCommand } from './check.js';
import { analyzeCommand } from './analyze.js';
import { reportsCommand } from './reports.js';
import { toJson } from './json.js';
import { findPackage } from './package.js';

const version = (): string => findPackage()?.version ?? 'unknown';

/** One top-level command. */
export interface Command {
  name: string;
  run(argv: string[], ctx: CliContext): Promise<number>;
  /** The full `--help` text in the context's language. */
  help(ctx: CliContext): string;
}

const commands: Command[] = [
  spfCommand,
  verifyCommand,
  dmarcCommand,
  signCommand,
  dkimCommand,
  arcCommand,
  bimiCommand,
  mtaStsCommand,
  checkCommand,
  analyzeCommand,
  reportsCommand,
];

/** Run the CLI with `argv` (without node and script); returns the exit code. */
export async function run(argv: string[], io: CliIo): Promise<number> {
  const ctx = makeContext(langFromArgv(argv, io.env), io);
  const [name, ...rest] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    const topic = name === 'help' ? commands.find((c) => c.name === rest[0]) : undefined;
    ctx.out(topic ? topic.help(ctx) : ctx.t('cli.help.main', { version: version() }));
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  if (name === '--version' || name === '-V') {
    ctx.out(version());
    return EXIT.ok;
  }
  if (name.startsWith('--')) {
    return usage(ctx, new UsageError(ctx.t('cli.error.command-first')), argv);
  }
  const command = commands.find((c) => c.name === name);
  if (!command) return usage(ctx, new UsageError(ctx.t('cli.error.unknown-command', { command: name })), argv);
  try {
    return await command.run(rest, ctx);
  } catch (e) {
    if (e instanceof UsageError) return usage(ctx, e, argv);
    throw e;
  }
}

function usage(ctx: CliContext, error: UsageError, argv: string[]): number {
  if (argv.includes('--json')) ctx.out(toJson({ error: 'usage', message: error.message }));
  ctx.err(`inkan: ${error.message}`);
  ctx.err(ctx.t('cli.error.see-help', { command: error.command ? `inkan ${error.command} --help` : 'inkan --help' }));
  return EXIT.usage;
}
