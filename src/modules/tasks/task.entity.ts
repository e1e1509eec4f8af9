import { Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Body } from '../bodies/body.entity';
import { Paper } from '../papers/paper.entity';
import { User } from '../identity/user.entity';
type TaskKind = 'workshop' | 'tender' | 'funding_application' | 'generic';

/**
 * A measure (Maßnahme) carrying out an adopted paper: a workshop, a tender, a funding
 * application or a generic task. Its workflow columns (state, snapshot, version,
 * machine_version) belong to the workflow service, which changes them only by a checked,
 * audited transition of the kind's machine; `due_date`, `assignee_id` and `department`
 * mirror the machine's context for lists and the implementation report.
 */
@Entity('task')
@Index(['bodyId', 'paperId'])
export class Task {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  bodyId: string;

  @ManyToOne(() => Body, { onDelete: 'RESTRICT' })
  body?: Body;

  @Column({ type: 'uuid' })
  paperId: string;

  @ManyToOne(() => Paper, { onDelete: 'RESTRICT' })
  paper?: Paper;

  @Column({ type: 'text' })
  kind: TaskKind;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'uuid', nullable: true })
  assigneeId: string | null;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  assignee?: User;

  @Column({ type: 'text', nullable: true })
  department: string | null;

  /** The Berlin calendar day the current step is due (the machine's `dueDate`). */
  @Column({ type: 'date', nullable: true })
  dueDate: string | null;

  @Column({ type: 'text' })
  state: string;

  /** open until the task reaches a final state: done, or cancelled (a rejected funding application too). */
  @Column({ type: 'text', default: 'open' })
  outcome: 'open' | 'done' | 'cancelled';

  @Column({ type: 'jsonb' })
  snapshot: object;

  @Column({ type: 'int' })
  machineVersion: number;

  @Column({ type: 'int' })
  version: number;

  /**
   * Set when a clerk prepared the task before the paper was decided (a workshop already
   * fixed, as 2021/119's on 30.08.2021): why it could not wait. Null: after adoption.
   */
  @Column({ type: 'text', nullable: true })
  beforeDecisionReason: string | null;

  @Column({ type: 'uuid' })
  createdBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
