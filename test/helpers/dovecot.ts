import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Where the Dovecot binary lives on Debian. */
const DOVECOT = ['/usr/sbin/dovecot', '/usr/local/sbin/dovecot'].find((p) => existsSync(p));

/** The user that owns the test mailboxes (Dovecot refuses mail access as root). */
const MAIL_UID = 65534;
const MAIL_GID = 65534;

/** A private Dovecot IMAP server on loopback, with one test user. */
export interface TestDovecot {
  host: string;
  /** Plain IMAP (STARTTLS offered when a certificate could be made). */
  imapPort: number;
  /** IMAP over TLS, when openssl could make a certificate. */
  imapsPort?: number;
  /** The self-signed certificate (PEM) the server presents, to pass as `--ca`. */
  caFile?: string;
  user: string;
  password: string;
  dir: string;
  /** Dovecot's log so far (for failing tests). */
  log(): string;
  stop(): Promise<void>;
}

/** Why Dovecot cannot run here, or undefined when it can (tests print "skipped: ..."); with INKAN_REQUIRE_SERVICES set (CI) that is an error. */
export function dovecotUnavailable(): string | undefined {
  const reason = !DOVECOT ? 'dovecot not installed' : process.getuid?.() !== 0 ? 'dovecot tests need root (private instance with its own login users)' : undefined;
  if (reason && process.env['INKAN_REQUIRE_SERVICES']) throw new Error(`Dovecot is required (INKAN_REQUIRE_SERVICES is set) but: ${reason}`);
  return reason;
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function makeCertificate(dir: string): { cert: string; key: string } | undefined {
  const cert = join(dir, 'cert.pem');
  const key = join(dir, 'key.pem');
  const r = spawnSync('openssl', [
    'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '2',
    '-subj', '/CN=localhost', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost',
  ], { stdio: 'ignore' });
  return r.status === 0 ? { cert, key } : undefined;
}

async function waitForPort(port: number, child: ChildProcess, logFile: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (child.exitCode !== null) throw new Error(`dovecot exited (${child.exitCode}): ${existsSync(logFile) ? readFileSync(logFile, 'utf8') : ''}`);
    const ok = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => (socket.destroy(), resolve(true)));
      socket.once('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('dovecot did not start listening');
}

/** Start a private Dovecot (config, passwd-file and maildirs in a temp dir) on loopback ports. */
export async function startDovecot(): Promise<TestDovecot> {
  if (!DOVECOT) throw new Error('dovecot not installed');
  const dir = mkdtempSync(join(tmpdir(), 'inkan-dc-'));
  chmodSync(dir, 0o755);
  for (const sub of ['run', 'state', 'home']) mkdirSync(join(dir, sub), { mode: 0o755 });
  chownSync(join(dir, 'home'), MAIL_UID, MAIL_GID);
  const user = 'reports';
  const password = 'test-password';
  writeFileSync(join(dir, 'passwd'), `${user}:{PLAIN}${password}::::::\n`);
  const imapPort = await freePort();
  const tls = makeCertificate(dir);
  const imapsPort = tls ? await freePort() : undefined;
  const logFile = join(dir, 'dovecot.log');
  const config = [
    `base_dir = ${join(dir, 'run')}`,
    `state_dir = ${join(dir, 'state')}`,
    `log_path = ${logFile}`,
    `info_log_path = ${logFile}`,
    'protocols = imap',
    'listen = 127.0.0.1',
    'disable_plaintext_auth = no',
    'auth_mechanisms = plain login',
    'default_login_user = dovenull',
    'default_internal_user = dovecot',
    `first_valid_uid = ${MAIL_UID}`,
    'mail_location = maildir:~/Maildir',
    'mail_fsync = never',
    tls ? `ssl = yes\nssl_cert = <${tls.cert}\nssl_key = <${tls.key}` : 'ssl = no',
    'passdb {',
    '  driver = passwd-file',
    `  args = scheme=PLAIN username_format=%u ${join(dir, 'passwd')}`,
    '}',
    'userdb {',
    '  driver = static',
    `  args = uid=${MAIL_UID} gid=${MAIL_GID} home=${join(dir, 'home')}/%u`,
    '}',
    'service imap-login {',
    `  inet_listener imap {\n    address = 127.0.0.1\n    port = ${imapPort}\n  }`,
    `  inet_listener imaps {\n    address = 127.0.0.1\n    port = ${imapsPort ?? 0}\n    ssl = yes\n  }`,
    '}',
    'service stats {\n  unix_listener stats-writer {\n    mode = 0666\n  }\n}',
    '',
  ].join('\n');
  const configFile = join(dir, 'dovecot.conf');
  writeFileSync(configFile, config);
  const child = spawn(DOVECOT, ['-F', '-c', configFile], { stdio: 'ignore' });
  await waitForPort(imapPort, child, logFile);
  if (imapsPort) await waitForPort(imapsPort, child, logFile);
  return {
    host: '127.0.0.1',
    imapPort,
    ...(imapsPort ? { imapsPort, caFile: tls!.cert } : {}),
    user,
    password,
    dir,
    log: () => (existsSync(logFile) ? readFileSync(logFile, 'utf8') : ''),
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A DMARC aggregate report message (RFC 9990 §3 "Email") for `domain`, one day from `day`, made by inkan's own generator. */
export async function reportEmail(domain: string, day: string, options: { rows?: number; corrupt?: boolean } = {}): Promise<Buffer> {
  const { default: nodemailer } = await import('nodemailer');
  const { buildAggregateReports, aggregateReportFile } = await import('../../src/reports/generate/index.js');
  const begin = new Date(`${day}T00:00:00Z`);
  const end = new Date(begin.getTime() + 86_400_000);
  const reporter = { orgName: 'Reporter Inc', email: 'noreply-dmarc@reporter.example', domain: 'reporter.example' };
  const rows = Array.from({ length: options.rows ?? 2 }, (_, i) => ({
    time: begin.getTime() + i,
    row: {
      sourceIp: `192.0.2.${i + 1}`,
      count: i + 1,
      policyEvaluated: { disposition: 'none' as const, dkim: 'pass' as const, spf: 'pass' as const, reasons: [] },
      identifiers: { headerFrom: domain, envelopeFrom: domain },
      authResults: { dkim: [{ domain, selector: 's1', result: 'pass' as const }], spf: [{ domain, scope: 'mfrom' as const, result: 'pass' as const }] },
      policyPublished: { domain, discoveryMethod: 'treewalk' as const, p: 'none' as const, sp: 'none' as const, np: 'none' as const, adkim: 'r' as const, aspf: 'r' as const, testing: 'n' as const, psd: 'u' as const, fo: '0' },
    },
  }));
  const file = aggregateReportFile(buildAggregateReports(rows, { reporter, begin, end }).reports[0]!);
  const content = options.corrupt ? Buffer.concat([file.gzip.subarray(0, 20), Buffer.from('not gzip any more')]) : file.gzip;
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  const info = await transport.sendMail({
    from: reporter.email,
    to: `dmarc@${domain}`,
    subject: `Report Domain: ${domain} Submitter: reporter.example Report-ID: <${file.report.reportId}>`,
    date: end,
    text: 'DMARC aggregate report.',
    attachments: [{ filename: file.filename, content, contentType: 'application/gzip' }],
  });
  return info.message as Buffer;
}
