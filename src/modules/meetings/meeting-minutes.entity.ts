import { Column, CreateDateColumn, Entity, ManyToOne, PrimaryColumn } from 'typeorm';
import { Meeting } from './meeting.entity';

/** `signed`: frozen when the chair and the Schriftführer have both signed; `approved`: that record with the approval note. */
export type MinutesStage = 'signed' | 'approved';
/** `all` for members and staff; `public` without the non-public part. */
export type MinutesPart = 'all' | 'public';

/**
 * A Niederschrift as stored once signed: the HTML exactly as served, and its SHA-256.
 * Written once per stage and part and never updated, so a later change to the agenda,
 * the persons or the papers cannot alter signed minutes.
 */
@Entity('meeting_minutes')
export class MeetingMinutes {
  @PrimaryColumn({ type: 'uuid' })
  meetingId: string;

  @PrimaryColumn({ type: 'text' })
  stage: MinutesStage;

  @PrimaryColumn({ type: 'text' })
  part: MinutesPart;

  @ManyToOne(() => Meeting, { onDelete: 'RESTRICT' })
  meeting?: Meeting;

  @Column({ type: 'text' })
  html: string;

  /** Hex SHA-256 of `html` as UTF-8. */
  @Column({ type: 'text' })
  sha256: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
