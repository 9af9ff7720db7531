import type { dkim as en } from '../en/dkim.js';

/** Japanese messages of the dkim module. */
export const dkim: typeof en = {
};
