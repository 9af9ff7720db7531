/**
 * One piece of a field as written: a word without spaces, or a comment or quoted-string (with what precedes it,
 * `reason=` or `header.d=`) whose inner spaces are the only places it may break. A group is a list of units.
 */
export type Unit = string;
// The first group (ARC instance, authserv-id, version) is written whole: a quoted authserv-id never breaks.

/** Options for {@link fold}. */
export interface FoldOptions {
  /** Target line length in characters; 0 writes everything on one line. */
  lineLength: number;
  /** Whitespace written after a folding CRLF between units. */
  indent: string;
  /** Start every group but the first on a new line. */
  groupPerLine: boolean;
}

/**
 * Join groups of units with single spaces, folding (RFC 5322 §2.2.3: CRLF before existing whitespace) so that
 * lines stay within `lineLength` where a unit allows; `startColumn` is what precedes the first unit on its line.
 * A unit with spaces moves to a new line whole when it fits there, and is broken at its spaces (CRLF + one space,
 * so unfolding gives back exactly its text) only when it cannot fit anywhere. Units are strings, not objects:
 * this runs for every verified message, and the common unit has no space at all.
 */
export function fold(groups: readonly (readonly Unit[])[], startColumn: number, options: FoldOptions): string {
  const { lineLength, indent, groupPerLine } = options;
  const folding = lineLength > 0;
  let out = '';
  let column = startColumn;
  let first = true;
  for (let g = 0; g < groups.length; g++) {
    const group = groups[g]!;
    for (let u = 0; u < group.length; u++) {
      const unit = group[u]!;
      const space = g === 0 ? -1 : unit.indexOf(' ');
      // The unit's first word; the rest (when it has spaces) follows word by word below.
      const head = space < 0 ? unit : unit.slice(0, space);
      if (first) {
        out = head;
        column += head.length;
        first = false;
      } else {
        const need = space >= 0 && indent.length + unit.length <= lineLength ? unit.length : head.length;
        if (folding && ((groupPerLine && u === 0) || column + 1 + need > lineLength)) {
          out += `\r\n${indent}${head}`;
          column = indent.length + head.length;
        } else {
          out += ` ${head}`;
          column += 1 + head.length;
        }
      }
      if (space < 0) continue;
      // Inner words: a fold here keeps exactly the one space that was there.
      let from = space + 1;
      for (;;) {
        const next = unit.indexOf(' ', from);
        const word = next < 0 ? unit.slice(from) : unit.slice(from, next);
        if (folding && column + 1 + word.length > lineLength) {
          out += `\r\n ${word}`;
          column = 1 + word.length;
        } else {
          out += ` ${word}`;
          column += 1 + word.length;
        }
        if (next < 0) break;
        from = next + 1;
      }
    }
  }
  return out;
}
