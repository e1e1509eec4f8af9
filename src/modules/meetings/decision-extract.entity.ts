import { Check, Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { AgendaItem } from './agenda-item.entity';
import { Meeting } from './meeting.entity';

export const EXTRACT_FORMATS = ['html', 'pdf'] as const;
export type ExtractFormat = (typeof EXTRACT_FORMATS)[number];

/**
 * A Beschlussauszug: the extract of one decided item of signed minutes, for the unit
 * responsible for its paper. Cut once, when the minutes are signed, from the same facts
 * the frozen minutes were rendered from, and stored with its SHA-256 and the hash of
 * those minutes; never re-rendered. The database refuses UPDATE, DELETE and TRUNCATE.
 * `mailbox` is where it was sent at signing (null: the unit had none, the committee
 * office was told instead).
 */
@Entity('decision_extract')
@Index(['agendaItemId', 'format'], { unique: true })
@Index(['meetingId'])
@Check(`"format" IN ('html', 'pdf')`)
export class DecisionExtract {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  bodyId: string;

  @Column({ type: 'uuid' })
  meetingId: string;

  @ManyToOne(() => Meeting, { onDelete: 'RESTRICT' })
  meeting?: Meeting;

  @Column({ type: 'uuid' })
  agendaItemId: string;

  @ManyToOne(() => AgendaItem, { onDelete: 'RESTRICT' })
  agendaItem?: AgendaItem;

  /** A paper of the papers module (no foreign key across modules). */
  @Column({ type: 'uuid' })
  paperId: string;

  /** "Beschlussauszug: TOP 5 – Kreistag am 29.09.2021": the document's title and its mail's subject. */
  @Column({ type: 'text' })
  title: string;

  /** The paper's reference and subject as they stood at signing (the document prints them). */
  @Column({ type: 'text', nullable: true })
  paperReference: string | null;

  @Column({ type: 'text' })
  paperSubject: string;

  /** The TOP number as printed, e.g. `5`. */
  @Column({ type: 'text' })
  itemNumber: string;

  /** False: an item of the non-public part; the extract is internal and never published. */
  @Column({ type: 'boolean' })
  public: boolean;

  /** The paper's responsibleUnit at signing; null when the paper named none. */
  @Column({ type: 'text', nullable: true })
  responsibleUnit: string | null;

  @Column({ type: 'text', nullable: true })
  mailbox: string | null;

  @Column({ type: 'text' })
  format: ExtractFormat;

  /** The document exactly as served (UTF-8 HTML, or PDF bytes). */
  @Column({ type: 'bytea' })
  content: Buffer;

  /** Hex SHA-256 of `content`. */
  @Column({ type: 'text' })
  sha256: string;

  /** Hex SHA-256 of the signed minutes (full part) this extract was cut from. */
  @Column({ type: 'text' })
  minutesSha256: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
