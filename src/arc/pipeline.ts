import type { ArcAuthResInput } from '../authres/types.js';
import type { MessageHead } from '../dkim/source.js';
import type { DmarcPolicy, PolicyOverride } from '../dmarc/types.js';
import { t } from '../i18n/index.js';
import type { ArcResult, ArcSetInfo } from './types.js';

/** The result of a message without ARC fields (shared and frozen: the common path allocates nothing). */
export const NO_ARC: ArcResult = Object.freeze({ result: 'none', sets: Object.freeze([]) as unknown as ArcSetInfo[], trace: Object.freeze([]) as unknown as [] }) as ArcResult;

/** Largest streamed body buffered so that DKIM and ARC can both hash it. */
const MAX_BODY = 512 * 1024 * 1024;

/** Read a streamed body into memory (ARC and DKIM both need it); stops at 512 MiB and hashes what was read. */
export async function bufferBody(head: MessageHead): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of head.body) {
    if (size + chunk.length > MAX_BODY) break;
    size += chunk.length;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** A DMARC failure a passing ARC chain could excuse: the sealer whose word counts, and whether this receiver trusts it. */
export interface ArcOverrideNote {
  /** The sealer's `d=`. */
  domain: string;
  /** Its ARC Set instance. */
  instance: number;
  /** Whether the domain is among the trusted sealers. */
  trusted: boolean;
  /** Whether the override changed the DMARC disposition. */
  applied: boolean;
}

function isUnder(domain: string, trusted: string): boolean {
  const t = trusted.toLowerCase().replace(/\.$/, '');
  return domain === t || domain.endsWith(`.${t}`);
}

/** Whether an AAR reports DMARC, DKIM or SPF pass. */
function sawPass(set: ArcSetInfo): boolean {
  return set.authResults?.results.some((r) => (r.method === 'dmarc' || r.method === 'dkim' || r.method === 'spf') && r.result === 'pass') ?? false;
}

/**
 * The sealer whose AAR could excuse a DMARC failure (RFC 8617 §7.2, RFC 9989 local policy): the newest trusted sealer
 * whose AAR shows a pass; with none trusted, the newest sealer whose AAR shows one (reported, never applied).
 */
export function arcOverrideCandidate(
  arc: Extract<ArcResult, { result: 'pass' }>,
  trustedSealers: readonly string[] | undefined,
): { domain: string; instance: number; trusted: boolean; override: PolicyOverride & { disposition: DmarcPolicy } } | undefined {
  const newestFirst = [...arc.sets].sort((a, b) => b.instance - a.instance);
  const trusted = trustedSealers ?? [];
  const pick = (set: ArcSetInfo, isTrusted: boolean) => {
    const domain = set.sealer!.domain;
    const comment = t('en', 'arc.override.comment', { domain, instance: set.instance });
    return { domain, instance: set.instance, trusted: isTrusted, override: { type: 'trusted_forwarder' as const, comment, disposition: 'none' as const } };
  };
  for (const set of newestFirst) if (set.sealer && trusted.some((d) => isUnder(set.sealer!.domain, d)) && sawPass(set)) return pick(set, true);
  for (const set of newestFirst) if (set.sealer && sawPass(set)) return pick(set, false);
  return undefined;
}

/** The `arc=` entry of Authentication-Results (RFC 8617 §10, RFC 8601 registry): each set's verdicts in a comment, the client IP and the oldest-pass. */
export function arcAuthRes(arc: ArcResult, ip: string | undefined): ArcAuthResInput {
  const input: ArcAuthResInput = { method: 'arc', result: arc.result };
  const verdicts: string[] = [];
  for (const set of [...arc.sets].sort((a, b) => b.instance - a.instance)) {
    if (set.sealer && set.sealResult !== 'not-checked') verdicts.push(`as.${set.instance}.${set.sealer.domain}=${set.sealResult}`);
    if (set.signer && set.messageSignatureResult !== 'not-checked') verdicts.push(`ams.${set.instance}.${set.signer.domain}=${set.messageSignatureResult}`);
  }
  if (verdicts.length) input.comment = verdicts.join(', ');
  if (ip !== undefined) input.remoteIp = ip;
  if (arc.result === 'pass') input.oldestPass = arc.oldestPass;
  return input;
}
