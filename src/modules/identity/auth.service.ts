import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { APP_CONFIG, AppConfig } from '../../infrastructure/config/app-config';
import type { JwtClaims } from './auth-user';
import { BodyRequiredError, ForbiddenRoleError, InvalidCredentialsError, TooManyLoginAttemptsError } from './identity.errors';
import { LoginThrottle } from './login-throttle';
import { dummyPasswordHash, verifyPassword } from './password-hasher';
import { normaliseUsername, UsersService } from './users.service';
import type { LoginDto } from './dto/login.dto';

export interface LoginResult {
  accessToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
  user: { id: string; username: string; displayName: string; roles: string[]; body: { id: string; name: string } };
}

@Injectable()
export class AuthService {
  private readonly throttle = new LoginThrottle();

  constructor(
    private readonly users: UsersService,
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async login(input: LoginDto, address: string): Promise<LoginResult> {
    const username = normaliseUsername(input.username);
    const wait = this.throttle.retryAfterSeconds(username, address);
    if (wait > 0) throw new TooManyLoginAttemptsError(wait);

    const user = await this.users.findForLogin(username);
    const valid = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), input.password);
    if (!user || !valid || !user.active) {
      this.throttle.recordFailure(username, address);
      throw new InvalidCredentialsError();
    }
    this.throttle.recordSuccess(username);

    const bodies = await this.users.bodiesWithRoles(user.id);
    if (bodies.length === 0) throw new ForbiddenRoleError([]);
    const body = input.bodyId ? bodies.find((b) => b.id === input.bodyId) : bodies.length === 1 ? bodies[0] : undefined;
    if (!body) throw new BodyRequiredError(bodies.map(({ id, name }) => ({ id, name })));

    const claims: JwtClaims = { sub: user.id, username: user.username, bodyId: body.id, roles: body.roles };
    return {
      accessToken: await this.jwt.signAsync(claims),
      tokenType: 'Bearer',
      expiresIn: this.config.jwtExpiresInSeconds,
      user: {
        id: user.id,
        username: user.username,
        displayName: user.displayName,
        roles: body.roles,
        body: { id: body.id, name: body.name },
      },
    };
  }
}
