import { EXIT, type CliContext } from './context.js';
import type { Command } from './run.js';

/** `inkan arc` (placeholder until its module lands). */
export const arcCommand: Command = {
  name: 'arc',
  async run(_argv: string[], ctx: CliContext): Promise<number> {
    ctx.err('inkan arc: not available yet');
    return EXIT.usage;
  },
  help: () => 'inkan arc',
};
