import type { dns as en } from '../en/dns.js';

/** Japanese messages of the dns module. */
export const dns: typeof en = {
};
