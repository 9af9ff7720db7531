import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hasMessage, tDynamic } from '../../src/i18n/index.js';
import type { AddressScope, Diagnosis, Severity, SpoofSign, Trust, Verdict, VerdictReason } from '../../src/analyze/index.js';

/** Every id built at run time by src/analyze/render.ts, from the types' unions (a missing one would print as its id). */
const verdicts: Verdict[] = ['authentic', 'suspicious', 'spoofed', 'cannot-tell'];
const reasons: Array<VerdictReason['code']> = [
  'unreadable', 'no-from', 'multiple-from', 'dmarc-pass', 'dmarc-fail', 'dmarc-none', 'dmarc-temperror', 'no-evidence', 'forged-authres',
  'spoof-sign', 'modified-in-transit', 'forwarded', 'arc-explains', 'dkim-aligned-pass', 'unsigned-content', 'key-unavailable',
];
const spoofs: Array<SpoofSign['code']> = [
  'display-name-address', 'display-name-brand', 'lookalike-brand', 'confusable-characters', 'mixed-script', 'punycode', 'lookalike-authenticated',
  'reply-to-other-org', 'freemail-company', 'no-dmarc', 'envelope-mismatch', 'sender-differs',
];
const diagnoses: Array<Diagnosis['code']> = [
  'body-intact', 'footer-appended', 'line-endings-changed', 'trailing-whitespace-changed', 'transfer-encoding-converted', 'mime-restructured', 'body-modified',
  'unsigned-appended-content', 'subject-tag', 'header-added', 'header-changed', 'header-modified-unknown', 'spf-forwarded', 'arc-explains', 'arc-absent',
];
const scopes: AddressScope[] = ['public', 'private', 'loopback', 'link-local', 'shared', 'documentation'];
const severities: Severity[] = ['high', 'medium', 'info'];
const trusts: Trust[] = ['trusted', 'untrusted', 'misplaced'];
const signals = [
  'one-click-unsubscribe.ok', 'one-click-unsubscribe.absent', 'one-click-unsubscribe.no-https', 'one-click-unsubscribe.no-post', 'one-click-unsubscribe.not-signed',
  'single-from.ok', 'single-from.several-authors', 'single-from.no-from', 'single-from.multiple-from-fields', 'single-from.unparseable-from', 'single-from.no-mailbox',
  'single-from.domain-literal', 'single-from.multiple-author-domains', 'message-id.ok', 'message-id.absent', 'message-id.multiple', 'message-id.invalid',
  'date.ok', 'date.absent', 'date.multiple', 'date.invalid', 'date.future',
];

test('every analyzer message id built at run time exists, in English and Japanese, and differs between them', (t) => {
  const ids = [
    ...verdicts.map((v) => `analyze.verdict.${v}`),
    ...reasons.map((r) => `analyze.reason.${r}`),
    ...spoofs.map((s) => `analyze.spoof.${s}`),
    ...diagnoses.map((d) => `analyze.diagnosis.${d}`),
    ...scopes.map((s) => `analyze.route.scope.${s}`),
    ...severities.map((s) => `analyze.severity.${s}`),
    ...trusts.map((s) => `analyze.recorded.${s}`),
    ...signals.map((s) => `analyze.signal.${s}`),
    ...['ok', 'warning', 'missing'].map((s) => `analyze.signal.status.${s}`),
    ...['identical', 'same-org', 'different'].map((s) => `analyze.align.${s}`),
    ...['trusted-authserv-id', 'first-public-address'].map((s) => `analyze.route.boundary-by.${s}`),
    ...['no-boundary-ip', 'no-envelope'].map((s) => `analyze.reverify.spf-skipped.${s}`),
  ];
  const params = { count: 2, domain: 'example.com', how: 'x', sign: 'x', n: 1, ip: '192.0.2.1', signed: 1, total: 2, unsigned: 1, ms: 5 };
  let same = 0;
  for (const id of ids) {
    assert.ok(hasMessage(id), id);
    const en = tDynamic('en', id, params);
    const ja = tDynamic('ja', id, params);
    assert.ok(en.length > 0 && ja.length > 0, id);
    if (en === ja) same++;
  }
  t.diagnostic(`catalogue ids ${ids.length}/${ids.length} present in en and ja`);
  // Only names that are the same in both languages (From, Sender, Message-ID lines) may be equal.
  assert.ok(same <= 3, `${same} ids are not translated`);
});
