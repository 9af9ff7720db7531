import type { bimi as en } from '../en/bimi.js';

/** Japanese messages of bimi: same ids and parameters as English. */
export const bimi: typeof en = {};
