export type * from './types.js';
/** RFC 8601 / RFC 8617 parsing, tolerant of what real servers write. */
export { parseAuthResults, parseAuthResultsField, DEFAULT_AUTHRES_LIMITS } from './parse.js';
/** RFC 8601 / RFC 8617 generation. */
export {
  formatAuthResults,
  authResultsField,
  formatArcAuthResults,
  arcAuthResultsField,
  signaturePrefixes,
  AUTHRES_FIELD,
  ARC_AUTHRES_FIELD,
} from './format.js';
/** RFC 8601 §5: finding, removing and renaming fields by authserv-id. */
export {
  findAuthResults,
  stripAuthResults,
  stripAuthResultsFromMessage,
  UNTRUSTED_AUTHRES_FIELD,
  type StrippedHeader,
  type StripMessageResult,
} from './find.js';
/** Human text for results and parser problems. */
export { describeAuthResult, hasAuthResultDescription, describeAuthResProblem } from './describe.js';
