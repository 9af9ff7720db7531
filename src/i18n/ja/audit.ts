import type { audit as en } from '../en/audit.js';

/** Japanese messages of audit: same ids and parameters as English. */
export const audit: typeof en = {};
