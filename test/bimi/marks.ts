/** Test BIMI mark certificates: the logotype extension, the BIMI OIDs and a root/intermediate/VMC hierarchy. */
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { explicit, ia5, issue, name, octet, oid, OID_SERVER_AUTH, seq, tlv, type CertSpec } from '../helpers/pki.js';

/** The logotype extension value embedding `svg` as a data: URI (gzipped by default), with its SHA-256 (or `hashOf`'s). */
export function logotypeFor(svg: Buffer | string, options: { gzip?: boolean; hashOf?: Buffer; mediaType?: string; uri?: string } = {}): Buffer {
  const bytes = Buffer.from(svg);
  const data = options.gzip === false ? bytes : gzipSync(bytes);
  const uri = options.uri ?? `data:image/svg+xml;base64,${data.toString('base64')}`;
  const hash = createHash('sha256').update(options.hashOf ?? data).digest();
  const details = seq(ia5(options.mediaType ?? 'image/svg+xml'), seq(seq(seq(oid('2.16.840.1.101.3.4.2.1')), octet(hash))), seq(ia5(uri)));
  return seq(explicit(2, tlv(0xa0, seq(seq(details)))));
}

/** BIMI OIDs used by the tests. */
export const OIDS = {
  ekuBimi: '1.3.6.1.5.5.7.3.31',
  serverAuth: OID_SERVER_AUTH,
  markType: '1.3.6.1.4.1.53087.1.13',
  vmcPolicy: '1.3.6.1.4.1.53087.1.1',
};

/** A test mark-certificate hierarchy: root, intermediate, and a VMC for `domains` embedding `svg`. */
export function markHierarchy(svg: Buffer | string, domains: string[], overrides: Partial<CertSpec> = {}, markType = 'Registered Mark') {
  const root = issue({ subject: name('inkan Test Mark Root'), ca: true });
  const intermediate = issue({ subject: name('inkan Test Mark Issuing CA'), issuer: root, ca: true });
  const vmc = issue({
    subject: name('Brand Example', [[OIDS.markType, markType]]),
    issuer: intermediate,
    eku: [OIDS.ekuBimi],
    dnsNames: domains,
    policies: [OIDS.vmcPolicy],
    logotype: logotypeFor(svg),
    ...overrides,
  });
  return { root, intermediate, vmc, chain: vmc.pem + intermediate.pem };
}
