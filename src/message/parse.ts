import { parseAddressList, parseMailbox, parseReturnPath } from './address.js';
import { analyzeFrom } from './author.js';
import { parseDate } from './date.js';
import { resolveLimits } from './limits.js';
import { parseMessageId } from './message-id.js';
import { parseReceived } from './received.js';
import { splitMessage } from './split.js';
import type { HeaderField, MessageLimits, ParsedField, ParseMessageResult } from './types.js';

function each<R>(fields: HeaderField[], name: string, parse: (value: string) => R): Array<ParsedField<R>> {
  const wanted = name.toLowerCase();
  const out: Array<ParsedField<R>> = [];
  fields.forEach((field, index) => {
    if (field.name !== '' && field.name.toLowerCase() === wanted) out.push({ field, index, result: parse(field.value) });
  });
  return out;
}

/**
 * Read a message from its raw octets: split header and body, keep every field's bytes, and parse
 * the fields authentication needs (From, Sender, Reply-To, Return-Path, Message-ID, Date, Received).
 * A string is taken as UTF-8. Exceeding a header limit gives `{ ok: false }`; a limit hit inside
 * one field makes only that field's result fail.
 */
export function parseMessage(raw: Buffer | Uint8Array | string, overrides?: Partial<MessageLimits>): ParseMessageResult {
  const limits = resolveLimits(overrides);
  const split = splitMessage(raw, limits);
  if (!split.ok) return split;
  const { fields } = split;
  const fromFields = each(fields, 'From', (v) => parseAddressList(v, limits));
  return {
    ...split,
    from: analyzeFrom(fields, limits, fromFields.map((f) => f.result)),
    fromFields,
    sender: each(fields, 'Sender', (v) => parseMailbox(v, limits)),
    replyTo: each(fields, 'Reply-To', (v) => parseAddressList(v, limits)),
    returnPath: each(fields, 'Return-Path', (v) => parseReturnPath(v, limits)),
    messageId: each(fields, 'Message-ID', (v) => parseMessageId(v, limits)),
    date: each(fields, 'Date', (v) => parseDate(v, limits)),
    received: each(fields, 'Received', (v) => parseReceived(v, limits)),
  };
}
