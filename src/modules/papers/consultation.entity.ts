import { Body } from '../bodies/body.entity';
import { Check, Column, Entity, Index, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Organization } from '../bodies/organization.entity';
import { Paper } from './paper.entity';
import type { ConsultationOrigin, ConsultationResult, ConsultationRole, Votes } from './paper.types';

/**
 * One step of the Beratungsfolge (OParl `Consultation`). In draft the clerk edits
 * these rows; from SUBMIT on they mirror the machine's context, where results are
 * recorded once and never rewritten.
 */
@Entity('consultation')
@Index(['paperId', 'key'], { unique: true })
@Index(['paperId', 'position'])
@Index(['organizationId'])
@Check(`"role" IN ('preliminary', 'decisive', 'info')`)
export class Consultation {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  paperId: string;

  @ManyToOne(() => Paper, (p) => p.consultations, { onDelete: 'CASCADE' })
  paper?: Paper;

  @Column({ type: 'uuid' })
  bodyId: string;

  @ManyToOne(() => Body, { onDelete: 'RESTRICT' })
  body?: Body;

  /** 0-based order in the Beratungsfolge. */
  @Column({ type: 'int' })
  position: number;

  /** The machine's stable key for this consultation. */
  @Column({ type: 'text' })
  key: string;

  @Column({ type: 'uuid' })
  organizationId: string;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  organization?: Organization;

  @Column({ type: 'text' })
  role: ConsultationRole;

  @Column({ type: 'date', nullable: true })
  plannedDate: string | null;

  @Column({ type: 'text', nullable: true })
  agendaItemNumber: string | null;

  @Column({ type: 'text', nullable: true })
  reporter: string | null;

  @Column({ type: 'uuid', nullable: true })
  meetingId: string | null;

  @Column({ type: 'date', nullable: true })
  scheduledDate: string | null;

  @Column({ type: 'text', nullable: true })
  result: ConsultationResult | null;

  @Column({ type: 'jsonb', nullable: true })
  votes: Votes | null;

  @Column({ type: 'text', nullable: true })
  resultText: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @Column({ type: 'text', default: 'planned' })
  origin: ConsultationOrigin;
}
