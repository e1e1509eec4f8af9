/**
 * Sends each mail over its own SMTP connection (no pool: notification volume is small,
 * and a broken pooled connection would fail the next, unrelated job). Failures reject
 * with a `MailDeliveryError`; the notification job retries.
 */
import { createTransport, type Transporter } from 'nodemailer';
import { mailOptions, messageIdHeader, type OutgoingMail } from './mail-message';
import { MailDeliveryError, MailTransportClosedError } from './mail.errors';
import { MailTransport, type MailSendResult } from './mail-transport';

export interface SmtpTimeouts {
  connectionMs: number;
  greetingMs: number;
  socketMs: number;
}

export const DEFAULT_SMTP_TIMEOUTS: SmtpTimeouts = { connectionMs: 10_000, greetingMs: 10_000, socketMs: 30_000 };

export class SmtpMailTransport extends MailTransport {
  private readonly transporter: Transporter;
  private closed = false;

  /** `url`: `smtp://[user:pass@]host[:port]` (STARTTLS when offered) or `smtps://…` (implicit TLS). */
  constructor(url: string, timeouts: SmtpTimeouts = DEFAULT_SMTP_TIMEOUTS) {
    super();
    this.transporter = createTransport({
      url: smtpUrl(url),
      pool: false,
      connectionTimeout: timeouts.connectionMs,
      greetingTimeout: timeouts.greetingMs,
      socketTimeout: timeouts.socketMs,
    });
  }

  async send(mail: OutgoingMail): Promise<MailSendResult> {
    if (this.closed) throw new MailTransportClosedError();
    const messageId = messageIdHeader(mail.messageId);
    let info: { messageId?: string; accepted?: unknown[]; rejected?: unknown[] };
    try {
      info = await this.transporter.sendMail(mailOptions(mail));
    } catch (error) {
      throw new MailDeliveryError(messageId, error);
    }
    const accepted = (info.accepted?.length ?? 0) > 0 && (info.rejected?.length ?? 0) === 0;
    return { messageId: info.messageId ?? messageId, accepted };
  }

  async close(): Promise<void> {
    this.closed = true;
    this.transporter.close();
  }
}

/**
 * Checks the scheme, and drops a `pool` query parameter: nodemailer would switch to
 * pooled connections on `?pool=true`. The URL holds credentials, so errors never echo it.
 */
function smtpUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new RangeError('the SMTP URL is not a valid URL');
  }
  if (parsed.protocol !== 'smtp:' && parsed.protocol !== 'smtps:') {
    throw new RangeError(`the SMTP URL must start with smtp:// or smtps://, not ${parsed.protocol}//`);
  }
  if (!parsed.searchParams.has('pool')) return url;
  parsed.searchParams.delete('pool');
  return parsed.toString();
}
