import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseReceived } from '../../src/message/index.js';
import type { Received } from '../../src/message/index.js';
import { formatIp } from '../../src/dns/ip.js';

/** The facts a reader of a trace wants, flattened for comparison. */
function facts(r: Received): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (r.from) {
    out['helo'] = r.from.helo;
    out['rdns'] = r.from.reverseName;
    out['ip'] = r.from.ip ? formatIp(r.from.ip) : undefined;
    if (r.from.port !== undefined) out['port'] = r.from.port;
    if (r.from.user !== undefined) out['user'] = r.from.user;
  }
  for (const key of ['by', 'via', 'with', 'id', 'for'] as const) if (r[key] !== undefined) out[key] = r[key];
  if (r.tls) out['tls'] = r.tls;
  out['encrypted'] = r.encrypted;
  out['authenticated'] = r.authenticated;
  out['date'] = r.date?.ok ? new Date(r.date.epochMs).toISOString() : r.date;
  return out;
}

const JUN13 = '2023-06-13T00:12:34.000Z';

const lines: Array<[mta: string, value: string, expected: Record<string, unknown>]> = [
  [
    'Postfix, TLS 1.3',
    'from mail.example.com (mail.example.com [192.0.2.1])\r\n\t(using TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits)\r\n\t key-exchange X25519 server-signature RSA-PSS (2048 bits) server-digest SHA256)\r\n\t(No client certificate requested)\r\n\tby mx.example.net (Postfix) with ESMTPS id 4QgXyZ1abcz9sWn\r\n\tfor <user@example.net>; Tue, 13 Jun 2023 09:12:34 +0900 (JST)',
    { helo: 'mail.example.com', rdns: 'mail.example.com', ip: '192.0.2.1', by: 'mx.example.net', with: 'ESMTPS', id: '4QgXyZ1abcz9sWn', for: 'user@example.net', tls: { version: 'TLSv1.3', cipher: 'TLS_AES_256_GCM_SHA384', bits: 256 }, encrypted: true, authenticated: false, date: JUN13 },
  ],
  [
    'Postfix, unknown reverse name and IPv6 literal',
    'from helo.example (unknown [IPv6:2001:db8::1]) by mx.example.net (Postfix) with ESMTP id ABC; Tue, 13 Jun 2023 09:12:34 +0900',
    { helo: 'helo.example', rdns: undefined, ip: '2001:db8::1', by: 'mx.example.net', with: 'ESMTP', id: 'ABC', encrypted: false, authenticated: false, date: JUN13 },
  ],
  [
    'Postfix, authenticated submission',
    'from [127.0.0.1] (localhost [127.0.0.1]) (Authenticated sender: alice@example.org) by smtp.example.org (Postfix) with ESMTPSA id 4Qg; Tue, 13 Jun 2023 09:12:34 +0900',
    { helo: '[127.0.0.1]', rdns: 'localhost', ip: '127.0.0.1', by: 'smtp.example.org', with: 'ESMTPSA', id: '4Qg', encrypted: true, authenticated: true, date: JUN13 },
  ],
  [
    'Postfix, local pickup (by only)',
    'by mx.example.net (Postfix, from userid 1000) id 3A1B2C3D4E; Tue, 13 Jun 2023 09:12:34 +0900 (JST)',
    { by: 'mx.example.net', id: '3A1B2C3D4E', encrypted: false, authenticated: false, date: JUN13 },
  ],
  [
    'Exim, submission from an IP with helo= and port=',
    'from [192.0.2.7] (port=53422 helo=laptop.local)\n\tby mail.example.org with esmtpsa  (TLS1.3) tls TLS_AES_256_GCM_SHA384\n\t(Exim 4.96) (envelope-from <alice@example.org>) id 1q8x2A-0003Xy-2B\n\tfor bob@example.net; Tue, 13 Jun 2023 02:12:34 +0200',
    { helo: 'laptop.local', rdns: undefined, ip: '192.0.2.7', port: 53422, by: 'mail.example.org', with: 'esmtpsa', id: '1q8x2A-0003Xy-2B', for: 'bob@example.net', tls: { version: 'TLS1.3', cipher: 'TLS_AES_256_GCM_SHA384' }, encrypted: true, authenticated: true, date: JUN13 },
  ],
  [
    'Exim, verified name first and the HELO in the comment',
    'from mail.example.com ([192.0.2.1]:40312 helo=smtp.example.com) by mx.example.org with esmtps (TLS1.2:ECDHE-RSA-AES256-GCM-SHA384:256) (Exim 4.94.2) (envelope-from <a@example.com>) id 1q8x2A-0003Xy-2B; Tue, 13 Jun 2023 02:12:34 +0200',
    { helo: 'smtp.example.com', rdns: 'mail.example.com', ip: '192.0.2.1', port: 40312, by: 'mx.example.org', with: 'esmtps', id: '1q8x2A-0003Xy-2B', tls: { version: 'TLS1.2', cipher: 'ECDHE-RSA-AES256-GCM-SHA384', bits: 256 }, encrypted: true, authenticated: false, date: JUN13 },
  ],
  [
    'Sendmail, TLS in a comment after the id',
    'from mail.example.com (mail.example.com [192.0.2.1]) by mx.example.net (8.15.2/8.15.2) with ESMTPS id 35D9CYxu012345 (version=TLSv1.3 cipher=TLS_AES_256_GCM_SHA384 bits=256 verify=NOT) for <user@example.net>; Tue, 13 Jun 2023 09:12:34 +0900',
    { helo: 'mail.example.com', rdns: 'mail.example.com', ip: '192.0.2.1', by: 'mx.example.net', with: 'ESMTPS', id: '35D9CYxu012345', for: 'user@example.net', tls: { version: 'TLSv1.3', cipher: 'TLS_AES_256_GCM_SHA384', bits: 256 }, encrypted: true, authenticated: false, date: JUN13 },
  ],
  [
    'Sendmail, ident user and "may be forged"',
    'from client.example.com (user@client.example.com [192.0.2.9] (may be forged)) by mx.example.net (8.14.7/8.14.7) with ESMTP id 35D9CYxu0; Tue, 13 Jun 2023 09:12:34 +0900',
    { helo: 'client.example.com', rdns: 'client.example.com', ip: '192.0.2.9', user: 'user', by: 'mx.example.net', with: 'ESMTP', id: '35D9CYxu0', encrypted: false, authenticated: false, date: JUN13 },
  ],
  [
    'Microsoft 365, between Exchange servers over IPv6',
    'from DM6PR11MB1234.namprd11.prod.outlook.com (2603:10b6:5:1b8::23) by BN9PR11MB5678.namprd11.prod.outlook.com (2603:10b6:408:13c::10) with Microsoft SMTP Server (version=TLS1_2, cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id 15.20.6500.20; Tue, 13 Jun 2023 00:12:34 +0000',
    { helo: 'DM6PR11MB1234.namprd11.prod.outlook.com', rdns: undefined, ip: '2603:10b6:5:1b8::23', by: 'BN9PR11MB5678.namprd11.prod.outlook.com', with: 'Microsoft SMTP Server', id: '15.20.6500.20', tls: { version: 'TLS1_2', cipher: 'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384' }, encrypted: true, authenticated: false, date: JUN13 },
  ],
  [
    'Microsoft 365 EOP, via Frontend Transport',
    'from mail.example.com (192.0.2.1) by AM0EUR02FT001.mail.protection.outlook.com (10.13.54.114) with Microsoft SMTP Server id 15.20.6500.20 via Frontend Transport; Tue, 13 Jun 2023 00:12:34 +0000',
    { helo: 'mail.example.com', rdns: undefined, ip: '192.0.2.1', by: 'AM0EUR02FT001.mail.protection.outlook.com', via: 'Frontend Transport', with: 'Microsoft SMTP Server', id: '15.20.6500.20', encrypted: false, authenticated: false, date: JUN13 },
  ],
  [
    'Gmail, inbound with a trailing-dot reverse name',
    'from mail-sor-f41.google.com (mail-sor-f41.google.com. [209.85.220.41]) by mx.google.com with SMTPS id a1-20020a05620a1234sor.2023.06.13.00.12.34 for <user@gmail.com> (Google Transport Security); Tue, 13 Jun 2023 00:12:34 -0700 (PDT)',
    { helo: 'mail-sor-f41.google.com', rdns: 'mail-sor-f41.google.com', ip: '209.85.220.41', by: 'mx.google.com', with: 'SMTPS', id: 'a1-20020a05620a1234sor.2023.06.13.00.12.34', for: 'user@gmail.com', encrypted: true, authenticated: false, date: '2023-06-13T07:12:34.000Z' },
  ],
  [
    'Gmail, IPv6 client with TLS facts',
    'from mail.example.com (mail.example.com. [2001:db8::25]) by mx.google.com with ESMTPS id k1si123 for <u@gmail.com> (version=TLS1_3 cipher=TLS_AES_256_GCM_SHA384 bits=256/256); Tue, 13 Jun 2023 00:12:34 -0700 (PDT)',
    { helo: 'mail.example.com', rdns: 'mail.example.com', ip: '2001:db8::25', by: 'mx.google.com', with: 'ESMTPS', id: 'k1si123', for: 'u@gmail.com', tls: { version: 'TLS1_3', cipher: 'TLS_AES_256_GCM_SHA384', bits: 256 }, encrypted: true, authenticated: false, date: '2023-06-13T07:12:34.000Z' },
  ],
  [
    'Gmail, internal hop named by an IPv6 address',
    'by 2002:a05:6520:1234:b0:2a1:abcd:1234 with SMTP id x12csp123456lkq; Tue, 13 Jun 2023 00:12:34 -0700 (PDT)',
    { by: '2002:a05:6520:1234:b0:2a1:abcd:1234', with: 'SMTP', id: 'x12csp123456lkq', encrypted: false, authenticated: false, date: '2023-06-13T07:12:34.000Z' },
  ],
  [
    'qmail, HELO and IP in comments',
    'from unknown (HELO mail.example.com) (192.0.2.1) by mx.example.net with SMTP; 13 Jun 2023 09:12:34 -0000',
    { helo: 'mail.example.com', rdns: undefined, ip: '192.0.2.1', by: 'mx.example.net', with: 'SMTP', encrypted: false, authenticated: false, date: '2023-06-13T09:12:34.000Z' },
  ],
  [
    'qmail, local invocation (only a comment)',
    '(qmail 12345 invoked by uid 89); 13 Jun 2023 09:12:34 -0000',
    { encrypted: false, authenticated: false, date: '2023-06-13T09:12:34.000Z' },
  ],
  [
    'Dovecot LMTP',
    'from mx.example.net by mx.example.net with LMTP id kNq3Ab1Ch2TQBgAA0J78UA (envelope-from <a@example.com>) for <u@example.net>; Tue, 13 Jun 2023 09:12:34 +0900',
    { helo: 'mx.example.net', rdns: undefined, ip: undefined, by: 'mx.example.net', with: 'LMTP', id: 'kNq3Ab1Ch2TQBgAA0J78UA', for: 'u@example.net', encrypted: false, authenticated: false, date: JUN13 },
  ],
  [
    'webmail over HTTP',
    'from 192.0.2.1 by mail.example.com with HTTP; Tue, 13 Jun 2023 09:12:34 +0900',
    { helo: '192.0.2.1', rdns: undefined, ip: '192.0.2.1', by: 'mail.example.com', with: 'HTTP', encrypted: false, authenticated: false, date: JUN13 },
  ],
];

for (const [mta, value, expected] of lines) {
  test(`RFC 5321 §4.4 Received, real world: ${mta}`, () => {
    const r = parseReceived(value);
    assert.ok(r.ok);
    assert.deepEqual(facts(r), expected);
  });
}

test('RFC 5321 §4.4: what cannot be placed is kept, not fatal', () => {
  const r = parseReceived('garbage (with a comment) from host.example by mx.example extra words; not a date');
  assert.ok(r.ok);
  assert.deepEqual(r.unparsed, ['garbage', 'extra', 'words']);
  assert.deepEqual(r.comments, [{ clause: '', text: 'with a comment' }]);
  assert.equal(r.dateText, 'not a date');
  assert.equal(r.date?.ok, false);
});

test('RFC 5321 §4.4: a ";" inside a comment does not start the date', () => {
  const r = parseReceived('from a.example (x; y) by b.example');
  assert.ok(r.ok);
  assert.equal(r.dateText, undefined);
  assert.equal(r.by, 'b.example');
});

test('limits: comments nested past maxCommentDepth give an error naming the limit', () => {
  const r = parseReceived(`from a ${'('.repeat(20)} by b; Tue, 13 Jun 2023 09:12:34 +0900`);
  assert.equal(r.ok ? null : r.error.code === 'limit' && r.error.limit, 'maxCommentDepth');
});

// No wall-clock assertion (a busy machine would trip it): a parse that went quadratic on these
// inputs would take minutes, and the test's timeout catches that.
test('hostile input: long words and many comments finish, with a result', { timeout: 60_000 }, () => {
  for (const input of ['a'.repeat(500_000), '(a)'.repeat(100_000), 'from '.repeat(100_000), '[1.2.3.4] '.repeat(50_000), `from x (${'y '.repeat(200_000)})`, ';'.repeat(200_000)]) {
    const r = parseReceived(input);
    assert.equal(typeof r.ok, 'boolean');
  }
});

test('property: random Received-like text never throws', () => {
  const piece = fc.constantFrom('from', 'by', 'with', 'id', 'for', 'via', '(', ')', '[', ']', ';', ' ', 'helo=', 'HELO', '192.0.2.1', 'IPv6:', '::1', 'ESMTPS', 'cipher=', 'using', 'TLSv1.3', '\\', '<a@b>', 'Tue, 13 Jun 2023 09:12:34 +0900');
  fc.assert(
    fc.property(fc.oneof(fc.array(piece, { maxLength: 40 }).map((p) => p.join(' ')), fc.string({ unit: 'binary', maxLength: 200 })), (value) => {
      const r = parseReceived(value);
      assert.equal(typeof r.ok, 'boolean');
    }),
    { numRuns: 3000 },
  );
});
