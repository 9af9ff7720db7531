import type { KeyObject } from 'node:crypto';
import { fieldsByName, selectSignedFields } from '../message/header.js';
import type { HeaderField } from '../message/types.js';
import { createBodyHashTarget, type BodyHashTarget } from './body-hash.js';
import { createBodyCanonicalizer, headerHashData, parseCanonicalization, type Canonicalization, type CanonicalizationPair } from './canonicalize.js';
import { completeSignatureField, formatSignatureTemplate } from './sign-format.js';
import { DEFAULT_SIGNED_HEADERS, isFieldName, MAX_SIGNED_HEADERS, signedHeaderList } from './sign-headers.js';
import { loadSigningKey, type DkimSigningAlgorithm } from './sign-key.js';
import { checkIdentity, checkSelector, checkSigningDomain } from './sign-names.js';
import type { NewDkimSignature, DkimSignatureOptions, DkimSignError, DkimSignOptions, DkimSignResult } from './sign-types.js';
import { signHeaderData } from './header-crypto.js';
import { readHeader, type MessageSource } from './source.js';

/**
 * The signature (`b=`) over the header fields named in `headers`, selected bottom-up (RFC 6376 §5.4.2),
 * and the `DKIM-Signature` field itself with an empty `b=` (§3.7). `template` is that field's text
 * without a line break. rsa-sha256 signs with RSASSA-PKCS1-v1_5; ed25519-sha256 signs the SHA-256
 * of the data with PureEdDSA (RFC 8463 §3).
 */
export function computeHeaderSignature(
  fields: readonly HeaderField[],
  headers: readonly string[],
  template: string,
  canonicalization: Canonicalization,
  key: KeyObject,
  algorithm: DkimSigningAlgorithm,
): Buffer {
  const data = headerHashData(selectSignedFields(fieldsByName(fields), headers).map((f) => f.raw), Buffer.from(template, 'utf8'), canonicalization);
  return signHeaderData(algorithm === 'rsa-sha256' ? 'rsa' : 'ed25519', key, data);
}

/** A signature whose options have been checked, waiting for the message. */
interface Prepared {
  key: KeyObject;
  algorithm: DkimSigningAlgorithm;
  canonicalization: CanonicalizationPair;
  domain: string;
  selector: string;
  identity?: string;
  timestamp?: number;
  expiration?: number;
  /** `l=` wanted: the whole body (`true`) or at most this many octets. */
  bodyLength?: true | number;
  wanted: readonly string[];
  oversign: boolean;
  exact?: readonly string[];
}

type OptionError = Extract<DkimSignError, { signature: number }>;

function prepare(spec: DkimSignatureOptions, index: number, nowSeconds: number): Prepared | OptionError {
  const error = (code: OptionError['code'], extra: Partial<OptionError> = {}): OptionError => ({ code, signature: index, ...extra });
  if (spec === null || typeof spec !== 'object') throw new TypeError(`inkan: signatures[${index}] must be an object`);
  for (const key of ['domain', 'selector'] as const) {
    if (typeof spec[key] !== 'string') throw new TypeError(`inkan: signatures[${index}].${key} must be a string`);
  }
  const domain = checkSigningDomain(spec.domain);
  if (!domain.ok) return error('bad-domain', { value: spec.domain });
  const selector = checkSelector(spec.selector);
  if (!selector.ok) return error('bad-selector', { value: spec.selector });
  let identity: string | undefined;
  if (spec.identity !== undefined) {
    const checked = checkIdentity(spec.identity, domain.value);
    if (!checked.ok) return error(checked.reason, { value: spec.identity });
    identity = checked.value;
  }
  const c = parseCanonicalization(spec.canonicalization ?? 'relaxed/relaxed');
  if (!c.ok) return error('bad-canonicalization', { value: String(spec.canonicalization) });
  const loaded = loadSigningKey(spec.privateKey, spec.algorithm);
  if (!loaded.ok) {
    return error(loaded.code, {
      ...(loaded.algorithm !== undefined ? { value: loaded.algorithm } : {}),
      ...(loaded.keyType !== undefined ? { keyType: loaded.keyType } : {}),
      ...(loaded.bits !== undefined ? { bits: loaded.bits } : {}),
    });
  }
  if (spec.expiresIn !== undefined && spec.expiration !== undefined) {
    throw new TypeError(`inkan: signatures[${index}] takes expiresIn or expiration, not both`);
  }
  let expiration: number | undefined;
  if (spec.expiresIn !== undefined) {
    if (!Number.isSafeInteger(spec.expiresIn) || spec.expiresIn <= 0) return error('bad-expiration', { value: String(spec.expiresIn) });
    expiration = nowSeconds + spec.expiresIn;
  } else if (spec.expiration !== undefined) {
    if (!Number.isSafeInteger(spec.expiration) || spec.expiration <= nowSeconds) return error('bad-expiration', { value: String(spec.expiration) });
    expiration = spec.expiration;
  }
  let bodyLength: true | number | undefined;
  if (spec.bodyLength === true) bodyLength = true;
  else if (typeof spec.bodyLength === 'number') {
    if (!Number.isSafeInteger(spec.bodyLength) || spec.bodyLength < 0) return error('bad-body-length', { value: String(spec.bodyLength) });
    bodyLength = spec.bodyLength;
  }
  let exact: readonly string[] | undefined;
  if (spec.signedHeaders !== undefined) {
    const bad = spec.signedHeaders.find((name) => !isFieldName(name));
    if (bad !== undefined) return error('bad-header-name', { value: bad });
    if (!spec.signedHeaders.some((name) => name.toLowerCase() === 'from')) return error('from-not-signed');
    if (spec.signedHeaders.length > MAX_SIGNED_HEADERS) return error('too-many-headers');
    exact = spec.signedHeaders.map((name) => name.toLowerCase());
  }
  return {
    key: loaded.key,
    algorithm: loaded.algorithm,
    canonicalization: { header: c.header, body: c.body },
    domain: domain.value,
    selector: selector.value,
    ...(identity !== undefined ? { identity } : {}),
    ...(spec.timestamp === false ? {} : { timestamp: nowSeconds }),
    ...(expiration !== undefined ? { expiration } : {}),
    ...(bodyLength !== undefined ? { bodyLength } : {}),
    wanted: spec.headers ?? DEFAULT_SIGNED_HEADERS,
    oversign: spec.oversign ?? true,
    ...(exact ? { exact } : {}),
  };
}

/** Stop reading a body early, so the stream behind it is closed. */
async function discard(body: AsyncIterable<Uint8Array>): Promise<void> {
  for await (const _ of body) break;
}

/**
 * Sign a message with one or more DKIM signatures (RFC 6376 §5, RFC 8463). The message is read
 * once: the header section first, then the body streams through one canonicalizer per body
 * algorithm, feeding one hash per distinct `l=`. Returns the fields to prepend; the message itself
 * is not changed. A message without From is refused (§5.4).
 */
export async function signDkim(source: MessageSource, options: DkimSignOptions): Promise<DkimSignResult> {
  if (!options || !Array.isArray(options.signatures) || options.signatures.length === 0) {
    throw new TypeError('inkan: signDkim needs options.signatures, a non-empty array');
  }
  const now = options.now ?? Date.now();
  if (!Number.isFinite(now)) throw new TypeError('inkan: options.now must be milliseconds since the epoch');
  const nowSeconds = Math.floor(now / 1000);
  const prepared: Prepared[] = [];
  for (const [i, spec] of options.signatures.entries()) {
    const p = prepare(spec, i, nowSeconds);
    if ('code' in p) return { ok: false, error: p };
    prepared.push(p);
  }
  const head = await readHeader(source, options.limits);
  if (!head.ok) return { ok: false, error: { code: 'unreadable-message', error: head.error } };
  const fields = head.header.fields;
  if (!fields.some((f) => f.name.toLowerCase() === 'from')) {
    await discard(head.body);
    return { ok: false, error: { code: 'no-from' } };
  }
  const lists: string[][] = [];
  for (const [i, p] of prepared.entries()) {
    const list = p.exact ? { ok: true as const, headers: [...p.exact] } : signedHeaderList(fields, p.wanted, p.oversign);
    if (!list.ok) {
      await discard(head.body);
      return { ok: false, error: { code: list.code, signature: i, ...(list.name !== undefined ? { value: list.name } : {}) } };
    }
    lists.push(list.headers);
  }
  const targets = await hashBody(head.body, head.bodyBytes, prepared);
  const lf = head.header.lineEnding === 'lf';
  const signatures = prepared.map((p, i) => finishSignature(p, lists[i]!, targets[i]!, fields, lf));
  return { ok: true, signatures, header: signatures.map((s) => s.field).join('') };
}

/** Canonicalize the body once per body algorithm and hash it once per distinct `l=`; one target per signature. */
async function hashBody(body: AsyncIterable<Uint8Array>, bytes: Uint8Array | undefined, prepared: readonly Prepared[]): Promise<BodyHashTarget[]> {
  const byKey = new Map<string, BodyHashTarget>();
  const byCanon = new Map<Canonicalization, BodyHashTarget[]>();
  const targets = prepared.map((p) => {
    const max = typeof p.bodyLength === 'number' ? p.bodyLength : undefined;
    const key = `${p.canonicalization.body}/${max ?? ''}`;
    let target = byKey.get(key);
    if (!target) {
      target = createBodyHashTarget('sha256', max);
      byKey.set(key, target);
      const list = byCanon.get(p.canonicalization.body) ?? [];
      list.push(target);
      byCanon.set(p.canonicalization.body, list);
    }
    return target;
  });
  const canonicalizers = [...byCanon].map(([c, list]) =>
    createBodyCanonicalizer(c, list.length === 1 ? list[0]!.write : (chunk) => list.forEach((t) => t.write(chunk))),
  );
  if (bytes) for (const canon of canonicalizers) canon.update(bytes);
  else for await (const chunk of body) for (const canon of canonicalizers) canon.update(chunk);
  for (const canon of canonicalizers) canon.finish();
  return targets;
}

function finishSignature(p: Prepared, headers: string[], target: BodyHashTarget, fields: readonly HeaderField[], lf: boolean): NewDkimSignature {
  const hashed = target.result();
  const bodyHash = hashed.digest.toString('base64');
  const bodyLength = p.bodyLength === undefined ? undefined : hashed.length;
  const tags = {
    algorithm: p.algorithm,
    canonicalization: p.canonicalization,
    domain: p.domain,
    selector: p.selector,
    headers,
    bodyHash,
    ...(p.identity !== undefined ? { identity: p.identity } : {}),
    ...(p.timestamp !== undefined ? { timestamp: p.timestamp } : {}),
    ...(p.expiration !== undefined ? { expiration: p.expiration } : {}),
    ...(bodyLength !== undefined ? { bodyLength } : {}),
  };
  const template = formatSignatureTemplate(tags);
  const signature = computeHeaderSignature(fields, headers, template, p.canonicalization.header, p.key, p.algorithm).toString('base64');
  const { canonicalization, ...rest } = tags;
  // Signed as CRLF text; written with bare LF for a message that uses bare LF, so the file is not mixed (verifiers read both as CRLF).
  const field = completeSignatureField(template, signature);
  return { field: lf ? field.replace(/\r\n/g, '\n') : field, ...rest, canonicalization: { ...canonicalization }, signature };
}
