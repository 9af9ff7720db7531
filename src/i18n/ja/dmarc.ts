import type { dmarc as en } from '../en/dmarc.js';

/** Japanese messages of the dmarc module. */
export const dmarc: typeof en = {
};
