import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from './auth-user';
import { CurrentUser, Roles } from './decorators';
import { SetRolesDto } from './dto/set-roles.dto';
import { UserAdminService } from './user-admin.service';

/** A body's admin manages the users of its body (see UserAdminService for the rules). */
@ApiTags('admin')
@ApiBearerAuth()
@Roles('admin')
@Controller('admin/users')
export class AdminUsersController {
  constructor(private readonly users: UserAdminService) {}

  @Get()
  @ApiOperation({ summary: "The users of the caller's body with their roles there" })
  list(@CurrentUser() user: AuthUser) {
    return this.users.list(user.bodyId);
  }

  @Put(':id/roles')
  @ApiOperation({ summary: "Replace the user's roles in the caller's body; effective at once (granting operator needs an operator)" })
  setRoles(@CurrentUser() user: AuthUser, @Param('id', new ParseUUIDPipe()) id: string, @Body() body: SetRolesDto) {
    return this.users.setRoles(user, id, body.roles);
  }

  @Post(':id/disable')
  @HttpCode(200)
  @ApiOperation({ summary: 'Disable the account: its tokens are refused at once (401), it cannot log in' })
  disable(@CurrentUser() user: AuthUser, @Param('id', new ParseUUIDPipe()) id: string) {
    return this.users.setActive(user, id, false);
  }

  @Post(':id/enable')
  @HttpCode(200)
  @ApiOperation({ summary: 'Enable a disabled account again' })
  enable(@CurrentUser() user: AuthUser, @Param('id', new ParseUUIDPipe()) id: string) {
    return this.users.setActive(user, id, true);
  }
}
