import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  messageId: string;
  parsed: ParsedMail;
}

/**
 * A real SMTP server inside the test (smtp-server), collecting what it accepts, parsed
 * as a mail client would. `refuse(rcpt)` lets a test turn a recipient away (a 450:
 * try again later) to provoke retries.
 */
export class SmtpTestServer {
  readonly received: ReceivedMail[] = [];
  refuse: (recipient: string) => boolean = () => false;
  /** Recipients whose message is taken in but never answered (the sender waits, as on a hung server). */
  hold: (recipient: string) => boolean = () => false;
  readonly held: string[] = [];
  private server!: SMTPServer;

  async start(): Promise<number> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onRcptTo: (address, _session, callback) => {
        if (this.refuse(address.address)) return callback(Object.assign(new Error('Bitte später erneut versuchen'), { responseCode: 450 }));
        callback();
      },
      onData: (stream, session, callback) => {
        const rcpts = session.envelope.rcptTo.map((r) => r.address);
        if (rcpts.some((r) => this.hold(r))) {
          this.held.push(...rcpts);
          stream.resume(); // read it, never answer: the message is not accepted
          return;
        }
        simpleParser(stream)
          .then((parsed) => {
            for (const rcpt of session.envelope.rcptTo) {
              this.received.push({
                to: rcpt.address,
                subject: parsed.subject ?? '',
                text: parsed.text ?? '',
                html: typeof parsed.html === 'string' ? parsed.html : '',
                messageId: parsed.messageId ?? '',
                parsed,
              });
            }
            callback();
          })
          .catch(callback);
      },
    });
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(0, '127.0.0.1', () => resolve());
    });
    return (this.server.server.address() as AddressInfo).port;
  }

  to(address: string): ReceivedMail[] {
    return this.received.filter((m) => m.to === address);
  }

  /** Waits until `predicate` holds for the received mails (polling), or fails after `ms`. */
  async waitFor(predicate: (mails: ReceivedMail[]) => boolean, ms = 15_000): Promise<void> {
    const until = Date.now() + ms;
    while (!predicate(this.received)) {
      if (Date.now() > until) throw new Error(`timed out waiting for mail; received: ${this.received.map((m) => `${m.to}: ${m.subject}`).join(' | ')}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
