import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { MemoryResolver } from '../../src/dns/memory.js';
import { conformanceDir } from '../helpers/paths.js';

/** One validation case of the ValiMail suite. */
export interface ValidationCase {
  scenario: number;
  name: string;
  message: string;
  /** The expected chain result; an empty `cv` counts as Fail (see the suite's README). */
  cv: 'Pass' | 'Fail' | 'None';
}

/** One signing case of the ValiMail suite. */
export interface SignCase {
  scenario: number;
  name: string;
  message: string;
  t: number;
  sigHeaders: string[];
  srvId: string;
  AS: string;
  AMS: string;
  AAR: string;
  domain: string;
  selector: string;
  privateKey: string;
}

/** A scenario's `txt-records`, each key record with the whitespace of its folded block removed. */
export type TxtRecords = Record<string, string>;

const dir = (): string => join(conformanceDir(), 'arc', 'valimail');

function documents(file: string): Array<Record<string, unknown>> {
  // One case repeats a mapping key: the later one wins (uniqueKeys: false).
  return parseAllDocuments(readFileSync(join(dir(), file), 'utf8'), { uniqueKeys: false })
    .map((d) => d.toJS() as Record<string, unknown> | null)
    .filter((d): d is Record<string, unknown> => d !== null);
}

/** A scenario's key records, with whitespace inside the values removed the way the suite folds them. */
export function txtRecords(doc: Record<string, unknown>): TxtRecords {
  const out: TxtRecords = {};
  const records = (doc['txt-records'] ?? doc['txt_records'] ?? {}) as Record<string, string>;
  for (const [name, value] of Object.entries(records)) out[name] = String(value).replace(/\s+/g, ' ').replace(/p=([^;]*)/, (_, p: string) => `p=${p.replace(/\s+/g, '')}`).trim();
  return out;
}

/** A resolver that serves the records, each split into 255-octet character-strings as DNS carries them. */
export function resolverFor(records: TxtRecords): MemoryResolver {
  const resolver = new MemoryResolver();
  for (const [name, value] of Object.entries(records)) {
    const strings: string[] = [];
    for (let i = 0; i < value.length; i += 255) strings.push(value.slice(i, i + 255));
    resolver.add(name, 'TXT', strings);
  }
  return resolver;
}

/** The validation suite: scenarios with their cases and key records. */
export function validationSuite(): Array<{ records: TxtRecords; cases: ValidationCase[] }> {
  return documents('arc-draft-validation-tests.yml').map((doc, scenario) => {
    const tests = doc['tests'] as Record<string, { message: string; cv: string | null }>;
    const cases = Object.entries(tests).map(([name, c]) => {
      const cv = String(c.cv ?? '').trim();
      return { scenario, name, message: c.message, cv: (cv === '' ? 'Fail' : cv) as ValidationCase['cv'] };
    });
    return { records: txtRecords(doc), cases };
  });
}

/** The signing suite. */
export function signSuite(): Array<{ records: TxtRecords; cases: SignCase[] }> {
  return documents('arc-draft-sign-tests.yml').map((doc, scenario) => {
    const tests = doc['tests'] as Record<string, Record<string, unknown>>;
    const cases = Object.entries(tests).map(([name, c]) => ({
      scenario,
      name,
      message: String(c['message']),
      t: Number(c['t']),
      sigHeaders: String(c['sig-headers']).split(':'),
      srvId: String(c['srv-id']),
      AS: String(c['AS'] ?? ''),
      AMS: String(c['AMS'] ?? ''),
      AAR: String(c['AAR'] ?? ''),
      domain: String(doc['domain']),
      selector: String(doc['sel']),
      privateKey: String(doc['privatekey']),
    }));
    return { records: txtRecords(doc), cases };
  });
}

/** LF line endings to CRLF (the suite's messages use LF; mail uses CRLF). */
export function crlf(text: string): Buffer {
  return Buffer.from(text.replace(/\r?\n/g, '\r\n'), 'utf8');
}
