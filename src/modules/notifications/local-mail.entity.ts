import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A mail kept locally when no SMTP_URL is set (embedded mode): readable by admins, also as an .eml file. */
@Entity('local_mail')
export class LocalMail {
  @PrimaryGeneratedColumn('uuid')
  id: string;

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
