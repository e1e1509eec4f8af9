import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One entry of a subject's history (a paper, later meetings and tasks). Append-only:
 * a database trigger refuses UPDATE, DELETE and TRUNCATE. Each subject's entries form
 * a hash chain: `hash = sha256(prevHash || canonical JSON of the entry)`.
 */
@Entity('audit_event')
@Index(['subjectType', 'subjectId', 'seq'], { unique: true })
@Index(['bodyId', 'at'])
export class AuditEvent {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  /** The subject's body. No foreign key: this append-only table takes a row per transition, and an
   * FK check would key-share-lock the one body row from every concurrent transition. */
  @Column({ type: 'uuid' })
  bodyId: string;

  @Column({ type: 'text' })
  subjectType: string;

  @Column({ type: 'uuid' })
  subjectId: string;

  /** 1, 2, 3 … per subject, gap-free; equals the subject's version after the entry. */
  @Column({ type: 'int' })
  seq: number;

  /** The event type (`SUBMIT`, `SIGN`, …) or a record type (`CREATE`, `EDIT`). */
  @Column({ type: 'text' })
  type: string;

  @Column({ type: 'uuid', nullable: true })
  actorId: string | null;

  @Column({ type: 'text' })
  actorName: string;

  @Column({ type: 'timestamptz' })
  at: Date;

  @Column({ type: 'text', nullable: true })
  fromState: string | null;

  @Column({ type: 'text' })
  toState: string;

  @Column({ type: 'jsonb', default: {} })
  payload: Record<string, unknown>;

  @Column({ type: 'int' })
  machineVersion: number;

  @Column({ type: 'char', length: 64 })
  prevHash: string;

  @Column({ type: 'char', length: 64 })
  hash: string;
}
