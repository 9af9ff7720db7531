import { X509Certificate, createHash } from 'node:crypto';
import { OID_EKU_BIMI, markKind, readCertificateFields, type CertificateFields, type MarkKind } from './cert-ext.js';
import { decodeLogoDataUri, hashMatches } from './logotype.js';
import { checkSvg, type SvgCheck } from './svg.js';
import type { BimiSeverity } from './types.js';

/** Every way a mark certificate can fail; rendered by `bimi.cert.<code>` and `bimi.fix.cert.<code>`. */
export type CertProblemCode =
  | 'no-certificate'
  | 'too-many-certificates'
  | 'pem-too-large'
  | 'malformed-certificate'
  | 'chain-broken'
  | 'issuer-not-ca'
  | 'untrusted-root'
  | 'no-trust-store'
  | 'expired'
  | 'not-yet-valid'
  | 'missing-bimi-eku'
  | 'san-mismatch'
  | 'missing-logotype'
  | 'logotype-malformed'
  | 'logotype-not-embedded'
  | 'logotype-not-svg'
  | 'logotype-bad-data'
  | 'logotype-too-large'
  | 'logotype-hash-mismatch'
  | 'logotype-hash-unsupported'
  | 'logotype-svg-mismatch'
  | 'logotype-svg-invalid'
  | 'mark-type-unknown';

/** One problem of the evidence document, with the certificate it concerns (0 is the leaf). */
export interface CertProblem {
  code: CertProblemCode;
  severity: BimiSeverity;
  index?: number;
  detail?: string;
}

/** What the report shows of one certificate of the chain. */
export interface CertificateSummary {
  subject: string;
  issuer: string;
  serialNumber: string;
  validFrom: string;
  validTo: string;
  fingerprint256: string;
  ca: boolean;
}

/** The logo embedded in the leaf certificate. */
export interface EmbeddedLogo {
  mediaType: string;
  gzip: boolean;
  /** SHA-256 of the SVG (after decompression), hex. */
  sha256: string;
  svg: Buffer;
  check: SvgCheck;
  /** Whether it is the published SVG (same octets, or the certificate's hash of the published SVG); absent when none was given. */
  matchesPublished?: boolean;
}

/** The verdict on a VMC/CMC evidence document. */
export interface MarkCertificateCheck {
  ok: boolean;
  chain: CertificateSummary[];
  /** The trust anchor the chain ends at, when one was found. */
  trustAnchor?: CertificateSummary;
  kind: MarkKind;
  markType?: string;
  policies: string[];
  dnsNames: string[];
  extendedKeyUsage: string[];
  logo?: EmbeddedLogo;
  problems: CertProblem[];
}

/** Options of {@link checkMarkCertificate}. */
export interface MarkCertificateOptions {
  /** The time to check validity at (the core never reads the clock). */
  now: Date;
  /** Domains the certificate must name (the author domain and its Organizational Domain). */
  domains: string[];
  /** Trusted roots (PEM text, one or more certificates each). Without it the chain is not anchored (a warning). */
  trustStore?: Array<string | Uint8Array>;
  /** The published SVG (from `l=`), to compare with the embedded logo. */
  svg?: Uint8Array;
}

/** Most certificates read from one evidence document. */
export const MAX_CHAIN = 8;
/** Largest evidence document read. */
export const MAX_PEM_BYTES = 1024 * 1024;
/** Most certificates read from the trust store. */
export const MAX_TRUST_STORE = 2000;

/** The DER of each `CERTIFICATE` block of a PEM text, at most `max`. */
export function pemCertificates(pem: string, max: number): { ders: Buffer[]; more: boolean } {
  const re = /-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\s]*?)-----END CERTIFICATE-----/g;
  const ders: Buffer[] = [];
  for (let m = re.exec(pem); m; m = re.exec(pem)) {
    if (ders.length >= max) return { ders, more: true };
    ders.push(Buffer.from((m[1] ?? '').replace(/\s+/g, ''), 'base64'));
  }
  return { ders, more: false };
}

function summary(x: X509Certificate): CertificateSummary {
  return { subject: x.subject, issuer: x.issuer, serialNumber: x.serialNumber, validFrom: x.validFrom, validTo: x.validTo, fingerprint256: x.fingerprint256, ca: x.ca };
}

function issuedBy(child: X509Certificate, parent: X509Certificate): boolean {
  try {
    return child.checkIssued(parent) && child.verify(parent.publicKey);
  } catch {
    return false;
  }
}

/**
 * Check a BIMI evidence document (a PEM chain, leaf first): every certificate parses, each is issued and signed
 * by the next, the last by a trust anchor, all are within their validity at `now`, the leaf has the BIMI
 * extended key usage, names one of `domains` in its subject alternative names, and embeds an SVG logo
 * (RFC 3709 logotype, `data:` URI, possibly gzipped) whose hash is right, which is a valid SVG Tiny PS document
 * and is the published SVG.
 */
export function checkMarkCertificate(pem: string | Uint8Array, options: MarkCertificateOptions): MarkCertificateCheck {
  const problems: CertProblem[] = [];
  const out: MarkCertificateCheck = { ok: false, chain: [], kind: 'unknown', policies: [], dnsNames: [], extendedKeyUsage: [], problems };
  const fail = (code: CertProblemCode, extra: Partial<CertProblem> = {}): MarkCertificateCheck => {
    problems.push({ code, severity: 'error', ...extra });
    return out;
  };
  if (pem.length > MAX_PEM_BYTES) return fail('pem-too-large', { detail: `${pem.length} > ${MAX_PEM_BYTES}` });
  const text = typeof pem === 'string' ? pem : Buffer.from(pem).toString('latin1');
  const { ders, more } = pemCertificates(text, MAX_CHAIN);
  if (ders.length === 0) return fail('no-certificate');
  if (more) problems.push({ code: 'too-many-certificates', severity: 'warning', detail: String(MAX_CHAIN) });
  const chain: X509Certificate[] = [];
  for (const [index, der] of ders.entries()) {
    try {
      chain.push(new X509Certificate(der));
    } catch (e) {
      return fail('malformed-certificate', { index, detail: (e as Error).message.slice(0, 120) });
    }
  }
  out.chain = chain.map(summary);
  const read = readCertificateFields(ders[0]!);
  if (!read.ok) return fail('malformed-certificate', { index: 0, detail: `${read.error.code} at ${read.error.offset}` });
  const fields: CertificateFields = read.fields;
  out.policies = fields.policies;
  out.dnsNames = fields.dnsNames;
  out.extendedKeyUsage = fields.extendedKeyUsage ?? [];
  const kind = markKind(fields);
  out.kind = kind.kind;
  if (kind.markType !== undefined) out.markType = kind.markType;
  if (kind.kind === 'unknown') problems.push({ code: 'mark-type-unknown', severity: 'info', ...(kind.markType ? { detail: kind.markType } : {}) });

  // The chain: each certificate issued and signed by the next, and the last by a trust anchor.
  for (let i = 0; i + 1 < chain.length; i++) {
    if (!issuedBy(chain[i]!, chain[i + 1]!)) problems.push({ code: 'chain-broken', severity: 'error', index: i });
    if (!chain[i + 1]!.ca) problems.push({ code: 'issuer-not-ca', severity: 'error', index: i + 1 });
  }
  const dated: Array<[X509Certificate, number | undefined]> = chain.map((c, i) => [c, i]);
  if (options.trustStore === undefined) problems.push({ code: 'no-trust-store', severity: 'warning' });
  else {
    const anchors: X509Certificate[] = [];
    for (const entry of options.trustStore) {
      const pemText = typeof entry === 'string' ? entry : Buffer.from(entry).toString('latin1');
      for (const der of pemCertificates(pemText, MAX_TRUST_STORE).ders) {
        try {
          anchors.push(new X509Certificate(der));
        } catch {
          // An unreadable trust store entry anchors nothing.
        }
      }
    }
    const last = chain[chain.length - 1]!;
    const anchor = anchors.find((a) => a.fingerprint256 === last.fingerprint256) ?? anchors.find((a) => a.ca && issuedBy(last, a));
    if (!anchor) problems.push({ code: 'untrusted-root', severity: 'error', index: chain.length - 1, detail: last.issuer.replace(/\n/g, ', ') });
    else {
      out.trustAnchor = summary(anchor);
      if (anchor.fingerprint256 !== last.fingerprint256) dated.push([anchor, undefined]);
    }
  }
  const now = options.now.getTime();
  for (const [cert, index] of dated) {
    const from = Date.parse(cert.validFrom);
    const to = Date.parse(cert.validTo);
    const where = index === undefined ? {} : { index };
    if (!(now >= from)) problems.push({ code: 'not-yet-valid', severity: 'error', ...where, detail: cert.validFrom });
    else if (!(now <= to)) problems.push({ code: 'expired', severity: 'error', ...where, detail: cert.validTo });
  }

  if (!out.extendedKeyUsage.includes(OID_EKU_BIMI)) problems.push({ code: 'missing-bimi-eku', severity: 'error', index: 0, detail: out.extendedKeyUsage.join(', ') || '-' });
  const wanted = options.domains.map((d) => d.toLowerCase().replace(/\.$/, ''));
  if (!fields.dnsNames.some((n) => wanted.includes(n))) problems.push({ code: 'san-mismatch', severity: 'error', index: 0, detail: fields.dnsNames.join(', ') || '-' });
  checkLogo(fields, options.svg, problems, out);
  out.ok = !problems.some((p) => p.severity === 'error');
  return out;
}

function checkLogo(fields: CertificateFields, published: Uint8Array | undefined, problems: CertProblem[], out: MarkCertificateCheck): void {
  const logotype = fields.logotype;
  if (!logotype) return void problems.push({ code: 'missing-logotype', severity: 'error', index: 0 });
  if (!logotype.ok) return void problems.push({ code: 'logotype-malformed', severity: 'error', index: 0, detail: logotype.error });
  if (logotype.indirect) return void problems.push({ code: 'logotype-not-embedded', severity: 'error', index: 0 });
  const image = logotype.images.find((i) => i.mediaType.toLowerCase().startsWith('image/svg+xml')) ?? logotype.images[0];
  if (!image) return void problems.push({ code: 'missing-logotype', severity: 'error', index: 0 });
  if (!image.mediaType.toLowerCase().startsWith('image/svg+xml')) return void problems.push({ code: 'logotype-not-svg', severity: 'error', index: 0, detail: image.mediaType });
  const uri = image.uris.find((u) => u.startsWith('data:'));
  if (!uri) return void problems.push({ code: 'logotype-not-embedded', severity: 'error', index: 0, detail: image.uris[0]?.slice(0, 120) ?? '-' });
  const data = decodeLogoDataUri(uri);
  if (!data.ok) {
    const code = data.error === 'too-large' ? 'logotype-too-large' : data.error === 'not-svg' ? 'logotype-not-svg' : 'logotype-bad-data';
    return void problems.push({ code, severity: 'error', index: 0, detail: data.error });
  }
  const check = checkSvg(data.svg);
  const logo: EmbeddedLogo = { mediaType: image.mediaType, gzip: data.gzip, sha256: createHash('sha256').update(data.svg).digest('hex'), svg: data.svg, check };
  out.logo = logo;
  const hash = hashMatches(image.hashes, data.bytes, data.svg);
  if (hash === 'mismatch') problems.push({ code: 'logotype-hash-mismatch', severity: 'error', index: 0 });
  if (hash === 'unsupported') problems.push({ code: 'logotype-hash-unsupported', severity: 'warning', index: 0, detail: image.hashes.map((h) => h.algorithm).join(', ') || '-' });
  if (!check.ok) problems.push({ code: 'logotype-svg-invalid', severity: 'error', index: 0, detail: check.problems.filter((p) => p.severity === 'error').map((p) => p.code).slice(0, 5).join(', ') });
  if (published) {
    const same = Buffer.from(published).equals(data.svg) || hashMatches(image.hashes, published) === 'match';
    logo.matchesPublished = same;
    if (!same) problems.push({ code: 'logotype-svg-mismatch', severity: 'error', index: 0, detail: `${createHash('sha256').update(published).digest('hex').slice(0, 16)} ≠ ${logo.sha256.slice(0, 16)}` });
  }
}
