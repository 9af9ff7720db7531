// `inkan check` wall time against the longest chain of dependent DNS lookups: with every answer delayed
// 50 ms by the test DNS server, a domain audit should take about (longest chain × 50 ms), not (lookups × 50 ms).
import { generateKeyPairSync } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { quoteTxt } from '../src/audit/finding.js';
import { auditDomain } from '../src/audit/index.js';
import { SystemResolver } from '../src/dns/system.js';
import { Worker } from 'node:worker_threads';

/** Added to every DNS answer. */
const LATENCY_MS = 50;

/**
 * The longest chain of lookups that wait on each other in this zone: the SPF include tree is 4 deep
 * (the domain's TXT, then three include levels), as is reverse DNS (MX, exchange A, PTR, PTR name A).
 */
export const LONGEST_CHAIN = 4;

/** The target for wall time ÷ (latency × longest chain). */
export const AUDIT_RATIO_TARGET = 1.5;


/** The bench zone: a 3-level include tree, DMARC (with an external rua) at the organizational domain, two DKIM selectors, BIMI, MX with reverse DNS. */
export function benchZone(): string {
  const key = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
  const dkim = quoteTxt(`v=DKIM1; k=rsa; p=${key}`);
  return `$ORIGIN bench.example.
$TTL 3600
@ IN SOA ns1.bench.example. hostmaster.bench.example. 1 3600 600 86400 300
@ IN MX 10 mx1.bench.example.
@ IN MX 20 mx2.bench.example.
mx1 IN A 192.0.2.10
mx2 IN A 192.0.2.11
10.2.0.192.in-addr.arpa. IN PTR mx1.bench.example.
11.2.0.192.in-addr.arpa. IN PTR mx2.bench.example.
@ IN TXT "v=spf1 include:l1.bench.example ip4:192.0.2.0/24 -all"
l1 IN TXT "v=spf1 include:l2.bench.example -all"
l2 IN TXT "v=spf1 include:l3.bench.example -all"
l3 IN TXT "v=spf1 ip4:198.51.100.0/24 -all"
_dmarc IN TXT "v=DMARC1; p=reject; rua=mailto:d@bench.example,mailto:agg@reports.example.net"
bench.example._report._dmarc.reports.example.net. IN TXT "v=DMARC1"
s1._domainkey IN TXT ${dkim}
s2._domainkey IN TXT ${dkim}
default._bimi IN TXT "v=BIMI1; l=https://bench.example/logo.svg; a=https://bench.example/vmc.pem"
`;
}

/** What one run of the bench measured. */
export interface AuditBenchResult {
  /** Median wall time of one domain audit, in ms. */
  wallMs: number;
  /** Distinct DNS questions one audit asks. */
  queries: number;
  longestChain: number;
  /** wallMs ÷ (latency × longest chain): 1.0 is the floor, the target is ≤ 1.5. */
  ratio: number;
}

/** The test DNS server in a worker thread (its own event loop, as a real server would have), answering after `latency` ms. */
async function startSlowServer(zone: string, latency: number): Promise<{ host: string; port: number; close: () => Promise<void> }> {
  const serverUrl = new URL('../test/helpers/dns-server.js', import.meta.url).href;
  const code = `
    const { parentPort, workerData } = require('node:worker_threads');
    import(workerData.serverUrl).then(async ({ startDnsServer }) => {
      const server = await startDnsServer({ zone: workerData.zone });
      server.fault('*', { latency: workerData.latency });
      parentPort.postMessage({ host: server.host, port: server.port });
      parentPort.once('message', async () => { await server.close(); parentPort.close(); });
    });`;
  const worker = new Worker(code, { eval: true, workerData: { serverUrl, zone, latency } });
  const address = await new Promise<{ host: string; port: number }>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  return {
    ...address,
    close: async () => {
      worker.postMessage('close');
      await new Promise((resolve) => worker.once('exit', resolve));
    },
  };
}

/** Audit the bench domain `runs` times (after `warmup` untimed runs) against the slowed server, a fresh resolver without cache each time; print and return the figures. */
export async function benchAudit(runs = 7, warmup = 2): Promise<AuditBenchResult> {
  const server = await startSlowServer(benchZone(), LATENCY_MS);
  const times: number[] = [];
  let queries = 0;
  try {
    for (let i = 0; i < warmup + runs; i++) {
      const resolver = new SystemResolver({ servers: [{ host: server.host, port: server.port }], timeout: 2000, cache: false });
      const start = performance.now();
      const audit = await auditDomain('bench.example', { resolver, selectors: ['s1', 's2'], now: Date.UTC(2026, 0, 1) });
      if (i >= warmup) times.push(performance.now() - start);
      queries = audit.queries;
      if (audit.summary.unchecked) throw new Error(`bench audit could not check ${audit.summary.unchecked} items`);
    }
  } finally {
    await server.close();
  }
  times.sort((a, b) => a - b);
  const wallMs = times[times.length >> 1]!;
  const ratio = wallMs / (LATENCY_MS * LONGEST_CHAIN);
  console.log(`\ninkan check (bench.example: 3-level include tree, DMARC at the organizational domain, 2 DKIM selectors + discovery, BIMI; ${LATENCY_MS} ms per DNS answer)`);
  console.log(`  ${queries} DNS questions, longest dependent chain ${LONGEST_CHAIN}: median wall ${wallMs.toFixed(0)} ms over ${runs} runs`);
  console.log(`  ratio wall ÷ (${LATENCY_MS} ms × ${LONGEST_CHAIN}) = ${ratio.toFixed(2)} (target ≤ ${AUDIT_RATIO_TARGET}, ${ratio <= AUDIT_RATIO_TARGET ? 'met' : 'NOT met'})`);
  return { wallMs, queries, longestChain: LONGEST_CHAIN, ratio };
}
