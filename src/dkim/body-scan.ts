// Where body canonicalization has work to do, found 16 octets at a time.
//
// Nearly every line of real mail is already canonical, so the canonicalizers pass the body to the
// hash as views of the input and only look closer where a scan says so. Scanning with `indexOf`
// costs a native call per line (and per space for relaxed), about as much as hashing the body;
// a 16-lane WebAssembly SIMD loop costs a fraction of that. The module is assembled below from
// its instructions (no build step, no binary blob); where WebAssembly SIMD is missing, a plain
// loop gives the same answers.

/** Finds where a body needs more than passing through (RFC 6376 §3.4.3, §3.4.4). */
export interface BodyScanner {
  /** The first bare LF (not preceded by CR; an LF at 0 counts as bare) at or after `from`, or -1. */
  bareLf(chunk: Uint8Array, from: number): number;
  /**
   * The first octet at or after `from` that relaxed may change or that ends a line with a bare LF:
   * a TAB, an SP followed by SP, CR or LF or ending the chunk, or a bare LF; -1 when there is none.
   */
  relaxedChange(chunk: Uint8Array, from: number): number;
  /** Drop what is remembered about the last chunk (call before scanning a chunk that may have been reused). */
  forget(): void;
}

const HTAB = 0x09;
const LF = 0x0a;
const CR = 0x0d;
const SP = 0x20;

/** The same answers with a plain loop: the fallback, and the reference the tests hold the SIMD scan to. */
export const plainScanner: BodyScanner = {
  bareLf(chunk, from) {
    for (let i = from; i < chunk.length; i++) if (chunk[i] === LF && (i === 0 || chunk[i - 1] !== CR)) return i;
    return -1;
  },
  relaxedChange(chunk, from) {
    const last = chunk.length - 1;
    for (let i = from; i <= last; i++) {
      const b = chunk[i];
      if (b === HTAB) return i;
      if (b === SP && (i === last || chunk[i + 1] === SP || chunk[i + 1] === CR || chunk[i + 1] === LF)) return i;
      if (b === LF && (i === 0 || chunk[i - 1] !== CR)) return i;
    }
    return -1;
  },
  forget() {},
};

// --- A minimal WebAssembly encoder: just what the two scan functions need (WebAssembly core spec §5). ---

function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
  return out;
}
const vec = (items: number[][]): number[] => [...uleb(items.length), ...items.flat()];
const section = (id: number, content: number[]): number[] => [id, ...uleb(content.length), ...content];
const name = (s: string): number[] => vec([...s].map((c) => [c.charCodeAt(0)]));

const I32 = 0x7f;
const V128 = 0x7b;
const simd = (op: number): number[] => [0xfd, ...uleb(op)];
const op = {
  localGet: (i: number) => [0x20, i],
  localSet: (i: number) => [0x21, i],
  localTee: (i: number) => [0x22, i],
  i32Const: (n: number) => [0x41, n], // only 0..63 are used: one-octet SLEB128
  i32Add: [0x6a],
  i32LtS: [0x48],
  i32Ctz: [0x68],
  loop: [0x03, 0x40],
  if: [0x04, 0x40],
  end: [0x0b],
  brIf: (depth: number) => [0x0d, depth],
  return: [0x0f],
  /** v128.load from the address on the stack plus `offset` (alignment hint 1). */
  v128Load: (offset: number) => [...simd(0x00), 0, ...uleb(offset)],
  /** A constant vector of 16 equal octets. */
  v128Octets: (b: number) => [...simd(0x0c), ...new Array<number>(16).fill(b)],
  i8x16Eq: simd(0x23),
  v128And: simd(0x4e),
  v128AndNot: simd(0x4f),
  v128Or: simd(0x50),
  v128AnyTrue: simd(0x53),
  i8x16Bitmask: simd(0x64),
};

// Locals of both functions: the params, then four vectors.
const P = 0; // address of the octet before the 16 being looked at
const LIMIT = 1; // scan while P < LIMIT
const PREV = 2;
const OCTETS = 3;
const NEXT = 4;
const FOUND = 5;

/**
 * `(p, limit) -> address or -1`: for each 16 octets at p+1, flag bare LFs (and, for relaxed, the
 * octets relaxed changes), and return the address of the first flagged one; -1 once p reaches limit.
 */
function scanFunction(relaxed: boolean): number[] {
  const body = [
    ...op.loop,
    ...op.localGet(P), ...op.v128Load(0), ...op.localSet(PREV),
    ...op.localGet(P), ...op.v128Load(1), ...op.localSet(OCTETS),
    // bare LF: octet == LF and previous != CR
    ...op.localGet(OCTETS), ...op.v128Octets(LF), ...op.i8x16Eq,
    ...op.localGet(PREV), ...op.v128Octets(CR), ...op.i8x16Eq,
    ...op.v128AndNot,
  ];
  if (relaxed) {
    body.push(
      // | octet == TAB
      ...op.localGet(OCTETS), ...op.v128Octets(HTAB), ...op.i8x16Eq, ...op.v128Or,
      // | octet == SP and next is SP, CR or LF
      ...op.localGet(OCTETS), ...op.v128Octets(SP), ...op.i8x16Eq,
      ...op.localGet(P), ...op.v128Load(2), ...op.localTee(NEXT), ...op.v128Octets(SP), ...op.i8x16Eq,
      ...op.localGet(NEXT), ...op.v128Octets(CR), ...op.i8x16Eq, ...op.v128Or,
      ...op.localGet(NEXT), ...op.v128Octets(LF), ...op.i8x16Eq, ...op.v128Or,
      ...op.v128And, ...op.v128Or,
    );
  }
  body.push(
    ...op.localTee(FOUND), ...op.v128AnyTrue,
    ...op.if, // return p + 1 + the first flagged lane
    ...op.localGet(P), ...op.localGet(FOUND), ...op.i8x16Bitmask, ...op.i32Ctz, ...op.i32Add, ...op.i32Const(1), ...op.i32Add, ...op.return,
    ...op.end,
    ...op.localGet(P), ...op.i32Const(16), ...op.i32Add, ...op.localTee(P),
    ...op.localGet(LIMIT), ...op.i32LtS, ...op.brIf(0),
    ...op.end,
    ...[0x41, 0x7f], // i32.const -1
    ...op.end,
  );
  const code = [...vec([[4, V128]]), ...body];
  return [...uleb(code.length), ...code];
}

/** The module: memory (2 pages, exported) and `bareLf`, `relaxed` of type (i32, i32) -> i32. */
function scanModule(): Uint8Array {
  return new Uint8Array([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, vec([[0x60, ...vec([[I32], [I32]]), ...vec([[I32]])]])),
    ...section(3, vec([[0], [0]])),
    ...section(5, vec([[0x00, 2]])),
    ...section(7, vec([[...name('bareLf'), 0x00, 0], [...name('relaxed'), 0x00, 1], [...name('memory'), 0x02, 0]])),
    ...section(10, vec([scanFunction(false), scanFunction(true)])),
  ]);
}

/** Octets copied into the module's memory at a time (the memory holds one window and some slack). */
const WINDOW = 65536;
/** Where a window starts in memory: the octet before it sits at BASE - 1. */
const BASE = 16;

type ScanExport = (p: number, limit: number) => number;

/** The WebAssembly JS API members used here (the project's `lib` has no declarations for it). */
interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { exports: Record<string, unknown> };
}

/** The SIMD scanner: windows of the chunk are copied into the module's memory and scanned there. */
function simdScanner(exports: Record<string, unknown>): BodyScanner {
  const memory = new Uint8Array((exports.memory as { buffer: ArrayBuffer }).buffer);
  const bareLf = exports.bareLf as ScanExport;
  const relaxed = exports.relaxed as ScanExport;
  // The window in memory: chunk[start, end), kept while the same chunk is scanned further on.
  let held: Uint8Array | undefined;
  let start = 0;
  let end = 0;

  const load = (chunk: Uint8Array, from: number): void => {
    end = Math.min(chunk.length, from + WINDOW);
    start = from;
    held = chunk;
    memory[BASE - 1] = from > 0 ? chunk[from - 1]! : LF; // nothing before the chunk: an LF at 0 is bare
    memory.set(chunk.subarray(from, end), BASE);
    memory[BASE + end - from] = end < chunk.length ? chunk[end]! : SP; // past the end: a final SP is a change
  };
  const scan = (fn: ScanExport, chunk: Uint8Array, from: number): number => {
    while (from < chunk.length) {
      if (held !== chunk || from < start || from >= end) load(chunk, from);
      const shift = BASE - start; // chunk offset x is at memory[x + shift]
      const at = fn(from + shift - 1, end + shift - 1);
      // Lanes past the window read stale octets: a hit there only means "nothing before".
      if (at !== -1 && at - shift < end) return at - shift;
      from = end;
    }
    return -1;
  };
  return {
    bareLf: (chunk, from) => scan(bareLf, chunk, from),
    relaxedChange: (chunk, from) => scan(relaxed, chunk, from),
    forget: () => {
      held = undefined;
    },
  };
}

function createScanner(): BodyScanner {
  try {
    const wasm = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
    const bytes = scanModule();
    if (wasm && wasm.validate(bytes)) return simdScanner(new wasm.Instance(new wasm.Module(bytes)).exports);
  } catch {
    // no WebAssembly (or no SIMD): the plain loop
  }
  return plainScanner;
}

/** The scanner the canonicalizers use: SIMD when the runtime has it. */
export const bodyScanner: BodyScanner = createScanner();

/** Whether {@link bodyScanner} is the SIMD one (reported by the benchmark). */
export const bodyScanSimd: boolean = bodyScanner !== plainScanner;
