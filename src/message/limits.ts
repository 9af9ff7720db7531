import type { LimitName, MessageLimits } from './types.js';

/** The default limits: generous for real mail, small enough that hostile input stays cheap. */
export const DEFAULT_LIMITS: Readonly<MessageLimits> = Object.freeze({
  maxHeaderFields: 1000,
  maxHeaderLineLength: 16384,
  maxHeaderBytes: 1024 * 1024,
  maxCommentDepth: 10,
  maxAddressesPerField: 1000,
});

/**
 * Merge caller overrides onto the defaults; a non-positive or non-integer limit is a programmer error.
 * Without overrides this is {@link DEFAULT_LIMITS} itself (frozen): a copy per message showed in profiles.
 */
export function resolveLimits(overrides?: Partial<MessageLimits>): Readonly<MessageLimits> {
  if (overrides === undefined) return DEFAULT_LIMITS;
  const limits: MessageLimits = Object.assign({}, DEFAULT_LIMITS);
  for (const key of Object.keys(DEFAULT_LIMITS) as LimitName[]) {
    const value = overrides[key];
    if (value === undefined) continue;
    if (!Number.isSafeInteger(value) || value < 1) {
      throw new TypeError(`inkan: limit ${key} must be a positive integer, got ${String(value)}`);
    }
    limits[key] = value;
  }
  return limits;
}
