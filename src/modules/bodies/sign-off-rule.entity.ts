import { Check, Column, Entity, Index, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { PaperType } from '../papers/paper.types';
import { Body } from './body.entity';
import type { SignerRole, SignOffMode } from './sign-off-rule';

/**
 * The sign-off chain a body requires for one paper type, set by the body's admin.
 * No row: the default chain (sign-off-rule.ts). A paper copies the chain into its own
 * snapshot when it is created, so a later change here never reaches a running paper.
 */
@Entity('sign_off_rule')
@Index(['bodyId', 'paperType'], { unique: true })
@Check(`"paper_type" IN ('Beschlussvorlage', 'Mitteilungsvorlage', 'Antrag', 'Anfrage')`)
@Check(`"steps" <@ ARRAY['department_head', 'district_director', 'district_administrator']::text[]`)
@Check(`"mode" IN ('chain', 'none')`)
@Check(`"mode" = 'chain' OR (cardinality("steps") = 0 AND cardinality("parallel") = 0)`)
export class SignOffRule {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  bodyId: string;

  @ManyToOne(() => Body, { onDelete: 'RESTRICT' })
  body?: Body;

  @Column({ type: 'text' })
  paperType: PaperType;

  /** `none`: no administrative sign-off; papers of the type are registered as received (sign-off-rule.ts). */
  @Column({ type: 'text', default: 'chain' })
  mode: SignOffMode;

  /** Roles in the order they sign; empty: released on submission (an admin's decision, e.g. for Anfragen). */
  @Column({ type: 'text', array: true })
  steps: SignerRole[];

  /**
   * Co-sign units (Mitzeichnung beside the line, e.g. Kämmerei, Rechtsamt) that sign in
   * any order; the last step of the line releases only once all have signed.
   */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  parallel: string[];

  /** Bumped with every change: the seq of the rule's audit entries. */
  @Column({ type: 'int' })
  version: number;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
