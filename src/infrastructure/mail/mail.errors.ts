/**
 * Why a mail could not be handed over. `permanent` is set for 5xx SMTP replies (unknown
 * mailbox, rejected sender): retrying those will not help, unlike a refused connection
 * or a timeout.
 */
export class MailDeliveryError extends Error {
  readonly code = 'MAIL.DELIVERY_FAILED';
  readonly responseCode: number | undefined;
  readonly permanent: boolean;

  constructor(messageId: string, cause: unknown) {
    const responseCode = smtpResponseCode(cause);
    super(`mail ${messageId} could not be delivered: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'MailDeliveryError';
    this.responseCode = responseCode;
    this.permanent = responseCode !== undefined && responseCode >= 500 && responseCode < 600;
  }
}

export class MailTransportClosedError extends Error {
  readonly code = 'MAIL.TRANSPORT_CLOSED';

  constructor() {
    super('the mail transport is closed');
    this.name = 'MailTransportClosedError';
  }
}

function smtpResponseCode(error: unknown): number | undefined {
  const code = (error as { responseCode?: unknown } | null)?.responseCode;
  return typeof code === 'number' ? code : undefined;
}
