import { Check, Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Body } from './body.entity';
import { OrganizationKind } from './organization-kind';

/** A Gremium (OParl `Organization`): committee, Kreisausschuss, Kreistag, city council. */
@Entity('organization')
@Index(['bodyId', 'name'], { unique: true })
@Check(`"kind" IN ('committee', 'district_committee', 'district_council', 'city_council', 'other')`)
@Check(`"invitation_period_days" BETWEEN 0 AND 60`)
export class Organization {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  bodyId: string;

  @ManyToOne(() => Body, { onDelete: 'RESTRICT' })
  body?: Body;

  @Column({ type: 'text' })
  kind: OrganizationKind;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  shortName: string;

  /** Ladungsfrist in days (rules of procedure); 7 unless the Geschäftsordnung says otherwise. */
  @Column({ type: 'int', default: 7 })
  invitationPeriodDays: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
