import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const NOTIFICATION_STATUSES = ['pending', 'sent', 'failed', 'skipped'] as const;
export type NotificationStatus = (typeof NOTIFICATION_STATUSES)[number];

/**
 * The notification log: who was told what, when, and whether it went out. One row
 * per outbox row and recipient (unique), so a retried job finds what was already
 * sent and sends nothing twice. `failed` rows are the dead letters an admin sees
 * and can retry; `skipped` ones had no address.
 */
@Entity('notification')
@Index(['outboxId', 'recipientKey'], { unique: true })
@Index(['bodyId', 'status', 'createdAt'])
@Check(`"status" IN ('pending', 'sent', 'failed', 'skipped')`)
export class Notification {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  bodyId: string;

  @Column({ type: 'uuid' })
  outboxId: string;

  /** `user:<id>` or `person:<id>`: whom, independent of the address they had. */
  @Column({ type: 'text' })
  recipientKey: string;

  @Column({ type: 'text' })
  recipientName: string;

  @Column({ type: 'text', nullable: true })
  recipientEmail: string | null;

  /** The template, e.g. `meetingInvitation`. */
  @Column({ type: 'text' })
  kind: string;

  @Column({ type: 'text' })
  subject: string;

  @Column({ type: 'text', default: 'pending' })
  status: NotificationStatus;

  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column({ type: 'text', nullable: true })
  lastError: string | null;

  /** The Message-ID the mail went out with (derived from outbox id and recipient). */
  @Column({ type: 'text' })
  messageId: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  sentAt: Date | null;
}
