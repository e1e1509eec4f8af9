import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A mail kept locally when no SMTP_URL is set (embedded mode), also as an .eml file:
 * readable by its body's admins and by the operator. `bodyId` null (a mail not sent for
 * a body): the operator's only.
 */
@Entity('local_mail')
@Index(['bodyId', 'createdAt'])
export class LocalMail {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid', nullable: true })
  bodyId: string | null;

  @Column({ type: 'text', unique: true })
  messageId: string;

  @Column({ type: 'text' })
  to: string;

  @Column({ type: 'text' })
  subject: string;

  /** The whole RFC 822 message. */
  @Column({ type: 'text' })
  raw: string;

  @Column({ type: 'text' })
  file: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
