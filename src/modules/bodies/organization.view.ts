import { ApiProperty } from '@nestjs/swagger';
import { ORGANIZATION_KINDS, oparlOrganizationType, type OrganizationKind } from './organization-kind';
import type { Organization } from './organization.entity';

/** An organization as clients see it (CONTRACT.md `GET /organizations`). */
export class OrganizationView {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty() shortName: string;
  @ApiProperty({ enum: ORGANIZATION_KINDS }) kind: OrganizationKind;
  @ApiProperty({ description: 'OParl organizationType: Gremium, Fraktion, Gruppe, Sonstiges' }) organizationType: string;
  @ApiProperty({ nullable: true, description: 'A Fraktion or Gruppe: the council it belongs to' }) parentOrganizationId: string | null;
  @ApiProperty({ nullable: true, description: 'GO des Kreistags: Anträge received this many days before a session must be placed on it (§ 33 KrO NRW)' })
  motionDeadlineDays: number | null;
  @ApiProperty({ description: 'Ladungsfrist in days' }) invitationPeriodDays: number;
  @ApiProperty({ enum: ['calendar', 'working', 'full'], description: 'How the Ladungsfrist counts its days' })
  invitationPeriodKind: string;
  @ApiProperty({ description: 'The shortened period of an urgent invitation, in days' }) urgentInvitationPeriodDays: number;
  @ApiProperty({ description: 'Nachträge at least this many days before the meeting' }) lateAdditionDays: number;
  @ApiProperty({ description: 'Quorate when more than numerator/denominator of the members are present', example: { numerator: 1, denominator: 2 } })
  quorum: { numerator: number; denominator: number };
  @ApiProperty({ nullable: true, description: 'Statutory number of members the quorum counts against (null: the seats with a vote)' })
  statutoryMembers: number | null;
  @ApiProperty({
    nullable: true,
    description: 'Widerspruchsfrist (§ 39 Abs. 1 KrO NRW): calendar days after the session during which the Landrat may object (null: none)',
  })
  objectionWindowDays: number | null;

  static of(o: Organization): OrganizationView {
    return {
      id: o.id,
      name: o.name,
      shortName: o.shortName,
      kind: o.kind,
      organizationType: oparlOrganizationType(o.kind),
      parentOrganizationId: o.parentOrganizationId ?? null,
      motionDeadlineDays: o.motionDeadlineDays ?? null,
      invitationPeriodDays: o.invitationPeriodDays,
      invitationPeriodKind: o.invitationPeriodKind,
      urgentInvitationPeriodDays: o.urgentInvitationPeriodDays,
      lateAdditionDays: o.lateAdditionDays,
      quorum: { numerator: o.quorumNumerator, denominator: o.quorumDenominator },
      statutoryMembers: o.statutoryMembers,
      objectionWindowDays: o.objectionWindowDays ?? null,
    };
  }
}
