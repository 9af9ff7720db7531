import { splitMessage } from '../message/split.js';
import type { HeaderField, MessageError, MessageLimits } from '../message/types.js';
import { AUTHRES_FIELD } from './format.js';
import { parseAuthResults } from './parse.js';
import type { AuthResMatch, FindAuthResOptions, StripAuthResOptions } from './types.js';

/** The name forged fields get when renamed rather than removed. */
export const UNTRUSTED_AUTHRES_FIELD = 'X-Untrusted-Authentication-Results';

const FIELD_NAME = /^[!-9;-~]+$/;

/** An authserv-id as compared: lower case, no trailing dot, no surrounding space. */
function normalizeId(id: string): string {
  return id.trim().toLowerCase().replace(/\.$/, '');
}

/**
 * The `Authentication-Results` fields that claim one of `authservIds` (RFC 8601 §5: a receiver must remove or
 * rename such fields arriving from outside, since only it may write them), with their indices, top to bottom.
 * Ids are compared case-insensitively; an id written as `host/jobid` or `host/1` counts as `host`.
 */
export function findAuthResults(fields: readonly HeaderField[], authservIds: string | readonly string[], options: FindAuthResOptions = {}): AuthResMatch[] {
  const ids = (typeof authservIds === 'string' ? [authservIds] : [...authservIds]).map(normalizeId).filter((id) => id !== '');
  if (ids.length === 0) throw new TypeError('inkan: findAuthResults needs at least one non-empty authserv-id');
  const names = new Set((options.fieldNames ?? [AUTHRES_FIELD]).map((n) => n.toLowerCase()));
  const matches = (claimed: string): boolean => {
    const id = normalizeId(claimed);
    if (id === '') return false;
    return ids.some((own) => id === own || (options.includeSubdomains === true && id.endsWith(`.${own}`)));
  };
  const out: AuthResMatch[] = [];
  fields.forEach((field, index) => {
    if (field.name === '' || !names.has(field.name.toLowerCase())) return;
    const parsed = parseAuthResults(field.value);
    if (matches(parsed.authservId)) out.push({ index, field, parsed });
  });
  return out;
}

/** The header section rewritten: fields claiming one of `authservIds` removed (or renamed), every other octet as it was. */
export interface StrippedHeader {
  /** The header fields' octets, in order, without the blank line that ends the section. */
  header: Buffer;
  /** The fields that were removed or renamed, with their original indices. */
  matches: AuthResMatch[];
}

/**
 * Remove (default) or rename the `Authentication-Results` fields that claim one of `authservIds` (RFC 8601 §5).
 * The other fields are copied byte for byte; a renamed field keeps everything after its name.
 */
export function stripAuthResults(fields: readonly HeaderField[], authservIds: string | readonly string[], options: StripAuthResOptions = {}): StrippedHeader {
  const matches = findAuthResults(fields, authservIds, options);
  const action = options.action ?? 'remove';
  const renameTo = options.renameTo ?? UNTRUSTED_AUTHRES_FIELD;
  if (action !== 'remove' && action !== 'rename') throw new TypeError('inkan: action must be "remove" or "rename"');
  if (action === 'rename' && !FIELD_NAME.test(renameTo)) throw new TypeError('inkan: renameTo must be a field name (printable ASCII, no colon)');
  const hit = new Set(matches.map((m) => m.index));
  const parts: Uint8Array[] = [];
  fields.forEach((field, index) => {
    if (!hit.has(index)) parts.push(field.raw);
    else if (action === 'rename') parts.push(Buffer.from(renameTo, 'latin1'), field.raw.subarray(Buffer.byteLength(field.name, 'latin1')));
  });
  return { header: Buffer.concat(parts), matches };
}

/** Outcome of {@link stripAuthResultsFromMessage}. */
export type StripMessageResult = { ok: true; message: Buffer; matches: AuthResMatch[] } | { ok: false; error: MessageError };

/** {@link stripAuthResults} on a whole raw message: the new header, then the original blank line and body octets. */
export function stripAuthResultsFromMessage(
  raw: Buffer | Uint8Array | string,
  authservIds: string | readonly string[],
  options: StripAuthResOptions & { limits?: Partial<MessageLimits> } = {},
): StripMessageResult {
  const split = splitMessage(raw, options.limits);
  if (!split.ok) return split;
  const { header, matches } = stripAuthResults(split.fields, authservIds, options);
  return { ok: true, message: Buffer.concat([header, split.separator, split.body]), matches };
}
