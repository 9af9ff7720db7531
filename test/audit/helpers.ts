import { generateKeyPairSync } from 'node:crypto';
import { auditDomain, quoteTxt, type AuditOptions, type DomainAudit, type Finding } from '../../src/audit/index.js';
import { SystemResolver } from '../../src/dns/system.js';
import { findingText } from '../../src/audit/render.js';
import { startDnsServer, type TestDnsServer } from '../helpers/dns-server.js';

const keys = new Map<number, string>();

/** The base64 SubjectPublicKeyInfo of a fresh RSA key of `bits` (made once per size). */
export function rsaPublicKey(bits: number): string {
  let key = keys.get(bits);
  if (!key) {
    const pair = generateKeyPairSync('rsa', { modulusLength: bits });
    key = pair.publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
    keys.set(bits, key);
  }
  return key;
}

/** A DKIM key record's TXT data, quoted for a zone file. */
export function dkimTxt(bits: number, extra = ''): string {
  return quoteTxt(`v=DKIM1; k=rsa;${extra} p=${rsaPublicKey(bits)}`);
}

/** The records of the services the scenarios use (Google, Amazon SES, report services), as published. */
export const PROVIDERS = `
_spf.google.com. IN TXT "v=spf1 include:_netblocks.google.com include:_netblocks2.google.com include:_netblocks3.google.com ~all"
_netblocks.google.com. IN TXT "v=spf1 ip4:35.190.247.0/24 ip4:64.233.160.0/19 ip4:66.102.0.0/20 ~all"
_netblocks2.google.com. IN TXT "v=spf1 ip6:2001:4860:4000::/36 ip6:2404:6800:4000::/36 ~all"
_netblocks3.google.com. IN TXT "v=spf1 ip4:172.217.0.0/19 ip4:172.253.56.0/21 ~all"
aspmx.l.google.com. IN A 192.0.2.26
alt1.aspmx.l.google.com. IN A 192.0.2.27
26.2.0.192.in-addr.arpa. IN PTR aspmx.l.google.com.
27.2.0.192.in-addr.arpa. IN PTR alt1.aspmx.l.google.com.
amazonses.com. IN TXT "v=spf1 ip4:199.255.192.0/22 ip4:199.127.232.0/22 ip4:54.240.0.0/18 -all"
feedback-smtp.us-east-1.amazonses.com. IN A 192.0.2.40
40.2.0.192.in-addr.arpa. IN PTR feedback-smtp.us-east-1.amazonses.com.
inbound-smtp.us-east-1.amazonaws.com. IN A 192.0.2.41
41.2.0.192.in-addr.arpa. IN PTR inbound-smtp.us-east-1.amazonaws.com.
example.com._report._dmarc.reports.example.net. IN TXT "v=DMARC1"
`;

/** A zone for `origin` with its SOA, the scenario's records and the providers'. */
export function zone(origin: string, records: string): string {
  return `$ORIGIN ${origin}.\n$TTL 3600\n@ IN SOA ns1.${origin}. hostmaster.${origin}. 1 3600 600 86400 300\n${records}\n${PROVIDERS}`;
}

/** A resolver asking only `server`, with a short timeout (a silent server is then a quick `timeout`). */
export function resolverFor(server: TestDnsServer, timeout = 2000): SystemResolver {
  return new SystemResolver({ servers: [{ host: server.host, port: server.port }], timeout, attempts: timeout >= 2000 ? 2 : 1 });
}

/** Serve `zoneText`, audit `domain` through real DNS on loopback, stop the server. */
export async function auditWith(
  zoneText: string,
  domain: string,
  options: Omit<AuditOptions, 'resolver'> = {},
  setup?: (server: TestDnsServer) => void,
  timeout?: number,
): Promise<DomainAudit> {
  const server = await startDnsServer({ zone: zoneText });
  try {
    setup?.(server);
    const audit = await auditDomain(domain, { resolver: resolverFor(server, timeout), now: Date.UTC(2026, 0, 15), ...options });
    assertRenders(audit);
    return audit;
  } finally {
    await server.close();
  }
}

/** The ids of findings with these severities, in report order. */
export function idsOf(audit: DomainAudit, ...severities: Array<Finding['severity']>): string[] {
  return audit.findings.filter((f) => severities.includes(f.severity) && f.area !== 'readiness').map((f) => f.id);
}

/** The finding with this id (throws when absent: the test is then wrong). */
export function get(audit: DomainAudit, id: string): Finding {
  const f = audit.findings.find((x) => x.id === id);
  if (!f) throw new Error(`no finding ${id} in ${audit.findings.map((x) => x.id).join(', ')}`);
  return f;
}

/** The fix lines of a finding as `+ line` / `- line`. */
export function fixOf(audit: DomainAudit, id: string): string[] {
  return (get(audit, id).fix ?? []).map((l) => `${l.action === 'add' ? '+' : '-'} ${l.line}`);
}

/** Every finding has a sentence in English and Japanese (the catalogue never falls back to the bare id). */
export function assertRenders(audit: DomainAudit): void {
  for (const f of audit.findings) {
    for (const lang of ['en', 'ja'] as const) {
      const text = findingText(f, lang);
      if (text === (f.message ?? `audit.${f.id}`) || text.includes('undefined')) throw new Error(`${f.id} does not render in ${lang}: ${text}`);
    }
  }
}

const DMARC_OK = '_dmarc IN TXT "v=DMARC1; p=reject; rua=mailto:dmarc@example.com"';

/** A good Google Workspace domain (example.com): the baseline most scenarios change one thing in. */
export function googleZone(extra = '', dmarc = DMARC_OK): string {
  return zone('example.com', `@ IN MX 1 aspmx.l.google.com.\n@ IN MX 5 alt1.aspmx.l.google.com.\n@ IN TXT "v=spf1 include:_spf.google.com ~all"\ngoogle._domainkey IN TXT ${dkimTxt(2048)}\n${dmarc}\n${extra}`);
}
