import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, analyzeExitCode, type Analysis, type AnalyzeOptions } from '../../src/analyze/index.js';
import { authenticEsp, NOW, RECIPIENT, resolver } from './messages.js';
import { displayNameSpoof, forgedAuthres, forwarded, homograph, japaneseNames, longHeader, mailingList, noFrom, oneEdit, outOfOrder, reencoded } from './messages-more.js';

const TRUST: AnalyzeOptions = { now: NOW, trustedAuthservIds: [RECIPIENT] };

function codes(list: Array<{ code: string }>): string[] {
  return list.map((x) => x.code);
}

function run(raw: string, options: Partial<AnalyzeOptions> = {}): Promise<Analysis> {
  return analyze(raw, { ...TRUST, ...options });
}

test('authentic ESP message: envelope at the ESP, DKIM aligned with From; authentic, envelope mismatch explained', async () => {
  const a = await run(await authenticEsp());
  assert.equal(a.verdict, 'authentic');
  assert.deepEqual(codes(a.reasons), ['dmarc-pass', 'spoof-sign']);
  assert.equal(a.reasons[1]!.params['sign'], 'envelope-mismatch');
  assert.equal(a.reasons[1]!.params['explained'], 'esp-aligned-dkim');
  assert.deepEqual(a.identities.from.map((f) => [f.name, f.address, f.orgDomain]), [['Shop', 'news@shop.example', 'shop.example']]);
  assert.equal(a.identities.returnPath?.domain, 'em.sendgrid.net');
  assert.equal(a.identities.returnPath?.alignment, 'different');
  assert.deepEqual(a.identities.dkim, [{ domain: 'shop.example', orgDomain: 'shop.example', alignment: 'identical', selector: 's1' }]);
  assert.deepEqual(a.identities.spf, { domain: 'em.sendgrid.net', orgDomain: 'sendgrid.net', alignment: 'different', source: 'authres' });
  // Route: two hops, the newest written by the recipient's MX from a public address.
  assert.equal(a.route.hops.length, 2);
  assert.equal(a.route.boundary, 0);
  assert.equal(a.route.boundaryBy, 'trusted-authserv-id');
  assert.equal(a.route.boundaryIp, '198.51.100.25');
  assert.equal(a.route.hops[1]!.scope, 'private');
  assert.equal(a.route.hops[1]!.authenticated, true);
  assert.equal(a.route.hops[0]!.tls, true);
  assert.equal(a.route.hops[0]!.delayMs, 4000);
  assert.equal(a.route.hops[1]!.delayMs, 1000);
  assert.equal(a.route.totalMs, 5000);
  assert.deepEqual(a.route.backwards, []);
  assert.deepEqual(a.recorded.authResults.map((r) => r.trust), ['trusted']);
  assert.equal(a.recorded.trusted?.dmarc, 'pass');
  assert.deepEqual(codes(a.diagnosis), ['body-intact']);
  assert.deepEqual(a.signals.map((s) => `${s.code}:${s.status}`), ['one-click-unsubscribe:ok', 'single-from:ok', 'message-id:ok', 'date:ok']);
});

test('authentic ESP message with --reverify: DKIM passes against the zone, SPF for the boundary IP passes, DMARC passes', async () => {
  const a = await run(await authenticEsp(), { reverify: true, resolver: resolver(), trustedAuthservIds: [] });
  assert.equal(a.verdict, 'authentic');
  const rv = a.reverify!;
  assert.equal(rv.keysMayHaveRotated, true);
  assert.equal(rv.at, '2026-11-30T05:00:05.000Z');
  assert.deepEqual(rv.dkim.map((d) => [d.domain, d.result]), [['shop.example', 'pass']]);
  assert.deepEqual(rv.spf && [rv.spf.ip, rv.spf.domain, rv.spf.result], ['198.51.100.25', 'em.sendgrid.net', 'pass']);
  assert.equal(rv.dmarc.result, 'pass');
  assert.equal(rv.dmarc.policy, 'reject');
  assert.deepEqual(rv.dmarc.aligned, ['dkim:shop.example']);
  assert.ok(rv.dnsQuestions > 0);
  assert.equal(a.reasons[0]!.params['source'], 'reverify');
  assert.equal(a.route.boundaryBy, 'first-public-address');
  // The result recorded on arrival by a trusted server outweighs the one made now.
  const both = await run(await authenticEsp(), { reverify: true, resolver: resolver() });
  assert.equal(both.reasons[0]!.params['source'], 'trusted');
});

test('reverify when DNS fails: DMARC temperror, cannot tell, exit code 3', async () => {
  const dns = resolver().setFault('_dmarc.shop.example', 'servfail');
  const a = await run(await authenticEsp(), { reverify: true, resolver: dns, trustedAuthservIds: [] });
  assert.equal(a.reverify?.dmarc.result, 'temperror');
  assert.equal(a.verdict, 'cannot-tell');
  assert.deepEqual(codes(a.reasons), ['dmarc-temperror']);
  assert.equal(analyzeExitCode(a), 3);
  assert.equal(analyzeExitCode(await run(await authenticEsp(), { trustedAuthservIds: [] })), 4);
});

test('reverify after the key was withdrawn: cannot tell (the key may have rotated), not spoofed', async () => {
  const dns = resolver();
  const withdrawn = new (dns.constructor as typeof import('../../src/dns/memory.js').MemoryResolver)();
  for (const name of ['em.sendgrid.net', 'shop.example', '_dmarc.shop.example']) {
    const answer = await dns.query(name, 'TXT');
    if (answer.status === 'records') for (const r of answer.records) withdrawn.add(name, 'TXT', r);
  }
  const a = await run(await authenticEsp(), { reverify: true, resolver: withdrawn, trustedAuthservIds: [] });
  assert.equal(a.reverify?.dkim[0]?.reason?.code, 'no-key');
  assert.equal(a.reverify?.dmarc.result, 'fail');
  assert.equal(a.verdict, 'cannot-tell');
  assert.deepEqual(codes(a.reasons), ['key-unavailable']);
  assert.equal(a.reasons[0]!.params['name'], 's1._domainkey.shop.example');
});

test('LF line endings: the same message with bare LF is read the same way', async () => {
  const a = await run(await authenticEsp('\n'), { reverify: true, resolver: resolver() });
  assert.equal(a.message.ok && a.message.lineEnding, 'lf');
  assert.equal(a.verdict, 'authentic');
  assert.deepEqual(a.reverify?.dkim.map((d) => d.result), ['pass']);
  assert.equal(a.route.hops.length, 2);
});

test('display-name spoof: an address and a brand in the name; spoofed', async () => {
  const a = await run(displayNameSpoof());
  assert.equal(a.verdict, 'spoofed');
  assert.deepEqual(codes(a.reasons), ['spoof-sign', 'spoof-sign']);
  assert.deepEqual(a.reasons.map((r) => r.params['sign']), ['display-name-address', 'display-name-brand']);
  assert.ok(codes(a.spoofing).includes('no-dmarc'));
  assert.equal(a.spoofing.find((s) => s.code === 'display-name-address')?.params['shown'], 'service@paypal.com');
});

test('IDN homograph: pаypal.com (Cyrillic а) is a look-alike of paypal.com even though its own DMARC passes; spoofed', async () => {
  const a = await run(await homograph());
  assert.equal(a.verdict, 'spoofed');
  const signs = codes(a.spoofing);
  for (const c of ['punycode', 'mixed-script', 'lookalike-brand', 'confusable-characters']) assert.ok(signs.includes(c), `${c} in ${signs.join()}`);
  const lookalike = a.spoofing.find((s) => s.code === 'lookalike-brand')!;
  assert.deepEqual([lookalike.params['domain'], lookalike.params['target'], lookalike.params['how']], ['pаypal.com', 'paypal.com', 'skeleton']);
  assert.equal(a.identities.from[0]!.domainUnicode, 'pаypal.com');
});

test('one-edit look-alike: amazom.co.jp imitates amazon.co.jp, replies go to free mail; spoofed', async () => {
  const a = await run(oneEdit());
  assert.equal(a.verdict, 'spoofed');
  const lookalike = a.spoofing.find((s) => s.code === 'lookalike-brand')!;
  assert.deepEqual([lookalike.params['target'], lookalike.params['how']], ['amazon.co.jp', 'one-edit']);
  const reply = a.spoofing.find((s) => s.code === 'reply-to-other-org')!;
  assert.equal(reply.severity, 'high');
  assert.equal(a.identities.replyTo[0]!.alignment, 'different');
});

test('mailing list without ARC: footer and [club] tag found, body hash restored without the footer; suspicious', async () => {
  const a = await run(await mailingList(false));
  assert.equal(a.verdict, 'suspicious');
  assert.deepEqual(codes(a.reasons), ['dmarc-fail', 'modified-in-transit']);
  assert.equal(a.reasons[1]!.params['how'], 'footer-appended');
  const footer = a.diagnosis.find((d) => d.code === 'footer-appended')!;
  assert.equal(footer.confirmed, true);
  assert.equal(footer.params['lines'], 3);
  assert.match(String(footer.params['preview']), /club mailing list/);
  const tag = a.diagnosis.find((d) => d.code === 'subject-tag')!;
  assert.equal(tag.params['tag'], '[club]');
  assert.equal(tag.confirmed, false);
  assert.ok(codes(a.diagnosis).includes('arc-absent'));
  assert.equal(a.route.boundaryIp, '203.0.113.40');
});

test('mailing list with ARC: a trusted sealer recorded DKIM and DMARC pass before the change; authentic, and the header change is proven with --reverify', async () => {
  const untrusted = await run(await mailingList(true));
  assert.equal(untrusted.verdict, 'suspicious');
  assert.ok(codes(untrusted.reasons).includes('arc-explains'));
  const a = await run(await mailingList(true), { trustedArcSealers: ['lists.example'], reverify: true, resolver: resolver() });
  assert.equal(a.verdict, 'authentic');
  assert.deepEqual(codes(a.reasons), ['arc-explains', 'modified-in-transit']);
  const arc = a.diagnosis.find((d) => d.code === 'arc-explains')!;
  assert.deepEqual([arc.params['sealer'], arc.params['dmarc'], arc.params['trusted'], arc.confirmed], ['lists.example', 'pass', 1, true]);
  assert.deepEqual(a.recorded.arc.map((s) => [s.instance, s.sealer, s.cv, s.trusted]), [[1, 'lists.example', 'none', true]]);
  // With the key, removing "[club] " makes the header signature verify: proven, not guessed.
  assert.equal(a.diagnosis.find((d) => d.code === 'subject-tag')?.confirmed, true);
  assert.deepEqual(a.reverify?.dkim.map((d) => d.result), ['fail']);
  // The chain itself verifies against the list's published key (src/arc).
  assert.deepEqual([a.reverify?.arc?.result, a.reverify?.arc?.instance], ['pass', 1]);
});

test('forwarded message: SPF fails at the recipient for the forwarder\'s hop, DKIM survives; authentic with the forwarding diagnosed', async () => {
  const a = await run(await forwarded());
  assert.equal(a.verdict, 'authentic');
  const fwd = a.diagnosis.find((d) => d.code === 'spf-forwarded')!;
  assert.deepEqual([fwd.params['forwarder'], fwd.params['ip'], fwd.params['earlier']], ['mail.fwd.example', '203.0.113.77', 'out.shop.example']);
  assert.ok(codes(a.diagnosis).includes('arc-absent'));
  const rv = await run(await forwarded(), { reverify: true, resolver: resolver() });
  assert.deepEqual(rv.reverify?.spf && [rv.reverify.spf.ip, rv.reverify.spf.result], ['203.0.113.77', 'fail']);
  assert.equal(rv.reverify?.dmarc.result, 'pass');
  assert.ok(codes(rv.diagnosis).includes('spf-forwarded'));
});

test('re-encoded to quoted-printable: decoding the body restores the signed body hash; suspicious, modified in transit', async () => {
  const a = await run(await reencoded());
  assert.equal(a.verdict, 'suspicious');
  const d = a.diagnosis.find((x) => x.code === 'transfer-encoding-converted')!;
  assert.deepEqual([d.confirmed, d.params['encoding']], [true, 'quoted-printable']);
  assert.equal(a.reasons[1]!.params['how'], 'transfer-encoding-converted');
});

test('forged Authentication-Results: the recipient\'s own name below the boundary and an untrusted pass claim; spoofed', async () => {
  const a = await run(forgedAuthres());
  assert.equal(a.verdict, 'spoofed');
  assert.deepEqual(a.recorded.authResults.map((r) => [r.authservId, r.trust]), [
    [RECIPIENT, 'trusted'],
    [RECIPIENT, 'misplaced'],
    ['mx.google.com', 'untrusted'],
  ]);
  assert.deepEqual(codes(a.reasons), ['forged-authres', 'dmarc-fail', 'forged-authres']);
  // An attacker's own relay is not a forwarder: no earlier hop of it in the trace.
  assert.ok(!codes(a.diagnosis).includes('spf-forwarded'));
  assert.equal(a.reasons[0]!.params['why'], 'below-boundary');
  assert.deepEqual([a.reasons[2]!.params['authservId'], a.reasons[2]!.params['why']], ['mx.google.com', 'claims-pass']);
  // Without a trusted authserv-id every field is a claim: nothing can be told.
  const blind = await run(forgedAuthres(), { trustedAuthservIds: [] });
  assert.equal(blind.verdict, 'cannot-tell');
  assert.deepEqual(codes(blind.reasons), ['no-evidence']);
  assert.equal(blind.route.boundaryBy, 'first-public-address');
});

test('hops out of order: the hop whose time goes backwards is flagged', async () => {
  const a = await run(await outOfOrder());
  assert.deepEqual(a.route.backwards, [0]);
  assert.equal(a.route.hops[0]!.backwards, true);
  assert.equal(a.route.hops[0]!.delayMs, -(2 * 3600 - 10) * 1000);
  assert.equal(a.route.hops[1]!.delayMs, 2 * 3600 * 1000 - 1000);
  assert.deepEqual(a.route.hops.map((h) => h.scope), ['documentation', 'private', 'loopback']);
  assert.equal(a.verdict, 'authentic');
});

test('no From: suspicious, single-from missing', async () => {
  const a = await run(noFrom());
  assert.equal(a.verdict, 'suspicious');
  assert.deepEqual(codes(a.reasons), ['no-from']);
  assert.deepEqual(a.signals.find((s) => s.code === 'single-from'), { code: 'single-from', status: 'missing', detail: 'no-from', params: { count: 0 } });
  assert.deepEqual(a.signals.find((s) => s.code === 'message-id')?.status, 'missing');
});

test('RFC 2047 Japanese names: ISO-2022-JP 山田商店 is authentic; UTF-8 楽天カード on another domain is a brand spoof', async () => {
  const { iso2022, utf8 } = await japaneseNames();
  const a = await run(iso2022);
  assert.equal(a.identities.from[0]!.name, '山田商店');
  assert.equal(a.verdict, 'authentic');
  const b = await run(utf8);
  assert.equal(b.identities.from[0]!.name, '楽天カード');
  assert.equal(b.verdict, 'spoofed');
  assert.equal(b.spoofing.find((s) => s.code === 'display-name-brand')?.params['brand'], 'Rakuten');
});

test('very long header sections: 900 Received fields are bounded to 100 hops; more fields than the limit is "cannot tell"', async () => {
  const a = await run(await longHeader(900));
  assert.equal(a.route.hops.length, 100);
  assert.equal(a.route.truncated, 801);
  assert.equal(a.verdict, 'authentic');
  const b = await run(await longHeader(1200));
  assert.equal(b.verdict, 'cannot-tell');
  assert.deepEqual(codes(b.reasons), ['unreadable']);
  assert.equal(b.message.ok, false);
});

test('hostile header: 900 Authentication-Results and ARC instances out of range are bounded', async () => {
  const fields: string[] = [];
  for (let i = 0; i < 900; i++) fields.push(`Authentication-Results: relay${i}.example; dmarc=pass header.from=shop.example`);
  fields.push('ARC-Seal: i=999; a=rsa-sha256; cv=none; d=x.example; s=s; b=AAAA', 'ARC-Seal: i=2; a=rsa-sha256; cv=pass; d=x.example; s=s; b=AAAA');
  const a = await run(`${fields.join('\r\n')}\r\n${await authenticEsp()}`);
  assert.equal(a.recorded.authResults.length, 51);
  assert.equal(a.recorded.trusted?.dmarc, 'pass');
  assert.deepEqual(a.recorded.arc.map((s) => [s.instance, s.missing.length]), [[2, 2]]);
  assert.equal(a.recorded.arcWellFormed, false);
});

test('misuse throws: no now, or reverify without a resolver', async () => {
  await assert.rejects(analyze('From: a@b.example\r\n\r\n', { now: Number.NaN }), TypeError);
  await assert.rejects(analyze('From: a@b.example\r\n\r\n', { now: NOW, reverify: true }), TypeError);
});

test('Gmail-shaped header: a hand-off without "from" on top, Authentication-Results below its own Received; trusted, not forged', async () => {
  const signed = await authenticEsp();
  const body = signed.slice(signed.indexOf('DKIM-Signature'));
  const raw = [
    'Received: by 2002:a05:6a10:9e0c:b0:5a1:1b2c:3d4e with SMTP id p12csp123456pxb;\r\n        Mon, 30 Nov 2026 05:00:06 -0800',
    'Return-Path: <bounce-1234@em.sendgrid.net>',
    'Received: from o1.em.sendgrid.net (o1.em.sendgrid.net. [198.51.100.25])\r\n        by mx.google.com with ESMTPS id x1si123 for <user@gmail.com>\r\n        (version=TLS1_3 cipher=TLS_AES_256_GCM_SHA384 bits=256/256);\r\n        Mon, 30 Nov 2026 05:00:05 -0800',
    'Received-SPF: pass (google.com: domain of bounce-1234@em.sendgrid.net designates 198.51.100.25 as permitted sender) client-ip=198.51.100.25;',
    'Authentication-Results: mx.google.com;\r\n       dkim=pass header.i=@shop.example header.s=s1 header.b=abc;\r\n       spf=pass (google.com: domain of bounce-1234@em.sendgrid.net designates 198.51.100.25 as permitted sender) smtp.mailfrom=bounce-1234@em.sendgrid.net;\r\n       dmarc=pass (p=REJECT sp=REJECT dis=NONE) header.from=shop.example',
    'Received: from app.shop.example ([10.0.0.5])\r\n\tby o1.em.sendgrid.net with ESMTPSA id S1; Mon, 30 Nov 2026 13:00:01 +0000',
  ].join('\r\n');
  const a = await run(`${raw}\r\n${body}`, { trustedAuthservIds: ['mx.google.com'], now: Date.parse('2026-11-30T14:00:00Z') });
  assert.equal(a.route.boundary, 1);
  assert.equal(a.route.boundaryBy, 'trusted-authserv-id');
  assert.equal(a.route.boundaryIp, '198.51.100.25');
  assert.equal(a.route.hops[1]!.tlsVersion, 'TLS1_3');
  assert.deepEqual(a.recorded.authResults.map((r) => r.trust), ['trusted']);
  assert.equal(a.verdict, 'authentic');
  assert.equal(a.identities.spf?.domain, 'em.sendgrid.net');
});
