import type { IpAddress } from '../dns/ip.js';

/** Bounds on hostile input; every parser stops with a `limit` error instead of growing without end. */
export interface MessageLimits {
  /** Most header fields in one message (default 1000). */
  maxHeaderFields: number;
  /** Longest physical header line in octets, line break excluded (default 16384; RFC 5322 §2.1.1 says 998, longer lines are only reported). */
  maxHeaderLineLength: number;
  /** Largest header section in octets, blank line excluded (default 1 MiB). */
  maxHeaderBytes: number;
  /** Deepest nesting of `(comments)` in a structured field (default 10). */
  maxCommentDepth: number;
  /** Most addresses (mailboxes and groups) in one address field (default 1000). */
  maxAddressesPerField: number;
}

/** Which limit was exceeded. */
export type LimitName = keyof MessageLimits;

/** The line-break style of a header section: all CRLF, all bare LF, both, or no line break at all. */
export type LineEnding = 'crlf' | 'lf' | 'mixed' | 'none';

/** Why a header line is not a well-formed field; such lines are kept, with their bytes, as fields named `''`. */
export type HeaderFieldDefect = 'no-colon' | 'leading-continuation' | 'bad-field-name';

/** One header field exactly as it appears in the message. */
export interface HeaderField {
  /** The field name as written (case kept); `''` when the line has no usable name. */
  name: string;
  /** The field's octets: name, colon, value, folding and the terminating line break, as they appear. */
  raw: Uint8Array;
  /** Byte offset of `raw` in the message. */
  offset: number;
  /** Octets between the colon and the terminating line break (folding kept). */
  rawValue: Uint8Array;
  /** The unfolded value (RFC 5322 §2.2.3) decoded as UTF-8 (RFC 6532), leading and trailing whitespace removed. */
  value: string;
  /** Set when the line is not a well-formed field. */
  defect?: HeaderFieldDefect;
}

/** Something unusual in the header section that does not stop parsing. */
export interface HeaderProblem {
  /** What is wrong; the catalogue id is `message.problem.<code>`. */
  code:
    | HeaderFieldDefect
    | 'nul'
    | 'bare-cr'
    | 'eight-bit'
    | 'invalid-utf8'
    | 'line-over-998'
    | 'space-before-colon'
    | 'no-separator'
    | 'mixed-line-endings';
  /** Byte offset in the message where it was seen. */
  offset: number;
  /** Index of the header field concerned, if any. */
  field?: number;
}

/** A message's header section and where its body starts. */
export interface HeaderSection {
  /** Header fields in the order they appear (top first), malformed lines included. */
  fields: HeaderField[];
  /** Octets of the blank line separating header and body (empty when there is none). */
  separator: Uint8Array;
  /** Byte offset where the body starts (the input length when there is no body). */
  bodyOffset: number;
  /** The body octets (a view, not a copy). */
  body: Uint8Array;
  /** Whether a blank line ended the header section. */
  hasSeparator: boolean;
  /** Line-break style of the header section. */
  lineEnding: LineEnding;
  /** Unusual things found, in order. */
  problems: HeaderProblem[];
}

/** A failure to read the message at all. */
export type MessageError = { code: 'limit'; limit: LimitName; max: number; offset: number };

/** Outcome of splitting a message into header fields and body. */
export type SplitResult = ({ ok: true } & HeaderSection) | { ok: false; error: MessageError };

/** Why an address, message-id or path could not be parsed; the catalogue id is `message.syntax.<code>`. */
export type SyntaxErrorCode =
  | 'empty'
  | 'unterminated-quoted-string'
  | 'unterminated-comment'
  | 'unterminated-domain-literal'
  | 'unterminated-angle-addr'
  | 'unexpected-character'
  | 'missing-local-part'
  | 'missing-at'
  | 'missing-domain'
  | 'bad-domain'
  | 'invalid-idn'
  | 'missing-comma'
  | 'missing-semicolon'
  | 'nested-group'
  | 'group-not-allowed'
  | 'not-single-mailbox'
  | 'bad-route'
  | 'missing-angle-brackets'
  | 'trailing-text'
  | 'bad-msg-id';

/** A syntax error with the position (UTF-16 index in the field value) where it was found. */
export type FieldError =
  | { code: SyntaxErrorCode; position: number }
  | { code: 'limit'; limit: LimitName; max: number; position: number };

/** One mailbox (RFC 5322 §3.4): an optional display name and an addr-spec. */
export interface Mailbox {
  /** Discriminates a mailbox from a group. */
  kind: 'mailbox';
  /** The display name with quoting removed and RFC 2047 encoded words decoded, if there is one. */
  name?: string;
  /** The addr-spec `local-part@domain` as written, comments and folding whitespace removed. */
  address: string;
  /** The local part, quotes and quoted-pairs resolved. */
  localPart: string;
  /** The domain as written (a domain literal keeps its brackets). */
  domain: string;
  /** The domain in ASCII (A-labels), lower case: what DNS and DMARC use. */
  domainAscii: string;
  /** The domain in Unicode (U-labels), lower case. */
  domainUnicode: string;
  /** The address inside a domain literal such as `[192.0.2.1]` or `[IPv6:2001:db8::1]`. */
  domainLiteral?: IpAddress;
  /** Domains of an obsolete source route (`<@a,@b:user@c>`, RFC 5322 §4.4), which receivers ignore. */
  route?: string[];
  /** Comments next to the mailbox, decoded (old-style names: `user@example.com (User Name)`). */
  comments?: string[];
  /** Start and end (UTF-16 indices) of the mailbox in the field value. */
  start: number;
  end: number;
}

/** A named group of mailboxes (RFC 5322 §3.4), possibly empty (`undisclosed-recipients:;`). */
export interface Group {
  /** Discriminates a group from a mailbox. */
  kind: 'group';
  /** The group's display name, decoded. */
  name: string;
  /** Its members in order. */
  members: Mailbox[];
  /** Start and end (UTF-16 indices) of the group in the field value. */
  start: number;
  end: number;
}

/** An address: a mailbox or a group. */
export type Address = Mailbox | Group;

/** Outcome of parsing an address field. */
export type AddressListResult =
  | { ok: true; addresses: Address[]; mailboxes: Mailbox[] }
  | { ok: false; error: FieldError };

/** Outcome of parsing a field that holds exactly one mailbox (`Sender`). */
export type MailboxResult = { ok: true; mailbox: Mailbox } | { ok: false; error: FieldError };

/** Why a message has no single author domain for DMARC (RFC 7489 §6.6.1); catalogue id `message.author.<reason>`. */
export type NoAuthorDomainReason =
  | 'no-from'
  | 'multiple-from-fields'
  | 'unparseable-from'
  | 'no-mailbox'
  | 'domain-literal'
  | 'multiple-author-domains';

/** The author identity of a message: its `From` field(s) and, when there is one, the single author domain. */
export type FromAnalysis =
  | {
      ok: true;
      /** The author domain in ASCII, lower case (the RFC5322.From domain DMARC evaluates). */
      domain: string;
      /** The author domain in Unicode. */
      domainUnicode: string;
      /** Every mailbox of the `From` field (several only if they share the domain). */
      authors: Mailbox[];
      /** RFC 5322 §3.6.2: several authors require a `Sender` field and this message has none. */
      senderMissing: boolean;
    }
  | {
      ok: false;
      reason: NoAuthorDomainReason;
      /** How many `From` fields there are. */
      fromFields: number;
      /** The mailboxes that could be read, if any. */
      authors: Mailbox[];
      /** The syntax error, when the reason is `unparseable-from`. */
      error?: FieldError;
    };

/** The `Return-Path` (RFC 5322 §3.6.7): the null path `<>` or one address. */
export type ReturnPathResult =
  | { ok: true; null: true }
  | { ok: true; null: false; mailbox: Mailbox; angleBrackets: boolean }
  | { ok: false; error: FieldError };

/** A msg-id (RFC 5322 §3.6.4). */
export interface MsgId {
  /** The identifier without angle brackets: `left@right`. */
  id: string;
  /** The part before `@` (id-left). */
  left: string;
  /** The part after `@` (id-right). */
  right: string;
  /** Whether only the obsolete syntax (RFC 5322 §4.5.4: quoted strings, CFWS inside) matched. */
  obsolete: boolean;
}

/** Outcome of parsing a `Message-ID` field. */
export type MessageIdResult = ({ ok: true } & MsgId) | { ok: false; error: FieldError };

/** Something odd but accepted in a date; catalogue id `message.date.<code>`. */
export type DateNote = 'obsolete-year' | 'obsolete-zone' | 'unknown-zone' | 'no-seconds' | 'weekday-mismatch' | 'no-zone';

/** Why a date-time could not be read; catalogue id `message.date.<reason>`. */
export type DateErrorReason =
  | 'empty'
  | 'bad-weekday'
  | 'bad-day'
  | 'bad-month'
  | 'bad-year'
  | 'bad-time'
  | 'bad-zone'
  | 'no-such-day'
  | 'bad-comment'
  | 'trailing-text';

/** Outcome of parsing a date-time (RFC 5322 §3.3). */
export type DateResult =
  | {
      ok: true;
      /** The instant, milliseconds since the epoch (UTC). */
      epochMs: number;
      /** The zone offset east of UTC in minutes as written (0 for `-0000` and obsolete military zones). */
      offsetMinutes: number;
      /** The zone as written: `+0900`, `GMT`, `PDT`... */
      zone: string;
      /** Accepted oddities (obsolete forms, a wrong day of the week). */
      notes: DateNote[];
    }
  | { ok: false; reason: DateErrorReason; position: number; /** Set when a comment nested deeper than this limit. */ limit?: LimitName };

/** TLS facts a receiving server wrote into its `Received` field. */
export interface ReceivedTls {
  /** Protocol version as written: `TLSv1.3`, `TLS1_2`... */
  version?: string;
  /** Cipher suite as written. */
  cipher?: string;
  /** Key bits, when given. */
  bits?: number;
}

/** The `from` clause of a `Received` field: what the client said and what the server saw. */
export interface ReceivedFrom {
  /** The word after `from` (the HELO name for Postfix and Sendmail, the verified name for Exim and qmail). */
  name: string;
  /** The HELO/EHLO name, when it can be told. */
  helo?: string;
  /** The name found by reverse DNS, when given (`unknown` is left out). */
  reverseName?: string;
  /** The connecting IP address. */
  ip?: IpAddress;
  /** The IP address as written. */
  ipText?: string;
  /** The client port, when given. */
  port?: number;
  /** An ident/authenticated user, when given (`user@host [ip]`). */
  user?: string;
}

/** One `Received` trace field (RFC 5321 §4.4), parsed as far as it goes. */
export interface Received {
  /** The sending side, when there is a `from` clause. */
  from?: ReceivedFrom;
  /** The receiving host, as written. */
  by?: string;
  /** The `via` link type (`Frontend Transport`...). */
  via?: string;
  /** The protocol (`ESMTPS`, `LMTP`, `Microsoft SMTP Server`...), as written. */
  with?: string;
  /** The server's queue or message id. */
  id?: string;
  /** The envelope recipient, angle brackets removed. */
  for?: string;
  /** TLS facts from the protocol name or the comments. */
  tls?: ReceivedTls;
  /** Whether the protocol or comments say the hop used TLS (`ESMTPS`, `ESMTPSA`, a cipher...). */
  encrypted: boolean;
  /** Whether the client authenticated (`ESMTPA`, `ESMTPSA`, `Authenticated sender:`). */
  authenticated: boolean;
  /** Every comment, in order, with its clause (`from`, `by`, ... or `''` before any clause). */
  comments: Array<{ clause: string; text: string }>;
  /** Words that belong to no known clause. */
  unparsed: string[];
  /** The date-time text after the last `;`, if any. */
  dateText?: string;
  /** The parsed date, when there is a date text. */
  date?: DateResult;
}

/** Outcome of parsing a `Received` field. */
export type ReceivedResult = ({ ok: true } & Received) | { ok: false; error: FieldError };

/** A parsed header field together with the field it came from. */
export interface ParsedField<R> {
  /** The header field, raw bytes included. */
  field: HeaderField;
  /** Index of the field in `fields`. */
  index: number;
  result: R;
}

/** A message read from raw octets, with the fields inkan needs parsed. */
export interface ParsedMessage extends HeaderSection {
  ok: true;
  /** The author analysis DMARC needs. */
  from: FromAnalysis;
  /** The `From` field(s), parsed as address lists. */
  fromFields: Array<ParsedField<AddressListResult>>;
  /** Each `Sender` field. */
  sender: Array<ParsedField<MailboxResult>>;
  /** Each `Reply-To` field. */
  replyTo: Array<ParsedField<AddressListResult>>;
  /** Each `Return-Path` field (normally one, added at final delivery). */
  returnPath: Array<ParsedField<ReturnPathResult>>;
  /** Each `Message-ID` field. */
  messageId: Array<ParsedField<MessageIdResult>>;
  /** Each `Date` field. */
  date: Array<ParsedField<DateResult>>;
  /** Each `Received` field, top (newest hop) first. */
  received: Array<ParsedField<ReceivedResult>>;
}

/** Outcome of `parseMessage`. */
export type ParseMessageResult = ParsedMessage | { ok: false; error: MessageError };
