import type { spfLint as en } from '../en/spf-lint.js';

/** Japanese messages of the SPF lint. */
export const spfLint: typeof en = {
};
