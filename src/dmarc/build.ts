import { isAtOrBelow, normalizeDomain } from './domain.js';
import { pslOrgDomain } from './psl.js';
import { parseDmarcRecord } from './record.js';
import { parseUriList } from './uri.js';
import type { DmarcPolicy } from './types.js';

/** What goes into a record built by {@link buildDmarcRecord} (RFC 9989 §4.7 tags). */
export interface DmarcBuildInput {
  /** The domain the record is for: it is published at `_dmarc.<domain>`. */
  domain: string;
  p?: string;
  sp?: string;
  np?: string;
  rua?: string[];
  ruf?: string[];
  adkim?: string;
  aspf?: string;
  /** Colon-separated failure reporting options (`0`, `1`, `d`, `s`). */
  fo?: string;
  t?: string;
  psd?: string;
}

/** An authorization record a report destination outside the domain must publish (RFC 9990 §3). */
export interface ReportAuthorization {
  destination: string;
  name: string;
  record: string;
}

/** The outcome of {@link buildDmarcRecord}. */
export type DmarcBuildResult =
  | { ok: true; name: string; record: string; external: ReportAuthorization[] }
  | { ok: false; option: keyof DmarcBuildInput; value: string };

const POLICIES = new Set<string>(['none', 'quarantine', 'reject']);

/**
 * Write a DMARC Policy Record (RFC 9989): `v=DMARC1` and `p` first, then the tags given, each value checked,
 * report URIs checked as `dmarc-uri`s. Lists the authorization records that report destinations outside the
 * domain's organization need. The record is parsed back to be sure it is valid. Pure.
 */
export function buildDmarcRecord(input: DmarcBuildInput): DmarcBuildResult {
  const domain = normalizeDomain(input.domain);
  if (domain === undefined) return { ok: false, option: 'domain', value: input.domain };
  const tags: string[] = ['v=DMARC1'];
  for (const option of ['p', 'sp', 'np'] as const) {
    const value = input[option] ?? (option === 'p' ? 'none' : undefined);
    if (value === undefined) continue;
    if (!POLICIES.has(value)) return { ok: false, option, value };
    tags.push(`${option}=${value as DmarcPolicy}`);
  }
  for (const option of ['adkim', 'aspf'] as const) {
    const value = input[option];
    if (value === undefined) continue;
    if (value !== 'r' && value !== 's') return { ok: false, option, value };
    if (value === 's') tags.push(`${option}=s`);
  }
  if (input.t !== undefined) {
    if (input.t !== 'y' && input.t !== 'n') return { ok: false, option: 't', value: input.t };
    if (input.t === 'y') tags.push('t=y');
  }
  if (input.psd !== undefined) {
    if (!['y', 'n', 'u'].includes(input.psd)) return { ok: false, option: 'psd', value: input.psd };
    if (input.psd !== 'u') tags.push(`psd=${input.psd}`);
  }
  const external: ReportAuthorization[] = [];
  const org = pslOrgDomain(domain).orgDomain;
  for (const option of ['rua', 'ruf'] as const) {
    const list = input[option] ?? [];
    if (list.length === 0) continue;
    const uris: string[] = [];
    for (const value of list) {
      const parsed = parseUriList(value, 0, option);
      const uri = parsed.uris[0];
      if (parsed.problems.length || parsed.uris.length !== 1 || !uri || uri.scheme !== 'mailto' || !uri.domain) return { ok: false, option, value };
      uris.push(uri.uri);
      if (!isAtOrBelow(uri.domain, org) && !external.some((e) => e.destination === uri.domain)) {
        external.push({ destination: uri.domain, name: `${domain}._report._dmarc.${uri.domain}`, record: 'v=DMARC1' });
      }
    }
    tags.push(`${option}=${uris.join(',')}`);
  }
  if (input.fo !== undefined) {
    const parts = input.fo.split(':');
    // fo= only says when failure reports go to ruf= (RFC 9989 §4.7): without ruf= it does nothing.
    // Each option once, and never both 0 and 1 (RFC 9989 §4.7).
    const bad = parts.some((f) => !['0', '1', 'd', 's'].includes(f)) || new Set(parts).size !== parts.length || (parts.includes('0') && parts.includes('1'));
    if (bad || !input.ruf?.length) return { ok: false, option: 'fo', value: input.fo };
    tags.push(`fo=${parts.join(':')}`);
  }
  const record = tags.join('; ');
  const parsed = parseDmarcRecord(record);
  if (!parsed.ok || parsed.record.problems.some((p) => p.severity === 'error')) throw new Error(`inkan: built a DMARC record that does not parse: ${record}`);
  return { ok: true, name: `_dmarc.${domain}`, record, external };
}
