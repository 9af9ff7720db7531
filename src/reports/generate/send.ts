import { isIP } from 'node:net';
import nodemailer, { type SendMailOptions } from 'nodemailer';
import { lookupDmarcPolicy } from '../../dmarc/discover.js';
import type { ReportUri } from '../../dmarc/types.js';
import type { Resolver } from '../../dns/types.js';
import { authorizeDestinations, destinationsOf, type Authorization } from './authorize.js';
import type { FailureReportMessage } from './failure.js';
import { aggregateSubject, type AggregateReportFile } from './file.js';

/** Where to hand report messages: a relay (smarthost), or the MX of each destination domain. */
export type Delivery = { via: 'relay'; host: string; port: number; secure?: boolean; ca?: Buffer | string } | { via: 'mx'; port?: number };

/** The outcome for one destination address. */
export interface SendOutcome {
  address: string;
  status: 'sent' | 'failed';
  /** The server's reply (sent) or the error (failed). */
  response: string;
  /** The SMTP host that took (or refused) the message. */
  host?: string;
  /** A failure worth retrying later (a 4xx reply, or no connection), as opposed to a 5xx refusal. */
  temporary?: boolean;
}

/** What happened to one report. */
export interface ReportDelivery {
  filename: string;
  policyDomain: string;
  /** Why nothing was attempted: no record now, no `rua` (or `ruf`), or a DNS failure. */
  problem?: 'no-policy' | 'no-destination' | 'temperror';
  authorizations: Authorization[];
  sends: SendOutcome[];
}

/** Options of {@link sendAggregateReport}. */
export interface SendOptions {
  resolver: Resolver;
  delivery: Delivery;
  /** The HELO name. */
  heloName: string;
  /** Date header. Default: the clock. */
  now?: Date;
  /** Cap on SMTP waits (ms). Default 60 s. */
  timeout?: number;
}

/** Most `rua` destinations a report is sent to (RFC 9989 lets receivers limit them). */
export const MAX_DESTINATIONS = 8;

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Where to connect: a name (for TLS and messages) and, for MX delivery, the address our resolver gave. */
interface Target {
  name: string;
  ip?: string;
}

/** The MX hosts of a domain in preference order (the domain itself when it has no MX, RFC 5321 §5.1), each with an address. */
async function mxTargets(domain: string, resolver: Resolver): Promise<Target[]> {
  const answer = await resolver.query(domain, 'MX');
  let names: string[] = [];
  if (answer.status === 'records') names = [...answer.records].sort((a, b) => a.preference - b.preference).map((r) => r.exchange).filter((h) => h !== '' && h !== '.');
  else if (answer.status === 'nodata') names = [domain];
  const targets: Target[] = [];
  for (const name of names.slice(0, 3)) {
    for (const type of ['A', 'AAAA'] as const) {
      const a = await resolver.query(name, type);
      if (a.status === 'records' && a.records[0]) {
        targets.push({ name, ip: a.records[0] });
        break;
      }
    }
  }
  return targets;
}

/**
 * Hand one message to the relay, or to the MX hosts of the address's domain in preference order (at most 3,
 * addresses from our resolver; opportunistic STARTTLS as between MTAs, RFC 7435). A 5xx refusal is final.
 */
async function deliver(address: string, mail: SendMailOptions, options: SendOptions): Promise<SendOutcome> {
  const domain = address.slice(address.lastIndexOf('@') + 1);
  const relay = options.delivery.via === 'relay' ? options.delivery : undefined;
  const targets: Target[] = relay ? [{ name: relay.host }] : await mxTargets(domain, options.resolver);
  if (!targets.length) return { address, status: 'failed', response: `no mail server for ${domain}`, temporary: true };
  let last = '';
  for (const target of targets) {
    const wait = options.timeout ?? 60_000;
    const transport = nodemailer.createTransport({
      host: target.ip ?? target.name,
      port: relay ? relay.port : options.delivery.via === 'mx' ? options.delivery.port ?? 25 : 25,
      secure: relay?.secure ?? false,
      name: options.heloName,
      connectionTimeout: wait,
      greetingTimeout: wait,
      socketTimeout: wait,
      tls: relay ? { ...(isIP(target.name) ? {} : { servername: target.name }), ...(relay.ca ? { ca: relay.ca } : {}) } : { servername: target.name, rejectUnauthorized: false },
    });
    try {
      const info = await transport.sendMail(mail);
      return { address, status: 'sent', response: info.response, host: target.name };
    } catch (e) {
      last = errorText(e);
      const code = (e as { responseCode?: number }).responseCode;
      if (code !== undefined && code >= 500) return { address, status: 'failed', response: last, host: target.name, temporary: false };
    } finally {
      transport.close();
    }
  }
  return { address, status: 'failed', response: last, temporary: true };
}

/** The report message (RFC 9990 §3 "Email"): the subject with Report-ID, a short text part, the gzipped XML as `application/gzip`. */
function aggregateMail(file: AggregateReportFile, address: string, now: Date): SendMailOptions {
  const { report } = file;
  return {
    from: report.reporter.email,
    to: address,
    subject: aggregateSubject(report),
    messageId: `<${report.reportId}@${report.reporter.domain}>`,
    date: now,
    text: `DMARC aggregate report for ${report.policyPublished.domain} from ${report.reporter.orgName}, ${new Date(report.begin * 1000).toISOString()} to ${new Date(report.end * 1000).toISOString()}.\n`,
    attachments: [{ filename: file.filename, content: file.gzip, contentType: 'application/gzip' }],
  };
}

/** Where a report may go now: the authorization of each URI and the addresses to mail, or why there are none. */
export interface Destinations {
  problem?: ReportDelivery['problem'];
  authorizations: Authorization[];
  addresses: string[];
}

/** Look up the policy record of `policyDomain` now and authorize its `rua` or `ruf` destinations (at most {@link MAX_DESTINATIONS}). */
export async function reportDestinations(policyDomain: string, tag: 'rua' | 'ruf', resolver: Resolver): Promise<Destinations> {
  const lookup = await lookupDmarcPolicy(policyDomain, { resolver });
  const d = lookup.discovery;
  if (d.status === 'temperror') return { problem: 'temperror', authorizations: [], addresses: [] };
  if (d.status !== 'found' || d.policy.domain !== policyDomain) return { problem: 'no-policy', authorizations: [], addresses: [] };
  const uris: ReportUri[] = d.policy.record[tag].slice(0, MAX_DESTINATIONS);
  if (!uris.length) return { problem: 'no-destination', authorizations: [], addresses: [] };
  const orgDomain = lookup.orgDomain?.ok ? lookup.orgDomain.orgDomain : policyDomain;
  const authorizations = await authorizeDestinations(policyDomain, orgDomain, uris, resolver, tag);
  return { authorizations, addresses: [...new Set(authorizations.flatMap(destinationsOf))].slice(0, MAX_DESTINATIONS) };
}

/** Mail one aggregate report to one (authorized) address. */
export async function deliverAggregateReport(file: AggregateReportFile, address: string, options: SendOptions): Promise<SendOutcome> {
  return deliver(address, aggregateMail(file, address, options.now ?? new Date()), options);
}

/**
 * Send one aggregate report to the `rua` of its policy domain as published now: look the record up,
 * check each external destination's authorization (RFC 9990 §4), and mail the gzipped report to every
 * authorized address (at most {@link MAX_DESTINATIONS}).
 */
export async function sendAggregateReport(file: AggregateReportFile, options: SendOptions): Promise<ReportDelivery> {
  const policyDomain = file.report.policyPublished.domain;
  const found = await reportDestinations(policyDomain, 'rua', options.resolver);
  const out: ReportDelivery = { filename: file.filename, policyDomain, authorizations: found.authorizations, sends: [], ...(found.problem ? { problem: found.problem } : {}) };
  for (const address of found.addresses) out.sends.push(await deliverAggregateReport(file, address, options));
  return out;
}

/**
 * Send a failure report (built by `buildFailureReport`) to the authorized `ruf` destinations of the policy
 * domain (`found`, when the caller already looked them up); the `raw` message goes with a `To:` per address.
 */
export async function sendFailureReport(message: FailureReportMessage, policyDomain: string, from: string, options: SendOptions, found?: Destinations): Promise<ReportDelivery> {
  found ??= await reportDestinations(policyDomain, 'ruf', options.resolver);
  const out: ReportDelivery = { filename: message.messageId, policyDomain, authorizations: found.authorizations, sends: [], ...(found.problem ? { problem: found.problem } : {}) };
  for (const address of found.addresses) {
    out.sends.push(await deliver(address, { envelope: { from, to: [address] }, raw: message.raw.replace(/\r\n\r\n/, `\r\nTo: ${address}\r\n\r\n`) }, options));
  }
  return out;
}
