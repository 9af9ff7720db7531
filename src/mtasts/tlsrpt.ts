import type { Resolver } from '../dns/types.js';
import type { MtaStsStep, TlsRptLookup, TlsRptProblem, TlsRptRecord, TlsRptRecordParse, TlsRptUri } from './types.js';
import { beginsWithVersion, lookupVersioned, readFields, selectVersioned } from './txt-fields.js';

/** URIs read from one `rua=` (a record lists one or two; more is hostile or a mistake). */
export const MAX_RUA_URIS = 10;

/** A mailbox `local@domain` as a `mailto:` URI carries it (percent-decoded), loosely: no spaces, one `@`, a dotted domain. */
const ADDRESS = /^[^\s@]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/;

/** The DNS name of a domain's TLS-RPT record (RFC 8460 §3). */
export function tlsRptRecordName(domain: string): string {
  return `_smtp._tls.${domain}`;
}

function decode(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

/** Read one `tlsrpt-uri` (RFC 8460 §3): `mailto:` with an address, or an absolute `https:` URL. */
function readUri(uri: string, position: number, problems: TlsRptProblem[]): TlsRptUri | undefined {
  const colon = uri.indexOf(':');
  const scheme = colon > 0 ? uri.slice(0, colon).toLowerCase() : '';
  if (!/^[a-z][a-z0-9+.-]*$/.test(scheme) || /[\s<>"]/.test(uri)) {
    problems.push({ code: 'bad-uri', severity: 'error', position, detail: uri });
    return undefined;
  }
  if (scheme === 'mailto') {
    const address = decode(uri.slice(colon + 1).split('?')[0]!);
    if (address === undefined || !ADDRESS.test(address)) {
      problems.push({ code: 'bad-uri', severity: 'error', position, detail: uri });
      return undefined;
    }
    return { uri, scheme, address, position };
  }
  if (scheme === 'https') {
    let ok = false;
    try {
      ok = new URL(uri).hostname.length > 0;
    } catch {
      ok = false;
    }
    if (!ok) {
      problems.push({ code: 'bad-uri', severity: 'error', position, detail: uri });
      return undefined;
    }
    return { uri, scheme, position };
  }
  problems.push({ code: 'bad-scheme', severity: 'error', position, detail: uri });
  return undefined;
}

/** Parse one TXT record (its strings joined) as a TLS-RPT record (RFC 8460 §3). Problems are data, never exceptions. */
export function parseTlsRptRecord(text: string): TlsRptRecordParse {
  if (!text.startsWith('v=')) return { ok: false, reason: 'no-version' };
  if (!beginsWithVersion(text, 'v=TLSRPTv1')) return { ok: false, reason: 'bad-version' };
  const problems: TlsRptProblem[] = [];
  const record: TlsRptRecord = { text, version: 'TLSRPTv1', rua: [], extensions: [], problems, valid: false };
  const seen = readFields(
    text,
    (problem) => problems.push(problem),
    (name, value, position) => {
      if (name !== 'rua') return false;
      readRua(value, position + 4, record);
      return true;
    },
    record.extensions,
  );
  if (!seen) return { ok: true, record };
  if (!seen.has('rua')) problems.push({ code: 'missing-rua', severity: 'error', position: text.length });
  record.valid = record.rua.length > 0 && !problems.some((p) => p.severity === 'error');
  return { ok: true, record };
}

/** `tlsrpt-rua = "rua=" tlsrpt-uri *(*WSP "," *WSP tlsrpt-uri)`; commas inside a URI must be percent-encoded. */
function readRua(value: string, start: number, record: TlsRptRecord): void {
  if (value.trim() === '') {
    record.problems.push({ code: 'empty-rua', severity: 'error', position: start });
    return;
  }
  let offset = start;
  const parts = value.split(',');
  parts.forEach((part, index) => {
    const lead = part.length - part.trimStart().length;
    const uri = part.trim();
    const position = offset + lead;
    offset += part.length + 1;
    if (index >= MAX_RUA_URIS) {
      if (index === MAX_RUA_URIS) record.problems.push({ code: 'too-many-uris', severity: 'warning', position, detail: String(MAX_RUA_URIS) });
      return;
    }
    if (uri === '') {
      record.problems.push({ code: 'bad-uri', severity: 'error', position, detail: '' });
      return;
    }
    const read = readUri(uri, position, record.problems);
    if (read) record.rua.push(read);
  });
}

/** Choose the TLS-RPT record among a name's TXT records (RFC 8460 §3): those not beginning with `v=TLSRPTv1` are discarded; exactly one must remain. */
export function selectTlsRptRecord(name: string, texts: readonly string[]): TlsRptLookup {
  return selectVersioned(name, texts, 'v=TLSRPTv1', parseTlsRptRecord);
}

/** Look up and select the `_smtp._tls.DOMAIN` record, noting the query in `trace`. */
export function lookupTlsRptRecord(domain: string, resolver: Resolver, trace: MtaStsStep[]): Promise<TlsRptLookup> {
  return lookupVersioned(tlsRptRecordName(domain), resolver, trace, selectTlsRptRecord);
}

/** A TLS-RPT record value sending reports to `rua` URIs, e.g. `v=TLSRPTv1; rua=mailto:tlsrpt@example.com`. */
export function formatTlsRptRecord(rua: readonly string[]): string {
  return `v=TLSRPTv1; rua=${rua.join(',')}`;
}
