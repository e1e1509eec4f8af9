import { Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Body } from './body.entity';
import { Organization } from './organization.entity';
import { Person } from './person.entity';

/** A person's seat in an organization (OParl `Membership`), with its term. */
@Entity('membership')
@Index(['organizationId', 'personId', 'startDate'], { unique: true })
export class Membership {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  bodyId: string;

  @ManyToOne(() => Body, { onDelete: 'RESTRICT' })
  body?: Body;

  @Column({ type: 'uuid' })
  organizationId: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  organization?: Organization;

  @Column({ type: 'uuid' })
  personId: string;

  @ManyToOne(() => Person, { onDelete: 'CASCADE' })
  person?: Person;

  /** "member", "chair", "deputy_chair", "substitute". */
  @Column({ type: 'text', default: 'member' })
  role: string;

  @Column({ type: 'boolean', default: true })
  votingRight: boolean;

  @Column({ type: 'date' })
  startDate: string;

  @Column({ type: 'date', nullable: true })
  endDate: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
