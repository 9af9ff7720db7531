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
 * so unfolding gives back exactly its text) only when it cannot fit anywhere.
 */
export function fold(groups: readonly (readonly Unit[])[], startColumn: number, options: FoldOptions): string {
  const folder = new Folder(startColumn, options);
  for (let g = 0; g < groups.length; g++) {
    const group = groups[g]!;
    if (g > 0) folder.group();
    for (let u = 0; u < group.length; u++) folder.unit(group[u]!, g > 0);
  }
  return folder.end();
}

/**
 * {@link fold} one unit at a time, for a writer that streams (the A-R formatter: no lists of units per message).
 * Each unit is held until the next one comes, so that {@link Folder.semicolon} can still end it with `;`.
 * Units are strings, not objects: this runs for every verified message, and the common unit has no space at all.
 */
export class Folder {
  private out = '';
  private column: number;
  private first = true;
  private readonly lineLength: number;
  private readonly indent: string;
  private readonly groupPerLine: boolean;
  private held: Unit | undefined;
  private heldSpaced = false;
  private heldStartsGroup = false;
  private nextStartsGroup = false;

  constructor(startColumn: number, options: FoldOptions) {
    this.column = startColumn;
    this.lineLength = options.lineLength;
    this.indent = options.indent;
    this.groupPerLine = options.groupPerLine;
  }

  /** Start a new group: its first unit begins a line when groups go one per line. */
  group(): void {
    this.nextStartsGroup = true;
  }

  /**
   * Add a unit. `spaced` says it may hold spaces (a comment, a quoted-string), the only places where it may break;
   * the caller knows, and a unit built by concatenation is not scanned (a scan would first copy it flat).
   */
  unit(unit: Unit, spaced: boolean): void {
    if (this.held !== undefined) this.write(this.held, this.heldSpaced, this.heldStartsGroup);
    this.held = unit;
    this.heldSpaced = spaced;
    this.heldStartsGroup = this.nextStartsGroup;
    this.nextStartsGroup = false;
  }

  /** End the last unit added with `;` (between results). */
  semicolon(): void {
    if (this.held !== undefined) this.held += ';';
  }

  /** The folded text, without a final CRLF. */
  end(): string {
    if (this.held !== undefined) this.write(this.held, this.heldSpaced, this.heldStartsGroup);
    this.held = undefined;
    return this.out;
  }

  private write(unit: Unit, spaced: boolean, startsGroup: boolean): void {
    const { lineLength, indent } = this;
    const folding = lineLength > 0;
    const space = spaced ? unit.indexOf(' ') : -1;
    // The unit's first word; the rest (when it has spaces) follows word by word below.
    const head = space < 0 ? unit : unit.slice(0, space);
    if (this.first) {
      this.out = head;
      this.column += head.length;
      this.first = false;
    } else {
      const need = space >= 0 && indent.length + unit.length <= lineLength ? unit.length : head.length;
      if (folding && ((this.groupPerLine && startsGroup) || this.column + 1 + need > lineLength)) {
        this.out += `\r\n${indent}${head}`;
        this.column = indent.length + head.length;
      } else {
        this.out += ` ${head}`;
        this.column += 1 + head.length;
      }
    }
    if (space < 0) return;
    // Inner words: a fold here keeps exactly the one space that was there.
    let from = space + 1;
    for (;;) {
      const next = unit.indexOf(' ', from);
      const word = next < 0 ? unit.slice(from) : unit.slice(from, next);
      if (folding && this.column + 1 + word.length > lineLength) {
        this.out += `\r\n ${word}`;
        this.column = 1 + word.length;
      } else {
        this.out += ` ${word}`;
        this.column += 1 + word.length;
      }
      if (next < 0) break;
      from = next + 1;
    }
  }
}
