import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { IsISO8601, IsOptional } from 'class-validator';
import type { AuthUser } from '../identity/auth-user';
import { CurrentUser, Roles } from '../identity/decorators';
import { UpdateOrganizationDto } from './dto/update-organization.dto';
import { OrganizationView } from './organization.view';
import { OrganizationsService } from './organizations.service';
import { Clock } from '../../infrastructure/clock/clock';
import { berlinDay } from '../../shared/calendar';

class MembershipsQuery {
  @IsOptional()
  @IsISO8601({ strict: true })
  date?: string;
}

@ApiTags('organizations')
@ApiBearerAuth()
@Controller('organizations')
export class OrganizationsController {
  constructor(
    private readonly organizations: OrganizationsService,
    private readonly clock: Clock,
  ) {}

  @Get()
  @ApiOkResponse({ type: [OrganizationView] })
  async list(@CurrentUser() user: AuthUser): Promise<OrganizationView[]> {
    return (await this.organizations.list(user.bodyId)).map(OrganizationView.of);
  }

  @Get(':id/memberships')
  @ApiOperation({ summary: 'Seats of the organization (members and substitutes), on a day if given' })
  @ApiQuery({ name: 'date', required: false, example: '2021-08-31' })
  memberships(@CurrentUser() user: AuthUser, @Param('id', new ParseUUIDPipe()) id: string, @Query() query: MembershipsQuery) {
    return this.organizations.memberships(user.bodyId, id, query.date);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One organization; a Fraktion or Gruppe with its strength today against § 40 KrO NRW' })
  @ApiOkResponse({ type: OrganizationView })
  async get(@CurrentUser() user: AuthUser, @Param('id', new ParseUUIDPipe()) id: string) {
    const organization = await this.organizations.get(user.bodyId, id);
    const strength = await this.organizations.strength(organization, berlinDay(this.clock.now()));
    return { ...OrganizationView.of(organization), ...(strength && { strength }) };
  }

  @Patch(':id')
  @Roles('admin')
  @ApiOperation({ summary: 'Edit the organization’s rules of procedure (admin): the Widerspruchsfrist of § 39 Abs. 1 KrO NRW; audited' })
  @ApiOkResponse({ type: OrganizationView })
  async update(
    @CurrentUser() user: AuthUser,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() dto: UpdateOrganizationDto,
  ): Promise<OrganizationView> {
    return OrganizationView.of(await this.organizations.update(user, user.bodyId, id, dto));
  }
}
