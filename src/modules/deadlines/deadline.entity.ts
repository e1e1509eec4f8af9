import { Check, Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

export const DEADLINE_STATUSES = ['pending', 'fired', 'cancelled'] as const;
export type DeadlineStatus = (typeof DEADLINE_STATUSES)[number];

/**
 * A durable timer: this row is the truth, the BullMQ delayed job (jobId = id) only
 * its alarm clock. A deadline fires at most once: firing is an UPDATE from
 * `pending` in the same transaction as what it does; the reconciler re-creates a
 * lost job from the row.
 */
@Entity('deadline')
@Index('IDX_deadline_pending_due', ['dueAt'], { where: `"status" = 'pending'` })
@Index(['subjectType', 'subjectId', 'group'])
@Check(`"status" IN ('pending', 'fired', 'cancelled')`)
export class Deadline {
  /** Derived from the outbox row that scheduled it, so scheduling twice creates it once. */
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'uuid' })
  bodyId: string;

  @Column({ type: 'text' })
  subjectType: string;

  @Column({ type: 'uuid' })
  subjectId: string;

  /** What happens when it fires, e.g. `signOffReminder`, `signOffEscalation`, `invitationDue`. */
  @Column({ type: 'text' })
  kind: string;

  /** The kind that was scheduled (one scheduling may create several deadlines); cancelling names it. */
  @Column({ type: 'text' })
  group: string;

  /** The subject's audit seq that scheduled it: a later cancellation of the group voids it. */
  @Column({ type: 'int' })
  causedBySeq: number;

  @Column({ type: 'timestamptz' })
  dueAt: Date;

  @Column({ type: 'text', default: 'pending' })
  status: DeadlineStatus;

  @Column({ type: 'jsonb', default: {} })
  payload: Record<string, unknown>;

  @Column({ type: 'timestamptz', nullable: true })
  firedAt: Date | null;

  /** What firing did: `notified`, or why it did nothing (`obsolete: …`). */
  @Column({ type: 'text', nullable: true })
  outcome: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
