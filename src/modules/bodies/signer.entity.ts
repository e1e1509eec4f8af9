import { Check, Column, Entity, Index, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Body } from './body.entity';
import type { SignerRole } from './sign-off-rule';

/**
 * How a user of the body signs Vorlagen: the name and function printed under the
 * signature ("Butz, Kreisdirektor"), the co-sign units they sign for in parallel
 * (e.g. Kämmerei) and the line roles they may sign "i.V." for an absent holder.
 * No row: the user signs under their user name with the function of the step's role.
 */
@Entity('signer')
@Index(['bodyId', 'userId'], { unique: true })
@Check(`"deputy_for" <@ ARRAY['department_head', 'district_director', 'district_administrator']::text[]`)
export class Signer {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  bodyId: string;

  @ManyToOne(() => Body, { onDelete: 'RESTRICT' })
  body?: Body;

  /** A user of the identity module (no foreign key across modules). */
  @Column({ type: 'uuid' })
  userId: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  function: string;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  coSignUnits: string[];

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  deputyFor: SignerRole[];

  /** Bumped with every change: the seq of the profile's audit entries. */
  @Column({ type: 'int' })
  version: number;
}
