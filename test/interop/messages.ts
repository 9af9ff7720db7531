/** Messages for the interop tests: what real mail looks like, with what canonicalization must cope with. */

const crlf = (lines: string[]): Buffer => Buffer.from(lines.join('\r\n'), 'utf8');

/**
 * A newsletter-like message: two Received fields, folded To and References, a Subject with runs of
 * spaces and an RFC 2047 word, List-Unsubscribe (RFC 8058), a multipart body in UTF-8 with trailing
 * whitespace on lines and empty lines at the end.
 */
export const NEWSLETTER = crlf([
  'Received: from mx.interop.example (mx.interop.example [192.0.2.25])',
  '\tby mail.receiver.example with ESMTPS id 4Xy; Tue, 2 Jan 2024 09:00:01 +0000',
  'Received: from app.interop.example by mx.interop.example; Tue, 2 Jan 2024 09:00:00 +0000',
  'From: "Interop News" <news@interop.example>',
  'Reply-To: help@interop.example',
  'To: alice@receiver.example,',
  '   "Bob  B." <bob@receiver.example>',
  'Cc: carol@receiver.example',
  'Subject:   Weekly   news =?UTF-8?B?44OL44Ol44O844K5?=  ',
  'Date: Tue, 2 Jan 2024 09:00:00 +0000',
  'Message-ID: <20240102090000.1@interop.example>',
  'References: <a@interop.example>',
  '  <b@interop.example>',
  'List-Unsubscribe: <https://interop.example/u/1>, <mailto:u@interop.example>',
  'List-Unsubscribe-Post: List-Unsubscribe=One-Click',
  'MIME-Version: 1.0',
  'Content-Type: multipart/alternative; boundary="b1"',
  'X-Mailer: interop test',
  '',
  '--b1',
  'Content-Type: text/plain; charset=UTF-8',
  'Content-Transfer-Encoding: 8bit',
  '',
  'Hello  Alice, \t',
  'こんにちは。 ',
  '',
  '--b1',
  'Content-Type: text/html; charset=UTF-8',
  '',
  '<p>Hello   Alice</p>',
  '--b1--',
  '',
  '',
  '',
]);

/** A short personal message with bare LF line endings, as a file on a Unix disk holds it. */
export const PERSONAL_LF = Buffer.from(
  [
    'From: Alice <alice@interop.example>',
    'To: Bob <bob@receiver.example>',
    'Subject: lunch?',
    'Date: Wed, 3 Jan 2024 12:00:00 +0900',
    'Message-ID: <lunch.1@interop.example>',
    '',
    'Noon at the usual place?',
    '',
  ].join('\n'),
  'utf8',
);

