import type { HeaderField } from '../message/types.js';

/**
 * Header fields signed by default: RFC 6376 §5.4.1's list, the fields that give the message its
 * meaning on screen (MIME structure, Message-ID) and the one-click unsubscribe pair (RFC 8058 §4).
 * Each present field is oversigned: listed once more than it occurs, so none can be added later.
 */
export const DEFAULT_SIGNED_HEADERS: readonly string[] = Object.freeze([
  'From',
  'Reply-To',
  'Subject',
  'Date',
  'To',
  'Cc',
  'Message-ID',
  'In-Reply-To',
  'References',
  'MIME-Version',
  'Content-Type',
  'Content-Transfer-Encoding',
  'Content-Disposition',
  'Content-ID',
  'Content-Description',
  'Sender',
  'Resent-Date',
  'Resent-From',
  'Resent-Sender',
  'Resent-To',
  'Resent-Cc',
  'Resent-Message-ID',
  'List-Id',
  'List-Help',
  'List-Unsubscribe',
  'List-Unsubscribe-Post',
  'List-Subscribe',
  'List-Post',
  'List-Owner',
  'List-Archive',
  'Feedback-ID',
]);

/** A header field name as RFC 5322 §3.6.8 allows: printable ASCII but ":". */
const FIELD_NAME = /^[\x21-\x39\x3b-\x7e]+$/;

/** Whether `name` can appear in `h=`. */
export function isFieldName(name: string): boolean {
  return FIELD_NAME.test(name);
}

/** Most entries in one `h=` list inkan writes (each present field once plus the oversigned copies). */
export const MAX_SIGNED_HEADERS = 512;

/** Outcome of {@link signedHeaderList}. */
export type SignedHeaderListResult = { ok: true; headers: string[] } | { ok: false; code: 'bad-header-name' | 'too-many-headers'; name?: string };

/**
 * The `h=` list for a message (RFC 6376 §5.4): for each wanted name, in order and lower-cased, one
 * entry per field present and, when `oversign` is set, one more (it selects a null field, so a
 * field added later breaks the signature, §5.4.2 and §8.15). Absent names are left out. From is
 * always signed (§5.4) and comes first when the caller's list omits it.
 */
export function signedHeaderList(fields: readonly HeaderField[], wanted: readonly string[], oversign: boolean): SignedHeaderListResult {
  const counts = new Map<string, number>();
  for (const field of fields) {
    if (field.name === '') continue;
    const key = field.name.toLowerCase();
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const names: string[] = [];
  const seen = new Set<string>();
  for (const name of wanted) {
    if (!isFieldName(name)) return { ok: false, code: 'bad-header-name', name };
    const key = name.toLowerCase();
    if (!seen.has(key)) names.push(key);
    seen.add(key);
  }
  if (!seen.has('from')) names.unshift('from');
  const headers: string[] = [];
  for (const name of names) {
    const present = counts.get(name) ?? 0;
    if (present === 0) continue;
    for (let i = 0; i < present + (oversign ? 1 : 0); i++) headers.push(name);
    if (headers.length > MAX_SIGNED_HEADERS) return { ok: false, code: 'too-many-headers' };
  }
  return { ok: true, headers };
}
