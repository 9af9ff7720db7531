import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { quoteTxt } from '../../src/audit/finding.js';
import { exchangeAddress } from '../../src/audit/mx.js';
import { isGenericPtr } from '../../src/audit/ptr.js';
import { withoutTesting } from '../../src/audit/dkim.js';
import { rebuildDmarc } from '../../src/audit/dmarc.js';
import { parseDmarcRecord } from '../../src/dmarc/record.js';
import { parseZone } from '../../src/dns/zone.js';
import { parseTagList } from '../../src/dkim/tag-list.js';

const label = fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,8}[a-z0-9])?$/);

test('property: every fix line of TXT text reads back, through the zone-file parser, as the same text', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'grapheme', maxLength: 600 }), (text) => {
      const parsed = parseZone(`x.example. 3600 IN TXT ${quoteTxt(text)}\n`, { origin: '' });
      assert.ok(parsed.ok, quoteTxt(text));
      const record = parsed.zone.records[0]!;
      assert.equal((record.data as string[]).join(''), text);
    }),
    { numRuns: 300 },
  );
});

test('property: an IPv4 address written as an MX exchange is recognized, absolute or relative to the domain', () => {
  const octet = fc.integer({ min: 0, max: 255 });
  fc.assert(
    fc.property(fc.tuple(octet, octet, octet, octet), fc.array(label, { minLength: 1, maxLength: 3 }), (o, labels) => {
      const ip = o.join('.');
      const domain = labels.join('.');
      assert.equal(exchangeAddress(ip, domain), ip);
      assert.equal(exchangeAddress(`${ip}.${domain}`, domain), ip);
      assert.equal(exchangeAddress(`mail.${domain}`, domain), undefined);
    }),
  );
});

test('property: a PTR name spelling the address is generic; names of arbitrary text never throw', () => {
  const octet = fc.integer({ min: 0, max: 255 });
  fc.assert(
    fc.property(fc.tuple(octet, octet, octet, octet), label, fc.string(), (o, isp, noise) => {
      const ip = o.join('.');
      assert.equal(isGenericPtr(`${o.join('-')}.${isp}.example`, ip), true);
      assert.equal(isGenericPtr(`${[...o].reverse().join('.')}.static.${isp}.example`, ip), true);
      assert.equal(typeof isGenericPtr(noise, ip), 'boolean');
    }),
  );
});

test('property: withoutTesting drops exactly the y flag of t= and keeps the other tags', () => {
  fc.assert(
    fc.property(fc.subarray(['y', 's']), fc.constantFrom('v=DKIM1; k=rsa;', 'k=rsa;', ''), (flags, head) => {
      const record = `${head} t=${flags.join(':')}; p=MIIB`;
      const parsed = parseTagList(withoutTesting(record));
      assert.ok(parsed.ok);
      const t = parsed.list.tags.get('t')?.value.split(':') ?? [];
      assert.equal(t.includes('y'), false);
      assert.equal(t.includes('s'), flags.includes('s'));
      assert.equal(parsed.list.tags.get('p')?.value, 'MIIB');
    }),
  );
});

test('property: a rebuilt DMARC record parses, keeps p, and has no problems left', () => {
  const tag = fc.constantFrom('pct=50', 'rf=afrf', 'ri=86400', 'foo=bar', 'adkim=x', 'sp=reject', 'aspf=s', 'rua=mailto:a@example.com', 'p=nonsense', 'P=reject');
  fc.assert(
    fc.property(fc.constantFrom('none', 'quarantine', 'reject'), fc.array(tag, { maxLength: 5 }), (p, tags) => {
      const parsed = parseDmarcRecord(['v=DMARC1', `p=${p}`, ...tags].join('; '));
      assert.ok(parsed.ok);
      const rebuilt = parseDmarcRecord(rebuildDmarc(parsed.record));
      assert.ok(rebuilt.ok);
      if (parsed.record.p) assert.equal(rebuilt.record.p, parsed.record.p);
      assert.deepEqual(rebuilt.record.problems.filter((x) => x.code !== 'missing-p' && x.code !== 'fo-without-ruf'), []);
    }),
  );
});
