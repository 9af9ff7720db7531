/** The processing limits of RFC 7208 §4.6.4: one definition for the evaluator, the lint and the texts. */
export const SPF_LIMITS = {
  /** DNS-querying terms (include, a, mx, ptr, exists, redirect) per check_host() evaluation. */
  lookups: 10,
  /** Lookups that return no records (NXDOMAIN or NODATA). */
  voidLookups: 2,
  /** Names looked at for one `mx` or `ptr` term, or for %{p}. */
  namesPerLookup: 10,
} as const;
