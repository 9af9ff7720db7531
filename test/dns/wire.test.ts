import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as packet from 'dns-packet';
import { answersQuery, decodeMessage, encodeQuery, interpretResponse, type DnsMessage } from '../../src/dns/wire.js';

function response(fields: Partial<packet.Packet> & { rcode?: number }): DnsMessage {
  const { rcode = 0, ...rest } = fields;
  const bytes = packet.encode({
    type: 'response',
    id: 7,
    flags: rcode,
    questions: [{ type: 'A', name: 'example.com', class: 'IN' }],
    ...rest,
  });
  return decodeMessage(bytes)!;
}

test('RFC 6840 §5.7 and RFC 6891: the query sets RD and AD and carries an EDNS0 OPT record', () => {
  const query = decodeMessage(encodeQuery(4242, 'example.com', 'TXT', 1232))!;
  assert.equal(query.id, 4242);
  assert.equal(query.flag_rd, true);
  assert.equal(query.flag_ad, true);
  const opt = query.additionals?.find((rr): rr is packet.OptAnswer => rr.type === 'OPT');
  assert.equal(opt?.udpPayloadSize, 1232);
  assert.deepEqual(query.questions, [{ name: 'example.com', type: 'TXT', class: 'IN' }]);
});

test('RFC 5452 §9.1: an answer is accepted only with our id, QR set and the same question', () => {
  const ok = response({});
  assert.equal(answersQuery(ok, 7, 'EXAMPLE.com.', 'A'), true);
  assert.equal(answersQuery(ok, 8, 'example.com', 'A'), false);
  assert.equal(answersQuery(ok, 7, 'example.org', 'A'), false);
  assert.equal(answersQuery(ok, 7, 'example.com', 'TXT'), false);
  assert.equal(answersQuery(decodeMessage(encodeQuery(7, 'example.com', 'A'))!, 7, 'example.com', 'A'), false);
});

test('malformed bytes decode to nothing instead of throwing', () => {
  assert.equal(decodeMessage(Buffer.from([1, 2, 3])), undefined);
  assert.equal(decodeMessage(Buffer.alloc(0)), undefined);
  const truncated = packet.encode({ type: 'response', id: 1, questions: [{ type: 'A', name: 'example.com' }] }).subarray(0, 20);
  assert.equal(decodeMessage(truncated), undefined);
});

test('RFC 1035 §4.1.1: NOERROR with answers is records; without, nodata; NXDOMAIN; other rcodes are errors', () => {
  const a = { type: 'A' as const, name: 'example.com', ttl: 30, data: '192.0.2.1' };
  assert.deepEqual(interpretResponse(response({ answers: [a] }), 'example.com', 'A'), {
    status: 'records', records: ['192.0.2.1'], ttl: 30, authenticated: false,
  });
  assert.deepEqual(interpretResponse(response({}), 'example.com', 'A'), { status: 'nodata', authenticated: false });
  assert.deepEqual(interpretResponse(response({ rcode: 3 }), 'example.com', 'A'), { status: 'nxdomain', authenticated: false });
  assert.deepEqual(interpretResponse(response({ rcode: 2 }), 'example.com', 'A'), { status: 'error', rcode: 'SERVFAIL' });
  assert.deepEqual(interpretResponse(response({ rcode: 5 }), 'example.com', 'A'), { status: 'error', rcode: 'REFUSED' });
});

test('RFC 6891 §6.1.3: the OPT record extends the rcode (BADVERS is 16)', () => {
  const opt = { type: 'OPT' as const, name: '.', udpPayloadSize: 1232, extendedRcode: 1, ednsVersion: 0, flags: 0, flag_do: false, options: [] };
  assert.deepEqual(interpretResponse(response({ additionals: [opt] }), 'example.com', 'A'), { status: 'error', rcode: 'BADVERS' });
});

test('RFC 2308 §5: the negative TTL is min(SOA TTL, SOA minimum)', () => {
  const soa = (ttl: number, minimum: number): packet.Answer => ({
    type: 'SOA', name: 'example.com', ttl, data: { mname: 'ns', rname: 'h', serial: 1, refresh: 1, retry: 1, expire: 1, minimum },
  });
  assert.equal(interpretResponse(response({ rcode: 3, authorities: [soa(900, 60)] }), 'example.com', 'A').status, 'nxdomain');
  assert.deepEqual(interpretResponse(response({ rcode: 3, authorities: [soa(900, 60)] }), 'example.com', 'A'), {
    status: 'nxdomain', ttl: 60, authenticated: false,
  });
  assert.deepEqual(interpretResponse(response({ authorities: [soa(30, 600)] }), 'example.com', 'A'), {
    status: 'nodata', ttl: 30, authenticated: false,
  });
});

test('RFC 1034 §3.6.2: the CNAME chain is followed inside the answer and reported; the AD bit is reported', () => {
  const message = response({
    flags: packet.AUTHENTIC_DATA,
    answers: [
      { type: 'CNAME', name: 'example.com', ttl: 100, data: 'B.example.net' },
      { type: 'CNAME', name: 'b.example.net', ttl: 50, data: 'c.example.org' },
      { type: 'A', name: 'c.example.org', ttl: 300, data: '192.0.2.3' },
    ],
  });
  assert.deepEqual(interpretResponse(message, 'example.com', 'A'), {
    status: 'records', records: ['192.0.2.3'], ttl: 50, cnames: ['example.com', 'b.example.net'], authenticated: true,
  });
});

test('RFC 6604 §3: NXDOMAIN after a CNAME applies to the last name of the chain', () => {
  const message = response({ rcode: 3, answers: [{ type: 'CNAME', name: 'example.com', ttl: 100, data: 'gone.example.net' }] });
  assert.deepEqual(interpretResponse(message, 'example.com', 'A'), { status: 'nxdomain', cnames: ['example.com'], authenticated: false });
});

test('RFC 5452 §6: records off the chain from the question name are ignored', () => {
  const message = response({ answers: [{ type: 'A', name: 'victim.example.org', ttl: 100, data: '192.0.2.66' }] });
  assert.deepEqual(interpretResponse(message, 'example.com', 'A'), { status: 'nodata', authenticated: false });
});

test('a looping or overlong CNAME chain in an answer is an error, not a hang', () => {
  const loop = response({
    answers: [
      { type: 'CNAME', name: 'example.com', ttl: 1, data: 'b.example.com' },
      { type: 'CNAME', name: 'b.example.com', ttl: 1, data: 'example.com' },
    ],
  });
  assert.equal(interpretResponse(loop, 'example.com', 'A').status, 'error');
  const answers: packet.Answer[] = [];
  for (let i = 0; i < 20; i++) answers.push({ type: 'CNAME', name: i ? `c${i}.example.com` : 'example.com', ttl: 1, data: `c${i + 1}.example.com` });
  assert.equal(interpretResponse(response({ answers }), 'example.com', 'A', 8).status, 'error');
});
