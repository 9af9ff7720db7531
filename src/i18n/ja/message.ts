import type { message as en } from '../en/message.js';

/** Japanese messages of the message module. */
export const message: typeof en = {
};
