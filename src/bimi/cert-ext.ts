import { DerError, DerReader, TAG, decodeOid, decodeString, type DerNode } from './der.js';
import { parseLogotype, type LogotypeImage } from './logotype.js';

/** id-kp-BrandIndicatorforMessageIdentification: the extended key usage of mark certificates. */
export const OID_EKU_BIMI = '1.3.6.1.5.5.7.3.31';
/** id-pe-logotype (RFC 3709 §4.1). */
export const OID_LOGOTYPE = '1.3.6.1.5.5.7.1.12';
/** Mark certificate policy arc of the AuthIndicators working group (Mark Certificate requirements §7.1.6). */
export const OID_MC_POLICY_ARC = '1.3.6.1.4.1.53087.1';
/** The `markType` subject attribute of mark certificates. */
export const OID_MARK_TYPE = '1.3.6.1.4.1.53087.1.13';

const OID_EKU = '2.5.29.37';
const OID_SAN = '2.5.29.17';
const OID_POLICIES = '2.5.29.32';

/** What inkan reads from a certificate's DER beyond what Node exposes. */
export interface CertificateFields {
  /** Extended key usage OIDs, or undefined when the extension is absent. */
  extendedKeyUsage?: string[];
  /** dNSName entries of the subject alternative name, lower case. */
  dnsNames: string[];
  /** Certificate policy OIDs. */
  policies: string[];
  /** Subject attributes, by OID (several values kept in order). */
  subject: Array<{ oid: string; value: string }>;
  /** Whether the logotype extension is present, and its images when it could be read. */
  logotype?: { ok: true; images: LogotypeImage[]; indirect: boolean } | { ok: false; error: string };
  /** Extension OIDs marked critical. */
  critical: string[];
}

/** Why a certificate's DER could not be read. */
export interface DerFailure {
  code: string;
  offset: number;
}

function readName(r: DerReader, name: DerNode): Array<{ oid: string; value: string }> {
  const out: Array<{ oid: string; value: string }> = [];
  for (const rdn of r.children(r.expect(name, TAG.sequence), 1)) {
    for (const atv of r.children(r.expect(rdn, TAG.set), 2)) {
      const [type, value] = r.children(r.expect(atv, TAG.sequence), 3);
      if (!type || !value) throw new DerError('truncated', atv.offset);
      out.push({ oid: decodeOid(r.expect(type, TAG.oid)), value: value.tag & 0x20 ? '' : decodeString(value) });
    }
  }
  return out;
}

/** Read the extensions and subject of a DER certificate (RFC 5280 §4.1). */
export function readCertificateFields(der: Uint8Array): { ok: true; fields: CertificateFields } | { ok: false; error: DerFailure } {
  const r = new DerReader(der);
  try {
    const cert = r.expect(r.read(0), TAG.sequence);
    if (cert.end !== der.length) throw new DerError('unexpected', cert.end);
    const [tbs] = r.children(cert);
    const parts = r.children(r.expect(tbs, TAG.sequence), 1);
    let i = parts[0]?.tag === 0xa0 ? 1 : 0;
    i += 4; // serialNumber, signature, issuer, validity
    const subjectNode = parts[i];
    if (!subjectNode) throw new DerError('truncated', tbs!.end);
    const fields: CertificateFields = { dnsNames: [], policies: [], subject: readName(r, subjectNode), critical: [] };
    const extsWrapper = parts.slice(i + 2).find((p) => p.tag === 0xa3);
    if (!extsWrapper) return { ok: true, fields };
    for (const ext of r.children(r.expect(r.inner(extsWrapper), TAG.sequence), 2)) {
      const items = r.children(r.expect(ext, TAG.sequence), 3);
      const oid = decodeOid(r.expect(items[0], TAG.oid));
      const critical = items[1]?.tag === TAG.boolean && items[1].contents[0] !== 0;
      const value = r.expect(items[items.length - 1], TAG.octetString);
      if (critical) fields.critical.push(oid);
      if (oid === OID_EKU) {
        fields.extendedKeyUsage = r.children(r.expect(r.inner(value), TAG.sequence), 4).map((n) => decodeOid(r.expect(n, TAG.oid)));
      } else if (oid === OID_SAN) {
        for (const name of r.children(r.expect(r.inner(value), TAG.sequence), 4)) {
          if (name.tag === 0x82) fields.dnsNames.push(Buffer.from(name.contents).toString('latin1').toLowerCase());
        }
      } else if (oid === OID_POLICIES) {
        for (const info of r.children(r.expect(r.inner(value), TAG.sequence), 4)) {
          const [policy] = r.children(r.expect(info, TAG.sequence), 5);
          fields.policies.push(decodeOid(r.expect(policy, TAG.oid)));
        }
      } else if (oid === OID_LOGOTYPE) {
        fields.logotype = parseLogotype(r, value);
      }
    }
    return { ok: true, fields };
  } catch (e) {
    if (e instanceof DerError) return { ok: false, error: { code: e.code, offset: e.offset } };
    throw e;
  }
}

/** The kind of mark certificate: a Verified Mark Certificate (registered or government mark) or a Common Mark Certificate. */
export type MarkKind = 'vmc' | 'cmc' | 'unknown';

/**
 * Tell a VMC from a CMC by the subject's `markType` (Mark Certificate requirements): `Registered Mark` and
 * `Government Mark` are VMCs; `Prior Use Mark` and `Modified Registered Mark` are CMCs.
 */
export function markKind(fields: CertificateFields): { kind: MarkKind; markType?: string } {
  const markType = fields.subject.find((a) => a.oid === OID_MARK_TYPE)?.value;
  if (markType === undefined) return { kind: 'unknown' };
  const t = markType.trim().toLowerCase();
  if (t === 'registered mark' || t === 'government mark') return { kind: 'vmc', markType };
  if (t === 'prior use mark' || t === 'modified registered mark') return { kind: 'cmc', markType };
  return { kind: 'unknown', markType };
}
