/** One unbreakable piece of a field; a line may be folded before it. */
export interface Atom {
  text: string;
  /** The space before this atom lies inside a quoted-string or comment: a fold there keeps exactly that one space. */
  inner?: boolean;
}

/** Options for {@link fold}. */
export interface FoldOptions {
  /** Target line length in characters; 0 writes everything on one line. */
  lineLength: number;
  /** Whitespace written after a folding CRLF between atoms. */
  indent: string;
  /** Start every group but the first on a new line. */
  groupPerLine: boolean;
}

/**
 * Join groups of atoms with single spaces, folding (RFC 5322 §2.2.3: CRLF before existing whitespace) so that
 * lines stay within `lineLength` where an atom allows; `startColumn` is what precedes the first atom on its line.
 */
export function fold(groups: readonly Atom[][], startColumn: number, options: FoldOptions): string {
  const { lineLength, indent, groupPerLine } = options;
  let out = '';
  let column = startColumn;
  let first = true;
  for (const group of groups) {
    group.forEach((atom, i) => {
      const length = atom.text.length;
      if (first) {
        out = atom.text;
        column += length;
        first = false;
        return;
      }
      // A comment or quoted-string moves to a new line whole when it fits there; it is broken inside only when it cannot fit anywhere.
      let unit = length;
      if (!atom.inner) for (let j = i + 1; j < group.length && group[j]!.inner; j++) unit += 1 + group[j]!.text.length;
      const need = unit > length && indent.length + unit <= lineLength ? unit : length;
      const forced = groupPerLine && i === 0;
      if (lineLength > 0 && (forced || column + 1 + need > lineLength)) {
        const pad = atom.inner ? ' ' : indent;
        out += `\r\n${pad}${atom.text}`;
        column = pad.length + length;
      } else {
        out += ` ${atom.text}`;
        column += 1 + length;
      }
    });
  }
  return out;
}

/** Atoms for text that may be broken at its spaces (a comment or a quoted-string): the first keeps `prefix`. */
export function splitAtoms(text: string, prefix = ''): Atom[] {
  if (text.indexOf(' ') < 0) return [{ text: prefix + text }];
  const words = text.split(' ');
  return words.map((word, i) => (i === 0 ? { text: prefix + word } : { text: word, inner: true }));
}
