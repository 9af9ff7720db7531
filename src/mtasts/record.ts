import type { Resolver } from '../dns/types.js';
import type { MtaStsStep, StsRecord, StsRecordLookup, StsRecordParse, StsRecordProblem } from './types.js';
import { beginsWithVersion, lookupVersioned, readFields, selectVersioned } from './txt-fields.js';

/** `sts-id`: 1 to 32 letters and digits (RFC 8461 §3.1). */
const STS_ID = /^[A-Za-z0-9]{1,32}$/;

/** The DNS name of a domain's MTA-STS record (RFC 8461 §3.1). */
export function stsRecordName(domain: string): string {
  return `_mta-sts.${domain}`;
}

/** Parse one TXT record (its strings joined) as an `_mta-sts` record (RFC 8461 §3.1). Problems are data, never exceptions. */
export function parseStsRecord(text: string): StsRecordParse {
  if (!text.startsWith('v=')) return { ok: false, reason: 'no-version' };
  if (!beginsWithVersion(text, 'v=STSv1')) return { ok: false, reason: 'bad-version' };
  const problems: StsRecordProblem[] = [];
  const record: StsRecord = { text, version: 'STSv1', extensions: [], problems, valid: false };
  const seen = readFields(
    text,
    (problem) => problems.push(problem),
    (name, value, position) => {
      if (name !== 'id') return false;
      if (STS_ID.test(value)) record.id = value;
      else problems.push({ code: 'bad-id', severity: 'error', position, detail: value });
      return true;
    },
    record.extensions,
  );
  if (!seen) return { ok: true, record };
  if (!seen.has('id')) problems.push({ code: 'missing-id', severity: 'error', position: text.length });
  record.valid = record.id !== undefined && !problems.some((p) => p.severity === 'error');
  return { ok: true, record };
}

/**
 * Choose the `_mta-sts` record among a name's TXT records (RFC 8461 §3.1): strings not beginning with
 * `v=STSv1` are discarded; anything but exactly one left means no policy; an invalid one means no policy either.
 */
export function selectStsRecord(name: string, texts: readonly string[]): StsRecordLookup {
  return selectVersioned(name, texts, 'v=STSv1', parseStsRecord);
}

/** Look up and select the `_mta-sts.DOMAIN` record, noting the query in `trace`. */
export function lookupStsRecord(domain: string, resolver: Resolver, trace: MtaStsStep[]): Promise<StsRecordLookup> {
  return lookupVersioned(stsRecordName(domain), resolver, trace, selectStsRecord);
}

/** An `_mta-sts` record value with a new policy id (RFC 8461 §3.1), e.g. `v=STSv1; id=20261130053000Z`. */
export function formatStsRecord(id: string): string {
  return `v=STSv1; id=${id}`;
}

/** A policy id made from a time, `YYYYMMDDhhmmssZ` as in RFC 8461's examples: it changes whenever the policy does. */
export function policyIdAt(now: Date): string {
  return `${now.toISOString().replace(/[-:T]/g, '').slice(0, 14)}Z`;
}
