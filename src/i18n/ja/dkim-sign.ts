import type { dkimSign as en } from '../en/dkim-sign.js';

/** Japanese messages of the dkim-sign module. */
export const dkimSign: typeof en = {
};
