import { parseCanonicalization } from '../dkim/canonicalize.js';
import { decodeBase64, dkimDomain, parseHeaderList } from '../dkim/signature.js';
import { parseTagList, stripWhitespace, type TagList } from '../dkim/tag-list.js';
import type { HeaderField } from '../message/types.js';
import type { ArcChainValidation, ArcFieldParse, ArcMessageSignature, ArcSeal, ArcSignatureFields, ArcTagError } from './types.js';

/** The highest ARC instance (RFC 8617 §4.2.1). */
export const MAX_ARC_INSTANCE = 50;

const ALGORITHMS: Record<string, Pick<ArcSignatureFields, 'algorithm' | 'keyType' | 'hash'>> = {
  'rsa-sha256': { algorithm: 'rsa-sha256', keyType: 'rsa', hash: 'sha256' },
  'rsa-sha1': { algorithm: 'rsa-sha1', keyType: 'rsa', hash: 'sha1' },
  'ed25519-sha256': { algorithm: 'ed25519-sha256', keyType: 'ed25519', hash: 'sha256' },
};

const INSTANCE = /^[0-9]{1,9}$/;
const TIMESTAMP = /^[0-9]{1,12}$/;
const COLON = 0x3a;
/** Most tags one ARC field may carry (hostile input). */
const MAX_TAGS = 64;

/** `i=` as a number, or undefined when it is not 1–9 digits (the 1–50 range is checked by the chain). */
export function parseInstance(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const v = stripWhitespace(value);
  return INSTANCE.test(v) ? Number(v) : undefined;
}

/** The instance at the start of an ARC-Authentication-Results value: `i=N;` (RFC 8617 §4.1.1), else undefined. */
export function aarInstance(value: string): number | undefined {
  const m = /^[ \t\r\n]*i[ \t\r\n]*=[ \t\r\n]*([0-9]{1,9})[ \t\r\n]*;/.exec(value);
  return m ? Number(m[1]) : undefined;
}

/** The value text of a field (one char per octet, line break removed) and its byte offset in `raw`. */
function valueText(field: HeaderField): { text: string; offset: number } {
  const raw = field.raw;
  const colon = raw.indexOf(COLON);
  const offset = colon + 1;
  let end = raw.length;
  if (end > offset && raw[end - 1] === 0x0a) end--;
  if (end > offset && raw[end - 1] === 0x0d) end--;
  return { text: Buffer.from(raw.buffer, raw.byteOffset + offset, Math.max(0, end - offset)).toString('latin1'), offset };
}

type Fail = { ok: false; error: ArcTagError; instance?: number };

/** The tags both signing fields share, read and checked in the order RFC 8617 §4.1.2/§4.1.3 list them. */
function common(field: HeaderField, required: readonly string[]): { ok: true; list: TagList; fields: ArcSignatureFields } | Fail {
  const { text, offset } = valueText(field);
  const parsed = parseTagList(text, { maxTags: MAX_TAGS });
  if (!parsed.ok) return { ok: false, error: { code: 'tag-list', ...(parsed.error.tag !== undefined ? { tag: parsed.error.tag } : {}) } };
  const list = parsed.list;
  const instance = parseInstance(list.tags.get('i')?.value);
  const fail = (error: ArcTagError): Fail => (instance === undefined ? { ok: false, error } : { ok: false, error, instance });
  for (const tag of required) if (!list.tags.has(tag)) return fail({ code: 'missing-tag', tag });
  if (instance === undefined) return fail({ code: 'bad-instance', tag: 'i' });
  const value = (name: string): string => list.tags.get(name)!.value;
  const algorithm = ALGORITHMS[value('a').toLowerCase()];
  if (!algorithm) return fail({ code: 'unknown-algorithm', tag: 'a' });
  const signatureText = stripWhitespace(value('b'));
  const signature = decodeBase64(signatureText);
  if (!signature) return fail({ code: 'bad-base64', tag: 'b' });
  const domain = dkimDomain(value('d'));
  if (domain === undefined) return fail({ code: 'bad-domain', tag: 'd' });
  const selector = value('s');
  if (dkimDomain(selector) === undefined) return fail({ code: 'bad-selector', tag: 's' });
  const fields: ArcSignatureFields = {
    field,
    instance,
    algorithm: algorithm.algorithm,
    keyType: algorithm.keyType,
    hash: algorithm.hash,
    signature,
    signatureText,
    domain,
    selector,
    bValueStart: 0,
    bValueEnd: 0,
  };
  const t = list.tags.get('t');
  if (t !== undefined) {
    if (!TIMESTAMP.test(t.value)) return fail({ code: 'bad-timestamp', tag: 't' });
    fields.timestamp = Number(t.value);
  }
  // b= is blanked from just after "=" to the next ";" or the end, whitespace included (RFC 6376 §3.7).
  const b = list.tags.get('b')!;
  let bEnd = b.valueEnd;
  while (bEnd < text.length && text.charCodeAt(bEnd) !== 0x3b) bEnd++;
  fields.bValueStart = offset + b.valueStart;
  fields.bValueEnd = offset + bEnd;
  return { ok: true, list, fields };
}

const SEAL_REQUIRED = ['i', 'a', 'b', 'cv', 'd', 's'] as const;
const AMS_REQUIRED = ['i', 'a', 'b', 'bh', 'd', 'h', 's'] as const;

/** Parse an ARC-Seal (RFC 8617 §4.1.3): `i a b cv d s` required, `t` optional, `h=` forbidden; unknown tags are ignored. */
export function parseArcSeal(field: HeaderField): ArcFieldParse<ArcSeal> {
  const read = common(field, SEAL_REQUIRED);
  if (!read.ok) return read;
  const { list, fields } = read;
  const fail = (error: ArcTagError): Fail => ({ ok: false, error, instance: fields.instance });
  if (list.tags.has('h')) return fail({ code: 'forbidden-tag', tag: 'h' });
  const cv = list.tags.get('cv')!.value.toLowerCase();
  if (cv !== 'none' && cv !== 'pass' && cv !== 'fail') return fail({ code: 'bad-cv', tag: 'cv' });
  return { ok: true, value: Object.assign(fields, { chainValidation: cv as ArcChainValidation }) };
}

/** Parse an ARC-Message-Signature (RFC 8617 §4.1.2): DKIM-Signature's tags with `i=` as the instance and no `v=`. */
export function parseArcMessageSignature(field: HeaderField, maxSignedHeaders = 1000): ArcFieldParse<ArcMessageSignature> {
  const read = common(field, AMS_REQUIRED);
  if (!read.ok) return read;
  const { list, fields } = read;
  const fail = (error: ArcTagError): Fail => ({ ok: false, error, instance: fields.instance });
  const bodyHash = decodeBase64(stripWhitespace(list.tags.get('bh')!.value));
  if (!bodyHash) return fail({ code: 'bad-base64', tag: 'bh' });
  // Without c= the ValiMail suite's final version (ams_fields_c_na) expects relaxed/relaxed, the only form ARC sealers write.
  const c = parseCanonicalization(list.tags.get('c')?.value ?? 'relaxed/relaxed');
  if (!c.ok) return fail({ code: 'bad-canonicalization', tag: 'c' });
  const signedHeaders = signedHeaderNames(list.tags.get('h')!.value);
  if (!signedHeaders || signedHeaders.length > maxSignedHeaders) return fail({ code: 'bad-header-list', tag: 'h' });
  if (signedHeaders.some((name) => name.toLowerCase() === 'arc-seal')) return fail({ code: 'signs-arc-seal', tag: 'h' });
  const ams: ArcMessageSignature = Object.assign(fields, {
    bodyHash,
    headerCanonicalization: c.header,
    bodyCanonicalization: c.body,
    signedHeaders,
  });
  return { ok: true, value: ams };
}

/** The `h=` names: empty entries (`h=`, `a::b`) select nothing and are skipped, as the ValiMail suite expects; others must be field names. */
function signedHeaderNames(value: string): string[] | undefined {
  const names = stripWhitespace(value).split(':').filter((name) => name !== '');
  if (names.length === 0) return [];
  return parseHeaderList(names.join(':'));
}

/** `field.raw` with the `b=` value removed: what the signature covers of the field itself. */
export function blankedField(sig: ArcSignatureFields): Uint8Array {
  const raw = sig.field.raw;
  const out = Buffer.allocUnsafe(raw.length - (sig.bValueEnd - sig.bValueStart));
  out.set(raw.subarray(0, sig.bValueStart), 0);
  out.set(raw.subarray(sig.bValueEnd), sig.bValueStart);
  return out;
}
