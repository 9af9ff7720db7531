import { parseIp, parseIpv6, type IpAddress } from '../dns/ip.js';
import { parseDate } from './date.js';
import { resolveLimits } from './limits.js';
import type { MessageLimits, Received, ReceivedFrom, ReceivedResult, ReceivedTls } from './types.js';

const KEYWORDS = new Set(['from', 'by', 'via', 'with', 'id', 'for']);
/** RFC 3848 protocol names: `S` means TLS, `A` means SMTP AUTH. */
const PROTOCOL = /^(?:UTF8)?(?:E?SMTP|LMTP)(S?)(A?)$/i;
const IP_LITERAL = /^\[(?:IPv6:)?([0-9A-Fa-f:.]+)\](?::(\d{1,5}))?$/i;
const EXIM_TLS = /^(TLS1\.\d|TLSv1(?:\.\d)?|SSLv3)(?::([^:\s]+):(\d+))?$/;

type Piece = { kind: 'word' | 'comment'; text: string };

/** Words and (nested) comments of a trace field; an unterminated comment runs to the end. */
function pieces(text: string, maxDepth: number): Piece[] | { depthAt: number } {
  const out: Piece[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === ' ' || c === '\t' || c === '\r' || c === '\n') {
      i++;
    } else if (c === '(') {
      let depth = 0;
      const start = i;
      for (; i < text.length; i++) {
        const d = text[i];
        if (d === '\\') i++;
        else if (d === '(' && ++depth > maxDepth) return { depthAt: i };
        else if (d === ')' && --depth === 0) break;
      }
      out.push({ kind: 'comment', text: text.slice(start + 1, Math.min(i, text.length)) });
      i++;
    } else {
      const start = i;
      while (i < text.length && !' \t\r\n('.includes(text[i]!)) i++;
      out.push({ kind: 'word', text: text.slice(start, i) });
    }
  }
  return out;
}

/** Index of the last `;` outside comments: the date follows it (RFC 5321 §4.4). */
function lastSemicolon(text: string): number {
  let depth = 0;
  let at = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === '(') depth++;
    else if (c === ')' && depth > 0) depth--;
    else if (c === ';' && depth === 0) at = i;
  }
  return at;
}

function ipOf(text: string): IpAddress | undefined {
  return /^ipv6:/i.test(text) ? ((b) => (b ? { family: 6 as const, bytes: b } : undefined))(parseIpv6(text.slice(5))) : parseIp(text);
}

/** What one comment of the `from` clause says: `(rdns [ip])`, `([ip]:port helo=x)`, `(HELO x)`, `(user@ip)`, `(ip)`. */
function readFromComment(text: string, from: ReceivedFrom): void {
  const parts = text.split(/\s+/).filter((p) => p !== '');
  for (const [k, part] of parts.entries()) {
    const lower = part.toLowerCase();
    if (lower.startsWith('helo=') || lower.startsWith('ehlo=')) from.helo ??= part.slice(5);
    else if ((lower === 'helo' || lower === 'ehlo') && parts[k + 1]) from.helo ??= parts[k + 1]!;
    else if (lower.startsWith('port=') && /^\d{1,5}$/.test(part.slice(5))) from.port ??= Number(part.slice(5));
    else if (!from.ip) {
      const literal = IP_LITERAL.exec(part);
      const bare = literal ? undefined : part.replace(/^.*@/, '');
      const ip = literal ? ipOf(literal[1]!) : parts.length === 1 ? ipOf(bare!) : undefined;
      if (!ip) continue;
      from.ip = ip;
      from.ipText = literal ? literal[1]! : bare!;
      if (literal?.[2]) from.port = Number(literal[2]);
      const before = literal ? parts[k - 1] : part.includes('@') ? part : undefined;
      if (before) {
        const at = before.lastIndexOf('@');
        if (at >= 0) from.user = before.slice(0, at);
        const host = before.slice(at + 1).replace(/\.$/, '');
        if (literal && host !== '' && host.toLowerCase() !== 'unknown') from.reverseName = host;
      }
    }
  }
}

function readFrom(words: string[], comments: string[]): ReceivedFrom {
  const name = words[0] ?? '';
  const from: ReceivedFrom = { name };
  let heloInComment = false;
  for (const text of comments) {
    const before = from.helo;
    readFromComment(text, from);
    if (from.helo !== before) heloInComment = true;
  }
  const literal = IP_LITERAL.exec(name);
  const nameIp = literal?.[1] ?? (parseIp(name) ? name : undefined);
  if (nameIp !== undefined && !from.ip) {
    const ip = ipOf(nameIp);
    if (ip) {
      from.ip = ip;
      from.ipText = nameIp;
    }
  }
  // Exim and qmail put the verified name first and the HELO in the comment; Postfix and Sendmail put the HELO first.
  if (heloInComment) {
    if (nameIp === undefined && name !== '' && name.toLowerCase() !== 'unknown') from.reverseName ??= name;
  } else if (name !== '') from.helo = name;
  return from;
}

/** TLS facts from comment and clause words: Postfix `using TLSv1.3 with cipher X (256/256 bits)`, Sendmail and Microsoft `version=… cipher=… bits=…`, Exim `(TLS1.3) tls X`. */
function readTls(texts: string[], tls: ReceivedTls): void {
  for (const text of texts) {
    const exim = EXIM_TLS.exec(text.trim());
    if (exim) {
      tls.version ??= exim[1]!;
      if (exim[2]) tls.cipher ??= exim[2];
      if (exim[3]) tls.bits ??= Number(exim[3]);
      continue;
    }
    const parts = text.split(/[\s,;]+/).filter((p) => p !== '');
    for (const [k, part] of parts.entries()) {
      const lower = part.toLowerCase();
      const next = parts[k + 1];
      if (lower.startsWith('version=')) tls.version ??= part.slice(8);
      else if (lower.startsWith('cipher=')) tls.cipher ??= part.slice(7);
      else if (lower.startsWith('bits=') && /^\d+(?:\/\d+)?$/.test(part.slice(5))) tls.bits ??= parseInt(part.slice(5), 10);
      else if (lower === 'using' && next && /^(?:TLSv?\d|SSLv\d)/i.test(next)) tls.version ??= next;
      else if ((lower === 'cipher' || lower === 'tls') && next && /^[A-Z0-9_-]{6,}$/i.test(next)) tls.cipher ??= next;
      else if (/^\(?\d+\/\d+$/.test(part) && next?.startsWith('bits')) tls.bits ??= Number(part.replace(/^\(/, '').split('/')[0]);
    }
  }
}

/** Parse a `Received` field value (RFC 5321 §4.4 and the forms real MTAs write), keeping what it cannot place. */
export function parseReceived(value: string, limits?: Partial<MessageLimits>): ReceivedResult {
  const { maxCommentDepth } = resolveLimits(limits);
  const semicolon = lastSemicolon(value);
  const clauses = semicolon >= 0 ? value.slice(0, semicolon) : value;
  const found = pieces(clauses, maxCommentDepth);
  if (!Array.isArray(found)) {
    return { ok: false, error: { code: 'limit', limit: 'maxCommentDepth', max: maxCommentDepth, position: found.depthAt } };
  }
  const words = new Map<string, string[]>();
  const clauseComments = new Map<string, string[]>();
  const received: Received = { encrypted: false, authenticated: false, comments: [], unparsed: [] };
  let clause = '';
  for (const piece of found) {
    if (piece.kind === 'comment') {
      received.comments.push({ clause, text: piece.text });
      const list = clauseComments.get(clause);
      if (list) list.push(piece.text);
      else clauseComments.set(clause, [piece.text]);
      continue;
    }
    const lower = piece.text.toLowerCase();
    if (KEYWORDS.has(lower) && !words.has(lower)) {
      clause = lower;
      words.set(clause, []);
    } else if (clause === '') received.unparsed.push(piece.text);
    else words.get(clause)!.push(piece.text);
  }
  const first = (name: string): string | undefined => {
    const list = words.get(name);
    if (!list || list.length === 0) return undefined;
    received.unparsed.push(...list.slice(1));
    return list[0];
  };
  if (words.has('from')) received.from = readFrom(words.get('from')!, clauseComments.get('from') ?? []);
  received.unparsed.push(...(words.get('from') ?? []).slice(1));
  const by = first('by');
  if (by !== undefined) received.by = by;
  const via = words.get('via');
  if (via && via.length > 0) received.via = via.join(' ');
  const withWords = words.get('with') ?? [];
  const tlsAt = withWords.findIndex((w) => w.toLowerCase() === 'tls');
  const protocolWords = tlsAt >= 0 ? withWords.slice(0, tlsAt) : withWords;
  if (protocolWords.length > 0) received.with = protocolWords.join(' ');
  const id = first('id');
  if (id !== undefined) received.id = id;
  const rcpt = first('for');
  if (rcpt !== undefined) received.for = rcpt.replace(/^<(.*)>$/, '$1');

  const tls: ReceivedTls = {};
  readTls([...received.comments.map((c) => c.text), withWords.slice(tlsAt >= 0 ? tlsAt : withWords.length).join(' ')], tls);
  if (tls.version || tls.cipher || tls.bits) received.tls = tls;
  const protocol = PROTOCOL.exec(received.with ?? '');
  const transport = received.comments.some((c) => /^Google Transport Security$/i.test(c.text.trim()));
  received.encrypted = !!received.tls || protocol?.[1] === 'S' || protocol?.[1] === 's' || /^(?:SMTPS|HTTPS)$/i.test(received.with ?? '') || transport;
  received.authenticated =
    (protocol?.[2] ?? '') !== '' || received.comments.some((c) => /^Authenticated sender:/i.test(c.text.trim()));
  if (semicolon >= 0) {
    const dateText = value.slice(semicolon + 1).trim();
    if (dateText !== '') {
      received.dateText = dateText;
      received.date = parseDate(dateText, limits);
    }
  }
  return { ok: true, ...received };
}
