import { domainForms, dotAtomDomainForms } from './domain.js';
import { decodeEncodedWords } from './encoded-word.js';
import { tokenize, type Token } from './lexer.js';
import { resolveLimits } from './limits.js';
import type {
  Address,
  AddressListResult,
  FieldError,
  Group,
  Mailbox,
  MailboxResult,
  MessageLimits,
  ReturnPathResult,
  SyntaxErrorCode,
} from './types.js';

type Mode = 'address-list' | 'mailbox-list' | 'mailbox';

class Fail {
  constructor(readonly error: FieldError) {}
}

function fail(code: SyntaxErrorCode, position: number): never {
  throw new Fail({ code, position });
}

/** The parts of an addr-spec once read. */
export interface AddrSpec {
  localPart: string;
  localPartAsWritten: string;
  domain: string;
  domainAscii: string;
  domainUnicode: string;
  domainLiteral?: Mailbox['domainLiteral'];
  end: number;
}

/** A recursive-descent reader over the tokens of one field value (RFC 5322 §3.4, with the §4.4 obsolete forms). */
export class AddressReader {
  private i = 0;
  private comments: string[] = [];

  constructor(
    private readonly tokens: Token[],
    private readonly length: number,
  ) {}

  /** The next non-comment token, collecting comments passed over. */
  peek(): Token | undefined {
    while (this.tokens[this.i]?.kind === 'comment') this.comments.push(this.tokens[this.i++]!.text);
    return this.tokens[this.i];
  }

  /** Step back over the token just taken. */
  back(): void {
    this.i--;
  }

  take(): Token {
    const token = this.peek()!;
    this.i++;
    return token;
  }

  isSpecial(text: string): boolean {
    const token = this.peek();
    return token?.kind === 'special' && token.text === text;
  }

  position(): number {
    return this.peek()?.start ?? this.length;
  }

  takeComments(): string[] {
    if (this.comments.length === 0) return [];
    const out = this.comments.map((c) => decodeEncodedWords(c).trim()).filter((c) => c !== '');
    this.comments = [];
    return out;
  }

  /** Words and dots up to the next special other than `.` (a phrase or an obs-local-part). */
  words(): Token[] {
    const out: Token[] = [];
    for (let t = this.peek(); t; t = this.peek()) {
      if (t.kind === 'atom' || t.kind === 'quoted' || (t.kind === 'special' && t.text === '.')) out.push(this.take());
      else break;
    }
    return out;
  }

  /** `local-part "@" domain`, given the local-part words already read. */
  addrSpec(local: Token[], value: string): AddrSpec {
    if (local.length === 0) fail('missing-local-part', this.position());
    let localPart = '';
    let prevWord = false;
    for (const t of local) {
      const word = t.kind !== 'special';
      // Two words with no dot between are not a local part; dots alone (docomo's `a..b`) are accepted.
      if (word && prevWord) fail('missing-comma', t.start);
      localPart += word ? t.text : '.';
      prevWord = word;
    }
    const localPartAsWritten = local.map((t) => value.slice(t.start, t.end)).join('');
    if (!this.isSpecial('@')) fail('missing-at', this.position());
    this.take();
    return { localPart, localPartAsWritten, ...this.domain(value) };
  }

  /** A dot-atom, obs-domain or domain-literal. */
  domain(value: string): Omit<AddrSpec, 'localPart' | 'localPartAsWritten'> {
    const first = this.peek();
    if (!first || (first.kind !== 'atom' && first.kind !== 'literal')) fail('missing-domain', this.position());
    let domain: string;
    let end: number;
    if (first.kind === 'literal') {
      this.take();
      domain = value.slice(first.start, first.end);
      end = first.end;
    } else {
      // atom *("." atom): stop before a word that no dot joins, so `a@b c@d` reads as a missing comma.
      const parts = [this.take()];
      while (this.isSpecial('.')) {
        const dot = this.take();
        const atom = this.peek();
        if (atom?.kind !== 'atom') fail('bad-domain', atom?.start ?? dot.end);
        parts.push(dot, this.take());
      }
      domain = parts.map((t) => t.text).join('');
      end = parts[parts.length - 1]!.end;
    }
    const forms = domainForms(domain);
    if (!forms.ok) fail(forms.code, first.start);
    const out: Omit<AddrSpec, 'localPart' | 'localPartAsWritten'> = { domain, domainAscii: forms.ascii, domainUnicode: forms.unicode, end };
    if (forms.literal) out.domainLiteral = forms.literal;
    return out;
  }

  /** The `<...>` of a name-addr, with an optional obsolete route; the `<` is next. */
  angleAddr(value: string): AddrSpec & { route?: string[] } {
    const open = this.take();
    const route: string[] = [];
    if (this.isSpecial('@') || this.isSpecial(',')) {
      while (this.isSpecial('@') || this.isSpecial(',')) {
        if (this.take().text === '@') route.push(this.domain(value).domain);
      }
      if (!this.isSpecial(':') || route.length === 0) fail('bad-route', this.position());
      this.take();
    }
    const spec = this.addrSpec(this.words(), value);
    if (!this.isSpecial('>')) fail(this.peek() ? 'unexpected-character' : 'unterminated-angle-addr', this.peek() ? this.position() : open.start);
    const close = this.take();
    // `spec` is this call's own: set on it rather than spread it into a new object (a new hidden class per call on Node 20).
    const out: AddrSpec & { route?: string[] } = spec;
    out.end = close.end;
    if (route.length > 0) out.route = route;
    return out;
  }
}

/** The display name a phrase stands for: words joined as written, encoded words decoded (RFC 2047 §5). */
export function phraseText(words: Token[]): string {
  let text = '';
  for (let k = 0; k < words.length; k++) {
    const t = words[k]!;
    if (k > 0 && t.space) text += ' ';
    text += t.text;
  }
  return decodeEncodedWords(text).trim();
}

function mailbox(name: string | undefined, spec: AddrSpec & { route?: string[] }, start: number, comments: string[]): Mailbox {
  const box: Mailbox = {
    kind: 'mailbox',
    address: `${spec.localPartAsWritten}@${spec.domain}`,
    localPart: spec.localPart,
    domain: spec.domain,
    domainAscii: spec.domainAscii,
    domainUnicode: spec.domainUnicode,
    start,
    end: spec.end,
  };
  if (name !== undefined && name !== '') box.name = name;
  if (spec.domainLiteral) box.domainLiteral = spec.domainLiteral;
  if (spec.route) box.route = spec.route;
  if (comments.length > 0) box.comments = comments;
  return box;
}

/** RFC 5322 atext, 7-bit; `.` is not in it. */
const ATEXT = "A-Za-z0-9!#$%&'*+\\-/=?^_`{|}~";
/**
 * The one-mailbox shapes nearly every `From` has: `Name Words <local@domain>`, `"Quoted Name" <local@domain>`,
 * `<local@domain>` and `local@domain`, with 7-bit dot-atoms on both sides of the `@`, no comments and single spaces
 * between name words. Groups: lead whitespace, name words, quoted name, local-part, domain, trailing whitespace.
 */
const PLAIN_MAILBOX = new RegExp(
  `^([ \\t\\r\\n]*)(?:(?:([${ATEXT}]+(?: [${ATEXT}]+)*)|"([ !#-\\[\\]-~]*)")[ \\t\\r\\n]*)?<([${ATEXT}]+(?:\\.[${ATEXT}]+)*)@([${ATEXT}]+(?:\\.[${ATEXT}]+)*)>[ \\t\\r\\n]*$` +
    `|^([ \\t\\r\\n]*)([${ATEXT}]+(?:\\.[${ATEXT}]+)*)@([${ATEXT}]+(?:\\.[${ATEXT}]+)*)[ \\t\\r\\n]*$`,
);

/**
 * The mailbox of a value in one of the {@link PLAIN_MAILBOX} shapes, exactly as the token reader would give it,
 * without tokens, reader or closures (this runs for every verified message); undefined for any other value.
 */
function plainMailbox(value: string): Mailbox | undefined {
  if (value.length > 2000) return undefined;
  const m = PLAIN_MAILBOX.exec(value);
  if (!m) return undefined;
  const angle = m[4] !== undefined;
  const local = angle ? m[4]! : m[7]!;
  const domain = angle ? m[5]! : m[8]!;
  const forms = dotAtomDomainForms(domain);
  if (!forms.ok) return undefined;
  const start = (angle ? m[1]! : m[6]!).length;
  // A name is its words joined by single spaces (or the quoted text), encoded words decoded, as phraseText does.
  const phrase = m[2] ?? m[3];
  const name = phrase === undefined ? undefined : decodeEncodedWords(phrase).trim();
  const end = angle ? value.lastIndexOf('>') + 1 : start + local.length + 1 + domain.length;
  const spec: AddrSpec = { localPart: local, localPartAsWritten: local, domain, domainAscii: forms.ascii, domainUnicode: forms.unicode, end };
  return mailbox(angle ? name : undefined, spec, start, []);
}

function parse(value: string, mode: Mode, overrides?: Partial<MessageLimits>): AddressListResult {
  const limits = resolveLimits(overrides);
  const plain = plainMailbox(value);
  if (plain) return { ok: true, addresses: [plain], mailboxes: [plain] };
  return readAddresses(value, mode, limits);
}

/** {@link parseAddressList} by the token reader alone, without the plain-mailbox fast path: what tests hold the fast path to. */
export function parseAddressListByTokens(value: string, limits?: Partial<MessageLimits>): AddressListResult {
  return readAddresses(value, 'address-list', resolveLimits(limits));
}

/** The recursive-descent reading of a whole value (RFC 5322 §3.4), any shape. */
function readAddresses(value: string, mode: Mode, limits: Readonly<MessageLimits>): AddressListResult {
  const lexed = tokenize(value, limits);
  if (!lexed.ok) return lexed;
  const r = new AddressReader(lexed.tokens, value.length);
  const addresses: Address[] = [];
  const mailboxes: Mailbox[] = [];
  let count = 0;
  const counted = (position: number): void => {
    if (++count > limits.maxAddressesPerField) {
      throw new Fail({ code: 'limit', limit: 'maxAddressesPerField', max: limits.maxAddressesPerField, position });
    }
  };
  // One mailbox, or (outside a group) a group; undefined for an empty list element (obs-addr-list).
  const address = (inGroup: boolean): Address | undefined => {
    const start = r.position();
    const phrase = r.words();
    const next = r.peek();
    if (r.isSpecial('@')) {
      const spec = r.addrSpec(phrase, value);
      r.peek();
      return mailbox(undefined, spec, start, r.takeComments());
    }
    if (r.isSpecial('<')) {
      const name = phraseText(phrase);
      const spec = r.angleAddr(value);
      r.peek();
      return mailbox(name, spec, start, r.takeComments());
    }
    if (r.isSpecial(':')) {
      if (inGroup) fail('nested-group', r.position());
      if (mode !== 'address-list') fail('group-not-allowed', start);
      r.take();
      r.takeComments();
      const group: Group = { kind: 'group', name: phraseText(phrase), members: [], start, end: start };
      for (;;) {
        const member = address(true);
        if (member?.kind === 'mailbox') {
          counted(member.start);
          group.members.push(member);
        }
        if (r.isSpecial(',')) r.take();
        else if (r.isSpecial(';')) {
          group.end = r.take().end;
          r.takeComments();
          return group;
        } else if (!r.peek()) fail('missing-semicolon', value.length);
        else fail(member ? 'missing-comma' : 'unexpected-character', r.position());
      }
    }
    if (!next || r.isSpecial(',') || r.isSpecial(';')) {
      if (phrase.length > 0) fail('missing-at', r.position());
      return undefined;
    }
    return fail('unexpected-character', next.start);
  };
  try {
    for (;;) {
      const item = address(false);
      if (item) {
        counted(item.start);
        addresses.push(item);
        if (item.kind === 'mailbox') mailboxes.push(item);
        else mailboxes.push(...item.members);
      }
      if (!r.peek()) break;
      if (r.isSpecial(',')) {
        r.take();
        continue;
      }
      const t = r.peek()!;
      fail(item && (t.kind === 'atom' || t.kind === 'quoted' || t.text === '<') ? 'missing-comma' : 'unexpected-character', t.start);
    }
  } catch (e) {
    if (e instanceof Fail) return { ok: false, error: e.error };
    throw e;
  }
  if (addresses.length === 0) return { ok: false, error: { code: 'empty', position: 0 } };
  if (mode === 'mailbox' && addresses.length > 1) {
    return { ok: false, error: { code: 'not-single-mailbox', position: addresses[1]!.start } };
  }
  return { ok: true, addresses, mailboxes };
}

/** Parse an `address-list` (RFC 5322 §3.4: `To`, `Cc`, `Reply-To`, and `From` under RFC 6854): mailboxes and groups. */
export function parseAddressList(value: string, limits?: Partial<MessageLimits>): AddressListResult {
  return parse(value, 'address-list', limits);
}

/** Parse a `mailbox-list` (RFC 5322 §3.4, the `From` of RFC 5322 §3.6.2): mailboxes only, no groups. */
export function parseMailboxList(value: string, limits?: Partial<MessageLimits>): AddressListResult {
  return parse(value, 'mailbox-list', limits);
}

/** Parse exactly one `mailbox` (RFC 5322 §3.4, as in `Sender`). */
export function parseMailbox(value: string, limits?: Partial<MessageLimits>): MailboxResult {
  const result = parse(value, 'mailbox', limits);
  if (!result.ok) return result;
  return { ok: true, mailbox: result.mailboxes[0]! };
}

/** Parse a `Return-Path` (RFC 5322 §3.6.7, RFC 5321 §4.4): `<>` is the null reverse-path; a missing `<>` around the address is accepted and reported. */
export function parseReturnPath(value: string, overrides?: Partial<MessageLimits>): ReturnPathResult {
  const lexed = tokenize(value, resolveLimits(overrides));
  if (!lexed.ok) return lexed;
  const r = new AddressReader(lexed.tokens, value.length);
  try {
    const first = r.peek();
    if (!first) return { ok: false, error: { code: 'empty', position: 0 } };
    let result: ReturnPathResult;
    if (r.isSpecial('<')) {
      r.take();
      if (r.isSpecial('>')) {
        r.take();
        result = { ok: true, null: true };
      } else {
        r.back();
        const spec = r.angleAddr(value);
        result = { ok: true, null: false, mailbox: mailbox(undefined, spec, first.start, []), angleBrackets: true };
      }
    } else {
      const spec = r.addrSpec(r.words(), value);
      result = { ok: true, null: false, mailbox: mailbox(undefined, spec, first.start, []), angleBrackets: false };
    }
    const rest = r.peek();
    if (rest) fail('trailing-text', rest.start);
    return result;
  } catch (e) {
    if (e instanceof Fail) return { ok: false, error: e.error };
    throw e;
  }
}
