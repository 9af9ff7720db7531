export type * from './types.js';
/** Open a store: SQLite path, ':memory:' or postgres:// URL. */
export { openReportStore, isPostgresUrl } from './store/open.js';
export type { ReportStore } from './store/store.js';
/** Ingest inputs (bytes, a file or a stream). */
export { ingest, ingestFile, ingestMany, ingestStream, type FileInput, type IngestOutcome, type IngestInput, type IngestSummary, type IngestedReport, type IngestOptions, type StreamInput } from './ingest.js';
/** Parsers. */
export { AggregateParser, AggregateError, parseAggregateXml, DEFAULT_AGGREGATE_LIMITS, type AggregateLimits } from './aggregate.js';
export { parseTlsReport, type TlsReportResult } from './tlsrpt.js';
export { parseFailureReport } from './failure.js';
export { parseMime, type MimeMessage, type MimePart } from './mime.js';
export { unpack, unpackBytes, DEFAULT_UNPACK_LIMITS, type UnpackLimits, type Leaf, type AggregateLeaf } from './unpack.js';
export { readZip, ZipError, type ZipEntry, type ZipLimits } from './zip.js';
/** Quarantine. */
export { retryQuarantine, listQuarantine, type RetrySummary, type QuarantineEntry } from './retry.js';
/** Analysis. */
export { loadRows, type AnalysisRow, type AnalysisScope } from './analyse/rows.js';
export { summarize, daysCovered, type ReportSummary, type Tally } from './analyse/summary.js';
export { buildSources, type Source, type SourceClass, type SourceFix } from './analyse/sources.js';
export { advise, DEFAULT_ADVICE_THRESHOLDS, type PolicyAdvice, type AdviceThresholds } from './analyse/advise.js';
export { lookupPtrs, type PtrInfo } from './analyse/enrich.js';
export { REPORT_SERVICES, recognizeService, type ReportService } from './services.js';
export { analyseDomain, type DomainAnalysis } from './analyse/domain.js';
/** Generate and send reports, as a receiver (RFC 9990 aggregate, RFC 9991 failure). */
export * from './generate/index.js';
