import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { BadInputError, NotFoundError } from '../../shared/domain-error';
import { OutboxRelay } from '../../workflow/outbox/outbox-relay.service';
import type { NotificationStatus } from './notification.entity';

/**
 * The notification log, its dead letters and the local mailbox, scoped: `bodyId` is the
 * body whose rows the caller sees, or null for the deployment's operator (every body's).
 * A row outside the scope is 404, as if it did not exist.
 */
@Injectable()
export class NotificationLog {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly relay: OutboxRelay,
  ) {}

  /** Newest first; `failed` lists the dead letters. */
  notifications(bodyId: string | null, status?: NotificationStatus): Promise<unknown[]> {
    return this.dataSource.query(
      `SELECT id, body_id AS "bodyId", outbox_id AS "outboxId", kind, recipient_key AS "recipientKey", recipient_name AS "recipientName",
         recipient_email AS "recipientEmail", subject, status, attempts, last_error AS "lastError", message_id AS "messageId",
         created_at AS "createdAt", sent_at AS "sentAt"
       FROM notification WHERE ($1::uuid IS NULL OR body_id = $1) AND ($2::text IS NULL OR status = $2) ORDER BY created_at DESC LIMIT 500`,
      [bodyId, status ?? null],
    );
  }

  /** Sends a failed notification again: its outbox row runs once more (others of the row already sent are skipped). */
  async retry(bodyId: string | null, id: string): Promise<{ id: string; status: 'pending' }> {
    const [n] = await this.dataSource.query(`SELECT id, outbox_id, status FROM notification WHERE id = $1 AND ($2::uuid IS NULL OR body_id = $2)`, [
      id,
      bodyId,
    ]);
    if (!n) throw new NotFoundError('Notification', id);
    if (n.status !== 'failed') throw new BadInputError(`Only a failed notification can be retried; this one is ${n.status}`);
    await this.dataSource.query(`UPDATE notification SET status = 'pending' WHERE id = $1`, [id]);
    await this.relay.requeue(n.outbox_id);
    return { id, status: 'pending' };
  }

  /** The local mailbox (embedded mode without SMTP_URL), newest first. */
  mail(bodyId: string | null): Promise<unknown[]> {
    return this.dataSource.query(
      `SELECT id, body_id AS "bodyId", message_id AS "messageId", "to", subject, file, created_at AS "createdAt" FROM local_mail
       WHERE ($1::uuid IS NULL OR body_id = $1) ORDER BY created_at DESC LIMIT 500`,
      [bodyId],
    );
  }

  /** One local mail as the .eml it was stored as. */
  async mailMessage(bodyId: string | null, id: string): Promise<string> {
    const [row] = await this.dataSource.query(`SELECT raw FROM local_mail WHERE id = $1 AND ($2::uuid IS NULL OR body_id = $2)`, [id, bodyId]);
    if (!row) throw new NotFoundError('Mail', id);
    return row.raw as string;
  }
}
