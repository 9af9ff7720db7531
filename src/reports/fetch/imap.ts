import { isIP } from 'node:net';
import { ImapFlow } from 'imapflow';
import type { IngestInput, IngestSummary } from '../ingest.js';
import { messageOrigin, type ImapTarget } from './imap-url.js';

/** Stores one input and says what happened; throws only when the store itself failed (nothing committed). */
export type IngestFn = (input: IngestInput) => Promise<IngestSummary>;

/** Keyword set on a message whose reports are all committed, when it is neither moved nor deleted. */
export const PROCESSED_KEYWORD = '$InkanProcessed';
/** Keyword set on a message that was kept because something in it went to quarantine (or it is too large). */
export const QUARANTINED_KEYWORD = '$InkanQuarantined';
/** Largest message downloaded (bytes); a larger one stays in the mailbox, marked quarantined. */
export const DEFAULT_MAX_MESSAGE_BYTES = 64 * 1024 * 1024;
/** Most messages handled in one pass (the next pass, or the next run, takes the rest). */
export const DEFAULT_MAX_MESSAGES = 5000;

/** What to do with a message once everything in it is committed. */
export type AfterIngest = { action: 'move'; mailbox: string } | { action: 'delete' } | { action: 'flag' };

/** How to fetch. */
export interface FetchOptions {
  target: ImapTarget;
  password: string;
  /** Extra trusted CA certificates (PEM), for a private server. */
  ca?: Buffer | string;
  after: AfterIngest;
  ingest: IngestFn;
  maxMessageBytes?: number;
  maxMessages?: number;
  /** Abandon the pass (and, in watch mode, stop watching) when this aborts. */
  signal?: AbortSignal;
}

/** What happened to one message. */
export interface FetchedMessage {
  uid: number;
  origin: string;
  /** `processed`: committed and moved/flagged/deleted; `kept`: committed but kept (quarantined); `failed`: the store failed, left untouched. */
  status: 'processed' | 'kept' | 'failed';
  summary?: IngestSummary;
  /** Why the message was kept or failed (`too-large`, a store error). */
  reason?: string;
}

/** One pass over the mailbox. */
export interface FetchRun {
  /** Messages looked at. */
  messages: number;
  processed: number;
  kept: number;
  failed: number;
  /** Report counters, summed over the messages (the words of `reports import`). */
  stored: number;
  duplicates: number;
  quarantined: number;
  /** True when the pass stopped on a store failure (the rest waits for the next run). */
  stoppedOnFailure: boolean;
  items: FetchedMessage[];
}

/** A new, not yet connected client for the target. */
export function imapClient(options: Pick<FetchOptions, 'target' | 'password' | 'ca'>): ImapFlow {
  const { target } = options;
  return new ImapFlow({
    host: target.host,
    port: target.port,
    secure: target.secure,
    auth: { user: target.user, pass: options.password },
    logger: false,
    ...(options.ca ? { tls: { ca: options.ca } } : {}),
    ...(isIP(target.host) ? {} : { servername: target.host }),
  });
}

function emptyRun(): FetchRun {
  return { messages: 0, processed: 0, kept: 0, failed: 0, stored: 0, duplicates: 0, quarantined: 0, stoppedOnFailure: false, items: [] };
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Mark a committed message processed: move it, delete it, or flag it. */
async function markProcessed(client: ImapFlow, uid: number, after: AfterIngest): Promise<void> {
  const range = String(uid);
  if (after.action === 'move') {
    const moved = await client.messageMove(range, after.mailbox, { uid: true });
    if (!moved) throw new Error(`could not move UID ${uid} to ${after.mailbox}`);
  } else if (after.action === 'delete') {
    await client.messageDelete(range, { uid: true });
  } else {
    await client.messageFlagsAdd(range, [PROCESSED_KEYWORD, '\\Seen'], { uid: true });
  }
}

/** Create the destination mailbox when it does not exist yet. */
async function ensureMailbox(client: ImapFlow, after: AfterIngest): Promise<void> {
  if (after.action !== 'move') return;
  const list = await client.list();
  if (!list.some((box) => box.path === after.mailbox)) await client.mailboxCreate(after.mailbox);
}

/**
 * One pass with a connected client: every message not yet marked is downloaded, ingested, and only
 * after its reports are committed moved (or flagged, or deleted). A message with a quarantined part is
 * kept and flagged `$InkanQuarantined`; a store failure leaves the message untouched and ends the pass.
 */
export async function fetchPass(client: ImapFlow, options: FetchOptions): Promise<FetchRun> {
  const run = emptyRun();
  const maxBytes = options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES;
  await ensureMailbox(client, options.after);
  const lock = await client.getMailboxLock(options.target.mailbox);
  try {
    const box = client.mailbox;
    const uidValidity = box ? box.uidValidity : undefined;
    const found = await client.search({ unKeyword: PROCESSED_KEYWORD, not: { keyword: QUARANTINED_KEYWORD }, deleted: false }, { uid: true });
    const uids = (Array.isArray(found) ? found : []).sort((a, b) => a - b).slice(0, options.maxMessages ?? DEFAULT_MAX_MESSAGES);
    const unmarked = uids.length ? (await client.fetchAll(uids, { uid: true, size: true }, { uid: true })).sort((a, b) => a.uid - b.uid) : [];
    for (const meta of unmarked) {
      if (options.signal?.aborted) break;
      const uid = meta.uid;
      const origin = messageOrigin(options.target, uidValidity, uid);
      run.messages++;
      if ((meta.size ?? 0) > maxBytes) {
        await client.messageFlagsAdd(String(uid), [QUARANTINED_KEYWORD], { uid: true });
        run.kept++;
        run.items.push({ uid, origin, status: 'kept', reason: 'too-large' });
        continue;
      }
      const message = await client.fetchOne(String(uid), { uid: true, source: true }, { uid: true });
      if (!message || !message.source) {
        // Expunged by another client meanwhile: nothing to do.
        run.messages--;
        continue;
      }
      let summary: IngestSummary;
      try {
        summary = await options.ingest({ bytes: message.source, name: `${uid}.eml`, origin });
      } catch (e) {
        run.failed++;
        run.stoppedOnFailure = true;
        run.items.push({ uid, origin, status: 'failed', reason: errorText(e) });
        break;
      }
      run.stored += summary.stored;
      run.duplicates += summary.duplicates;
      run.quarantined += summary.quarantined;
      if (summary.quarantined > 0) {
        await client.messageFlagsAdd(String(uid), [QUARANTINED_KEYWORD], { uid: true });
        run.kept++;
        run.items.push({ uid, origin, status: 'kept', summary, reason: 'quarantined' });
        continue;
      }
      await markProcessed(client, uid, options.after);
      run.processed++;
      run.items.push({ uid, origin, status: 'processed', summary });
    }
  } finally {
    lock.release();
  }
  return run;
}

/** Connect, make one pass, log out. Connection and login errors are thrown (the CLI turns them into exit code 3). */
export async function fetchReports(options: FetchOptions): Promise<FetchRun> {
  const client = imapClient(options);
  await client.connect();
  try {
    return await fetchPass(client, options);
  } finally {
    await client.logout().catch(() => undefined);
  }
}
