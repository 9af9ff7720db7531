import { EXIT, type CliContext } from './context.js';
import type { Command } from './run.js';

/** `inkan check` (placeholder until its module lands). */
export const checkCommand: Command = {
  name: 'check',
  async run(_argv: string[], ctx: CliContext): Promise<number> {
    ctx.err('inkan check: not available yet');
    return EXIT.usage;
  },
  help: () => 'inkan check',
};
