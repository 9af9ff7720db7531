/** Header fields a receiver adds when it will show a logo (draft-brand-indicators-for-message-identification §5, §7.7). */

/** Longest folded line of BIMI-Indicator, folding included (RFC 5322 §2.1.1 recommends at most 78 characters). */
const LINE = 76;
const NAME = 'BIMI-Indicator: ';
const INDENT = '    ';

/** The `BIMI-Location` field: `v=BIMI1`, the `l=` used and the `a=` validated (CRLF-folded, no trailing CRLF). */
export function bimiLocationField(values: { location?: string; evidence?: string }): string {
  const parts = ['v=BIMI1;'];
  if (values.location) parts.push(`l=${values.location};`);
  if (values.evidence) parts.push(`a=${values.evidence};`);
  return `BIMI-Location: ${parts.join('\r\n    ')}`;
}

/** The `BIMI-Indicator` field: the SVG the receiver validated, base64-encoded and folded (CRLF + space). */
export function bimiIndicatorField(svg: Uint8Array): string {
  const base64 = Buffer.from(svg).toString('base64');
  const first = LINE - NAME.length;
  const rest = LINE - INDENT.length;
  const lines = [base64.slice(0, first)];
  for (let i = first; i < base64.length; i += rest) lines.push(base64.slice(i, i + rest));
  return `${NAME}${lines.join(`\r\n${INDENT}`)}`;
}

/** Names of the fields a receiver must remove from incoming mail before adding its own (draft §7.8). */
export const BIMI_RECEIVER_FIELDS: readonly string[] = ['BIMI-Location', 'BIMI-Indicator'];
