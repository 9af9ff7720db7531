import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyze, MAX_HOPS, readIdentities, readRecorded, readRoute, skeleton, withinOneEdit } from '../../src/analyze/index.js';
import { parseMessage } from '../../src/message/parse.js';
import { NOW } from './messages.js';

const RUNS = 300;

/** Header-ish text: printable ASCII, Unicode, folding, brackets, parentheses and semicolons in odd places. */
const fieldValue = fc.array(
  fc.oneof(
    fc.constantFrom('from', 'by', 'with', 'id', 'for', 'via', ';', '(', ')', '[', ']', '<', '>', '@', ' ', '\r\n\t', '=?UTF-8?B?5qW9?=', '10.0.0.1', '2001:db8::1', 'ESMTPS', 'Mon, 30 Nov 2026 05:00:00 +0000', 'xn--pypal-4ve.com', 'пример'),
    fc.string({ maxLength: 12 }),
  ),
  { maxLength: 30 },
).map((parts) => parts.join(' ').replace(/\r\n(?![ \t])/g, '\r\n '));

const names = fc.constantFrom('Received', 'From', 'Reply-To', 'Return-Path', 'Sender', 'Authentication-Results', 'ARC-Seal', 'ARC-Authentication-Results', 'DKIM-Signature', 'Date', 'Message-ID', 'List-Unsubscribe');

const header = fc.array(fc.tuple(names, fieldValue), { maxLength: 40 }).map((fields) => fields.map(([n, v]) => `${n}: ${v}\r\n`).join('') + '\r\nbody\r\n');

test(`property: route, identities and recorded never throw on random headers and stay bounded (${RUNS} runs)`, () => {
  fc.assert(
    fc.property(header, (raw) => {
      const m = parseMessage(raw);
      if (!m.ok) return;
      const route = readRoute(m, ['mx.recipient.example'], NOW);
      assert.ok(route.hops.length <= MAX_HOPS);
      assert.ok(route.boundary === undefined || route.boundary < route.hops.length);
      for (const h of route.hops) assert.ok(h.delayMs === undefined || Number.isFinite(h.delayMs));
      const recorded = readRecorded(m, ['mx.recipient.example'], route);
      assert.ok(recorded.authResults.filter((r) => r.trust === 'untrusted').length <= 50 && recorded.arc.length <= 50);
      const ids = readIdentities(m, recorded);
      assert.ok(ids.dkim.length <= 50);
    }),
    { numRuns: RUNS },
  );
});

test(`property: analyze never throws and always gives a verdict with 1 to 3 reasons (${RUNS / 3} runs)`, async () => {
  await fc.assert(
    fc.asyncProperty(header, async (raw) => {
      const a = await analyze(raw, { now: NOW, trustedAuthservIds: ['mx.recipient.example'] });
      assert.ok(['authentic', 'suspicious', 'spoofed', 'cannot-tell'].includes(a.verdict));
      assert.ok(a.reasons.length >= 1 && a.reasons.length <= 3, JSON.stringify(a.reasons));
      JSON.stringify(a);
    }),
    { numRuns: RUNS / 3 },
  );
});

test('property: one edit is symmetric and a string is one edit from itself with any one character changed', () => {
  fc.assert(
    fc.property(fc.string({ minLength: 1, maxLength: 20 }), fc.nat(), fc.string({ minLength: 1, maxLength: 1 }), (s, at, ch) => {
      const i = at % s.length;
      const changed = s.slice(0, i) + ch + s.slice(i + 1);
      assert.equal(withinOneEdit(s, changed), true);
      assert.equal(withinOneEdit(changed, s), true);
      assert.equal(withinOneEdit(s, s.slice(0, i) + s.slice(i + 1)), true);
      assert.equal(typeof skeleton(s), 'string');
    }),
    { numRuns: RUNS },
  );
});
