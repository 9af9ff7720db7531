export type * from './types.js';
/** Default limits and their resolution. */
export { DEFAULT_LIMITS, resolveLimits } from './limits.js';
/** Header/body split on raw octets. */
export { splitMessage, unfold } from './split.js';
/** Header field lookups, including DKIM's bottom-up selection. */
export { getField, getFields, getFieldsBottomUp, fieldIndices, fieldsByName, bottomUpCursor, type BottomUpCursor } from './header.js';
/** RFC 2047 encoded-word decoding. */
export { decodeEncodedWords } from './encoded-word.js';
/** RFC 5322 address parsing. */
export { parseAddressList, parseMailboxList, parseMailbox, parseReturnPath } from './address.js';
/** A domain's A-label and U-label forms, and the RFC 5321 host name rule. */
export { domainForms, isHostName, type DomainForms } from './domain.js';
/** The DMARC author domain. */
export { analyzeFrom } from './author.js';
/** RFC 5322 §3.3 date-time. */
export { parseDate } from './date.js';
/** RFC 5322 §3.6.4 msg-id. */
export { parseMessageId, parseMessageIdList } from './message-id.js';
/** RFC 5321 §4.4 trace fields. */
export { parseReceived } from './received.js';
/** The whole message. */
export { parseMessage } from './parse.js';
