import { Body, Controller, Get, HttpCode, Ip, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from './auth-user';
import { AuthService } from './auth.service';
import { CurrentUser, Public } from './decorators';
import { LoginDto } from './dto/login.dto';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Exchange username and password for a bearer token (429 after repeated failures)' })
  login(@Body() body: LoginDto, @Ip() address: string) {
    return this.auth.login(body, address);
  }

  @Get('me')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The caller as the token says' })
  me(@CurrentUser() user: AuthUser) {
    return user;
  }
}
