import { parseDkimSignature } from '../dkim/signature.js';
import type { DkimResult } from '../dkim/types.js';
import { getFields } from '../message/header.js';
import { parseMessage } from '../message/parse.js';
import type { ParsedMessage } from '../message/types.js';
import { diagnoseArc, diagnoseHeaders, diagnoseSpf } from './diagnosis-headers.js';
import { DIAGNOSIS_BUDGET, diagnoseBody, type HashBudget } from './diagnosis.js';
import { orgDomainOf, readIdentities } from './identities.js';
import { readRecorded } from './recorded.js';
import { reverify } from './reverify.js';
import { readRoute } from './route.js';
import { readSignals } from './signals.js';
import { brandTable, spoofingSigns } from './spoofing.js';
import type { Analysis, AnalyzeOptions, Diagnosis, Identities, Recorded, Reverification, Route } from './types.js';
import { decide, evidence } from './verdict.js';

/** DKIM signatures diagnosed (as many as the verifier evaluates). */
const MAX_SIGNATURES = 10;

/** SPF results that a forwarder explains. */
const FAILED_SPF = new Set(['fail', 'softfail']);

/** The diagnoses of every DKIM signature, of SPF and of ARC (issue 6 §7). */
function diagnose(message: ParsedMessage, route: Route, recorded: Recorded, identities: Identities, rev: Reverification | undefined, dkim: DkimResult[]): Diagnosis[] {
  const out: Diagnosis[] = [];
  const budget: HashBudget = { octets: DIAGNOSIS_BUDGET };
  let failure = false;
  getFields(message.fields, 'DKIM-Signature')
    .slice(0, MAX_SIGNATURES)
    .forEach((field, index) => {
      const parsed = parseDkimSignature(field);
      if (!parsed.ok) return;
      const sig = parsed.signature;
      const body = diagnoseBody(sig, index, message.fields, message.body, budget);
      out.push(...body.diagnoses);
      const now = dkim.find((r) => r.index === index);
      const trustedFail = recorded.trusted?.dkim.some((d) => d.domain === sig.domain && d.result === 'fail') ?? false;
      const headerFail = now ? now.result === 'fail' && now.reason.code === 'signature-mismatch' : trustedFail;
      if (!body.intact) failure = true;
      if (headerFail) failure = true;
      if (!body.intact || headerFail) {
        out.push(...diagnoseHeaders(sig, index, message.fields, now?.key?.publicKey, body.intact));
      }
    });
  const spf = rev?.spf?.result ?? recorded.trusted?.spf;
  if (spf && FAILED_SPF.has(spf)) {
    failure = true;
    const envelope = identities.returnPath?.orgDomain ?? identities.spf?.orgDomain;
    const forwarded = diagnoseSpf(route, envelope, orgDomainOf);
    if (forwarded) out.push(forwarded);
  }
  if (failure) out.push(diagnoseArc(recorded, rev?.arc?.result));
  return out;
}

/**
 * Analyse one message's source as an expert would (issue 6): who it claims to be from and which identities
 * align, the route it travelled, the authentication recorded on the way (believed only from the trusted
 * authserv-ids), the checks done again now (with `reverify`), signs of spoofing, the likely cause of each
 * failure, and the sender-requirement signals — then a verdict with the reasons that decided it. Returns
 * plain data: the structure `inkan analyze --json` prints. Pure: DNS only through `options.resolver`, time only from `options.now`.
 */
export async function analyze(source: Uint8Array | string, options: AnalyzeOptions): Promise<Analysis> {
  if (!Number.isFinite(options.now)) throw new TypeError('inkan: analyze needs now (ms since the epoch)');
  if (options.reverify && !options.resolver) throw new TypeError('inkan: analyze with reverify needs a resolver');
  const raw = typeof source === 'string' ? Buffer.from(source, 'utf8') : source;
  const trusted = options.trustedAuthservIds ?? [];
  const parsed = parseMessage(raw, options.limits);
  if (!parsed.ok) {
    const empty: Omit<Analysis, 'verdict' | 'reasons'> = {
      message: { ok: false, error: parsed.error },
      identities: { from: [], fromFields: 0, replyTo: [], dkim: [] },
      route: { hops: [], truncated: 0, backwards: [] },
      recorded: { authResults: [], arc: [], arcWellFormed: true },
      spoofing: [],
      diagnosis: [],
      signals: [],
    };
    return { ...decide(empty), ...empty };
  }
  const route = readRoute(parsed, trusted, options.now);
  const recorded = readRecorded(parsed, trusted, route, options.trustedArcSealers);
  const identities = readIdentities(parsed, recorded);
  let rev: Reverification | undefined;
  let dkim: DkimResult[] = [];
  if (options.reverify && options.resolver) {
    const outcome = await reverify({ raw, message: parsed, route, identities, resolver: options.resolver, now: options.now, ...(options.timeout !== undefined ? { timeout: options.timeout } : {}), trace: options.trace === true });
    rev = outcome.reverification;
    dkim = outcome.dkim;
  }
  const diagnosis = diagnose(parsed, route, recorded, identities, rev, dkim);
  const ev = evidence({ reverify: rev, recorded, identities });
  const dmarcKnown = rev ? (rev.dmarc.reason.code === 'no-policy' ? 'none' : rev.dmarc.result === 'temperror' ? 'unknown' : 'found') : ev.dmarc === 'none' ? 'none' : ev.dmarc ? 'found' : 'unknown';
  const listId = getFields(parsed.fields, 'List-Id')[0]?.value.slice(0, 200);
  const spoofing = spoofingSigns(identities, { brands: brandTable(options.brands), dmarc: dmarcKnown, alignedDkimPass: ev.alignedDkimPass, ...(listId ? { listId } : {}) });
  const body: Omit<Analysis, 'verdict' | 'reasons'> = {
    message: { ok: true, lineEnding: parsed.lineEnding, headerFields: parsed.fields.length, bodyOctets: parsed.body.length },
    identities,
    route,
    recorded,
    ...(rev ? { reverify: rev } : {}),
    spoofing,
    diagnosis,
    signals: readSignals(parsed, options.now),
  };
  return { ...decide(body), ...body };
}
