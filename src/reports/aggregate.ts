import type { AggregateHeader, AggregateRecord, AggregateReport, PolicyPublished, ReportMetadata } from './types.js';
import { DEFAULT_XML_LIMITS, XmlError, XmlTokenizer, type XmlLimits, type XmlListener } from './xml.js';

/** Why an aggregate report cannot be stored (its quarantine reason). */
export type AggregateErrorCode = 'not-aggregate' | 'missing-org-name' | 'missing-report-id' | 'missing-domain' | 'bad-date-range' | 'too-many-records' | `xml-${XmlError['code']}`;

/** A report that is not a usable aggregate report. */
export class AggregateError extends Error {
  constructor(readonly code: AggregateErrorCode) {
    super(code);
  }
}

/** Limits of one aggregate report. */
export interface AggregateLimits extends XmlLimits {
  maxRecords: number;
  /** Longest value of one element, in characters. */
  maxValue: number;
}

/** Defaults: millions of rows, short values. */
export const DEFAULT_AGGREGATE_LIMITS: AggregateLimits = { ...DEFAULT_XML_LIMITS, maxRecords: 10_000_000, maxValue: 4096 };

/** Parse a date: seconds since the epoch (the schema), or a date text some reporters send. */
function parseTime(text: string): number | undefined {
  const v = text.trim();
  if (/^\d{1,12}$/.test(v)) return Number(v);
  if (/^\d{1,12}\.\d+$/.test(v)) return Math.floor(Number(v));
  const ms = Date.parse(v);
  return Number.isFinite(ms) ? Math.floor(ms / 1000) : undefined;
}

/** A result word (values arrive trimmed). */
function word(text: string): string {
  return text.toLowerCase();
}

function newRecord(): AggregateRecord {
  return { sourceIp: '', count: 0, disposition: '', dkim: '', spf: '', reasons: [], headerFrom: '', dkimResults: [], spfResults: [] };
}

/**
 * Streaming aggregate-report parser (RFC 7489 appendix C, RFC 9990, older drafts): `write` text, take the
 * records parsed so far with `takeRecords`, and `end`. Element prefixes and namespaces are ignored, result
 * words are lower-cased, optional elements may be missing.
 */
export class AggregateParser implements XmlListener {
  private readonly tokenizer: XmlTokenizer;
  private readonly path: string[] = [];
  private value = '';
  private textTooLong = false;
  private version: string | undefined;
  private namespace: string | undefined;
  private readonly meta: Partial<ReportMetadata> & { errors: string[]; begin?: string; end?: string } = { errors: [] };
  private readonly policy: Partial<PolicyPublished> = {};
  private record: AggregateRecord | undefined;
  private pending: AggregateRecord[] = [];
  private recordCount = 0;
  private headerSeen = false;
  /** Warnings collected while parsing. */
  readonly warnings: string[] = [];
  /** @internal XmlListener: values are read trimmed, so blank runs between elements are not needed. */
  readonly skipBlankText = true;

  constructor(private readonly limits: AggregateLimits = DEFAULT_AGGREGATE_LIMITS) {
    this.tokenizer = new XmlTokenizer(this, limits);
  }

  /** Feed text; throws AggregateError. */
  write(text: string): void {
    try {
      this.tokenizer.write(text);
    } catch (e) {
      throw e instanceof XmlError ? new AggregateError(`xml-${e.code}`) : e;
    }
  }

  /** The header, once the first record began (or at the end); throws AggregateError if it is unusable. */
  header(): AggregateHeader | undefined {
    if (!this.headerSeen) return undefined;
    return this.buildHeader();
  }

  /** Records completed since the last call. */
  takeRecords(): AggregateRecord[] {
    const out = this.pending;
    this.pending = [];
    return out;
  }

  /** Number of records parsed so far. */
  get records(): number {
    return this.recordCount;
  }

  /** The document ended; throws AggregateError. */
  end(): AggregateHeader {
    try {
      this.tokenizer.end();
    } catch (e) {
      throw e instanceof XmlError ? new AggregateError(`xml-${e.code}`) : e;
    }
    this.headerSeen = true;
    return this.buildHeader();
  }

  private buildHeader(): AggregateHeader {
    const m = this.meta;
    if (!m.orgName) throw new AggregateError('missing-org-name');
    if (!m.reportId) throw new AggregateError('missing-report-id');
    if (!this.policy.domain) throw new AggregateError('missing-domain');
    const begin = m.begin === undefined ? undefined : parseTime(m.begin);
    const end = m.end === undefined ? undefined : parseTime(m.end);
    if (begin === undefined || end === undefined || end < begin) throw new AggregateError('bad-date-range');
    const metadata: ReportMetadata = { orgName: m.orgName, reportId: m.reportId, dateBegin: begin, dateEnd: end, errors: m.errors };
    if (m.email) metadata.email = m.email;
    if (m.extraContactInfo) metadata.extraContactInfo = m.extraContactInfo;
    if (m.generator) metadata.generator = m.generator;
    // Built without object spreads, which cost more than all the rest of this function (it runs once per report and more).
    const header: AggregateHeader = { metadata, policy: this.policy as PolicyPublished };
    if (this.version) header.version = this.version;
    if (this.namespace) header.namespace = this.namespace;
    return header;
  }

  /** @internal XmlListener */
  open(name: string, depth: number, tag: string): void {
    this.path.push(name);
    this.value = '';
    this.textTooLong = false;
    if (depth === 1) {
      if (name !== 'feedback') throw new AggregateError('not-aggregate');
      const ns = /\bxmlns(?::[\w.-]+)?\s*=\s*["']([^"']{1,200})["']/.exec(tag);
      if (ns) this.namespace = ns[1];
      return;
    }
    const parent = this.path[depth - 2];
    if (depth === 2 && name === 'record') {
      if (!this.headerSeen) {
        this.headerSeen = true;
        this.buildHeader();
      }
      if (++this.recordCount > this.limits.maxRecords) throw new AggregateError('too-many-records');
      this.record = newRecord();
    } else if (this.record && parent === 'auth_results') {
      if (name === 'dkim') this.record.dkimResults.push({ domain: '', result: '' });
      else if (name === 'spf') this.record.spfResults.push({ domain: '', result: '' });
    } else if (this.record && parent === 'policy_evaluated' && name === 'reason') {
      this.record.reasons.push({ type: '' });
    }
  }

  /** @internal XmlListener */
  text(text: string): void {
    if (this.textTooLong) return;
    this.value += text;
    if (this.value.length > this.limits.maxValue) {
      this.textTooLong = true;
      this.value = this.value.slice(0, this.limits.maxValue);
    }
  }

  /** @internal XmlListener: `<name>text</name>` without the bookkeeping of open and close. */
  leaf(name: string, depth: number, text: string): void {
    const parent = this.path[depth - 2];
    if (depth <= 2 || name === 'reason' || parent === 'auth_results') {
      this.open(name, depth, name);
      this.text(text);
      this.close(name, depth);
      return;
    }
    this.value = '';
    this.textTooLong = false;
    this.closed(parent, name, depth, (text.length > this.limits.maxValue ? text.slice(0, this.limits.maxValue) : text).trim());
  }

  /** @internal XmlListener */
  close(name: string, depth: number): void {
    const parent = depth >= 2 ? this.path[depth - 2] : undefined;
    const value = this.value.length ? this.value.trim() : '';
    this.value = '';
    this.path.pop();
    this.closed(parent, name, depth, value);
  }

  /** An element ended with this (trimmed) value; `path` holds its ancestors. */
  private closed(parent: string | undefined, name: string, depth: number, value: string): void {
    if (depth === 2) {
      if (name === 'version') this.version = value;
      else if (name === 'record' && this.record) {
        this.pending.push(this.record);
        this.record = undefined;
      }
      return;
    }
    const section = this.path[1];
    if (section === 'report_metadata') this.metadataValue(parent, name, value);
    else if (section === 'policy_published' && depth === 3) this.policyValue(name, value);
    else if (section === 'record' && this.record) this.recordValue(this.record, parent, name, value);
  }

  private metadataValue(parent: string | undefined, name: string, value: string): void {
    const m = this.meta;
    if (parent === 'date_range') {
      if (name === 'begin') m.begin = value;
      else if (name === 'end') m.end = value;
    } else if (parent === 'report_metadata') {
      if (name === 'org_name') m.orgName = value;
      else if (name === 'email') m.email = value;
      else if (name === 'extra_contact_info') m.extraContactInfo = value;
      else if (name === 'report_id') m.reportId = value;
      else if (name === 'error' && value && m.errors.length < 100) m.errors.push(value);
      else if (name === 'generator') m.generator = value;
    }
  }

  private policyValue(name: string, value: string): void {
    const p = this.policy;
    switch (name) {
      case 'domain': p.domain = value.toLowerCase().replace(/\.$/, ''); break;
      case 'adkim': p.adkim = word(value); break;
      case 'aspf': p.aspf = word(value); break;
      case 'p': p.p = word(value); break;
      case 'sp': p.sp = word(value); break;
      case 'np': p.np = word(value); break;
      case 'pct': p.pct = value; break;
      case 'fo': p.fo = value; break;
      case 'testing': p.testing = word(value); break;
      case 'discovery_method': p.discoveryMethod = word(value); break;
    }
  }

  private recordValue(r: AggregateRecord, parent: string | undefined, name: string, value: string): void {
    switch (parent) {
      case 'row':
        if (name === 'source_ip') r.sourceIp = value;
        else if (name === 'count') {
          if (/^\d{1,15}$/.test(value)) r.count = Number(value);
          else if (this.warnings.length < 100) this.warnings.push(`bad count "${value.slice(0, 40)}" for ${r.sourceIp}`);
        }
        break;
      case 'policy_evaluated':
        if (name === 'disposition') r.disposition = word(value);
        else if (name === 'dkim') r.dkim = word(value);
        else if (name === 'spf') r.spf = word(value);
        break;
      case 'reason': {
        const reason = r.reasons[r.reasons.length - 1];
        if (!reason) break;
        if (name === 'type') reason.type = word(value);
        else if (name === 'comment' && value) reason.comment = value;
        break;
      }
      case 'identifiers':
      case 'identities':
        if (name === 'header_from') r.headerFrom = value.toLowerCase();
        else if (name === 'envelope_from' && value) r.envelopeFrom = value.toLowerCase();
        else if (name === 'envelope_to' && value) r.envelopeTo = value.toLowerCase();
        break;
      case 'dkim': {
        const d = r.dkimResults[r.dkimResults.length - 1];
        if (!d) break;
        if (name === 'domain') d.domain = value.toLowerCase();
        else if (name === 'selector' && value) d.selector = value;
        else if (name === 'result') d.result = word(value);
        else if (name === 'human_result' && value) d.humanResult = value;
        break;
      }
      case 'spf': {
        const s = r.spfResults[r.spfResults.length - 1];
        if (!s) break;
        if (name === 'domain') s.domain = value.toLowerCase();
        else if (name === 'scope' && value) s.scope = word(value);
        else if (name === 'result') s.result = word(value);
        else if (name === 'human_result' && value) s.humanResult = value;
        break;
      }
    }
    if (name === 'reason' && parent === 'policy_evaluated') {
      const reason = r.reasons[r.reasons.length - 1];
      // An empty <reason/>, or an old draft's <reason>text</reason>.
      if (reason && !reason.type && value) reason.type = word(value);
      if (reason && !reason.type && !reason.comment) r.reasons.pop();
    }
  }
}

/** Parse a whole aggregate report held in memory (use AggregateParser to stream). Throws AggregateError. */
export function parseAggregateXml(text: string, limits?: AggregateLimits): AggregateReport {
  const parser = new AggregateParser(limits);
  const records: AggregateRecord[] = [];
  const CHUNK = 1 << 16;
  for (let i = 0; i < text.length; i += CHUNK) {
    parser.write(text.slice(i, i + CHUNK));
    for (const r of parser.takeRecords()) records.push(r);
  }
  const header = parser.end();
  for (const r of parser.takeRecords()) records.push(r);
  return { ...header, records, warnings: parser.warnings };
}
