import { tokenize, type Token } from './lexer.js';
import { resolveLimits } from './limits.js';
import type { FieldError, MessageIdResult, MessageLimits, MsgId, SyntaxErrorCode } from './types.js';

type Read = { ok: true; msgId: MsgId; next: number } | { ok: false; error: FieldError };

function error(code: SyntaxErrorCode, position: number): { ok: false; error: FieldError } {
  return { ok: false, error: { code, position } };
}

/** Join `word *("." word)` tokens, or undefined if they are not that shape. */
function dotted(tokens: Token[], value: string): { text: string; obsolete: boolean } | undefined {
  if (tokens.length === 0 || tokens.length % 2 === 0) return undefined;
  let obsolete = false;
  for (const [k, t] of tokens.entries()) {
    const isDot = t.kind === 'special' && t.text === '.';
    if (isDot !== (k % 2 === 1)) return undefined;
    if (!isDot && t.kind !== 'atom' && t.kind !== 'quoted') return undefined;
    if (t.kind === 'quoted' || (k > 0 && t.space)) obsolete = true;
  }
  return { text: tokens.map((t) => value.slice(t.start, t.end)).join(''), obsolete };
}

/** Read one `msg-id` (RFC 5322 §3.6.4, obsolete forms of §4.5.4 flagged) starting at token `i`. */
function readMsgId(tokens: Token[], i: number, value: string): Read {
  const open = tokens[i];
  if (!open || open.kind !== 'special' || open.text !== '<') return error('missing-angle-brackets', open?.start ?? value.length);
  let close = i + 1;
  while (close < tokens.length && !(tokens[close]!.kind === 'special' && tokens[close]!.text === '>')) close++;
  if (close >= tokens.length) return error('unterminated-angle-addr', open.start);
  const inner = tokens.slice(i + 1, close);
  const at = inner.findIndex((t) => t.kind === 'special' && t.text === '@');
  if (at < 0) return error('missing-at', tokens[close]!.start);
  const leftTokens = inner.slice(0, at);
  const rightTokens = inner.slice(at + 1);
  const left = dotted(leftTokens, value);
  if (!left) return error('bad-msg-id', leftTokens[0]?.start ?? inner[at]!.start);
  let right: { text: string; obsolete: boolean } | undefined;
  const only = rightTokens[0];
  if (rightTokens.length === 1 && only!.kind === 'literal') right = { text: value.slice(only!.start, only!.end), obsolete: false };
  else if (!rightTokens.some((t) => t.kind === 'quoted')) right = dotted(rightTokens, value);
  if (!right) return error(rightTokens.length === 0 ? 'missing-domain' : 'bad-msg-id', rightTokens[0]?.start ?? tokens[close]!.start);
  const obsolete =
    left.obsolete || right.obsolete || (inner[0]?.space ?? false) || inner[at]!.space || tokens[close]!.space || (rightTokens[0]?.space ?? false);
  return { ok: true, msgId: { id: `${left.text}@${right.text}`, left: left.text, right: right.text, obsolete }, next: close + 1 };
}

/** Parse a `Message-ID` field value: exactly one msg-id (RFC 5322 §3.6.4). */
export function parseMessageId(value: string, limits?: Partial<MessageLimits>): MessageIdResult {
  const lexed = tokenize(value, resolveLimits(limits));
  if (!lexed.ok) return lexed;
  const tokens = lexed.tokens.filter((t) => t.kind !== 'comment');
  if (tokens.length === 0) return error('empty', 0);
  const read = readMsgId(tokens, 0, value);
  if (!read.ok) return read;
  const rest = tokens[read.next];
  if (rest) return error('trailing-text', rest.start);
  return { ok: true, ...read.msgId };
}

/** Parse the msg-ids of `References` or `In-Reply-To` (RFC 5322 §3.6.4), skipping obsolete phrases; counted against `maxAddressesPerField`. */
export function parseMessageIdList(value: string, limits?: Partial<MessageLimits>): { ok: true; ids: MsgId[] } | { ok: false; error: FieldError } {
  const resolved = resolveLimits(limits);
  const lexed = tokenize(value, resolved);
  if (!lexed.ok) return lexed;
  const tokens = lexed.tokens.filter((t) => t.kind !== 'comment');
  const ids: MsgId[] = [];
  for (let i = 0; i < tokens.length; ) {
    const t = tokens[i]!;
    if (t.kind !== 'special' || t.text !== '<') {
      i++;
      continue;
    }
    const read = readMsgId(tokens, i, value);
    if (!read.ok) return read;
    if (ids.length >= resolved.maxAddressesPerField) {
      return { ok: false, error: { code: 'limit', limit: 'maxAddressesPerField', max: resolved.maxAddressesPerField, position: t.start } };
    }
    ids.push(read.msgId);
    i = read.next;
  }
  if (ids.length === 0) return error('empty', 0);
  return { ok: true, ids };
}
