// The benchmark harness's arithmetic: medians and round-by-round ratios.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pairedRatio, report, type Measurement } from '../../bench/harness.js';

const m = (name: string, rounds: number[]): Measurement => ({ name, opsPerSecond: [...rounds].sort((a, b) => a - b)[rounds.length >> 1]!, rounds });

test('pairedRatio is the median of same-round ratios, so load that hits one round hits both sides of its ratio', () => {
  // Round 2 ran on a busy machine: both rates fell by half, their ratio stayed 2.
  const a = m('a', [200, 100, 210]);
  const b = m('b', [100, 50, 100]);
  assert.equal(pairedRatio(a, b), 2);
  assert.equal(pairedRatio(m('x', [1, 3, 9, 27]), m('y', [1, 1, 1, 1])), 6);
});

test('report prints each rate, the ratio of medians and the round-by-round ratio', () => {
  const text = report('T', 'msgs', [m('inkan', [300, 150, 330]), m('mailauth', [100, 50, 100])]);
  assert.match(text, /inkan +300 msgs\/s/);
  assert.match(text, /ratio inkan\/mailauth: 3\.00× \(round by round: median 3\.00×\)/);
});
