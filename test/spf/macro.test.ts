import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseIp } from '../../src/dns/ip.js';
import { expandDomainSpec, expandMacroString, isQueryableName, transform, truncateDomain, urlEscape, type MacroVariables } from '../../src/spf/macro.js';
import { isMacroError, parseMacroString } from '../../src/spf/macro-parse.js';

function vars(ip: string): MacroVariables {
  return {
    sender: 'strong-bad@email.example.com',
    localPart: 'strong-bad',
    senderDomain: 'email.example.com',
    ip: parseIp(ip)!,
    helo: 'mx.example.org',
    receiver: 'mx.example.net',
    timestamp: 1_700_000_000,
  };
}

function expand(text: string, ip = '192.0.2.3', validated?: string): string {
  const spec = parseMacroString(text);
  if (isMacroError(spec)) throw new Error(`bad macro ${text}`);
  return expandMacroString(spec, vars(ip), 'email.example.com', validated);
}

// RFC 7208 §7.4, with <sender> strong-bad@email.example.com and <ip> 192.0.2.3 or 2001:db8::cb01.
const examples: Array<[macro: string, expansion: string, ip?: string]> = [
  ['%{s}', 'strong-bad@email.example.com'],
  ['%{o}', 'email.example.com'],
  ['%{d}', 'email.example.com'],
  ['%{d4}', 'email.example.com'],
  ['%{d3}', 'email.example.com'],
  ['%{d2}', 'example.com'],
  ['%{d1}', 'com'],
  ['%{dr}', 'com.example.email'],
  ['%{d2r}', 'example.email'],
  ['%{l}', 'strong-bad'],
  ['%{l-}', 'strong.bad'],
  ['%{lr}', 'strong-bad'],
  ['%{lr-}', 'bad.strong'],
  ['%{l1r-}', 'strong'],
  ['%{ir}.%{v}._spf.%{d2}', '3.2.0.192.in-addr._spf.example.com'],
  ['%{lr-}.lp._spf.%{d2}', 'bad.strong.lp._spf.example.com'],
  ['%{lr-}.lp.%{ir}.%{v}._spf.%{d2}', 'bad.strong.lp.3.2.0.192.in-addr._spf.example.com'],
  ['%{ir}.%{v}.%{l1r-}.lp._spf.%{d2}', '3.2.0.192.in-addr.strong.lp._spf.example.com'],
  ['%{d2}.trusted-domains.example.net', 'example.com.trusted-domains.example.net'],
  ['%{ir}.%{v}._spf.%{d2}', '1.0.b.c.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6._spf.example.com', '2001:db8::cb01'],
];

for (const [macro, expansion, ip] of examples) {
  test(`RFC 7208 §7.4: ${macro} expands to ${expansion}${ip ? ` for ${ip}` : ''}`, () => {
    assert.equal(expand(macro, ip), expansion);
  });
}

test('RFC 7208 §7.3: c is the readable client address, r the receiver, t the time, h the HELO name', () => {
  assert.equal(expand('%{c} %{r} %{t} %{h}', '2001:DB8::CB01'), '2001:db8::cb01 mx.example.net 1700000000 mx.example.org');
  assert.equal(expand('%{c} %{v}', '192.0.2.3'), '192.0.2.3 in-addr');
});

test('RFC 7208 §7.3: p is the validated domain name, "unknown" when there is none', () => {
  assert.equal(expand('%{p}'), 'unknown');
  assert.equal(expand('%{p2}', undefined, 'mx.example.org'), 'example.org');
});

test('RFC 7208 §7.3: upper-case letters are URL-escaped after the transformers', () => {
  assert.equal(urlEscape('~jack&jill=up-a_b3.c'), '~jack%26jill%3Dup-a_b3.c');
  assert.equal(urlEscape('a b/é'), 'a%20b%2F%C3%A9');
  assert.equal(expand('%{L}'), 'strong-bad');
  assert.equal(expand('%{S}'), 'strong-bad%40email.example.com');
});

test('RFC 7208 §7.1: %%, %_ and %- are a percent, a space and "%20"', () => {
  assert.equal(expand('a%%b%_c%-d'), 'a%b c%20d');
});

test('RFC 7208 §7.3: transformers split on the delimiters, reverse, keep right-hand parts, join with dots', () => {
  assert.equal(transform('foo-bar+zip+quux', 2, true, '+-'), 'bar.foo');
  assert.equal(transform('a.b.c', 5, false, ''), 'a.b.c');
  assert.equal(transform('a-b', undefined, false, '-'), 'a.b');
  assert.equal(transform('a.b.c', undefined, false, ''), 'a.b.c');
});

test('RFC 7208 §7.3: an expanded domain longer than 253 characters loses left-hand labels', () => {
  const long = `${'x'.repeat(60)}.${'y'.repeat(60)}.${'z'.repeat(60)}.${'w'.repeat(60)}.example.com`;
  const truncated = truncateDomain(long);
  assert.ok(truncated.length <= 253);
  assert.equal(truncated, long.slice(61));
  assert.equal(truncateDomain('example.com.'), 'example.com');
  const spec = parseMacroString('%{o}.%{o}.%{o}.%{o}.%{o}.%{o}.%{o}.%{o}.%{o}.%{o}.%{o}.%{o}.%{o}.%{o}.%{o}.example.com');
  if (isMacroError(spec)) throw new Error('parse');
  const name = expandDomainSpec(spec, vars('192.0.2.3'), 'email.example.com');
  assert.ok(name.length <= 253 && name.endsWith('email.example.com.example.com'));
});

test('a target name with an empty or over-long label cannot be queried', () => {
  assert.equal(isQueryableName('mail.example.com.'), true);
  assert.equal(isQueryableName('foo:bar/baz.example.com'), true);
  assert.equal(isQueryableName('mail.example...com'), false);
  assert.equal(isQueryableName(`${'a'.repeat(64)}.example.com`), false);
  assert.equal(isQueryableName(''), false);
});
