import { test } from 'node:test';
import assert from 'node:assert/strict';
import { authResultsField, formatArcAuthResults, parseAuthResults, type AuthResFieldInput, type AuthResInput } from '../../src/authres/index.js';

/** What a result should read back as: method, result, reason, comments and `ptype.property=value` pairs. */
interface Expected {
  method: string;
  result: string;
  reason?: string;
  comments: string[];
  properties: string[];
}

const CASES: Array<{ name: string; input: AuthResInput; expected: Expected }> = [
  {
    name: 'SPF pass with both identities',
    input: { method: 'spf', result: 'pass', mailFrom: 'user@example.com', helo: 'mail.example.com', comment: 'mx.example.org: domain of user@example.com designates 192.0.2.1 as permitted sender' },
    expected: {
      method: 'spf',
      result: 'pass',
      comments: ['mx.example.org: domain of user@example.com designates 192.0.2.1 as permitted sender'],
      properties: ['smtp.mailfrom=user@example.com', 'smtp.helo=mail.example.com'],
    },
  },
  {
    name: 'SPF softfail with an SRS address',
    input: { method: 'spf', result: 'softfail', mailFrom: 'SRS0=abcd=XY=example.com=user@forwarder.example.net' },
    expected: { method: 'spf', result: 'softfail', comments: [], properties: ['smtp.mailfrom=SRS0=abcd=XY=example.com=user@forwarder.example.net'] },
  },
  {
    name: 'SPF permerror with a reason',
    input: { method: 'spf', result: 'permerror', mailFrom: 'example.com', reason: 'example.com publishes 2 SPF records' },
    expected: { method: 'spf', result: 'permerror', reason: 'example.com publishes 2 SPF records', comments: [], properties: ['smtp.mailfrom=example.com'] },
  },
  {
    name: 'DKIM pass with every property',
    input: { method: 'dkim', result: 'pass', domain: 'example.com', identity: '@mail.example.com', selector: 's2048', algorithm: 'rsa-sha256', signature: 'AbC/dEf+GhIjKlMn==' },
    expected: {
      method: 'dkim',
      result: 'pass',
      comments: [],
      properties: ['header.d=example.com', 'header.i=@mail.example.com', 'header.s=s2048', 'header.a=rsa-sha256', 'header.b=AbC/dEf+'],
    },
  },
  {
    name: 'DKIM fail with reason and comment (Ed25519)',
    input: { method: 'dkim', result: 'fail', reason: 'body hash did not verify', comment: 'ed25519 key', domain: 'example.net', selector: 'ed', algorithm: 'ed25519-sha256' },
    expected: {
      method: 'dkim',
      result: 'fail',
      reason: 'body hash did not verify',
      comments: ['ed25519 key'],
      properties: ['header.d=example.net', 'header.s=ed', 'header.a=ed25519-sha256'],
    },
  },
  {
    name: 'DKIM none',
    input: { method: 'dkim', result: 'none', comment: 'no signatures found' },
    expected: { method: 'dkim', result: 'none', comments: ['no signatures found'], properties: [] },
  },
  {
    name: 'DMARC fail with the policy properties',
    input: { method: 'dmarc', result: 'fail', headerFrom: 'example.jp', policy: 'quarantine', appliedDisposition: 'quarantine', evaluatedDisposition: 'quarantine' },
    expected: {
      method: 'dmarc',
      result: 'fail',
      comments: ['p=quarantine dis=quarantine'],
      properties: ['header.from=example.jp', 'policy.published-domain-policy=quarantine', 'policy.applied-disposition=quarantine', 'policy.evaluated-disposition=quarantine'],
    },
  },
  {
    name: 'ARC pass',
    input: { method: 'arc', result: 'pass', remoteIp: '192.0.2.33', oldestPass: 0, comment: 'as.2.example.org=pass, ams.2.example.org=pass' },
    expected: {
      method: 'arc',
      result: 'pass',
      comments: ['as.2.example.org=pass, ams.2.example.org=pass'],
      properties: ['smtp.remote-ip=192.0.2.33', 'header.oldest-pass=0'],
    },
  },
  {
    name: 'iprev as a generic method',
    input: { method: 'iprev', result: 'fail', properties: [{ ptype: 'policy', property: 'iprev', value: '2001:db8::9' }] },
    expected: { method: 'iprev', result: 'fail', comments: [], properties: ['policy.iprev=2001:db8::9'] },
  },
  {
    name: 'BIMI as a generic method',
    input: { method: 'bimi', result: 'pass', properties: [{ ptype: 'header', property: 'd', value: 'example.com' }, { ptype: 'header', property: 'selector', value: 'default' }] },
    expected: { method: 'bimi', result: 'pass', comments: [], properties: ['header.d=example.com', 'header.selector=default'] },
  },
];

function readBack(input: AuthResFieldInput, field: string): Expected[] {
  const parsed = parseAuthResults(field);
  assert.deepEqual(parsed.problems, [], field);
  assert.equal(parsed.authservId, input.authservId);
  return parsed.results.map((r) => {
    const e: Expected = { method: r.method, result: r.result, comments: r.comments, properties: r.properties.map((p) => `${p.ptype}.${p.property}=${p.value}`) };
    if (r.reason !== undefined) e.reason = r.reason;
    return e;
  });
}

for (const c of CASES) {
  test(`round trip, generate then parse: ${c.name}`, () => {
    const input: AuthResFieldInput = { authservId: 'mx.example.org', results: [c.input] };
    assert.deepEqual(readBack(input, authResultsField(input)), [c.expected]);
    assert.deepEqual(readBack(input, authResultsField(input, { lineLength: 0 })), [c.expected]);
    assert.deepEqual(readBack(input, authResultsField(input, { lineLength: 30, indent: ' ', resultPerLine: false })), [c.expected]);
  });
}

test('round trip: every case in one field keeps order, and in an ARC-Authentication-Results with its instance', () => {
  const input: AuthResFieldInput = { authservId: 'mx.example.org', version: 1, results: CASES.map((c) => c.input) };
  assert.deepEqual(readBack(input, authResultsField(input)), CASES.map((c) => c.expected));
  const arc = parseAuthResults(formatArcAuthResults(4, input));
  assert.equal(arc.instance, 4);
  assert.equal(arc.version, 1);
  assert.equal(arc.results.length, CASES.length);
});
