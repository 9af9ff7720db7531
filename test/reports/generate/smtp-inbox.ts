import { SMTPServer } from 'smtp-server';

/** One message the test server accepted. */
export interface Received {
  from: string;
  to: string[];
  raw: Buffer;
}

/** An SMTP server on 127.0.0.1 that keeps what it accepts; `refuse…` recipients get 550, addresses in `busy` get 451. */
export interface TestInbox {
  port: number;
  messages: Received[];
  /** Recipients answered with 451 (a temporary failure) while listed. */
  busy: Set<string>;
  /** RCPT TO commands seen, accepted or not. */
  attempts: string[];
  close(): Promise<void>;
}

/** Start a {@link TestInbox}. */
export async function startInbox(): Promise<TestInbox> {
  const messages: Received[] = [];
  const busy = new Set<string>();
  const attempts: string[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onRcptTo(address, _session, cb) {
      attempts.push(address.address);
      if (address.address.startsWith('refuse')) return cb(Object.assign(new Error('5.1.1 no such user'), { responseCode: 550 }));
      if (busy.has(address.address)) return cb(Object.assign(new Error('4.2.1 mailbox busy, try later'), { responseCode: 451 }));
      cb();
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        messages.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks) });
        cb(null, 'queued as TEST');
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as { port: number }).port;
  return { port, messages, busy, attempts, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
