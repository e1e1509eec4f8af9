import { Column, Entity, ManyToOne, PrimaryColumn } from 'typeorm';
import { Body } from '../bodies/body.entity';

/**
 * The last reference number given per body and year. Incremented with
 * `INSERT … ON CONFLICT DO UPDATE … RETURNING` inside the releasing transaction:
 * the row lock serialises concurrent releases, and a rolled-back release gives
 * its number back, so references are gap-free and unique.
 */
@Entity('reference_counter')
export class ReferenceCounter {
  @PrimaryColumn({ type: 'uuid' })
  bodyId: string;

  @ManyToOne(() => Body, { onDelete: 'CASCADE' })
  body?: Body;

  @PrimaryColumn({ type: 'int' })
  year: number;

  @Column({ type: 'int' })
  lastNumber: number;
}
