import { bodyHash } from '../dkim/body-hash.js';
import type { DkimSignature } from '../dkim/types.js';
import type { HeaderField } from '../message/types.js';
import { decodeBase64Content, decodeQuotedPrintable, lineStarts, multipartBoundary, splitParts, transferEncoding } from './mime.js';
import type { Diagnosis, Params } from './types.js';

/** Bodies larger than this are not searched for an original (each candidate hashes the body once). */
export const MAX_DIAGNOSIS_BODY = 4 * 1024 * 1024;
/** Octets hashed for candidate originals in one analysis, all signatures together (hostile input stays cheap). */
export const DIAGNOSIS_BUDGET = 64 * 1024 * 1024;

/** What is left of the hashing budget; shared by the signatures of one message. */
export interface HashBudget {
  octets: number;
}

/** Thrown inside the search when the budget runs out; caught in {@link diagnoseBody}. */
class OutOfBudget {}
/** Line starts tried as the place a footer begins, and how far from the end they may be. */
const FOOTER_LINES = 64;
const FOOTER_WINDOW = 16 * 1024;
/** Longest footer preview shown. */
const PREVIEW = 80;

/** What the body check of one signature found. */
export interface BodyCheck {
  /** The `bh=` matched the body as it is (within `l=`). */
  intact: boolean;
  diagnoses: Diagnosis[];
}

function matches(sig: DkimSignature, body: Uint8Array, budget: HashBudget): boolean {
  budget.octets -= body.length;
  if (budget.octets < 0) throw new OutOfBudget();
  return bodyHash(body, sig.bodyCanonicalization, sig.hash, sig.bodyLength).digest.equals(sig.bodyHash);
}

function concat(...parts: Uint8Array[]): Buffer {
  return Buffer.concat(parts);
}

function preview(bytes: Uint8Array): string {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('utf8').replace(/\s+/g, ' ').trim();
  return text.length > PREVIEW ? `${text.slice(0, PREVIEW - 1)}…` : text;
}

function lineCount(bytes: Uint8Array): number {
  let n = 0;
  for (const b of bytes) if (b === 0x0a) n++;
  return Math.max(1, n);
}

/** Remove the text from a line start before `to` up to `tailStart` (a footer), trying each line start; the first cut that restores `bh=`. */
function footerCut(sig: DkimSignature, body: Uint8Array, to: number, tailStart: number, budget: HashBudget): number | undefined {
  const head = body.subarray(0, to);
  const tail = body.subarray(tailStart);
  for (const cut of lineStarts(head, FOOTER_LINES, FOOTER_WINDOW)) {
    if (cut >= to) continue;
    if (matches(sig, concat(body.subarray(0, cut), tail), budget)) return cut;
  }
  return undefined;
}

/**
 * Why a body no longer matches a signature's `bh=` (issue 6 §7): recompute the body hash of candidate
 * originals — the body without an appended footer (at the end, or before the closing MIME boundary), with
 * line endings or trailing whitespace restored, with a quoted-printable/base64 transfer encoding decoded,
 * or one MIME part of a restructured body — and report the candidate that matches. Nothing matching is
 * `body-modified` with the lengths.
 */
export function diagnoseBody(sig: DkimSignature, index: number, fields: readonly HeaderField[], body: Uint8Array, budget: HashBudget = { octets: DIAGNOSIS_BUDGET }): BodyCheck {
  const signature = { domain: sig.domain, selector: sig.selector, index };
  const found = (code: Diagnosis['code'], confirmed: boolean, params: Params = {}): Diagnosis => ({ code, signature, confirmed, params });
  const now = bodyHash(body, sig.bodyCanonicalization, sig.hash, sig.bodyLength);
  if (now.digest.equals(sig.bodyHash)) {
    const diagnoses = [found('body-intact', true)];
    if (sig.bodyLength !== undefined && now.totalLength > now.length) {
      diagnoses.push(found('unsigned-appended-content', true, { signed: now.length, total: now.totalLength, unsigned: now.totalLength - now.length }));
    }
    return { intact: true, diagnoses };
  }
  if (body.length > MAX_DIAGNOSIS_BODY) return { intact: false, diagnoses: [found('body-modified', false, { length: now.totalLength, tooLarge: 1 })] };
  const cte = transferEncoding(fields);
  try {
    const footer = footerCut(sig, body, body.length, body.length, budget);
    if (footer !== undefined) {
      const added = body.subarray(footer);
      return { intact: false, diagnoses: [found('footer-appended', true, { lines: lineCount(added), octets: added.length, preview: preview(added) })] };
    }
    const boundary = multipartBoundary(fields);
    const parts = boundary ? splitParts(body, boundary) : undefined;
    if (parts?.closing !== undefined) {
      // A list footer added inside the last part, or as a part of its own, just before the closing boundary.
      let anchor = parts.closing;
      if (body[anchor - 1] === 0x0a) anchor--;
      if (body[anchor - 1] === 0x0d) anchor--;
      const cut = footerCut(sig, body, anchor, parts.closing, budget);
      if (cut !== undefined) {
        const added = body.subarray(cut, parts.closing);
        return { intact: false, diagnoses: [found('footer-appended', true, { lines: lineCount(added), octets: added.length, preview: preview(added), mime: 1 })] };
      }
    }
    const text = Buffer.from(body.buffer, body.byteOffset, body.length).toString('latin1');
    if (/[ \t]+\r?\n/.test(text) && matches(sig, Buffer.from(text.replace(/[ \t]+(?=\r?\n)/g, ''), 'latin1'), budget)) {
      return { intact: false, diagnoses: [found('trailing-whitespace-changed', true, { change: 'added' })] };
    }
    if (text.includes('\r\r\n') && matches(sig, Buffer.from(text.replace(/\r+\n/g, '\r\n'), 'latin1'), budget)) {
      return { intact: false, diagnoses: [found('line-endings-changed', true, { change: 'doubled-cr' })] };
    }
    if (/\r(?!\n)/.test(text) && matches(sig, Buffer.from(text.replace(/\r(?!\n)/g, '\r\n'), 'latin1'), budget)) {
      return { intact: false, diagnoses: [found('line-endings-changed', true, { change: 'bare-cr' })] };
    }
    if (!boundary && (cte === 'quoted-printable' || cte === 'base64')) {
      const decoded = cte === 'base64' ? decodeBase64Content(body) : decodeQuotedPrintable(body);
      if (matches(sig, decoded, budget)) return { intact: false, diagnoses: [found('transfer-encoding-converted', true, { encoding: cte })] };
    }
    if (parts) {
      for (const [k, part] of parts.parts.entries()) {
        const content = body.subarray(part.contentStart, part.end);
        const partCte = transferEncoding(part.fields);
        const candidates = [content, body.subarray(part.start, part.end)];
        if (partCte === 'quoted-printable') candidates.push(decodeQuotedPrintable(content));
        if (partCte === 'base64') candidates.push(decodeBase64Content(content));
        if (candidates.some((c) => matches(sig, c, budget))) {
          return { intact: false, diagnoses: [found('mime-restructured', true, { part: k + 1, parts: parts.parts.length })] };
        }
      }
    }
  } catch (e) {
    if (!(e instanceof OutOfBudget)) throw e;
    return { intact: false, diagnoses: [found('body-modified', false, { length: now.totalLength, tooLarge: 1 })] };
  }
  // Nothing restored the hash; say what can still be seen.
  const guesses: Diagnosis[] = [found('body-modified', false, { length: now.totalLength, ...(sig.bodyLength !== undefined ? { signedLength: sig.bodyLength } : {}) })];
  if (cte === 'quoted-printable' || cte === 'base64') guesses.push(found('transfer-encoding-converted', false, { encoding: cte }));
  return { intact: false, diagnoses: guesses };
}
