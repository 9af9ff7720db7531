import type { cli as en } from '../en/cli.js';

/** Japanese messages of the command line. */
export const cli: typeof en = {
};
