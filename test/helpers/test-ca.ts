/** Throw-away certificate authorities for tests, made with Node alone (test/helpers/pki.ts): no openssl, no files. */
import { issue, name, OID_SERVER_AUTH } from './pki.js';

/** A server certificate and its private key, PEM. */
export interface TestCertificate {
  cert: string;
  key: string;
}

/** A test certificate authority: its certificate (the trust anchor a test passes in) and a way to issue server certificates. */
export interface TestCa {
  /** The CA certificate, PEM: pass it as `ca` to trust this CA only (write it to a file for CLI tests). */
  certPem: string;
  /** Issue a server certificate for these DNS names (the first is also the subject CN). */
  issue(names: string[]): TestCertificate;
}

const DAY = 86_400_000;

/** Make a CA (P-256 keys; it and its certificates valid from a day ago to two days from now). */
export function createTestCa(cn = 'inkan test CA'): TestCa {
  const notBefore = new Date(Date.now() - DAY);
  const notAfter = new Date(Date.now() + 2 * DAY);
  const ca = issue({ subject: name(cn), ca: true, notBefore, notAfter });
  return {
    certPem: ca.pem,
    issue(names) {
      const leaf = issue({ subject: name(names[0] ?? 'localhost'), issuer: ca, eku: [OID_SERVER_AUTH], dnsNames: names, notBefore, notAfter });
      return { cert: leaf.pem, key: leaf.key.export({ type: 'pkcs8', format: 'pem' }) as string };
    },
  };
}
