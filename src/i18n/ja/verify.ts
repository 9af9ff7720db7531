import type { verify as en } from '../en/verify.js';

/** Japanese messages of the verify module. */
export const verify: typeof en = {
};
