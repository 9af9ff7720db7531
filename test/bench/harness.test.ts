// The benchmark harness's arithmetic: medians and round-by-round ratios.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compare, pairedRatio, report, type Contender, type Measurement } from '../../bench/harness.js';

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

test('compare alternates slices within a round and reports each contender per item', async () => {
  const calls: string[] = [];
  const contender = (name: string): Contender => ({ name, run: async () => void calls.push(name) });
  const results = await compare([contender('a'), contender('b')], { rounds: 2, roundMs: 4, sliceMs: 1, warmup: 1, itemsPerRun: 10 });
  assert.deepEqual(results.map((r) => [r.name, r.rounds.length]), [['a', 2], ['b', 2]]);
  for (const r of results) assert.ok(r.opsPerSecond > 0 && Number.isFinite(r.opsPerSecond));
  // After the warm-up (a, b), the first round alternates a…b…a…b: both appear before either has run all its slices.
  const timed = calls.slice(2);
  const firstB = timed.indexOf('b');
  assert.ok(firstB > 0 && timed.slice(firstB).includes('a'), 'slices alternate between contenders');
});
