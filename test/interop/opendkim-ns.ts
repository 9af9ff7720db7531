/**
 * Runs `opendkim-testmsg` with its DNS pointed at test keys. libopendkim asks the system resolver
 * (res_nquery, /etc/resolv.conf, port 53) and has no option for another server or a key file, so
 * this script runs inside `unshare -rmn` (private user, mount and network namespaces): it brings up
 * the namespace's own loopback, bind-mounts a resolv.conf naming 127.0.0.1, answers TXT queries on
 * 127.0.0.1:53 from the spec, runs the tool once per job and prints `[{ code, stdout, stderr }]` as JSON
 * (or `{ error }` when the namespace cannot be set up).
 *
 *   unshare -rmn node opendkim-ns.js SPEC.json   (SPEC: { records, jobs: [{ message, args }] })
 */
import { spawn, spawnSync } from 'node:child_process';
import * as dgram from 'node:dgram';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as packet from 'dns-packet';

interface Spec {
  /** Key record name -> TXT value. */
  records: Record<string, string>;
  jobs: Array<{
    /** Path of the message to feed on stdin. */
    message: string;
    /** Arguments for opendkim-testmsg. */
    args: string[];
  }>;
}

const LOOPBACK_UP = `
import fcntl, socket, struct
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
flags = struct.unpack('16sH', fcntl.ioctl(s, 0x8913, struct.pack('16sH14x', b'lo', 0))[:18])[1]
fcntl.ioctl(s, 0x8914, struct.pack('16sH14x', b'lo', flags | 1))
`;

function fail(message: string): never {
  process.stdout.write(JSON.stringify({ error: message }));
  process.exit(0);
}

function chunk(text: string): Buffer[] {
  const bytes = Buffer.from(text, 'utf8');
  const out: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += 255) out.push(bytes.subarray(i, i + 255));
  return out;
}

async function main(): Promise<void> {
  const spec = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as Spec;
  const records = new Map(Object.entries(spec.records).map(([k, v]) => [k.toLowerCase().replace(/\.$/, ''), v]));
  const up = spawnSync('/usr/bin/python3', ['-c', LOOPBACK_UP], { encoding: 'utf8', timeout: 5000 });
  if (up.status !== 0) fail(`cannot bring up loopback in the namespace: ${up.stderr}`);
  const dir = mkdtempSync(join(tmpdir(), 'inkan-opendkim-'));
  const resolvConf = join(dir, 'resolv.conf');
  writeFileSync(resolvConf, 'nameserver 127.0.0.1\noptions attempts:1 timeout:2\n');
  const mount = spawnSync('mount', ['--bind', resolvConf, '/etc/resolv.conf'], { encoding: 'utf8', timeout: 5000 });
  if (mount.status !== 0) fail(`cannot bind-mount resolv.conf in the namespace: ${mount.stderr}`);

  const udp = dgram.createSocket('udp4');
  udp.on('message', (datagram, from) => {
    let query: packet.Packet;
    try {
      query = packet.decode(datagram);
    } catch {
      return;
    }
    const question = query.questions?.[0];
    if (!question) return;
    const value = records.get(question.name.toLowerCase().replace(/\.$/, ''));
    const answers: packet.Answer[] =
      value !== undefined && question.type === 'TXT' ? [{ type: 'TXT', name: question.name, ttl: 60, data: chunk(value) }] : [];
    const reply = packet.encode({
      id: query.id,
      type: 'response',
      flags: packet.AUTHORITATIVE_ANSWER | packet.RECURSION_DESIRED | packet.RECURSION_AVAILABLE | (value === undefined ? 3 : 0),
      questions: [question],
      answers,
    });
    udp.send(reply, from.port, from.address);
  });
  await new Promise<void>((resolve, reject) => {
    udp.once('error', reject);
    udp.bind(53, '127.0.0.1', resolve);
  }).catch((e: unknown) => fail(`cannot listen on 127.0.0.1:53 in the namespace: ${String(e)}`));

  const results = [];
  for (const job of spec.jobs) results.push(await testmsg(job.args, readFileSync(job.message)));
  udp.close();
  rmSync(dir, { recursive: true, force: true });
  process.stdout.write(JSON.stringify(results));
}

async function testmsg(args: string[], message: Buffer): Promise<{ code: number; stdout: string; stderr: string }> {
  const child = spawn('opendkim-testmsg', args, { stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString('latin1')));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
  const timer = setTimeout(() => child.kill('SIGKILL'), 15000);
  child.stdin.on('error', () => undefined);
  child.stdin.end(message);
  const code = await new Promise<number>((resolve) => child.on('close', (c) => resolve(c ?? -1)));
  clearTimeout(timer);
  return { code, stdout, stderr };
}

await main();
