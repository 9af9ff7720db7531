/**
 * Authentication-Results values in the style each provider writes, with documentation names and addresses
 * (example.com/.net/.org/.jp, 192.0.2.0/24, 2001:db8::/32). `expect` is the parse summarised by `summarize`.
 */
export interface ProviderCase {
  name: string;
  value: string;
  authservId: string;
  version?: number;
  jobId?: string;
  instance?: number;
  results: string[];
  problems: string[];
}

export const PROVIDER_CASES: ProviderCase[] = [
  {
    name: 'Gmail: DKIM, SPF and DMARC pass',
    value:
      'mx.google.com;\r\n       dkim=pass header.i=@example.com header.s=20230601 header.b=AbCdEf12;\r\n' +
      '       spf=pass (google.com: domain of alice@example.com designates 192.0.2.10 as permitted sender) smtp.mailfrom=alice@example.com;\r\n' +
      '       dmarc=pass (p=REJECT sp=REJECT dis=NONE) header.from=example.com',
    authservId: 'mx.google.com',
    results: [
      'dkim=pass header.i=@example.com header.s=20230601 header.b=AbCdEf12',
      'spf=pass (google.com: domain of alice@example.com designates 192.0.2.10 as permitted sender) smtp.mailfrom=alice@example.com',
      'dmarc=pass (p=REJECT sp=REJECT dis=NONE) header.from=example.com',
    ],
    problems: [],
  },
  {
    name: 'Gmail: DKIM fail with a quoted b= prefix, SPF softfail, DMARC fail',
    value:
      'mx.google.com; dkim=fail header.i=@example.net header.s=sel1 header.b="Xy/9abcD"; ' +
      'spf=softfail (google.com: domain of transitioning bob@example.net does not designate 192.0.2.99 as permitted sender) smtp.mailfrom=bob@example.net; ' +
      'dmarc=fail (p=QUARANTINE sp=NONE dis=QUARANTINE) header.from=example.net',
    authservId: 'mx.google.com',
    results: [
      'dkim=fail header.i=@example.net header.s=sel1 header.b=Xy/9abcD',
      'spf=softfail (google.com: domain of transitioning bob@example.net does not designate 192.0.2.99 as permitted sender) smtp.mailfrom=bob@example.net',
      'dmarc=fail (p=QUARANTINE sp=NONE dis=QUARANTINE) header.from=example.net',
    ],
    problems: [],
  },
  {
    name: 'Gmail: a mailing list message with ARC and an IPv6 sender',
    value:
      'mx.google.com;\r\n       arc=pass (i=1 spf=pass spfdomain=example.org dkim=pass dkdomain=example.org dmarc=pass fromdomain=example.org);\r\n' +
      '       spf=pass (google.com: domain of list-bounces@example.org designates 2001:db8::25 as permitted sender) smtp.mailfrom="list-bounces@example.org";\r\n' +
      '       dmarc=pass (p=NONE sp=NONE dis=NONE) header.from=example.org',
    authservId: 'mx.google.com',
    results: [
      'arc=pass (i=1 spf=pass spfdomain=example.org dkim=pass dkdomain=example.org dmarc=pass fromdomain=example.org)',
      'spf=pass (google.com: domain of list-bounces@example.org designates 2001:db8::25 as permitted sender) smtp.mailfrom=list-bounces@example.org',
      'dmarc=pass (p=NONE sp=NONE dis=NONE) header.from=example.org',
    ],
    problems: [],
  },
  {
    name: 'Gmail: unsigned mail from a domain without SPF',
    value: 'mx.google.com; spf=none (google.com: carol@example.jp does not designate permitted sender hosts) smtp.mailfrom=carol@example.jp',
    authservId: 'mx.google.com',
    results: ['spf=none (google.com: carol@example.jp does not designate permitted sender hosts) smtp.mailfrom=carol@example.jp'],
    problems: [],
  },
  {
    name: 'Microsoft 365: no authserv-id, action= and compauth',
    value:
      'spf=pass (sender IP is 192.0.2.20) smtp.mailfrom=example.com; dkim=pass (signature was verified) header.d=example.com;' +
      'dmarc=pass action=none header.from=example.com;compauth=pass reason=100',
    authservId: '',
    results: [
      'spf=pass (sender IP is 192.0.2.20) smtp.mailfrom=example.com',
      'dkim=pass (signature was verified) header.d=example.com',
      'dmarc=pass action=none header.from=example.com',
      'compauth=pass reason="100"',
    ],
    problems: ['missing-authserv-id@0', 'property-without-ptype:action'],
  },
  {
    name: 'Microsoft 365: a spoofed message (oreject, compauth fail)',
    value:
      'spf=fail (sender IP is 192.0.2.66) smtp.mailfrom=example.com; dkim=none (message not signed) header.d=none;' +
      'dmarc=fail action=oreject header.from=example.com;compauth=fail reason=000',
    authservId: '',
    results: [
      'spf=fail (sender IP is 192.0.2.66) smtp.mailfrom=example.com',
      'dkim=none (message not signed) header.d=none',
      'dmarc=fail action=oreject header.from=example.com',
      'compauth=fail reason="000"',
    ],
    problems: ['missing-authserv-id@0', 'property-without-ptype:action'],
  },
  {
    name: 'Outlook.com: body hash mismatch and compauth softpass, with a trailing semicolon',
    value:
      'spf=softfail (sender IP is 192.0.2.7)\r\n smtp.mailfrom=example.org; dkim=fail (body hash did not verify)\r\n header.d=example.org;' +
      'dmarc=fail action=none\r\n header.from=example.org;compauth=softpass reason=201;',
    authservId: '',
    results: [
      'spf=softfail (sender IP is 192.0.2.7) smtp.mailfrom=example.org',
      'dkim=fail (body hash did not verify) header.d=example.org',
      'dmarc=fail action=none header.from=example.org',
      'compauth=softpass reason="201"',
    ],
    problems: ['missing-authserv-id@0', 'property-without-ptype:action'],
  },
  {
    name: 'Yahoo: comment glued to the result, trailing semicolon',
    value:
      'atlas-production.v2.mail.bf1.yahoo.com;\r\n dkim=pass header.i=@example.com header.s=s2048;\r\n' +
      ' spf=pass smtp.mailfrom=example.com;\r\n dmarc=pass(p=REJECT) header.from=example.com;',
    authservId: 'atlas-production.v2.mail.bf1.yahoo.com',
    results: [
      'dkim=pass header.i=@example.com header.s=s2048',
      'spf=pass smtp.mailfrom=example.com',
      'dmarc=pass (p=REJECT) header.from=example.com',
    ],
    problems: [],
  },
  {
    name: 'Yahoo: perm_fail and a comma in the DMARC comment',
    value:
      'atlas122.free.mail.ne1.yahoo.com; dkim=perm_fail header.i=@example.net header.s=default; ' +
      'spf=softfail smtp.mailfrom=example.net; dmarc=fail(p=NONE,sp=NONE) header.from=example.net;',
    authservId: 'atlas122.free.mail.ne1.yahoo.com',
    results: [
      'dkim=perm_fail header.i=@example.net header.s=default',
      'spf=softfail smtp.mailfrom=example.net',
      'dmarc=fail (p=NONE,sp=NONE) header.from=example.net',
    ],
    problems: [],
  },
  {
    name: 'Fastmail: x- methods, policy.* properties and bare key=value pairs',
    value:
      'mx4.messagingengine.com;\r\n    x-csa=none;\r\n    x-me-sender=none;\r\n    x-ptr=pass smtp.helo=mail.example.com\r\n      policy.ptr=mail.example.com;\r\n' +
      '    bimi=skipped (DMARC Policy is not at enforcement);\r\n    arc=none (no signatures found);\r\n' +
      '    dkim=pass (2048-bit rsa key sha256) header.d=example.com\r\n    header.i=@example.com header.b=hr44hXYS header.a=rsa-sha256\r\n    header.s=fm1 x-bits=2048;\r\n' +
      '    dmarc=pass policy.published-domain-policy=none\r\n    policy.published-subdomain-policy=quarantine\r\n' +
      '    policy.applied-disposition=none policy.evaluated-disposition=none\r\n    (p=none,sp=quarantine,d=none,d.eval=none) policy.policy-from=p\r\n    header.from=example.com;\r\n' +
      '    iprev=pass smtp.remote-ip=192.0.2.44 (mail.example.com);\r\n    spf=pass smtp.mailfrom=alice@example.com\r\n      smtp.helo=mail.example.com;\r\n' +
      '    x-tls=pass smtp.version=TLSv1.3 smtp.cipher=TLS_AES_256_GCM_SHA384\r\n      smtp.bits=256/256;\r\n    x-vs=clean score=-100 state=0',
    authservId: 'mx4.messagingengine.com',
    results: [
      'x-csa=none',
      'x-me-sender=none',
      'x-ptr=pass smtp.helo=mail.example.com policy.ptr=mail.example.com',
      'bimi=skipped (DMARC Policy is not at enforcement)',
      'arc=none (no signatures found)',
      'dkim=pass (2048-bit rsa key sha256) header.d=example.com header.i=@example.com header.b=hr44hXYS header.a=rsa-sha256 header.s=fm1 x-bits=2048',
      'dmarc=pass (p=none,sp=quarantine,d=none,d.eval=none) policy.published-domain-policy=none policy.published-subdomain-policy=quarantine ' +
        'policy.applied-disposition=none policy.evaluated-disposition=none policy.policy-from=p header.from=example.com',
      'iprev=pass (mail.example.com) smtp.remote-ip=192.0.2.44',
      'spf=pass smtp.mailfrom=alice@example.com smtp.helo=mail.example.com',
      'x-tls=pass smtp.version=TLSv1.3 smtp.cipher=TLS_AES_256_GCM_SHA384 smtp.bits=256/256',
      'x-vs=clean score=-100 state=0',
    ],
    problems: ['property-without-ptype:x-bits', 'property-without-ptype:score', 'property-without-ptype:state'],
  },
  {
    name: 'Fastmail: ARC-Authentication-Results with i=1, the MX check and policy.is_org',
    value:
      'i=1; mx3.messagingengine.com;\r\n    arc=none (no signatures found);\r\n' +
      '    dkim=pass (2048-bit rsa key sha256) header.d=example.com header.i=@example.com header.b=Qx1vn7vt header.a=rsa-sha256 header.s=fm2;\r\n' +
      '    x-return-mx=pass header.domain=example.com policy.is_org=yes\r\n      (MX Records found: mx1.example.com,mx2.example.com);\r\n' +
      '    x-return-mx=pass smtp.domain=example.com policy.is_org=yes\r\n      (MX Records found: mx1.example.com,mx2.example.com)',
    authservId: 'mx3.messagingengine.com',
    instance: 1,
    results: [
      'arc=none (no signatures found)',
      'dkim=pass (2048-bit rsa key sha256) header.d=example.com header.i=@example.com header.b=Qx1vn7vt header.a=rsa-sha256 header.s=fm2',
      'x-return-mx=pass (MX Records found: mx1.example.com,mx2.example.com) header.domain=example.com policy.is_org=yes',
      'x-return-mx=pass (MX Records found: mx1.example.com,mx2.example.com) smtp.domain=example.com policy.is_org=yes',
    ],
    problems: [],
  },
  {
    name: 'RFC 8601 versions as some MTAs write them: an authres-version, method versions and x- methods',
    value:
      'mx.example.net 1;\r\n\tdkim/1=pass header.d=example.com header.s=sel;\r\n\tspf/1=pass smtp.mailfrom=example.com;\r\n' +
      '\tx-spam/2=clean (score -1.2) policy.score=-1.2;\r\n\tx-me-sender=none',
    authservId: 'mx.example.net',
    version: 1,
    results: [
      'dkim/1=pass header.d=example.com header.s=sel',
      'spf/1=pass smtp.mailfrom=example.com',
      'x-spam/2=clean (score -1.2) policy.score=-1.2',
      'x-me-sender=none',
    ],
    problems: [],
  },
  {
    name: 'Postfix + OpenDKIM: key size comment and dkim-atps',
    value:
      'mail.example.com;\r\n\tdkim=pass (2048-bit key; unprotected) header.d=example.org header.i=@example.org\r\n' +
      '\theader.a=rsa-sha256 header.s=mail header.b=AbCdEfGh;\r\n\tdkim-atps=neutral',
    authservId: 'mail.example.com',
    results: [
      'dkim=pass (2048-bit key; unprotected) header.d=example.org header.i=@example.org header.a=rsa-sha256 header.s=mail header.b=AbCdEfGh',
      'dkim-atps=neutral',
    ],
    problems: [],
  },
  {
    name: 'OpenDKIM: reason= before the comment, quoted b= with "/" and "+"',
    value:
      'mail.example.com; dkim=fail reason="signature verification failed" (1024-bit key; secure)\r\n' +
      '\theader.d=example.net header.i=@example.net header.b="Zz/Yy+Xx"',
    authservId: 'mail.example.com',
    results: ['dkim=fail reason="signature verification failed" (1024-bit key; secure) header.d=example.net header.i=@example.net header.b=Zz/Yy+Xx'],
    problems: [],
  },
  {
    name: 'OpenDKIM with AuthservIDWithJobID: host/queue-id',
    value: 'mail.example.com/4B2C81E0F2; dkim=pass (2048-bit key; secure) header.d=example.org header.i=@example.org header.b="Ab+Cd/Ef"; dkim-atps=neutral',
    authservId: 'mail.example.com',
    jobId: '4B2C81E0F2',
    results: ['dkim=pass (2048-bit key; secure) header.d=example.org header.i=@example.org header.b=Ab+Cd/Ef', 'dkim-atps=neutral'],
    problems: [],
  },
  {
    name: 'OpenDMARC: policy comment',
    value: 'mail.example.com; dmarc=pass (p=none dis=none) header.from=example.org',
    authservId: 'mail.example.com',
    results: ['dmarc=pass (p=none dis=none) header.from=example.org'],
    problems: [],
  },
  {
    name: 'OpenDMARC: reject disposition, authserv-id with a version after "/"',
    value: 'mail.example.com/1; dmarc=fail (p=reject dis=reject) header.from=example.net',
    authservId: 'mail.example.com',
    version: 1,
    results: ['dmarc=fail (p=reject dis=reject) header.from=example.net'],
    problems: [],
  },
  {
    name: 'rspamd: DKIM, SPF and DMARC pass',
    value:
      'mail.example.org;\r\n\tdkim=pass header.d=example.com header.s=dkim header.b=AbCdEf12;\r\n' +
      '\tspf=pass (mail.example.org: domain of user@example.com designates 192.0.2.1 as permitted sender) smtp.mailfrom=user@example.com;\r\n' +
      '\tdmarc=pass (policy=reject) header.from=example.com',
    authservId: 'mail.example.org',
    results: [
      'dkim=pass header.d=example.com header.s=dkim header.b=AbCdEf12',
      'spf=pass (mail.example.org: domain of user@example.com designates 192.0.2.1 as permitted sender) smtp.mailfrom=user@example.com',
      'dmarc=pass (policy=reject) header.from=example.com',
    ],
    problems: [],
  },
  {
    name: 'rspamd: quoted text inside comments, reason with spaces, a comment after the last property',
    value:
      'mail.example.org;\r\n\tdkim=none ("invalid DKIM record") header.d=example.com header.s=mail header.b=xyz12345;\r\n' +
      '\tarc=pass ("example.net:s=arc-20160816:i=1");\r\n' +
      '\tspf=softfail (mail.example.org: 192.0.2.9 is neither permitted nor denied by domain of user@example.com) smtp.mailfrom=user@example.com;\r\n' +
      '\tdmarc=fail reason="No valid SPF, No valid DKIM" header.from=example.com (policy=quarantine)',
    authservId: 'mail.example.org',
    results: [
      'dkim=none ("invalid DKIM record") header.d=example.com header.s=mail header.b=xyz12345',
      'arc=pass ("example.net:s=arc-20160816:i=1")',
      'spf=softfail (mail.example.org: 192.0.2.9 is neither permitted nor denied by domain of user@example.com) smtp.mailfrom=user@example.com',
      'dmarc=fail reason="No valid SPF, No valid DKIM" (policy=quarantine) header.from=example.com',
    ],
    problems: [],
  },
  {
    name: 'rspamd: nothing evaluated',
    value: 'mail.example.org; none',
    authservId: 'mail.example.org',
    results: [],
    problems: [],
  },
  {
    name: 'mailauth: ARC and DMARC comments with extra facts, smtp.helo',
    value:
      'mx.example.com;\r\n dkim=pass header.i=@example.com header.s=default header.a=rsa-sha256 header.b=AbCdEfGh;\r\n' +
      ' spf=pass (mx.example.com: domain of user@example.com designates 192.0.2.1 as permitted sender) smtp.mailfrom=user@example.com smtp.helo=mail.example.com;\r\n' +
      ' arc=pass (i=2 spf=neutral dkim=pass dkdomain=example.com);\r\n dmarc=pass (p=NONE arc=pass as=2 d=example.com) header.from=example.com',
    authservId: 'mx.example.com',
    results: [
      'dkim=pass header.i=@example.com header.s=default header.a=rsa-sha256 header.b=AbCdEfGh',
      'spf=pass (mx.example.com: domain of user@example.com designates 192.0.2.1 as permitted sender) smtp.mailfrom=user@example.com smtp.helo=mail.example.com',
      'arc=pass (i=2 spf=neutral dkim=pass dkdomain=example.com)',
      'dmarc=pass (p=NONE arc=pass as=2 d=example.com) header.from=example.com',
    ],
    problems: [],
  },
  {
    name: 'Zoho: a result without properties and header.from in angle brackets',
    value:
      'mx.zohomail.com; dkim=pass; spf=pass (zohomail.com: domain of example.com designates 192.0.2.3 as permitted sender) smtp.mailfrom=user@example.com; ' +
      'dmarc=pass(p=none dis=none) header.from=<user@example.com>',
    authservId: 'mx.zohomail.com',
    results: [
      'dkim=pass',
      'spf=pass (zohomail.com: domain of example.com designates 192.0.2.3 as permitted sender) smtp.mailfrom=user@example.com',
      'dmarc=pass (p=none dis=none) header.from=<user@example.com>',
    ],
    problems: [],
  },
  {
    name: 'Amazon SES inbound: Received-SPF-style key=value pairs after spf=',
    value:
      'amazonses.com; spf=pass (spfCheck: domain of example.com designates 192.0.2.1 as permitted sender) client-ip=192.0.2.1; ' +
      'envelope-from=user@example.com; helo=mail.example.com; dkim=pass header.i=@example.com; dmarc=pass header.from=example.com;',
    authservId: 'amazonses.com',
    results: [
      'spf=pass (spfCheck: domain of example.com designates 192.0.2.1 as permitted sender) client-ip=192.0.2.1',
      'envelope-from=user@example.com',
      'helo=mail.example.com',
      'dkim=pass header.i=@example.com',
      'dmarc=pass header.from=example.com',
    ],
    problems: ['property-without-ptype:client-ip', 'bad-keyword:user@example.com', 'bad-keyword:mail.example.com'],
  },
  {
    name: 'Odd spacing, upper case and CFWS around "="',
    value: '  mx.example.net ;dkim = pass  header.d =example.com\r\n\t;  SPF=PASS smtp.MailFrom = "user@example.com"  ',
    authservId: 'mx.example.net',
    results: ['dkim=pass header.d=example.com', 'spf=pass smtp.mailfrom=user@example.com'],
    problems: [],
  },
  {
    name: 'Missing semicolons between results',
    value: 'mx.example.net dkim=pass header.d=example.com spf=pass smtp.mailfrom=example.com dmarc=pass header.from=example.com',
    authservId: 'mx.example.net',
    results: ['dkim=pass header.d=example.com', 'spf=pass smtp.mailfrom=example.com', 'dmarc=pass header.from=example.com'],
    problems: ['missing-semicolon@15', 'missing-semicolon@46', 'missing-semicolon@81'],
  },
];
