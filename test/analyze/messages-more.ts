import { authres, message, prepend, received, RECIPIENT, sealAsList, shopMessage, sign } from './messages.js';

const ARRIVAL = 'Mon, 30 Nov 2026 05:00:09 +0000';

/** A display-name spoof: the name shows PayPal's address, the mail is from an unrelated domain without DMARC. */
export function displayNameSpoof(): string {
  return prepend(
    [
      'Return-Path: <alert@secure-mailer.example>',
      authres('spf=pass smtp.mailfrom=secure-mailer.example; dkim=none; dmarc=none header.from=secure-mailer.example'),
      received('mail.secure-mailer.example', '192.0.2.66', RECIPIENT, ARRIVAL),
    ],
    message(
      [
        'From: "PayPal Security <service@paypal.com>" <alert@secure-mailer.example>',
        'To: <user@recipient.example>',
        'Subject: Your account is limited',
        'Date: Mon, 30 Nov 2026 05:00:00 +0000',
        'Message-ID: <a1@secure-mailer.example>',
      ],
      'Please confirm your account at http://secure-mailer.example/login\r\n',
    ),
  );
}

/** An IDN homograph: pаypal.com with a Cyrillic а, signed by that domain, which even publishes DMARC. */
export async function homograph(): Promise<string> {
  const raw = message(
    ['From: "PayPal" <service@xn--pypal-4ve.com>', 'To: <user@recipient.example>', 'Subject: Receipt', 'Date: Mon, 30 Nov 2026 05:00:00 +0000', 'Message-ID: <r1@xn--pypal-4ve.com>'],
    'Your receipt.\r\n',
  );
  return prepend(
    [
      'Return-Path: <bounce@xn--pypal-4ve.com>',
      authres('spf=pass smtp.mailfrom=xn--pypal-4ve.com; dkim=pass header.d=xn--pypal-4ve.com; dmarc=pass header.from=xn--pypal-4ve.com'),
      received('mail.xn--pypal-4ve.com', '192.0.2.77', RECIPIENT, ARRIVAL),
    ],
    await sign(raw, 'lookalike'),
  );
}

/** A one-edit look-alike of amazon.co.jp (amazom.co.jp) with a Reply-To at free mail. */
export function oneEdit(): string {
  return prepend(
    [
      'Return-Path: <info@amazom.co.jp>',
      authres('spf=pass smtp.mailfrom=amazom.co.jp; dkim=none; dmarc=none header.from=amazom.co.jp'),
      received('mail.amazom.co.jp', '192.0.2.78', RECIPIENT, ARRIVAL),
    ],
    message(
      ['From: <info@amazom.co.jp>', 'Reply-To: <amazon.help.desk@gmail.com>', 'To: <user@recipient.example>', 'Subject: Order problem', 'Date: Mon, 30 Nov 2026 05:00:00 +0000', 'Message-ID: <o1@amazom.co.jp>'],
      'There is a problem with your order.\r\n',
    ),
  );
}

const FOOTER = '_______________________________________________\r\nclub mailing list -- club@lists.example\r\nTo unsubscribe send an email to club-leave@lists.example\r\n';

/** The shop's message after a mailing list: `[club]` in Subject, a footer, List-Id; optionally ARC-sealed by the list. */
export async function mailingList(arc: boolean): Promise<string> {
  const signed = await shopMessage();
  const modified = signed.replace('Subject: Your order has shipped', 'Subject: [club] Your order has shipped') + FOOTER;
  const atList = prepend(['List-Id: Club <club.lists.example>', received('out.shop.example', '198.51.100.10', 'mail.lists.example', 'Mon, 30 Nov 2026 05:00:04 +0000')], modified);
  const sent = arc ? await sealAsList(atList) : atList;
  return prepend(
    [
      'Return-Path: <club-bounces@lists.example>',
      authres(`spf=pass smtp.mailfrom=lists.example; dkim=fail header.d=shop.example; dmarc=fail header.from=shop.example${arc ? '; arc=pass' : ''}`),
      received('mail.lists.example', '203.0.113.40', RECIPIENT, ARRIVAL),
    ],
    sent,
  );
}

/** The shop's message forwarded by fwd.example: SPF fails at the recipient, DKIM still passes. */
export async function forwarded(): Promise<string> {
  return prepend(
    [
      'Return-Path: <bounce@shop.example>',
      authres('spf=fail smtp.mailfrom=shop.example; dkim=pass header.d=shop.example; dmarc=pass header.from=shop.example'),
      received('mail.fwd.example', '203.0.113.77', RECIPIENT, ARRIVAL),
      received('out.shop.example', '198.51.100.10', 'mail.fwd.example', 'Mon, 30 Nov 2026 05:00:03 +0000'),
    ],
    await shopMessage(),
  );
}

const JA_BODY = 'こんにちは、花子さん。\r\nご注文の品を発送しました。お届けまでしばらくお待ちください。\r\n';

function qp(text: string): string {
  const bytes = Buffer.from(text, 'utf8');
  let line = '';
  const out: string[] = [];
  for (const b of bytes) {
    const piece = b === 0x0d || b === 0x0a ? String.fromCharCode(b) : b >= 33 && b <= 126 && b !== 61 ? String.fromCharCode(b) : `=${b.toString(16).toUpperCase().padStart(2, '0')}`;
    if (piece === '\r') continue;
    if (piece === '\n') {
      out.push(line);
      line = '';
      continue;
    }
    if (line.length + piece.length > 75) {
      out.push(`${line}=`);
      line = '';
    }
    line += piece;
  }
  if (line) out.push(line);
  return `${out.join('\r\n')}\r\n`;
}

/** An 8bit UTF-8 message re-encoded to quoted-printable by a relay. */
export async function reencoded(): Promise<string> {
  const headers = [
    'From: "Shop" <news@shop.example>',
    'To: <user@recipient.example>',
    'Subject: =?UTF-8?B?55m66YCB44Gu44GK55+l44KJ44Gb?=',
    'Date: Mon, 30 Nov 2026 05:00:00 +0000',
    'Message-ID: <ja-1@shop.example>',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
  ];
  const signed = await sign(message(headers, JA_BODY));
  const split = signed.indexOf('\r\n\r\n');
  const head = signed.slice(0, split).replace('Content-Transfer-Encoding: 8bit', 'Content-Transfer-Encoding: quoted-printable');
  return prepend(
    [
      'Return-Path: <bounce@shop.example>',
      authres('spf=pass smtp.mailfrom=shop.example; dkim=fail header.d=shop.example; dmarc=fail header.from=shop.example'),
      received('out.shop.example', '198.51.100.10', RECIPIENT, ARRIVAL),
    ],
    `${head}\r\n\r\n${qp(JA_BODY)}`,
  );
}

/** An attacker's message from 192.0.2.66 carrying a forged Authentication-Results with the recipient's name and another claiming mx.google.com. */
export function forgedAuthres(): string {
  return prepend(
    [
      'Return-Path: <ceo@shop.example>',
      authres('spf=fail smtp.mailfrom=shop.example; dkim=none; dmarc=fail header.from=shop.example'),
      received('evil.example', '192.0.2.66', RECIPIENT, ARRIVAL),
      authres('spf=pass smtp.mailfrom=shop.example; dkim=pass header.d=shop.example; dmarc=pass header.from=shop.example'),
      'Authentication-Results: mx.google.com; dkim=pass header.d=shop.example; dmarc=pass header.from=shop.example',
    ],
    message(['From: "CEO" <ceo@shop.example>', 'To: <user@recipient.example>', 'Subject: Urgent wire transfer', 'Date: Mon, 30 Nov 2026 05:00:00 +0000', 'Message-ID: <w1@evil.example>'], 'Please wire 1,000,000 yen today.\r\n'),
  );
}

/** The shop's message with a middle hop dated 2 hours after the hop above it. */
export async function outOfOrder(): Promise<string> {
  return prepend(
    [
      'Return-Path: <bounce@shop.example>',
      authres('spf=pass smtp.mailfrom=shop.example; dkim=pass header.d=shop.example; dmarc=pass header.from=shop.example'),
      received('relay.shop.example', '198.51.100.10', RECIPIENT, 'Mon, 30 Nov 2026 05:00:10 +0000'),
      received('app.shop.example', '10.1.2.3', 'relay.shop.example', 'Mon, 30 Nov 2026 07:00:00 +0000'),
      received('localhost', '127.0.0.1', 'app.shop.example', 'Mon, 30 Nov 2026 05:00:01 +0000', 'SMTP'),
    ],
    await shopMessage(),
  );
}

/** A message without a From field. */
export function noFrom(): string {
  return prepend(
    [authres('spf=pass smtp.mailfrom=shop.example; dkim=none; dmarc=permerror'), received('out.shop.example', '198.51.100.10', RECIPIENT, ARRIVAL)],
    message(['To: <user@recipient.example>', 'Subject: no author', 'Date: Mon, 30 Nov 2026 05:00:00 +0000'], 'Who sent this?\r\n'),
  );
}

/** Japanese display names in RFC 2047: ISO-2022-JP (山田商店, a genuine shop) and UTF-8 (楽天カード on a look-alike domain). */
export async function japaneseNames(): Promise<{ iso2022: string; utf8: string }> {
  const name = Buffer.from('1b24423b3345443e2645391b2842', 'hex').toString('base64');
  const iso = await shopMessage({
    headers: [`From: =?ISO-2022-JP?B?${name}?= <news@shop.example>`, 'To: <user@recipient.example>', 'Subject: =?UTF-8?B?44GK55+l44KJ44Gb?=', 'Date: Mon, 30 Nov 2026 05:00:00 +0000', 'Message-ID: <jp-1@shop.example>'],
  });
  const iso2022 = prepend(
    [authres('spf=pass smtp.mailfrom=shop.example; dkim=pass header.d=shop.example; dmarc=pass header.from=shop.example'), received('out.shop.example', '198.51.100.10', RECIPIENT, ARRIVAL)],
    iso,
  );
  const utf8 = prepend(
    [authres('spf=pass smtp.mailfrom=rakuten-card-info.example; dkim=none; dmarc=none'), received('mail.rakuten-card-info.example', '192.0.2.90', RECIPIENT, ARRIVAL)],
    message(
      ['From: =?UTF-8?B?5qW95aSp44Kr44O844OJ?= <info@rakuten-card-info.example>', 'To: <user@recipient.example>', 'Subject: =?UTF-8?B?44GU5Yip55So56K66KqN?=', 'Date: Mon, 30 Nov 2026 05:00:00 +0000', 'Message-ID: <jp-2@rakuten-card-info.example>'],
      'ご利用確認のお願い\r\n',
    ),
  );
  return { iso2022, utf8 };
}

/** The authentic message under `count` extra Received fields (hostile header sections). */
export async function longHeader(count: number): Promise<string> {
  const extra: string[] = [];
  for (let i = 0; i < count; i++) extra.push(`Received: from h${i}.relay.example ([10.9.${(i >> 8) & 255}.${i & 255}]) by h${i + 1}.relay.example with SMTP; Mon, 30 Nov 2026 04:59:00 +0000`);
  return prepend(
    [authres('spf=pass smtp.mailfrom=shop.example; dkim=pass header.d=shop.example; dmarc=pass header.from=shop.example'), received('out.shop.example', '198.51.100.10', RECIPIENT, ARRIVAL), ...extra],
    await shopMessage(),
  );
}
