import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MemoryResolver } from '../../src/dns/memory.js';
import { lintSpf } from '../../src/spf/lint.js';
import { SPF_LINT_CHECKS } from '../../src/spf/lint-types.js';
import type { SpfLintFinding, SpfLintId } from '../../src/spf/lint-types.js';

const PROVIDER = 'v=spf1 ip4:198.51.100.0/24 ~all';

/** example.com with these TXT records (each a list of character-strings, or one string), and a provider to include. */
function zone(txt: Array<string | string[]>, setup?: (r: MemoryResolver) => void): MemoryResolver {
  const r = new MemoryResolver().add('_spf.provider.test', 'TXT', [PROVIDER]).add('mail.example.com', 'A', '192.0.2.25');
  for (const record of txt) r.add('example.com', 'TXT', typeof record === 'string' ? [record] : record);
  setup?.(r);
  return r;
}

interface Case {
  /** What the RFC says or what went wrong. */
  title: string;
  /** The domain to lint; example.com unless given. */
  domain?: string;
  txt: Array<string | string[]>;
  setup?: (r: MemoryResolver) => void;
  id: SpfLintId;
  /** Some of the finding's params. */
  params?: Record<string, unknown>;
  /** The record text of the fix; null when the finding has no machine fix. */
  fix?: string | null;
  /** The character-strings of the fix. */
  strings?: string[];
}

const cases: Case[] = [
  { title: 'no SPF record among the TXT records → none (RFC 7208 §4.5)', txt: ['google-site-verification=abc'], id: 'spf.record.none', params: { reason: 'no-spf' }, fix: 'v=spf1 -all' },
  { title: 'the domain does not exist', domain: 'nowhere.test', txt: [], id: 'spf.record.none', params: { reason: 'nxdomain' }, fix: null },
  { title: 'the domain has no TXT records at all', txt: [], setup: (r) => r.add('example.com', 'A', '192.0.2.1'), id: 'spf.record.none', params: { reason: 'no-txt' } },
  {
    title: 'RFC 7208 §4.5: two SPF records are a permerror; the obvious merge is the fix',
    txt: ['v=spf1 ip4:192.0.2.1 -all', 'v=spf1 include:_spf.provider.test ip4:192.0.2.1 -all'],
    id: 'spf.record.multiple',
    params: { count: 2 },
    fix: 'v=spf1 ip4:192.0.2.1 include:_spf.provider.test -all',
  },
  { title: 'a syntax error carries its column (RFC 7208 §12)', txt: ['v=spf1 ip4:192.0.2.300 -all'], id: 'spf.record.syntax', params: { code: 'bad-ip4', position: 11, term: 'ip4:192.0.2.300' } },
  { title: '"v=spf 1" is not an SPF record', txt: ['v=spf 1 include:_spf.provider.test -all'], id: 'spf.record.lookalike', fix: 'v=spf1 include:_spf.provider.test -all' },
  { title: '"spf1" without "v="', txt: ['spf1 include:_spf.provider.test -all'], id: 'spf.record.lookalike', fix: 'v=spf1 include:_spf.provider.test -all' },
  { title: 'a leading space', txt: [' v=spf1 include:_spf.provider.test -all'], id: 'spf.record.lookalike', fix: 'v=spf1 include:_spf.provider.test -all' },
  { title: 'quotes typed into the value', txt: ['"v=spf1 include:_spf.provider.test -all"'], id: 'spf.record.lookalike', fix: 'v=spf1 include:_spf.provider.test -all' },
  { title: 'no space after the version', txt: ['v=spf1include:_spf.provider.test -all'], id: 'spf.record.lookalike', fix: 'v=spf1 include:_spf.provider.test -all' },
  { title: 'a lookalike alone means no record, and the corrected record is the fix', txt: ['v=spf include:_spf.provider.test -all'], id: 'spf.record.none', params: { reason: 'lookalike' }, fix: 'v=spf1 include:_spf.provider.test -all' },
  { title: 'Sender ID (RFC 4406) is obsolete', txt: ['v=spf1 -all', 'spf2.0/pra include:_spf.provider.test -all'], id: 'spf.record.sender-id', fix: null },
  { title: 'RFC 7208 §3.4: a record over 450 bytes', txt: [['v=spf1 ' + Array.from({ length: 32 }, (_, i) => `ip4:192.0.2.${i}`).join(' ') + ' -all'].flatMap(split255)], id: 'spf.record.too-long', params: { bytes: 481 }, fix: null },
  {
    title: 'RFC 1035 §3.3: a character-string over 255 bytes must be split',
    txt: ['v=spf1 ' + Array.from({ length: 18 }, (_, i) => `ip4:198.51.100.${i}`).join(' ') + ' -all'],
    id: 'spf.string.too-long',
    params: { index: 1, bytes: 325, limit: 255 },
    strings: [
      'v=spf1 ' + Array.from({ length: 14 }, (_, i) => `ip4:198.51.100.${i}`).join(' ') + ' ',
      Array.from({ length: 4 }, (_, i) => `ip4:198.51.100.${i + 14}`).join(' ') + ' -all',
    ],
  },
  {
    title: 'RFC 7208 §3.3: strings are joined without a space, so a missing one glues two terms',
    txt: [['v=spf1 include:_spf.provider.test', 'ip4:192.0.2.1 -all']],
    id: 'spf.string.missing-space',
    params: { index: 1 },
    fix: 'v=spf1 include:_spf.provider.test ip4:192.0.2.1 -all',
    strings: ['v=spf1 include:_spf.provider.test ', 'ip4:192.0.2.1 -all'],
  },
  { title: 'RFC 7208 §3.1: the SPF RR type is obsolete', txt: ['v=spf1 -all'], setup: (r) => r.add('example.com', 'SPF', ['v=spf1 -all']), id: 'spf.rr-spf.obsolete' },
  { title: 'an SPF RR that differs from the TXT record', txt: ['v=spf1 -all'], setup: (r) => r.add('example.com', 'SPF', ['v=spf1 +all']), id: 'spf.rr-spf.differs', params: { spf: 'v=spf1 +all', txt: 'v=spf1 -all' } },
  {
    title: 'RFC 7208 §4.6.4: more than two void lookups is a permerror',
    txt: ['v=spf1 a:gone1.example.com a:gone2.example.com mx:gone3.example.com -all'],
    id: 'spf.void.too-many',
    params: { count: 3, limit: 2 },
  },
  { title: 'any void lookup is worth a warning', txt: ['v=spf1 a:gone.example.com -all'], id: 'spf.void.lookup', params: { name: 'gone.example.com', status: 'nxdomain' } },
  { title: 'RFC 7208 §5.5: ptr SHOULD NOT be used', txt: ['v=spf1 ptr -all'], id: 'spf.ptr.used', fix: null },
  { title: '+all lets the whole Internet pass', txt: ['v=spf1 include:_spf.provider.test +all'], id: 'spf.all.pass', fix: 'v=spf1 include:_spf.provider.test ~all' },
  { title: 'all without qualifier is +all', txt: ['v=spf1 include:_spf.provider.test all'], id: 'spf.all.pass', fix: 'v=spf1 include:_spf.provider.test ~all' },
  { title: '+all inside an included record matches everyone too', txt: ['v=spf1 include:open.provider.test -all'], setup: (r) => r.add('open.provider.test', 'TXT', ['v=spf1 +all']), id: 'spf.all.pass' },
  { title: '?all is neutral', txt: ['v=spf1 include:_spf.provider.test ?all'], id: 'spf.all.neutral', fix: 'v=spf1 include:_spf.provider.test ~all' },
  { title: 'RFC 7208 §4.7: no all and no redirect defaults to neutral', txt: ['v=spf1 include:_spf.provider.test'], id: 'spf.all.missing', fix: 'v=spf1 include:_spf.provider.test ~all' },
  { title: 'RFC 7208 §5.1: terms after all are never evaluated', txt: ['v=spf1 -all ip4:192.0.2.1 a'], id: 'spf.all.not-last', params: { count: 2, terms: 'ip4:192.0.2.1 a' }, fix: 'v=spf1 -all' },
  {
    title: 'RFC 7208 §6.1: redirect is ignored when all is present',
    txt: ['v=spf1 ip4:192.0.2.1 -all redirect=_spf.provider.test'],
    id: 'spf.redirect.ignored',
    fix: 'v=spf1 ip4:192.0.2.1 -all',
  },
  { title: 'including the domain itself', txt: ['v=spf1 include:example.com -all'], id: 'spf.include.self', params: { via: 'include' } },
  {
    title: 'an include loop through another domain',
    txt: ['v=spf1 include:a.loop.test -all'],
    setup: (r) => r.add('a.loop.test', 'TXT', ['v=spf1 include:b.loop.test -all']).add('b.loop.test', 'TXT', ['v=spf1 include:a.loop.test -all']),
    id: 'spf.include.loop',
    params: { domain: 'b.loop.test', cycle: 'a.loop.test → b.loop.test → a.loop.test' },
  },
  { title: 'a redirect loop', txt: ['v=spf1 redirect=r.loop.test'], setup: (r) => r.add('r.loop.test', 'TXT', ['v=spf1 redirect=example.com']), id: 'spf.include.loop', params: { via: 'redirect' } },
  { title: 'RFC 7208 §5.2: include of a domain without SPF is a permerror', txt: ['v=spf1 include:nospf.provider.test -all'], setup: (r) => r.add('nospf.provider.test', 'TXT', ['hello']), id: 'spf.include.no-record', params: { target: 'nospf.provider.test', reason: 'no-spf' } },
  { title: 'include of a name that does not exist', txt: ['v=spf1 include:typo.provider.test -all'], id: 'spf.include.no-record', params: { reason: 'nxdomain' } },
  { title: 'RFC 7208 §6.1: redirect to a domain without SPF is a permerror', txt: ['v=spf1 redirect=_spf.nowhere.test'], id: 'spf.redirect.no-record' },
  {
    title: 'the same include reached twice costs its lookups twice',
    txt: ['v=spf1 include:_spf.provider.test include:bundle.provider.test -all'],
    setup: (r) => r.add('bundle.provider.test', 'TXT', ['v=spf1 include:_spf.provider.test -all']),
    id: 'spf.include.duplicate',
    params: { target: '_spf.provider.test', count: 2 },
  },
  { title: 'an included domain that times out leaves the result incomplete', txt: ['v=spf1 include:slow.provider.test -all'], setup: (r) => r.setFault('slow.provider.test', 'timeout'), id: 'spf.dns.incomplete', params: { type: 'TXT', status: 'timeout' } },
  { title: 'a SERVFAIL on an a: term leaves the result incomplete', txt: ['v=spf1 a:broken.example.com -all'], setup: (r) => r.setFault('broken.example.com', 'servfail'), id: 'spf.dns.incomplete', params: { name: 'broken.example.com', status: 'SERVFAIL' } },
  { title: 'RFC 7208 §6: unknown modifiers are ignored', txt: ['v=spf1 -all redirct=_spf.provider.test'], id: 'spf.modifier.unknown', params: { name: 'redirct' } },
  { title: 'RFC 7208 §6.2: exp= is present', txt: ['v=spf1 -all exp=explain.example.com'], id: 'spf.exp.present' },
  { title: 'RFC 7208 §7: a macro makes the lookup depend on the message', txt: ['v=spf1 exists:%{i}.allow.example.com -all'], id: 'spf.macro.used' },
  { title: 'the same term twice', txt: ['v=spf1 ip4:192.0.2.1 include:_spf.provider.test +ip4:192.0.2.1 -all'], id: 'spf.term.duplicate', fix: 'v=spf1 ip4:192.0.2.1 include:_spf.provider.test -all' },
  { title: 'an ip4 inside an earlier broader ip4 never decides', txt: ['v=spf1 ip4:192.0.2.0/24 ip4:192.0.2.7 -all'], id: 'spf.ip.shadowed', params: { by: 'ip4:192.0.2.0/24' }, fix: 'v=spf1 ip4:192.0.2.0/24 -all' },
  { title: 'ip6 shadowed too', txt: ['v=spf1 ip6:2001:db8::/32 ip6:2001:db8:1::/48 -all'], id: 'spf.ip.shadowed', fix: 'v=spf1 ip6:2001:db8::/32 -all' },
  { title: 'an ip4 network written with host bits', txt: ['v=spf1 ip4:192.0.2.7/24 -all'], id: 'spf.ip.host-bits', params: { network: '192.0.2.0/24' }, fix: 'v=spf1 ip4:192.0.2.0/24 -all' },
];

function split255(text: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += 255) out.push(text.slice(i, i + 255));
  return out;
}

for (const c of cases) {
  test(`${c.id}: ${c.title}`, async () => {
    const result = await lintSpf(c.domain ?? 'example.com', { resolver: zone(c.txt, c.setup) });
    const found = result.findings.find((f) => f.id === c.id);
    assert.ok(found, `expected ${c.id}, got ${result.findings.map((f) => f.id).join(', ')}`);
    assert.equal(found.severity, SPF_LINT_CHECKS[c.id].severity);
    for (const [key, value] of Object.entries(c.params ?? {})) assert.deepEqual((found.params as Record<string, unknown>)[key], value, key);
    if (c.fix === null) assert.equal(found.fix?.record, undefined);
    else if (c.fix !== undefined) assert.equal(found.fix?.record, c.fix);
    if (c.strings) assert.deepEqual(found.fix?.strings, c.strings);
    for (const s of found.fix?.strings ?? []) assert.ok(Buffer.byteLength(s) <= 255);
  });
}

test('every check id is exercised by the table above or by lint.test.ts', () => {
  const covered = new Set<string>([...cases.map((c) => c.id), 'spf.lookups.too-many', 'spf.lookups.near-limit', 'spf.mx.too-many-names', 'spf.walk.truncated']);
  assert.deepEqual(Object.keys(SPF_LINT_CHECKS).filter((id) => !covered.has(id)), []);
});

const clean: Array<[title: string, txt: Array<string | string[]>, setup?: (r: MemoryResolver) => void]> = [
  ['a plain record', ['v=spf1 ip4:192.0.2.0/24 include:_spf.provider.test -all']],
  ['upper case is still SPF (RFC 7208 §4.5)', ['V=SPF1 IP4:192.0.2.0/24 -ALL']],
  ['a record split mid-token is joined as one (RFC 7208 §3.3)', [['v=spf1 include:_spf.prov', 'ider.test ip4:192.0.2.0/24 -all']]],
  ['a split with the space at the boundary', [['v=spf1 include:_spf.provider.test ', 'ip4:192.0.2.0/24 -all']]],
  ['redirect without all', ['v=spf1 ip4:192.0.2.1 redirect=_spf.provider.test']],
  ['a narrower -ip4 before a broader one is an intended exception', ['v=spf1 -ip4:192.0.2.7 ip4:192.0.2.0/24 -all']],
  ['an a: name with addresses', ['v=spf1 a:mail.example.com ~all']],
  ['other TXT records beside SPF', ['v=spf1 -all', 'google-site-verification=abc', 'MS=ms12345']],
];

for (const [title, txt, setup] of clean) {
  test(`a clean setup has no findings: ${title}`, async () => {
    const result = await lintSpf('example.com', { resolver: zone(txt, setup) });
    assert.deepEqual(result.findings, []);
    assert.equal(result.receiverOutcome, 'ok');
    assert.equal(result.complete, true);
    assert.equal(result.suggestedRecord, undefined);
  });
}

test('the suggested record applies every record-level fix at once', async () => {
  const result = await lintSpf('example.com', { resolver: zone(['v=spf1 ip4:192.0.2.7/24 ip4:192.0.2.7/24 ?all a redirect=_spf.provider.test']) });
  assert.equal(result.suggestedRecord, 'v=spf1 ip4:192.0.2.0/24 ~all');
});

test('a DNS timeout at the domain itself is a temperror-like incomplete result, not a crash', async () => {
  const result = await lintSpf('example.com', { resolver: new MemoryResolver().setFault('example.com', 'timeout') });
  assert.deepEqual(result.findings.map((f) => f.id), ['spf.dns.incomplete']);
  assert.equal(result.complete, false);
  assert.equal(result.receiverOutcome, 'temperror');
  assert.deepEqual(result.tree.errors, [{ kind: 'dns', name: 'example.com', type: 'TXT', status: 'timeout' }]);
});

test('a resolver that throws is reported as a DNS failure, not thrown', async () => {
  const resolver = { query: async (): Promise<never> => Promise.reject(new Error('socket closed')) };
  const result = await lintSpf('example.com', { resolver });
  assert.equal(result.complete, false);
  assert.equal(result.findings[0]?.id, 'spf.dns.incomplete');
});

test('a syntax error in an included record names the path to it', async () => {
  const r = zone(['v=spf1 include:bad.provider.test -all'], (z) => z.add('bad.provider.test', 'TXT', ['v=spf1 ip4:1.2.3 -all']));
  const result = await lintSpf('example.com', { resolver: r });
  const syntax = result.findings.find((f): f is Extract<SpfLintFinding, { id: 'spf.record.syntax' }> => f.id === 'spf.record.syntax');
  assert.deepEqual(syntax?.evidence.path, ['example.com', 'bad.provider.test']);
  assert.equal(syntax?.params.domain, 'bad.provider.test');
  assert.equal(result.receiverOutcome, 'permerror');
});

test('an include with a macro is counted but not followed', async () => {
  const result = await lintSpf('example.com', { resolver: zone(['v=spf1 include:%{d1}.spf.provider.test -all']) });
  assert.equal(result.lookups, 1);
  assert.deepEqual(result.tree.children[0]?.errors, [{ kind: 'macro' }]);
  assert.equal(result.tree.queries[0]?.outcome, 'not-queried');
});

test('a very wide tree is cut at maxNodes with a finding, and counts stay deterministic', async () => {
  const r = zone(['v=spf1 ' + Array.from({ length: 6 }, (_, i) => `include:w${i}.provider.test`).join(' ') + ' -all']);
  for (let i = 0; i < 6; i++) r.add(`w${i}.provider.test`, 'TXT', ['v=spf1 include:_spf.provider.test -all']);
  const result = await lintSpf('example.com', { resolver: r, maxNodes: 5 });
  assert.ok(result.findings.some((f) => f.id === 'spf.walk.truncated'));
  assert.equal(result.complete, false);
  const again = await lintSpf('example.com', { resolver: r, maxNodes: 5 });
  assert.deepEqual(again, result);
});
