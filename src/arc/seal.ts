import { bodyHash } from '../dkim/body-hash.js';
import { DEFAULT_SIGNED_HEADERS, signedHeaderList } from '../dkim/sign-headers.js';
import { loadSigningKey } from '../dkim/sign-key.js';
import { checkSelector, checkSigningDomain } from '../dkim/sign-names.js';
import { readHeader, readHeaderInMemory, type MessageHead, type MessageSource } from '../dkim/source.js';
import { fieldsByName } from '../message/header.js';
import { formatAar, gatherAuthResults, splitAuthResults, type AuthResPieces } from './aar.js';
import { arcFieldKind, collectChain } from './chain.js';
import { amsHeaderInput, rawSets, sealHeaderInput, signHeaderData } from './crypto.js';
import { MAX_ARC_INSTANCE } from './parse.js';
import type { ArcChainValidation, ArcResult, ArcSealError, ArcSealOptions, ArcSealResult } from './types.js';
import { verifyArcHead } from './verify.js';

/**
 * Header fields an AMS signs by default: DKIM's recommended list (RFC 6376 §5.4.1 and the fields that give a message its
 * meaning on screen), without oversigning. ARC fields and Authentication-Results are never signed (RFC 8617 §4.1.2).
 */
export const ARC_SIGNED_HEADERS: readonly string[] = DEFAULT_SIGNED_HEADERS;

/** Largest body a sealer buffers from a stream (the body is hashed in memory). */
const MAX_BODY = 512 * 1024 * 1024;

const CRLF = '\r\n';

function isForbidden(name: string): boolean {
  const lower = name.toLowerCase();
  return arcFieldKind(name) !== undefined || lower === 'authentication-results' || lower.startsWith('arc-');
}

/** Tags joined the standard way (alphabetical, `; ` between), folded at tag boundaries only: the relaxed form is unchanged. */
function joinTags(name: string, tags: ReadonlyArray<readonly [string, string]>, fold: boolean): string {
  let out = `${name}:`;
  let column = out.length;
  tags.forEach(([tag, value], i) => {
    const piece = `${tag}=${value}${i < tags.length - 1 ? ';' : ''}`;
    if (fold && i > 0 && column + 1 + piece.length > 78) {
      out += `${CRLF} ${piece}`;
      column = 1 + piece.length;
    } else {
      out += ` ${piece}`;
      column += 1 + piece.length;
    }
  });
  return out;
}

/** The body in memory (a streamed one is read, up to {@link MAX_BODY}). */
async function bodyOf(head: MessageHead): Promise<Uint8Array | undefined> {
  if (head.bodyBytes) return head.bodyBytes;
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of head.body) {
    size += chunk.length;
    if (size > MAX_BODY) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/**
 * Add an ARC Set to a message as an intermediary (RFC 8617 §5.1): the existing chain is verified to decide `cv=` (none,
 * pass or fail; a chain whose newest seal already says fail is not sealed again, nor one that already has 50 sets); the
 * AAR carries this ADMD's Authentication-Results (or the given text); the AMS signs the chosen header fields and the body
 * (relaxed/relaxed); the AS seals every ARC Set. Tags are written in alphabetical order, one space after each `;`.
 */
export async function sealArc(message: MessageSource, options: ArcSealOptions): Promise<ArcSealResult> {
  const fail = (error: ArcSealError, chain?: ArcResult): ArcSealResult => (chain ? { ok: false, error, chain } : { ok: false, error });
  const domain = checkSigningDomain(options.domain);
  if (!domain.ok) return fail({ code: 'bad-domain', detail: options.domain });
  const selector = checkSelector(options.selector);
  if (!selector.ok) return fail({ code: 'bad-selector', detail: options.selector });
  const key = loadSigningKey(options.privateKey, options.algorithm);
  if (!key.ok) return fail({ code: key.code, ...(key.algorithm ?? key.keyType ? { detail: key.algorithm ?? key.keyType } : {}) });
  const nowMs = options.now === undefined ? Date.now() : typeof options.now === 'number' ? options.now : options.now.getTime();
  if (!Number.isFinite(nowMs)) throw new TypeError('inkan: now must be a finite time in milliseconds');
  const fold = options.fold !== false;

  const read = typeof message === 'string' || message instanceof Uint8Array ? readHeaderInMemory(message, options.limits) : await readHeader(message, options.limits);
  if (!read.ok) return fail({ code: 'message', detail: read.error.limit });
  const body = await bodyOf(read);
  if (!body) return fail({ code: 'message', detail: 'body' });
  const head: MessageHead = Object.assign({}, read, { bodyBytes: body });
  const fields = head.header.fields;

  // The AMS's h= list, checked before any work.
  const wanted = options.headers ?? ARC_SIGNED_HEADERS;
  for (const name of wanted) if (isForbidden(name)) return fail({ code: 'forbidden-header', detail: name });
  const list = signedHeaderList(fields, wanted, false);
  if (!list.ok) return fail({ code: 'bad-header-name', ...(list.name !== undefined ? { detail: list.name } : {}) });

  // The AAR payload: the given A-R text, or this ADMD's own Authentication-Results fields.
  let pieces: AuthResPieces | undefined;
  if (options.authResults !== undefined) pieces = splitAuthResults(options.authResults);
  else if (options.authservId !== undefined) pieces = gatherAuthResults(fields, options.authservId);
  if (!pieces) return fail({ code: 'no-auth-results', ...(options.authservId !== undefined ? { detail: options.authservId } : {}) });

  // §5.1.1: the chain so far decides cv=.
  const verifyOptions = { resolver: options.resolver, trace: false, oldestPass: false, ...(options.keyCache !== undefined ? { keyCache: options.keyCache } : {}) };
  const chain = options.chain ?? (await verifyArcHead(head, verifyOptions));
  if (chain.result === 'fail' && chain.reason.code === 'sealed-as-failed') return fail({ code: 'chain-failed', detail: String(chain.instance) }, chain);
  if (chain.result === 'temperror') return fail({ code: 'chain-temperror', detail: String(chain.instance) }, chain);
  const previous = chain.result === 'none' ? 0 : chain.instance;
  if (previous >= MAX_ARC_INSTANCE) return fail({ code: 'chain-full', detail: String(previous) }, chain);
  const instance = previous + 1;
  const cv: ArcChainValidation = chain.result === 'none' ? 'none' : chain.result === 'pass' ? 'pass' : 'fail';
  const algorithm = key.algorithm;
  const keyType = algorithm === 'ed25519-sha256' ? 'ed25519' : 'rsa';
  const t = String(Math.floor(nowMs / 1000));

  const aar = formatAar(instance, pieces, fold);
  const bh = bodyHash(body, 'relaxed', 'sha256').digest.toString('base64');
  const amsTags = (b: string): Array<[string, string]> => [
    ['a', algorithm],
    ['b', b],
    ['bh', bh],
    ['c', 'relaxed/relaxed'],
    ['d', domain.value],
    ['h', list.headers.join(':')],
    ['i', String(instance)],
    ['s', selector.value],
    ['t', t],
  ];
  const amsUnsigned = Buffer.from(`${joinTags('ARC-Message-Signature', amsTags(''), fold)}${CRLF}`, 'latin1');
  const amsSignature = signHeaderData(keyType, key.key, amsHeaderInput(fieldsByName(fields), list.headers, amsUnsigned, 'relaxed')).toString('base64');
  const ams = joinTags('ARC-Message-Signature', amsTags(amsSignature), fold);

  const sealTags = (b: string): Array<[string, string]> => [
    ['a', algorithm],
    ['b', b],
    ['cv', cv],
    ['d', domain.value],
    ['i', String(instance)],
    ['s', selector.value],
    ['t', t],
  ];
  // With cv=fail the seal covers its own ARC Set only (the earlier ones cannot be trusted to be complete); else every set.
  const collected = collectChain(fields);
  const earlier = cv === 'fail' || collected.status !== 'ok' ? [] : rawSets(collected.sets);
  const sets = [...earlier, { aar: Buffer.from(`${aar}${CRLF}`, 'utf8'), ams: Buffer.from(`${ams}${CRLF}`, 'latin1'), seal: new Uint8Array(0) }];
  const sealUnsigned = Buffer.from(`${joinTags('ARC-Seal', sealTags(''), fold)}${CRLF}`, 'latin1');
  const sealSignature = signHeaderData(keyType, key.key, sealHeaderInput(sets, sealUnsigned)).toString('base64');
  const seal = joinTags('ARC-Seal', sealTags(sealSignature), fold);
  return { ok: true, instance, cv, seal, messageSignature: ams, authResults: aar, header: `${seal}${CRLF}${ams}${CRLF}${aar}${CRLF}`, chain };
}
