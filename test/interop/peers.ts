import { spawn, spawnSync } from 'node:child_process';
import { accessSync, constants, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MemoryResolver } from '../../src/dns/memory.js';
import { generateDkimKey, type DkimKeyPair } from '../../src/dkim/keygen.js';
import { startDnsServer, type TestDnsServer } from '../helpers/dns-server.js';
import { repoRoot } from '../helpers/paths.js';

/** Debian's Python, where python3-dkim lives (not a pyenv or venv shim). */
export const PYTHON = '/usr/bin/python3';

/** A domain for interop keys. */
export const DOMAIN = 'interop.example';

/** Where `name` is as an executable: an absolute path, or a name on PATH or in the sbin directories. */
export function findBinary(name: string): string | undefined {
  const dirs = name.includes('/') ? [''] : [...(process.env['PATH'] ?? '').split(delimiter), '/usr/sbin', '/sbin', '/usr/bin'];
  for (const dir of dirs) {
    const path = dir ? join(dir, name) : name;
    try {
      accessSync(path, constants.X_OK);
      return path;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** What one peer run did. */
export interface PeerRun {
  code: number | null;
  stdout: Buffer;
  stderr: string;
}

/** Run a peer program with `input` on stdin, killed after `timeoutMs`; never blocks the event loop (the test DNS server runs in it). */
export function runPeer(command: string, args: string[], input: Uint8Array, timeoutMs = 20_000): Promise<PeerRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'], timeout: timeoutMs, killSignal: 'SIGKILL' });
    const out: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code: signal ? null : code, stdout: Buffer.concat(out), stderr: signal ? `${stderr}killed by ${signal}` : stderr }));
    child.stdin.on('error', () => undefined); // a peer that exits early closes its stdin
    child.stdin.end(input);
  });
}

/** Path of a helper script kept beside the tests in the source tree. */
export function interopScript(name: string): string {
  return join(repoRoot(), 'test', 'interop', name);
}

/** Why each peer cannot run here (absent binary or module), or undefined when it can. */
export interface PeerAbsence {
  dkimpy?: string;
  mailDkim?: string;
  mailDkimEd25519?: string;
  opendkim?: string;
}

/** Probe the peers once. */
export function probePeers(): PeerAbsence {
  const absence: PeerAbsence = {};
  const py = spawnSync(PYTHON, ['-c', 'import dkim, nacl'], { timeout: 10_000 });
  if (py.status !== 0) absence.dkimpy = `dkimpy not found (${PYTHON} cannot import dkim and nacl; apt-get install python3-dkim)`;
  const perl = findBinary('perl');
  const pm = perl ? spawnSync(perl, ['-MMail::DKIM::Verifier', '-MMail::DKIM::Signer', '-MNet::DNS::Resolver', '-e1'], { timeout: 10_000 }) : undefined;
  if (!pm || pm.status !== 0) absence.mailDkim = 'Mail::DKIM not found (apt-get install libmail-dkim-perl libnet-dns-perl)';
  const ed = perl ? spawnSync(perl, ['-MCrypt::PK::Ed25519', '-e1'], { timeout: 10_000 }) : undefined;
  if (!ed || ed.status !== 0) absence.mailDkimEd25519 = 'Mail::DKIM cannot do Ed25519 here: Crypt::PK::Ed25519 (CryptX) is not installed (Debian 12 does not package it)';
  if (!findBinary('opendkim-testmsg')) absence.opendkim = 'opendkim-testmsg not found (apt-get install opendkim-tools)';
  return absence;
}

/** One signature's verdict from a peer. */
export interface PeerVerdict {
  pass: boolean;
  /** The peer's own words, for failure messages. */
  detail: string;
}

/** Keys, key records and a loopback DNS server shared by the interop tests of one file. */
export class InteropKit {
  private constructor(
    readonly dir: string,
    readonly rsa: DkimKeyPair,
    readonly ed25519: DkimKeyPair,
    readonly resolver: MemoryResolver,
    readonly dns: TestDnsServer,
    readonly recordsFile: string,
    readonly records: Record<string, string>,
  ) {}

  /** Make an RSA-2048 and an Ed25519 key under {@link DOMAIN} and serve their records. */
  static async create(): Promise<InteropKit> {
    const dir = mkdtempSync(join(tmpdir(), 'inkan-interop-'));
    const rsa = await generateDkimKey({ type: 'rsa', domain: DOMAIN, selector: 'rsa2048' });
    const ed25519 = await generateDkimKey({ type: 'ed25519', domain: DOMAIN, selector: 'ed25519' });
    const resolver = new MemoryResolver();
    const records: Record<string, string> = {};
    for (const key of [rsa, ed25519]) {
      resolver.add(key.name, 'TXT', key.strings);
      records[key.name] = key.record;
    }
    writeFileSync(join(dir, 'rsa.pem'), rsa.privateKeyPem, { mode: 0o600 });
    // dkimpy reads an Ed25519 private key as the base64 of its 32-octet seed (as in RFC 8463's example).
    const seed = ed25519.privateKey.export({ format: 'der', type: 'pkcs8' }).subarray(-32).toString('base64');
    writeFileSync(join(dir, 'ed25519.seed'), seed, { mode: 0o600 });
    writeFileSync(join(dir, 'ed25519.pem'), ed25519.privateKeyPem, { mode: 0o600 });
    const recordsFile = join(dir, 'records.json');
    writeFileSync(recordsFile, JSON.stringify(records));
    const dns = await startDnsServer({ resolver });
    return new InteropKit(dir, rsa, ed25519, resolver, dns, recordsFile, records);
  }

  /** Write a file in the kit's directory and return its path. */
  file(name: string, data: string | Uint8Array): string {
    const path = join(this.dir, name);
    writeFileSync(path, data);
    return path;
  }

  async close(): Promise<void> {
    await this.dns.close();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

function parseJson<T>(run: PeerRun, peer: string): T {
  try {
    return JSON.parse(run.stdout.toString('utf8')) as T;
  } catch {
    throw new Error(`${peer} gave no result (exit ${String(run.code)}): ${run.stderr || run.stdout.toString('utf8')}`);
  }
}

/** One thing for a peer to do: verify a message, or sign one (with a kit key and a `c=` setting). */
export type PeerJob = { mode: 'verify'; message: Uint8Array } | { mode: 'sign'; message: Uint8Array; key: 'rsa' | 'ed25519'; canonicalization: string };

/** What came of a job: the verdicts (one per signature, top first), the signed message, or the peer's error. */
export interface PeerOutcome {
  verdicts?: PeerVerdict[];
  signed?: Buffer;
  error?: string;
}

let batches = 0;

/** Write each job's files and describe it as the peer scripts read it. */
function jobFiles(kit: InteropKit, jobs: readonly PeerJob[]): Array<Record<string, string>> {
  const batch = batches++;
  return jobs.map((job, i): Record<string, string> => {
    const message = kit.file(`b${batch}-${i}.eml`, job.message);
    if (job.mode === 'verify') return { mode: 'verify', message };
    const pair = job.key === 'rsa' ? kit.rsa : kit.ed25519;
    return {
      mode: 'sign',
      message,
      out: join(kit.dir, `b${batch}-${i}.signed.eml`),
      selector: pair.selector,
      domain: DOMAIN,
      // dkimpy reads an Ed25519 key as its base64 seed; PEM for RSA.
      key: join(kit.dir, job.key === 'rsa' ? 'rsa.pem' : 'ed25519.seed'),
      algorithm: job.key === 'rsa' ? 'rsa-sha256' : 'ed25519-sha256',
      canonicalization: job.canonicalization,
    };
  });
}

type RawOutcome = { verdicts?: Array<Record<string, unknown>>; ok?: unknown; error?: string };

function outcomes(raw: RawOutcome[], files: Array<Record<string, string>>, verdict: (r: Record<string, unknown>) => PeerVerdict): PeerOutcome[] {
  return raw.map((r, i) => {
    if (r.error !== undefined) return { error: r.error };
    if (r.verdicts) return { verdicts: r.verdicts.map(verdict) };
    return { signed: readFileSync(files[i]!['out']!) };
  });
}

/** Run jobs with dkimpy (one Python process for all: importing dkim is the slow part); keys from the records file. */
export async function dkimpyJobs(kit: InteropKit, jobs: readonly PeerJob[]): Promise<PeerOutcome[]> {
  const files = jobFiles(kit, jobs);
  const spec = kit.file(`dkimpy-${batches}.json`, JSON.stringify({ records: kit.records, jobs: files }));
  const run = await runPeer(PYTHON, [interopScript('dkimpy-peer.py'), spec], Buffer.alloc(0));
  return outcomes(parseJson<RawOutcome[]>(run, 'dkimpy'), files, (r) => ({
    pass: r['pass'] === true,
    detail: `s=${String(r['selector'])} ${r['pass'] === true ? 'pass' : 'fail'}${r['error'] ? `: ${String(r['error'])}` : ''}`,
  }));
}

/** Run jobs with Mail::DKIM (rsa-sha256 signing); keys from the loopback DNS server. */
export async function mailDkimJobs(kit: InteropKit, jobs: readonly PeerJob[]): Promise<PeerOutcome[]> {
  const files = jobFiles(kit, jobs);
  const spec = kit.file(`mail-dkim-${batches}.json`, JSON.stringify({ jobs: files }));
  const run = await runPeer('perl', [interopScript('mail-dkim-peer.pl'), String(kit.dns.port), spec], Buffer.alloc(0));
  return outcomes(parseJson<RawOutcome[]>(run, 'Mail::DKIM'), files, (r) => ({
    pass: r['result'] === 'pass',
    detail: `s=${String(r['selector'])} ${String(r['result'])} ${String(r['detail'])}`,
  }));
}

let flagsFound: string | undefined;

/**
 * How to get private mount and network namespaces here: as root without a user namespace (works
 * where user namespaces are disabled), else with one (`-r`, works for ordinary users).
 */
function namespaceFlags(): string {
  if (flagsFound) return flagsFound;
  const candidates = process.getuid?.() === 0 ? ['-mn', '-rmn'] : ['-rmn'];
  flagsFound = candidates.find((flags) => spawnSync('unshare', [flags, 'true'], { timeout: 10_000 }).status === 0) ?? candidates[candidates.length - 1]!;
  return flagsFound;
}

/**
 * Verify with `opendkim-testmsg`, once per message, inside private user, mount and network
 * namespaces where /etc/resolv.conf names a DNS responder on the namespace's own 127.0.0.1:53
 * (see opendkim-ns.ts). The tool gives one verdict per message: exit 0 and silence mean it verified.
 */
export async function opendkimVerifyAll(kit: InteropKit, messages: readonly Uint8Array[]): Promise<PeerVerdict[]> {
  const files = jobFiles(kit, messages.map((message) => ({ mode: 'verify', message })));
  const spec = kit.file(`opendkim-${batches}.json`, JSON.stringify({ records: kit.records, jobs: files.map((f) => ({ message: f['message'], args: [] })) }));
  const runner = fileURLToPath(new URL('./opendkim-ns.js', import.meta.url));
  const flags = namespaceFlags();
  const run = await runPeer('unshare', [flags, process.execPath, runner, spec], Buffer.alloc(0), 60_000);
  if (run.code !== 0) throw new Error(`cannot run opendkim-testmsg in private namespaces (unshare ${flags} exit ${String(run.code)}): ${run.stderr}`);
  const result = parseJson<Array<{ code: number; stderr: string }> | { error: string }>(run, 'opendkim-testmsg');
  if (!Array.isArray(result)) throw new Error(`cannot point opendkim-testmsg at the test keys: ${result.error}`);
  return result.map((r) => ({ pass: r.code === 0 && r.stderr === '', detail: `exit ${r.code} ${r.stderr.trim()}` }));
}

/** Sign with `opendkim-testmsg -d -s -k` (no DNS needed); returns the signed message. */
export async function opendkimSign(kit: InteropKit, message: Uint8Array): Promise<Buffer> {
  const run = await runPeer(findBinary('opendkim-testmsg')!, ['-C', '-d', DOMAIN, '-s', kit.rsa.selector, '-k', join(kit.dir, 'rsa.pem')], message);
  if (run.code !== 0) throw new Error(`opendkim-testmsg could not sign (exit ${String(run.code)}): ${run.stderr}`);
  return run.stdout;
}
