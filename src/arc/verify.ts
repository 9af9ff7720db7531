import { createBodyHasher, type BodyHasher } from '../dkim/body-hash.js';
import { defaultKeyCache, fetchDkimKey, type DkimKeyLookup, type FetchKeyOptions } from '../dkim/key.js';
import { readHeader, readHeaderInMemory, type MessageHead, type MessageSource } from '../dkim/source.js';
import { fieldsByName } from '../message/header.js';
import { collectChain, DEFAULT_MAX_ARC_FIELDS, type ArcSet } from './chain.js';
import { amsHeaderInput, blankedAms, isTemporary, rawSets, sealHeaderInput, usableKey, verifyHeaderData } from './crypto.js';
import { blankedField } from './parse.js';
import type { ArcCheckFailure, ArcMessageSignature, ArcReason, ArcResult, ArcSetInfo, ArcStep, ArcVerifyOptions } from './types.js';

/**
 * Validate a message's ARC chain (RFC 8617 §5.2): the structure of every ARC Set, the `cv=` of each seal, the newest
 * ARC-Message-Signature (body hash and header signature), every ARC-Seal from the newest down, and the oldest-pass
 * (§7.2). `none` when the message has no ARC field. Reads the header first; the body only when a signature needs it.
 */
export async function verifyArc(message: MessageSource, options: ArcVerifyOptions): Promise<ArcResult> {
  const head = typeof message === 'string' || message instanceof Uint8Array ? readHeaderInMemory(message, options.limits) : await readHeader(message, options.limits);
  if (!head.ok) {
    return { result: 'fail', instance: 0, reason: { code: 'unreadable-message', error: head.error }, sets: [], trace: [] };
  }
  return verifyArcHead(head, options);
}

/** {@link verifyArc} for a message whose header has been read; the body is read from `bodyBytes` or, once, from `body`. */
export async function verifyArcHead(head: MessageHead, options: ArcVerifyOptions): Promise<ArcResult> {
  const tracing = options.trace !== false;
  const trace: ArcStep[] = [];
  const fields = head.header.fields;
  const chain = collectChain(fields, options.maxFields ?? DEFAULT_MAX_ARC_FIELDS);
  if (chain.status === 'none') return { result: 'none', sets: [], trace };
  if (tracing) trace.push({ kind: 'collect', seals: chain.counts.seals, messageSignatures: chain.counts.messageSignatures, authResults: chain.counts.authResults });
  const info = chain.info;
  if (chain.status === 'invalid') {
    if (tracing) trace.push({ kind: 'structure', ok: false, instances: chain.highest });
    return { result: 'fail', instance: chain.highest, reason: chain.reason, sets: info, trace };
  }
  const sets = chain.sets;
  const n = sets.length;
  if (tracing) trace.push({ kind: 'structure', ok: true, instances: n });
  const fail = (reason: ArcReason, temporary = false): ArcResult => ({ result: temporary ? 'temperror' : 'fail', instance: n, reason, sets: info, trace });

  // §5.2 step 2: a chain a sealer already declared failed stays failed.
  const newest = sets[n - 1]!;
  if (newest.seal.chainValidation === 'fail') {
    if (tracing) trace.push({ kind: 'cv', instance: n, cv: 'fail', ok: false });
    return fail({ code: 'sealed-as-failed', instance: n });
  }
  // §5.2 step 3: instance 1 says cv=none, every later one cv=pass.
  for (const set of sets) {
    const expected = set.instance === 1 ? 'none' : 'pass';
    const ok = set.seal.chainValidation === expected;
    if (tracing) trace.push({ kind: 'cv', instance: set.instance, cv: set.seal.chainValidation, ok });
    if (!ok) return fail({ code: 'wrong-cv', instance: set.instance, cv: set.seal.chainValidation, expected });
  }

  // Every key at once: the seals' and the AMSs' (older AMSs only for the oldest-pass).
  const wantOldest = options.oldestPass !== false;
  const cache = options.keyCache === false ? false : (options.keyCache ?? defaultKeyCache);
  const fetchOptions: FetchKeyOptions = { cache };
  if (options.minRsaBits !== undefined) fetchOptions.minRsaBits = options.minRsaBits;
  if (options.signal) fetchOptions.signal = options.signal;
  const lookups = new Map<string, Promise<DkimKeyLookup>>();
  const lookup = (selector: string, domain: string): Promise<DkimKeyLookup> => {
    const k = `${selector.toLowerCase()}\0${domain}`;
    let p = lookups.get(k);
    if (!p) lookups.set(k, (p = fetchDkimKey(options.resolver, selector, domain, fetchOptions)));
    return p;
  };
  for (const set of sets) lookup(set.seal.selector, set.seal.domain);
  for (let i = wantOldest ? 0 : n - 1; i < n; i++) lookup(sets[i]!.messageSignature.selector, sets[i]!.messageSignature.domain);

  // Body hashes: one hasher per (canonicalization, hash) the AMSs to check ask for.
  const amsToCheck = wantOldest ? sets.map((s) => s.messageSignature) : [newest.messageSignature];
  const hashers = new Map<string, BodyHasher>();
  for (const ams of amsToCheck) {
    const k = `${ams.bodyCanonicalization}:${ams.hash}`;
    if (!hashers.has(k)) hashers.set(k, createBodyHasher(ams.bodyCanonicalization, ams.hash));
  }
  if (head.bodyBytes) for (const h of hashers.values()) h.update(head.bodyBytes);
  else for await (const chunk of head.body) for (const h of hashers.values()) h.update(chunk);
  const digests = new Map<string, Buffer>();
  for (const [k, h] of hashers) digests.set(k, h.finish().digest);
  const byName = fieldsByName(fields);

  const checkAms = async (ams: ArcMessageSignature): Promise<ArcCheckFailure | undefined> => {
    const answer = await lookup(ams.selector, ams.domain);
    if (tracing) trace.push({ kind: 'key-lookup', instance: ams.instance, field: 'ams', name: answer.name, answer: answer.answer });
    if (ams.hash === 'sha1') return { code: 'sha1' };
    const key = usableKey(ams, answer);
    if (!key.ok) return key.failure;
    const computed = digests.get(`${ams.bodyCanonicalization}:${ams.hash}`)!;
    const bodyOk = computed.equals(ams.bodyHash);
    if (tracing) trace.push({ kind: 'body-hash', instance: ams.instance, ok: bodyOk, expected: ams.bodyHash.toString('base64'), computed: computed.toString('base64') });
    if (!bodyOk) return { code: 'body-hash-mismatch', expected: ams.bodyHash.toString('base64'), computed: computed.toString('base64') };
    const pieces = amsHeaderInput(byName, ams.signedHeaders, blankedAms(ams), ams.headerCanonicalization);
    return verifyHeaderData(ams.keyType, ams.hash, key.key.publicKey, pieces, ams.signature) ? undefined : { code: 'signature-mismatch' };
  };
  const record = (set: ArcSetInfo | undefined, which: 'sealResult' | 'messageSignatureResult', failure: ArcCheckFailure | undefined): void => {
    if (set) set[which] = failure === undefined ? 'pass' : isTemporary(failure) ? 'temperror' : 'fail';
  };
  const infoAt = (instance: number): ArcSetInfo | undefined => info.find((s) => s.instance === instance);

  // §5.2 step 4: the newest AMS must verify.
  const amsFailure = await checkAms(newest.messageSignature);
  if (tracing) trace.push(Object.assign({ kind: 'signature' as const, instance: n, field: 'ams' as const, ok: amsFailure === undefined }, amsFailure ? { failure: amsFailure } : {}));
  record(infoAt(n), 'messageSignatureResult', amsFailure);
  if (amsFailure) return fail({ code: 'ams-failed', instance: n, failure: amsFailure }, isTemporary(amsFailure));

  // §5.2 step 5: every seal, newest first.
  for (let i = n; i >= 1; i--) {
    const set = sets[i - 1]!;
    const failure = await checkSeal(sets.slice(0, i), set, lookup);
    if (tracing) {
      trace.push({ kind: 'key-lookup', instance: i, field: 'as', name: `${set.seal.selector}._domainkey.${set.seal.domain}`, answer: (await lookup(set.seal.selector, set.seal.domain)).answer });
      trace.push(Object.assign({ kind: 'signature' as const, instance: i, field: 'as' as const, ok: failure === undefined }, failure ? { failure } : {}));
    }
    record(infoAt(i), 'sealResult', failure);
    if (failure) return fail({ code: 'as-failed', instance: i, failure }, isTemporary(failure));
  }

  // §5.2 step 6 and §7.2: the oldest AMS that still verifies, every newer one verifying too.
  let oldestPass = n;
  if (wantOldest) {
    for (let i = n - 1; i >= 1; i--) {
      const failure = await checkAms(sets[i - 1]!.messageSignature);
      record(infoAt(i), 'messageSignatureResult', failure);
      if (failure) break;
      oldestPass = i;
    }
  }
  if (tracing) trace.push({ kind: 'oldest-pass', instance: oldestPass });
  return { result: 'pass', instance: n, oldestPass, sets: info, trace };
}

/** Verify the seal of `set` over the ARC Sets 1..set.instance. */
async function checkSeal(upTo: readonly ArcSet[], set: ArcSet, lookup: (selector: string, domain: string) => Promise<DkimKeyLookup>): Promise<ArcCheckFailure | undefined> {
  const seal = set.seal;
  if (seal.hash === 'sha1') return { code: 'sha1' };
  const key = usableKey(seal, await lookup(seal.selector, seal.domain));
  if (!key.ok) return key.failure;
  const pieces = sealHeaderInput(rawSets(upTo), blankedField(seal));
  return verifyHeaderData(seal.keyType, seal.hash, key.key.publicKey, pieces, seal.signature) ? undefined : { code: 'signature-mismatch' };
}
