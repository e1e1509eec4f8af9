import { Check, Column, CreateDateColumn, Entity, Index, ManyToOne, OneToMany, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Body } from '../bodies/body.entity';
import type { PersistedSnapshot } from '../../workflow/workflow-definition';
import { Consultation } from './consultation.entity';
import type { CostItem } from './cost-items';
import type { ClimateEffect, PaperType } from './paper.types';

/**
 * A Vorlage (OParl `Paper`). Its workflow state lives in `snapshot` (the machine's
 * value and context) and is mirrored into `state` for queries; `version` counts
 * its audit entries and guards against lost updates.
 */
@Entity('paper')
@Index(['bodyId', 'state'])
@Index(['bodyId', 'createdAt'])
@Index('UQ_paper_reference', ['bodyId', 'reference'], { unique: true, where: '"reference" IS NOT NULL' })
@Check(`"paper_type" IN ('Beschlussvorlage', 'Mitteilungsvorlage', 'Antrag', 'Anfrage')`)
@Check(`"climate_effect" IN ('none', 'positive', 'negative')`)
@Check(`"originator_organization_id" IS NULL OR "originator_person_id" IS NULL`)
@Check(`"paper_type" IN ('Antrag', 'Anfrage') OR ("originator_organization_id" IS NULL AND "originator_person_id" IS NULL)`)
@Check(`"answers_paper_id" IS NULL OR "paper_type" = 'Mitteilungsvorlage'`)
export class Paper {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  bodyId: string;

  @ManyToOne(() => Body, { onDelete: 'RESTRICT' })
  body?: Body;

  /** `YYYY/NNN`, assigned at release (after the last sign-off). */
  @Column({ type: 'text', nullable: true })
  reference: string | null;

  @Column({ type: 'text' })
  paperType: PaperType;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'boolean', default: true })
  public: boolean;

  @Column({ type: 'text', default: '' })
  decisionProposal: string;

  @Column({ type: 'text', default: '' })
  facts: string;

  @Column({ type: 'jsonb', default: [] })
  goals: string[];

  @Column({ type: 'jsonb', default: [] })
  measures: string[];

  @Column({ type: 'text', nullable: true })
  costs: string | null;

  /** The Kosten as data next to the text (cost-items.ts); amounts in euro cents. */
  @Column({ type: 'jsonb', default: [] })
  costItems: CostItem[];

  /** The Vorlage's date as printed on it: a Berlin calendar day. */
  @Column({ type: 'date', nullable: true })
  paperDate: string | null;

  @Column({ type: 'text', default: 'none' })
  climateEffect: ClimateEffect;

  @Column({ type: 'text', nullable: true })
  climateJustification: string | null;

  @Column({ type: 'text', nullable: true })
  responsibleUnit: string | null;

  /** An Antrag or Anfrage: the Fraktion or Gruppe that originates it (§ 40 KrO NRW) ... */
  @Column({ type: 'uuid', nullable: true })
  originatorOrganizationId: string | null;

  /** ... or the member of the council who does. */
  @Column({ type: 'uuid', nullable: true })
  originatorPersonId: string | null;

  /** When the committee office received the Antrag or Anfrage (the § 33 KrO NRW deadline counts from it). */
  @Column({ type: 'timestamptz', nullable: true })
  receivedAt: Date | null;

  /** The session an Antrag asks to be placed on (a meeting of the meetings module). */
  @Column({ type: 'uuid', nullable: true })
  requestedMeetingId: string | null;

  /** A Mitteilungsvorlage that answers an Anfrage (its Beantwortung). */
  @Column({ type: 'uuid', nullable: true })
  answersPaperId: string | null;

  /** The flattened state value, e.g. `draft` or `deliberation.scheduled`. */
  @Column({ type: 'text' })
  state: string;

  @Column({ type: 'jsonb' })
  snapshot: PersistedSnapshot;

  @Column({ type: 'int' })
  machineVersion: number;

  @Column({ type: 'int' })
  version: number;

  @OneToMany(() => Consultation, (c) => c.paper)
  consultations?: Consultation[];

  @Column({ type: 'uuid' })
  createdBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
