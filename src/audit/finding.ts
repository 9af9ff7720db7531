import type { DnsAnswer, MxRecord, RrType } from '../dns/types.js';

/** How serious a finding is: `error` stops or endangers delivery, `warning` weakens it, `info` is worth knowing, `ok` a check that passed. */
export type Severity = 'error' | 'warning' | 'info' | 'ok';

/** The part of the setup a finding is about; the text report groups by it, in this order. */
export const AREAS = ['mx', 'spf', 'dkim', 'dmarc', 'bimi', 'mta-sts', 'tls-rpt', 'ptr', 'dnssec', 'message', 'readiness'] as const;

/** One area of the audit. */
export type Area = (typeof AREAS)[number];

/** Sentence parameters of a finding: plain values only, so `--json` stays language-neutral. */
export type FindingParams = Record<string, string | number | boolean>;

/** One DNS question the audit asked for a finding, and what the answer was. */
export interface DnsEvidence {
  name: string;
  type: RrType;
  /** `records`, `nxdomain`, `nodata`, `timeout`, or the rcode of an error (`SERVFAIL`, `REFUSED`, ...). */
  status: string;
  /** The records, in zone-file presentation (`10 mx.example.com.`, `"v=spf1 ..."`). */
  records?: string[];
  /** CNAMEs followed on the way (owner names). */
  cnames?: string[];
  /** The AD bit (answer validated by DNSSEC at the resolver). */
  authenticated?: boolean;
}

/** One zone-file line of a fix: publish it (`add`) or delete it (`remove`). A replacement is a remove and an add. */
export interface FixLine {
  action: 'add' | 'remove';
  /** Owner name, absolute, without the final dot. */
  name: string;
  type: string;
  /** RDATA in presentation form (TXT as quoted character-strings). */
  data: string;
  /** The whole line, ready to paste into a zone file: `name. 3600 IN TYPE data`. */
  line: string;
}

/** One result of the audit: a stable id, its severity and area, the DNS evidence, its sentence parameters and the fix. */
export interface Finding {
  /** Stable identifier (`mx.ip-address`, `spf.lookups.too-many`, ...); documented in the README. */
  id: string;
  severity: Severity;
  area: Area;
  /** The parameters of its sentence. */
  params: FindingParams;
  /** The catalogue message rendering it, when not `audit.<id>` (findings reused from `spf lint`, the DMARC parser, `mta-sts`, `bimi`). */
  message?: string;
  /** The catalogue message saying how to fix it, when not `<message>.fix`. */
  fixMessage?: string;
  /** The DNS names queried and the answers seen. */
  evidence: DnsEvidence[];
  /** Zone-file lines to remove and publish, in that order. */
  fix?: FixLine[];
  /** A file to serve (the MTA-STS policy), when the fix is not only DNS. */
  file?: { url: string; body: string };
  /** Set when the check could not be done (a timeout or SERVFAIL): not a verdict on the record. */
  unchecked?: true;
}

/** TTL written into fix lines. */
export const FIX_TTL = 3600;

/** Quote TXT data as zone-file character-strings of at most 255 bytes each (RFC 1035 §5.1). */
export function quoteTxt(text: string): string {
  const bytes = Buffer.from(text, 'utf8');
  const out: string[] = [];
  for (let start = 0; start < bytes.length || out.length === 0; ) {
    let end = Math.min(bytes.length, start + 255);
    while (end < bytes.length && end > start && (bytes[end]! & 0xc0) === 0x80) end--;
    out.push(bytes.subarray(start, end).toString('utf8'));
    start = end;
    if (start >= bytes.length) break;
  }
  return out.map((s) => `"${s.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(' ');
}

/** One fix line. `data` is presentation RDATA; use {@link txtLine} for TXT text. */
export function fixLine(action: FixLine['action'], name: string, type: string, data: string): FixLine {
  const owner = name.endsWith('.') ? name.slice(0, -1) : name;
  return { action, name: owner, type, data, line: `${owner}. ${FIX_TTL} IN ${type} ${data}` };
}

/** A TXT fix line for `text`. */
export function txtLine(action: FixLine['action'], name: string, text: string): FixLine {
  return fixLine(action, name, 'TXT', quoteTxt(text));
}

/** A record in zone-file presentation form. */
export function presentRecord(type: RrType, record: unknown): string {
  if (type === 'TXT' || type === 'SPF') return quoteTxt((record as string[]).join(''));
  if (type === 'MX') {
    const mx = record as MxRecord;
    return `${mx.preference} ${mx.exchange === '' ? '.' : `${mx.exchange}.`}`;
  }
  if (type === 'A' || type === 'AAAA') return String(record);
  return `${String(record)}.`;
}

/** Most records copied into one piece of evidence (hostile zones). */
const MAX_EVIDENCE_RECORDS = 20;

/** The evidence of one DNS answer. */
export function evidenceOf(name: string, type: RrType, answer: DnsAnswer<unknown>): DnsEvidence {
  const base: DnsEvidence = { name, type, status: answer.status === 'error' ? answer.rcode : answer.status };
  if (answer.status === 'records') base.records = answer.records.slice(0, MAX_EVIDENCE_RECORDS).map((r) => presentRecord(type, r));
  if ('cnames' in answer && answer.cnames?.length) base.cnames = answer.cnames;
  if ('authenticated' in answer && answer.authenticated !== undefined) base.authenticated = answer.authenticated;
  return base;
}

/** Whether an answer is a failure to get one (timeout, SERVFAIL, ...), as opposed to a real "no such record". */
export function isDnsFailure(answer: DnsAnswer<unknown>): answer is Extract<DnsAnswer<unknown>, { status: 'error' | 'timeout' }> {
  return answer.status === 'error' || answer.status === 'timeout';
}

/** The status word of a failed answer: `timeout` or its rcode. */
export function failureStatus(answer: DnsAnswer<unknown>): string {
  return answer.status === 'error' ? answer.rcode : answer.status;
}

/** Build a finding. */
export function finding(
  area: Area,
  id: string,
  severity: Severity,
  params: FindingParams,
  evidence: DnsEvidence[] = [],
  fix?: FixLine[],
): Finding {
  const out: Finding = { id, severity, area, params, evidence };
  if (fix?.length) out.fix = fix;
  return out;
}

/** The "could not check" finding of an area: a DNS failure, never reported as "not found". */
export function unchecked(area: Area, name: string, type: RrType, answer: DnsAnswer<unknown>): Finding {
  const f = finding(area, `${area}.unchecked`, 'warning', { name, type, status: failureStatus(answer) }, [evidenceOf(name, type, answer)]);
  f.unchecked = true;
  return f;
}
