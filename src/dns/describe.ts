import { t, type Lang } from '../i18n/index.js';
import type { DnsAnswer, MxRecord } from './types.js';

const SAMPLE = 3;
/** TXT answers are cut here in lookup lines; the selected record has its own line in full. */
const TXT_SHOWN = 60;

function recordText(type: string, record: unknown): string {
  if (type === 'TXT' || type === 'SPF') {
    const text = (record as string[]).join('');
    return JSON.stringify(text.length > TXT_SHOWN ? `${text.slice(0, TXT_SHOWN - 3)}...` : text);
  }
  if (type === 'MX') return `${(record as MxRecord).preference} ${(record as MxRecord).exchange || '.'}`;
  return String(record);
}

/** A DNS answer in a few words: the records (the first three), NXDOMAIN, no data, an error or a timeout. */
export function describeAnswer(type: string, answer: DnsAnswer<unknown>, lang: Lang): string {
  switch (answer.status) {
    case 'records': {
      if (answer.records.length === 0) return t(lang, 'dns.answer.empty');
      const shown = answer.records.slice(0, SAMPLE).map((r) => recordText(type, r));
      const sample = shown.join(', ') + (answer.records.length > SAMPLE ? ', ...' : '');
      return t(lang, 'dns.answer.records', { count: answer.records.length, sample });
    }
    case 'nxdomain':
      return t(lang, 'dns.answer.nxdomain');
    case 'nodata':
      return t(lang, 'dns.answer.nodata');
    case 'error':
      return t(lang, 'dns.answer.error', { rcode: answer.rcode });
    case 'timeout':
      return t(lang, 'dns.answer.timeout');
  }
}

