import { Check, Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Paper } from '../papers/paper.entity';
import { MAJORITY_RULES, type MajorityRule } from '../../shared/vote-rules';
import type { AgendaItemStatus, BiasEntry, VotesView } from './meeting.types';
import { Meeting } from './meeting.entity';

/**
 * A TOP (OParl `AgendaItem`). It may carry a paper's current consultation (then
 * `consultationKey` names it) or the approval of an earlier meeting's minutes.
 * A result is recorded once; a removed item keeps its row and number.
 */
@Entity('agenda_item')
@Index(['meetingId', 'number'], { unique: true })
@Index(['paperId'])
@Check(`"status" IN ('open', 'decided', 'postponed', 'removed')`)
@Check(`"majority" IN (${MAJORITY_RULES.map((r) => `'${r}'`).join(', ')})`)
export class AgendaItem {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  meetingId: string;

  @ManyToOne(() => Meeting, { onDelete: 'CASCADE' })
  meeting?: Meeting;

  @Column({ type: 'uuid' })
  bodyId: string;

  /** Order on the agenda: the public part first, then the non-public part. */
  @Column({ type: 'int' })
  position: number;

  /** The TOP number as printed: `1`, `2`, `2.a`. */
  @Column({ type: 'text' })
  number: string;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'boolean', default: true })
  public: boolean;

  @Column({ type: 'uuid', nullable: true })
  paperId: string | null;

  @ManyToOne(() => Paper, { onDelete: 'RESTRICT' })
  paper?: Paper;

  /**
   * The paper's consultation this item deliberates. Null with a `paperId`: the item is
   * the Kreistag's approval of the paper's urgent decision (§ 50 Abs. 3 KrO NRW), which
   * belongs to no consultation.
   */
  @Column({ type: 'text', nullable: true })
  consultationKey: string | null;

  @Column({ type: 'text', nullable: true })
  reporter: string | null;

  /** The meeting whose minutes this item approves. */
  @Column({ type: 'uuid', nullable: true })
  minutesOfMeetingId: string | null;

  /** Added after the invitation (Nachtrag). */
  @Column({ type: 'boolean', default: false })
  lateAddition: boolean;

  @Column({ type: 'text', nullable: true })
  urgentReason: string | null;

  @Column({ type: 'text', default: 'open' })
  status: AgendaItemStatus;

  @Column({ type: 'text', nullable: true })
  result: string | null;

  @Column({ type: 'jsonb', nullable: true })
  votes: VotesView | null;

  @Column({ type: 'text', nullable: true })
  decisionText: string | null;

  /** The majority the decision needs (shared/vote-rules.ts). */
  @Column({ type: 'text', default: 'simple' })
  majority: MajorityRule;

  /** The paper's previous item was put back for lack of quorum: this one is quorate whatever the attendance. */
  @Column({ type: 'boolean', default: false })
  secondSummons: boolean;

  /** Postponed after the lack of quorum was established (its paper's next item is a second summons). */
  @Column({ type: 'boolean', default: false })
  postponedForLackOfQuorum: boolean;

  /** Persons declared biased (Befangenheit): left out of this item's deliberation, vote and counts. */
  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  biasedPersonIds: string[];

  /** The same persons, each with the reason recorded (null for entries made without one). */
  @Column({ type: 'jsonb', default: [] })
  bias: BiasEntry[];

  @Column({ type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
