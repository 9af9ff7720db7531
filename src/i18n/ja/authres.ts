import type { authres as en } from '../en/authres.js';

/** Japanese messages of the authres module. */
export const authres: typeof en = {
};
