import { MemoryResolver } from '../src/dns/memory.js';

/** One SPF question of the benchmark. */
export interface SpfCase {
  ip: string;
  mailFrom: string;
  helo: string;
}

function netblocks(prefix: string, count: number): string {
  const terms: string[] = [];
  for (let i = 0; i < count; i++) terms.push(`ip4:${prefix}.${i * 8}/29`);
  return terms.join(' ');
}

/**
 * Zones shaped like real senders: a company with MX, A and two provider includes (one nested
 * with long ip4 lists, like the big mailbox providers), an ip-only record, a macro with exists,
 * a redirect, and a domain without SPF.
 */
export function spfBenchResolver(): MemoryResolver {
  const r = new MemoryResolver();
  r.add('corp.example', 'TXT', ['v=spf1 mx a include:_spf.provider1.example include:_spf.provider2.example ~all']);
  r.add('corp.example', 'MX', { preference: 10, exchange: 'mx1.corp.example' });
  r.add('corp.example', 'MX', { preference: 20, exchange: 'mx2.corp.example' });
  r.add('corp.example', 'A', '192.0.2.80');
  r.add('mx1.corp.example', 'A', '192.0.2.10');
  r.add('mx2.corp.example', 'A', '192.0.2.11');
  r.add('mx1.corp.example', 'AAAA', '2001:db8::10');
  r.add('_spf.provider1.example', 'TXT', ['v=spf1 include:_nb1.provider1.example include:_nb2.provider1.example include:_nb3.provider1.example ~all']);
  r.add('_nb1.provider1.example', 'TXT', [`v=spf1 ${netblocks('198.51.100', 12)} ip6:2001:db8:1::/48 ~all`]);
  r.add('_nb2.provider1.example', 'TXT', [`v=spf1 ${netblocks('203.0.113', 12)} ip6:2001:db8:2::/48 ~all`]);
  r.add('_nb3.provider1.example', 'TXT', [`v=spf1 ${netblocks('192.0.2', 12)} ~all`]);
  r.add('_spf.provider2.example', 'TXT', ['v=spf1 ip4:100.64.0.0/16 ip4:100.65.0.0/16 ip6:2001:db8:ff::/48 -all']);
  r.add('ip.example', 'TXT', ['v=spf1 ip4:192.0.2.0/25 ip4:198.51.100.0/24 ip6:2001:db8::/32 -all']);
  r.add('macro.example', 'TXT', ['v=spf1 exists:%{i}._spf.macro.example -all']);
  r.add('192.0.2.33._spf.macro.example', 'A', '127.0.0.2');
  r.add('redirect.example', 'TXT', ['v=spf1 redirect=corp.example']);
  r.add('other.example', 'TXT', ['v=spf1 a:relay.other.example -all']);
  r.add('other.example', 'TXT', ['google-site-verification=abc']);
  r.add('relay.other.example', 'A', '203.0.113.200');
  return r;
}

/** The questions: passes at several depths, fails, softfails, none. */
export const spfBenchCases: SpfCase[] = [
  { ip: '192.0.2.10', mailFrom: 'alice@corp.example', helo: 'mx1.corp.example' },
  { ip: '192.0.2.80', mailFrom: 'alice@corp.example', helo: 'corp.example' },
  { ip: '203.0.113.42', mailFrom: 'news@corp.example', helo: 'out.provider1.example' },
  { ip: '192.0.2.90', mailFrom: 'news@corp.example', helo: 'out.provider1.example' },
  { ip: '100.65.3.4', mailFrom: 'billing@corp.example', helo: 'out.provider2.example' },
  { ip: '2001:db8:2::25', mailFrom: 'news@corp.example', helo: 'out.provider1.example' },
  { ip: '10.1.2.3', mailFrom: 'spoof@corp.example', helo: 'evil.example' },
  { ip: '198.51.100.7', mailFrom: 'bob@ip.example', helo: 'mail.ip.example' },
  { ip: '203.0.113.9', mailFrom: 'bob@ip.example', helo: 'mail.ip.example' },
  { ip: '192.0.2.33', mailFrom: 'carol@macro.example', helo: 'mail.macro.example' },
  { ip: '192.0.2.34', mailFrom: 'carol@macro.example', helo: 'mail.macro.example' },
  { ip: '192.0.2.11', mailFrom: 'dave@redirect.example', helo: 'mx2.corp.example' },
  { ip: '203.0.113.200', mailFrom: 'erin@other.example', helo: 'relay.other.example' },
  { ip: '203.0.113.201', mailFrom: 'erin@nospf.example', helo: 'relay.nospf.example' },
];
