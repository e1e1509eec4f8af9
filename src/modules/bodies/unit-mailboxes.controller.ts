import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../identity/auth-user';
import { CurrentUser, Roles } from '../identity/decorators';
import { PutUnitMailboxDto } from './dto/unit-mailbox.dto';
import { UnitMailboxesService } from './unit-mailboxes.service';

/** The mailboxes of the body's units, where Beschlussauszüge go: everyone in the body reads them, its admin sets them. */
@ApiTags('units')
@ApiBearerAuth()
@Controller('units')
export class UnitMailboxesController {
  constructor(private readonly mailboxes: UnitMailboxesService) {}

  @Get()
  @ApiOperation({ summary: 'The units of the caller’s body with their mailboxes (where Beschlussauszüge are sent)' })
  list(@CurrentUser() user: AuthUser) {
    return this.mailboxes.list(user.bodyId);
  }

  @Put()
  @Roles('admin')
  @ApiOperation({ summary: 'Set a unit’s mailbox (the unit as papers name it in responsibleUnit); applies to minutes signed afterwards' })
  set(@CurrentUser() user: AuthUser, @Body() dto: PutUnitMailboxDto) {
    return this.mailboxes.set(user, user.bodyId, dto.unit, dto.email);
  }
}
