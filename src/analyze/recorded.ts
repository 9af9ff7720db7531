import { parseAuthResultsField } from '../authres/parse.js';
import type { AuthenticationResults } from '../authres/types.js';
import { parseTagList } from '../dkim/tag-list.js';
import type { HeaderField, ParsedMessage } from '../message/types.js';
import { orgDomainOf } from './identities.js';
import type { Recorded, RecordedArcSet, RecordedAuthResults, Route } from './types.js';

/** Untrusted Authentication-Results fields kept; the rest are ignored (hostile headers stay cheap). */
export const MAX_AUTHRES = 50;
/** ARC instances read (RFC 8617 §4.2.1 allows 50). */
export const MAX_ARC = 50;

function properties(r: { properties: Array<{ ptype: string; property: string; value: string }> }): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of r.properties) {
    const key = p.ptype === '' ? p.property : `${p.ptype}.${p.property}`;
    out[key] ??= p.value;
  }
  return out;
}

function results(parsed: AuthenticationResults): RecordedAuthResults['results'] {
  return parsed.results.map((r) => {
    const out: RecordedAuthResults['results'][number] = { method: r.method, result: r.result, properties: properties(r) };
    if (r.reason !== undefined) out.reason = r.reason;
    return out;
  });
}

function isArc(field: HeaderField, name: string): boolean {
  return field.name.toLowerCase() === name;
}

/** The ARC sets as written, by instance (RFC 8617 §4.1), without verifying them. */
function readArc(fields: readonly HeaderField[], trusted: (id: string) => boolean): RecordedArcSet[] {
  const sets = new Map<number, RecordedArcSet & { have: Set<string> }>();
  const get = (i: number): (RecordedArcSet & { have: Set<string> }) | undefined => {
    if (!Number.isInteger(i) || i < 1 || i > MAX_ARC) return undefined;
    let set = sets.get(i);
    if (!set) sets.set(i, (set = { instance: i, results: [], trusted: false, missing: [], have: new Set() }));
    return set;
  };
  for (const field of fields) {
    if (isArc(field, 'arc-authentication-results')) {
      const parsed = parseAuthResultsField(field);
      const set = get(parsed.instance ?? 0);
      if (!set) continue;
      set.have.add('authentication-results');
      set.authservId = parsed.authservId;
      set.results = results(parsed).map(({ method, result, properties: p }) => ({ method, result, properties: p }));
    } else if (isArc(field, 'arc-seal') || isArc(field, 'arc-message-signature')) {
      const tags = parseTagList(field.value);
      if (!tags.ok) continue;
      const set = get(Number(tags.list.tags.get('i')?.value ?? '0'));
      if (!set) continue;
      const d = tags.list.tags.get('d')?.value.toLowerCase();
      if (isArc(field, 'arc-seal')) {
        set.have.add('seal');
        if (d) set.sealer = d;
        const cv = tags.list.tags.get('cv')?.value.toLowerCase();
        if (cv) set.cv = cv;
      } else {
        set.have.add('message-signature');
        if (d) set.signer = d;
      }
    }
  }
  return [...sets.values()]
    .sort((a, b) => b.instance - a.instance)
    .map(({ have, ...set }) => {
      set.missing = (['seal', 'message-signature', 'authentication-results'] as const).filter((k) => !have.has(k));
      set.trusted = (set.sealer !== undefined && trusted(set.sealer)) || (set.authservId !== undefined && trusted(set.authservId));
      return set;
    });
}

/**
 * Every Authentication-Results and ARC set (issue 6 §4), each marked trusted (written by one of the given
 * authserv-ids, above the trust boundary), misplaced (a trusted id below the boundary: it came with the
 * message, so it is forged, RFC 8601 §5) or untrusted (a claim). ARC sets are trusted when sealed by a listed
 * sealer (or written by a trusted authserv-id). The topmost trusted field's conclusion is kept.
 */
export function readRecorded(message: ParsedMessage, trustedIds: readonly string[], route: Route, trustedSealers: readonly string[] = []): Recorded {
  const ids = new Set(trustedIds.map((id) => id.toLowerCase()));
  const sealers = new Set(trustedSealers.map((d) => orgDomainOf(d)));
  const parsed: Array<{ index: number; value: AuthenticationResults; listed: boolean }> = [];
  let claims = 0;
  message.fields.forEach((field, index) => {
    if (field.name.toLowerCase() !== 'authentication-results') return;
    const value = parseAuthResultsField(field);
    const listed = ids.has(value.authservId.toLowerCase());
    // Every field with a trusted name is kept (the header limit bounds them); claims stop at MAX_AUTHRES.
    if (listed || ++claims <= MAX_AUTHRES) parsed.push({ index, value, listed });
  });
  // The boundary server writes its result above the Received field of the hop before it (Gmail even below its
  // own Received); one that writes above its own Received never has one below that. Lower copies are forged.
  const olderHop = route.boundary !== undefined ? route.hops[route.boundary + 1] : undefined;
  const boundaryHop = route.boundary !== undefined ? route.hops[route.boundary] : undefined;
  const firstTrusted = parsed.find((p) => p.listed)?.index;
  const limit = boundaryHop && firstTrusted !== undefined && firstTrusted < boundaryHop.field ? boundaryHop.field : olderHop?.field;
  const authResults: RecordedAuthResults[] = parsed.map(({ index, value, listed }) => ({
    field: index,
    authservId: value.authservId,
    trust: !listed ? 'untrusted' : limit !== undefined && index > limit ? 'misplaced' : 'trusted',
    results: results(value),
    problems: value.problems.length,
  }));
  const arc = readArc(message.fields, (id) => ids.has(id.toLowerCase()) || sealers.has(orgDomainOf(id)));
  const instances = arc.map((s) => s.instance).sort((a, b) => a - b);
  const arcWellFormed = instances.every((n, i) => n === i + 1) && arc.every((s) => s.missing.length === 0);
  const out: Recorded = { authResults, arc, arcWellFormed };
  const top = authResults.find((a) => a.trust === 'trusted');
  if (top) {
    const word = (method: string): string | undefined => top.results.find((r) => r.method === method)?.result;
    const trusted: NonNullable<Recorded['trusted']> = {
      field: top.field,
      dkim: top.results.filter((r) => r.method === 'dkim').map((r) => ({ result: r.result, ...(r.properties['header.d'] ? { domain: r.properties['header.d'].toLowerCase() } : {}) })),
    };
    const spf = word('spf');
    const dmarc = word('dmarc');
    const arcWord = word('arc');
    if (spf) trusted.spf = spf;
    if (dmarc) trusted.dmarc = dmarc;
    if (arcWord) trusted.arc = arcWord;
    out.trusted = trusted;
  }
  return out;
}
