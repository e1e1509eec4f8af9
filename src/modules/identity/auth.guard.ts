import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import type { Request } from 'express';
import { APP_CONFIG, type AppConfig } from '../../infrastructure/config/app-config';
import { AccessService } from './access.service';
import type { AuthToken, AuthUser, JwtClaims } from './auth-user';
import { IS_PUBLIC, NO_ROLE_NEEDED, ROLES_KEY } from './decorators';
import { CSRF_HEADER, csrfMatches, isSafeMethod, parseCookies, SESSION_COOKIE } from './browser-session';
import { CsrfTokenError, ForbiddenRoleError, UnauthenticatedError } from './identity.errors';
import type { Role } from './role';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The global guard: every route needs a valid token unless marked `@Public()` — a
 * bearer token, or the console's session cookie (browser-session.ts), which on a
 * state-changing request also needs the session's CSRF token in `X-CSRF-Token` (403
 * without). A request with an Authorization header is judged by that header alone.
 * The token says who and for which body; what the caller may do is asked per request
 * (AccessService, briefly cached): an unknown or disabled user or a revoked token is
 * 401, a user with no role left in the body 403 (but for `@NoRoleNeeded()` routes), and
 * a route with `@Roles(...)` needs one of them (`hasAnyRole`).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
    private readonly access: AccessService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;

    const request = context.switchToHttp().getRequest<Request & { user?: AuthUser; token?: AuthToken }>();
    const { user, token } = await this.authenticate(request);
    request.user = user;
    request.token = token;

    if (user.roles.length === 0 && !this.reflector.getAllAndOverride<boolean>(NO_ROLE_NEEDED, targets)) {
      throw new ForbiddenRoleError([]);
    }
    const required = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (required && required.length > 0 && !hasAnyRole(user, required)) {
      throw new ForbiddenRoleError(required);
    }
    return true;
  }

  private async authenticate(request: Request): Promise<{ user: AuthUser; token: AuthToken }> {
    const { raw, viaCookie } = presentedToken(request);
    let claims: JwtClaims & { exp?: number };
    try {
      claims = await this.jwt.verifyAsync<JwtClaims & { exp?: number }>(raw);
    } catch {
      throw new UnauthenticatedError('The token is invalid or expired');
    }
    // A token without jti could not be revoked: older tokens are refused, their users log in again.
    if (!UUID.test(String(claims.sub)) || !UUID.test(String(claims.bodyId)) || !UUID.test(String(claims.jti)) || !claims.exp) {
      throw new UnauthenticatedError('The token is invalid or expired');
    }
    const access = await this.access.current(claims.sub);
    if (!access || !access.active) throw new UnauthenticatedError('The account is unknown or disabled');
    if (access.revokedTokenIds.has(claims.jti)) throw new UnauthenticatedError('The token has been revoked (logged out)');
    if (viaCookie && !isSafeMethod(request.method)) {
      const header = request.headers[CSRF_HEADER];
      if (!csrfMatches(this.config.jwtSecret, claims.jti, typeof header === 'string' ? header : undefined)) throw new CsrfTokenError();
    }
    return {
      user: { id: claims.sub, username: access.username, bodyId: claims.bodyId, roles: access.rolesByBody.get(claims.bodyId) ?? [] },
      token: { jti: claims.jti, expiresAt: new Date(claims.exp * 1000) },
    };
  }
}

/** The bearer token of the Authorization header or, without that header, the session cookie's. */
function presentedToken(request: Request): { raw: string; viaCookie: boolean } {
  if (request.headers.authorization !== undefined) {
    const [scheme, raw] = request.headers.authorization.split(' ');
    if (scheme?.toLowerCase() !== 'bearer' || !raw) throw new UnauthenticatedError();
    return { raw, viaCookie: false };
  }
  const raw = parseCookies(request.headers.cookie)[SESSION_COOKIE];
  if (!raw) throw new UnauthenticatedError();
  return { raw, viaCookie: true };
}

/**
 * Whether the user holds one of the roles. A body's `admin` passes every check that
 * names any role but `operator`: the operator's cross-body powers are never implied.
 */
export function hasAnyRole(user: Pick<AuthUser, 'roles'>, roles: readonly Role[]): boolean {
  if (roles.some((role) => user.roles.includes(role))) return true;
  return user.roles.includes('admin') && roles.some((role) => role !== 'operator');
}
