import { EXIT, type CliContext } from './context.js';
import type { Command } from './run.js';

/** `inkan bimi` (placeholder until its module lands). */
export const bimiCommand: Command = {
  name: 'bimi',
  async run(_argv: string[], ctx: CliContext): Promise<number> {
    ctx.err('inkan bimi: not available yet');
    return EXIT.usage;
  },
  help: () => 'inkan bimi',
};
