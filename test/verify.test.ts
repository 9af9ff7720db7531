import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { parseAuthResults } from '../src/authres/parse.js';
import { MemoryResolver } from '../src/dns/memory.js';
import { SystemResolver } from '../src/dns/system.js';
import type { DnsAnswer, RecordTypes, Resolver, RrType } from '../src/dns/types.js';
import { generateDkimKey, type DkimKeyPair } from '../src/dkim/keygen.js';
import { signDkim } from '../src/dkim/sign.js';
import { verify, type VerifyOptions } from '../src/verify.js';
import { startDnsServer } from './helpers/dns-server.js';
import { sealArc } from '../src/arc/seal.js';
import { sealer as arcSealer } from './arc/helpers.js';

const NOW = Date.UTC(2026, 10, 30, 12, 0, 0);

const MESSAGE = [
  'From: Alice <alice@example.com>',
  'To: bob@example.net',
  'Subject: Quarterly report',
  'Date: Mon, 30 Nov 2026 12:00:00 +0000',
  'Message-ID: <q4-report@example.com>',
  'MIME-Version: 1.0',
  'Content-Type: text/plain; charset=utf-8',
  '',
  'The figures are attached.',
  '',
].join('\r\n');

let keys: { rsa: DkimKeyPair; ed: DkimKeyPair } | undefined;
async function dkimKeys(): Promise<{ rsa: DkimKeyPair; ed: DkimKeyPair }> {
  keys ??= {
    rsa: await generateDkimKey({ type: 'rsa', bits: 2048, domain: 'example.com', selector: 'rsa2026' }),
    ed: await generateDkimKey({ type: 'ed25519', domain: 'example.com', selector: 'ed2026' }),
  };
  return keys;
}

async function world(): Promise<MemoryResolver> {
  const { rsa, ed } = await dkimKeys();
  const r = new MemoryResolver();
  r.add('example.com', 'TXT', ['v=spf1 ip4:192.0.2.0/24 -all']);
  r.add('_dmarc.example.com', 'TXT', ['v=DMARC1; p=reject; rua=mailto:dmarc@example.com']);
  r.add(rsa.name, 'TXT', rsa.strings);
  r.add(ed.name, 'TXT', ed.strings);
  r.add('mail.example.com', 'A', '192.0.2.25');
  return r;
}

async function signed(message = MESSAGE, which: Array<'rsa' | 'ed'> = ['rsa', 'ed']): Promise<string> {
  const k = await dkimKeys();
  const result = await signDkim(message, { now: NOW - 60_000, signatures: which.map((w) => ({ domain: 'example.com', selector: k[w].selector, privateKey: k[w].privateKey })) });
  assert.ok(result.ok, JSON.stringify(!result.ok && result.error));
  return result.header + message;
}

const smtp = { ip: '192.0.2.25', helo: 'mail.example.com', mailFrom: 'bounces@example.com', authservId: 'mx.example.net', now: NOW };

test('verify(): SPF, both DKIM signatures and DMARC pass; the A-R field says so and parses back (RFC 8601)', async () => {
  const resolver = await world();
  const result = await verify(await signed(), { ...smtp, resolver });
  assert.equal(result.spf.result, 'pass');
  assert.deepEqual(result.dkim.results.map((r) => [r.result, r.algorithm]), [['pass', 'rsa-sha256'], ['pass', 'ed25519-sha256']]);
  assert.equal(result.dmarc.result, 'pass');
  assert.match(result.authenticationResults, /^Authentication-Results: mx\.example\.net;/);
  assert.match(result.receivedSpf, /^Received-SPF: pass /);
  assert.ok(result.headers.every((h) => h.endsWith('\r\n')));
  const parsed = parseAuthResults(result.authenticationResults.replace(/^Authentication-Results:\s*/, ''));
  assert.equal(parsed.authservId, 'mx.example.net');
  const words = parsed.results.map((r) => `${r.method}=${r.result}`);
  assert.deepEqual(words, ['spf=pass', 'dkim=pass', 'dkim=pass', 'dmarc=pass']);
  const dkimProps = parsed.results.filter((r) => r.method === 'dkim').map((r) => r.properties.find((p) => p.property === 'd')?.value);
  assert.deepEqual(dkimProps, ['example.com', 'example.com']);
  assert.ok(parsed.results.find((r) => r.method === 'spf')!.properties.some((p) => p.ptype === 'smtp' && p.property === 'mailfrom' && p.value === 'bounces@example.com'));
});

test('verify(): a changed body fails DKIM with body-hash-mismatch; SPF from a stranger fails; DMARC fails with p=reject', async () => {
  const resolver = await world();
  const message = (await signed()).replace('The figures are attached.', 'Send the money to account 1234.');
  const result = await verify(message, { ...smtp, ip: '203.0.113.66', resolver });
  assert.equal(result.spf.result, 'fail');
  assert.ok(result.dkim.results.every((r) => r.result === 'fail' && r.reason.code === 'body-hash-mismatch'));
  assert.equal(result.dmarc.result, 'fail');
  assert.equal(result.dmarc.disposition, 'reject');
  assert.match(result.authenticationResults, /dmarc=fail/);
});

test('verify(): DMARC passes on DKIM alone when the message was forwarded (SPF fails)', async () => {
  const resolver = await world();
  const result = await verify(await signed(MESSAGE, ['ed']), { ...smtp, ip: '198.51.100.9', mailFrom: 'fwd@forwarder.example.org', resolver });
  assert.equal(result.spf.result, 'none');
  assert.equal(result.dmarc.result, 'pass');
});

test('verify(): an unsigned message gives dkim=none in Authentication-Results', async () => {
  const resolver = await world();
  const result = await verify(MESSAGE, { ...smtp, resolver });
  assert.equal(result.dkim.results.length, 0);
  assert.match(result.authenticationResults, /dkim=none/);
  assert.equal(result.dmarc.result, 'pass'); // aligned SPF
});

test('verify(): the null reverse-path checks the HELO identity (RFC 7208 §2.4) and reports smtp.helo', async () => {
  const resolver = await world();
  resolver.add('mail.example.com', 'TXT', ['v=spf1 a -all']);
  const result = await verify(MESSAGE, { ...smtp, mailFrom: '', resolver });
  assert.equal(result.spf.result, 'pass');
  assert.match(result.authenticationResults, /smtp\.helo=mail\.example\.com/);
  assert.equal(result.dmarc.alignment[0]?.identifier, 'spf');
});

test('verify(): two From fields give a defined DMARC result, never a crash (RFC 9989 §5.3.1)', async () => {
  const resolver = await world();
  const result = await verify(`From: a@example.com\r\nFrom: b@example.org\r\n${MESSAGE}`, { ...smtp, resolver });
  assert.ok(['permerror', 'none', 'fail'].includes(result.dmarc.result), result.dmarc.result);
  assert.equal(result.from?.ok, false);
});

test('verify(): a header past the limits is a defined result: DKIM not evaluated, DMARC without an author domain', async () => {
  const resolver = await world();
  const huge = `X-Filler: ${'a'.repeat(100)}\r\n`.repeat(2000) + MESSAGE;
  const result = await verify(huge, { ...smtp, resolver, limits: { maxHeaderFields: 100 } });
  assert.equal(result.message.ok, false);
  assert.equal(result.dkim.ok, false);
  assert.notEqual(result.dmarc.result, 'pass');
  assert.match(result.authenticationResults, /^Authentication-Results: /);
});

test('verify(): a stream gives the same results as a buffer', async () => {
  const resolver = await world();
  const message = await signed();
  const chunks = Buffer.from(message).reduce<Buffer[]>((acc, _b, i, all) => (i % 37 === 0 ? [...acc, all.subarray(i, i + 37)] : acc), []);
  const fromStream = await verify(Readable.from(chunks), { ...smtp, resolver });
  const fromBuffer = await verify(Buffer.from(message), { ...smtp, resolver });
  assert.equal(fromStream.authenticationResults, fromBuffer.authenticationResults);
});

test('verify(): each DNS question is asked once per message, the DMARC policy fetched while SPF and DKIM run', async () => {
  const memory = await world();
  const asked: string[] = [];
  const counting: Resolver = {
    query<T extends RrType>(name: string, type: T): Promise<DnsAnswer<RecordTypes[T]>> {
      asked.push(`${type} ${name}`);
      return memory.query(name, type);
    },
  };
  const result = await verify(await signed(), { ...smtp, resolver: counting });
  assert.equal(new Set(asked).size, asked.length, asked.join(', '));
  assert.equal(result.dnsQuestions, asked.length);
  assert.ok(asked.includes('TXT _dmarc.example.com'));
});

test('verify() over real DNS on loopback: the same verdicts through SystemResolver', async () => {
  const server = await startDnsServer({ resolver: await world() });
  try {
    const resolver = new SystemResolver({ servers: [server.address], timeout: 500 });
    const result = await verify(await signed(), { ...smtp, resolver } satisfies VerifyOptions);
    assert.deepEqual([result.spf.result, result.dmarc.result, ...result.dkim.results.map((r) => r.result)], ['pass', 'pass', 'pass', 'pass']);
    assert.ok(server.counts.udp + server.counts.tcp > 0);
  } finally {
    await server.close();
  }
});

test('verify(): DNS timeouts give temperror results within the bound, and the header still says what happened', async () => {
  const resolver = await world();
  resolver.setFault('example.com', 'timeout');
  resolver.setFault('_dmarc.example.com', 'timeout');
  const result = await verify(await signed(), { ...smtp, resolver });
  assert.equal(result.spf.result, 'temperror');
  assert.equal(result.dmarc.result, 'temperror');
  assert.match(result.authenticationResults, /spf=temperror/);
});

// ---------------------------------------------------------------------------------------------------------------
// ARC (RFC 8617) in the pipeline
// ---------------------------------------------------------------------------------------------------------------

/** The author's signed message, as a mailing list relays it: verified on arrival, subject tagged, footer added, sealed. */
async function throughList(): Promise<{ message: string; resolver: MemoryResolver }> {
  const resolver = await world();
  const list = arcSealer('lists.example.org', 'arc1');
  resolver.add(`${list.selector}._domainkey.${list.domain}`, 'TXT', [list.record]);
  const original = await signed();
  const arrived = await verify(original, { ...smtp, authservId: 'lists.example.org', resolver });
  assert.equal(arrived.dmarc.result, 'pass');
  const edited = original.replace('Subject: Quarterly report', 'Subject: [team] Quarterly report').replace('The figures are attached.', 'The figures are attached.\r\n-- \r\nteam mailing list');
  const sealed = await sealArc(edited, { domain: list.domain, selector: list.selector, privateKey: list.privateKey, resolver, now: NOW, authResults: arrived.authenticationResults });
  assert.ok(sealed.ok);
  return { message: sealed.header + edited, resolver };
}

const fromList = { ip: '198.51.100.7', helo: 'lists.example.org', mailFrom: 'team-bounces@lists.example.org', authservId: 'mx.example.net', now: NOW };

test('verify(): a list-relayed message fails DMARC but its ARC chain passes; the A-R says arc=pass with smtp.remote-ip and header.oldest-pass (RFC 8617 §10)', async () => {
  const { message, resolver } = await throughList();
  const result = await verify(message, { ...fromList, resolver });
  assert.equal(result.dmarc.result, 'fail');
  assert.ok(result.dkim.results.every((r) => r.result === 'fail'));
  assert.equal(result.arc.result, 'pass');
  assert.ok(result.arc.result === 'pass' && result.arc.oldestPass === 1);
  assert.deepEqual(result.arc.sets[0]!.authResults?.results.map((r) => `${r.method}=${r.result}`), ['spf=pass', 'dkim=pass', 'dkim=pass', 'dmarc=pass']);
  const parsed = parseAuthResults(result.authenticationResults.replace(/^Authentication-Results:\s*/, ''));
  const arcEntry = parsed.results.find((r) => r.method === 'arc');
  assert.equal(arcEntry?.result, 'pass');
  assert.deepEqual(arcEntry?.properties.map((p) => `${p.ptype}.${p.property}=${p.value}`), ['smtp.remote-ip=198.51.100.7', 'header.oldest-pass=1']);
  assert.deepEqual(arcEntry?.comments, ['as.1.lists.example.org=pass, ams.1.lists.example.org=pass']);
  // Not trusted: the policy applies; the candidate is only reported.
  assert.equal(result.dmarc.disposition, 'reject');
  assert.deepEqual(result.arcOverride, { domain: 'lists.example.org', instance: 1, trusted: false, applied: false });
});

test('verify(): with the list as a trusted ARC sealer, the DMARC failure is overridden as trusted_forwarder, naming the sealer, in the report row too', async () => {
  const { message, resolver } = await throughList();
  const result = await verify(message, { ...fromList, resolver, trustedArcSealers: ['example.org'] });
  assert.equal(result.dmarc.result, 'fail');
  assert.equal(result.dmarc.disposition, 'none');
  assert.deepEqual(result.dmarc.dispositionReasons, [{ type: 'trusted_forwarder', comment: 'ARC: trusted sealer lists.example.org (i=1) reported SPF/DKIM/DMARC pass' }]);
  assert.deepEqual(result.dmarc.report.policyEvaluated.reasons, result.dmarc.dispositionReasons);
  assert.deepEqual(result.arcOverride, { domain: 'lists.example.org', instance: 1, trusted: true, applied: true });
  // A chain that does not verify is never trusted.
  const broken = await verify(message.replace('team mailing list', 'changed later'), { ...fromList, resolver, trustedArcSealers: ['lists.example.org'] });
  assert.equal(broken.arc.result, 'fail');
  assert.equal(broken.dmarc.disposition, 'reject');
  assert.equal(broken.arcOverride, undefined);
  assert.match(broken.authenticationResults, /\barc=fail/);
});

test('verify(): no ARC fields, no ARC work: arc=none in the result, nothing about ARC in the A-R; streamed ARC mail verifies like in-memory mail', async () => {
  const resolver = await world();
  const plain = await verify(await signed(), { ...smtp, resolver });
  assert.equal(plain.arc.result, 'none');
  assert.doesNotMatch(plain.authenticationResults, /\barc=/);
  const { message, resolver: listResolver } = await throughList();
  const streamed = await verify(Readable.from([Buffer.from(message.slice(0, 100)), Buffer.from(message.slice(100))]), { ...fromList, resolver: listResolver });
  assert.equal(streamed.arc.result, 'pass');
  assert.equal(streamed.dkim.results.length, 2);
  assert.ok(streamed.dkim.results.every((r) => r.result === 'fail' && r.reason.code === 'body-hash-mismatch'));
});
