import { formatIp, parseIp } from '../dns/ip.js';
import { isAtOrBelow } from '../dmarc/domain.js';
import { getFields } from '../message/header.js';
import { parseMessage } from '../message/parse.js';
import type { ParsedMessage } from '../message/types.js';
import { verify } from '../verify.js';
import type { AuditDns } from './context.js';
import { finding, type Finding } from './finding.js';
import { isPrivateAddress } from './mx.js';

/** What a sample message the domain sent shows, for readiness. */
export interface MessageFacts {
  /** RFC 5322: exactly one From with one author domain, and one valid Message-ID. */
  rfc5322: boolean;
  /** The From domain, when there is one. */
  fromDomain?: string;
  /** DMARC passed: SPF or DKIM passed for a domain aligned with From. `undefined` when it could not be evaluated. */
  aligned?: boolean;
  spf?: string;
  dkim: string[];
  dmarc?: string;
  /** RFC 8058 one-click unsubscribe: an HTTPS List-Unsubscribe and `List-Unsubscribe-Post: List-Unsubscribe=One-Click`. */
  oneClick: boolean;
  /** A `Received` field shows the hop from the sender used TLS; `undefined` when no Received field tells. */
  tls?: boolean;
  /** The sending IP taken from the message's trace fields, when found. */
  sendingIp?: string;
}

/** The connecting IP, HELO and TLS of the first hop into a public network, from the newest Received down. */
function firstPublicHop(message: ParsedMessage): { ip?: string; helo?: string; tls?: boolean } {
  for (const { result } of message.received) {
    if (!result.ok || !result.from?.ip) continue;
    if (isPrivateAddress(result.from.ip)) continue;
    return { ip: formatIp(result.from.ip), ...(result.from.helo ? { helo: result.from.helo } : {}), tls: result.encrypted };
  }
  return {};
}

/** The unsubscribe facts of RFC 8058 §3.1. */
function unsubscribe(message: ParsedMessage): { https: boolean; post: boolean } {
  const list = getFields(message.fields, 'List-Unsubscribe').map((f) => f.value);
  const post = getFields(message.fields, 'List-Unsubscribe-Post').map((f) => f.value.replace(/\s+/g, ''));
  return {
    https: list.some((v) => /<https:\/\/[^>]+>/i.test(v)),
    post: post.some((v) => v.toLowerCase() === 'list-unsubscribe=one-click'),
  };
}

/** Options of {@link auditMessage}. */
export interface MessageAuditOptions {
  /** The IP the message was sent from (else the first public hop in its Received fields). */
  sendingIp?: string;
  now: number;
  signal?: AbortSignal;
}

/**
 * Answer from a sample message what DNS cannot: is From aligned (via the verify pipeline), is the message
 * RFC 5322 (one From, a valid Message-ID), does it offer RFC 8058 one-click unsubscribe, did it travel over TLS.
 */
export async function auditMessage(raw: Uint8Array, domain: string, dns: AuditDns, options: MessageAuditOptions): Promise<{ findings: Finding[]; facts: MessageFacts }> {
  const parsed = parseMessage(raw);
  const findings: Finding[] = [];
  if (!parsed.ok) {
    findings.push(finding('message', 'message.unreadable', 'error', { limit: parsed.error.limit, max: parsed.error.max }));
    return { findings, facts: { rfc5322: false, dkim: [], oneClick: false } };
  }
  const from = parsed.from;
  const fromDomain = from.ok ? from.domain : undefined;
  if (!from.ok) findings.push(finding('message', 'message.from-invalid', 'error', { reason: from.reason, fields: from.fromFields }));
  else if (!isAtOrBelow(from.domain, domain)) findings.push(finding('message', 'message.other-domain', 'warning', { domain, fromDomain: from.domain }));
  const ids = parsed.messageId;
  const idOk = ids.length === 1 && ids[0]!.result.ok;
  if (!idOk) findings.push(finding('message', 'message.message-id', 'error', { count: ids.length }));

  const hop = firstPublicHop(parsed);
  const ip = options.sendingIp ?? hop.ip;
  const returnPath = parsed.returnPath[0]?.result;
  const mailFrom = returnPath?.ok && !returnPath.null ? `${returnPath.mailbox.localPart}@${returnPath.mailbox.domainAscii}` : '';
  const facts: MessageFacts = { rfc5322: from.ok && idOk, dkim: [], oneClick: false, ...(fromDomain ? { fromDomain } : {}), ...(ip ? { sendingIp: ip } : {}) };

  const result = await verify(raw, {
    ip: ip && parseIp(ip) ? ip : '192.0.2.0',
    ...(hop.helo ? { helo: hop.helo } : {}),
    mailFrom,
    authservId: 'inkan.check',
    resolver: dns,
    now: options.now,
    ...(options.signal ? { signal: options.signal } : {}),
  });
  facts.dkim = result.dkim.results.map((r) => `${r.result}:${r.domain ?? ''}`);
  facts.dmarc = result.dmarc.result;
  if (ip) facts.spf = result.spf.result;
  const alignedBy = result.dmarc.alignment.filter((a) => a.status === 'aligned' && (a.identifier === 'dkim' || ip !== undefined));
  if (result.dmarc.result === 'temperror') findings.push(finding('message', 'message.unchecked', 'warning', { what: 'dmarc' }));
  else if (alignedBy.length) {
    facts.aligned = true;
    findings.push(finding('message', 'message.aligned', 'ok', { fromDomain: fromDomain ?? '', by: alignedBy.map((a) => `${a.identifier}=${a.domain}`).join(', ') }));
  } else {
    facts.aligned = false;
    const seen = result.dmarc.alignment.map((a) => `${a.identifier}=${a.domain || '-'} ${a.result}`).join(', ');
    findings.push(finding('message', 'message.not-aligned', 'error', { fromDomain: fromDomain ?? '', seen: seen || '-', spfKnown: ip !== undefined }));
  }

  const unsub = unsubscribe(parsed);
  facts.oneClick = unsub.https && unsub.post;
  if (facts.oneClick) findings.push(finding('message', 'message.one-click', 'ok', {}));
  else if (unsub.https) findings.push(finding('message', 'message.one-click-post-missing', 'warning', {}));
  else findings.push(finding('message', 'message.no-unsubscribe', 'info', {}));
  if (hop.tls !== undefined) {
    facts.tls = hop.tls;
    findings.push(hop.tls ? finding('message', 'message.tls', 'ok', { ip: hop.ip ?? '' }) : finding('message', 'message.no-tls', 'warning', { ip: hop.ip ?? '' }));
  }
  return { findings, facts };
}
