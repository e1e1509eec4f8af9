import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A side effect a transition asked for (a notification, a deadline to schedule or
 * cancel), written in the transition's own transaction. A relay moves pending rows
 * to BullMQ with jobId = id, so nothing is lost if the process dies after commit
 * and nothing is sent twice if the relay retries.
 */
@Entity('outbox_message')
@Index('IDX_outbox_message_pending', ['createdAt'], { where: '"processed_at" IS NULL' })
/** Relayed and not yet carried out: the rows whose jobs the relay checks are still in the queue. */
@Index('IDX_outbox_message_unfinished', ['processedAt'], { where: '"processed_at" IS NOT NULL AND "done_at" IS NULL' })
/** A deadline checks for a later cancellation of its group before it fires or is created. */
@Index('IDX_outbox_message_cancellations', ['subjectId'], { where: `"kind" = 'cancelDeadline'` })
export class OutboxMessage {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** The subject's body. No foreign key: this append-only table takes a row per transition, and an
   * FK check would key-share-lock the one body row from every concurrent transition. */
  @Column({ type: 'uuid' })
  bodyId: string;

  @Column({ type: 'text' })
  subjectType: string;

  @Column({ type: 'uuid' })
  subjectId: string;

  /** The effect's name: `notify`, `scheduleDeadline`, `cancelDeadline`. */
  @Column({ type: 'text' })
  kind: string;

  @Column({ type: 'jsonb', default: {} })
  payload: Record<string, unknown>;

  /** The audit entry (subject seq) that caused it. */
  @Column({ type: 'int' })
  causedBySeq: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  /** When the relay put it into the queue. */
  @Column({ type: 'timestamptz', nullable: true })
  processedAt: Date | null;

  /** When its handler finished it (or gave up after the last attempt). Relayed but not done, and no
   * job in the queue (a Redis restarted empty), means the job was lost: the relay adds it again. */
  @Column({ type: 'timestamptz', nullable: true })
  doneAt: Date | null;
}
