/**
 * The nodemailer message both transports send, so the SMTP mail and the stored .eml are
 * the same RFC 822 message. No file or URL access: the content is text the templates
 * rendered, and attachments are bytes the caller holds (a stored Beschlussauszug).
 */
import type { SendMailOptions } from 'nodemailer';

export interface Recipient {
  /** Display name, e.g. "AWD-Mitglied 01" or "Sitzungsdienst". */
  name: string;
  email: string;
}

/** A rendered mail: German subject, plain text and HTML parts. */
export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

/** A stored document sent along (a Beschlussauszug): bytes as stored, never a path or URL. */
export interface MailAttachment {
  filename: string;
  contentType: string;
  content: Buffer;
}

/** One message for the transport. `messageId` is derived from the outbox id, so a resend is recognisable. */
export interface OutgoingMail extends RenderedMail {
  from: string;
  to: Recipient;
  messageId: string;
  attachments?: readonly MailAttachment[];
  /** The body the mail is sent for: not part of the message; the local mailbox is scoped by it. */
  bodyId?: string;
}

export const MAIL_HEADERS: Readonly<Record<string, string>> = {
  // RFC 3834: tells auto-responders (out of office) not to answer.
  'Auto-Submitted': 'auto-generated',
  'Content-Language': 'de',
};

/** `<id@host>`, whether or not the caller wrote the angle brackets. */
export function messageIdHeader(messageId: string): string {
  const bare = messageId.trim().replace(/^<|>$/g, '');
  if (bare === '' || /[\s<>]/.test(bare)) throw new RangeError(`not a Message-ID: ${JSON.stringify(messageId)}`);
  return `<${bare}>`;
}

export function mailOptions(mail: OutgoingMail): SendMailOptions {
  return {
    from: mail.from,
    // An address object: nodemailer quotes and encodes the name ("Müller, Anna" <…>).
    to: { name: mail.to.name, address: mail.to.email },
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    messageId: messageIdHeader(mail.messageId),
    headers: { ...MAIL_HEADERS },
    ...(mail.attachments?.length && {
      // Base64 by choice, not by nodemailer's guess: the attachment must arrive byte for byte (its hash is in the mail).
      attachments: mail.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, content: a.content, contentTransferEncoding: 'base64' as const })),
    }),
    disableFileAccess: true,
    disableUrlAccess: true,
  };
}
