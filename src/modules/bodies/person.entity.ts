import { Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Body } from './body.entity';

/** A natural person known to the body (OParl `Person`): members, reporters, signers. */
@Entity('person')
@Index(['bodyId', 'familyName'])
export class Person {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  bodyId: string;

  @ManyToOne(() => Body, { onDelete: 'RESTRICT' })
  body?: Body;

  /** "Herr", "Frau", or empty. */
  @Column({ type: 'text', nullable: true })
  formOfAddress: string | null;

  @Column({ type: 'text', nullable: true })
  givenName: string | null;

  @Column({ type: 'text' })
  familyName: string;

  /** Function shown under a signature, e.g. "Landrat". */
  @Column({ type: 'text', nullable: true })
  title: string | null;

  /** Where invitations and reminders go; a person without one gets none (the notification log says so). */
  @Column({ type: 'text', nullable: true })
  email: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
