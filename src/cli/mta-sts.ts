import { EXIT, type CliContext } from './context.js';
import type { Command } from './run.js';

/** `inkan mta-sts` (placeholder until its module lands). */
export const mtaStsCommand: Command = {
  name: 'mta-sts',
  async run(_argv: string[], ctx: CliContext): Promise<number> {
    ctx.err('inkan mta-sts: not available yet');
    return EXIT.usage;
  },
  help: () => 'inkan mta-sts',
};
