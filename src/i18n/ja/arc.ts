import type { arc as en } from '../en/arc.js';

/** Japanese messages of arc: same ids and parameters as English. */
export const arc: typeof en = {};
