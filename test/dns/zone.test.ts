import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseZone } from '../../src/dns/zone.js';
import type { Zone, ZoneErrorCode, ZoneParseOptions, ZoneRecord } from '../../src/dns/zone-types.js';

function zone(text: string, options: ZoneParseOptions = {}): Zone {
  const parsed = parseZone(text, options);
  if (!parsed.ok) assert.fail(`unexpected error ${JSON.stringify(parsed.error)}`);
  return parsed.zone;
}

function brief(records: ZoneRecord[]): Array<[string, string, number, unknown]> {
  return records.map((r) => [r.name, r.type, r.ttl, r.data]);
}

test('RFC 1035 §5.1: $ORIGIN makes relative names absolute and "@" is the origin', () => {
  const z = zone('$ORIGIN Example.COM.\n$TTL 300\n@ A 192.0.2.1\nwww A 192.0.2.2\nmail.other.test. A 192.0.2.3\n');
  assert.deepEqual(brief(z.records), [
    ['example.com', 'A', 300, '192.0.2.1'],
    ['www.example.com', 'A', 300, '192.0.2.2'],
    ['mail.other.test', 'A', 300, '192.0.2.3'],
  ]);
});

test('RFC 1035 §5.1: the origin option applies until $ORIGIN changes it; a relative $ORIGIN extends the current one', () => {
  const z = zone('@ 60 A 192.0.2.1\n$ORIGIN sub\nx 60 A 192.0.2.2\n', { origin: 'EXAMPLE.org.' });
  assert.equal(z.origin, 'example.org');
  assert.deepEqual(z.records.map((r) => r.name), ['example.org', 'x.sub.example.org']);
});

test('RFC 1035 §5.1: an entry beginning with a blank has the previous owner', () => {
  const z = zone('$ORIGIN example.com.\n$TTL 60\nhost A 192.0.2.1\n     AAAA 2001:db8::1\n\tTXT "hi"\n');
  assert.deepEqual(z.records.map((r) => [r.name, r.type]), [
    ['host.example.com', 'A'],
    ['host.example.com', 'AAAA'],
    ['host.example.com', 'TXT'],
  ]);
});

test('RFC 1035 §5.1: TTL and class may come in either order, and both are optional', () => {
  const z = zone('$ORIGIN example.com.\n$TTL 900\na 100 IN A 192.0.2.1\nb IN 200 A 192.0.2.2\nc IN A 192.0.2.3\nd 400 A 192.0.2.4\ne A 192.0.2.5\n');
  assert.deepEqual(z.records.map((r) => r.ttl), [100, 200, 900, 400, 900]);
});

test('RFC 2308 §4: without $TTL an omitted TTL is the last one stated, else the SOA minimum', () => {
  const z = zone('$ORIGIN example.com.\n@ SOA ns hostmaster 1 7200 3600 1209600 120\na A 192.0.2.1\nb 50 A 192.0.2.2\nc A 192.0.2.3\n');
  assert.deepEqual(z.records.map((r) => r.ttl), [120, 120, 50, 50]);
});

test('TTLs accept BIND units (1h30m) and stop at 2^31 - 1 (RFC 2181 §8)', () => {
  const z = zone('$ORIGIN example.com.\na 1h30m A 192.0.2.1\nb 1W A 192.0.2.2\nc 2147483647 A 192.0.2.3\n');
  assert.deepEqual(z.records.map((r) => r.ttl), [5400, 604800, 2147483647]);
  assert.equal(parseZone('$ORIGIN example.com.\na 2147483648 A 192.0.2.1\n').ok, false);
});

test('RFC 1035 §5.1: parentheses group lines, comments inside them included; the SOA minimum is kept', () => {
  const z = zone(
    [
      '$ORIGIN example.com.',
      '$TTL 3600',
      '@  IN  SOA  ns1.example.com. hostmaster.example.com. (',
      '        2024010101 ; serial',
      '        7200       ; refresh',
      '        3600 1209600',
      '        300 )      ; minimum',
      '@ TXT ( "part one"',
      '        "part two" )',
    ].join('\n'),
  );
  assert.deepEqual(brief(z.records), [
    [
      'example.com',
      'SOA',
      3600,
      { mname: 'ns1.example.com', rname: 'hostmaster.example.com', serial: 2024010101, refresh: 7200, retry: 3600, expire: 1209600, minimum: 300 },
    ],
    ['example.com', 'TXT', 3600, ['part one', 'part two']],
  ]);
});

test('RFC 1035 §5.1: ";" starts a comment, blank lines are ignored, CRLF line ends are accepted', () => {
  const z = zone('; a zone\r\n\r\n$ORIGIN example.com. ; origin\r\n$TTL 60\r\n  \r\n@ A 192.0.2.1 ; the apex\r\n');
  assert.deepEqual(brief(z.records), [['example.com', 'A', 60, '192.0.2.1']]);
});

test('RFC 1035 §5.1: quoted strings keep spaces and ";" and decode \\", \\\\ and \\DDD', () => {
  const z = zone('$ORIGIN example.com.\n$TTL 60\n@ TXT "a \\"quoted\\" word; not a comment" "back\\\\slash" "\\065\\066C" unquoted\n');
  assert.deepEqual(z.records[0]!.data, ['a "quoted" word; not a comment', 'back\\slash', 'ABC', 'unquoted']);
});

test('RFC 1035 §3.3.14: TXT and SPF hold several character-strings; UTF-8 text survives', () => {
  const z = zone('$ORIGIN example.com.\n$TTL 60\n@ TXT "v=spf1 " "ip4:192.0.2.0/24 -all"\n@ SPF "v=spf1 -all"\nj TXT "日本語"\n');
  assert.deepEqual(brief(z.records), [
    ['example.com', 'TXT', 60, ['v=spf1 ', 'ip4:192.0.2.0/24 -all']],
    ['example.com', 'SPF', 60, ['v=spf1 -all']],
    ['j.example.com', 'TXT', 60, ['日本語']],
  ]);
});

test('RFC 1035 §3.3: A, AAAA (canonical RFC 5952 text), MX, PTR, CNAME and NS', () => {
  const z = zone(
    [
      '$ORIGIN example.com.',
      '$TTL 60',
      '@ A 192.0.2.1',
      '@ AAAA 2001:DB8:0:0::1',
      '@ MX 10 mx1',
      '@ MX 20 mx2.other.test.',
      '@ NS ns1',
      'www CNAME @',
      '1.2.0.192.in-addr.arpa. PTR mail.example.com.',
    ].join('\n'),
  );
  assert.deepEqual(z.records.map((r) => [r.type, r.data]), [
    ['A', '192.0.2.1'],
    ['AAAA', '2001:db8::1'],
    ['MX', { preference: 10, exchange: 'mx1.example.com' }],
    ['MX', { preference: 20, exchange: 'mx2.other.test' }],
    ['NS', 'ns1.example.com'],
    ['CNAME', 'example.com'],
    ['PTR', 'mail.example.com'],
  ]);
});

test('record types inkan does not serve (SRV, CAA, RFC 3597 TYPEnnn) are skipped with a warning', () => {
  const z = zone('$ORIGIN example.com.\n$TTL 60\n_sip._tcp SRV 0 5 5060 sip\n@ CAA 0 issue "ca.test"\n@ TYPE65534 \\# 0\n@ A 192.0.2.1\n');
  assert.equal(z.records.length, 1);
  assert.deepEqual(z.warnings.map((w) => [w.code, w.line, w.column, w.detail]), [
    ['unsupported-type', 3, 11, 'SRV'],
    ['unsupported-type', 4, 3, 'CAA'],
    ['unsupported-type', 5, 3, 'TYPE65534'],
  ]);
});

const errors: Array<[what: string, text: string, code: ZoneErrorCode, line: number, column: number, detail?: string]> = [
  ['an unknown type', '$ORIGIN example.com.\n@ 60 IN BOGUS 1\n', 'unknown-type', 2, 9, 'BOGUS'],
  ['a quoted type', '$ORIGIN example.com.\n@ 60 "A" 192.0.2.1\n', 'unknown-type', 2, 6],
  ['a bad IPv4 address', '$ORIGIN example.com.\n@ A 192.0.2.256\n', 'bad-ipv4', 2, 5, '192.0.2.256'],
  ['a bad IPv6 address', '$ORIGIN example.com.\n@ AAAA 2001:db8::g\n', 'bad-ipv6', 2, 8],
  ['a missing MX exchange', '$ORIGIN example.com.\n@ MX 10\n', 'missing-rdata', 2, 3, 'MX'],
  ['extra A data', '$ORIGIN example.com.\n@ A 192.0.2.1 192.0.2.2\n', 'extra-rdata', 2, 15, '192.0.2.2'],
  ['an MX preference over 65535', '$ORIGIN example.com.\n@ MX 65536 mx\n', 'bad-number', 2, 6, '65536'],
  ['an unclosed parenthesis (reported where it opens)', '$ORIGIN example.com.\n@ TXT ( "a"\n "b"\n', 'unclosed-paren', 2, 7],
  ['a stray ")"', '$ORIGIN example.com.\n@ TXT "a" )\n', 'unbalanced-paren', 2, 11],
  ['an unterminated string', '$ORIGIN example.com.\n@ TXT "abc\n', 'unterminated-string', 2, 7],
  ['\\DDD over 255', '$ORIGIN example.com.\n@ TXT "ab\\256"\n', 'bad-escape', 2, 10, '\\256'],
  ['\\DD with two digits', '$ORIGIN example.com.\n@ TXT "\\06x"\n', 'bad-escape', 2, 8],
  ['a 256-octet character-string', `$ORIGIN example.com.\n@ TXT "${'x'.repeat(256)}"\n`, 'string-too-long', 2, 7, '256'],
  ['a relative name without an origin', 'www 60 A 192.0.2.1\n', 'no-origin', 1, 1, 'www'],
  ['"@" without an origin', '@ 60 A 192.0.2.1\n', 'no-origin', 1, 1],
  ['an omitted owner on the first record', '   60 A 192.0.2.1\n', 'no-owner', 1, 4],
  ['class CH', '$ORIGIN example.com.\n@ CH TXT "x"\n', 'unsupported-class', 2, 3, 'CH'],
  ['a malformed TTL', '$ORIGIN example.com.\n@ 5x A 192.0.2.1\n', 'bad-ttl', 2, 3, '5x'],
  ['$INCLUDE', '$INCLUDE other.zone\n', 'unsupported-directive', 1, 1],
  ['an unknown directive', '$GENERATE 1-10 x A 192.0.2.$\n', 'unknown-directive', 1, 1],
  ['$TTL without a value', '$TTL\n', 'missing-rdata', 1, 1],
  ['an empty label', '$ORIGIN example.com.\na..b A 192.0.2.1\n', 'bad-name', 2, 3],
  ['a 64-octet label', `$ORIGIN example.com.\n${'a'.repeat(64)} A 192.0.2.1\n`, 'bad-name', 2, 1],
  ['an escaped dot in a name', '$ORIGIN example.com.\na\\.b A 192.0.2.1\n', 'bad-name', 2, 1],
  ['a name with no type', '$ORIGIN example.com.\n@ 60 IN\n', 'missing-type', 2, 6],
  ['a CNAME beside other data (RFC 1034 §3.6.2)', '$ORIGIN example.com.\nw A 192.0.2.1\nw CNAME @\n', 'cname-and-other-data', 3, 3, 'w.example.com'],
  ['data beside a CNAME', '$ORIGIN example.com.\nw CNAME @\nw TXT "x"\n', 'cname-and-other-data', 3, 3],
];

for (const [what, text, code, line, column, detail] of errors) {
  test(`RFC 1035 §5: ${what} is an error at line ${line}, column ${column}`, () => {
    const parsed = parseZone(text);
    assert.equal(parsed.ok, false);
    if (parsed.ok) return;
    assert.equal(parsed.error.code, code);
    assert.equal(parsed.error.line, line, 'line');
    assert.equal(parsed.error.column, column, 'column');
    if (detail !== undefined) assert.equal(parsed.error.detail, detail);
  });
}

test('bounds: total size, line length and record count are limited', () => {
  const big = '$ORIGIN example.com.\n' + 'a 60 A 192.0.2.1\n'.repeat(20);
  assert.deepEqual(parseZone(big, { maxLength: 100 }), { ok: false, error: { code: 'too-large', line: 1, column: 1, detail: `${big.length}` } });
  const long = parseZone(`$ORIGIN example.com.\n\n@ TXT "${'x'.repeat(200)}"\n`, { maxLineLength: 100 });
  assert.equal(!long.ok && long.error.code, 'line-too-long');
  assert.equal(!long.ok && long.error.line, 3);
  const many = parseZone(big, { maxRecords: 10 });
  assert.equal(!many.ok && many.error.code, 'too-many-records');
  assert.equal(!many.ok && many.error.line, 12);
});

test('bounds: one entry may not hold more than 4096 fields, however many lines its parentheses span', () => {
  const parsed = parseZone(`$ORIGIN example.com.\n@ TXT (\n${'"x"\n'.repeat(5000)})\n`);
  assert.equal(!parsed.ok && parsed.error.code, 'too-many-tokens');
});

test('RFC 1035 §3.3.14: TXT RDATA over 65535 octets is an error', () => {
  const strings = `"${'x'.repeat(255)}"\n`.repeat(300);
  const parsed = parseZone(`$ORIGIN example.com.\n@ TXT (\n${strings})\n`);
  assert.equal(!parsed.ok && parsed.error.code, 'rdata-too-long');
});
