/**
 * A tiny test PKI built with Node alone (no openssl): a DER writer and a certificate builder (ECDSA P-256,
 * SHA-256), enough for test CAs, TLS server certificates for the loopback HTTPS server, and BIMI mark
 * certificates with their EKU, SANs, policies and an RFC 3709 logotype (see test/bimi/marks.ts).
 */
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';

function len(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

/** One DER element. */
export function tlv(tag: number, ...content: Buffer[]): Buffer {
  const body = Buffer.concat(content);
  return Buffer.concat([Buffer.from([tag]), len(body.length), body]);
}
export const seq = (...parts: Buffer[]): Buffer => tlv(0x30, ...parts);
export const set = (...parts: Buffer[]): Buffer => tlv(0x31, ...parts);
export const explicit = (n: number, ...parts: Buffer[]): Buffer => tlv(0xa0 + n, ...parts);
export const octet = (b: Buffer): Buffer => tlv(0x04, b);
export const ia5 = (s: string): Buffer => tlv(0x16, Buffer.from(s, 'latin1'));
export const utf8 = (s: string): Buffer => tlv(0x0c, Buffer.from(s, 'utf8'));
export const bool = (v: boolean): Buffer => tlv(0x01, Buffer.from([v ? 0xff : 0]));

/** An OBJECT IDENTIFIER. */
export function oid(dotted: string): Buffer {
  const arcs = dotted.split('.').map(Number);
  const out: number[] = [arcs[0]! * 40 + arcs[1]!];
  for (const arc of arcs.slice(2)) {
    const bytes = [arc & 0x7f];
    for (let v = Math.floor(arc / 128); v > 0; v = Math.floor(v / 128)) bytes.unshift(0x80 | (v & 0x7f));
    out.push(...bytes);
  }
  return tlv(0x06, Buffer.from(out));
}

function integer(n: number): Buffer {
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  if (bytes.length === 0 || bytes[0]! & 0x80) bytes.unshift(0);
  return tlv(0x02, Buffer.from(bytes));
}

function time(d: Date): Buffer {
  const iso = d.toISOString();
  const digits = iso.slice(0, 19).replace(/[-T:]/g, '');
  return d.getUTCFullYear() < 2050 ? tlv(0x17, Buffer.from(`${digits.slice(2)}Z`)) : tlv(0x18, Buffer.from(`${digits}Z`));
}

/** A Name: CN, and O when given, and extra attributes (OID, UTF8 value). */
export function name(cn: string, extra: Array<[string, string]> = []): Buffer {
  return seq(set(seq(oid('2.5.4.3'), utf8(cn))), ...extra.map(([o, v]) => set(seq(oid(o), utf8(v)))));
}

/** A certificate and its private key. */
export interface Issued {
  pem: string;
  der: Buffer;
  key: KeyObject;
  publicKey: KeyObject;
  subject: Buffer;
}

/** What to put in a certificate. */
export interface CertSpec {
  subject: Buffer;
  issuer?: Issued;
  serial?: number;
  notBefore?: Date;
  notAfter?: Date;
  ca?: boolean;
  eku?: string[];
  dnsNames?: string[];
  policies?: string[];
  /** The extension value (the DER inside the OCTET STRING) of id-pe-logotype. */
  logotype?: Buffer;
  /** Sign with this key instead of the issuer's (to make a bad signature). */
  signWith?: KeyObject;
}

function extension(id: string, value: Buffer, critical = false): Buffer {
  return seq(oid(id), ...(critical ? [bool(true)] : []), octet(value));
}

let serial = 1000;

/** Issue a certificate (self-signed when there is no issuer). */
export function issue(spec: CertSpec): Issued {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const sigAlg = seq(oid('1.2.840.10045.4.3.2'));
  const exts: Buffer[] = [];
  if (spec.ca) {
    exts.push(extension('2.5.29.19', seq(bool(true)), true));
    exts.push(extension('2.5.29.15', tlv(0x03, Buffer.from([0x01, 0x06])), true));
  }
  if (spec.eku) exts.push(extension('2.5.29.37', seq(...spec.eku.map(oid))));
  if (spec.dnsNames) exts.push(extension('2.5.29.17', seq(...spec.dnsNames.map((n) => tlv(0x82, Buffer.from(n))))));
  if (spec.policies) exts.push(extension('2.5.29.32', seq(...spec.policies.map((p) => seq(oid(p))))));
  if (spec.logotype) exts.push(extension('1.3.6.1.5.5.7.1.12', spec.logotype));
  const tbs = seq(
    explicit(0, integer(2)),
    integer(spec.serial ?? serial++),
    sigAlg,
    spec.issuer?.subject ?? spec.subject,
    seq(time(spec.notBefore ?? new Date('2025-01-01T00:00:00Z')), time(spec.notAfter ?? new Date('2030-01-01T00:00:00Z'))),
    spec.subject,
    publicKey.export({ type: 'spki', format: 'der' }),
    ...(exts.length ? [explicit(3, seq(...exts))] : []),
  );
  const signer = spec.signWith ?? spec.issuer?.key ?? privateKey;
  const signature = sign('sha256', tbs, { key: signer, dsaEncoding: 'der' });
  const der = seq(tbs, sigAlg, tlv(0x03, Buffer.from([0]), signature));
  return { pem: toPem(der), der, key: privateKey, publicKey, subject: spec.subject };
}

/** PEM text of a DER certificate. */
export function toPem(der: Buffer): string {
  const b64 = der.toString('base64').replace(/(.{64})/g, '$1\n').replace(/\n$/, '');
  return `-----BEGIN CERTIFICATE-----\n${b64}\n-----END CERTIFICATE-----\n`;
}

/** The TLS server EKU (id-kp-serverAuth). */
export const OID_SERVER_AUTH = '1.3.6.1.5.5.7.3.1';
