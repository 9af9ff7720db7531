import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { dkimCommand } from '../../src/cli/dkim.js';
import { makeContext } from '../../src/cli/context.js';
import { signCommand } from '../../src/cli/sign.js';
import { runCli } from '../cli/run-cli.js';
import { MemoryResolver } from '../../src/dns/memory.js';
import { parseZone } from '../../src/dns/zone.js';
import { zoneToResolver } from '../../src/dns/zone-load.js';
import { createKeyCache } from '../../src/dkim/key.js';
import { verifyDkim } from '../../src/dkim/verify.js';
import type { Lang } from '../../src/i18n/index.js';
import { conformanceDir } from '../helpers/paths.js';

interface Captured {
  code: number;
  stdout: string;
  stderr: string;
  bytes: Buffer;
}

/** Run a command in this process through the CLI entry, with captured text and byte output. */
async function run(command: typeof signCommand, argv: string[], lang: Lang = 'en', stdin?: Buffer): Promise<Captured> {
  const r = await runCli([command.name, ...argv, '--lang', lang], {}, stdin ?? '');
  return { code: r.code, stdout: r.stdout, stderr: r.stderr, bytes: r.stdoutBytes };
}

let dir: string;
const MESSAGE = Buffer.from('From: a@example.com\r\nTo: b@example.net\r\nSubject: hi\r\n\r\nbody \xff\r\n', 'latin1');

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'inkan-sign-cli-'));
  writeFileSync(join(dir, 'message.eml'), MESSAGE);
});

after(() => rmSync(dir, { recursive: true, force: true }));

/** A resolver serving the zone-file line keygen wrote. */
function resolverFor(zoneLine: string): MemoryResolver {
  const parsed = parseZone(zoneLine);
  assert.ok(parsed.ok);
  return zoneToResolver(parsed.zone);
}

describe('inkan dkim keygen', () => {
  test('--out writes PREFIX.private (mode 600) and PREFIX.txt, says where to publish, and never overwrites', async () => {
    const prefix = join(dir, 'ed1');
    const r = await run(dkimCommand, ['keygen', '--domain', 'example.com', '--selector', 'ed1', '--type', 'ed25519', '--out', prefix]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(statSync(`${prefix}.private`).mode & 0o777, 0o600);
    assert.match(readFileSync(`${prefix}.private`, 'utf8'), /^-----BEGIN PRIVATE KEY-----/);
    const zoneLine = readFileSync(`${prefix}.txt`, 'utf8').trim();
    assert.match(zoneLine, /^ed1\._domainkey\.example\.com\. IN TXT \( "v=DKIM1; k=ed25519; p=/);
    assert.ok(r.stdout.includes(zoneLine));
    assert.match(r.stdout, /Publish this TXT record in the DNS zone of example\.com, at ed1\._domainkey\.example\.com/);
    assert.ok(!r.stdout.includes('PRIVATE KEY'));
    const again = await run(dkimCommand, ['keygen', '--domain', 'example.com', '--selector', 'ed1', '--type', 'ed25519', '--out', prefix]);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /already exists/);
  });

  test('without --out the key is printed, followed by the record; --lang ja speaks Japanese', async () => {
    const r = await run(dkimCommand, ['keygen', '--domain', 'example.jp', '--selector', 'k1', '--bits', '1024'], 'ja');
    assert.equal(r.code, 0);
    assert.match(r.stdout, /-----BEGIN RSA PRIVATE KEY-----/);
    assert.match(r.stdout, /次の TXT レコードを example\.jp の DNS ゾーンの k1\._domainkey\.example\.jp に登録してください/);
    assert.match(r.stdout, /k1\._domainkey\.example\.jp\. IN TXT \( "v=DKIM1; k=rsa; p=/);
  });

  test('--json carries the record, its strings and the zone line, and --testing adds t=y', async () => {
    const r = await run(dkimCommand, ['keygen', '--domain', 'example.com', '--selector', 'j', '--type', 'ed25519', '--testing', '--json']);
    const out = JSON.parse(r.stdout) as Record<string, unknown>;
    assert.equal(out['name'], 'j._domainkey.example.com');
    assert.match(out['record'] as string, /^v=DKIM1; k=ed25519; t=y; p=/);
    assert.deepEqual(out['strings'], [out['record']]);
    assert.match(out['privateKeyPem'] as string, /BEGIN PRIVATE KEY/);
  });

  test('usage errors: missing or bad options, --bits with Ed25519, unknown subcommands', async () => {
    const cases: string[][] = [
      ['keygen', '--selector', 's'],
      ['keygen', '--domain', 'example.com'],
      ['keygen', '--domain', 'example', '--selector', 's'],
      ['keygen', '--domain', 'example.com', '--selector', 's', '--type', 'dsa'],
      ['keygen', '--domain', 'example.com', '--selector', 's', '--bits', '512'],
      ['keygen', '--domain', 'example.com', '--selector', 's', '--bits', 'many'],
      ['keygen', '--domain', 'example.com', '--selector', 's', '--type', 'ed25519', '--bits', '2048'],
      ['keygen', '--domain', 'example.com', '--selector', 's', '--colour'],
      ['keygen', 'extra', '--domain', 'example.com', '--selector', 's'],
      ['rotate'],
      [],
    ];
    for (const argv of cases) assert.equal((await run(dkimCommand, argv)).code, 2, argv.join(' '));
  });

  test('--help teaches, in English and Japanese', async () => {
    const en = await run(dkimCommand, ['keygen', '--help']);
    assert.equal(en.code, 0);
    assert.match(en.stdout, /inkan dkim keygen --domain DOMAIN --selector SELECTOR/);
    const ja = await run(dkimCommand, ['--help'], 'ja');
    assert.match(ja.stdout, /署名用の新しい鍵ペア/);
    assert.equal(dkimCommand.help(makeContext('en', { out: () => {}, err: () => {}, outBytes: () => {}, stdin: (async function* () {})(), env: {}, isTty: false })), en.stdout.trimEnd());
  });
});

describe('inkan sign', () => {
  let keyFile: string;
  let resolver: MemoryResolver;

  before(async () => {
    const prefix = join(dir, 'rsa1');
    const r = await run(dkimCommand, ['keygen', '--domain', 'example.com', '--selector', 'rsa1', '--bits', '1024', '--out', prefix]);
    assert.equal(r.code, 0, r.stderr);
    keyFile = `${prefix}.private`;
    resolver = resolverFor(readFileSync(`${prefix}.txt`, 'utf8'));
  });

  async function verifies(signed: Buffer): Promise<void> {
    const out = await verifyDkim(signed, { resolver, now: Date.now(), keyCache: createKeyCache() });
    assert.ok(out.ok);
    assert.equal(out.results.length, 1);
    assert.equal(out.results[0]!.result, 'pass', JSON.stringify(out.results[0]));
  }

  test('prints the DKIM-Signature field, then the message byte for byte; the result verifies', async () => {
    const r = await run(signCommand, [join(dir, 'message.eml'), '--domain', 'example.com', '--selector', 'rsa1', '--key', keyFile]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.bytes.toString('latin1'), /^DKIM-Signature: v=1; a=rsa-sha256; c=relaxed\/relaxed; d=example\.com; s=rsa1;/);
    assert.deepEqual(r.bytes.subarray(r.bytes.length - MESSAGE.length), MESSAGE);
    await verifies(r.bytes);
  });

  test('reads "-" from standard input and takes the signing options', async () => {
    const args = ['-', '--domain', 'example.com', '--selector', 'rsa1', '--key', keyFile, '--canonicalization', 'simple/simple', '--headers', 'From,Subject', '--no-oversign', '--expires', '3600', '--identity', 'a@example.com', '--body-length'];
    const r = await run(signCommand, args, 'en', MESSAGE);
    assert.equal(r.code, 0, r.stderr);
    const field = r.bytes.toString('latin1').replace(/\r\n[ \t]/g, ' ');
    assert.match(field, /c=simple\/simple;/);
    assert.match(field, /h=from:subject;/);
    assert.match(field, /i=a@example\.com;/);
    assert.match(field, / x=\d+;/);
    assert.match(field, / l=\d+;/);
    await verifies(r.bytes);
  });

  test('--out writes the signed message to a file; --json prints the signature fields', async () => {
    const out = join(dir, 'signed.eml');
    const r = await run(signCommand, [join(dir, 'message.eml'), '--domain', 'example.com', '--selector', 'rsa1', '--key', keyFile, '--out', out]);
    assert.equal(r.code, 0);
    assert.equal(r.bytes.length, 0);
    assert.match(r.stderr, /Signed message written to/);
    await verifies(readFileSync(out));
    const json = await run(signCommand, [join(dir, 'message.eml'), '--domain', 'example.com', '--selector', 'rsa1', '--key', keyFile, '--json']);
    const parsed = JSON.parse(json.stdout) as { ok: boolean; header: string; signatures: Array<{ selector: string; headers: string[] }> };
    assert.equal(parsed.ok, true);
    assert.equal(parsed.signatures[0]!.selector, 'rsa1');
    assert.ok(parsed.signatures[0]!.headers.includes('from'));
    await verifies(Buffer.concat([Buffer.from(parsed.header), MESSAGE]));
  });

  test('RFC 6376 §5.4: a message without From is not signed: exit 1 with the reason, in English and Japanese', async () => {
    const file = join(conformanceDir(), 'dkim', 'dkimpy-data', 'test_nofrom.message');
    const en = await run(signCommand, [file, '--domain', 'example.com', '--selector', 'rsa1', '--key', keyFile]);
    assert.equal(en.code, 1);
    assert.equal(en.bytes.length, 0);
    assert.match(en.stderr, /has no From field/);
    const ja = await run(signCommand, [file, '--domain', 'example.com', '--selector', 'rsa1', '--key', keyFile, '--json'], 'ja');
    assert.equal(ja.code, 1);
    assert.match(ja.stderr, /From フィールドがありません/);
    assert.deepEqual(JSON.parse(ja.stdout), { ok: false, error: { code: 'no-from' } });
  });

  test('an unusable key or algorithm is a refusal (exit 1), not a crash', async () => {
    const bad = join(dir, 'bad.key');
    writeFileSync(bad, 'this is not a key\n');
    const r = await run(signCommand, [join(dir, 'message.eml'), '--domain', 'example.com', '--selector', 's', '--key', bad]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /private key cannot be read/);
    const sha1 = await run(signCommand, [join(dir, 'message.eml'), '--domain', 'example.com', '--selector', 's', '--key', keyFile, '--algorithm', 'rsa-sha1']);
    assert.equal(sha1.code, 1);
    assert.match(sha1.stderr, /RFC 8301/);
  });

  test('usage errors: no file, missing options, unreadable files, bad values', async () => {
    const msg = join(dir, 'message.eml');
    const cases: string[][] = [
      ['--domain', 'example.com', '--selector', 's', '--key', keyFile],
      [msg, '--selector', 's', '--key', keyFile],
      [msg, '--domain', 'example.com', '--key', keyFile],
      [msg, '--domain', 'example.com', '--selector', 's'],
      [msg, '--domain', 'example.com', '--selector', 's', '--key', join(dir, 'missing.key')],
      [join(dir, 'missing.eml'), '--domain', 'example.com', '--selector', 's', '--key', keyFile],
      [msg, '--domain', 'nodot', '--selector', 's', '--key', keyFile],
      [msg, '--domain', 'example.com', '--selector', 'a b', '--key', keyFile],
      [msg, '--domain', 'example.com', '--selector', 's', '--key', keyFile, '--expires', 'soon'],
      [msg, msg, '--domain', 'example.com', '--selector', 's', '--key', keyFile],
    ];
    for (const argv of cases) assert.equal((await run(signCommand, argv)).code, 2, argv.join(' '));
    assert.ok(!existsSync(join(dir, 'missing.eml')));
  });

  test('--help teaches, in English and Japanese', async () => {
    const en = await run(signCommand, ['--help']);
    assert.equal(en.code, 0);
    assert.match(en.stdout, /inkan sign FILE\|- --domain DOMAIN --selector SELECTOR --key KEYFILE/);
    const ja = await run(signCommand, ['--help'], 'ja');
    assert.match(ja.stdout, /メッセージに DKIM 署名を付けます/);
  });
});
