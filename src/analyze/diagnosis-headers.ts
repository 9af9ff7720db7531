import type { KeyObject } from 'node:crypto';
import { headerHashData } from '../dkim/canonicalize.js';
import { blankedSignatureField, decodeDkimQuotedPrintable } from '../dkim/signature.js';
import { verifyHeaderData } from '../dkim/header-crypto.js';
import type { DkimSignature } from '../dkim/types.js';
import { fieldsByName, getFields, selectSignedFields } from '../message/header.js';
import type { HeaderField } from '../message/types.js';
import type { Diagnosis, Hop, Params, Recorded, Route } from './types.js';

/** Fields a message has once (RFC 5322 §3.6): a second copy is an addition. */
const SINGLE = ['from', 'sender', 'reply-to', 'to', 'cc', 'subject', 'date', 'message-id'];
/** A list tag at the start of a Subject: `[list]`, `[list:123]`. */
const SUBJECT_TAG = /^(\s*(?:(?:re|fwd?|aw|sv)\s*:\s*)*)(\[[^\]\r\n]{1,64}\]\s?)/i;

/** Whether `sig` verifies over `fields` with `key` (the header hash, RFC 6376 §3.7). */
function headerVerifies(sig: DkimSignature, fields: readonly HeaderField[], key: KeyObject): boolean {
  const data = headerHashData(selectSignedFields(fieldsByName(fields), sig.signedHeaders).map((f) => f.raw), blankedSignatureField(sig), sig.headerCanonicalization);
  return verifyHeaderData(sig.keyType, sig.hash, key, data, sig.signature);
}

function replaced(fields: readonly HeaderField[], target: HeaderField, raw: string | undefined): HeaderField[] {
  const out: HeaderField[] = [];
  for (const f of fields) {
    if (f !== target) out.push(f);
    else if (raw !== undefined) out.push({ ...f, raw: Buffer.from(raw, 'latin1') });
  }
  return out;
}

/**
 * Which signed header field looks changed when a signature fails (issue 6 §7):
 * a `[list]` tag in Subject, a single-instance field added again, or a field that differs from the copy in
 * `z=`. With the key (from `--reverify`) each guess is proven by verifying the signature over the header
 * with the change undone, and a header that still verifies gives no diagnosis.
 */
export function diagnoseHeaders(sig: DkimSignature, index: number, fields: readonly HeaderField[], key: KeyObject | undefined, bodyIntact: boolean): Diagnosis[] {
  const signature = { domain: sig.domain, selector: sig.selector, index };
  const out: Diagnosis[] = [];
  if (key !== undefined && headerVerifies(sig, fields, key)) return out;
  const add = (code: Diagnosis['code'], confirmed: boolean, params: Params): void => void out.push({ code, signature, confirmed, params });
  const signed = new Set(sig.signedHeaders.map((h) => h.toLowerCase()));
  const subjects = getFields(fields, 'Subject');
  const subject = subjects[subjects.length - 1];
  if (subject && signed.has('subject')) {
    const raw = Buffer.from(subject.raw).toString('latin1');
    const colon = raw.indexOf(':');
    const tag = SUBJECT_TAG.exec(raw.slice(colon + 1));
    if (tag) {
      const original = raw.slice(0, colon + 1) + raw.slice(colon + 1).replace(SUBJECT_TAG, '$1');
      add('subject-tag', key !== undefined && headerVerifies(sig, replaced(fields, subject, original), key), { tag: tag[2]!.trim() });
    }
  }
  for (const name of SINGLE) {
    const copies = getFields(fields, name);
    if (copies.length < 2 || !signed.has(name)) continue;
    const top = copies[0]!;
    add('header-added', key !== undefined && headerVerifies(sig, replaced(fields, top, undefined), key), { field: top.name, copies: copies.length });
  }
  if (sig.copiedHeaders) {
    for (const item of sig.copiedHeaders.split('|').slice(0, 100)) {
      const decoded = decodeDkimQuotedPrintable(item.trim());
      const colon = decoded?.indexOf(':') ?? -1;
      if (!decoded || colon <= 0) continue;
      const name = decoded.slice(0, colon).trim();
      const value = decoded.slice(colon + 1).replace(/\s+/g, ' ').trim();
      const now = getFields(fields, name).pop()?.value.replace(/\s+/g, ' ').trim();
      if (now !== undefined && now !== value) add('header-changed', true, { field: name, was: value.slice(0, 120), now: now.slice(0, 120) });
    }
  }
  if (out.length === 0 && (key !== undefined || bodyIntact)) add('header-modified-unknown', false, { signed: sig.signedHeaders.join(':').slice(0, 300) });
  return out;
}

/** The conclusion of an ARC set's Authentication-Results for one method. */
function arcWord(recorded: Recorded, instance: number, method: string): string | undefined {
  return recorded.arc.find((s) => s.instance === instance)?.results.find((r) => r.method === method)?.result;
}

/**
 * Whether ARC would explain a failure (RFC 8617 §1): the first intermediary's ARC-Authentication-Results
 * say what authentication looked like before the message was changed or forwarded.
 */
export function diagnoseArc(recorded: Recorded, arcResult: string | undefined): Diagnosis {
  if (recorded.arc.length === 0) return { code: 'arc-absent', confirmed: true, params: {} };
  const newest = recorded.arc[0]!;
  const params: Params = {
    sealer: newest.sealer ?? '?',
    instances: recorded.arc.length,
    dkim: arcWord(recorded, 1, 'dkim') ?? 'none',
    spf: arcWord(recorded, 1, 'spf') ?? 'none',
    dmarc: arcWord(recorded, 1, 'dmarc') ?? 'none',
    trusted: newest.trusted ? 1 : 0,
    chain: recorded.trusted?.arc ?? arcResult ?? 'unverified',
  };
  // As for DMARC, the result recorded on arrival by a trusted server outranks the one made now.
  return { code: 'arc-explains', confirmed: (recorded.trusted?.arc ?? arcResult) === 'pass' && newest.trusted, params };
}

/**
 * An SPF failure at the trust boundary explained as forwarding (issue 6 §7): the client that handed the
 * message to the recipient's provider is not the envelope domain's organization, and that client's own
 * Received field below shows it got the message from elsewhere first (named in `earlier`).
 */
export function diagnoseSpf(route: Route, envelopeOrg: string | undefined, orgOf: (host: string) => string): Diagnosis | undefined {
  if (route.boundary === undefined) return undefined;
  const hop: Hop = route.hops[route.boundary]!;
  const name = hop.reverseName ?? hop.helo ?? hop.from ?? '';
  const forwarderOrg = name ? orgOf(name) : '';
  if (envelopeOrg && forwarderOrg === envelopeOrg) return undefined;
  // Forwarding shows in the trace: the forwarder's own Received field below the boundary.
  const earlier = route.hops[route.boundary + 1];
  if (!earlier?.by || !forwarderOrg || orgOf(earlier.by) !== forwarderOrg) return undefined;
  const params: Params = { forwarder: name || '?', ip: hop.ip ?? '?', hop: route.boundary + 1, earlier: earlier.from ?? earlier.by };
  return { code: 'spf-forwarded', confirmed: false, params };
}
