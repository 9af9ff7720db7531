import assert from 'node:assert/strict';
import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { before, describe, test } from 'node:test';
import fc from 'fast-check';
import { parseZone } from '../../src/dns/zone.js';
import { parseDkimKey } from '../../src/dkim/key.js';
import { dkimKeyRecord, generateDkimKey, publicKeyValue, splitCharacterStrings, type DkimKeyPair } from '../../src/dkim/keygen.js';
import { parseTagList } from '../../src/dkim/tag-list.js';

let rsa: DkimKeyPair;
let ed: DkimKeyPair;

before(async () => {
  rsa = await generateDkimKey({ type: 'rsa', domain: 'Example.COM', selector: 's2024' });
  ed = await generateDkimKey({ type: 'ed25519', domain: 'example.com', selector: 'ed2024' });
});

/** The TXT strings of the one record a zone line holds. */
function zoneStrings(line: string): string[] {
  const parsed = parseZone(line, { origin: 'example.com.' });
  assert.ok(parsed.ok, JSON.stringify(!parsed.ok && parsed.error));
  const records = parsed.zone.records.filter((r) => r.type === 'TXT');
  assert.equal(records.length, 1);
  return records[0]!.data as string[];
}

describe('RFC 6376 §3.6.1: generated RSA keys', () => {
  test('RFC 8301 §3.2: RSA keys are 2048 bits by default, the private key is PKCS#1 PEM', () => {
    assert.equal(rsa.type, 'rsa');
    assert.equal(rsa.bits, 2048);
    assert.equal(rsa.privateKey.asymmetricKeyDetails?.modulusLength, 2048);
    assert.match(rsa.privateKeyPem, /^-----BEGIN RSA PRIVATE KEY-----\n/);
  });

  test('RFC 6376 §3.6.1: the record is "v=DKIM1; k=rsa; p=" and p= is the SubjectPublicKeyInfo of the key', () => {
    assert.equal(rsa.name, 's2024._domainkey.example.com');
    assert.equal(rsa.domain, 'example.com');
    assert.match(rsa.record, /^v=DKIM1; k=rsa; p=[A-Za-z0-9+/]+=*$/);
    const spki = createPublicKey(rsa.privateKey).export({ format: 'der', type: 'spki' }).toString('base64');
    assert.equal(rsa.publicKey, spki);
    assert.ok(rsa.record.endsWith(`p=${spki}`));
  });

  test("RFC 6376 §3.6.1: the verifier's key parser accepts the record", () => {
    const parsed = parseDkimKey(rsa.record);
    assert.ok(parsed.ok);
    assert.equal(parsed.key.keyType, 'rsa');
    assert.equal(parsed.key.bits, 2048);
    assert.equal(parsed.key.testing, false);
  });

  test('RFC 1035 §3.3.14: the record is split into character-strings of at most 255 octets that join back to it', () => {
    assert.ok(rsa.strings.length >= 2);
    for (const s of rsa.strings) assert.ok(Buffer.byteLength(s) <= 255);
    assert.equal(rsa.strings.join(''), rsa.record);
  });

  test('RFC 1035 §5.1: the zone-file line parses back to the same strings at the same name', () => {
    assert.match(rsa.zoneLine, /^s2024\._domainkey\.example\.com\. IN TXT \( "/);
    assert.deepEqual(zoneStrings(rsa.zoneLine), rsa.strings);
    const parsed = parseZone(rsa.zoneLine);
    assert.ok(parsed.ok);
    assert.equal(parsed.zone.records[0]!.name, 's2024._domainkey.example.com');
  });

  test('RFC 8301 §3.2: other lengths from 1024 to 8192 bits; anything else is a programmer error', async () => {
    const small = await generateDkimKey({ type: 'rsa', bits: 1024, domain: 'example.com', selector: 'k' });
    assert.equal(small.privateKey.asymmetricKeyDetails?.modulusLength, 1024);
    assert.equal(small.strings.length, 1);
    for (const bits of [512, 1023, 8193, 2048.5, Number.NaN]) {
      await assert.rejects(generateDkimKey({ type: 'rsa', bits, domain: 'example.com', selector: 'k' }), RangeError, String(bits));
    }
  });
});

describe('RFC 8463 §4: generated Ed25519 keys', () => {
  test('RFC 8463 §4.2: p= is the base64 of the raw 32-octet public key, k=ed25519', () => {
    assert.equal(ed.type, 'ed25519');
    assert.equal(ed.bits, undefined);
    const raw = Buffer.from(ed.publicKey, 'base64');
    assert.equal(raw.length, 32);
    assert.deepEqual(raw, createPublicKey(ed.privateKey).export({ format: 'der', type: 'spki' }).subarray(-32));
    assert.equal(ed.record, `v=DKIM1; k=ed25519; p=${ed.publicKey}`);
    assert.deepEqual(ed.strings, [ed.record]);
    assert.match(ed.privateKeyPem, /^-----BEGIN PRIVATE KEY-----\n/);
  });

  test("RFC 8463 §4: the verifier's key parser accepts the record", () => {
    const parsed = parseDkimKey(ed.record);
    assert.ok(parsed.ok);
    assert.equal(parsed.key.keyType, 'ed25519');
    assert.equal(parsed.key.encoding, 'raw-ed25519');
  });

  test('RFC 1035 §5.1: the zone-file line parses back to the record', () => {
    assert.deepEqual(zoneStrings(ed.zoneLine), [ed.record]);
  });
});

describe('RFC 6376 §3.6.1: record options', () => {
  test('RFC 6376 §3.6.1: t=y (testing), t=s (strict) and h= are written in the order v, h, k, t, p', async () => {
    const key = await generateDkimKey({ type: 'ed25519', domain: 'example.com', selector: 'x', testing: true, strict: true, hashAlgorithms: ['sha256'] });
    assert.equal(key.record, `v=DKIM1; h=sha256; k=ed25519; t=y:s; p=${key.publicKey}`);
    const parsed = parseDkimKey(key.record);
    assert.ok(parsed.ok);
    assert.equal(parsed.key.testing, true);
    assert.equal(parsed.key.strict, true);
    assert.deepEqual(parsed.key.hashes, ['sha256']);
    const testing = await generateDkimKey({ type: 'ed25519', domain: 'example.com', selector: 'x', testing: true });
    const tags = parseTagList(testing.record);
    assert.ok(tags.ok);
    assert.equal(tags.list.tags.get('t')!.value, 'y');
  });

  test('RFC 8616 §4: a Unicode domain is written with A-labels; names that are not DNS labels are programmer errors', async () => {
    const key = await generateDkimKey({ type: 'ed25519', domain: '例え.jp', selector: 'k' });
    assert.equal(key.name, 'k._domainkey.xn--r8jz45g.jp');
    for (const [domain, selector] of [['example', 'k'], ['example.com', 'a b'], ['example.com', ''], ['-x.example', 'k'], ['example.com', 'k;v=1']]) {
      await assert.rejects(generateDkimKey({ type: 'ed25519', domain: domain!, selector: selector! }), TypeError, `${domain} ${selector}`);
    }
    await assert.rejects(generateDkimKey({ type: 'dsa' as 'rsa', domain: 'example.com', selector: 'k' }), TypeError);
  });

  test('RFC 6376 §3.6.1: dkimKeyRecord publishes an existing key, public or private', () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
    const fromPrivate = dkimKeyRecord(privateKey, { domain: 'example.com', selector: 'old' });
    const fromPublic = dkimKeyRecord(publicKey, { domain: 'example.com', selector: 'old' });
    assert.deepEqual(fromPrivate, fromPublic);
    assert.equal(publicKeyValue(publicKey), publicKey.export({ format: 'der', type: 'spki' }).toString('base64'));
    assert.throws(() => publicKeyValue(generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey), TypeError);
  });
});

test('RFC 1035 §3.3: splitting text into character-strings keeps every octet, at most 255 per string, and never cuts a UTF-8 sequence', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'binary', maxLength: 1200 }), fc.integer({ min: 4, max: 255 }), (text, max) => {
      const parts = splitCharacterStrings(text, max);
      assert.equal(parts.join(''), text);
      for (const p of parts) {
        assert.ok(Buffer.byteLength(p) <= max);
        assert.ok(!p.includes('\uFFFD') || text.includes('\uFFFD'));
      }
      if (text !== '') assert.ok(parts.every((p) => p !== ''));
    }),
    { numRuns: 300 },
  );
});
