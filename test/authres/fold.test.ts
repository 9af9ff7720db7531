import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { fold, type FoldOptions, type Unit } from '../../src/authres/fold.js';

/**
 * The folding rule written the slow, obvious way, as the specification of {@link fold}: every unit becomes atoms (its
 * words, the later ones "inner"), and each atom is placed one by one. The fast path writes strings without building
 * these objects; both must give the same bytes.
 */
function referenceFold(groups: readonly (readonly Unit[])[], startColumn: number, options: FoldOptions): string {
  interface Atom {
    text: string;
    inner: boolean;
  }
  const atomGroups: Atom[][] = groups.map((group, g) =>
    group.flatMap((unit) => (g === 0 ? [{ text: unit, inner: false }] : unit.split(' ').map((text, i) => ({ text, inner: i > 0 })))),
  );
  const { lineLength, indent, groupPerLine } = options;
  let out = '';
  let column = startColumn;
  let first = true;
  for (const group of atomGroups) {
    let unitIndex = -1;
    group.forEach((atom, i) => {
      if (!atom.inner) unitIndex++;
      if (first) {
        out = atom.text;
        column += atom.text.length;
        first = false;
        return;
      }
      let unit = atom.text.length;
      if (!atom.inner) for (let j = i + 1; j < group.length && group[j]!.inner; j++) unit += 1 + group[j]!.text.length;
      const need = unit > atom.text.length && indent.length + unit <= lineLength ? unit : atom.text.length;
      const forced = groupPerLine && !atom.inner && unitIndex === 0;
      if (lineLength > 0 && (forced || column + 1 + need > lineLength)) {
        const pad = atom.inner ? ' ' : indent;
        out += `\r\n${pad}${atom.text}`;
        column = pad.length + atom.text.length;
      } else {
        out += ` ${atom.text}`;
        column += 1 + atom.text.length;
      }
    });
  }
  return out;
}

const word = fc.oneof(fc.constantFrom('dkim=pass', 'header.d=example.com', 'header.b=abcdefgh;', '(p=none', 'dis=none)', 'x'), fc.string({ unit: fc.constantFrom('a', 'b', '=', ';', '(', '"'), maxLength: 40 }));
const unit = fc.array(word, { minLength: 1, maxLength: 6 }).map((words) => words.join(' '));
const groups = fc.array(fc.array(unit, { minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 6 });
const options = fc.record({ lineLength: fc.oneof(fc.constant(78), fc.constant(0), fc.nat({ max: 120 })), indent: fc.constantFrom('\t', ' ', '    '), groupPerLine: fc.boolean() });

test('fold writes the same bytes as the atom-by-atom rule on random groups (RFC 5322 §2.2.3), 5000/5000', () => {
  let runs = 0;
  fc.assert(
    fc.property(groups, fc.nat({ max: 40 }), options, (g, start, o) => {
      runs++;
      assert.equal(fold(g, start, o), referenceFold(g, start, o));
    }),
    { numRuns: 5000 },
  );
  assert.equal(runs, 5000);
});

test('fold: a comment moves to a new line whole when it fits there, and breaks inside with one space only when it cannot', () => {
  const o = { lineLength: 30, indent: '\t', groupPerLine: true };
  assert.equal(fold([['mx;'], ['dmarc=pass', '(p=none sp=none dis=none)']], 24, o), 'mx;\r\n\tdmarc=pass\r\n\t(p=none sp=none dis=none)');
  assert.equal(fold([['mx;'], ['dmarc=pass', `(${'a '.repeat(20)}b)`]], 24, o), `mx;\r\n\tdmarc=pass (a a a a a a a a a\r\n a a a a a a a a a a a b)`);
  assert.equal(fold([['"my host";'], ['spf=pass']], 24, { lineLength: 0, indent: '\t', groupPerLine: true }), '"my host"; spf=pass');
});
