import type { PolicyFetchResult, PolicyResponseProblem } from './types.js';

/** Largest policy body read: 64 KiB (RFC 8461 §3.3 lets senders cap it; real policies are a few hundred bytes). */
export const MAX_POLICY_BYTES = 64 * 1024;

/** The host serving a domain's policy: `mta-sts.DOMAIN` (RFC 8461 §3.3). */
export function policyHost(domain: string): string {
  return `mta-sts.${domain}`;
}

/** The URL of a domain's policy file (RFC 8461 §3.3). */
export function policyUrl(domain: string): string {
  return `https://${policyHost(domain)}/.well-known/mta-sts.txt`;
}

/** Whether a Content-Type is `text/plain`, parameters (charset) allowed (RFC 8461 §3.2). */
export function isTextPlain(contentType: string): boolean {
  return contentType.split(';')[0]!.trim().toLowerCase() === 'text/plain';
}

/**
 * Judge a completed HTTP response (RFC 8461 §3.3): a redirect is refused, only 200 counts,
 * and the body must be `text/plain`. Undefined means the body can be parsed.
 */
export function responseProblem(response: Extract<PolicyFetchResult, { status: 'response' }>): PolicyResponseProblem | undefined {
  const { httpStatus } = response;
  if (httpStatus >= 300 && httpStatus < 400) {
    return response.location === undefined ? { code: 'redirect', httpStatus } : { code: 'redirect', httpStatus, location: response.location };
  }
  if (httpStatus !== 200) return { code: 'http-status', httpStatus };
  if (response.source === undefined && !isTextPlain(response.contentType ?? '')) return { code: 'content-type', contentType: response.contentType ?? '' };
  return undefined;
}
