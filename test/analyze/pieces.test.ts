import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { diagnoseBody, diagnoseHeaders, imitation, skeleton, withinOneEdit, addressScope, spoofingSigns, readIdentities, readRecorded, readRoute } from '../../src/analyze/index.js';
import { signDkim } from '../../src/dkim/sign.js';
import { parseDkimSignature } from '../../src/dkim/signature.js';
import { parseIp } from '../../src/dns/ip.js';
import { getField } from '../../src/message/header.js';
import { parseMessage } from '../../src/message/parse.js';
import type { ParsedMessage } from '../../src/message/types.js';
import { BRANDS } from '../../src/analyze/brands.js';
import { NOW } from './messages.js';

const key = generateKeyPairSync('ed25519');

async function signed(headers: string, body: string, options: { c?: 'simple/simple' | 'relaxed/relaxed'; bodyLength?: boolean } = {}): Promise<string> {
  const raw = `${headers}\r\n\r\n${body}`;
  const r = await signDkim(raw, {
    signatures: [{ domain: 'shop.example', selector: 's1', privateKey: key.privateKey, canonicalization: options.c ?? 'relaxed/relaxed', ...(options.bodyLength ? { bodyLength: true } : {}) }],
    now: NOW,
  });
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.header + raw;
}

function parse(raw: string): ParsedMessage {
  const m = parseMessage(raw);
  if (!m.ok) throw new Error('unreadable');
  return m;
}

function sigOf(m: ParsedMessage) {
  const p = parseDkimSignature(getField(m.fields, 'DKIM-Signature')!);
  if (!p.ok) throw new Error('bad signature');
  return p.signature;
}

const HEAD = 'From: <a@shop.example>\r\nTo: <b@recipient.example>\r\nSubject: Hi\r\nDate: Mon, 30 Nov 2026 05:00:00 +0000';

test('diagnosis table: each transformation is undone and proven by the body hash', async (t) => {
  const cases: Array<{ name: string; c?: 'simple/simple'; change: (raw: string) => string; code: string }> = [
    { name: 'trailing spaces added (simple)', c: 'simple/simple', change: (r) => r.replace('line one\r\n', 'line one   \r\n'), code: 'trailing-whitespace-changed' },
    { name: 'CR doubled before LF', c: 'simple/simple', change: (r) => r.replace('line two\r\n', 'line two\r\r\n'), code: 'line-endings-changed' },
    { name: 'footer at the end', change: (r) => `${r}-- \r\nSent via the list\r\n`, code: 'footer-appended' },
    { name: 'unknown edit', change: (r) => r.replace('line two', 'line 2'), code: 'body-modified' },
  ];
  let proven = 0;
  for (const c of cases) {
    const raw = c.change(await signed(HEAD, 'line one\r\nline two\r\n', c.c ? { c: c.c } : {}));
    const m = parse(raw);
    const check = diagnoseBody(sigOf(m), 0, m.fields, m.body);
    assert.equal(check.intact, false, c.name);
    assert.equal(check.diagnoses[0]!.code, c.code, c.name);
    if (check.diagnoses[0]!.confirmed) proven++;
  }
  t.diagnostic(`body diagnoses proven ${proven}/${cases.length - 1} (the unknown edit cannot be)`);
  assert.equal(proven, cases.length - 1);
});

test('diagnosis: a body wrapped into multipart/mixed by a list is found as one MIME part', async () => {
  const original = await signed(HEAD, 'the original text\r\n');
  const split = original.indexOf('\r\n\r\n');
  const wrapped =
    `${original.slice(0, split)}\r\nContent-Type: multipart/mixed; boundary="b1"\r\n\r\n` +
    '--b1\r\nContent-Type: text/plain\r\n\r\nthe original text\r\n--b1\r\nContent-Type: text/plain\r\n\r\nlist footer\r\n--b1--\r\n';
  const m = parse(wrapped);
  const check = diagnoseBody(sigOf(m), 0, m.fields, m.body);
  assert.deepEqual([check.diagnoses[0]!.code, check.diagnoses[0]!.params['part'], check.diagnoses[0]!.params['parts'], check.diagnoses[0]!.confirmed], ['mime-restructured', 1, 2, true]);
});

test('diagnosis: a footer added inside a multipart body, before the closing boundary', async () => {
  const head = `${HEAD}\r\nContent-Type: multipart/alternative; boundary="zz"`;
  const body = '--zz\r\nContent-Type: text/plain\r\n\r\nhello\r\n--zz--\r\n';
  const raw = (await signed(head, body)).replace('hello\r\n--zz--', 'hello\r\n-- \r\nclub list footer\r\n--zz--');
  const m = parse(raw);
  const d = diagnoseBody(sigOf(m), 0, m.fields, m.body).diagnoses[0]!;
  assert.deepEqual([d.code, d.params['mime'], d.params['lines'], d.confirmed], ['footer-appended', 1, 2, true]);
});

test('diagnosis: the search for an original stops when the hashing budget is spent', async () => {
  const raw = `${await signed(HEAD, 'line one\r\nline two\r\n'.repeat(50))}-- \r\nfooter\r\n`;
  const m = parse(raw);
  const spent = diagnoseBody(sigOf(m), 0, m.fields, m.body, { octets: 2000 });
  assert.deepEqual([spent.diagnoses[0]!.code, spent.diagnoses[0]!.params['tooLarge']], ['body-modified', 1]);
  assert.equal(diagnoseBody(sigOf(m), 0, m.fields, m.body).diagnoses[0]!.code, 'footer-appended');
});

test('diagnosis: l= with content added after the signed part is intact but flagged', async () => {
  const raw = `${await signed(HEAD, 'signed part\r\n', { bodyLength: true })}added by someone else\r\n`;
  const m = parse(raw);
  const check = diagnoseBody(sigOf(m), 0, m.fields, m.body);
  assert.equal(check.intact, true);
  assert.deepEqual(check.diagnoses.map((d) => d.code), ['body-intact', 'unsigned-appended-content']);
  assert.equal(check.diagnoses[1]!.params['unsigned'], 23);
});

test('header diagnosis: a second From added after signing, proven with the key', async () => {
  const raw = `From: <evil@attacker.example>\r\n${await signed(HEAD, 'x\r\n')}`;
  const m = parse(raw);
  const d = diagnoseHeaders(sigOf(m), 0, m.fields, key.publicKey, true);
  assert.deepEqual(d.map((x) => [x.code, x.params['field'], x.confirmed]), [['header-added', 'From', true]]);
  const untouched = parse(await signed(HEAD, 'x\r\n'));
  assert.deepEqual(diagnoseHeaders(sigOf(untouched), 0, untouched.fields, key.publicKey, true), []);
});

test('look-alike helpers: skeletons, one edit, imitation', (t) => {
  const table: Array<[string, string, string | undefined]> = [
    ['xn--pypal-4ve.com', 'paypal.com', 'skeleton'],
    ['paypa1.com', 'paypal.com', 'skeleton'],
    ['rnicrosoft.com', 'microsoft.com', 'skeleton'],
    ['amazom.co.jp', 'amazon.co.jp', 'one-edit'],
    ['amazno.com', 'amazon.com', 'one-edit'],
    ['paypal-secure.com', 'paypal.com', 'contains'],
    ['paypal.net', 'paypal.com', 'same-name'],
    ['example.com', 'paypal.com', undefined],
    ['paypal.com', 'paypal.com', undefined],
  ];
  for (const [candidate, target, how] of table) assert.equal(imitation(candidate, target), how, candidate);
  t.diagnostic(`imitation table ${table.length}/${table.length}`);
  assert.equal(skeleton('ｐａｙｐａｌ'), 'paypal');
  assert.equal(withinOneEdit('abcd', 'abdc'), true);
  assert.equal(withinOneEdit('abcd', 'badc'), false);
});

test('address scopes: RFC 1918, loopback, link-local, CGNAT, documentation, ULA, public', () => {
  const table: Array<[string, string]> = [
    ['10.1.2.3', 'private'], ['172.20.0.1', 'private'], ['192.168.1.1', 'private'], ['127.0.0.1', 'loopback'], ['169.254.1.1', 'link-local'],
    ['100.64.0.1', 'shared'], ['192.0.2.1', 'documentation'], ['8.8.8.8', 'public'], ['::1', 'loopback'], ['fd00::1', 'private'],
    ['fe80::1', 'link-local'], ['2001:db8::1', 'documentation'], ['2a00:1450::1', 'public'], ['::ffff:10.0.0.1', 'private'],
  ];
  for (const [ip, scope] of table) assert.equal(addressScope(parseIp(ip)!), scope, ip);
});

test('spoofing: free mail claiming a company, a From one edit from the signing domain', () => {
  const m = parse('From: "Shop Support" <shop.support@gmail.com>\r\nReturn-Path: <x@gmail.com>\r\n\r\n');
  const route = readRoute(m, [], NOW);
  const ids = readIdentities(m, readRecorded(m, [], route));
  const signs = spoofingSigns(ids, { brands: BRANDS, dmarc: 'unknown', alignedDkimPass: false });
  assert.deepEqual(signs.map((s) => s.code), ['freemail-company']);
  const n = parse('From: <ceo@examp1e-bank.example>\r\nDKIM-Signature: v=1; d=example-bank.example; s=s; h=from; a=rsa-sha256; bh=; b=\r\n\r\n');
  const ids2 = readIdentities(n, readRecorded(n, [], readRoute(n, [], NOW)));
  const signs2 = spoofingSigns(ids2, { brands: BRANDS, dmarc: 'unknown', alignedDkimPass: false });
  assert.deepEqual(signs2.map((s) => [s.code, s.params['other']]), [['lookalike-authenticated', 'example-bank.example']]);
});
