import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { APP_CONFIG, AppConfig } from '../../infrastructure/config/app-config';
import type { JwtClaims } from './auth-user';
import type { Role } from './role';
import { BodyRequiredError, ForbiddenRoleError, InvalidCredentialsError, TooManyLoginAttemptsError } from './identity.errors';
import { LoginThrottle } from './login-throttle';
import { dummyPasswordHash, verifyPassword } from './password-hasher';
import { normaliseUsername, UsersService } from './users.service';
import type { LoginDto } from './dto/login.dto';

export interface LoginResult {
  accessToken: string;
  /** The token's id (`jti`), for the console's CSRF token; not part of the answer. */
  tokenId: string;
  tokenType: 'Bearer';
  expiresIn: number;
  user: { id: string; username: string; displayName: string; roles: Role[]; body: { id: string; name: string } };
}

@Injectable()
export class AuthService {
  private readonly logger = new Logger(AuthService.name);

  constructor(
    private readonly throttle: LoginThrottle,
    private readonly users: UsersService,
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async login(input: LoginDto, address: string): Promise<LoginResult> {
    const username = normaliseUsername(input.username);
    const wait = this.throttle.accountWaitSeconds(username);
    if (wait > 0) throw new TooManyLoginAttemptsError(wait);

    const user = await this.users.findForLogin(username);
    const valid = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), input.password);
    if (!user || !valid || !user.active) {
      this.throttle.recordFailure(username, address);
      // A flagged address gets 429 for wrong passwords only: its count never refuses a right one.
      const addressWait = this.throttle.addressWaitSeconds(address);
      if (addressWait > 0) {
        this.logger.warn({ address, retryAfterSeconds: addressWait }, 'many failed logins from one address');
        throw new TooManyLoginAttemptsError(addressWait);
      }
      throw new InvalidCredentialsError();
    }
    this.throttle.recordSuccess(username);

    const bodies = await this.users.bodiesWithRoles(user.id);
    if (bodies.length === 0) throw new ForbiddenRoleError([]);
    const body = input.bodyId ? bodies.find((b) => b.id === input.bodyId) : bodies.length === 1 ? bodies[0] : undefined;
    if (!body) throw new BodyRequiredError(bodies.map(({ id, name }) => ({ id, name })));

    const claims: JwtClaims = { sub: user.id, username: user.username, bodyId: body.id, jti: randomUUID(), roles: body.roles };
    return {
      accessToken: await this.jwt.signAsync(claims),
      tokenId: claims.jti,
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
