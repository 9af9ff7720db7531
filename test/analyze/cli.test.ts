import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, type CliRun } from '../cli/run-cli.js';
import { startDnsServer } from '../helpers/dns-server.js';
import { authenticEsp, RECIPIENT, zoneFile, zoneText } from './messages.js';
import { displayNameSpoof, forgedAuthres, forwarded, homograph, japaneseNames, longHeader, mailingList, noFrom, oneEdit, outOfOrder, reencoded } from './messages-more.js';

const dir = mkdtempSync(join(tmpdir(), 'inkan-analyze-cli-'));
const NOW = ['--now', '2026-11-30T06:00:00Z'];
const TRUST = ['--trust-authserv-id', RECIPIENT];

function file(name: string, raw: string): string {
  const path = join(dir, `${name}.eml`);
  writeFileSync(path, raw);
  return path;
}

function analyze(argv: string[], lang: 'en' | 'ja' = 'en', stdin = ''): Promise<CliRun> {
  return runCli(['analyze', ...argv, ...NOW, '--lang', lang], { LANG: 'C.UTF-8' }, stdin);
}

/** Every test message: name, builder, expected verdict and exit code, text that must appear (en, ja). */
const CASES: Array<{ name: string; raw: () => Promise<string> | string; verdict: string; code: number; en: RegExp[]; ja: RegExp[]; extra?: string[] }> = [
  { name: 'authentic-esp', raw: () => authenticEsp(), verdict: 'authentic', code: 0, en: [/^AUTHENTIC/, /DMARC passes for shop\.example/, /normal for an email service provider/, /← entered the recipient's provider here/], ja: [/^本物/, /shop\.example の DMARC は pass/, /メール配信サービスでは普通/] },
  { name: 'display-name-spoof', raw: displayNameSpoof, verdict: 'spoofed', code: 1, en: [/^SPOOFED/, /the display name shows the address "service@paypal\.com"/], ja: [/^なりすまし/, /表示名にアドレス「service@paypal\.com」/] },
  { name: 'homograph', raw: homograph, verdict: 'spoofed', code: 1, en: [/imitates PayPal's paypal\.com \(look-alike characters\)/, /mixes scripts \(Latin\+Cyrillic\)/], ja: [/PayPal の paypal\.com に似せてあります（見た目の似た文字）/] },
  { name: 'one-edit', raw: oneEdit, verdict: 'spoofed', code: 1, en: [/imitates Amazon's amazon\.co\.jp \(one character changed\)/, /replies go to amazon\.help\.desk@gmail\.com/], ja: [/1 文字だけ違う/] },
  { name: 'iso-2022-jp', raw: async () => (await japaneseNames()).iso2022, verdict: 'authentic', code: 0, en: [/"山田商店" <news@shop\.example>/], ja: [/"山田商店" <news@shop\.example>/] },
  { name: 'utf8-brand', raw: async () => (await japaneseNames()).utf8, verdict: 'spoofed', code: 1, en: [/the display name says "Rakuten"/], ja: [/表示名は「Rakuten」ですが/] },
  { name: 'long-header', raw: () => longHeader(900), verdict: 'authentic', code: 0, en: [/801 older Received field\(s\) not analysed/], ja: [/古い Received フィールド 801 個は解析していません/] },
  { name: 'list', raw: () => mailingList(false), verdict: 'suspicious', code: 1, en: [/^SUSPICIOUS/, /a footer of 3 line\(s\) was appended/, /list tag \[club\]/, /\[proven\]/], ja: [/^要注意/, /3 行のフッターが追加されています/, /タグ \[club\]/] },
  { name: 'list-arc', raw: () => mailingList(true), verdict: 'authentic', code: 0, en: [/ARC chain sealed by lists\.example/, /ARC set i=1: sealed by lists\.example \(cv=none\)/], ja: [/lists\.example が封印した ARC チェーン/], extra: ['--trust-arc-sealer', 'lists.example'] },
  { name: 'forwarded', raw: forwarded, verdict: 'authentic', code: 0, en: [/SPF failed because the message was forwarded: hop 1 came from mail\.fwd\.example \[203\.0\.113\.77\]/], ja: [/転送されたため SPF が失敗しています/] },
  { name: 'reencoded', raw: reencoded, verdict: 'suspicious', code: 1, en: [/re-encoded to quoted-printable/], ja: [/quoted-printable に変換されました/] },
  { name: 'forged', raw: forgedAuthres, verdict: 'spoofed', code: 1, en: [/it came with the message, so it is forged/, /FORGED \(trusted name below the trust boundary\)/], ja: [/偽造です/] },
  { name: 'out-of-order', raw: outOfOrder, verdict: 'authentic', code: 0, en: [/TIME GOES BACKWARDS by 120 min/, /\[127\.0\.0\.1\] loopback/], ja: [/時刻が 120 分 逆戻りしています/] },
  { name: 'no-from', raw: noFrom, verdict: 'suspicious', code: 1, en: [/the message has no From field/, /\[missing\] no From field/], ja: [/From フィールドがありません/] },
];

for (const c of CASES) {
  test(`inkan analyze ${c.name}: text in en and ja, JSON identical in both; verdict ${c.verdict}, exit ${c.code}`, async () => {
    const path = file(c.name, await c.raw());
    const args = [path, ...TRUST, ...(c.extra ?? [])];
    const en = await analyze(args, 'en');
    assert.equal(en.code, c.code, en.stdout + en.stderr);
    for (const re of c.en) assert.match(en.stdout, re);
    for (const section of ['Identities', 'Route (newest hop first)', 'Authentication as recorded', 'Authentication now (--reverify)', 'Spoofing signs', 'Diagnosis of failures', 'Sender-requirement signals']) {
      assert.ok(en.stdout.includes(section), section);
    }
    const ja = await analyze(args, 'ja');
    assert.equal(ja.code, c.code);
    for (const re of c.ja) assert.match(ja.stdout, re);
    assert.ok(ja.stdout.includes('差出人情報') && ja.stdout.includes('失敗の原因の診断'));
    const jsonEn = await analyze([...args, '--json'], 'en');
    const jsonJa = await analyze([...args, '--json'], 'ja');
    assert.equal(jsonEn.stdout, jsonJa.stdout);
    const parsed = JSON.parse(jsonEn.stdout) as { verdict: string; reasons: unknown[] };
    assert.equal(parsed.verdict, c.verdict);
    assert.ok(parsed.reasons.length >= 1 && parsed.reasons.length <= 3);
  });
}

test('inkan analyze --reverify --zone: DKIM, SPF and DMARC again, with the key-rotation warning', async () => {
  const path = file('reverify', await authenticEsp());
  const r = await analyze([path, '--reverify', '--zone', zoneFile()]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /Keys and records may have been rotated or removed since the message was sent/);
  assert.match(r.stdout, /DKIM shop\.example \(s=s1\): pass/);
  assert.match(r.stdout, /SPF for 198\.51\.100\.25 as em\.sendgrid\.net: pass/);
  assert.match(r.stdout, /DMARC for shop\.example: pass \(policy reject\)/);
  const explained = await analyze([path, '--reverify', '--zone', zoneFile(), '--explain']);
  assert.match(explained.stdout, /s1\._domainkey\.shop\.example/);
  assert.ok(explained.stdout.split('\n').length > r.stdout.split('\n').length + 5);
  const ja = await analyze([path, '--reverify', '--zone', zoneFile()], 'ja');
  assert.match(ja.stdout, /鍵やレコードが差し替えられたり削除されたりしている可能性/);
});

test('inkan analyze --reverify --dns: the same answers from a loopback DNS server', async () => {
  const server = await startDnsServer({ zone: zoneText(), origin: 'example.' });
  try {
    const path = file('reverify-dns', await forwarded());
    const r = await analyze([path, ...TRUST, '--reverify', '--dns', `${server.host}:${server.port}`, '--json']);
    assert.equal(r.code, 0, r.stderr);
    const json = JSON.parse(r.stdout) as { reverify: { spf: { result: string; ip: string }; dmarc: { result: string }; dkim: Array<{ result: string }> } };
    assert.deepEqual([json.reverify.spf.ip, json.reverify.spf.result], ['203.0.113.77', 'fail']);
    assert.equal(json.reverify.dmarc.result, 'pass');
    assert.deepEqual(json.reverify.dkim.map((d) => d.result), ['pass']);
    assert.ok(server.log.some((q) => q.name === 's1._domainkey.shop.example' && q.type === 'TXT'));
  } finally {
    await server.close();
  }
});

test('inkan analyze -: reads standard input; without trusted evidence it cannot tell (exit 4)', async () => {
  const r = await analyze(['-'], 'en', await authenticEsp());
  assert.equal(r.code, 4);
  assert.match(r.stdout, /^CANNOT TELL/);
  assert.match(r.stdout, /Name your own server with --trust-authserv-id/);
});

test('inkan analyze --explain shows field positions; --help teaches options, examples and exit codes in both languages', async () => {
  const path = file('explain', await authenticEsp());
  const r = await analyze([path, ...TRUST, '--explain']);
  assert.match(r.stdout, /field #\d+: spf=pass smtp\.mailfrom=em\.sendgrid\.net/);
  const help = await runCli(['analyze', '--help']);
  assert.equal(help.code, 0);
  for (const s of ['--trust-authserv-id', '--reverify', '--now', 'Examples:', 'Exit codes:', '4  cannot tell']) assert.ok(help.stdout.includes(s), s);
  const ja = await runCli(['analyze', '--help', '--lang', 'ja']);
  assert.match(ja.stdout, /終了コード:/);
});

test('inkan analyze usage errors: exit 2', async () => {
  assert.equal((await runCli(['analyze'])).code, 2);
  assert.equal((await runCli(['analyze', join(dir, 'missing.eml')])).code, 2);
  assert.equal((await runCli(['analyze', '-', '--now', 'yesterday'])).code, 2);
  assert.equal((await runCli(['analyze', '-', '--bogus'])).code, 2);
});
