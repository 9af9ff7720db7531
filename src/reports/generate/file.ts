import { gzipSync } from 'node:zlib';
import type { AggregateReportOut } from './aggregate.js';
import { aggregateReportXml } from './xml.js';

/** A finished aggregate report: its XML, gzipped, under the standard file name. */
export interface AggregateReportFile {
  report: AggregateReportOut;
  /** `receiver!policy-domain!begin!end!unique-id.xml.gz` (RFC 9990 §3, "Email"). */
  filename: string;
  xml: string;
  gzip: Buffer;
}

/** RFC 9990 file name: `receiver "!" policy-domain "!" begin "!" end "!" unique-id ".xml.gz"`. */
export function aggregateFilename(report: AggregateReportOut, extension: 'xml' | 'xml.gz' = 'xml.gz'): string {
  return `${report.reporter.domain.toLowerCase()}!${report.policyPublished.domain}!${report.begin}!${report.end}!${report.reportId}.${extension}`;
}

/** The pattern every generated name matches (tests and callers check with it). */
export const AGGREGATE_FILENAME = /^([A-Za-z0-9.-]+)!([A-Za-z0-9._-]+)!(\d+)!(\d+)(?:!([A-Za-z0-9]+))?\.(xml|xml\.gz)$/;

/** Serialize and gzip a report. `mtime` 0 keeps the bytes the same for the same report (re-sends are identical). */
export function aggregateReportFile(report: AggregateReportOut): AggregateReportFile {
  const xml = aggregateReportXml(report);
  return { report, filename: aggregateFilename(report), xml, gzip: gzipSync(Buffer.from(xml, 'utf8'), { level: 9 }) };
}

/** RFC 9990 `dmarc-subject`: `Report Domain: <policy domain> Submitter: <receiver> Report-ID: <id>`. */
export function aggregateSubject(report: AggregateReportOut): string {
  return `Report Domain: ${report.policyPublished.domain} Submitter: ${report.reporter.domain} Report-ID: <${report.reportId}@${report.reporter.domain}>`;
}
