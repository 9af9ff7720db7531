import type { mtaSts as en } from '../en/mtasts.js';

/** Japanese messages of mtasts: same ids and parameters as English. */
export const mtaSts: typeof en = {};
