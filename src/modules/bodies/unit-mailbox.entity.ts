import { Column, Entity, Index, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Body } from './body.entity';

/**
 * The mailbox of an organisational unit of the administration (Fachbereich, Stabsstelle,
 * Amt), as a paper names it in `responsibleUnit`: where the Beschlussauszüge of its
 * papers are sent. Units are names the body chooses; the mapping is the body's data.
 */
@Entity('unit_mailbox')
@Index(['bodyId', 'unit'], { unique: true })
export class UnitMailbox {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  bodyId: string;

  @ManyToOne(() => Body, { onDelete: 'RESTRICT' })
  body?: Body;

  /** The unit exactly as papers name it (`responsibleUnit`), e.g. "Kreisdirektor – Digitalisierung". */
  @Column({ type: 'text' })
  unit: string;

  @Column({ type: 'text' })
  email: string;

  /** Bumped with every change: the seq of the mailbox's audit entries. */
  @Column({ type: 'int' })
  version: number;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
