import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A Körperschaft (OParl `Body`): a Kreis or a city. The tenant: every record
 * belongs to exactly one body, and users hold roles per body.
 */
@Entity('body')
export class Body {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text', unique: true })
  name: string;

  @Column({ type: 'text' })
  shortName: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
