import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { VotesView } from './meeting.types';

export const AMENDMENT_STATES = ['proposed', 'adopted', 'rejected', 'withdrawn'] as const;
export type AmendmentState = (typeof AMENDMENT_STATES)[number];

/**
 * An Änderungsantrag on an agenda item (the consultation of a paper in a meeting), by a
 * Fraktion, Gruppe or member. `text` is the decision text as it would read if adopted;
 * `change` may describe the change in words. Voted before the main motion (GO des
 * Kreistags); an adopted one's text is what the item is decided on.
 */
@Entity('amendment')
@Index(['agendaItemId', 'number'], { unique: true })
@Check(`"state" IN ('proposed', 'adopted', 'rejected', 'withdrawn')`)
@Check(`"originator_organization_id" IS NULL OR "originator_person_id" IS NULL`)
export class Amendment {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  bodyId: string;

  @Column({ type: 'uuid' })
  meetingId: string;

  @Column({ type: 'uuid' })
  agendaItemId: string;

  @Column({ type: 'uuid' })
  paperId: string;

  /** The paper's consultation the item deliberates. */
  @Column({ type: 'text' })
  consultationKey: string;

  /** 1, 2, … per item, in the order tabled. */
  @Column({ type: 'int' })
  number: number;

  @Column({ type: 'uuid', nullable: true })
  originatorOrganizationId: string | null;

  @Column({ type: 'uuid', nullable: true })
  originatorPersonId: string | null;

  /** The originator as printed when tabled. */
  @Column({ type: 'text' })
  originatorName: string;

  /** The resulting decision text. */
  @Column({ type: 'text' })
  text: string;

  /** The change in words ("In Nr. 2 wird … ersetzt durch …"), optional. */
  @Column({ type: 'text', nullable: true })
  change: string | null;

  @Column({ type: 'text', default: 'proposed' })
  state: AmendmentState;

  @Column({ type: 'jsonb', nullable: true })
  votes: VotesView | null;

  @Column({ type: 'uuid', nullable: true })
  recordedBy: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  recordedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  withdrawnReason: string | null;

  @Column({ type: 'uuid' })
  createdBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
