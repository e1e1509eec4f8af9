import { Body, Controller, Get, HttpCode, Inject, Ip, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiHeader, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { APP_CONFIG, type AppConfig } from '../../infrastructure/config/app-config';
import { AccessService } from './access.service';
import type { AuthToken, AuthUser } from './auth-user';
import { AuthService } from './auth.service';
import { clearSessionCookies, CSRF_COOKIE, csrfTokenFor, SESSION_COOKIE, setSessionCookies } from './browser-session';
import { CurrentToken, CurrentUser, NoRoleNeeded, Public } from './decorators';
import { LoginResponse, MeView } from './dto/auth.views';
import { LoginDto } from './dto/login.dto';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly access: AccessService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Exchange username and password for a bearer token (429 while the account is locked after repeated failures)',
    description:
      `Also sets the web console's session: \`${SESSION_COOKIE}\` (the token; httpOnly, SameSite=Strict, Secure over https) ` +
      `and \`${CSRF_COOKIE}\` (readable), whose value a request authenticated by the cookie sends as \`X-CSRF-Token\` ` +
      'on every change (POST, PUT, PATCH, DELETE). API clients use the bearer token and may ignore both.',
  })
  @ApiOkResponse({ type: LoginResponse })
  async login(@Body() body: LoginDto, @Ip() address: string, @Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<LoginResponse> {
    const result = await this.auth.login(body, address);
    setSessionCookies(request, response, {
      accessToken: result.accessToken,
      csrfToken: csrfTokenFor(this.config.jwtSecret, result.tokenId),
      expiresInSeconds: result.expiresIn,
    });
    const { tokenId: _id, ...answer } = result;
    return answer;
  }

  @Get('me')
  @NoRoleNeeded()
  @ApiBearerAuth()
  @ApiCookieAuth()
  @ApiOperation({ summary: 'The caller: who the token says, with its roles in the body as they are now' })
  @ApiOkResponse({ type: MeView })
  me(@CurrentUser() user: AuthUser): MeView {
    return user;
  }

  @Post('logout')
  @NoRoleNeeded()
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiCookieAuth()
  @ApiHeader({ name: 'X-CSRF-Token', required: false, description: 'Required when authenticated by the session cookie' })
  @ApiOperation({ summary: 'Revoke the presented token (other tokens of the user stay valid) and clear the console’s session cookies' })
  @ApiNoContentResponse()
  async logout(
    @CurrentUser() user: AuthUser,
    @CurrentToken() token: AuthToken,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<void> {
    await this.access.revokeToken(user.id, token.jti, token.expiresAt);
    clearSessionCookies(request, response);
  }
}
