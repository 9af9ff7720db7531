import type { Brand } from './types.js';

/** Well-known brands that phishing imitates, with the registrable domains they really send from. */
export const BRANDS: readonly Brand[] = [
  { name: 'Amazon', words: ['amazon', 'アマゾン'], domains: ['amazon.com', 'amazon.co.jp', 'amazon.co.uk', 'amazon.de', 'amazonses.com'] },
  { name: 'Apple', words: ['apple', 'icloud', 'アップル'], domains: ['apple.com', 'icloud.com', 'me.com'] },
  { name: 'Google', words: ['google', 'gmail', 'グーグル'], domains: ['google.com', 'gmail.com', 'youtube.com'] },
  { name: 'Microsoft', words: ['microsoft', 'outlook', 'office 365', 'office365', 'マイクロソフト'], domains: ['microsoft.com', 'outlook.com', 'office.com', 'live.com', 'hotmail.com'] },
  { name: 'PayPal', words: ['paypal', 'ペイパル'], domains: ['paypal.com', 'paypal.jp'] },
  { name: 'Netflix', words: ['netflix', 'ネットフリックス'], domains: ['netflix.com'] },
  { name: 'Facebook', words: ['facebook', 'meta', 'instagram'], domains: ['facebook.com', 'facebookmail.com', 'meta.com', 'instagram.com'] },
  { name: 'DHL', words: ['dhl'], domains: ['dhl.com', 'dhl.de'] },
  { name: 'Rakuten', words: ['rakuten', '楽天'], domains: ['rakuten.co.jp', 'rakuten.com', 'rakuten-card.co.jp', 'rakuten-bank.co.jp'] },
  { name: 'Mercari', words: ['mercari', 'メルカリ'], domains: ['mercari.com', 'mercari.jp'] },
  { name: 'SMBC', words: ['smbc', '三井住友'], domains: ['smbc.co.jp', 'smbc-card.com', 'vpass.ne.jp'] },
  { name: 'MUFG', words: ['mufg', '三菱ufj'], domains: ['mufg.jp', 'bk.mufg.jp'] },
  { name: 'Mizuho', words: ['mizuho', 'みずほ'], domains: ['mizuhobank.co.jp', 'mizuho-fg.co.jp'] },
  { name: 'Japan Post', words: ['japan post', '日本郵便', 'ゆうちょ'], domains: ['post.japanpost.jp', 'japanpost.jp', 'jp-bank.japanpost.jp'] },
  { name: 'Yamato', words: ['yamato', 'ヤマト運輸', 'クロネコ'], domains: ['kuronekoyamato.co.jp'] },
  { name: 'Sagawa', words: ['sagawa', '佐川急便'], domains: ['sagawa-exp.co.jp'] },
  { name: 'NTT docomo', words: ['docomo', 'ドコモ'], domains: ['docomo.ne.jp', 'nttdocomo.co.jp'] },
  { name: 'au', words: ['au pay', 'kddi'], domains: ['au.com', 'kddi.com', 'ezweb.ne.jp'] },
  { name: 'SoftBank', words: ['softbank', 'ソフトバンク'], domains: ['softbank.jp', 'softbank.ne.jp'] },
  { name: 'American Express', words: ['american express', 'amex'], domains: ['americanexpress.com', 'aexp.com'] },
  { name: 'Visa', words: ['visa'], domains: ['visa.com', 'visa.co.jp'] },
  { name: 'Mastercard', words: ['mastercard'], domains: ['mastercard.com'] },
  { name: 'LINE', words: ['line ヤフー', 'line株式会社'], domains: ['line.me', 'linecorp.com', 'lycorp.co.jp'] },
  { name: 'Yahoo', words: ['yahoo', 'ヤフー'], domains: ['yahoo.com', 'yahoo.co.jp'] },
];

/** Free mailbox providers: anyone can have an address there. */
export const FREEMAIL: ReadonlySet<string> = new Set([
  'gmail.com', 'googlemail.com', 'yahoo.com', 'yahoo.co.jp', 'ymail.com', 'outlook.com', 'outlook.jp', 'hotmail.com', 'hotmail.co.jp',
  'live.com', 'live.jp', 'msn.com', 'icloud.com', 'me.com', 'aol.com', 'gmx.com', 'gmx.de', 'web.de', 'mail.ru', 'yandex.ru',
  'protonmail.com', 'proton.me', 'zoho.com', 'qq.com', '163.com', '126.com', 'naver.com', 'docomo.ne.jp', 'ezweb.ne.jp',
  'softbank.ne.jp', 'i.softbank.jp', 'au.com',
]);

/** Envelope domains of email service providers that send on behalf of their customers. */
export const ESP_ENVELOPES: readonly string[] = [
  'sendgrid.net', 'amazonses.com', 'mailgun.org', 'mailgun.net', 'mcsv.net', 'mcdlv.net', 'mandrillapp.com', 'sparkpostmail.com',
  'exacttarget.com', 'sfmc-bounces.com', 'postmarkapp.com', 'mtasv.net', 'rsgsv.net', 'cmail19.com', 'cmail20.com', 'bnc3.com',
  'blastmail.jp', 'benchmarkemail.com', 'hubspotemail.net', 'zendesk.com', 'salesforce.com', 'bounces.google.com', 'cuenote.jp',
];

/** Display-name words that claim an organization (a company, a bank, a support desk). */
export const COMPANY_WORDS: readonly string[] = [
  'support', 'security', 'billing', 'account', 'service', 'customer', 'bank', 'team', 'inc', 'ltd', 'llc', 'corp', 'official',
  'helpdesk', 'notification', 'admin', 'サポート', 'セキュリティ', '銀行', 'カスタマー', '事務局', '株式会社', 'お客様', 'センター', '運営',
];

/** The brand whose domains include `orgDomain`, if any. */
export function brandOfDomain(orgDomain: string, brands: readonly Brand[]): Brand | undefined {
  return brands.find((b) => b.domains.some((d) => d === orgDomain || orgDomain.endsWith(`.${d}`)));
}
