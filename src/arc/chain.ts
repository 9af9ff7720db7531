import { parseAuthResults } from '../authres/parse.js';
import type { HeaderField } from '../message/types.js';
import { aarInstance, MAX_ARC_INSTANCE, parseArcMessageSignature, parseArcSeal } from './parse.js';
import type { ArcFieldKind, ArcMessageSignature, ArcReason, ArcSeal, ArcSetInfo } from './types.js';

/** One complete ARC Set, ready to verify. */
export interface ArcSet {
  instance: number;
  seal: ArcSeal;
  messageSignature: ArcMessageSignature;
  authResults: HeaderField;
}

/** The ARC fields of a message, grouped by instance; `sets[0]` is instance 1. */
export type ArcChain =
  | { status: 'none'; info: ArcSetInfo[] }
  | { status: 'ok'; sets: ArcSet[]; info: ArcSetInfo[]; counts: Counts }
  | { status: 'invalid'; reason: ArcReason; highest: number; info: ArcSetInfo[]; counts: Counts };

/** How many fields of each kind the header holds. */
export interface Counts {
  seals: number;
  messageSignatures: number;
  authResults: number;
}

/** Default bound on ARC fields read (50 sets of 3, RFC 8617 §4.2.1). */
export const DEFAULT_MAX_ARC_FIELDS = 150;

const KIND_OF: Record<string, ArcFieldKind> = {
  'arc-seal': 'seal',
  'arc-message-signature': 'message-signature',
  'arc-authentication-results': 'authentication-results',
};

/** The kind of an ARC header field name, or undefined for any other field. */
export function arcFieldKind(name: string): ArcFieldKind | undefined {
  // Cheap first test: every ARC field name starts with "arc-" (a-r-c in either case).
  if (name.length < 8 || (name.charCodeAt(0) | 0x20) !== 0x61 || (name.charCodeAt(3) !== 0x2d)) return undefined;
  return KIND_OF[name.toLowerCase()];
}

/** Whether the header holds any ARC field (the no-ARC path of `verify()` costs one scan of names). */
export function hasArcFields(fields: readonly HeaderField[]): boolean {
  for (const field of fields) if (arcFieldKind(field.name) !== undefined) return true;
  return false;
}

/** Unfolded, trimmed value text after `i=N;` of an AAR. */
function aarText(field: HeaderField): string {
  return field.value.replace(/\s+/g, ' ').trim();
}

/**
 * Gather the ARC Sets (RFC 8617 §4.1, §5.2 steps 1–2): parse every ARC-Seal and ARC-Message-Signature, read the instance
 * of every ARC-Authentication-Results, and check that instances run 1..N with exactly one field of each kind per instance,
 * N at most 50. More than `maxFields` ARC fields is a failure, found without parsing them.
 */
export function collectChain(fields: readonly HeaderField[], maxFields = DEFAULT_MAX_ARC_FIELDS): ArcChain {
  const counts: Counts = { seals: 0, messageSignatures: 0, authResults: 0 };
  const arcFields: Array<{ kind: ArcFieldKind; field: HeaderField }> = [];
  let total = 0;
  for (const field of fields) {
    const kind = arcFieldKind(field.name);
    if (kind === undefined) continue;
    total++;
    if (kind === 'seal') counts.seals++;
    else if (kind === 'message-signature') counts.messageSignatures++;
    else counts.authResults++;
    if (arcFields.length < maxFields) arcFields.push({ kind, field });
  }
  if (total === 0) return { status: 'none', info: [] };
  const info = new Map<number, ArcSetInfo>();
  const infoOf = (instance: number): ArcSetInfo => {
    let set = info.get(instance);
    if (!set) info.set(instance, (set = { instance, sealResult: 'not-checked', messageSignatureResult: 'not-checked' }));
    return set;
  };
  const sorted = (): ArcSetInfo[] => [...info.values()].sort((a, b) => a.instance - b.instance);
  let highest = 0;
  const invalid = (reason: ArcReason): ArcChain => ({ status: 'invalid', reason, highest, info: sorted(), counts });
  if (total > maxFields) return invalid({ code: 'too-many-fields', count: total, limit: maxFields });

  const seals = new Map<number, ArcSeal>();
  const signatures = new Map<number, ArcMessageSignature>();
  const results = new Map<number, HeaderField>();
  let problem: ArcReason | undefined;
  const note = (reason: ArcReason): void => {
    problem ??= reason;
  };
  for (const { kind, field } of arcFields) {
    let instance: number | undefined;
    let value: ArcSeal | ArcMessageSignature | undefined;
    if (kind === 'authentication-results') {
      instance = aarInstance(field.value);
      if (instance === undefined) {
        note({ code: 'bad-field', kind, error: { code: 'bad-instance', tag: 'i' } });
        continue;
      }
    } else {
      const parsed = kind === 'seal' ? parseArcSeal(field) : parseArcMessageSignature(field);
      if (!parsed.ok) {
        note(parsed.instance === undefined ? { code: 'bad-field', kind, error: parsed.error } : { code: 'bad-field', kind, instance: parsed.instance, error: parsed.error });
        if (parsed.instance !== undefined && parsed.instance >= 1 && parsed.instance <= MAX_ARC_INSTANCE) highest = Math.max(highest, parsed.instance);
        continue;
      }
      value = parsed.value;
      instance = value.instance;
    }
    if (instance < 1 || instance > MAX_ARC_INSTANCE) {
      note({ code: 'instance-out-of-range', kind, instance });
      continue;
    }
    highest = Math.max(highest, instance);
    const set = infoOf(instance);
    if (kind === 'authentication-results') {
      if (results.has(instance)) note({ code: 'duplicate-instance', kind, instance });
      else {
        results.set(instance, field);
        set.authResultsText = aarText(field);
        set.authResults = parseAuthResults(field.value);
      }
    } else if (kind === 'seal') {
      const seal = value as ArcSeal;
      if (seals.has(instance)) note({ code: 'duplicate-instance', kind, instance });
      else {
        seals.set(instance, seal);
        set.cv = seal.chainValidation;
        set.sealer = { domain: seal.domain, selector: seal.selector, algorithm: seal.algorithm };
        if (seal.timestamp !== undefined) set.sealer.timestamp = seal.timestamp;
      }
    } else {
      const ams = value as ArcMessageSignature;
      if (signatures.has(instance)) note({ code: 'duplicate-instance', kind, instance });
      else {
        signatures.set(instance, ams);
        set.signer = { domain: ams.domain, selector: ams.selector, algorithm: ams.algorithm, signedHeaders: ams.signedHeaders };
      }
    }
  }
  if (problem) return invalid(problem);
  const sets: ArcSet[] = [];
  for (let i = 1; i <= highest; i++) {
    const seal = seals.get(i);
    const messageSignature = signatures.get(i);
    const authResults = results.get(i);
    if (!seal) return invalid({ code: 'missing-field', kind: 'seal', instance: i });
    if (!messageSignature) return invalid({ code: 'missing-field', kind: 'message-signature', instance: i });
    if (!authResults) return invalid({ code: 'missing-field', kind: 'authentication-results', instance: i });
    sets.push({ instance: i, seal, messageSignature, authResults });
  }
  return { status: 'ok', sets, info: sorted(), counts };
}
