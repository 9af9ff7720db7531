import { fieldsByName, selectSignedFields } from '../message/header.js';
import type { HeaderField } from '../message/types.js';
import { createBodyHashTarget, type BodyHashResult, type BodyHashTarget } from './body-hash.js';
import { createBodyCanonicalizer, headerHashData, type BodyCanonicalizer, type Canonicalization } from './canonicalize.js';
import { defaultKeyCache, fetchDkimKey, type DkimKeyLookup, type FetchKeyOptions } from './key.js';
import { blankedSignatureField, parseDkimSignature } from './signature.js';
import { readHeader, readHeaderInMemory, type MessageHead, type MessageSource } from './source.js';
import { verifyHeaderData } from './header-crypto.js';
import type {
  DkimKey,
  DkimNotEvaluated,
  DkimReason,
  DkimResult,
  DkimResultBase,
  DkimSignature,
  DkimSignatureInfo,
  DkimStep,
  DkimVerifyOptions,
  DkimVerifyResult,
} from './types.js';

/** Defaults of {@link DkimVerifyOptions}. */
export const DKIM_VERIFY_DEFAULTS = Object.freeze({
  /** Seconds of clock difference tolerated for `x=` and `t=`. */
  clockSkew: 300,
  /** Signatures evaluated per message. */
  maxSignatures: 10,
  /** Names allowed in one `h=`. */
  maxSignedHeaders: 1000,
});

const DKIM_SIGNATURE = 'dkim-signature';

/**
 * Verify every DKIM-Signature of a message (RFC 6376 §6, RFC 8301, RFC 8463), up to `maxSignatures`.
 * The header is read first; the body is canonicalized and hashed once, in one pass shared by all
 * signatures, while the keys are looked up in parallel. No signatures gives an empty list (the
 * caller reports `dkim=none`). `now` defaults to the clock.
 */
export async function verifyDkim(source: MessageSource, options: DkimVerifyOptions): Promise<DkimVerifyResult> {
  const head = typeof source === 'string' || source instanceof Uint8Array ? readHeaderInMemory(source, options.limits) : await readHeader(source, options.limits);
  if (!head.ok) return { ok: false, error: head.error, results: [], notEvaluated: [] };
  const now = options.now === undefined ? Date.now() : typeof options.now === 'number' ? options.now : options.now.getTime();
  // Object.assign, not a leading spread: `{ ...options, now }` costs microseconds per call on Node 20 (a new hidden class each time).
  return verifyDkimHead(head, Object.assign({}, options, { now }));
}

/** Verify the DKIM-Signatures of a message whose header has been read (see {@link readHeader}); `now` is required here. */
export async function verifyDkimHead(head: MessageHead, options: DkimVerifyOptions & { now: number | Date }): Promise<DkimVerifyResult> {
  const nowMs = typeof options.now === 'number' ? options.now : options.now.getTime();
  if (!Number.isFinite(nowMs)) throw new TypeError('inkan: now must be a finite time in milliseconds');
  const nowSec = Math.floor(nowMs / 1000);
  const skew = options.clockSkew ?? DKIM_VERIFY_DEFAULTS.clockSkew;
  const maxSignatures = options.maxSignatures ?? DKIM_VERIFY_DEFAULTS.maxSignatures;
  const tracing = options.trace !== false;
  const fields = head.header.fields;

  const byName = fieldsByName(fields);
  const sigFields: readonly HeaderField[] = byName.get(DKIM_SIGNATURE) ?? [];
  const notEvaluated: DkimNotEvaluated[] = [];
  for (let i = maxSignatures; i < sigFields.length; i++) notEvaluated.push({ index: i, reason: 'too-many-signatures', limit: maxSignatures });

  const results: Array<DkimResult | undefined> = [];
  const pending: Pending[] = [];
  const bodies = new BodyHashing();
  const lookups = new Map<string, Promise<DkimKeyLookup>>();
  const cache = options.keyCache === false ? false : (options.keyCache ?? defaultKeyCache);

  const maxSignedHeaders = options.maxSignedHeaders ?? DKIM_VERIFY_DEFAULTS.maxSignedHeaders;
  const fetchOptions: FetchKeyOptions = { cache };
  if (options.minRsaBits !== undefined) fetchOptions.minRsaBits = options.minRsaBits;
  if (options.signal) fetchOptions.signal = options.signal;
  const evaluated = Math.min(sigFields.length, maxSignatures);
  for (let i = 0; i < evaluated; i++) {
    const field = sigFields[i]!;
    const trace: DkimStep[] = [];
    const parsed = parseDkimSignature(field, { maxSignedHeaders });
    if (tracing) trace.push(parsed.ok ? { kind: 'parse', ok: true } : { kind: 'parse', ok: false, error: parsed.error });
    if (!parsed.ok) {
      results[i] = Object.assign(base(i, parsed.info, trace), { result: 'permerror' as const, reason: { code: 'signature-syntax' as const, error: parsed.error } });
      continue;
    }
    const sig = parsed.signature;
    const early = precheck(sig, nowSec, skew, options.rejectFutureTimestamp !== false, tracing ? trace : undefined);
    if (early) {
      results[i] = Object.assign(base(i, infoOf(sig), trace), { signature: sig, bodyLengthLimited: sig.bodyLength !== undefined, result: 'permerror' as const, reason: early });
      continue;
    }
    const lookupKey = `${sig.selector.toLowerCase()}\0${sig.domain}`;
    let lookup = lookups.get(lookupKey);
    if (!lookup) {
      lookup = fetchDkimKey(options.resolver, sig.selector, sig.domain, fetchOptions);
      lookups.set(lookupKey, lookup);
    }
    const headerData = headerHashInput(sig, byName, tracing ? trace : undefined);
    const body = bodies.target(sig);
    pending.push({ i, sig, trace, lookup, headerData, body });
  }

  if (pending.length > 0) {
    if (head.bodyBytes) bodies.update(head.bodyBytes);
    else for await (const chunk of head.body) bodies.update(chunk);
    bodies.finish();
    // One signature (the usual case) awaits its lookup alone: Promise.all's bookkeeping showed in profiles.
    const answers = pending.length === 1 ? [await pending[0]!.lookup] : await Promise.all(pending.map((p) => p.lookup));
    pending.forEach((p, n) => {
      results[p.i] = finishOne(p, answers[n]!, options, tracing);
    });
  }
  const done = results as DkimResult[];
  assignHeaderB(done);
  return { ok: true, results: done, notEvaluated };
}

/** A signature waiting for its key and body hash. */
interface Pending {
  i: number;
  sig: DkimSignature;
  trace: DkimStep[];
  lookup: Promise<DkimKeyLookup>;
  /** The header hash input. */
  headerData: Buffer;
  body: BodyHashTarget;
}

function base(index: number, info: DkimSignatureInfo, trace: DkimStep[]): DkimResultBase {
  const r = Object.assign({ index } as DkimResultBase, info);
  r.testing = false;
  r.bodyLengthLimited = info.bodyLength !== undefined;
  r.trace = trace;
  return r;
}

/** The reporting fields of a valid signature. */
export function infoOf(sig: DkimSignature): DkimSignatureInfo {
  // Fields assigned in order rather than spread in conditionally: the same keys, in the same order, for less work.
  const info: DkimSignatureInfo = { domain: sig.domain, selector: sig.selector };
  if (sig.identityGiven) info.identity = sig.identity.text;
  info.algorithm = sig.algorithm;
  info.canonicalization = `${sig.headerCanonicalization}/${sig.bodyCanonicalization}`;
  info.signedHeaders = sig.signedHeaders;
  if (sig.bodyLength !== undefined) info.bodyLength = sig.bodyLength;
  if (sig.timestamp !== undefined) info.timestamp = sig.timestamp;
  if (sig.expiration !== undefined) info.expiration = sig.expiration;
  info.headerB = sig.signatureText.slice(0, 8);
  return info;
}

/** Checks that need neither the key nor the body: RFC 8301 §3.1 (no sha1), RFC 6376 §3.5 x= and t=. */
function precheck(sig: DkimSignature, nowSec: number, skew: number, rejectFuture: boolean, trace: DkimStep[] | undefined): DkimReason | undefined {
  const sha1 = sig.hash === 'sha1';
  trace?.push({ kind: 'check', check: 'algorithm', ok: !sha1 });
  if (sha1) return { code: 'sha1' };
  if (sig.expiration !== undefined) {
    const expired = sig.expiration + skew < nowSec;
    trace?.push({ kind: 'check', check: 'expiration', ok: !expired });
    if (expired) return { code: 'expired', expiration: sig.expiration, now: nowSec, skew };
  }
  if (sig.timestamp !== undefined && rejectFuture) {
    const future = sig.timestamp - skew > nowSec;
    trace?.push({ kind: 'check', check: 'timestamp', ok: !future });
    if (future) return { code: 'future-timestamp', timestamp: sig.timestamp, now: nowSec, skew };
  }
  return undefined;
}

/**
 * The octets the header hash covers (RFC 6376 §3.7, §5.4.2): the fields `h=` selects (a name with no instance left
 * contributes nothing: oversigning), then this DKIM-Signature with `b=` blanked and no final CRLF.
 */
function headerHashInput(sig: DkimSignature, byName: ReadonlyMap<string, readonly HeaderField[]>, trace: DkimStep[] | undefined): Buffer {
  const c = sig.headerCanonicalization;
  const present: boolean[] | undefined = trace ? [] : undefined;
  const fields = selectSignedFields(byName, sig.signedHeaders, present);
  const raws: Uint8Array[] = [];
  for (const field of fields) raws.push(field.raw);
  if (trace) trace.push({ kind: 'header-hash', canonicalization: c, fields: sig.signedHeaders.map((name, i) => ({ name, present: present![i]! })) });
  return headerHashData(raws, blankedSignatureField(sig), c);
}

/** One canonicalizer per body algorithm, feeding one hash per (algorithm, hash, l=). */
class BodyHashing {
  private readonly streams = new Map<Canonicalization, { canon: BodyCanonicalizer; targets: BodyHashTarget[] }>();
  private readonly targets = new Map<string, BodyHashTarget>();

  target(sig: DkimSignature): BodyHashTarget {
    const key = `${sig.bodyCanonicalization}:${sig.hash}:${sig.bodyLength ?? ''}`;
    let target = this.targets.get(key);
    if (target) return target;
    target = createBodyHashTarget(sig.hash, sig.bodyLength);
    this.targets.set(key, target);
    let stream = this.streams.get(sig.bodyCanonicalization);
    if (!stream) {
      const targets: BodyHashTarget[] = [];
      const sink =
        (bytes: Uint8Array): void => {
          for (const t of targets) t.write(bytes);
        };
      stream = { canon: createBodyCanonicalizer(sig.bodyCanonicalization, sink), targets };
      this.streams.set(sig.bodyCanonicalization, stream);
    }
    stream.targets.push(target);
    return target;
  }

  update(chunk: Uint8Array): void {
    for (const s of this.streams.values()) s.canon.update(chunk);
  }

  finish(): void {
    for (const s of this.streams.values()) s.canon.finish();
  }
}

function finishOne(p: Pending, lookup: DkimKeyLookup, options: DkimVerifyOptions, tracing: boolean): DkimResult {
  const { sig, trace } = p;
  // One result object, filled in as the checks go (spreading a score of fields per step shows in profiles).
  const r = base(p.i, infoOf(sig), trace) as DkimResultBase & { result: DkimResult['result']; reason?: DkimReason };
  r.signature = sig;
  const done = (result: DkimResult['result'], reason?: DkimReason): DkimResult => {
    r.result = result;
    if (reason) r.reason = reason;
    return r as DkimResult;
  };
  if (tracing) trace.push({ kind: 'key-lookup', name: lookup.name, answer: lookup.answer, cached: 'cached' in lookup ? lookup.cached : false });
  switch (lookup.status) {
    case 'no-key':
      return done('permerror', { code: 'no-key', name: lookup.name, status: lookup.reason });
    case 'dns-timeout':
      return done('temperror', { code: 'dns-timeout', name: lookup.name });
    case 'dns-error':
      return done('temperror', { code: 'dns-error', name: lookup.name, rcode: lookup.rcode });
    case 'key-error':
      if (tracing) trace.push({ kind: 'key', record: lookup.record, ok: false, error: lookup.error, records: lookup.records });
      return done('permerror', { code: 'key-error', name: lookup.name, error: lookup.error });
    case 'key':
      break;
  }
  const key: DkimKey = lookup.key;
  if (tracing) trace.push({ kind: 'key', record: key.record, ok: true, keyType: key.keyType, bits: key.bits, records: lookup.records });
  r.key = key;
  r.testing = key.testing;
  const keyProblem = checkKey(sig, key, lookup.name);
  if (keyProblem) return done('permerror', keyProblem);

  const body: BodyHashResult = p.body.result();
  if (sig.bodyLength !== undefined) {
    const exceeds = sig.bodyLength > body.totalLength;
    if (tracing) trace.push({ kind: 'check', check: 'body-length', ok: !exceeds });
    if (exceeds) return done('permerror', { code: 'body-length-exceeds-body', bodyLength: sig.bodyLength, canonicalLength: body.totalLength });
    r.unsignedBodyOctets = body.totalLength - sig.bodyLength;
  }
  const bodyOk = body.digest.equals(sig.bodyHash);
  if (tracing) {
    trace.push({
      kind: 'body-hash',
      canonicalization: sig.bodyCanonicalization,
      hash: sig.hash,
      expected: sig.bodyHash.toString('base64'),
      computed: body.digest.toString('base64'),
      length: body.length,
      totalLength: body.totalLength,
      ok: bodyOk,
    });
  }
  if (!bodyOk) return done('fail', { code: 'body-hash-mismatch', expected: sig.bodyHash.toString('base64'), computed: body.digest.toString('base64') });

  const signatureOk = verifyHeaderData(sig.keyType, sig.hash, key.publicKey, p.headerData, sig.signature);
  if (tracing) trace.push({ kind: 'signature', ok: signatureOk });
  if (!signatureOk) return done('fail', { code: 'signature-mismatch' });
  const unsigned = r.unsignedBodyOctets ?? 0;
  if (options.bodyLengthLimited === 'policy' && unsigned > 0) return done('policy', { code: 'body-length-policy', unsignedOctets: unsigned });
  return done('pass');
}

/** Whether the key may verify this signature (RFC 6376 §6.1.2 steps 6–8 and the key's `t=s`). */
function checkKey(sig: DkimSignature, key: DkimKey, name: string): DkimReason | undefined {
  if (key.keyType !== sig.keyType) return { code: 'key-type-mismatch', name, keyType: key.keyType, algorithm: sig.algorithm };
  if (key.hashes && !key.hashes.includes(sig.hash)) return { code: 'key-hash-not-allowed', name, hash: sig.hash, allowed: key.hashes };
  if (!key.services.includes('*') && !key.services.includes('email')) return { code: 'key-not-email', name, services: key.services };
  if (key.strict && sig.identity.domain !== sig.domain) return { code: 'strict-identity', identityDomain: sig.identity.domain, domain: sig.domain };
  return undefined;
}

/** Lengthen `header.b` past 8 characters where two signatures would otherwise share it (RFC 6008 §4). */
function assignHeaderB(results: DkimResult[]): void {
  const full = results.map((r) => r.signature?.signatureText);
  results.forEach((r, i) => {
    const mine = full[i];
    if (mine === undefined) return;
    let n = 8;
    for (const other of full) {
      if (other === undefined || other === mine) continue;
      while (n < mine.length && other.startsWith(mine.slice(0, n))) n++;
    }
    r.headerB = mine.slice(0, n);
  });
}
