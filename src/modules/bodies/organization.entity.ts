import { Check, Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Body } from './body.entity';
import type { PeriodKind } from '../meetings/meeting.types';
import { OrganizationKind } from './organization-kind';

/** A Gremium (OParl `Organization`): committee, Kreisausschuss, Kreistag, city council. */
@Entity('organization')
@Index(['bodyId', 'name'], { unique: true })
@Check(`"kind" IN ('committee', 'district_committee', 'district_council', 'city_council', 'other', 'fraction', 'group')`)
@Check(`"kind" NOT IN ('fraction', 'group') OR "parent_organization_id" IS NOT NULL`)
@Check(`"motion_deadline_days" BETWEEN 0 AND 120`)
@Check(`"invitation_period_days" BETWEEN 0 AND 60`)
@Check(`"invitation_period_kind" IN ('calendar', 'working', 'full')`)
@Check(`"urgent_invitation_period_days" BETWEEN 0 AND 60`)
@Check(`"late_addition_days" BETWEEN 0 AND 60`)
@Check(`"statutory_members" > 0`)
@Check(`"objection_window_days" BETWEEN 0 AND 60`)
@Check(`"quorum_numerator" > 0 AND "quorum_denominator" > 0 AND "quorum_numerator" < "quorum_denominator"`)
export class Organization {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  bodyId: string;

  @ManyToOne(() => Body, { onDelete: 'RESTRICT' })
  body?: Body;

  @Column({ type: 'text' })
  kind: OrganizationKind;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  shortName: string;

  /** A Fraktion or Gruppe (§ 40 KrO NRW) belongs to its council (the Kreistag); null for the rest. */
  @Column({ type: 'uuid', nullable: true })
  parentOrganizationId: string | null;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  parentOrganization?: Organization;

  /**
   * GO des Kreistags: proposals (Anträge) received at least this many days before a
   * session (Berlin days) must be put on its agenda when a Fraktion or a fifth of the
   * members submits them (§ 33 KrO NRW). Null: the council has set no deadline.
   */
  @Column({ type: 'int', nullable: true })
  motionDeadlineDays: number | null;

  /** Ladungsfrist in days (rules of procedure); 7 unless the Geschäftsordnung says otherwise. */
  @Column({ type: 'int', default: 7 })
  invitationPeriodDays: number;

  /** How the Ladungsfrist counts its days: calendar, working (NRW holidays excluded) or full days. */
  @Column({ type: 'text', default: 'full' })
  invitationPeriodKind: PeriodKind;

  /** The shortened period of an urgent invitation (Dringlichkeit), counted the same way. */
  @Column({ type: 'int', default: 3 })
  urgentInvitationPeriodDays: number;

  /** Nachträge reach the members at least this many days before the meeting; later only in the session. */
  @Column({ type: 'int', default: 3 })
  lateAdditionDays: number;

  /** Quorate when MORE than numerator/denominator of the voting members are present. */
  @Column({ type: 'int', default: 1 })
  quorumNumerator: number;

  @Column({ type: 'int', default: 2 })
  quorumDenominator: number;

  /**
   * The statutory number of members (gesetzliche Mitgliederzahl), the Landrat included where
   * he holds a seat: the quorum and the statutory majorities count against it, not against
   * the seats filled today. Null: the seats with a vote on the meeting's day.
   */
  @Column({ type: 'int', nullable: true })
  statutoryMembers: number | null;

  /**
   * § 39 Abs. 1 KrO NRW: the Landrat may object to a decision until the end of the N-th
   * calendar day after the session (3 for the Kreistag). Null: no window (a committee).
   * Tasks carrying out a decision of this organization wait until it has passed.
   */
  @Column({ type: 'int', nullable: true })
  objectionWindowDays: number | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
