import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../identity/auth-user';
import { CurrentUser } from '../identity/decorators';
import { OrganizationView } from './organization.view';
import { OrganizationsService } from './organizations.service';

@ApiTags('organizations')
@ApiBearerAuth()
@Controller('organizations')
export class OrganizationsController {
  constructor(private readonly organizations: OrganizationsService) {}

  @Get()
  @ApiOkResponse({ type: [OrganizationView] })
  async list(@CurrentUser() user: AuthUser): Promise<OrganizationView[]> {
    return (await this.organizations.list(user.bodyId)).map(OrganizationView.of);
  }

  @Get(':id')
  @ApiOkResponse({ type: OrganizationView })
  async get(@CurrentUser() user: AuthUser, @Param('id', new ParseUUIDPipe()) id: string): Promise<OrganizationView> {
    return OrganizationView.of(await this.organizations.get(user.bodyId, id));
  }
}
