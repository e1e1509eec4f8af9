import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import type { Request } from 'express';
import type { AuthUser, JwtClaims } from './auth-user';
import { IS_PUBLIC, ROLES_KEY } from './decorators';
import { ForbiddenRoleError, UnauthenticatedError } from './identity.errors';
import { isRole, type Role } from './role';

/**
 * The global guard: every route needs a valid bearer token unless marked
 * `@Public()`, and a route with `@Roles(...)` needs one of them (admin passes).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;

    const request = context.switchToHttp().getRequest<Request & { user?: AuthUser }>();
    const user = await this.authenticate(request);
    request.user = user;

    const required = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (required && required.length > 0 && !hasAnyRole(user, required)) {
      throw new ForbiddenRoleError(required);
    }
    return true;
  }

  private async authenticate(request: Request): Promise<AuthUser> {
    const [scheme, token] = (request.headers.authorization ?? '').split(' ');
    if (scheme?.toLowerCase() !== 'bearer' || !token) throw new UnauthenticatedError();
    let claims: JwtClaims;
    try {
      claims = await this.jwt.verifyAsync<JwtClaims>(token);
    } catch {
      throw new UnauthenticatedError('The token is invalid or expired');
    }
    if (!claims.sub || !claims.bodyId || !Array.isArray(claims.roles)) {
      throw new UnauthenticatedError('The token is invalid or expired');
    }
    return { id: claims.sub, username: claims.username, bodyId: claims.bodyId, roles: claims.roles.filter(isRole) };
  }
}

export function hasAnyRole(user: Pick<AuthUser, 'roles'>, roles: readonly Role[]): boolean {
  return roles.some((role) => user.roles.includes(role) || (role !== 'operator' && user.roles.includes('admin')));
}
