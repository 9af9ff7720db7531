import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { explainArc } from '../../src/arc/explain.js';
import { sealArc } from '../../src/arc/seal.js';
import type { ArcResult } from '../../src/arc/types.js';
import { verifyArc } from '../../src/arc/verify.js';
import { createKeyCache } from '../../src/dkim/key.js';
import { MESSAGE, NOW, publish, sealAs, sealer } from './helpers.js';

const list = sealer('lists.example.org', 'arc1');
const forwarder = sealer('forward.example.net', 'ed', 'ed25519');
const third = sealer('mx.example.com', 'arc2', 'rsa', 2048);

const check = (message: string | Buffer, resolver = publish(list, forwarder, third)): Promise<ArcResult> => verifyArc(message, { resolver, keyCache: createKeyCache() });

/** The message without the header fields `drop` picks (each field with its folded lines). */
function dropField(message: string, drop: (field: string) => boolean): string {
  const end = message.indexOf('\r\n\r\n');
  const fields = message.slice(0, end + 2).split(/\r\n(?![ \t])/).filter((f) => f !== '');
  return fields.filter((f) => !drop(f)).map((f) => `${f}\r\n`).join('') + message.slice(end + 2);
}

function reasonOf(r: ArcResult): unknown {
  return r.result === 'fail' || r.result === 'temperror' ? r.reason : undefined;
}

test('RFC 8617 §5.2: a message without ARC fields is none', async () => {
  const r = await check(MESSAGE);
  assert.equal(r.result, 'none');
  assert.deepEqual(r.sets, []);
});

test('RFC 8617 §5.1: the first seal (cv=none) with RSA verifies; the AAR is parsed with the A-R parser', async () => {
  const resolver = publish(list);
  const { message, sealed } = await sealAs(MESSAGE, list, resolver);
  assert.equal(sealed.instance, 1);
  assert.equal(sealed.cv, 'none');
  assert.match(sealed.seal, /^ARC-Seal: a=rsa-sha256;\r\n b=[A-Za-z0-9+/=]+;\r\n cv=none; d=lists\.example\.org; i=1; s=arc1; t=1796040000$/);
  assert.match(sealed.messageSignature.replace(/\r\n /g, ' '), /^ARC-Message-Signature: a=rsa-sha256; b=\S+; bh=\S+; c=relaxed\/relaxed; d=lists\.example\.org; h=from:subject:date:to:message-id:mime-version:content-type; i=1; s=arc1; t=1796040000$/);
  assert.match(sealed.authResults, /^ARC-Authentication-Results: i=1; lists\.example\.org; spf=pass smtp\.mailfrom=example\.com;\r\n\tdkim=pass/);
  const r = await check(message, resolver);
  assert.equal(r.result, 'pass', JSON.stringify(reasonOf(r)));
  assert.ok(r.result === 'pass' && r.instance === 1 && r.oldestPass === 1);
  assert.equal(r.sets[0]!.sealer?.domain, 'lists.example.org');
  assert.deepEqual(r.sets[0]!.authResults?.results.map((x) => `${x.method}=${x.result}`), ['spf=pass', 'dkim=pass', 'dmarc=pass']);
  assert.equal(r.sets[0]!.sealResult, 'pass');
  assert.equal(r.sets[0]!.messageSignatureResult, 'pass');
});

test('three hops (RSA 1024, Ed25519, RSA 2048): each seal says cv=pass and the chain passes; a list edit before hop 3 moves oldest-pass to 3', async () => {
  const resolver = publish(list, forwarder, third);
  const one = await sealAs(MESSAGE, list, resolver);
  const two = await sealAs(one.message, forwarder, resolver);
  assert.equal(two.sealed.cv, 'pass');
  assert.match(two.sealed.seal, /a=ed25519-sha256/);
  const three = await sealAs(two.message, third, resolver);
  assert.equal(three.sealed.instance, 3);
  const r = await check(three.message, resolver);
  assert.ok(r.result === 'pass' && r.instance === 3 && r.oldestPass === 1, JSON.stringify(reasonOf(r)));
  assert.deepEqual(r.sets.map((s) => [s.instance, s.sealer?.algorithm, s.cv]), [[1, 'rsa-sha256', 'none'], [2, 'ed25519-sha256', 'pass'], [3, 'rsa-sha256', 'pass']]);

  // A list verifies the chain as it arrives, adds a footer, then seals (hop 3) with that earlier verdict: the older
  // AMSs no longer verify, the chain still does.
  const arrived = await check(two.message, resolver);
  const edited = two.message.replace('See you on Monday.', 'See you on Monday.\r\n-- \r\nlist footer');
  const resealed = await sealAs(edited, third, resolver, { chain: arrived });
  assert.equal(resealed.sealed.cv, 'pass');
  const r2 = await check(resealed.message, resolver);
  assert.ok(r2.result === 'pass' && r2.oldestPass === 3, JSON.stringify(r2.result === 'pass' ? r2.oldestPass : reasonOf(r2)));
  assert.deepEqual(r2.sets.map((s) => s.messageSignatureResult), ['not-checked', 'fail', 'pass']);
});

test('RFC 8617 §5.2 step 4: a body changed after the newest seal fails the newest AMS (body hash)', async () => {
  const resolver = publish(list);
  const { message } = await sealAs(MESSAGE, list, resolver);
  const r = await check(message.replace('Monday', 'Tuesday'), resolver);
  assert.equal(r.result, 'fail');
  assert.deepEqual(reasonOf(r) && (reasonOf(r) as { code: string; instance: number }).code, 'ams-failed');
  assert.ok(r.result === 'fail' && r.reason.code === 'ams-failed' && r.reason.failure.code === 'body-hash-mismatch' && r.reason.instance === 1);
});

test('RFC 8617 §5.2 step 4: a signed header changed fails the AMS signature; an unsigned one added does not', async () => {
  const resolver = publish(list);
  const { message } = await sealAs(MESSAGE, list, resolver);
  const changed = await check(message.replace('Subject: Meeting notes', 'Subject: Urgent payment'), resolver);
  assert.ok(changed.result === 'fail' && changed.reason.code === 'ams-failed' && changed.reason.failure.code === 'signature-mismatch');
  const added = await check(`X-Spam-Score: 0.1\r\n${message}`, resolver);
  assert.equal(added.result, 'pass');
});

test('RFC 8617 §5.2 step 5: a changed AAR breaks its seal', async () => {
  const resolver = publish(list);
  const { message } = await sealAs(MESSAGE, list, resolver);
  const r = await check(message.replace('spf=pass smtp.mailfrom=example.com', 'spf=pass smtp.mailfrom=bank.example'), resolver);
  assert.ok(r.result === 'fail' && r.reason.code === 'as-failed' && r.reason.instance === 1 && r.reason.failure.code === 'signature-mismatch');
  assert.equal(r.sets[0]!.sealResult, 'fail');
});

test('RFC 8617 §5.2 steps 2–3: cv=fail on the newest seal fails; a failed chain is sealed with cv=fail covering its own set, and never sealed again', async () => {
  const resolver = publish(list, forwarder, third);
  const one = await sealAs(MESSAGE, list, resolver);
  const broken = one.message.replace('Monday', 'Friday');
  const two = await sealAs(broken, forwarder, resolver);
  assert.equal(two.sealed.cv, 'fail');
  const r = await check(two.message, resolver);
  assert.ok(r.result === 'fail' && r.reason.code === 'sealed-as-failed' && r.reason.instance === 2);
  const again = await sealArc(two.message, { domain: third.domain, selector: third.selector, privateKey: third.privateKey, resolver, authResults: 'mx.example.com; none' });
  assert.ok(!again.ok && again.error.code === 'chain-failed');
});

test('RFC 8617 §5.2 step 3: i=1 must say cv=none and later seals cv=pass', async () => {
  const resolver = publish(list);
  const { message } = await sealAs(MESSAGE, list, resolver);
  const r = await check(message.replace('cv=none', 'cv=pass'), resolver);
  assert.ok(r.result === 'fail' && r.reason.code === 'wrong-cv' && r.reason.expected === 'none');
});

test('RFC 8617 §4.2.1: instances must be unique, contiguous from 1, with one field of each kind', async () => {
  const resolver = publish(list, forwarder);
  const one = await sealAs(MESSAGE, list, resolver);
  const two = await sealAs(one.message, forwarder, resolver);
  const withoutAms1 = dropField(two.message, (f) => f.startsWith('ARC-Message-Signature:') && /\bi=1;/.test(f));
  assert.notEqual(withoutAms1, two.message);
  const r1 = await check(withoutAms1, resolver);
  assert.ok(r1.result === 'fail' && r1.reason.code === 'missing-field' && r1.reason.kind === 'message-signature' && r1.reason.instance === 1, JSON.stringify(reasonOf(r1)));
  const dup = await check(`${one.sealed.authResults}\r\n${one.message}`, resolver);
  assert.ok(dup.result === 'fail' && dup.reason.code === 'duplicate-instance' && dup.reason.kind === 'authentication-results');
  const far = await check(one.message.replace('i=1; s=arc1', 'i=51; s=arc1'), resolver);
  assert.ok(far.result === 'fail' && far.reason.code === 'instance-out-of-range' && far.reason.instance === 51);
});

test('RFC 8301: rsa-sha1 fails and keys under 1024 bits fail', async () => {
  const small = sealer('small.example', 's512', 'rsa', 1024);
  const resolver = publish(list);
  const { message } = await sealAs(MESSAGE, list, resolver);
  const sha1 = await check(message.replace(/ARC-Seal: a=rsa-sha256/, 'ARC-Seal: a=rsa-sha1'), resolver);
  assert.ok(sha1.result === 'fail' && sha1.reason.code === 'as-failed' && sha1.reason.failure.code === 'sha1');
  const { generateKeyPairSync } = await import('node:crypto');
  const weak = generateKeyPairSync('rsa', { modulusLength: 512 }).publicKey.export({ format: 'der', type: 'spki' }).toString('base64');
  const weakResolver = publish(list);
  weakResolver.add(`${small.selector}._domainkey.${small.domain}`, 'TXT', [`v=DKIM1; p=${weak}`]);
  const tiny = await check(message.replaceAll('d=lists.example.org; i=1; s=arc1', `d=${small.domain}; i=1; s=${small.selector}`), weakResolver);
  assert.equal(tiny.result, 'fail');
  assert.ok(tiny.result === 'fail' && 'failure' in tiny.reason && tiny.reason.failure.code === 'key-error');
});

test('a DNS timeout for a key is temperror, not fail', async () => {
  const resolver = publish(list);
  const { message } = await sealAs(MESSAGE, list, resolver);
  resolver.setFault('arc1._domainkey.lists.example.org', 'timeout');
  const r = await check(message, resolver);
  assert.ok(r.result === 'temperror' && r.reason.code === 'ams-failed' && r.reason.failure.code === 'dns-timeout');
  const sealing = await sealArc(message, { domain: list.domain, selector: list.selector, privateKey: list.privateKey, resolver, authResults: 'x.example; none' });
  assert.ok(!sealing.ok && sealing.error.code === 'chain-temperror');
});

test('a streamed message verifies like one in memory', async () => {
  const resolver = publish(list);
  const { message } = await sealAs(MESSAGE, list, resolver);
  const chunks = Buffer.from(message).reduce<Buffer[]>((acc, _b, i, all) => (i % 7 === 0 ? [...acc, Buffer.from(all.subarray(i, i + 7))] : acc), []);
  const r = await verifyArc(Readable.from(chunks), { resolver, keyCache: createKeyCache() });
  assert.equal(r.result, 'pass');
});

test('sealing: the AAR from this host\'s own Authentication-Results (other hosts\' are left out); h= never lists ARC or A-R fields', async () => {
  const resolver = publish(list);
  const withAr = `Authentication-Results: lists.example.org; spf=pass smtp.mailfrom=example.com\r\nAuthentication-Results: evil.example; dmarc=pass\r\nAuthentication-Results: LISTS.example.org; dkim=pass header.d=example.com\r\n${MESSAGE}`;
  const r = await sealArc(withAr, { domain: list.domain, selector: list.selector, privateKey: list.privateKey, resolver, authservId: 'lists.example.org', now: NOW, fold: false });
  assert.ok(r.ok);
  assert.equal(r.authResults, 'ARC-Authentication-Results: i=1; lists.example.org; spf=pass smtp.mailfrom=example.com; dkim=pass header.d=example.com');
  assert.doesNotMatch(r.messageSignature, /h=[^;]*(arc-|authentication-results)/);
  const refused = await sealArc(MESSAGE, { domain: list.domain, selector: list.selector, privateKey: list.privateKey, resolver, authResults: 'a.example; none', headers: ['From', 'ARC-Seal'] });
  assert.ok(!refused.ok && refused.error.code === 'forbidden-header' && refused.error.detail === 'ARC-Seal');
  const none = await sealArc(MESSAGE, { domain: list.domain, selector: list.selector, privateKey: list.privateKey, resolver, authservId: 'nobody.example' });
  assert.ok(!none.ok && none.error.code === 'no-auth-results');
  const badKey = await sealArc(MESSAGE, { domain: list.domain, selector: list.selector, privateKey: 'not a key', resolver, authResults: 'a.example; none' });
  assert.ok(!badKey.ok && badKey.error.code === 'bad-private-key');
});

test('explain: the chain in English and Japanese, with the steps', async () => {
  const resolver = publish(list, forwarder);
  const one = await sealAs(MESSAGE, list, resolver);
  const two = await sealAs(one.message, forwarder, resolver);
  const r = await check(two.message, resolver);
  const en = explainArc(r, 'en', { steps: true }).join('\n');
  assert.match(en, /^ARC pass: a chain of 2 ARC sets verifies \(oldest-pass 1\)\./);
  assert.match(en, /ARC set 1: sealed by lists\.example\.org \(s=arc1\), cv=none; seal verified, message signature verified/);
  assert.match(en, /ARC set 2: sealed by forward\.example\.net \(s=ed\), cv=pass/);
  assert.match(en, /it said it saw: i=2; forward\.example\.net; spf=pass/);
  assert.match(en, /AMS i=2 body hash matches/);
  assert.match(en, /key for AS i=1: arc1\._domainkey\.lists\.example\.org/);
  const ja = explainArc(r, 'ja', { steps: true }).join('\n');
  assert.match(ja, /ARC pass: 2 個の ARC セットのチェーンを検証できました/);
  assert.match(ja, /ARC セット 1: lists\.example\.org \(s=arc1\) が封印/);
  assert.match(ja, /手順:/);
  const failed = await check(two.message.replace('Monday', 'Sunday'), resolver);
  assert.match(explainArc(failed, 'en').join('\n'), /why: the newest ARC-Message-Signature \(i=2\) does not verify: the body was changed/);
  assert.match(explainArc(failed, 'ja').join('\n'), /理由: 最新の ARC-Message-Signature \(i=2\) を検証できません: 署名の後に本文が変更されました/);
});
