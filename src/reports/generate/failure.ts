import { createHash, randomUUID } from 'node:crypto';
import type { AggregateReportRow, FailureOption } from '../../dmarc/types.js';
import { parseFailureReport } from '../failure.js';
import { parseMime } from '../mime.js';
import type { Reporter } from './aggregate.js';

/** Why a failure report is due, in the words of `fo` (RFC 9991 §3, RFC 9989 §4.7). */
export type FailureTrigger = '0' | '1' | 'd' | 's';

/** Largest part of the original header copied into a report (RFC 9991 §5: privacy, size). */
export const MAX_REPORTED_HEADER = 64 * 1024;

/**
 * Which of the requested `fo` options this evaluation meets: `0` when no mechanism gave an aligned
 * pass (DMARC failed), `1` when any mechanism did not give an aligned pass, `d` when a DKIM signature
 * failed to verify (aligned or not), `s` when SPF failed (aligned or not).
 */
export function failureTriggers(fo: readonly FailureOption[], row: AggregateReportRow): FailureTrigger[] {
  const pe = row.policyEvaluated;
  const hit: Record<FailureTrigger, boolean> = {
    '0': pe.dkim !== 'pass' && pe.spf !== 'pass',
    '1': pe.dkim !== 'pass' || pe.spf !== 'pass',
    d: row.authResults.dkim.some((d) => d.result !== 'pass' && d.result !== 'none'),
    s: row.authResults.spf.some((s) => s.result !== 'pass' && s.result !== 'none' && s.result !== 'neutral'),
  };
  return fo.filter((o): o is FailureTrigger => hit[o as FailureTrigger]);
}

/** What a failure report says about the message. */
export interface FailureReportInput {
  reporter: Reporter;
  /** The row of the failed evaluation (source, results, identifiers). */
  row: AggregateReportRow;
  /** The header of the reported message (bytes up to the blank line), copied as `text/rfc822-headers`. */
  originalHeader: Uint8Array;
  /** The Authentication-Results field value this receiver added. */
  authenticationResults?: string;
  /** The SMTP MAIL FROM address (`Original-Mail-From`); the row holds only its domain. */
  originalMailFrom?: string;
  /** When the message arrived. */
  arrivalDate: Date;
  /** What became of the message: `delivered`, `spam`, `policy`, `reject`, `other` (RFC 6591 §3.2). */
  deliveryResult?: 'delivered' | 'spam' | 'policy' | 'reject' | 'other';
  /** The report's own date and Message-ID (defaults: `arrivalDate`, random). */
  now?: Date;
  messageId?: string;
}

/** A failure report ready to send: recipients go in the SMTP envelope; `raw` is the whole message. */
export interface FailureReportMessage {
  subject: string;
  messageId: string;
  raw: string;
}

/** Header field value without line breaks (values come from strangers' messages). */
function flat(value: string): string {
  return value.replace(/[\r\n]+[ \t]*/g, ' ').replace(/[^\t\x20-\x7e]/g, '?').slice(0, 998);
}

/** `Identity-Alignment` (RFC 9991 §3.1): the aligned mechanisms that passed, or `none`. */
function identityAlignment(row: AggregateReportRow): string {
  const passed = [row.policyEvaluated.dkim === 'pass' ? 'dkim' : '', row.policyEvaluated.spf === 'pass' ? 'spf' : ''].filter(Boolean);
  return passed.length ? passed.join(', ') : 'none';
}

/**
 * An RFC 9991 failure report in the Abuse Reporting Format (RFC 5965 / 6591): `multipart/report` with a
 * human-readable part, a `message/feedback-report` part (`Feedback-Type: auth-failure`, `Auth-Failure: dmarc`,
 * `Identity-Alignment`, `Reported-Domain`, `Source-IP`, DKIM details) and the original header as
 * `text/rfc822-headers` (no body: RFC 9991 §5 privacy).
 */
export function buildFailureReport(input: FailureReportInput): FailureReportMessage {
  const { row, reporter } = input;
  const domain = row.identifiers.headerFrom;
  const boundary = `inkan-${randomUUID()}`;
  const messageId = input.messageId ?? `<${randomUUID()}@${reporter.domain}>`;
  const subject = `DMARC failure report for ${domain} from ${row.sourceIp ?? 'unknown source'}`;
  const header = Buffer.from(input.originalHeader.subarray(0, MAX_REPORTED_HEADER)).toString('latin1').replace(/\r?\n/g, '\r\n').replace(/(\r\n)*$/, '\r\n');
  const failedDkim = row.authResults.dkim.find((d) => d.result !== 'pass');
  const fields = [
    'Feedback-Type: auth-failure',
    `User-Agent: ${flat(reporter.generator ?? 'inkan')}`,
    'Version: 1',
    'Auth-Failure: dmarc',
    `Identity-Alignment: ${identityAlignment(row)}`,
    `Reported-Domain: ${flat(domain)}`,
    ...(row.sourceIp ? [`Source-IP: ${row.sourceIp}`] : []),
    `Arrival-Date: ${input.arrivalDate.toUTCString().replace('GMT', '+0000')}`,
    ...(input.originalMailFrom !== undefined ? [`Original-Mail-From: <${flat(input.originalMailFrom.replace(/^<|>$/g, ''))}>`] : []),
    ...(input.authenticationResults ? [`Authentication-Results: ${flat(input.authenticationResults)}`] : []),
    ...(failedDkim ? [`DKIM-Domain: ${flat(failedDkim.domain)}`, `DKIM-Selector: ${flat(failedDkim.selector)}`] : []),
    ...(input.deliveryResult ? [`Delivery-Result: ${input.deliveryResult}`] : []),
    `Reporting-MTA: dns; ${flat(reporter.domain)}`,
  ];
  const human = [
    `This is a DMARC failure report (RFC 9991) from ${flat(reporter.orgName)} for mail claiming to be from ${flat(domain)}.`,
    `Source IP: ${row.sourceIp ?? 'unknown'}; DKIM aligned: ${row.policyEvaluated.dkim}; SPF aligned: ${row.policyEvaluated.spf}; disposition: ${row.policyEvaluated.disposition}.`,
  ];
  const raw = [
    `From: ${flat(reporter.email)}`,
    `Date: ${(input.now ?? input.arrivalDate).toUTCString().replace('GMT', '+0000')}`,
    `Subject: ${flat(subject)}`,
    `Message-ID: ${messageId}`,
    'MIME-Version: 1.0',
    `Content-Type: multipart/report; report-type=feedback-report; boundary="${boundary}"`,
    '',
    `--${boundary}`,
    'Content-Type: text/plain; charset=us-ascii',
    '',
    ...human,
    '',
    `--${boundary}`,
    'Content-Type: message/feedback-report',
    '',
    ...fields,
    '',
    `--${boundary}`,
    'Content-Type: text/rfc822-headers; charset=us-ascii',
    '',
    header,
    `--${boundary}--`,
    '',
  ].join('\r\n');
  return { subject, messageId, raw };
}

/** File name of a failure report kept on disk: `receiver!policy-domain!arrival!id.eml` (after the aggregate names of RFC 9990). */
export function failureReportFilename(reporter: Reporter, policyDomain: string, arrivalDate: Date, messageId: string): string {
  const id = createHash('sha256').update(messageId).digest('hex').slice(0, 16);
  return `${reporter.domain.toLowerCase()}!${policyDomain.toLowerCase()}!${Math.floor(arrivalDate.getTime() / 1000)}!${id}.eml`;
}

/**
 * Read a built report back with inkan's own failure-report parser, as a domain owner would, and list what
 * does not come out as it went in (empty: the report is sound).
 */
export function checkFailureReport(message: FailureReportMessage, row: AggregateReportRow): string[] {
  const mime = parseMime(Buffer.from(message.raw, 'latin1'));
  if (!mime) return ['not a MIME message'];
  const parsed = parseFailureReport(mime);
  const expected: Array<[string, string | undefined, string | undefined]> = [
    ['format', parsed.format, 'arf'],
    ['Feedback-Type', parsed.feedbackType, 'auth-failure'],
    ['Auth-Failure', parsed.authFailure, 'dmarc'],
    ['Reported-Domain', parsed.reportedDomain, row.identifiers.headerFrom.toLowerCase()],
    ['Source-IP', parsed.sourceIp, row.sourceIp],
    ['Message-ID', parsed.messageId, message.messageId],
  ];
  const problems = expected.filter(([, got, want]) => got !== want).map(([name, got, want]) => `${name}: ${got ?? '(missing)'} instead of ${want ?? '(none)'}`);
  if (parsed.originalHeaders === undefined) problems.push('the original header is missing');
  return problems;
}
