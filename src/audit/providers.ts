/**
 * The sending services inkan recognizes from a domain's SPF includes and DKIM CNAME targets. Suffixes are
 * domains the service owns (a name matches when it equals a suffix or ends with `.suffix`), so a match is
 * certain; selectors are the fixed names the service's setup guide publishes. Keep entries to such facts.
 */
export interface SendingService {
  /** Stable identifier (used in `--json`). */
  id: string;
  /** The name people know it by. */
  name: string;
  /** Suffixes of the `include:` (or `a:`) targets of its SPF setup. */
  spf: string[];
  /** Suffixes of the CNAME targets of its DKIM selectors. */
  dkim: string[];
  /** Selectors it publishes keys at, probed by selector discovery. */
  selectors?: string[];
}

/** The maintained table. */
export const SENDING_SERVICES: readonly SendingService[] = [
  { id: 'google', name: 'Google Workspace', spf: ['_spf.google.com'], dkim: [], selectors: ['google'] },
  { id: 'microsoft365', name: 'Microsoft 365', spf: ['spf.protection.outlook.com'], dkim: ['onmicrosoft.com'], selectors: ['selector1', 'selector2'] },
  { id: 'amazonses', name: 'Amazon SES', spf: ['amazonses.com'], dkim: ['dkim.amazonses.com'] },
  { id: 'sendgrid', name: 'SendGrid', spf: ['sendgrid.net'], dkim: ['sendgrid.net'], selectors: ['s1', 's2'] },
  { id: 'mailchimp', name: 'Mailchimp', spf: ['servers.mcsv.net'], dkim: ['mcsv.net'], selectors: ['k1', 'k2', 'k3'] },
  { id: 'mandrill', name: 'Mailchimp Transactional (Mandrill)', spf: ['spf.mandrillapp.com'], dkim: ['mandrillapp.com'], selectors: ['mandrill'] },
  { id: 'mailgun', name: 'Mailgun', spf: ['mailgun.org'], dkim: ['mailgun.org'], selectors: ['smtp', 'mx', 'krs'] },
  { id: 'postmark', name: 'Postmark', spf: ['spf.mtasv.net'], dkim: ['mtasv.net'] },
  { id: 'sparkpost', name: 'SparkPost', spf: ['_spf.sparkpostmail.com'], dkim: ['sparkpostmail.com'] },
  { id: 'zoho', name: 'Zoho Mail', spf: ['zoho.com', 'zoho.eu', 'zohomail.com'], dkim: [] },
  { id: 'salesforce', name: 'Salesforce', spf: ['_spf.salesforce.com'], dkim: ['custdkim.salesforce.com'] },
  { id: 'hubspot', name: 'HubSpot', spf: ['hubspotemail.net'], dkim: ['hubspotemail.net'] },
  { id: 'zendesk', name: 'Zendesk', spf: ['mail.zendesk.com'], dkim: ['zendesk.com'], selectors: ['zendesk1', 'zendesk2'] },
  { id: 'mailjet', name: 'Mailjet', spf: ['spf.mailjet.com'], dkim: [], selectors: ['mailjet'] },
  { id: 'brevo', name: 'Brevo (Sendinblue)', spf: ['spf.sendinblue.com', 'spf.brevo.com'], dkim: [] },
  { id: 'fastmail', name: 'Fastmail', spf: ['spf.messagingengine.com'], dkim: ['messagingengine.com'], selectors: ['fm1', 'fm2', 'fm3'] },
  { id: 'proton', name: 'Proton Mail', spf: ['_spf.protonmail.ch'], dkim: ['protonmail.ch'], selectors: ['protonmail', 'protonmail2', 'protonmail3'] },
  { id: 'icloud', name: 'iCloud Mail', spf: ['icloud.com'], dkim: [], selectors: ['sig1'] },
  { id: 'xserver', name: 'Xserver', spf: ['spf.sender.xserver.jp', 'xserver.jp'], dkim: [] },
  { id: 'sakura', name: 'さくらのレンタルサーバ (Sakura Internet)', spf: ['sakura.ne.jp'], dkim: [] },
];

/** Selectors probed by DKIM selector discovery besides the services' own: generic names common MTAs and panels use. */
export const GENERIC_SELECTORS = ['default', 'dkim', 'mail', 'selector', 'key1', 'k1', 's1', 's2'];

/** Every selector probed when discovering DKIM keys, without repeats, in a fixed order. */
export function discoverySelectors(): string[] {
  return [...new Set([...GENERIC_SELECTORS, ...SENDING_SERVICES.flatMap((s) => s.selectors ?? [])])];
}

function matches(name: string, suffixes: string[]): boolean {
  const n = name.toLowerCase().replace(/\.$/, '');
  return suffixes.some((s) => n === s || n.endsWith(`.${s}`));
}

/** The service an SPF include (or `a:`) target belongs to. */
export function serviceOfSpfTarget(target: string): SendingService | undefined {
  return SENDING_SERVICES.find((s) => matches(target, s.spf));
}

/** The service a DKIM selector's CNAME target belongs to. */
export function serviceOfDkimTarget(target: string): SendingService | undefined {
  return SENDING_SERVICES.find((s) => matches(target, s.dkim));
}
