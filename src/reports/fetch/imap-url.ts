/** Where to fetch reports from: an `imap://` or `imaps://` URL (RFC 5092, mailbox part only). */
export interface ImapTarget {
  /** `imaps://`: TLS from the first byte; `imap://`: plain, upgraded with STARTTLS when the server offers it. */
  secure: boolean;
  host: string;
  port: number;
  user: string;
  /** A password written in the URL (discouraged: it shows in `ps` and shell history). */
  password?: string;
  mailbox: string;
}

/** Why an IMAP URL is not usable. */
export type ImapUrlError = 'scheme' | 'host' | 'user' | 'port' | 'syntax';

/** What {@link parseImapUrl} returns. */
export type ImapUrlResult = { ok: true; target: ImapTarget } | { ok: false; error: ImapUrlError };

/** Longest URL accepted (it comes from a command line or a config file). */
export const MAX_IMAP_URL_LENGTH = 2048;

function decode(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

/**
 * Parse `imaps://user@host[:port]/MAILBOX` (default mailbox INBOX, default ports 993 and 143).
 * RFC 5092 `;AUTH=` after the user name is accepted and ignored; `;UIDVALIDITY=` and the rest after
 * the mailbox are cut off.
 */
export function parseImapUrl(text: string): ImapUrlResult {
  if (text.length > MAX_IMAP_URL_LENGTH) return { ok: false, error: 'syntax' };
  const m = /^(imaps?):\/\/([^/?#]*)(\/[^?#]*)?$/i.exec(text.trim());
  if (!m) return { ok: false, error: /^imaps?:/i.test(text) ? 'syntax' : 'scheme' };
  const secure = m[1]!.toLowerCase() === 'imaps';
  const authority = m[2]!;
  const at = authority.lastIndexOf('@');
  if (at <= 0) return { ok: false, error: 'user' };
  const userInfo = authority.slice(0, at);
  const hostPort = authority.slice(at + 1);
  const colon = userInfo.indexOf(':');
  const rawUser = (colon === -1 ? userInfo : userInfo.slice(0, colon)).split(';')[0]!;
  const user = decode(rawUser);
  const password = colon === -1 ? undefined : decode(userInfo.slice(colon + 1));
  if (!user || (colon !== -1 && password === undefined)) return { ok: false, error: 'user' };
  const hp = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+)(?::(\d{1,5}))?$/.exec(hostPort);
  if (!hp) return { ok: false, error: 'host' };
  const host = hp[1]!.startsWith('[') ? hp[1]!.slice(1, -1) : hp[1]!;
  const port = hp[2] === undefined ? (secure ? 993 : 143) : Number(hp[2]);
  if (port < 1 || port > 65535) return { ok: false, error: 'port' };
  const path = (m[3] ?? '/').slice(1).split(';')[0]!;
  const mailbox = path === '' ? 'INBOX' : decode(path);
  if (mailbox === undefined || /[\r\n\0]/.test(mailbox)) return { ok: false, error: 'syntax' };
  return { ok: true, target: { secure, host, port, user, ...(password !== undefined ? { password } : {}), mailbox } };
}

/** The URL of one message, as the `origin` of its reports: `imap://user@host/INBOX;UID=5` (RFC 5092 §5, no password). */
export function messageOrigin(target: ImapTarget, uidValidity: bigint | number | undefined, uid: number): string {
  const scheme = target.secure ? 'imaps' : 'imap';
  const port = target.port === (target.secure ? 993 : 143) ? '' : `:${target.port}`;
  const host = target.host.includes(':') ? `[${target.host}]` : target.host;
  const validity = uidValidity === undefined ? '' : `;UIDVALIDITY=${uidValidity}`;
  return `${scheme}://${encodeURIComponent(target.user)}@${host}${port}/${encodeURIComponent(target.mailbox)}${validity}/;UID=${uid}`;
}
