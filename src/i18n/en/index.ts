import { cli } from './cli.js';
import { dns } from './dns.js';
import { message } from './message.js';
import { spf } from './spf.js';
import { spfLint } from './spf-lint.js';
import { dkim } from './dkim.js';
import { dkimSign } from './dkim-sign.js';
import { dmarc } from './dmarc.js';
import { authres } from './authres.js';
import { verify } from './verify.js';
import { arc } from './arc.js';
import { bimi } from './bimi.js';
import { mtaSts } from './mtasts.js';
import { audit } from './audit.js';
import { analyze } from './analyze.js';
import { reports } from './reports.js';
import { reportsIo } from './reports-io.js';

/** The English catalogue, one section per module. */
export const en = { ...cli, ...dns, ...message, ...spf, ...spfLint, ...dkim, ...dkimSign, ...dmarc, ...authres, ...verify, ...arc, ...bimi, ...mtaSts, ...audit, ...analyze, ...reports, ...reportsIo };
