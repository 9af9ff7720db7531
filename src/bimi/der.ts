/**
 * A small DER reader (ITU-T X.690) for the parts of a mark certificate Node's X509Certificate does not expose:
 * extensions, their OIDs and values. Every length is checked against its enclosing element; depth and element
 * counts are bounded. Malformed input throws {@link DerError}, which the certificate code turns into a result.
 */

/** Universal tags used here. */
export const TAG = {
  boolean: 0x01,
  integer: 0x02,
  bitString: 0x03,
  octetString: 0x04,
  null: 0x05,
  oid: 0x06,
  utf8String: 0x0c,
  sequence: 0x30,
  set: 0x31,
  printableString: 0x13,
  ia5String: 0x16,
  utcTime: 0x17,
  generalizedTime: 0x18,
  bmpString: 0x1e,
} as const;

/** A DER structure that cannot be read: where and why. */
export class DerError extends Error {
  constructor(
    readonly code: 'truncated' | 'bad-length' | 'too-deep' | 'too-many' | 'unexpected' | 'bad-oid',
    readonly offset: number,
  ) {
    super(`DER ${code} at ${offset}`);
  }
}

/** One element: its identifier octet, where its contents are, and a view of them. */
export interface DerNode {
  /** The identifier octet (class, constructed bit and tag number < 31). */
  tag: number;
  /** Offset of the identifier octet in the outermost buffer. */
  offset: number;
  /** Offset just past the element. */
  end: number;
  contents: Uint8Array;
  /** Offset of the contents in the outermost buffer. */
  contentOffset: number;
}

/** Most elements one certificate read may visit. */
export const MAX_DER_NODES = 200_000;
/** Deepest nesting read. */
export const MAX_DER_DEPTH = 24;

/** A reader over one buffer, counting the elements it visits. */
export class DerReader {
  private visited = 0;

  constructor(readonly buffer: Uint8Array) {}

  /** The element starting at `offset`, which must end by `limit`. */
  read(offset: number, limit: number = this.buffer.length): DerNode {
    if (++this.visited > MAX_DER_NODES) throw new DerError('too-many', offset);
    const b = this.buffer;
    if (offset + 2 > limit) throw new DerError('truncated', offset);
    const tag = b[offset]!;
    if ((tag & 0x1f) === 0x1f) throw new DerError('unexpected', offset);
    let length = b[offset + 1]!;
    let at = offset + 2;
    if (length & 0x80) {
      const count = length & 0x7f;
      if (count === 0 || count > 4) throw new DerError('bad-length', offset);
      if (at + count > limit) throw new DerError('truncated', offset);
      length = 0;
      for (let i = 0; i < count; i++) length = length * 256 + b[at + i]!;
      at += count;
      if (length < 0x80 || (count > 1 && b[at - count] === 0)) throw new DerError('bad-length', offset);
    }
    if (at + length > limit) throw new DerError('truncated', offset);
    return { tag, offset, end: at + length, contents: b.subarray(at, at + length), contentOffset: at };
  }

  /** The elements inside a constructed element, in order. */
  children(node: DerNode, depth = 0): DerNode[] {
    if (depth > MAX_DER_DEPTH) throw new DerError('too-deep', node.offset);
    if (!(node.tag & 0x20)) throw new DerError('unexpected', node.offset);
    const out: DerNode[] = [];
    for (let at = node.contentOffset; at < node.end; ) {
      const child = this.read(at, node.end);
      out.push(child);
      at = child.end;
    }
    return out;
  }

  /** The single element inside an EXPLICIT tag or an OCTET STRING that wraps DER. */
  inner(node: DerNode): DerNode {
    const child = this.read(node.contentOffset, node.end);
    if (child.end !== node.end) throw new DerError('unexpected', child.end);
    return child;
  }

  /** Require a tag. */
  expect(node: DerNode | undefined, tag: number): DerNode {
    if (!node) throw new DerError('truncated', this.buffer.length);
    if (node.tag !== tag) throw new DerError('unexpected', node.offset);
    return node;
  }
}

/** Decode an OBJECT IDENTIFIER's contents to dotted form. */
export function decodeOid(node: DerNode): string {
  const c = node.contents;
  if (c.length === 0 || c.length > 64 || (c[c.length - 1]! & 0x80)) throw new DerError('bad-oid', node.offset);
  const arcs: number[] = [];
  let value = 0;
  for (let i = 0; i < c.length; i++) {
    const byte = c[i]!;
    if (value === 0 && byte === 0x80) throw new DerError('bad-oid', node.offset);
    value = value * 128 + (byte & 0x7f);
    if (value > Number.MAX_SAFE_INTEGER / 256) throw new DerError('bad-oid', node.offset);
    if (!(byte & 0x80)) {
      if (arcs.length === 0) arcs.push(value < 80 ? Math.floor(value / 40) : 2, value < 80 ? value % 40 : value - 80);
      else arcs.push(value);
      value = 0;
    }
  }
  return arcs.join('.');
}

/** Decode a string type (UTF8String, PrintableString, IA5String, BMPString...). */
export function decodeString(node: DerNode): string {
  if (node.tag === TAG.bmpString) {
    let s = '';
    for (let i = 0; i + 1 < node.contents.length; i += 2) s += String.fromCharCode((node.contents[i]! << 8) | node.contents[i + 1]!);
    return s;
  }
  if (node.tag === TAG.utf8String) return new TextDecoder('utf-8').decode(node.contents);
  return Buffer.from(node.contents).toString('latin1');
}
