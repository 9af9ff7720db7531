import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { generateDkimKey } from '../../src/dkim/keygen.js';
import { signDkim } from '../../src/dkim/sign.js';
import { parseFailureReport } from '../../src/reports/failure.js';
import { parseMime } from '../../src/reports/mime.js';
import { startDnsServer, type TestDnsServer } from '../helpers/dns-server.js';
import { startInbox, type TestInbox } from '../reports/generate/smtp-inbox.js';
import { runCli } from './run-cli.js';

const FO_DOMAINS = { '0': 'fo0.example', '1': 'fo1.example', d: 'fod.example', s: 'fos.example' } as const;

function zone(key: string): string {
  const domain = (name: string, dmarc: string): string =>
    `$ORIGIN ${name}.\n_dmarc IN TXT "${dmarc}"\n@ IN TXT "v=spf1 ip4:192.0.2.0/24 -all"\ns1._domainkey IN TXT "v=DKIM1; k=ed25519; p=${key}"\n`;
  return [
    '$TTL 300',
    ...Object.entries(FO_DOMAINS).map(([fo, name]) => domain(name, `v=DMARC1; p=none; fo=${fo}; ruf=mailto:ruf@${name}`)),
    domain('example.com', 'v=DMARC1; p=reject; fo=0:d; ruf=mailto:forensic@example.com,mailto:f@auth.example.net,mailto:x@unauth.example.org,mailto:y@swap.example.net'),
    domain('noruf.example', 'v=DMARC1; p=reject; rua=mailto:agg@noruf.example'),
    domain('refusing.example', 'v=DMARC1; p=reject; ruf=mailto:refuse@refusing.example'),
    domain('busy.example', 'v=DMARC1; p=reject; ruf=mailto:busy@busy.example'),
    '$ORIGIN auth.example.net.\nexample.com._report._dmarc IN TXT "v=DMARC1"',
    // A ruf= in the authorizing record replaces the destination (same host): the failure-report tag, not rua=.
    '$ORIGIN swap.example.net.\nexample.com._report._dmarc IN TXT "v=DMARC1; rua=mailto:agg@swap.example.net; ruf=mailto:forensics@swap.example.net"',
    '',
  ].join('\n');
}

let dns: TestDnsServer;
let inbox: TestInbox;
let dir: string;
let privateKey: Parameters<typeof signDkim>[1]['signatures'][0]['privateKey'];

before(async () => {
  const key = await generateDkimKey({ type: 'ed25519', domain: 'example.com', selector: 's1' });
  privateKey = key.privateKey;
  dns = await startDnsServer({ zone: zone(key.publicKey) });
  inbox = await startInbox();
  dir = mkdtempSync(join(tmpdir(), 'inkan-failure-'));
});

after(async () => {
  await dns.close();
  await inbox.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A message from `domain`: DKIM-signed by it (`signed`), with the body changed after signing (`broken`), or unsigned. */
async function message(domain: string, kind: 'signed' | 'broken' | 'unsigned'): Promise<string> {
  const text = `From: Alice <alice@${domain}>\r\nTo: bob@mx.example\r\nSubject: quarterly numbers\r\nDate: Mon, 30 Nov 2026 08:00:00 +0000\r\nMessage-ID: <m-${kind}@${domain}>\r\n\r\nThe secret body.\r\n`;
  let raw = text;
  if (kind !== 'unsigned') {
    const signed = await signDkim(text, { signatures: [{ domain, selector: 's1', privateKey }], now: Date.parse('2026-11-30T08:00:00Z') });
    assert.ok(signed.ok);
    raw = signed.header + text;
  }
  if (kind === 'broken') raw = raw.replace('The secret body.', 'The secret body, changed.');
  const file = join(dir, `${domain}-${kind}.eml`);
  writeFileSync(file, raw);
  return file;
}

const REPORTER = ['--org-name', 'Example Receiver', '--email', 'dmarc-noreply@mx.example', '--receiver', 'mx.example'];
const IN_SPF = '192.0.2.10';
const OUTSIDE = '203.0.113.5';

function failure(file: string, ip: string, domain: string, extra: string[] = []) {
  return runCli(['reports', 'failure', file, '--ip', ip, '--mail-from', `bounce@${domain}`, '--now', '2026-11-30T08:01:00Z', '--dns', dns.address, ...REPORTER, ...extra]);
}

interface RunJson {
  dmarc: { result: string };
  decision: { due: boolean; reason?: string; triggers: string[]; fo: string[]; policyDomain?: string };
  destinations?: { authorizations: Array<{ uri: string; status: string; override?: string[] }>; addresses: string[] };
  report?: { messageId: string; selfCheck: string[]; file?: string };
  rateLimit?: { allowed: boolean; count: number; max: number };
  delivery?: { sends: Array<{ address: string; status: string; temporary?: boolean }> };
}

// [message, ip, which fo options are met]: fo=0 both unaligned, fo=1 either, fo=d a signature failed, fo=s SPF failed.
const CASES: Array<[string, 'signed' | 'broken' | 'unsigned', string, string[]]> = [
  ['everything passes', 'signed', IN_SPF, []],
  ['SPF fails, DKIM passes aligned', 'signed', OUTSIDE, ['1', 's']],
  ['DKIM signature broken, SPF passes', 'broken', IN_SPF, ['1', 'd']],
  ['unsigned from outside the SPF record', 'unsigned', OUTSIDE, ['0', '1', 's']],
  ['broken signature from outside', 'broken', OUTSIDE, ['0', '1', 'd', 's']],
];

test(`RFC 9991 §3: fo=0/1/d/s decide whether a failure report is due (${CASES.length} messages x 4 records)`, async () => {
  let checked = 0;
  for (const [name, kind, ip, met] of CASES) {
    for (const [fo, domain] of Object.entries(FO_DOMAINS)) {
      const r = await failure(await message(domain, kind), ip, domain, ['--json']);
      const json = JSON.parse(r.stdout) as RunJson;
      const due = met.includes(fo);
      assert.equal(json.decision.due, due, `${name}, fo=${fo}: ${r.stdout}`);
      assert.deepEqual(json.decision.triggers, due ? [fo] : [], `${name}, fo=${fo}`);
      if (!due) assert.equal(json.decision.reason, 'no-trigger');
      else assert.deepEqual(json.report?.selfCheck, [], 'the report reads back with inkan\'s parser');
      assert.equal(r.code, 0, 'nothing written or sent (no --out, no --send): a dry run succeeds');
      checked++;
    }
  }
  assert.equal(checked, CASES.length * 4);
});

test('inkan reports failure --send: mails the report to each authorized ruf (a ruf= override in the authorizing record wins); the unauthorized one is left out', async () => {
  inbox.messages.length = 0;
  const out = join(dir, 'sent-out');
  const r = await failure(await message('example.com', 'unsigned'), OUTSIDE, 'example.com', ['--send', '--smtp', `smtp://127.0.0.1:${inbox.port}`, '--out', out, '--json']);
  const json = JSON.parse(r.stdout) as RunJson;
  assert.equal(r.code, 1, 'one ruf destination is not authorized: exit 1 as for reports send');
  assert.deepEqual(json.decision.triggers, ['0']);
  assert.deepEqual(json.destinations!.authorizations.map((a) => [a.uri, a.status, a.override]), [
    ['mailto:forensic@example.com', 'internal', undefined],
    ['mailto:f@auth.example.net', 'authorized', undefined],
    ['mailto:x@unauth.example.org', 'unauthorized', undefined],
    ['mailto:y@swap.example.net', 'authorized', ['forensics@swap.example.net']],
  ]);
  assert.deepEqual(json.delivery!.sends.map((s) => [s.address, s.status]), [['forensic@example.com', 'sent'], ['f@auth.example.net', 'sent'], ['forensics@swap.example.net', 'sent']]);
  assert.deepEqual(inbox.messages.map((m) => m.to).flat(), ['forensic@example.com', 'f@auth.example.net', 'forensics@swap.example.net']);
  assert.ok(!inbox.attempts.includes('x@unauth.example.org'));
  // What arrives is an RFC 9991 report that the receiving side of inkan reads.
  for (const m of inbox.messages) {
    assert.equal(m.from, 'dmarc-noreply@mx.example');
    const mime = parseMime(m.raw);
    assert.ok(mime);
    const report = parseFailureReport(mime);
    assert.deepEqual([report.format, report.feedbackType, report.authFailure, report.reportedDomain, report.sourceIp, report.deliveryResult], ['arf', 'auth-failure', 'dmarc', 'example.com', OUTSIDE, 'reject']);
    assert.equal(report.originalMailFrom, '<bounce@example.com>');
    assert.match(report.originalHeaders ?? '', /Subject: quarterly numbers/);
    assert.doesNotMatch(m.raw.toString(), /The secret body/, 'RFC 9991 privacy: the body is never sent');
    assert.match(m.raw.toString(), new RegExp(`\\r\\nTo: ${m.to[0]!.replace('.', '\\.')}\\r\\n`));
  }
  const files = readdirSync(out);
  assert.equal(files.length, 1);
  assert.match(files[0]!, /^mx\.example!example\.com!\d+![0-9a-f]{16}\.eml$/);
  assert.equal(json.report!.file, join(out, files[0]!));
  const written = parseFailureReport(parseMime(readFileSync(join(out, files[0]!)))!);
  assert.equal(written.messageId, json.report!.messageId);
});

test('inkan reports failure: text in en and ja, --json the same in both', async () => {
  const file = await message('example.com', 'unsigned');
  const en = await failure(file, OUTSIDE, 'example.com');
  assert.equal(en.code, 0);
  assert.match(en.stdout, /DMARC fail for example\.com \(policy record of example\.com, fo=0:d\)/);
  assert.match(en.stdout, /a failure report is due:\n {2}fo=0: neither SPF nor DKIM gave an aligned pass/);
  assert.match(en.stdout, /built and read back with inkan's failure-report parser: sound/);
  assert.match(en.stdout, /mailto:x@unauth\.example\.org: not authorized \(no "v=DMARC1" TXT record at example\.com\._report\._dmarc\.unauth\.example\.org\)/);
  assert.match(en.stdout, /nothing written or sent \(use --out DIR and\/or --send\)/);
  const ja = await failure(file, OUTSIDE, 'example.com', ['--lang', 'ja']);
  assert.match(ja.stdout, /失敗レポートを送るべきです:/);
  assert.match(ja.stdout, /fo=0: SPF も DKIM もアラインした pass になりませんでした/);
  assert.match(ja.stdout, /許可されていません/);
  const strip = (s: string): string => s.replace(/"messageId": "[^"]+"|"subject": "[^"]+"/g, '');
  const jsonEn = await failure(file, OUTSIDE, 'example.com', ['--json']);
  const jsonJa = await failure(file, OUTSIDE, 'example.com', ['--json', '--lang', 'ja']);
  assert.equal(strip(jsonEn.stdout), strip(jsonJa.stdout));
  const pass = await failure(await message('example.com', 'signed'), IN_SPF, 'example.com', ['--lang', 'ja']);
  assert.equal(pass.code, 0);
  assert.match(pass.stdout, /example\.com の fo=0:d の条件に当てはまりません/);
});

test('inkan reports failure: no ruf= means no report, with the fo= options it would have met', async () => {
  const r = await failure(await message('noruf.example', 'unsigned'), OUTSIDE, 'noruf.example', ['--send', '--smtp', `127.0.0.1:${inbox.port}`]);
  assert.equal(r.code, 0, r.stdout);
  assert.match(r.stdout, /noruf\.example asks for no failure reports \(no ruf=\): no failure report/);
  assert.match(r.stdout, /these fo= options were met:\n {2}fo=0/);
  const json = JSON.parse((await failure(await message('noruf.example', 'unsigned'), OUTSIDE, 'noruf.example', ['--json'])).stdout) as RunJson;
  assert.deepEqual([json.decision.due, json.decision.reason, json.decision.triggers], [false, 'no-ruf', ['0']]);
});

test('inkan reports failure --state --max-per-hour: at most N reports per policy domain and hour, also when runs overlap', async () => {
  inbox.messages.length = 0;
  const state = join(dir, 'failure-state.json');
  const out = join(dir, 'limited');
  const file = await message('example.com', 'unsigned');
  const runs = await Promise.all(Array.from({ length: 6 }, () => failure(file, OUTSIDE, 'example.com', ['--out', out, '--state', state, '--max-per-hour', '4', '--json'])));
  const limits = runs.map((r) => (JSON.parse(r.stdout) as RunJson).rateLimit!);
  assert.deepEqual(limits.filter((l) => l.allowed).map((l) => l.count).sort(), [1, 2, 3, 4]);
  assert.equal(limits.filter((l) => !l.allowed).length, 2);
  assert.ok(runs.every((r) => r.code === 0), 'held back by the limit is not an error');
  assert.equal(readdirSync(out).filter((f) => f.endsWith('.eml')).length, 4);
  const text = await failure(file, OUTSIDE, 'example.com', ['--out', out, '--state', state, '--max-per-hour', '4']);
  assert.match(text.stdout, /4 failure reports for example\.com this hour already \(limit 4\): this one is neither written nor sent/);
  // Another policy domain has its own count; the next hour starts again.
  const other = await failure(await message('fo0.example', 'unsigned'), OUTSIDE, 'fo0.example', ['--out', out, '--state', state, '--max-per-hour', '4', '--json']);
  assert.deepEqual((JSON.parse(other.stdout) as RunJson).rateLimit, { allowed: true, count: 1, max: 4, hour: Math.floor(Date.parse('2026-11-30T08:01:00Z') / 3_600_000) });
  const later = await runCli(['reports', 'failure', file, '--ip', OUTSIDE, '--now', '2026-11-30T09:00:00Z', '--dns', dns.address, ...REPORTER, '--out', out, '--state', state, '--max-per-hour', '4', '--json']);
  assert.equal((JSON.parse(later.stdout) as RunJson).rateLimit!.count, 1);
  const saved = JSON.parse(readFileSync(state, 'utf8')) as { kind: string; data: Record<string, { count: number }> };
  assert.equal(saved.kind, 'failure-counts');
  assert.deepEqual(Object.keys(saved.data), ['example.com'], 'past hours are dropped');
  writeFileSync(join(dir, 'not-state.json'), '{"version":1,"kind":"aggregate-sends","data":{"reports":{}}}');
  const wrong = await failure(file, OUTSIDE, 'example.com', ['--out', out, '--state', join(dir, 'not-state.json')]);
  assert.equal(wrong.code, 1);
  assert.match(wrong.stderr, /cannot use the state file: .*wrong-kind/);
});

test('inkan reports failure exit codes: a 5xx refusal is 1, a 4xx or a DNS failure is 3, usage errors 2', async () => {
  const smtp = ['--send', '--smtp', `127.0.0.1:${inbox.port}`, '--json'];
  const refused = await failure(await message('refusing.example', 'unsigned'), OUTSIDE, 'refusing.example', smtp);
  assert.equal(refused.code, 1);
  assert.deepEqual((JSON.parse(refused.stdout) as RunJson).delivery!.sends.map((s) => [s.status, s.temporary]), [['failed', false]]);
  inbox.busy.add('busy@busy.example');
  try {
    const busy = await failure(await message('busy.example', 'unsigned'), OUTSIDE, 'busy.example', ['--send', '--smtp', `127.0.0.1:${inbox.port}`]);
    assert.equal(busy.code, 3);
    assert.match(busy.stdout, /not sent to busy@busy\.example: .*451.* \(temporary: try again later\)/);
  } finally {
    inbox.busy.clear();
  }
  dns.fault('_dmarc.fo0.example', { rcode: 'SERVFAIL' });
  try {
    const temp = await failure(await message('fo0.example', 'unsigned'), OUTSIDE, 'fo0.example', ['--json', '--timeout', '500']);
    assert.equal(temp.code, 3, temp.stdout);
    assert.equal((JSON.parse(temp.stdout) as RunJson).decision.reason, 'temperror');
  } finally {
    dns.clearFaults();
  }
  const file = await message('example.com', 'unsigned');
  for (const [args, pattern] of [
    [['reports', 'failure', file, ...REPORTER], /--ip is required/],
    [['reports', 'failure', file, '--ip', OUTSIDE, '--org-name', 'X', '--email', 'a@b.example'], /--receiver is required/],
    [['reports', 'failure', file, '--ip', OUTSIDE, ...REPORTER, '--max-per-hour', '3'], /--max-per-hour needs --state FILE/],
    [['reports', 'failure', file, '--ip', OUTSIDE, ...REPORTER, '--smtp', '127.0.0.1:25'], /--smtp and --smtp-ca go with --send/],
    [['reports', 'failure', file, '--ip', OUTSIDE, ...REPORTER, '--send', '--smtp', 'smtp://bad host'], /--smtp: "smtp:\/\/bad host" is not HOST:PORT/],
    [['reports', 'failure', join(dir, 'missing.eml'), '--ip', OUTSIDE, ...REPORTER], /cannot read the file/],
  ] as const) {
    const r = await runCli([...args]);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stdout}${r.stderr}`);
    assert.match(r.stderr, pattern);
  }
});

test('inkan reports failure --help and inkan reports --help (en, ja)', async () => {
  const help = await runCli(['reports', 'failure', '--help']);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /fo=d {2}a DKIM signature failed to verify/);
  assert.match(help.stdout, /--max-per-hour N/);
  assert.match(help.stdout, /Exit codes:/);
  const ja = await runCli(['reports', 'failure', '--help', '--lang', 'ja']);
  assert.match(ja.stdout, /終了コード:/);
  const reports = await runCli(['reports', '--help']);
  assert.match(reports.stdout, /inkan reports failure MSG/);
  const reportsJa = await runCli(['reports', '--help', '--lang', 'ja']);
  assert.match(reportsJa.stdout, /inkan reports failure MSG/);
});
