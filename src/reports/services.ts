import { SENDING_SERVICES } from '../audit/providers.js';

/**
 * How report sources are recognised: the sending services of src/audit/providers.ts (one table for
 * `inkan check` and the reports), with the names their outbound servers' PTR records, their DKIM `d=`
 * and their bounce (MAIL FROM) domains end in, plus forwarders.
 */
export interface ReportService {
  /** The id in src/audit/providers.ts, or a forwarder's own id. */
  id: string;
  name: string;
  /** Suffixes of the PTR names of its outbound servers. */
  ptr: string[];
  /** Suffixes of the `d=` it signs with when not set up to sign with the customer's domain. */
  dkim: string[];
  /** Suffixes of the MAIL FROM domains it uses unless a custom MAIL FROM is set, and its SPF include targets. */
  spf: string[];
  /** Forwarders and mailing lists: their mail keeps the author's DKIM but fails SPF. */
  forwarder?: boolean;
}

/** What the reports add to each audit entry: PTR suffixes, default d= and bounce domains. */
const EXTRA: Record<string, Pick<ReportService, 'ptr' | 'dkim' | 'spf'>> = {
  google: { ptr: ['google.com'], dkim: ['gappssmtp.com'], spf: ['google.com'] },
  microsoft365: { ptr: ['outbound.protection.outlook.com', 'protection.outlook.com'], dkim: ['onmicrosoft.com'], spf: ['outlook.com'] },
  amazonses: { ptr: ['amazonses.com', 'smtp-out.amazonses.com'], dkim: ['amazonses.com'], spf: ['amazonses.com'] },
  sendgrid: { ptr: ['sendgrid.net'], dkim: ['sendgrid.net', 'sendgrid.info'], spf: ['sendgrid.net'] },
  mailchimp: { ptr: ['mcsv.net', 'rsgsv.net', 'mcdlv.net'], dkim: ['mcsv.net', 'mcdlv.net'], spf: ['mcsv.net', 'rsgsv.net', 'mcdlv.net'] },
  mandrill: { ptr: ['mandrillapp.com'], dkim: ['mandrillapp.com'], spf: ['mandrillapp.com'] },
  mailgun: { ptr: ['mailgun.net', 'mailgun.info'], dkim: ['mailgun.org', 'mailgun.info'], spf: ['mailgun.org', 'mailgun.net'] },
  postmark: { ptr: ['mtasv.net'], dkim: ['mtasv.net'], spf: ['mtasv.net'] },
  sparkpost: { ptr: ['sparkpostmail.com'], dkim: ['sparkpostmail.com'], spf: ['sparkpostmail.com'] },
  zoho: { ptr: ['zoho.com', 'zoho.eu', 'zohomail.com'], dkim: [], spf: [] },
  salesforce: { ptr: ['salesforce.com', 'exacttarget.com'], dkim: ['salesforce.com'], spf: ['salesforce.com', 'exacttarget.com'] },
  hubspot: { ptr: ['hubspotemail.net'], dkim: ['hubspotemail.net', 'hubspotstarter.net'], spf: ['hubspotemail.net', 'hubspotstarter.net'] },
  zendesk: { ptr: ['zendesk.com'], dkim: ['zendesk.com', 'zendesk-email.com'], spf: ['zendesk.com'] },
  mailjet: { ptr: ['mailjet.com'], dkim: ['mailjet.com'], spf: ['mailjet.com'] },
  brevo: { ptr: ['sendinblue.com', 'brevo.com', 'sender-sib.com'], dkim: ['sendinblue.com', 'brevo.com'], spf: ['sendinblue.com', 'brevo.com'] },
  fastmail: { ptr: ['messagingengine.com'], dkim: ['messagingengine.com'], spf: ['messagingengine.com'] },
  proton: { ptr: ['protonmail.ch', 'protonmail.com'], dkim: [], spf: [] },
  icloud: { ptr: ['icloud.com', 'apple.com'], dkim: ['icloud.com'], spf: ['icloud.com'] },
  xserver: { ptr: ['xserver.jp'], dkim: [], spf: [] },
  sakura: { ptr: ['sakura.ne.jp'], dkim: [], spf: [] },
};

/** Forwarders and list servers commonly seen in reports. */
const FORWARDERS: ReportService[] = [
  { id: 'pobox', name: 'Pobox', ptr: ['pobox.com'], dkim: [], spf: [], forwarder: true },
  { id: 'forwardemail', name: 'Forward Email', ptr: ['forwardemail.net'], dkim: [], spf: [], forwarder: true },
  { id: 'improvmx', name: 'ImprovMX', ptr: ['improvmx.com'], dkim: [], spf: [], forwarder: true },
  { id: 'cloudflare-routing', name: 'Cloudflare Email Routing', ptr: ['mx.cloudflare.net', 'cloudflare-email.net'], dkim: [], spf: [], forwarder: true },
  { id: 'mailbox-org', name: 'mailbox.org', ptr: ['mailbox.org'], dkim: [], spf: [], forwarder: true },
  { id: 'gmx', name: 'GMX / WEB.DE', ptr: ['gmx.net', 'web.de'], dkim: [], spf: [], forwarder: true },
  { id: 'university-relay', name: 'Academic mail relay', ptr: ['ac.jp', 'edu'], dkim: [], spf: [], forwarder: true },
];

/** The table: every audit service (with its SPF include targets) plus forwarders. */
export const REPORT_SERVICES: readonly ReportService[] = [
  ...SENDING_SERVICES.map((s) => {
    const extra = EXTRA[s.id] ?? { ptr: [], dkim: [], spf: [] };
    return { id: s.id, name: s.name, ptr: extra.ptr, dkim: [...extra.dkim, ...s.dkim], spf: [...extra.spf, ...s.spf] };
  }),
  ...FORWARDERS,
];

function under(name: string, suffixes: readonly string[]): boolean {
  const n = name.toLowerCase().replace(/\.$/, '');
  return suffixes.some((s) => n === s || n.endsWith(`.${s}`));
}

/** What identified a source as a service. */
export type ServiceEvidence = 'ptr' | 'dkim' | 'spf';

/** The service a source belongs to, from its PTR name, the DKIM d= it signed with and its SPF (MAIL FROM) domain. */
export function recognizeService(facts: { ptr?: string | undefined; dkimDomains: readonly string[]; spfDomains: readonly string[] }): { service: ReportService; by: ServiceEvidence } | undefined {
  for (const service of REPORT_SERVICES) {
    if (facts.ptr && under(facts.ptr, service.ptr)) return { service, by: 'ptr' };
  }
  for (const service of REPORT_SERVICES) {
    if (facts.dkimDomains.some((d) => under(d, service.dkim))) return { service, by: 'dkim' };
    if (facts.spfDomains.some((d) => under(d, service.spf))) return { service, by: 'spf' };
  }
  return undefined;
}

/** The `include:` a domain adds to authorize a service in SPF (the first SPF target the audit table knows). */
export function spfIncludeOf(serviceId: string): string | undefined {
  return SENDING_SERVICES.find((s) => s.id === serviceId)?.spf[0];
}
