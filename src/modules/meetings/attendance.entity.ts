import { Column, Entity, ManyToOne, PrimaryColumn } from 'typeorm';
import { Person } from '../bodies/person.entity';
import { Meeting } from './meeting.entity';

/** Who was present at a meeting, and for whom a substitute sat in. */
@Entity('attendance')
export class Attendance {
  @PrimaryColumn({ type: 'uuid' })
  meetingId: string;

  @PrimaryColumn({ type: 'uuid' })
  personId: string;

  @ManyToOne(() => Meeting, { onDelete: 'CASCADE' })
  meeting?: Meeting;

  @ManyToOne(() => Person, { onDelete: 'RESTRICT' })
  person?: Person;

  @Column({ type: 'boolean' })
  present: boolean;

  /** The member this person substitutes (Stellvertretung); null for the member themself. */
  @Column({ type: 'uuid', nullable: true })
  substituteForPersonId: string | null;

  @Column({ type: 'timestamptz' })
  recordedAt: Date;
}
