import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultServers, parseServerAddress, SystemResolver } from '../../src/dns/system.js';
import type { ZoneErrorCode, ZoneWarning } from '../../src/dns/zone-types.js';
import { hasMessage, t, type MessageId } from '../../src/i18n/index.js';

test('parseServerAddress reads --dns values: host, host:port, [IPv6]:port and bare IPv6', () => {
  const table: Array<[string, { host: string; port: number } | undefined]> = [
    ['127.0.0.1:5353', { host: '127.0.0.1', port: 5353 }],
    ['127.0.0.1', { host: '127.0.0.1', port: 53 }],
    ['[::1]:53', { host: '::1', port: 53 }],
    ['[2001:db8::53]', { host: '2001:db8::53', port: 53 }],
    ['::1', { host: '::1', port: 53 }],
    ['dns.example.net:5300', { host: 'dns.example.net', port: 5300 }],
    ['localhost', { host: 'localhost', port: 53 }],
    [' 192.0.2.53 ', { host: '192.0.2.53', port: 53 }],
    ['', undefined],
    ['127.0.0.1:', undefined],
    ['127.0.0.1:0', undefined],
    ['127.0.0.1:65536', undefined],
    ['[::1', undefined],
    ['[192.0.2.1]:53', undefined],
    ['bad host:53', undefined],
    ['-x.example', undefined],
  ];
  for (const [text, expected] of table) assert.deepEqual(parseServerAddress(text), expected, text);
});

test('the default servers come from node:dns getServers(), never empty', () => {
  const servers = defaultServers();
  assert.ok(servers.length >= 1);
  for (const s of servers) assert.ok(s.host.length > 0 && s.port > 0);
});

test('a malformed server address or an empty list is a programmer error (TypeError)', () => {
  assert.throws(() => new SystemResolver({ servers: ['nope nope'] }), TypeError);
  assert.throws(() => new SystemResolver({ servers: [] }), TypeError);
  assert.deepEqual(new SystemResolver({ servers: ['[::1]:5353', { host: '127.0.0.1', port: 53 }] }).servers, [
    { host: '::1', port: 5353 },
    { host: '127.0.0.1', port: 53 },
  ]);
});

// Compile-time: every zone error and warning code has a message id.
type ZoneMessageIds = `dns.zone.${ZoneErrorCode | ZoneWarning['code']}`;
const everyCodeHasAMessage: [Exclude<ZoneMessageIds, MessageId>] extends [never] ? true : false = true;

test('every zone error code reads in English and Japanese', () => {
  assert.equal(everyCodeHasAMessage, true);
  assert.ok(hasMessage('dns.zone.bad-ipv4'));
  const reason = t('ja', 'dns.zone.bad-ipv4');
  assert.equal(t('ja', 'dns.zone.at', { line: 2, column: 5, reason, detail: '300.1.1.1' }), '2 行 5 列目: IPv4 アドレスが不正です（"300.1.1.1"）');
  assert.equal(
    t('en', 'dns.zone.at', { file: 'a.zone', line: 2, column: 5, reason: t('en', 'dns.zone.bad-ipv4') }),
    'a.zone: line 2, column 5: invalid IPv4 address',
  );
});
