import { ApiProperty } from '@nestjs/swagger';
import { ORGANIZATION_KINDS, type OrganizationKind } from './organization-kind';
import type { Organization } from './organization.entity';

/** An organization as clients see it (CONTRACT.md `GET /organizations`). */
export class OrganizationView {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty() shortName: string;
  @ApiProperty({ enum: ORGANIZATION_KINDS }) kind: OrganizationKind;
  @ApiProperty({ description: 'Ladungsfrist in days' }) invitationPeriodDays: number;

  static of(o: Organization): OrganizationView {
    return { id: o.id, name: o.name, shortName: o.shortName, kind: o.kind, invitationPeriodDays: o.invitationPeriodDays };
  }
}
