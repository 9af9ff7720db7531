import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { splitMessage } from '../../src/message/split.js';
import type { HeaderField } from '../../src/message/types.js';
import { blankedSignatureField, decodeDkimQuotedPrintable, parseDkimSignature } from '../../src/dkim/signature.js';
import type { DkimSignatureErrorCode } from '../../src/dkim/types.js';

function field(value: string): HeaderField {
  const split = splitMessage(Buffer.from(`DKIM-Signature: ${value}\r\n\r\n`, 'utf8'));
  assert.ok(split.ok);
  return split.fields[0]!;
}

const BASE: Record<string, string> = {
  v: '1',
  a: 'rsa-sha256',
  c: 'relaxed/relaxed',
  d: 'example.com',
  s: 'sel',
  h: 'from:to:subject',
  bh: '47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=',
  b: 'dGVzdHNpZ25hdHVyZQ==',
};

function sig(changes: Record<string, string | undefined>): string {
  const tags = { ...BASE, ...changes };
  return Object.entries(tags)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${v}`)
    .join('; ');
}

test('RFC 6376 §3.5: a complete signature parses with its tags', () => {
  const r = parseDkimSignature(field(sig({ i: 'joe@mail.example.com', l: '100', t: '1000', x: '2000', q: 'dns/txt', z: 'From:joe' })));
  assert.ok(r.ok);
  const s = r.signature;
  assert.equal(s.algorithm, 'rsa-sha256');
  assert.equal(s.domain, 'example.com');
  assert.equal(s.selector, 'sel');
  assert.deepEqual(s.signedHeaders, ['from', 'to', 'subject']);
  assert.equal(s.identity.domain, 'mail.example.com');
  assert.equal(s.identity.localPart, 'joe');
  assert.equal(s.bodyLength, 100);
  assert.equal(s.timestamp, 1000);
  assert.equal(s.expiration, 2000);
  assert.equal(s.headerCanonicalization, 'relaxed');
  assert.equal(s.copiedHeaders, 'From:joe');
  assert.equal(s.signature.toString(), 'testsignature');
});

test('RFC 6376 §3.5: defaults: c=simple/simple, i=@d', () => {
  const r = parseDkimSignature(field(sig({ c: undefined })));
  assert.ok(r.ok);
  assert.equal(r.signature.headerCanonicalization, 'simple');
  assert.equal(r.signature.bodyCanonicalization, 'simple');
  assert.equal(r.signature.identity.text, '@example.com');
  assert.equal(r.signature.identityGiven, false);
});

test('RFC 6376 §3.5: folding whitespace is allowed inside b=, bh= and around h= names; names and a= are case-insensitive', () => {
  const r = parseDkimSignature(field(sig({ a: 'RSA-SHA256', h: 'From : To\r\n\t: Subject', b: 'dGVzdHNp\r\n Z25hdHVyZQ==', d: 'Example.COM' })));
  assert.ok(r.ok);
  assert.equal(r.signature.algorithm, 'rsa-sha256');
  assert.deepEqual(r.signature.signedHeaders, ['From', 'To', 'Subject']);
  assert.equal(r.signature.signature.toString(), 'testsignature');
  assert.equal(r.signature.domain, 'example.com');
});

test('RFC 8463 §3: ed25519-sha256 is a known algorithm', () => {
  const r = parseDkimSignature(field(sig({ a: 'ed25519-sha256' })));
  assert.ok(r.ok);
  assert.equal(r.signature.keyType, 'ed25519');
  assert.equal(r.signature.hash, 'sha256');
});

test('RFC 6376 §3.5: i= is dkim-quoted-printable', () => {
  assert.equal(decodeDkimQuotedPrintable('joe=40x@example.com'), 'joe@x@example.com');
  assert.equal(decodeDkimQuotedPrintable('bad=4'), undefined);
  const r = parseDkimSignature(field(sig({ i: 'first=20last@example.com' })));
  assert.ok(r.ok);
  assert.equal(r.signature.identity.localPart, 'first last');
});

const errors: Array<{ name: string; changes: Record<string, string | undefined>; code: DkimSignatureErrorCode; tag?: string }> = [
  { name: 'v= missing', changes: { v: undefined }, code: 'missing-tag', tag: 'v' },
  { name: 'a= missing', changes: { a: undefined }, code: 'missing-tag', tag: 'a' },
  { name: 'b= missing', changes: { b: undefined }, code: 'missing-tag', tag: 'b' },
  { name: 'bh= missing', changes: { bh: undefined }, code: 'missing-tag', tag: 'bh' },
  { name: 'd= missing', changes: { d: undefined }, code: 'missing-tag', tag: 'd' },
  { name: 'h= missing', changes: { h: undefined }, code: 'missing-tag', tag: 'h' },
  { name: 's= missing', changes: { s: undefined }, code: 'missing-tag', tag: 's' },
  { name: 'v=2', changes: { v: '2' }, code: 'bad-version', tag: 'v' },
  { name: 'a=rsa-md5', changes: { a: 'rsa-md5' }, code: 'unknown-algorithm', tag: 'a' },
  { name: 'b= not base64', changes: { b: 'not*base64' }, code: 'bad-base64', tag: 'b' },
  { name: 'b= empty', changes: { b: '' }, code: 'bad-base64', tag: 'b' },
  { name: 'bh= not base64', changes: { bh: 'abc$' }, code: 'bad-base64', tag: 'bh' },
  { name: 'c=nowsp', changes: { c: 'nowsp' }, code: 'bad-canonicalization', tag: 'c' },
  { name: 'h= with an empty name', changes: { h: 'from::to' }, code: 'bad-header-list', tag: 'h' },
  { name: 'h= without From', changes: { h: 'to:subject' }, code: 'from-not-signed', tag: 'h' },
  { name: 'd= with a space', changes: { d: 'exa mple.com' }, code: 'bad-domain', tag: 'd' },
  { name: 'd= with an empty label', changes: { d: 'example..com' }, code: 'bad-domain', tag: 'd' },
  { name: 's= empty', changes: { s: '' }, code: 'bad-selector', tag: 's' },
  { name: 'i= without @', changes: { i: 'example.com' }, code: 'bad-identity', tag: 'i' },
  { name: 'i= outside d=', changes: { i: 'joe@example.org' }, code: 'identity-mismatch', tag: 'i' },
  { name: 'i= a suffix but not a subdomain', changes: { i: 'joe@badexample.com' }, code: 'identity-mismatch', tag: 'i' },
  { name: 'i= the parent of d=', changes: { d: 'mail.example.com', i: '@example.com' }, code: 'identity-mismatch', tag: 'i' },
  { name: 'l= not numeric', changes: { l: '12a' }, code: 'bad-length', tag: 'l' },
  { name: 'l= negative', changes: { l: '-1' }, code: 'bad-length', tag: 'l' },
  { name: 't= not numeric', changes: { t: 'yesterday' }, code: 'bad-timestamp', tag: 't' },
  { name: 'x= not numeric', changes: { x: '1e9' }, code: 'bad-expiration', tag: 'x' },
  { name: 'x= equal to t=', changes: { t: '1000', x: '1000' }, code: 'expiration-before-timestamp', tag: 'x' },
  { name: 'x= before t=', changes: { t: '1000', x: '999' }, code: 'expiration-before-timestamp', tag: 'x' },
  { name: 'q=http', changes: { q: 'http/well-known' }, code: 'unknown-query-method', tag: 'q' },
];

for (const row of errors) {
  test(`RFC 6376 §6.1.1: ${row.name} is a permerror (${row.code})`, () => {
    const r = parseDkimSignature(field(sig(row.changes)));
    assert.equal(r.ok, false);
    assert.ok(!r.ok);
    assert.equal(r.error.code, row.code);
    if (row.tag) assert.equal(r.error.tag, row.tag);
  });
}

test('RFC 6376 §3.2: a tag list that does not parse is a permerror, and a repeated tag too', () => {
  for (const value of ['v=1; a', 'v=1; v=1', '=1', 'v=1; 9a=2']) {
    const r = parseDkimSignature(field(value));
    assert.ok(!r.ok);
    assert.equal(r.error.code, 'tag-list');
  }
});

test('RFC 6376 §6.1.1: a signature that is not valid still reports d=, s= and header.b when they can be read', () => {
  const r = parseDkimSignature(field(sig({ v: '2' })));
  assert.ok(!r.ok);
  assert.equal(r.info.domain, 'example.com');
  assert.equal(r.info.selector, 'sel');
  assert.equal(r.info.headerB, 'dGVzdHNp');
});

test('hostile: an h= of 10,000 names is refused with a limit, quickly', { timeout: 10_000 }, () => {
  const names = Array.from({ length: 10_000 }, (_, i) => `x-h${i}${i % 100 === 99 ? '\r\n ' : ''}`).join(':');
  const r = parseDkimSignature(field(sig({ h: `from:${names}` })));
  assert.ok(!r.ok);
  assert.equal(r.error.code, 'too-many-signed-headers');
  assert.equal(r.error.limit, 1000);
  const raised = parseDkimSignature(field(sig({ h: `from:${names}` })), { maxSignedHeaders: 20_000 });
  assert.ok(raised.ok);
});

test('RFC 6376 §3.7: the b= value is blanked from "=" to the next ";", whitespace included', () => {
  const f = field('v=1; a=rsa-sha256; b=abc\r\n def ; bh=x; d=example.com; s=s; h=from');
  const r = parseDkimSignature(f);
  assert.ok(!r.ok || r.ok); // bh=x is bad base64; blanking is checked on a valid one below
  const g = field(`v=1; a=rsa-sha256; b=dGVz\r\n dA== ; bh=${BASE['bh']}; d=example.com; s=s; h=from`);
  const p = parseDkimSignature(g);
  assert.ok(p.ok);
  assert.equal(
    Buffer.from(blankedSignatureField(p.signature)).toString(),
    `DKIM-Signature: v=1; a=rsa-sha256; b=; bh=${BASE['bh']}; d=example.com; s=s; h=from\r\n`,
  );
  const last = parseDkimSignature(field(`v=1; a=rsa-sha256; bh=${BASE['bh']}; d=example.com; s=s; h=from; b=dGVz\r\n dA==`));
  assert.ok(last.ok);
  assert.equal(Buffer.from(blankedSignatureField(last.signature)).toString(), `DKIM-Signature: v=1; a=rsa-sha256; bh=${BASE['bh']}; d=example.com; s=s; h=from; b=\r\n`);
});

test('property: the signature parser never throws and every failure has a known code', () => {
  const tagArb = fc.tuple(
    fc.constantFrom('v', 'a', 'b', 'bh', 'c', 'd', 'h', 'i', 'l', 'q', 's', 't', 'x', 'z', 'zz'),
    fc.oneof(
      fc.constantFrom('1', 'rsa-sha256', 'ed25519-sha256', 'relaxed/simple', 'example.com', 'from:to', '@example.com', '100', 'dns/txt', 'AAAA', ''),
      fc.string({ maxLength: 20 }),
    ),
  );
  fc.assert(
    fc.property(fc.array(tagArb, { maxLength: 14 }), fc.constantFrom('; ', ';', ' ;\r\n\t'), (tags, sep) => {
      const value = tags.map(([k, v]) => `${k}=${v}`).join(sep);
      const r = parseDkimSignature(field(value.replace(/[\r\n]+(?![ \t])/g, ' ')));
      if (!r.ok) assert.equal(typeof r.error.code, 'string');
      else assert.ok(r.signature.signedHeaders.some((h) => h.toLowerCase() === 'from'));
    }),
    { numRuns: 2000 },
  );
});

test('property: arbitrary field values never make the parser throw', () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 300 }), (value) => {
      const split = splitMessage(Buffer.from(`DKIM-Signature:${value.replace(/[\r\n]/g, ' ')}\r\n\r\n`));
      if (!split.ok || split.fields.length === 0) return;
      parseDkimSignature(split.fields[0]!);
    }),
    { numRuns: 2000 },
  );
});
