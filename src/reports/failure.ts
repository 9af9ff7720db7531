import { getField, getFields } from '../message/header.js';
import { splitMessage } from '../message/split.js';
import { parseMailbox } from '../message/address.js';
import type { HeaderField } from '../message/types.js';
import type { MimeMessage } from './mime.js';
import type { FailureReport } from './types.js';

/** Longest original-header text kept. */
const MAX_ORIGINAL_HEADERS = 64 * 1024;

const FIELD_KEYS: Record<string, keyof FailureReport> = {
  'feedback-type': 'feedbackType',
  'user-agent': 'userAgent',
  version: 'version',
  'reported-domain': 'reportedDomain',
  'source-ip': 'sourceIp',
  'arrival-date': 'arrivalDate',
  'received-date': 'arrivalDate',
  'auth-failure': 'authFailure',
  'delivery-result': 'deliveryResult',
  'original-mail-from': 'originalMailFrom',
  'reporting-mta': 'reportingMta',
  'dkim-domain': 'dkimDomain',
  'dkim-selector': 'dkimSelector',
  'dkim-identity': 'dkimIdentity',
  'spf-dns': 'spfDns',
};

function domainOfAddress(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const parsed = parseMailbox(value);
  if (parsed.ok && parsed.mailbox.domain) return parsed.mailbox.domain.toLowerCase();
  const at = /@([A-Za-z0-9.-]+)/.exec(value);
  return at?.[1]?.toLowerCase();
}

/** Copy the RFC 5965 / 6591 fields out of a list of `Name: value` fields. */
function readFields(fields: HeaderField[], report: FailureReport): void {
  for (const f of fields) {
    const key = FIELD_KEYS[f.name.toLowerCase()];
    const value = f.value.slice(0, 1000);
    if (key && value && report[key] === undefined) (report as unknown as Record<string, string>)[key] = value;
  }
  const rcpts = getFields(fields, 'original-rcpt-to').map((f) => f.value.slice(0, 500)).slice(0, 50);
  if (rcpts.length) report.originalRcptTo = rcpts;
  const ar = getFields(fields, 'authentication-results').map((f) => f.value.slice(0, 2000)).slice(0, 20);
  if (ar.length) report.authenticationResults = [...(report.authenticationResults ?? []), ...ar];
  if (report.reportedDomain) report.reportedDomain = report.reportedDomain.toLowerCase();
  if (report.feedbackType) report.feedbackType = report.feedbackType.toLowerCase();
}

/** `Name: value` lines of a plain-text body read as header fields (for plain failure reports). */
function textFields(content: Uint8Array): HeaderField[] {
  const text = Buffer.from(content.subarray(0, 256 * 1024)).toString('utf8');
  const lines = text.split(/\r?\n/).filter((l) => /^[A-Za-z][A-Za-z0-9-]{1,40}:\s*\S/.test(l)).join('\r\n');
  const split = splitMessage(Buffer.from(`${lines}\r\n\r\n`));
  return split.ok ? split.fields : [];
}

/** Whether a message looks like a failure report: an ARF part, multipart/report, or a reported message's headers. */
export function looksLikeFailureReport(message: MimeMessage): boolean {
  if (message.parts.some((p) => p.contentType === 'message/feedback-report')) return true;
  if (message.contentType === 'multipart/report') return true;
  const subject = getField(message.fields, 'subject')?.value ?? '';
  if (/\b(failure|forensic)\s+report\b|\bauth(entication)?[- ]failure\b/i.test(subject)) return true;
  return message.parts.some((p) => p.contentType === 'text/rfc822-headers' || p.contentType === 'message/rfc822-headers');
}

/** Read a failure report (RFC 5965 ARF with RFC 6591 / RFC 9991 fields, or a plain-text one). */
export function parseFailureReport(message: MimeMessage): FailureReport {
  const arfPart = message.parts.find((p) => p.contentType === 'message/feedback-report');
  const report: FailureReport = { format: arfPart ? 'arf' : 'plain' };
  if (arfPart) {
    const split = splitMessage(Buffer.concat([Buffer.from(arfPart.content), Buffer.from('\r\n\r\n')]));
    if (split.ok) readFields(split.fields, report);
  } else {
    for (const part of message.parts) if (part.contentType.startsWith('text/plain')) readFields(textFields(part.content), report);
  }
  const original = message.parts.find((p) => ['message/rfc822', 'text/rfc822-headers', 'message/rfc822-headers', 'message/global', 'message/global-headers'].includes(p.contentType));
  if (original) {
    const split = splitMessage(original.content);
    if (split.ok) {
      report.originalHeaders = Buffer.from(original.content.subarray(0, Math.min(split.bodyOffset, MAX_ORIGINAL_HEADERS))).toString('utf8');
      const from = domainOfAddress(getField(split.fields, 'from')?.value);
      if (from) report.originalFromDomain = from;
      const ar = getFields(split.fields, 'authentication-results').map((f) => f.value.slice(0, 2000)).slice(0, 20);
      if (ar.length && !report.authenticationResults) report.authenticationResults = ar;
    }
  }
  if (!report.reportedDomain && report.originalFromDomain) report.reportedDomain = report.originalFromDomain;
  const reporter = domainOfAddress(getField(message.fields, 'from')?.value);
  if (reporter) report.reporter = reporter;
  const messageId = getField(message.fields, 'message-id')?.value;
  if (messageId) report.messageId = messageId.slice(0, 500);
  const subject = getField(message.fields, 'subject')?.value;
  if (subject) report.subject = subject.slice(0, 500);
  return report;
}
