import { Body, Controller, Get, HttpCode, Ip, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AccessService } from './access.service';
import type { AuthToken, AuthUser } from './auth-user';
import { AuthService } from './auth.service';
import { CurrentToken, CurrentUser, NoRoleNeeded, Public } from './decorators';
import { LoginDto } from './dto/login.dto';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly access: AccessService,
  ) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Exchange username and password for a bearer token (429 while the account is locked after repeated failures)' })
  login(@Body() body: LoginDto, @Ip() address: string) {
    return this.auth.login(body, address);
  }

  @Get('me')
  @NoRoleNeeded()
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The caller: who the token says, with its roles in the body as they are now' })
  me(@CurrentUser() user: AuthUser) {
    return user;
  }

  @Post('logout')
  @NoRoleNeeded()
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Revoke the presented token (other tokens of the user stay valid)' })
  async logout(@CurrentUser() user: AuthUser, @CurrentToken() token: AuthToken): Promise<void> {
    await this.access.revokeToken(user.id, token.jti, token.expiresAt);
  }
}
