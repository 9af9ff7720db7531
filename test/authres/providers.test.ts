import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseAuthResults, parseAuthResultsField } from '../../src/authres/index.js';
import { splitMessage } from '../../src/message/index.js';
import { PROVIDER_CASES } from './providers.js';
import { summarize } from './summarize.js';

for (const c of PROVIDER_CASES) {
  test(`RFC 8601 §2.2, as written in the wild: ${c.name}`, () => {
    const parsed = parseAuthResults(c.value);
    const { results, problems } = summarize(parsed);
    assert.equal(parsed.authservId, c.authservId);
    assert.equal(parsed.version, c.version);
    assert.equal(parsed.jobId, c.jobId);
    assert.equal(parsed.instance, c.instance);
    assert.deepEqual(results, c.results);
    assert.deepEqual(problems, c.problems);
  });
}

test('provider values parse the same from a raw message header (folded, as splitMessage gives them)', () => {
  for (const c of PROVIDER_CASES) {
    const name = c.instance === undefined ? 'Authentication-Results' : 'ARC-Authentication-Results';
    const raw = `${name}: ${c.value.replace(/\r?\n(?![ \t])/g, '\r\n ')}\r\nFrom: a@example.com\r\n\r\nbody\r\n`;
    const split = splitMessage(raw);
    assert.ok(split.ok);
    const field = split.fields[0]!;
    assert.equal(field.name, name);
    assert.deepEqual(summarize(parseAuthResultsField(field)).results, c.results, c.name);
  }
});

test('the provider table holds at least 20 distinct styles', () => {
  assert.ok(PROVIDER_CASES.length >= 20, String(PROVIDER_CASES.length));
  assert.equal(new Set(PROVIDER_CASES.map((c) => c.name)).size, PROVIDER_CASES.length);
});
