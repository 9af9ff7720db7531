import { isHostName } from '../message/domain.js';
import type { DmarcRecordProblem, ReportUri } from './types.js';

/** Most URIs read from one `rua` or `ruf` list; the rest are reported and ignored (hostile records). */
export const MAX_REPORT_URIS = 32;

const SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*$/;
/** RFC 3986 URI characters, except "," and "!" which a DMARC URI must percent-encode (RFC 9989 §4.8). */
const URI_REST = /^(?:[A-Za-z0-9\-._~:@/?#[\]$&'()*+;=]|%[0-9A-Fa-f]{2})+$/;
const SIZE = /^(\d{1,15})([kmgtKMGT]?)$/;
const UNITS: Record<string, number> = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4 };

/** The URIs of a `rua`/`ruf` value and the problems met; `offset` is where the value starts in the record. */
export interface UriListResult {
  uris: ReportUri[];
  problems: DmarcRecordProblem[];
}

/**
 * Parse `dmarc-urilist` (RFC 9989 §4.8): URIs separated by commas with optional whitespace, each
 * optionally followed by the obsolete `!size` suffix. Bad URIs are reported and dropped; the rest are kept.
 */
export function parseUriList(value: string, offset: number, tag: string): UriListResult {
  const uris: ReportUri[] = [];
  const problems: DmarcRecordProblem[] = [];
  let start = 0;
  let count = 0;
  while (start <= value.length) {
    let end = value.indexOf(',', start);
    if (end === -1) end = value.length;
    const raw = value.slice(start, end);
    const lead = raw.length - raw.trimStart().length;
    const item = raw.trim();
    const position = offset + start + lead;
    start = end + 1;
    if (item === '') {
      problems.push({ code: 'bad-uri', severity: 'error', position, tag, detail: '' });
      continue;
    }
    if (++count > MAX_REPORT_URIS) {
      problems.push({ code: 'too-many-uris', severity: 'warning', position, tag, detail: String(MAX_REPORT_URIS) });
      break;
    }
    const parsed = parseUri(item, position, tag, problems);
    if (parsed) uris.push(parsed);
  }
  return { uris, problems };
}

function parseUri(item: string, position: number, tag: string, problems: DmarcRecordProblem[]): ReportUri | undefined {
  let uri = item;
  let maxSize: ReportUri['maxSize'];
  const bang = item.lastIndexOf('!');
  if (bang !== -1) {
    const suffix = item.slice(bang + 1);
    const size = SIZE.exec(suffix);
    if (!size) {
      problems.push({ code: 'bad-uri', severity: 'error', position, tag, detail: item });
      return undefined;
    }
    uri = item.slice(0, bang);
    maxSize = { text: suffix, bytes: Number(size[1]) * UNITS[size[2]!.toLowerCase()]! };
    problems.push({ code: 'obsolete-size-limit', severity: 'info', position: position + bang, tag, detail: `!${suffix}` });
  }
  const colon = uri.indexOf(':');
  const scheme = colon > 0 ? uri.slice(0, colon) : '';
  const rest = colon > 0 ? uri.slice(colon + 1) : '';
  if (!SCHEME.test(scheme) || !URI_REST.test(rest)) {
    problems.push({ code: 'bad-uri', severity: 'error', position, tag, detail: item });
    return undefined;
  }
  const lower = scheme.toLowerCase();
  const base: ReportUri = { uri, position, scheme: lower, supported: false, ...(maxSize ? { maxSize } : {}) };
  if (lower !== 'mailto') {
    problems.push({ code: 'unsupported-uri-scheme', severity: 'warning', position, tag, detail: uri });
    return base;
  }
  const mailbox = mailtoAddress(rest);
  if (!mailbox) {
    problems.push({ code: 'bad-uri', severity: 'error', position, tag, detail: item });
    return undefined;
  }
  return { ...base, address: mailbox.address, domain: mailbox.domain, supported: true };
}

/** The single address of a `mailto:` URI (RFC 6068), or undefined when there is not exactly one valid address. */
function mailtoAddress(rest: string): { address: string; domain: string } | undefined {
  const query = rest.indexOf('?');
  let address: string;
  try {
    address = decodeURIComponent(query === -1 ? rest : rest.slice(0, query));
  } catch {
    return undefined;
  }
  const at = address.lastIndexOf('@');
  if (at <= 0 || address.includes(',')) return undefined;
  const domain = address.slice(at + 1).toLowerCase().replace(/\.$/, '');
  if (!isHostName(domain)) return undefined;
  return { address, domain };
}
