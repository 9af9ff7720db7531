import { parseTagList } from '../dkim/tag-list.js';
import { getFields } from '../message/header.js';
import type { ParsedMessage } from '../message/types.js';
import type { Signal } from './types.js';

/** A Date this far after `now` is in the future. */
const FUTURE_MS = 15 * 60 * 1000;

/** Header names covered by any DKIM-Signature's `h=` (lower case). */
function signedNames(message: ParsedMessage): Set<string> {
  const out = new Set<string>();
  for (const f of getFields(message.fields, 'DKIM-Signature').slice(0, 10)) {
    const tags = parseTagList(f.value);
    const h = tags.ok ? tags.list.tags.get('h')?.value : undefined;
    for (const name of (h ?? '').split(':')) out.add(name.trim().toLowerCase());
  }
  return out;
}

/**
 * The sender-requirement signals large mailbox providers check on bulk mail (issue 6 §8): RFC 8058 one-click
 * unsubscribe (an https List-Unsubscribe, `List-Unsubscribe-Post: List-Unsubscribe=One-Click`, both DKIM-signed),
 * exactly one From, and a valid Message-ID and Date (RFC 5322 §3.6).
 */
export function readSignals(message: ParsedMessage, now: number): Signal[] {
  const out: Signal[] = [];
  const unsub = getFields(message.fields, 'List-Unsubscribe');
  const post = getFields(message.fields, 'List-Unsubscribe-Post');
  if (unsub.length === 0) out.push({ code: 'one-click-unsubscribe', status: 'missing', detail: 'absent', params: {} });
  else {
    const signed = signedNames(message);
    const https = /<https:\/\/[^>\s]+>/i.test(unsub[0]!.value);
    const oneClick = post.some((p) => /^List-Unsubscribe=One-Click$/i.test(p.value.trim()));
    const detail = !https ? 'no-https' : !oneClick ? 'no-post' : !signed.has('list-unsubscribe') || !signed.has('list-unsubscribe-post') ? 'not-signed' : 'ok';
    out.push({ code: 'one-click-unsubscribe', status: detail === 'ok' ? 'ok' : 'warning', detail, params: {} });
  }
  const from = message.from;
  if (from.ok) {
    const detail = from.senderMissing ? 'several-authors' : 'ok';
    out.push({ code: 'single-from', status: detail === 'ok' ? 'ok' : 'warning', detail, params: { count: from.authors.length } });
  } else {
    const missing = from.reason === 'no-from';
    out.push({ code: 'single-from', status: missing ? 'missing' : 'warning', detail: from.reason, params: { count: from.fromFields } });
  }
  const ids = message.messageId;
  if (ids.length === 0) out.push({ code: 'message-id', status: 'missing', detail: 'absent', params: {} });
  else if (ids.length > 1) out.push({ code: 'message-id', status: 'warning', detail: 'multiple', params: { count: ids.length } });
  else {
    const r = ids[0]!.result;
    out.push(r.ok ? { code: 'message-id', status: 'ok', detail: 'ok', params: { id: r.id.slice(0, 200) } } : { code: 'message-id', status: 'warning', detail: 'invalid', params: { value: ids[0]!.field.value.slice(0, 200) } });
  }
  const dates = message.date;
  if (dates.length === 0) out.push({ code: 'date', status: 'missing', detail: 'absent', params: {} });
  else if (dates.length > 1) out.push({ code: 'date', status: 'warning', detail: 'multiple', params: { count: dates.length } });
  else {
    const r = dates[0]!.result;
    if (!r.ok) out.push({ code: 'date', status: 'warning', detail: 'invalid', params: { value: dates[0]!.field.value.slice(0, 200) } });
    else if (r.epochMs > now + FUTURE_MS) out.push({ code: 'date', status: 'warning', detail: 'future', params: { date: new Date(r.epochMs).toISOString() } });
    else out.push({ code: 'date', status: 'ok', detail: 'ok', params: { date: new Date(r.epochMs).toISOString() } });
  }
  return out;
}
