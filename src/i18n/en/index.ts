import { cli } from './cli.js';
import { dns } from './dns.js';
import { message } from './message.js';
import { spf } from './spf.js';
import { spfLint } from './spf-lint.js';

/** The English catalogue, one section per module. */
export const en = { ...cli, ...dns, ...message, ...spf, ...spfLint };
