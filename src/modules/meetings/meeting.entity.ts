import { Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Body } from '../bodies/body.entity';
import { Organization } from '../bodies/organization.entity';
import type { MeetingStateKey } from './meeting.types';

/** One agenda item as it stood when the invitation went out (the invited version of the agenda). */
export interface FrozenAgendaItem {
  id: string;
  number: string;
  title: string;
  public: boolean;
  paperId: string | null;
}

/**
 * A Sitzung (OParl `Meeting`) of one organization. Its workflow columns (state,
 * snapshot, version, machine_version) belong to the workflow service, which changes
 * them only by a checked, audited transition of meeting.machine.ts.
 */
@Entity('meeting')
@Index(['bodyId', 'organizationId', 'start'])
export class Meeting {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  bodyId: string;

  @ManyToOne(() => Body, { onDelete: 'RESTRICT' })
  body?: Body;

  @Column({ type: 'uuid' })
  organizationId: string;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  organization?: Organization;

  @Column({ type: 'timestamptz' })
  start: Date;

  @Column({ type: 'timestamptz', nullable: true })
  end: Date | null;

  @Column({ type: 'text', nullable: true })
  location: string | null;

  @Column({ type: 'boolean', default: false })
  cancelled: boolean;

  /** The agenda as invited; items added later are Nachträge. Null until the invitation. */
  @Column({ type: 'jsonb', nullable: true })
  invitedAgenda: FrozenAgendaItem[] | null;

  @Column({ type: 'text' })
  state: MeetingStateKey;

  @Column({ type: 'jsonb' })
  snapshot: object;

  @Column({ type: 'int' })
  machineVersion: number;

  @Column({ type: 'int' })
  version: number;

  @Column({ type: 'uuid' })
  createdBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
