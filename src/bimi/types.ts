import type { DnsAnswer, TxtRecord } from '../dns/types.js';
import type { DmarcPolicy, DmarcResultWord } from '../dmarc/types.js';

/** How serious a BIMI problem is: `error` stops the logo from being shown, `warning` may, `info` is advice. */
export type BimiSeverity = 'error' | 'warning' | 'info';

/** What can be wrong with a record that starts with `v=BIMI1` (draft-brand-indicators-for-message-identification §4.2). */
export type BimiRecordProblemCode =
  | 'tag-syntax'
  | 'duplicate-tag'
  | 'unknown-tag'
  | 'missing-location'
  | 'bad-location'
  | 'location-not-https'
  | 'too-many-locations'
  | 'bad-evidence'
  | 'evidence-not-https'
  | 'bad-avp'
  | 'version-case';

/** One problem of a BIMI record, with the tag and the offset it concerns. */
export interface BimiRecordProblem {
  code: BimiRecordProblemCode;
  severity: BimiSeverity;
  /** Offset in the record text. */
  position: number;
  tag?: string;
  detail?: string;
}

/** One `tag=value` of a BIMI record as written. */
export interface BimiTag {
  name: string;
  value: string;
  position: number;
}

/** A parsed BIMI Assertion Record: the usable values and every problem met. */
export interface BimiRecord {
  text: string;
  /** `l=`: the HTTPS locations of the SVG logo, in order (empty when the tag is empty or absent). */
  locations: string[];
  /** `a=`: the HTTPS location of the PEM mark certificate (VMC/CMC), when given. */
  evidence?: string;
  /** `avp=`: the avatar preference (`brand` or `personal`), when given. */
  avp?: 'brand' | 'personal';
  /** The record declines to publish an indicator (`v=BIMI1; l=; a=;`): no location and no evidence. */
  declined: boolean;
  tags: BimiTag[];
  problems: BimiRecordProblem[];
}

/** Why a TXT string is not a BIMI record: such strings are discarded. */
export type BimiNotRecordCode = 'no-version' | 'too-long';

/** What {@link parseBimiRecord} returns. */
export type BimiParseResult = { ok: true; record: BimiRecord } | { ok: false; error: { code: BimiNotRecordCode; position: number } };

/** What one TXT query of discovery gave. */
export type BimiLookupOutcome = 'record' | 'none' | 'multiple' | 'error';

/** One query of BIMI record discovery: the name asked, the answer and what it meant. */
export interface BimiDiscoveryStep {
  name: string;
  source: 'author' | 'organizational';
  answer: DnsAnswer<TxtRecord>;
  outcome: BimiLookupOutcome;
  /** TXT strings at the name that are not BIMI records. */
  discarded: number;
}

/** Where the BIMI record was found (author domain first, then the Organizational Domain). */
export type BimiDiscovery =
  | { status: 'found'; selector: string; domain: string; name: string; source: 'author' | 'organizational'; record: BimiRecord; orgDomain?: string; steps: BimiDiscoveryStep[] }
  | { status: 'none'; selector: string; orgDomain?: string; steps: BimiDiscoveryStep[] }
  | { status: 'temperror'; selector: string; steps: BimiDiscoveryStep[]; failure: { name: string; what: string } }
  | { status: 'invalid-domain'; selector: string; steps: BimiDiscoveryStep[] }
  | { status: 'invalid-selector'; selector: string; steps: BimiDiscoveryStep[] };

/** What the BIMI-Selector header field says (draft §4.3): a selector, or why it cannot be used. */
export type BimiSelectorResult =
  | { ok: true; selector: string }
  | { ok: false; reason: 'no-version' | 'no-selector' | 'bad-selector' | 'tag-syntax' };

/** Why the DMARC prerequisites of BIMI are not met (draft §7.2 / §8.3). */
export type BimiDmarcProblemCode =
  | 'no-dmarc-policy'
  | 'dmarc-unusable'
  | 'policy-not-enforcing'
  | 'subdomain-policy-none'
  | 'org-policy-none'
  | 'pct-below-100'
  | 'testing-mode'
  | 'dmarc-not-pass'
  | 'dmarc-temperror'
  | 'invalid-domain';

/** One unmet DMARC prerequisite. */
export interface BimiDmarcProblem {
  code: BimiDmarcProblemCode;
  /** The DMARC policy domain concerned. */
  domain?: string;
  detail?: string;
}

/** The DMARC prerequisites of BIMI for one author domain (and optionally one message). */
export interface BimiDmarcCheck {
  status: 'met' | 'not-met' | 'temperror';
  /** Where the DMARC record was found and the policy that applies to the author domain. */
  policyDomain?: string;
  applied?: { tag: 'p' | 'sp' | 'np'; policy: DmarcPolicy };
  /** The Organizational Domain's own `p=`, when it was looked at. */
  orgPolicy?: { domain: string; p: DmarcPolicy };
  /** The message's DMARC result, when a message was given. */
  messageResult?: DmarcResultWord;
  problems: BimiDmarcProblem[];
}

/** Where the indicator came from: an HTTPS URL or a local file. */
export type BimiSource = { kind: 'url'; url: string } | { kind: 'file'; path: string } | { kind: 'certificate' };
