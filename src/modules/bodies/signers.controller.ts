import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../identity/auth-user';
import { CurrentUser, Roles } from '../identity/decorators';
import { PutSignerDto, SignerParams } from './dto/signer.dto';
import { SignersService } from './signers.service';

/** How the body's users sign Vorlagen: everyone in the body reads it, its admin sets it. */
@ApiTags('sign-off-rules')
@ApiBearerAuth()
@Controller('sign-off-rules/signers')
export class SignersController {
  constructor(private readonly signers: SignersService) {}

  @Get()
  @ApiOperation({ summary: 'Signer profiles of the caller’s body: name, function, co-sign units, deputy rights (i.V.)' })
  list(@CurrentUser() user: AuthUser) {
    return this.signers.list(user.bodyId);
  }

  @Put(':userId')
  @Roles('admin')
  @ApiOperation({ summary: 'Set how a user of the body signs; applies to signatures made afterwards' })
  set(@CurrentUser() user: AuthUser, @Param() params: SignerParams, @Body() dto: PutSignerDto) {
    return this.signers.set(user, user.bodyId, params.userId, {
      name: dto.name.trim(),
      function: dto.function.trim(),
      coSignUnits: (dto.coSignUnits ?? []).map((u) => u.trim()),
      deputyFor: dto.deputyFor ?? [],
    });
  }
}
