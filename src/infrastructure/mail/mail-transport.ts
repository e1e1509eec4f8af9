/**
 * Where outgoing mail goes: SMTP in production (`SmtpMailTransport`), a directory of
 * .eml files in development and tests (`LocalMailTransport`). An abstract class rather
 * than an interface so that it can serve as the Nest injection token.
 */
import type { OutgoingMail } from './mail-message';

export interface MailSendResult {
  /** The Message-ID header as sent, in angle brackets: `<…>`. */
  messageId: string;
  /** Whether the recipient was accepted (by the SMTP server, or stored locally). */
  accepted: boolean;
}

export abstract class MailTransport {
  /** Rejects when the mail could not be handed over; the caller retries. */
  abstract send(mail: OutgoingMail): Promise<MailSendResult>;
  abstract close(): Promise<void>;
}
