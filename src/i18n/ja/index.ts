import type { en } from '../en/index.js';
import { cli } from './cli.js';
import { dns } from './dns.js';
import { message } from './message.js';
import { spf } from './spf.js';
import { spfLint } from './spf-lint.js';

/** The Japanese catalogue: same ids and parameters as English. */
export const ja: typeof en = { ...cli, ...dns, ...message, ...spf, ...spfLint };
